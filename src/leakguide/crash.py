"""What happens when the app meets an error nobody planned for. No Textual here.

The reader sees one short sentence, never a traceback (which would show install paths and
source lines to anyone on a hosted server); the details go where the operator can read them:

- the file named by `$LEAKGUIDE_ERROR_LOG`, when it is set (appended to);
- otherwise, in hosted mode, the server's system log (syslog, tag `leakguide`);
- otherwise `errors.log` in the user's log directory (`platformdirs.user_log_dir`), whose path
  the sentence names.

If none of those can be written, the details go to standard error, except in hosted mode.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

ENV_ERROR_LOG = "LEAKGUIDE_ERROR_LOG"
READER_SENTENCE = ("leakguide stopped: something unexpected went wrong. "
                   "Sorry; please start it again.")


def report_unexpected_error(details: str, *, hosted: bool, stream: TextIO | None = None) -> None:
    """Tell the reader in one sentence that the app stopped, and keep `details` for the operator."""
    stream = sys.stderr if stream is None else stream
    where = _keep(details, hosted)
    sentence = READER_SENTENCE
    if where is not None and not hosted:
        sentence += f" (Details: {where})"
    try:
        print(sentence, file=stream, flush=True)
        if where is None and not hosted:
            print(details, file=stream, flush=True)
    except (OSError, ValueError):
        pass  # no terminal left to tell


def _keep(details: str, hosted: bool) -> str | None:
    """Write `details` to the error log; where they went (a path or "the system log"), or None."""
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    entry = f"--- {stamp} leakguide pid {os.getpid()}\n{details.rstrip()}\n"
    path = os.environ.get(ENV_ERROR_LOG)
    if not path and hosted:
        return _to_syslog(details)
    if not path:
        try:
            from .options import user_dir

            path = str(user_dir("log") / "errors.log")
            os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        except Exception:  # noqa: BLE001 - no log directory: fall back below
            return None
    try:
        with open(path, "a", encoding="utf-8", errors="replace") as log:
            log.write(entry)
    except OSError:
        return _to_syslog(details) if hosted else None
    return path


def _to_syslog(details: str) -> str | None:
    try:
        import syslog
    except ImportError:
        return None
    try:
        syslog.openlog("leakguide", syslog.LOG_PID, syslog.LOG_USER)
        for line in details.rstrip().splitlines():
            syslog.syslog(syslog.LOG_ERR, line)
    except Exception:  # noqa: BLE001 - a log we cannot reach must not become a second crash
        return None
    return "the system log"
