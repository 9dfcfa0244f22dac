"""`leakguide search`: the app's search as plain text, for pipes, screen readers and `ssh -T`."""

from __future__ import annotations

import sys

from conftest import REPO, run_cli
from tools_helpers import MINIMAL, load

from leakguide.search import SearchIndex
from leakguide.tools.search import render_search


def test_help():
    result = run_cli("search", "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: leakguide search")
    for option in ("--guide", "--limit", "QUERY"):
        assert option in result.stdout


def test_prints_ranked_topics_with_id_title_and_snippet():
    result = run_cli("search", "--guide", str(MINIMAL), "hormone", "squeeze")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "1 topic for “hormone squeeze”, best first:"
    assert lines[2] == "[let-down] The let-down reflex"
    assert lines[3].startswith("    text: ") and "hormone makes the breast squeeze" in lines[3]
    assert lines[-1] == "Read one with: leakguide read TOPIC-ID"
    assert "\x1b" not in result.stdout and "**" not in result.stdout


def test_same_ranking_as_the_app():
    guide = load(REPO / "guide.toml")
    for query in ("soaked shirt", "mastits", "how do i stop leaking"):
        expected = [r.topic_id for r in SearchIndex(guide).search(query, limit=5)]
        printed = render_search(guide, query, limit=5).text
        ids = [line[1:line.index("]")] for line in printed.splitlines() if line.startswith("[")]
        assert ids == expected, query


def test_limit_and_the_bundled_guide_by_default():
    result = run_cli("search", "--limit", "2", "leaking")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("2 topics for “leaking”")
    assert sum(line.startswith("[") for line in result.stdout.splitlines()) == 2
    bad = run_cli("search", "--limit", "0", "leaking")
    assert bad.returncode == 2 and "--limit" in bad.stderr


def test_no_match_says_did_you_mean_and_exits_1():
    result = run_cli("search", "--guide", str(MINIMAL), "hoormonnne")
    assert result.returncode == 1
    assert result.stdout == "No topic matches “hoormonnne”.\nDid you mean: hormone?\n"
    nothing = run_cli("search", "--guide", str(MINIMAL), "zqxj")
    assert nothing.returncode == 1
    assert "No topic matches" in nothing.stdout and "leakguide read --list" in nothing.stdout


def test_a_query_of_spaces_is_a_usage_error():
    result = run_cli("search", "--guide", str(MINIMAL), " ")
    assert result.returncode == 2
    assert "words to search for" in result.stderr


def test_ascii_locale_gets_ascii_text():
    result = run_cli("search", "--guide", str(MINIMAL), "pads",
                     env={"LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": ""})
    assert result.returncode == 0
    assert result.stdout.isascii()


def test_does_not_import_textual():
    code = ("import sys\nfrom leakguide.cli import main\n"
            f"main(['search', '--guide', {str(MINIMAL)!r}, 'pads'])\n"
            "print(sorted({m.split('.')[0] for m in sys.modules}))")
    import subprocess

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={"PYTHONPATH": str(REPO / "src")})
    assert result.returncode == 0, result.stderr
    assert "'textual'" not in result.stdout.splitlines()[-1]


def test_a_long_query_is_cut_as_the_search_field_cuts_it_and_says_so():
    from leakguide.search import MAX_QUERY_LENGTH

    guide = load(MINIMAL)
    query = "hormone squeeze " + "x" * 5000
    printed = render_search(guide, query, width=1000).text
    assert "x" * (MAX_QUERY_LENGTH + 1) not in printed  # not echoed whole
    assert f"“{query[:MAX_QUERY_LENGTH]}…”" in printed  # what was searched, marked as cut
    assert f"only its first {MAX_QUERY_LENGTH} characters" in printed
    assert printed == render_search(guide, query[:MAX_QUERY_LENGTH] + "y", width=1000).text
    whole = render_search(guide, query[:MAX_QUERY_LENGTH], width=1000).text  # not cut
    assert "…”" not in whole and "characters" not in whole
