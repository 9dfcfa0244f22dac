"""End to end through a real OpenSSH server, the shipped drop-in and wrapper, and a real
terminal (tmux at 80x24): what a reader who runs `ssh leakguide@host` gets."""

from __future__ import annotations

import json
import os
import signal
import socket
import struct
import subprocess
import time
from pathlib import Path

import pytest
from sshd_harness import SSHD, Session, free_port, server_and_terminal, start_sshd, wait_for

TITLE = "Test guide"  # tests/fixtures/minimal.toml
FIRST_QUESTION = "Is any of this happening now?"
FEVER_QUESTION = "Do you have a fever?"
RED_FLAGS_QUESTION = "Do any of these apply?"
LAST_QUESTION = "When does it leak?"
OUTCOME_AFTER_NONE_FEEDS = "This is normal"
LET_DOWN_BODY = "A hormone makes the breast"  # the start of its body (lines wrap)



@pytest.fixture
def session(tmp_path: Path):
    yield from server_and_terminal(tmp_path, accounts="personal")


@pytest.fixture
def shared_session(tmp_path: Path):
    yield from server_and_terminal(tmp_path, accounts="shared")


def connect(session: Session) -> None:
    """Open `ssh -tt` in the pane and wait for the guide's title."""
    session.tmux.start(session.server.ssh_argv("-tt"))
    session.tmux.wait_screen(TITLE)


def search_and_open(session: Session, words: str, expected_body: str) -> None:
    session.tmux.keys("/")
    session.tmux.wait_screen("Search [—-] ")  # the search screen's title
    session.tmux.text(words)
    session.tmux.wait_screen(r"\d+ topics? found")  # results are in
    session.tmux.keys("Enter")
    session.tmux.wait_screen(expected_body)


def answer_flow_to_normal(session: Session) -> None:
    session.tmux.keys("a")
    session.tmux.wait_screen(FIRST_QUESTION)
    session.tmux.keys("2")  # no emergency signs
    session.tmux.wait_screen(FEVER_QUESTION)
    session.tmux.keys("2")  # no fever
    session.tmux.wait_screen(RED_FLAGS_QUESTION)
    session.tmux.keys("2")  # none of the warning signs
    session.tmux.wait_screen(LAST_QUESTION)
    session.tmux.keys("1")
    session.tmux.wait_screen(OUTCOME_AFTER_NONE_FEEDS)


def test_reader_browses_through_sshd(session: Session):
    connect(session)
    # A topic opens from the tree: down to the first topic, Enter.
    session.tmux.keys("j", "j", "Enter")
    session.tmux.wait_screen(LET_DOWN_BODY)
    # `/` search by a hidden keyword; Enter opens the match.
    search_and_open(session, "wet", "Change pads when they are wet")
    # `q` quits and the ssh client exits 0; nothing is left on the server.
    session.tmux.keys("q")
    assert session.tmux.wait_exit(timeout=10) == 0
    wait_for(lambda: not session.server.server_side_pids(), 2, message="the app to end")


def test_reader_answers_the_flow_through_sshd(session: Session):
    connect(session)
    # `a` starts the flow, digits answer it, an outcome shows.
    answer_flow_to_normal(session)
    session.tmux.keys("q")
    assert session.tmux.wait_exit(timeout=10) == 0


