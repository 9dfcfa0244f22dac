"""How the app was asked to start. Plain data: no Textual here."""

from __future__ import annotations

from .content.record import Record


class AppOptions(Record):
    """Start-up choices from the command line (all optional; defaults suit a reader)."""

    def __init__(self, guide_path: str = "", fresh: bool = False, save_dir: str | None = None,
                 state_dir: str | None = None, hosted: bool = False,
                 start_topic: str | None = None, answers: tuple[str, ...] = (),
                 watch: bool = False) -> None:
        vars(self).update(guide_path=guide_path, fresh=fresh, save_dir=save_dir,
                          state_dir=state_dir, hosted=hosted, start_topic=start_topic,
                          answers=answers, watch=watch)
