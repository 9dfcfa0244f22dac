"""A real OpenSSH server and a real terminal (tmux) for end-to-end tests.

`start_sshd` runs `/usr/sbin/sshd` on 127.0.0.1 at a free high port with a throw-away config,
host key and client key in a temp directory. Its sessions run the shipped wrapper
`deploy/ssh/leakguide-ssh` (with only its Python line pointed at a throw-away venv that sees
this checkout's `src`) under the shipped drop-in `deploy/ssh/leakguide.conf` (its `Match User`
pointed at the current user). `Tmux` drives a pane on a private socket.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import shutil
import signal
import site
import socket
import subprocess
import sys
import sysconfig
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DEPLOY = REPO / "deploy" / "ssh"
SSHD = Path("/usr/sbin/sshd")
FIXTURE_GUIDE = REPO / "tests" / "fixtures" / "minimal.toml"
CLIENT_OPTIONS = (
    "-F", "/dev/null",
    "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
    "-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=10",
)


def missing_tools(*names: str) -> list[str]:
    """Which of the named programs are not installed (sshd by its absolute path)."""
    missing = []
    for name in names:
        if name == "sshd":
            if not os.access(SSHD, os.X_OK):
                missing.append(str(SSHD))
        elif shutil.which(name) is None:
            missing.append(name)
    return missing


def require(*names: str) -> None:
    """Skip the test with a clear reason when a program it needs is not installed."""
    missing = missing_tools(*names)
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (install openssh-server, openssh-client and "
                    "tmux; .ci/run does)")


def wait_for(predicate: Callable[[], object], timeout: float, interval: float = 0.05,
             message: str = "condition") -> object:
    """Poll `predicate` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {message}")
        time.sleep(interval)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make_venv(directory: Path) -> Path:
    """A venv whose Python sees this checkout's `src` and the running Python's packages (via a
    .pth file, which still works under `python -I`). Returns its python."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(directory)], check=True)
    python = directory / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"],
            *site.getsitepackages()}
    lines = [str(REPO / "src"), *sorted(p for p in ours if Path(p).is_dir())]
    Path(purelib, "leakguide-test.pth").write_text("\n".join(lines) + "\n")
    return python


def installed_wrapper(directory: Path, python: Path, accounts: str, guide: Path) -> Path:
    """The shipped wrapper with its three operator settings replaced, and its settings file
    pointed at `directory/hosting.conf` (absent unless a test writes it); nothing else."""
    text = (DEPLOY / "leakguide-ssh").read_text()
    settings = {"LEAKGUIDE_PYTHON": python, "LEAKGUIDE_ACCOUNTS": accounts,
                "LEAKGUIDE_GUIDE": guide, "LEAKGUIDE_CONFIG": directory / "hosting.conf"}
    for name, value in settings.items():
        text, count = re.subn(rf"(?m)^{name}=.*$", f"{name}={value}", text)
        assert count == 1, f"the wrapper no longer has exactly one {name}= line"
    wrapper = directory / "leakguide-ssh"
    wrapper.write_text(text)
    wrapper.chmod(0o755)
    return wrapper


def drop_in_for_tests(user: str, wrapper: Path, authorized_keys: Path,
                      settings: dict[str, str] | None = None) -> str:
    """deploy/ssh/leakguide.conf for `user`, running `wrapper`, keys from `authorized_keys`;
    `settings` replaces the value of other lines the drop-in already has (e.g. a timeout)."""
    text = (DEPLOY / "leakguide.conf").read_text()
    replacements = {
        r"(?m)^Match User leakguide$": f"Match User {user}",
        r"(?m)^(\s*)ForceCommand .*$": rf"\1ForceCommand {wrapper}",
        r"(?m)^(\s*)AuthorizedKeysFile .*$": rf"\1AuthorizedKeysFile {authorized_keys}",
        **{rf"(?m)^(\s*){name} .*$": rf"\1{name} {value}"
           for name, value in (settings or {}).items()},
    }
    for pattern, replacement in replacements.items():
        text, count = re.subn(pattern, replacement, text)
        assert count == 1, f"the drop-in no longer has exactly one {pattern!r}"
    return text


@dataclass
class SshServer:
    """A running throw-away sshd and what a client needs to reach it."""

    directory: Path
    port: int
    client_key: Path
    python: Path
    state_home: Path
    data_home: Path
    process: subprocess.Popen
    log: Path
    user: str = field(default_factory=lambda: pwd.getpwuid(os.getuid()).pw_name)

    def ssh_argv(self, *extra: str) -> list[str]:
        """`ssh` to this server as the current user with the test key; `extra` e.g. `-tt`."""
        return ["ssh", *extra, "-p", str(self.port), "-i", str(self.client_key),
                *CLIENT_OPTIONS, f"{self.user}@127.0.0.1"]

    def server_side_pids(self) -> list[int]:
        """Processes running this server's leakguide (found by its unique venv path)."""
        marker = str(self.python).encode()
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if marker in cmdline and b"leakguide" in cmdline:
                pids.append(int(entry.name))
        return pids

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        for pid in self.server_side_pids():
            with_suppressed(lambda pid=pid: os.kill(pid, signal.SIGKILL))