def test_ssh_without_tty_gets_plain_text(session: Session):
    result = subprocess.run(session.server.ssh_argv("-T"), stdin=subprocess.DEVNULL,
                            capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    text = result.stdout.decode("utf-8")
    assert TITLE in text
    for title in ("The let-down reflex", "What sets it off", "Breast pads"):
        assert title in text
    assert b"\x1b" not in result.stdout
    assert b"\x1b" not in result.stderr


def test_ssh_without_tty_can_ask_the_flow_on_stdin(session: Session):
    result = subprocess.run([*session.server.ssh_argv("-T"), "ask"], input=b"2\n2\n2\n1\n",
                            capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    text = result.stdout.decode("utf-8")
    assert FIRST_QUESTION in text and LAST_QUESTION in text
    assert OUTCOME_AFTER_NONE_FEEDS in text
    assert b"\x1b" not in result.stdout


def test_remote_command_is_ignored(session: Session):
    """Whatever the reader asks sshd to run, the guide runs instead: no shell escape."""
    marker = session.server.directory / "pwned"
    result = subprocess.run(
        [*session.server.ssh_argv("-T"), f"touch {marker}; echo SHELL-RAN; id"],
        stdin=subprocess.DEVNULL, capture_output=True, timeout=60,
    )
    assert b"SHELL-RAN" not in result.stdout
    assert b"uid=" not in result.stdout
    assert not marker.exists()


def test_a_reader_names_a_theme_and_a_language_and_nothing_else(session: Session):
    """`ssh -t leakguide@HOST theme=NAME lang=LANG`: both reach the app (a personal account
    keeps the theme); a word outside the wrapper's fixed lists runs nothing."""
    session.tmux.start([*session.server.ssh_argv("-tt"), "theme=high-contrast", "lang=zh-CN"])
    session.tmux.wait_screen("帮助")  # the keys line in Chinese
    session.tmux.keys("q")
    assert session.tmux.wait_exit(timeout=10) == 0
    state = next(session.server.state_home.rglob("state.json"))
    assert json.loads(state.read_text())["theme"] == "high-contrast"
    marker = session.server.directory / "pwned"
    for command in (f"theme=mono;touch {marker}", f"theme=$(touch {marker})",
                    f"lang=zh-CN`touch {marker}`"):
        result = subprocess.run([*session.server.ssh_argv("-T"), command],
                                stdin=subprocess.DEVNULL, capture_output=True, timeout=60)
        assert result.returncode == 0, result.stderr.decode(errors="replace")
        assert TITLE in result.stdout.decode("utf-8")  # plain text, in English
        assert not marker.exists()


def test_forwarding_and_sftp_are_refused(session: Session):
    port = session.server.port
    forward = subprocess.run(
        [*session.server.ssh_argv("-T", "-o", "ExitOnForwardFailure=yes",
                                  "-L", f"127.0.0.1:0:127.0.0.1:{port}"), ],
        stdin=subprocess.DEVNULL, capture_output=True, timeout=60,
    )
    assert forward.returncode != 0
    sftp = subprocess.run(
        ["sftp", "-b", "-", "-P", str(port), "-i", str(session.server.client_key),
         "-F", "/dev/null", "-o", "StrictHostKeyChecking=no",
         "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
         f"{session.server.user}@127.0.0.1"],
        input=b"ls /\n", capture_output=True, timeout=60,
    )
    assert sftp.returncode != 0
    assert b"etc" not in sftp.stdout


def test_dropped_connection_saves_state_and_leaves_no_process(session: Session):
    connect(session)
    search_and_open(session, "dripping", LET_DOWN_BODY)
    # The app saves half a second after a move; drop the link right after this one, so
    # only the hang-up handler can have saved it.
    search_and_open(session, "wet", "Change pads when they are wet")
    server_pids = wait_for(session.server.server_side_pids, 5, message="the server-side app")
    client_pid = session.tmux.command_pid()
    os.kill(client_pid, signal.SIGKILL)  # the reader's laptop lid closes, the link drops
    dropped_at = time.monotonic()
    wait_for(lambda: all(_ended(pid) for pid in server_pids), 2,
             message="the server-side app to exit")
    assert time.monotonic() - dropped_at <= 2
    assert not session.server.server_side_pids()
    state_file = session.server.state_home / "leakguide" / "state.json"
    assert state_file.is_file(), sorted(session.server.state_home.rglob("*"))
    state = json.loads(state_file.read_text())
    assert state["topic"] == "pads"


def test_personal_account_resumes(session: Session):
    """Control for the shared-account test: where resume is allowed it works over SSH."""
    connect(session)
    answer_flow_to_normal(session)
    session.tmux.keys("q")
    assert session.tmux.wait_exit() == 0
    session.tmux.close()
    connect(session)
    session.tmux.keys("a")
    session.tmux.wait_screen(OUTCOME_AFTER_NONE_FEEDS)


def test_shared_account_keeps_nothing_between_readers(shared_session: Session):
    session = shared_session
    home_state = Path.home() / ".local" / "state" / "leakguide"
    before = _snapshot(home_state)
    # Reader one reads a topic, answers the flow and tries to save the summary.
    connect(session)
    search_and_open(session, "dripping", LET_DOWN_BODY)
    answer_flow_to_normal(session)
    session.tmux.keys("s")
    session.tmux.keys("t")  # another theme: kept for nobody
    session.tmux.wait_screen("Theme: terminal")
    session.tmux.keys("q")
    assert session.tmux.wait_exit() == 0
    session.tmux.close()
    written = [p for p in (session.server.state_home, session.server.data_home)
               for p in p.rglob("*")]
    assert written == []
    assert _snapshot(home_state) == before
    # Reader two, same account: no answers, no history, no summaries of reader one.
    connect(session)
    first = session.tmux.screen()
    assert LET_DOWN_BODY not in first
    assert OUTCOME_AFTER_NONE_FEEDS not in first
    session.tmux.keys("b")  # back: there is no history to go back to
    time.sleep(0.3)
    assert LET_DOWN_BODY not in session.tmux.screen()
    session.tmux.keys("a")
    screen = session.tmux.wait_screen(FIRST_QUESTION)
    assert OUTCOME_AFTER_NONE_FEEDS not in screen
    assert LAST_QUESTION not in screen
    session.tmux.keys("q")
    assert session.tmux.wait_exit() == 0


def _ended(pid: int) -> bool:
    """The process is gone, or has exited and waits only for its parent to reap it."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return True
    return fields[0] in ("Z", "X")


def _snapshot(directory: Path) -> list[tuple[str, int]]:
    if not directory.exists():
        return []
    return sorted((str(p), p.stat().st_mtime_ns) for p in directory.rglob("*"))


def _limits(pid: int) -> dict[str, str]:
    """/proc/PID/limits as {"Max address space": "SOFT HARD", ...}."""
    limits = {}
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines()[1:]:
        name, soft, hard = line[:26].strip(), *line[26:].split()[:2]
        limits[name] = f"{soft} {hard}"
    return limits


def test_each_readers_process_is_capped(session: Session):
    """The shipped wrapper caps the app sshd starts for a reader: memory, CPU, open files."""
    connect(session)
    server_pids = wait_for(session.server.server_side_pids, 5, message="the server-side app")
    limits = _limits(server_pids[0])
    assert limits["Max address space"] == f"{1024 * 1024 * 1024} {1024 * 1024 * 1024}"
    assert limits["Max cpu time"] == "300 300"
    assert limits["Max open files"] == "64 64"
    assert limits["Max core file size"] == "0 0"
    session.tmux.keys("q")
    assert session.tmux.wait_exit(timeout=10) == 0


def test_connection_that_opens_no_session_is_closed(tmp_path: Path):
    """`ssh -N` (no guide, forwarding only) is closed after `UnusedConnectionTimeout` (the
    shipped 30 s made 1 s here)."""
    server = start_sshd(tmp_path / "sshd", settings={"UnusedConnectionTimeout": "1"})
    try:
        result = subprocess.run(server.ssh_argv("-N"), stdin=subprocess.DEVNULL,
                                capture_output=True, timeout=60)
    finally:
        server.stop()
    assert result.returncode == 255
    assert b"closed by remote host" in result.stderr


def test_shipped_timeouts_are_what_sshd_applies(tmp_path: Path):
    server = start_sshd(tmp_path / "sshd")
    try:
        settings = subprocess.run(
            [str(SSHD), "-T", "-f", str(server.directory / "sshd_config"),
             "-C", f"user={server.user},host=reader,addr=192.0.2.1"],
            capture_output=True, text=True, check=True).stdout.splitlines()
    finally:
        server.stop()
    assert "unusedconnectiontimeout 30" in settings
    assert "channeltimeout session:*=1h" in settings


def test_agent_x11_and_dynamic_forwarding_are_refused(tmp_path: Path):
    """`ssh -A`, `ssh -X` and `ssh -D` get nothing: sshd refuses each request."""
    server = start_sshd(tmp_path / "sshd", log_level="DEBUG1")
    agent_socket = tmp_path / "agent.sock"
    agent = subprocess.run(["ssh-agent", "-a", str(agent_socket)], capture_output=True,
                           text=True, check=True)
    agent_pid = int(agent.stdout.split("SSH_AGENT_PID=")[1].split(";")[0])
    try:
        # -X: the client says so.
        x11 = subprocess.run(server.ssh_argv("-T", "-X"), stdin=subprocess.DEVNULL,
                             capture_output=True, timeout=60,
                             env={**os.environ, "DISPLAY": ":0"})
        assert b"X11 forwarding request failed" in x11.stderr
        # -A: the client asks without waiting for a reply; sshd's log says it refused.
        subprocess.run(server.ssh_argv("-T", "-A"), stdin=subprocess.DEVNULL,
                       capture_output=True, timeout=60,
                       env={**os.environ, "SSH_AUTH_SOCK": str(agent_socket)})
        assert "agent forwarding disabled" in server.log.read_text()
        # -D: a SOCKS request through the tunnel to this very sshd gets no connection.
        socks_port = free_port()
        tunnel = subprocess.Popen(server.ssh_argv("-N", "-D", f"127.0.0.1:{socks_port}"),
                                  stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(lambda: _accepts(socks_port), 30, message="the SOCKS listener")
            with socket.create_connection(("127.0.0.1", socks_port), timeout=10) as sock:
                sock.sendall(b"\x05\x01\x00")
                assert sock.recv(2) == b"\x05\x00"
                sock.sendall(b"\x05\x01\x00\x01" + socket.inet_aton("127.0.0.1")
                             + struct.pack(">H", server.port))
                received = b""
                while chunk := sock.recv(4096):
                    received += chunk
            assert b"SSH-2.0" not in received
            wait_for(lambda: "refused local port forward" in server.log.read_text(), 15,
                     message="sshd to log the refusal")
        finally:
            tunnel.terminate()
            try:
                tunnel.wait(10)
            except subprocess.TimeoutExpired:  # seen in CI: ssh -N ignoring SIGTERM for a while
                tunnel.kill()
                tunnel.wait(10)
    finally:
        os.kill(agent_pid, signal.SIGTERM)
        server.stop()


def _accepts(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_an_idle_guide_is_closed_by_a_global_channel_timeout(tmp_path: Path):
    """OpenSSH 9.2 applies `ChannelTimeout` only from the global config (not from the Match
    block), as docs/hosting.md says: there it ends a guide nobody uses, and the app with it."""
    sessions = server_and_terminal(tmp_path, settings={"ChannelTimeout": "session:*=4s"},
                                   global_config="ChannelTimeout session:*=4s\n")
    session = next(sessions)
    try:
        session.tmux.start(session.server.ssh_argv("-tt"))
        assert session.tmux.wait_exit(timeout=60) == 255
        wait_for(lambda: not session.server.server_side_pids(), 5,
                 message="the server-side app to exit")
    finally:
        sessions.close()
