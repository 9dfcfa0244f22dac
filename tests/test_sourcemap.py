"""The position scanner: every way TOML can spell a key or value lands on the right line."""

from __future__ import annotations

import tomli

from leakguide.content.sourcemap import Position, SourceMap


def _map(text: str) -> SourceMap:
    tomli.loads(text)  # the scanner only ever sees text tomli accepted
    return SourceMap(text)


def test_plain_keys_and_values():
    source = _map('a = 1\nb = "two"\n')
    assert source.key(("a",)) == Position(1, 1)
    assert source.value(("b",)).start == Position(2, 5)
    assert source.value(("b",)).delimiter == '"'


def test_dotted_and_quoted_keys():
    text = 'x.y.z = 1\n"a.b" = 2\nsite."google.com" = 3\n  spaced . key = 4\n'
    source = _map(text)
    assert source.key(("x", "y", "z")) == Position(1, 1)
    assert source.key(("x",)) == Position(1, 1)  # created implicitly
    assert source.key(("a.b",)) == Position(2, 1)
    assert source.key(("site", "google.com")) == Position(3, 1)
    assert source.key(("spaced", "key")) == Position(4, 3)


def test_escaped_and_literal_quoted_keys():
    source = _map('"\\u0041b" = 1\n\'c:\\\\d\' = 2\n')
    assert source.key(("Ab",)) == Position(1, 1)
    assert source.key(("c:\\\\d",)) == Position(2, 1)


def test_table_headers_with_spaces_quotes_and_brackets():
    text = '[ a . "b]c" ]\nk = 1\n[[ list ]]\nm = 2\n'
    source = _map(text)
    assert source.key(("a", "b]c")) == Position(1, 1)
    assert source.key(("a", "b]c", "k")) == Position(2, 1)
    assert source.key(("list", 0, "m")) == Position(4, 1)
    assert source.key(("list",)) == Position(3, 1)


def test_nested_arrays_of_tables_restart_under_each_parent():
    text = (
        "[flow]\nstart = 'q'\n"
        "[[flow.question]]\nid = 'a'\n"
        "[[flow.question.answer]]\nid = 'a1'\n"
        "[[flow.question.answer]]\nid = 'a2'\n"
        "[[flow.question]]\nid = 'b'\n"
        "[[flow.question.answer]]\nid = 'b1'\n"
        "[[flow.outcome]]\nid = 'o'\n"
    )
    source = _map(text)
    assert source.key(("flow", "question", 0, "answer", 1, "id")) == Position(8, 1)
    assert source.key(("flow", "question", 1, "id")) == Position(10, 1)
    assert source.key(("flow", "question", 1, "answer", 0, "id")) == Position(12, 1)
    assert source.key(("flow", "question", 1, "answer", 1)) is None
    assert source.key(("flow", "outcome", 0, "id")) == Position(14, 1)


def test_inline_tables_and_arrays_of_inline_tables():
    text = 'point = { x = 1, y = { z = "deep" } }\nitems = [ { id = "a" }, { id = "b" } ]\n'
    source = _map(text)
    assert source.key(("point", "y", "z")) == Position(1, 24)
    assert source.value(("point", "y", "z")).start == Position(1, 28)
    assert source.value(("items", 1)).start == Position(2, 25)
    assert source.key(("items", 1, "id")) == Position(2, 27)


def test_multi_line_arrays_with_comments_and_trailing_commas():
    text = 'list = [ # first\n  "a", # after a\n\n  # alone\n  "b",\n]\nnext = 1 # done\n'
    source = _map(text)
    assert source.value(("list", 0)).start == Position(2, 3)
    assert source.value(("list", 1)).start == Position(5, 3)
    assert source.key(("next",)) == Position(7, 1)


def test_strings_holding_comment_and_bracket_characters():
    text = 'a = "# not a comment ]"\nb = \'[also] # not\'\n[t]\nc = "x\\"#]"\nd = 2\n'
    source = _map(text)
    assert source.key(("b",)) == Position(2, 1)
    assert source.key(("t", "c")) == Position(4, 1)
    assert source.key(("t", "d")) == Position(5, 1)


def test_multi_line_strings_with_quotes_and_continuations():
    text = (
        'a = """\nsay ""hi""\n"""\n'
        'b = """ends with quotes"""""\n'
        "c = '''\nraw \\ text\n'''\n"
        'd = """\\\n  joined \\\n  line"""\n'
        "e = 1\n"
    )
    source = _map(text)
    assert source.key(("b",)) == Position(4, 1)
    assert source.key(("c",)) == Position(5, 1)
    assert source.key(("d",)) == Position(8, 1)
    assert source.key(("e",)) == Position(11, 1)
    assert source.value_source(("b",)) == (text.index('"""ends'), '"""ends with quotes"""""')


def test_crlf_line_endings():
    text = '[guide]\r\ntitle = "x"\r\nbody = """\r\nline\r\n"""\r\n[[topic]]\r\nid = "t"\r\n'
    source = _map(text)
    assert source.key(("guide", "title")) == Position(2, 1)
    assert source.value(("guide", "title")).start == Position(2, 9)
    assert source.key(("topic", 0, "id")) == Position(7, 1)


def test_dates_numbers_and_booleans_with_trailing_comments():
    text = "d = 1979-05-27 07:32:00Z # when\nn = -1_000\nf = inf\nb = true\nlast = 1\n"
    source = _map(text)
    assert source.key(("last",)) == Position(5, 1)
    assert source.value_source(("d",))[1].strip() == "1979-05-27 07:32:00Z"


def test_find_falls_back_to_the_nearest_known_enclosing_key():
    text = "[a]\nb = [1, 2]\n"
    source = _map(text)
    assert source.find(("a", "b", 1)) == Position(2, 9)
    assert source.find(("a", "missing")) == Position(1, 1)
    assert source.find(("nowhere",)) is None


def test_body_position_of_multi_line_strings():
    trimmed = _map('b = """\nfirst\nsecond"""\n').value(("b",))
    assert trimmed.body_position(1, 2) == Position(3, 3)
    same_line = _map('b = """first\nsecond"""\n').value(("b",))
    assert same_line.body_position(0, 2) == Position(1, 10)
    assert same_line.body_position(1, 2) == Position(2, 3)
    one_line = _map('b = "first"\n').value(("b",))
    assert one_line.body_position(0, 2) == Position(1, 8)


def test_unexpected_text_keeps_what_was_found_before():
    source = SourceMap("a = 1\nb = \n")  # not TOML: the scanner must not raise
    assert source.key(("a",)) == Position(1, 1)
