"""Content cannot drive the reader's terminal: escape sequences in a guide are rejected by
`check`, and even a guide object built without the validator never reaches the terminal
as escape sequences."""

from __future__ import annotations

import re
import sys

from conftest import FIXTURES, REPO, run_cli
from pty_run import PtyProgram

#: Name -> (what goes into a TOML basic string, the raw text).
PAYLOADS = {
    "ESC": ("\\u001bc", "\x1bc"),  # a bare ESC starting RIS, the terminal's full reset
    "OSC 52": ("\\u001b]52;c;cHduZWQ=\\u0007", "\x1b]52;c;cHduZWQ=\x07"),
    "OSC 0": ("\\u001b]0;PWNED-TITLE\\u0007", "\x1b]0;PWNED-TITLE\x07"),
    "CSI": ("\\u001b[31;5;7mINJECTED-CSI", "\x1b[31;5;7mINJECTED-CSI"),
    "C1 CSI": ("\\u009b2J", "\x9b2J"),
    "bidi override": ("\\u202eesrever\\u202c", "\u202eesrever\u202c"),
    "bidi isolate": ("\\u2066isolated\\u2069", "\u2066isolated\u2069"),
}
#: Where each payload goes in the minimal guide: (the line's old text, the new text template).
PLACES = {
    "ESC": ('title = "Test guide"', 'title = "Test {} guide"'),
    "OSC 52": ('summary = "Milk is pushed out by a reflex."', 'summary = "Milk {} out."'),
    "OSC 0": ('title = "Breast pads"', 'title = "Breast {} pads"'),
    "CSI": ('body = "Change pads when they are wet."', 'body = "Change {} pads."'),
    "C1 CSI": ('label = "None of these"', 'label = "None {} of these"'),
    "bidi override": ('title = "This is normal"', 'title = "This {} is normal"'),
    "bidi isolate": ('text = "When does it leak?"', 'text = "When {} does it leak?"'),
}


def injected_guide_text() -> tuple[str, dict[str, int]]:
    """The minimal guide with every payload in a different field; and each payload's line."""
    text = (FIXTURES / "minimal.toml").read_text()
    lines: dict[str, int] = {}
    for name, (old, template) in PLACES.items():
        assert text.count(old) == 1, old
        index = text.index(old)
        text = text.replace(old, template.format(PAYLOADS[name][0]))
        lines[name] = text.count("\n", 0, index) + 1
    return text, lines


def test_check_rejects_each_escape_sequence_by_line(tmp_path):
    text, lines = injected_guide_text()
    guide = tmp_path / "injected.toml"
    guide.write_text(text)
    result = run_cli("check", str(guide))
    assert result.returncode == 2, result.stdout
    for name, line in lines.items():
        expected = re.compile(rf"^{re.escape(str(guide))}:{line}:\d+: error: .*U\+[0-9A-F]{{4}}",
                              re.MULTILINE)
        assert expected.search(result.stdout), f"{name} (line {line}) not reported:\n" \
                                               f"{result.stdout}"
    assert "Traceback" not in result.stdout + result.stderr


RENDER_SCRIPT = r"""
import sys
from leakguide.content import load_guide
from leakguide.options import AppOptions

PAYLOADS = {payloads!r}
guide = load_guide({fixture!r}).guide
p = list(PAYLOADS.values())
def dirty(text, i):
    return f"{{p[i % len(p)]}} {{text}} {{p[(i + 1) % len(p)]}}"

info = guide.info._replace(title=dirty(guide.info.title, 0),
                           summary=dirty(guide.info.summary, 1))
topics = {{
    key: t._replace(title=dirty(t.title, i), summary=dirty(t.summary, i + 2),
                             body=dirty(t.body, i + 3))
    for i, (key, t) in enumerate(guide.topics.items())
}}
questions = {{
    key: q._replace(text=dirty(q.text, i), why=dirty(q.why, i + 1),
        answers=tuple(a._replace(label=dirty(a.label, i + j), preview=dirty(a.preview, j))
                      for j, a in enumerate(q.answers)))
    for i, (key, q) in enumerate(guide.flow.questions.items())
}}
outcomes = {{
    key: o._replace(title=dirty(o.title, i), body=dirty(o.body, i + 4),
                             get_help_if=tuple(dirty(x, i) for x in o.get_help_if))
    for i, (key, o) in enumerate(guide.flow.outcomes.items())
}}
sections = {{k: s._replace(title=dirty(s.title, 5)) for k, s in guide.sections.items()}}
sources = {{k: s._replace(title=dirty(s.title, 6), publisher=dirty(s.publisher, 2),
                                  url=s.url + p[2] + p[3])
           for k, s in guide.sources.items()}}
flow = guide.flow._replace(title=dirty(guide.flow.title, 3), questions=questions,
                           outcomes=outcomes)
guide = guide._replace(info=info, topics=topics, flow=flow, sections=sections,
                            sources=sources)
from leakguide.app import LeakGuideApp
LeakGuideApp(guide, options=AppOptions(guide_path={fixture!r}, fresh=True, hosted=True)).run()
"""


def test_rendered_guide_emits_no_injected_sequence(tmp_path):
    script = RENDER_SCRIPT.format(payloads={k: v[1] for k, v in PAYLOADS.items()},
                                  fixture=str(FIXTURES / "minimal.toml"))
    env = {"PATH": "/usr/bin:/bin", "TERM": "xterm-256color", "LANG": "C.UTF-8",
           "PYTHONPATH": str(REPO / "src"), "HOME": str(tmp_path),
           "XDG_STATE_HOME": str(tmp_path / "state"), "XDG_DATA_HOME": str(tmp_path / "data")}
    program = PtyProgram([sys.executable, "-c", script], env)
    assert program.wait_for(lambda out: b"esrever" in out or b"Test" in out, 20), program.output
    program.pump(1.0)
    # Walk the guide: tree, topics, search, the flow to an outcome, help.
    for keys in (b"j", b"\r", b"j", b"\r", b"\t", b"\r", b"b", b"/", b"pads", b"\r",
                 b"a", b"2", b"1", b"?", b"\x1b", b"b", b"b"):
        program.send(keys, settle=0.25)
    program.send(b"q", settle=0.2)
    program.send(b"\x11", settle=0.2)  # ctrl+q, in case `q` was typed into a field
    status = program.finish(timeout=10)
    output = program.output.decode("utf-8", errors="replace")
    assert "Traceback" not in output
    for name, (_, raw) in PAYLOADS.items():
        assert raw not in output, f"{name} reached the terminal"
    for forbidden in ("\x1b]52", "\x1b]0;", "\x9b", "\u202e", "\u202c", "\u2066", "\u2069",
                      "\x1b[31;5;7m", "\x1bc"):
        assert forbidden not in output, f"{forbidden!r} reached the terminal"
    # The only operating-system commands are Textual's own: OSC 8 links, OSC 22 pointer.
    assert set(re.findall(r"\x1b\](\d+);", output)) <= {"8", "22"}
    assert "esrever" in output or "INJECTED-CSI" in output or "Test" in output
    assert status == 0
