"""N readers connect at once through a real sshd; how long each waits for the guide, and what
each costs the server.

    python benchmarks/load_ssh.py --readers 10
    python benchmarks/load_ssh.py --readers 30 --json

Starts the throw-away sshd of the end-to-end tests (`tests/sshd_harness.py`: the shipped
drop-in and wrapper, `LEAKGUIDE_ACCOUNTS=shared`, the bundled guide), then opens N `ssh -tt`
clients at the same moment, each in its own 80x24 pseudo-terminal (`tests/pty_run.PtyProgram`).
Measures, per reader:

- first paint: seconds from starting `ssh` to the guide's key bar on the reader's screen
  (connection, key exchange, login, the wrapper, Python and the app's first frame);
- the server-side app's memory once every reader has a screen: PSS and RSS from
  /proc/PID/smaps_rollup (PSS shares the pages readers have in common fairly between them);
- the server-side sshd processes of all sessions (PSS, summed), and `MemAvailable` before and
  after (noisy when anything else runs);
- CPU seconds (user + system) each app and the session's sshd processes used up to then: what
  one arrival costs, whatever else the machine is doing.

Then every reader presses `q` and the script checks that no server-side process is left.
The clients run on the same machine as the server, so their CPU (ssh and this script) counts
against it too: on a real server the readers' side is elsewhere. Needs root or an account sshd
accepts keys for (as the end-to-end tests), openssh-server and openssh-client. Linux only.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "tests"), str(REPO / "benchmarks")]

from pty_run import PtyProgram  # noqa: E402
from sshd_harness import require, start_sshd, wait_for  # noqa: E402

GUIDE = REPO / "guide.toml"
MARKER = "Quit"  # in the key bar of the first frame
#: What the recipe suggests for a busy guide (docs/hosting.md); sshd's default is 10:30:100.
MAX_STARTUPS = "100:30:300"


def smaps_kib(pid: int) -> dict[str, int]:
    """Rss and Pss (KiB) of a process, from /proc/PID/smaps_rollup; {} if it has gone."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return {}
    values = {}
    for line in text.splitlines():
        name, _, rest = line.partition(":")
        if name in ("Rss", "Pss"):
            values[name] = int(rest.split()[0])
    return values


