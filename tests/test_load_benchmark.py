"""benchmarks/load_ssh.py still runs: two readers at once through the real sshd get the guide,
are measured, and leave nothing behind. (Its timings are not checked: speed is not tested.)"""

from __future__ import annotations

import sys

from conftest import REPO
from sshd_harness import require


def test_the_load_benchmark_measures_readers_and_leaves_nothing():
    require("sshd", "ssh", "ssh-keygen")
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import load_ssh
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    result = load_ssh.run(readers=2, timeout=60)
    assert result["painted"] == 2, result["errors"]
    assert result["processes_left_after_quit"] == 0
    assert 5 < result["app_pss_mib"]["median"] < 500
    assert result["app_cpu_s_to_first_paint"]["total"] > 0
