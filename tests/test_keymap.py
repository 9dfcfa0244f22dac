"""The reader's own keys (keys.toml through `App.set_keymap`): a remapped key works and the old
one does not, help and the keys line show it, and a broken keymap never stops the app."""

from __future__ import annotations

import pytest
from conftest import run_cli
from snapshot_apps import minimal_guide, notices_told, pane_follows

from leakguide.app import LeakGuideApp
from leakguide.keymap import keys_toml, known_bindings, load_keymap
from leakguide.options import AppOptions
from leakguide.screens.help import HelpScreen
from leakguide.screens.search import SearchScreen
from leakguide.widgets.key_bar import KeyBar

SIZE = (100, 30)


def _app(keys_file) -> LeakGuideApp:
    return LeakGuideApp(minimal_guide(), options=AppOptions(keys_path=str(keys_file)))


async def test_a_remapped_key_works_and_the_old_one_does_not(tmp_path):
    keys = tmp_path / "keys.toml"
    keys.write_text('[browse]\nsearch = "s"\n', encoding="utf-8")
    app = _app(keys)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen), "the old key still searches"
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)


async def test_help_and_the_keys_line_show_the_remapped_key(tmp_path):
    keys = tmp_path / "keys.toml"
    keys.write_text('[browse]\nsearch = "ctrl+f"\n[app]\nask = "x"\n', encoding="utf-8")
    app = _app(keys)
    async with app.run_test(size=SIZE) as pilot:
        bar = app.screen.query_one(KeyBar)
        shown = {key.description: key.display for key in bar.keys()}  # noqa: SIM118
        assert shown["Search"].lower() == "ctrl+f" and shown["Ask"] == "x", shown
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        lines = app.screen.plain_text.splitlines()
        search_line = next(line for line in lines if "Search" in line)
        assert "ctrl+f" in search_line.lower() and "/" not in search_line, search_line
        ask_line = next(line for line in lines if line.rstrip().endswith("Ask")
                        or " Ask" in line)
        assert "x" in ask_line.split("Ask")[0], ask_line


async def test_a_broken_keymap_never_stops_the_app(tmp_path):
    keys = tmp_path / "keys.toml"
    keys.write_text('[browse]\nsearch = "s"\nnope = "x"\n[app]\nask = "ctrl+zz"\n'
                    'quit = "s"\n', encoding="utf-8")
    app = _app(keys)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        told = await notices_told(pilot)
        assert f"{keys}:3:1: warning: no key binding has the id 'browse.nope'" in told
        assert f"{keys}:5:7: warning: app.ask: unknown key name 'ctrl+zz'" in told
        assert f"{keys}:6:8: warning: app.quit: 's' is already the key of browse.search" in told
        await pilot.press("s")  # the good entry is used
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape")
        await pilot.press("a")  # the bad ones keep their defaults
        await pilot.pause()
        assert type(app.screen).__name__ == "FlowScreen"


async def test_a_keymap_that_is_not_toml_or_missing_starts_with_the_defaults(tmp_path):
    for text in ('[browse\nsearch = "s"\n', None):
        keys = tmp_path / "keys.toml"
        if text is None:
            keys.unlink()
        else:
            keys.write_text(text, encoding="utf-8")
        app = _app(keys)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("slash")
            await pilot.pause()
            assert isinstance(app.screen, SearchScreen)
            told = await notices_told(pilot)
            assert f"{keys}" in told and "the built-in keys are used" in told


async def test_a_key_typed_before_the_first_frame_still_gets_the_keys_file_notice(
        tmp_path, monkeypatch):
    """The notices wait for the first frame; a key typed before it opened a screen over the
    one that waited, and the reader was never told (a busy machine, or keys typed ahead)."""
    keys = tmp_path / "keys.toml"
    keys.write_text("[browse\n", encoding="utf-8")
    app = _app(keys)
    monkeypatch.setattr(app, "call_after_refresh", lambda *args, **kwargs: True)  # no frame yet
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert "the built-in keys are used" in await notices_told(pilot)
        assert len(app._notifications) == 1, "told once"