def descendants(root: int) -> list[int]:
    """Every process below `root` in the process tree."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (0 if it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def mem_available_kib() -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1])
    return 0


def run(readers: int, timeout: float) -> dict[str, object]:
    require("sshd", "ssh", "ssh-keygen")
    with tempfile.TemporaryDirectory(prefix="leakguide-load-") as scratch:
        server = start_sshd(Path(scratch) / "sshd", accounts="shared", guide=GUIDE,
                            global_config=f"MaxStartups {MAX_STARTUPS}\n")
        try:
            return _measure(server, readers, timeout)
        finally:
            server.stop()


def _measure(server, readers: int, timeout: float) -> dict[str, object]:
    load_before = os.getloadavg()
    available_before = mem_available_kib()
    # Started as close to "at once" as starting N processes allows.
    sessions = [PtyProgram(server.ssh_argv("-tt")) for _ in range(readers)]
    paints: list[float | None] = [None] * readers
    errors: list[str] = []

    def watch(index: int) -> None:
        try:
            paints[index] = sessions[index].wait_for_text(MARKER, timeout=timeout)
        except TimeoutError as exc:
            errors.append(f"reader {index + 1}: {exc}")

    threads = [threading.Thread(target=watch, args=(i,)) for i in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    _drain_all(sessions, 1.0)  # let the last frames arrive before measuring memory
    apps = server.server_side_pids()
    app_memory = [m for m in (smaps_kib(pid) for pid in apps) if m]
    app_pids = set(apps)
    app_cpu = [cpu_seconds(pid) for pid in apps]
    sshd_pids = [pid for pid in descendants(server.process.pid) if pid not in app_pids]
    sshd_cpu = sum(cpu_seconds(pid) for pid in sshd_pids)
    sshd_pss = sum(smaps_kib(pid).get("Pss", 0) for pid in sshd_pids)
    available_after = mem_available_kib()
    for session in sessions:
        if session.process is not None:
            os.write(session.master, b"q")
    try:
        # Keep reading every screen: a reader whose terminal stops reading stalls its app.
        wait_for(lambda: _drain_all(sessions, 0.05) or not server.server_side_pids(), 30,
                 interval=0, message="every app to exit")
        left_behind = 0
    except AssertionError:
        left_behind = len(server.server_side_pids())
    for session in sessions:
        session.close()
    painted = sorted(p for p in paints if p is not None)
    pss = [m["Pss"] / 1024 for m in app_memory]
    rss = [m["Rss"] / 1024 for m in app_memory]
    return {
        "readers": readers,
        "cpus": os.cpu_count(),
        "load_average_before": [round(x, 2) for x in load_before],
        "painted": len(painted),
        "errors": errors,
        "first_paint_s": {"median": _r(statistics.median(painted)) if painted else None,
                          "max": _r(max(painted)) if painted else None,
                          "min": _r(min(painted)) if painted else None},
        "app_pss_mib": _summary(pss),
        "app_rss_mib": _summary(rss),
        "app_cpu_s_to_first_paint": {"median": _r(statistics.median(app_cpu)) if app_cpu
                                     else None, "total": _r(sum(app_cpu))},
        "sshd_cpu_s_per_reader": _r(sshd_cpu / max(len(apps), 1)),
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "sshd_pss_mib_per_reader": _r(sshd_pss / 1024 / max(len(apps), 1)),
        "mem_available_drop_mib": _r((available_before - available_after) / 1024),
        "processes_left_after_quit": left_behind,
    }


def _drain_all(sessions: list[PtyProgram], seconds: float) -> None:
    """Read what every reader's terminal has been sent, for `seconds`."""
    deadline = time.perf_counter() + seconds
    while True:
        for session in sessions:
            if session.master >= 0:
                session._drain(0.0)
        if time.perf_counter() >= deadline:
            return
        time.sleep(0.02)


def _r(value: float) -> float:
    return round(value, 2)


def _summary(values: list[float]) -> dict[str, float | None]:
    if not values:
        return {"median": None, "max": None, "total": None}
    return {"median": _r(statistics.median(values)), "max": _r(max(values)),
            "total": _r(sum(values))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readers", type=int, default=10, help="readers at once (default 10)")
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="seconds a reader waits for the first paint (default 60)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    result = run(args.readers, args.timeout)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    paint, pss = result["first_paint_s"], result["app_pss_mib"]
    print(f"{result['readers']} readers at once on {result['cpus']} CPUs "
          f"(load average before: {result['load_average_before']})")
    print(f"  first paint: median {paint['median']} s, max {paint['max']} s "  # type: ignore[index]
          f"({result['painted']} of {result['readers']} painted)")
    print(f"  app PSS per reader: median {pss['median']} MiB, max {pss['max']} MiB; "  # type: ignore[index]
          f"RSS median {result['app_rss_mib']['median']} MiB")  # type: ignore[index]
    cpu = result["app_cpu_s_to_first_paint"]
    print(f"  CPU per reader to its first paint: app {cpu['median']} s (median), "  # type: ignore[index]
          f"sshd {result['sshd_cpu_s_per_reader']} s")
    print(f"  sshd PSS per reader: {result['sshd_pss_mib_per_reader']} MiB; "
          f"MemAvailable fell by {result['mem_available_drop_mib']} MiB")
    print(f"  server processes left after every reader pressed q: "
          f"{result['processes_left_after_quit']}")
    for error in result["errors"]:  # type: ignore[attr-defined]
        print("  " + error)


if __name__ == "__main__":
    main()
