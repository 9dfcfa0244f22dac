"""deploy/ssh/leakguide-ssh: a fixed program with a clean environment, whatever sshd and the
client pass in. Run with a stand-in Python that reports what it was given."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from conftest import REPO
from pty_run import PtyProgram

WRAPPER = REPO / "deploy" / "ssh" / "leakguide-ssh"
# A shell stand-in, not Python: Python would adjust the locale variables it was given.
REPORTER = """#!/bin/sh
printf '%s\\0' "$@" > {directory}/argv
env -0 > {directory}/env
"""


def wrapper_with_reporter(tmp_path: Path, accounts: str = "shared", guide: str = "") -> Path:
    reporter = tmp_path / "python"
    reporter.write_text(REPORTER.format(directory=tmp_path))
    reporter.chmod(0o755)
    text = WRAPPER.read_text()
    for name, value in (("LEAKGUIDE_PYTHON", reporter), ("LEAKGUIDE_ACCOUNTS", accounts),
                        ("LEAKGUIDE_GUIDE", guide),
                        ("LEAKGUIDE_CONFIG", tmp_path / "hosting.conf")):
        text, count = re.subn(rf"(?m)^{name}=.*$", f"{name}={value}", text)
        assert count == 1
    wrapper = tmp_path / "leakguide-ssh"
    wrapper.write_text(text)
    wrapper.chmod(0o755)
    return wrapper


def run(wrapper: Path, env: dict[str, str], args: tuple[str, ...] = (), tty: bool = False):
    """Run the wrapper as sshd would (`-c COMMAND`); return what the stand-in Python saw."""
    argv = [str(wrapper), *args]
    if tty:
        assert PtyProgram(argv, env).finish(timeout=30) is not None, "the wrapper did not end"
    else:
        subprocess.run(argv, env=env, check=True, stdin=subprocess.DEVNULL,
                       capture_output=True)
    directory = wrapper.parent
    seen_argv = (directory / "argv").read_bytes().split(b"\0")[:-1]
    seen_env = (directory / "env").read_bytes().split(b"\0")[:-1]
    return {
        "argv": [a.decode() for a in seen_argv],
        "env": dict(e.decode().split("=", 1) for e in seen_env),
    }


SSHD_ENV = {
    "HOME": "/var/lib/leakguide", "USER": "leakguide", "LOGNAME": "leakguide",
    "PATH": "/usr/bin:/bin", "SHELL": "/usr/local/bin/leakguide-ssh", "TERM": "xterm-256color",
    "SSH_CONNECTION": "192.0.2.1 5555 192.0.2.2 22", "SSH_CLIENT": "192.0.2.1 5555 22",
}


def test_ignores_arguments_and_the_requested_command(tmp_path):
    wrapper = wrapper_with_reporter(tmp_path)
    seen = run(wrapper, {**SSHD_ENV, "SSH_ORIGINAL_COMMAND": "sh -i"}, ("-c", "sh -i"))
    assert seen["argv"] == ["-I", "-m", "leakguide", "--hosted", "read"]
    assert "sh -i" not in json.dumps(seen["env"])


def test_environment_is_rebuilt_from_nothing(tmp_path):
    wrapper = wrapper_with_reporter(tmp_path)
    hostile = {
        **SSHD_ENV, "PYTHONPATH": "/tmp/evil", "PYTHONSTARTUP": "/tmp/evil.py",
        "PYTHONINSPECT": "1", "LD_PRELOAD": "/tmp/evil.so", "LEAKGUIDE_GUIDE": "/etc/shadow",
        "LEAKGUIDE_HOSTED": "personal", "XDG_STATE_HOME": "/tmp/evil", "BROWSER": "sh",
    }
    env = run(wrapper, hostile)["env"]
    assert set(env) <= {"HOME", "USER", "LOGNAME", "PATH", "TERM", "LANG", "LC_ALL",
                        "LC_CTYPE", "NO_COLOR", "LEAKGUIDE_HOSTED", "XDG_STATE_HOME",
                        "XDG_DATA_HOME", "PWD"}  # PWD: set by the stand-in shell
    assert env["LEAKGUIDE_HOSTED"] == "shared"
    assert "XDG_STATE_HOME" not in env  # shared accounts keep nothing
    assert env["PATH"] == "/usr/bin:/bin"


@pytest.mark.parametrize(("sent", "kept"), [
    ("xterm-256color", "xterm-256color"), ("vt100", "vt100"), ("screen.xterm-256color",
     "screen.xterm-256color"), ("", "xterm-256color"), ("unknown", "xterm-256color"),
    ("xterm;sh", "xterm-256color"), ("../../tmp/x", "xterm-256color"),
    ("x" * 100, "xterm-256color"),
])
def test_term_is_kept_only_when_it_is_a_terminal_name(tmp_path, sent, kept):
    env = run(wrapper_with_reporter(tmp_path), {**SSHD_ENV, "TERM": sent})["env"]
    assert env["TERM"] == kept


def test_locale_from_the_client_is_kept_when_sane_and_utf8_otherwise(tmp_path):
    wrapper = wrapper_with_reporter(tmp_path)
    assert run(wrapper, SSHD_ENV)["env"]["LANG"] == "C.UTF-8"
    env = run(wrapper, {**SSHD_ENV, "LANG": "C", "LC_CTYPE": "en_GB.UTF-8"})["env"]
    assert (env["LANG"], env["LC_CTYPE"]) == ("C", "en_GB.UTF-8")
    env = run(wrapper, {**SSHD_ENV, "LANG": "$(id)", "LC_ALL": "a b"})["env"]
    assert env["LANG"] == "C.UTF-8" and "LC_ALL" not in env


def test_no_color_passes_through(tmp_path):
    env = run(wrapper_with_reporter(tmp_path), {**SSHD_ENV, "NO_COLOR": "yes"})["env"]
    assert env["NO_COLOR"] == "1"


def test_terminal_gets_the_app_and_dumb_or_no_terminal_gets_plain_text(tmp_path):
    wrapper = wrapper_with_reporter(tmp_path)
    assert run(wrapper, SSHD_ENV, tty=True)["argv"][-1] == "--hosted"
    assert run(wrapper, {**SSHD_ENV, "TERM": "dumb"}, tty=True)["argv"][-1] == "read"
    assert run(wrapper, SSHD_ENV, tty=False)["argv"][-1] == "read"


def test_personal_accounts_keep_their_own_directories(tmp_path):
    wrapper = wrapper_with_reporter(tmp_path, accounts="personal", guide="/srv/guide.toml")
    seen = run(wrapper, {**SSHD_ENV, "XDG_STATE_HOME": "/home/ann/.local/state",
                         "XDG_DATA_HOME": "relative/not/allowed"}, tty=True)
    assert seen["env"]["LEAKGUIDE_HOSTED"] == "personal"
    assert seen["env"]["XDG_STATE_HOME"] == "/home/ann/.local/state"
    assert "XDG_DATA_HOME" not in seen["env"]
    assert seen["argv"] == ["-I", "-m", "leakguide", "--hosted", "--guide=/srv/guide.toml"]


def test_the_word_ask_picks_the_numbered_flow_and_nothing_else_is_honoured(tmp_path):
    wrapper = wrapper_with_reporter(tmp_path)
    for command in ("ask", "ask ", " ask\t"):
        argv = run(wrapper, {**SSHD_ENV, "SSH_ORIGINAL_COMMAND": command})["argv"]
        assert argv == ["-I", "-m", "leakguide", "--hosted", "ask"], command
    for command in ("ask; sh", "ask&&id", "export", "read /etc/passwd", "--guide=/etc/passwd",
                    "ASK", "ask\nid"):
        argv = run(wrapper, {**SSHD_ENV, "SSH_ORIGINAL_COMMAND": command})["argv"]
        assert argv == ["-I", "-m", "leakguide", "--hosted", "read"], command


@pytest.mark.parametrize(("command", "options"), [
    ("theme=terminal", ["--theme=terminal"]),
    ("theme=high-contrast", ["--theme=high-contrast"]),
    ("theme=mono", ["--theme=mono"]),
    ("theme=default", ["--theme=default"]),
    ("lang=zh-CN", ["--lang=zh-CN"]),
    ("lang=zh", ["--lang=zh-CN"]),
    ("lang=en", ["--lang=en"]),
    ("lang=zh-CN theme=mono", ["--theme=mono", "--lang=zh-CN"]),
    ("theme=terminal  lang=en ask", ["--theme=terminal", "--lang=en", "ask"]),
    ("ask lang=zh-CN", ["--lang=zh-CN", "ask"]),
])
def test_a_theme_and_a_language_from_the_fixed_lists_are_passed_on(tmp_path, command,
                                                                    options):
    wrapper = wrapper_with_reporter(tmp_path)
    seen = run(wrapper, {**SSHD_ENV, "SSH_ORIGINAL_COMMAND": command}, tty="ask" not in command)
    assert seen["argv"] == ["-I", "-m", "leakguide", "--hosted", *options]


@pytest.mark.parametrize("command", [
    "theme=solarized", "theme=", "theme", "theme=Mono", "theme=mono;id", "theme=mono&&sh",
    "theme=$(id)", "theme=`id`", "theme=mono|sh", "theme=mono>x", "theme=*", "theme=m?no",
    "lang=fr", "lang=zh-CN;id", "lang=$LANG", "--theme=mono", "theme='mono'",
    "theme=mono\nid", "theme=terminal --guide=/etc/passwd",
    "theme=mono " + "x" * 100,  # too long: every word is ignored
])
def test_any_other_word_is_ignored_and_never_passed_on(tmp_path, command):
    wrapper = wrapper_with_reporter(tmp_path)
    (tmp_path / "mono").write_text("")  # a file a glob could expand to
    seen = run(wrapper, {**SSHD_ENV, "SSH_ORIGINAL_COMMAND": command}, tty=True)
    # The full-screen guide, with nothing of the request (one accepted word aside).
    kept = ["--theme=terminal"] if command.startswith("theme=terminal ") else []
    assert seen["argv"] == ["-I", "-m", "leakguide", "--hosted", *kept], command
    assert command not in json.dumps(seen["env"])


LIMITS_REPORTER = """#!/bin/sh
cat /proc/self/limits > {directory}/limits
"""


def _limits_seen(tmp_path: Path, preexec=None, wrapper=None) -> dict[str, tuple[str, str]]:
    if wrapper is None:
        wrapper = wrapper_with_reporter(tmp_path)
        (tmp_path / "python").write_text(LIMITS_REPORTER.format(directory=tmp_path))
    subprocess.run([str(wrapper)], env=SSHD_ENV, check=True, stdin=subprocess.DEVNULL,
                   capture_output=True, preexec_fn=preexec)
    seen = {}
    for line in (tmp_path / "limits").read_text().splitlines()[1:]:
        seen[line[:26].strip()] = tuple(line[26:].split()[:2])
    return seen


def test_the_wrapper_caps_each_readers_process(tmp_path):
    limits = _limits_seen(tmp_path)
    assert limits["Max address space"] == (str(1024 ** 3),) * 2
    assert limits["Max cpu time"] == ("300", "300")
    assert limits["Max open files"] == ("64", "64")
    assert limits["Max core file size"] == ("0", "0")


def test_the_wrapper_never_raises_an_operators_lower_limit(tmp_path):
    import resource

    def lower() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (32, 32))
        resource.setrlimit(resource.RLIMIT_CPU, (20, 20))

    limits = _limits_seen(tmp_path, lower)
    assert limits["Max open files"] == ("32", "32")
    assert limits["Max cpu time"] == ("20", "20")
    assert limits["Max address space"] == (str(1024 ** 3),) * 2


def test_the_operators_settings_file_overrides_the_defaults(tmp_path):
    """Settings live in a file an upgrade of the wrapper does not replace."""
    wrapper = wrapper_with_reporter(tmp_path)
    other_python = tmp_path / "bin" / "python"
    other_python.parent.mkdir()
    other_python.write_text((tmp_path / "python").read_text())
    other_python.chmod(0o755)
    (tmp_path / "hosting.conf").write_text(
        "# leakguide hosting settings\n"
        f"LEAKGUIDE_PYTHON = {other_python}\n"
        "LEAKGUIDE_ACCOUNTS=personal   # every reader has an account\n"
        "LEAKGUIDE_GUIDE=/srv/guide.toml\n"
        "\n"
        "LEAKGUIDE_OPEN_FILES=40\n"
    )
    seen = run(wrapper, SSHD_ENV)
    assert seen["env"]["LEAKGUIDE_HOSTED"] == "personal"
    assert seen["argv"] == ["-I", "-m", "leakguide", "--hosted", "--guide=/srv/guide.toml",
                            "read"]
    (tmp_path / "python").write_text(LIMITS_REPORTER.format(directory=tmp_path))
    other_python.write_text(LIMITS_REPORTER.format(directory=tmp_path))
    limits = _limits_seen(tmp_path, wrapper=wrapper)
    assert limits["Max open files"] == ("40", "40")
    assert limits["Max cpu time"] == ("300", "300")


@pytest.mark.parametrize("line", [
    "LEAKGUIDE_PYTHON=python3", "LEAKGUIDE_PYTHON=/x;id", "LEAKGUIDE_ACCOUNTS=everyone",
    "LEAKGUIDE_MEMORY_MIB=1g", "LEAKGUIDE_CPU_SECONDS=", "PATH=/tmp", "$(id)=1",
    "LEAKGUIDE_GUIDE=$(touch /tmp/leakguide-pwned)", "just words",
])
def test_a_bad_settings_file_stops_with_one_sentence_and_runs_nothing(tmp_path, line):
    wrapper = wrapper_with_reporter(tmp_path)
    (tmp_path / "hosting.conf").write_text(line + "\n")
    result = subprocess.run([str(wrapper)], env=SSHD_ENV, stdin=subprocess.DEVNULL,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr == ("leakguide: this server cannot start the guide; please tell its "
                             "operator.\n")
    assert not (tmp_path / "argv").exists()
    assert not Path("/tmp/leakguide-pwned").exists()


def test_a_python_the_account_cannot_run_is_named_in_the_log_not_to_the_reader(tmp_path):
    """A venv made from a Python under /root gave every reader "Permission denied"."""
    wrapper = wrapper_with_reporter(tmp_path)
    (tmp_path / "hosting.conf").write_text(f"LEAKGUIDE_PYTHON={tmp_path / 'no-python'}\n")
    result = subprocess.run([str(wrapper)], env=SSHD_ENV, stdin=subprocess.DEVNULL,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "please tell its operator" in result.stderr
    assert "no-python" not in result.stderr and "Permission denied" not in result.stderr


def test_the_shipped_settings_file_holds_the_wrappers_defaults(tmp_path):
    """deploy/ssh/hosting.conf lists every setting, commented out, with the wrapper's default;
    uncommented, the wrapper accepts it as it is."""
    shipped = (REPO / "deploy" / "ssh" / "hosting.conf").read_text()
    defaults = dict(re.findall(r"(?m)^(LEAKGUIDE_[A-Z_]+)=(.*)$", WRAPPER.read_text()))
    listed = dict(re.findall(r"(?m)^#(LEAKGUIDE_[A-Z_]+)=(.*)$", shipped))
    defaults.pop("LEAKGUIDE_CONFIG")
    assert listed == defaults
    wrapper = wrapper_with_reporter(tmp_path)
    uncommented = re.sub(r"(?m)^#(LEAKGUIDE_)", r"\1", shipped)
    uncommented = re.sub(r"(?m)^LEAKGUIDE_PYTHON=.*$", f"LEAKGUIDE_PYTHON={tmp_path / 'python'}",
                         uncommented)
    (tmp_path / "hosting.conf").write_text(uncommented)
    assert run(wrapper, SSHD_ENV)["argv"] == ["-I", "-m", "leakguide", "--hosted", "read"]