def test_keys_prints_an_editable_map_that_reads_back_unchanged(tmp_path):
    defaults = run_cli("keys", "--defaults")
    assert defaults.returncode == 0, defaults.stderr
    assert '[browse]\n' in defaults.stdout and 'search = "slash"' in defaults.stdout
    saved = tmp_path / "keys.toml"
    saved.write_text(defaults.stdout.replace('search = "slash"', 'search = "s"'),
                     encoding="utf-8")
    loaded = load_keymap(saved)
    assert loaded.problems == []
    assert loaded.keymap["browse.search"] == "s"
    mine = run_cli("keys", "--keys", str(saved))
    assert 'search = "s"  # Search' in mine.stdout
    config = tmp_path / "config" / "leakguide"
    config.mkdir(parents=True)
    (config / "keys.toml").write_text('[app]\nask = "x"\nbad = "y"\n', encoding="utf-8")
    found = run_cli("keys", env={"XDG_CONFIG_HOME": str(tmp_path / "config")})
    assert 'ask = "x"' in found.stdout
    assert f"{config / 'keys.toml'}:3:1: warning: no key binding has the id 'app.bad'" \
        in found.stderr


def test_every_binding_can_be_written_and_read_back():
    bindings = known_bindings()
    assert {"app.quit", "browse.search", "tree.down", "outcome.save"} <= bindings.keys()
    text = keys_toml(bindings)
    import tomli

    data = tomli.loads(text)
    assert data["browse"]["search"] == "slash"
    assert data["app"]["help"] == "question_mark,f1"


async def test_search_keys_can_be_remapped_but_not_to_a_typed_character(tmp_path):
    keys = tmp_path / "keys.toml"
    keys.write_text('[search]\ncancel = "ctrl+x"\ndown = "j"\n', encoding="utf-8")
    app = _app(keys)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        told = await notices_told(pilot)
        assert f"{keys}:3:8: warning: search.down: 'j' types a character" in told
        await pilot.press("slash", "escape")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen), "the old key still cancels"
        await pilot.press("j", "ctrl+x")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)


#: Every binding a sentence of the interface names, given another key (none clash).
REMAPPED_FOR_HINTS = """
[app]
ask = "o"
[tree]
expand = "x"
open = "ctrl+o"
[browse]
back = "z"
search = "ctrl+f"
next-area = "ctrl+t"
[search]
cancel = "ctrl+x"
[flow]
back = "ctrl+b"
your-answers = "u"
[outcome]
save = "ctrl+s"
change = "v"
[restart]
yes = "ctrl+r"
no = "ctrl+n"
"""


