"""Run a Textual program and end it the moment it writes a frame that shows MARKER.

    python benchmarks/exit_at_first_paint.py MARKER -m leakguide --guide guide.toml
    python benchmarks/exit_at_first_paint.py MARKER benchmarks/hello_app.py

Used by `first_paint_instructions.py`, so that an instruction count covers start-up to the first
paint and nothing after it (no idle loop, no shutdown). Stdlib and Textual only.
"""

from __future__ import annotations

import os
import runpy
import sys


def main() -> None:
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    marker, target = sys.argv[1], sys.argv[2:]
    from textual.drivers import linux_driver

    write = linux_driver.LinuxDriver.write

    def write_then_exit_at_marker(self, data: str) -> None:
        write(self, data)
        if marker in data:
            os._exit(0)

    linux_driver.LinuxDriver.write = write_then_exit_at_marker  # type: ignore[method-assign]
    if target[:2] == ["-m", "leakguide"]:
        # leakguide's driver hands its frames to a PacedOutput (leakguide/output.py), which
        # takes them in at once and sends them from its own thread: stop once it has the
        # first frame that shows MARKER (the thread would run on while the app keeps working).
        from leakguide import output

        paced_write = output.PacedOutput.write

        def paced_write_then_exit_at_marker(self, data: str, size=None) -> None:
            paced_write(self, data, size)
            if marker in data:
                os._exit(0)

        output.PacedOutput.write = paced_write_then_exit_at_marker  # type: ignore[method-assign]
    if target[0] == "-m":
        sys.argv = [target[1], *target[2:]]
        runpy.run_module(target[1], run_name="__main__", alter_sys=True)
    else:
        sys.argv = target
        runpy.run_path(target[0], run_name="__main__")


if __name__ == "__main__":
    main()
