"""Hosted mode: the guide served to many readers over SSH. Plain data: no Textual.

`--hosted` (or `LEAKGUIDE_HOSTED` in the environment, which the SSH wrapper
`deploy/ssh/leakguide-ssh` sets) turns it on. Then the app opens no URLs and saves no files on
the server (its driver refuses; the app has no command palette, so no Textual "Screenshot"
entry), and reads only the guide the operator chose. What is kept for the next visit depends
on how readers map to accounts:

- `shared` (the default): many readers share one system account. Nothing one reader did is
  kept for the next one: resume and saved summaries are off.
- `personal`: every reader logs in to a system account of their own (the operator vouches
  for that in the wrapper, never the reader). Resume and summaries live in that account's own
  state and data directories, keyed by the account, which a reader cannot spoof.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from .options import AppOptions, user_dir

ENV_HOSTED = "LEAKGUIDE_HOSTED"
Accounts = Literal["shared", "personal"]
SHARED: Accounts = "shared"
PERSONAL: Accounts = "personal"

def hosting_mode(flag: bool, environ: Mapping[str, str]) -> Accounts | None:
    """`shared`, `personal` or None (not hosted), from `--hosted` and `$LEAKGUIDE_HOSTED`."""
    value = environ.get(ENV_HOSTED, "").strip().lower()
    if value == PERSONAL:
        return PERSONAL
    if flag or value not in ("", "0", "no", "off", "false"):
        return SHARED
    return None


def hosted_options(options: AppOptions, accounts: Accounts | None) -> AppOptions:
    """`options` adjusted for hosting: shared accounts keep nothing; personal ones keep their
    own state and summaries in the account's own directories."""
    if accounts is None:
        return options
    if accounts == SHARED:
        return options._replace(hosted=True, state_dir=None, save_dir=None)
    return options._replace(hosted=True, state_dir=str(user_dir("state")),
                            save_dir=str(user_dir("data") / "summaries"))