async def test_sentences_that_name_keys_name_the_readers_keys(tmp_path):
    from test_flow_screens import screen_text
    from textual.widgets import Input

    from leakguide.screens.outcome import OutcomeScreen
    from leakguide.screens.restart import RestartScreen

    keys = tmp_path / "keys.toml"
    keys.write_text(REMAPPED_FOR_HINTS, encoding="utf-8")
    app = _app(keys)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = "\n".join(app.browse.view.text_lines)
        assert "Press Ctrl+O here to start, or press o on any screen." in view, view
        await pilot.press("down")  # a section: its page says how to open a branch
        await pane_follows(pilot)
        view = "\n".join(app.browse.view.text_lines)
        assert "x opens a branch" in view and "→" not in view, view
        await pilot.press("question_mark")
        await pilot.pause()
        hint = app.screen.plain_text.splitlines()[0]
        assert "Ctrl+O opens it" in hint and "z goes back, Ctrl+F searches" in hint, hint
        assert "Ctrl+T moves to the text" in hint, hint
        assert "Related topics (Ctrl+T to reach)" in app.screen.plain_text
        assert app.screen.query_one("#help-dialog").border_title == "Keys — ? or Esc closes"
        await pilot.press("escape", "ctrl+f", *"leak")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one(Input).value == "leak"
        title = str(app.screen.query_one("#search-dialog").border_title)
        assert title == "Search — Enter opens, Ctrl+X cancels", title
        await pilot.press("ctrl+x", "o", "2", "2", "2", "1")
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen)
        assert "Press v to change an answer." in screen_text(app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert "Ctrl+S saves a summary" in app.screen.plain_text
        await pilot.press("escape", "r")
        await pilot.pause()
        assert isinstance(app.screen, RestartScreen)
        text = screen_text(app)
        assert "Press Ctrl+R again (or y) to restart." in text, text
        assert "Press Ctrl+N, b or Esc to keep your answers." in text, text


def test_every_key_a_sentence_names_is_a_binding_and_each_translation_keeps_them():
    import re

    from babel.messages.pofile import read_po
    from conftest import REPO

    placeholder = re.compile(r"\{([a-z]+\.[a-z0-9-]+)(?::all)?\}")
    ids = set(known_bindings())
    po = REPO / "src" / "leakguide" / "locale" / "zh_CN" / "LC_MESSAGES" / "leakguide.po"
    with po.open("rb") as handle:
        catalogue = read_po(handle)
    named = 0
    for message in catalogue:
        if not message.id:
            continue
        keys = sorted(placeholder.findall(message.id))
        named += bool(keys)
        assert set(keys) <= ids, message.id
        assert sorted(placeholder.findall(message.string)) == keys, message.id
    assert named >= 15


async def test_keys_file_problems_are_read_in_full_in_help_on_a_phone(tmp_path):
    """At 40×12 a notice is one line, so a long key-file warning was cut with "…" and shown
    nowhere else: the notice now points to help, which lists each problem in full."""
    from snapshot_apps import make_app
    from test_small_screens import shown_lines

    keys = tmp_path / "keys.toml"
    keys.write_text('[browse]\nsearch = "n"\nforward = "n"\n', encoding="utf-8")
    app = make_app(tmp_path, keys_path=str(keys), fresh=True)
    async with app.run_test(size=(40, 12), notifications=True) as pilot:
        await pilot.pause(0.2)
        await pilot.pause()
        notice = shown_lines(app)[-1]
        assert "Keys file problems: see ? Help" in notice and "…" not in notice
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        problem = (f"{keys}:3:11: warning: browse.forward: 'n' is already the key of "
                   "browse.search (Search) on the same screen; this binding keeps its "
                   "default key 'f'")
        assert app.screen.key_file_problems == [problem]
        assert "Keys file problems" in app.screen.plain_text
        body = app.screen.query_one("#help-body")
        drawn = "".join(strip.text.strip()
                        for strip in body.render_lines(body.region.reset_offset))
        assert problem.replace(" ", "") in drawn.replace(" ", "")  # every word, wrapped


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_the_narrow_progress_hint_names_the_readers_your_answers_key(tmp_path, lang):
    """The hint after "Question n of at most m" on a narrow screen said "y: your answers" in
    English whatever the language and the reader's key."""
    from conftest import BUNDLED_GUIDE
    from snapshot_apps import make_app
    from test_small_screens import shown_lines

    from leakguide.i18n import set_language
    from leakguide.screens.flow import YourAnswersList

    keys = tmp_path / "keys.toml"
    keys.write_text('[flow]\nyour-answers = "o"\n', encoding="utf-8")
    app = make_app(tmp_path, guide_path=BUNDLED_GUIDE, keys_path=str(keys), fresh=True,
                   language=lang)
    try:
        async with app.run_test(size=(56, 24)) as pilot:
            await pilot.press("a", "7")  # none of the emergency signs: question 2
            await pilot.pause()
            progress = next(line for line in shown_lines(app) if "8" in line)
            if lang == "en":
                assert "· o: your answers" in progress
            else:
                assert "· o：你的答案" in progress
            assert "y:" not in progress
            await pilot.press("o")
            await pilot.pause()
            assert app.screen.query_one(YourAnswersList).display
    finally:
        set_language("en")


async def test_the_readers_why_key_also_closes_why_we_ask_on_a_phone(tmp_path):
    keys = tmp_path / "keys.toml"
    keys.write_text('[flow]\nwhy = "x"\n', encoding="utf-8")
    app = _app(keys)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("a", "x")
        await pilot.pause()
        assert app.screen.has_class("-why-open")
        bar = app.screen.query_one(KeyBar)
        assert bar.keys()[0].display == "x"
        await pilot.press("w")  # the old key does nothing now
        await pilot.pause()
        assert app.screen.has_class("-why-open")
        await pilot.press("x")
        await pilot.pause()
        assert not app.screen.has_class("-why-open")