def with_suppressed(action: Callable[[], object]) -> None:
    with contextlib.suppress(OSError):
        action()


def start_sshd(directory: Path, accounts: str = "personal",
               guide: Path = FIXTURE_GUIDE, settings: dict[str, str] | None = None,
               log_level: str = "VERBOSE", global_config: str = "") -> SshServer:
    """Start sshd for the current user; sessions run the wrapper in `accounts` mode, under the
    shipped drop-in with `settings` replaced (see `drop_in_for_tests`). `global_config` adds
    lines before the drop-in (e.g. `MaxStartups 100:30:300\n`)."""
    require("sshd", "ssh", "ssh-keygen")
    directory.mkdir(parents=True, exist_ok=True)
    user = pwd.getpwuid(os.getuid()).pw_name
    host_key, client_key = directory / "host_ed25519", directory / "client_ed25519"
    for key in (host_key, client_key):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)],
                       check=True)
    authorized_keys = directory / "authorized_keys"
    authorized_keys.write_text(Path(f"{client_key}.pub").read_text())
    authorized_keys.chmod(0o600)
    python = make_venv(directory / "venv")
    wrapper = installed_wrapper(directory, python, accounts, guide)
    state_home, data_home = directory / "state", directory / "data"
    state_home.mkdir()
    data_home.mkdir()
    with contextlib.suppress(OSError):  # sshd's privilege-separation dir (needed as root)
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
    port = free_port()
    config = directory / "sshd_config"
    config.write_text(
        f"Port {port}\n"
        "ListenAddress 127.0.0.1\n"
        f"HostKey {host_key}\n"
        f"PidFile {directory / 'sshd.pid'}\n"
        "StrictModes no\n"
        "UsePAM no\n"
        "PermitRootLogin prohibit-password\n"
        "PubkeyAuthentication yes\n"
        "PasswordAuthentication no\n"
        "KbdInteractiveAuthentication no\n"
        "PrintMotd no\n"
        "PrintLastLog no\n"
        f"LogLevel {log_level}\n"
        # Where the per-account state and summaries go (the test's, not the user's home).
        f"SetEnv XDG_STATE_HOME={state_home} XDG_DATA_HOME={data_home}\n"
        + global_config
        + drop_in_for_tests(user, wrapper, authorized_keys, settings)
    )
    subprocess.run([str(SSHD), "-t", "-f", str(config)], check=True)
    log = directory / "sshd.log"
    process = subprocess.Popen(
        [str(SSHD), "-D", "-e", "-f", str(config)],
        stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )
    server = SshServer(directory, port, client_key, python, state_home, data_home, process, log,
                       user)

    def listening() -> bool:
        if process.poll() is not None:
            raise AssertionError(f"sshd exited: {log.read_text()}")
        with socket.socket() as sock:
            return sock.connect_ex(("127.0.0.1", port)) == 0

    wait_for(listening, 10, message="sshd to listen")
    return server


class Tmux:
    """One tmux server on a private socket with one pane. The pane's command runs under a
    shell that writes its exit status to a file (tmux 3.3 sometimes leaves a finished pane's
    process unreaped, so `#{pane_dead_status}` cannot be relied on)."""

    def __init__(self, directory: Path) -> None:
        require("tmux")
        self.directory = directory
        self.starts = 0
        self.socket = directory / "tmux-0.sock"
        self.status_file = directory / "pane-exit-status"
        config = directory / "tmux.conf"
        config.write_text("set -g remain-on-exit on\nset -g status off\n"
                          "set -g default-terminal tmux-256color\nset -g history-limit 0\n")
        self.config = config
        self.started = False

    def tmux(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(["tmux", "-f", str(self.config), "-S", str(self.socket), *args],
                                capture_output=True, text=True, check=check, env=_pane_env())
        return result.stdout

    def start(self, command: list[str], width: int = 80, height: int = 24) -> None:
        """Run `command` in a new pane of the given size."""
        self.status_file.unlink(missing_ok=True)
        # A fresh server per start: a new one on a just-killed server's socket can fail.
        self.starts += 1
        self.socket = self.directory / f"tmux-{self.starts}.sock"
        line = " ".join(_quote(part) for part in command)
        # tmux sizes a new pane just after starting its command; wait for the final size so
        # the program does not start at the default size and miss the resize.
        shell = (f'while [ "$(stty size)" != "{height} {width}" ]; do sleep 0.02; done; '
                 f"{line}; echo $? > {_quote(str(self.status_file))}")
        self.tmux("new-session", "-d", "-s", "t", "-x", str(width), "-y", str(height),
                  "/bin/sh", "-c", shell)
        self.started = True

    def keys(self, *keys: str) -> None:
        """Send tmux key names (`Enter`, `Up`, `q`, ...)."""
        for key in keys:
            self.tmux("send-keys", "-t", "t", key)

    def burst(self, *keys: str) -> None:
        """Send several keys in one write, as a slow link delivers what was typed ahead."""
        self.tmux("send-keys", "-t", "t", *keys)

    def text(self, literal: str) -> None:
        self.tmux("send-keys", "-t", "t", "-l", literal)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "t", check=False)

    def wait_screen(self, pattern: str, timeout: float = 15) -> str:
        """Wait until the screen matches the regex `pattern` (case-insensitive); return it."""
        regex = re.compile(pattern, re.IGNORECASE | re.DOTALL)
        last = [""]

        def matches() -> str | None:
            last[0] = self.screen()
            return last[0] if regex.search(last[0]) else None

        try:
            return str(wait_for(matches, timeout, message=f"{pattern!r} on screen"))
        except AssertionError as exc:
            raise AssertionError(f"{exc}; the screen was:\n{last[0]}") from None

    def resize(self, width: int, height: int) -> None:
        self.tmux("resize-window", "-t", "t", "-x", str(width), "-y", str(height))

    def pane(self, fmt: str) -> str:
        return self.tmux("display-message", "-p", "-t", "t", fmt, check=False).strip()

    def wait_exit(self, timeout: float = 10) -> int:
        """Wait for the pane's command to end; return its exit status."""
        def status() -> str | None:
            try:
                return self.status_file.read_text().strip() or None
            except FileNotFoundError:
                return None

        try:
            return int(str(wait_for(status, timeout, message="the pane's command to exit")))
        except AssertionError as exc:
            raise AssertionError(f"{exc}; the screen was:\n{self.screen()}") from None

    def command_pid(self) -> int:
        """The pid of the pane's command (the child of the pane's shell)."""
        shell = int(self.pane("#{pane_pid}"))
        children = Path(f"/proc/{shell}/task/{shell}/children").read_text().split()
        assert len(children) == 1, children
        return int(children[0])

    def close(self) -> None:
        if self.started:
            self.tmux("kill-server", check=False)
            self.started = False


def _pane_env() -> dict[str, str]:
    """The test's environment without what would tell a program a fixed size (pytest
    plugins export COLUMNS and LINES) or that it runs under a test."""
    return {k: v for k, v in os.environ.items()
            if k not in ("COLUMNS", "LINES", "TMUX", "TMUX_PANE")
            and not k.startswith(("PYTEST_", "TEXTUAL_"))}


def _quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


@dataclass
class Session:
    """A server and a terminal, for one test."""

    server: SshServer
    tmux: Tmux


def server_and_terminal(directory: Path, accounts: str = "personal",
                        guide: Path = FIXTURE_GUIDE,
                        settings: dict[str, str] | None = None,
                        global_config: str = "") -> Iterator[Session]:
    require("sshd", "ssh", "ssh-keygen", "tmux")
    server = start_sshd(directory / "sshd", accounts, guide, settings,
                        global_config=global_config)
    terminal = Tmux(directory)
    try:
        yield Session(server, terminal)
    finally:
        terminal.close()
        server.stop()
