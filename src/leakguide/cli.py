"""The `leakguide` command line. Imports Textual only when it starts the app."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from . import __version__
from .options import AppOptions

if TYPE_CHECKING:
    import argparse

    from .content.model import Guide
    from .content.problems import Problem

EXIT_OK = 0
EXIT_PROBLEMS = 2
#: The most answers `--answers` takes (a flow is far shorter); each is at most
#: `flowstate.MAX_ANSWER_LENGTH` characters, as a line of `leakguide ask` is.
MAX_ANSWERS = 100


class AppOption(NamedTuple):
    """One of the app's own options. Without a metavar it is a flag (store_true)."""

    flag: str
    metavar: str | None
    help: str | None  # None: not listed in --help

    @property
    def dest(self) -> str:
        return self.flag[2:].replace("-", "_")


APP_OPTIONS: tuple[AppOption, ...] = (
    AppOption("--guide", "PATH",
              "guide file to open (default: $LEAKGUIDE_GUIDE or the bundled guide)"),
    AppOption("--fresh", None, "start clean: ignore saved state"),
    AppOption("--save-dir", "DIR",
              "where `s` saves outcome summaries (default: your data directory)"),
    AppOption("--hosted", None, None),
    AppOption("--topic", "ID", "open at this topic"),
    AppOption("--answers", "LIST",
              "start the flow with these answers (numbers or answer ids, comma-separated)"),
    AppOption("--watch", None, "reload the guide when it changes"),
    AppOption("--lang", "LANG",
              "language to read in: en or zh-CN (default: from LC_ALL, LC_MESSAGES or LANG)"),
    AppOption("--keys", "FILE",
              "your keymap (default: $XDG_CONFIG_HOME/leakguide/keys.toml; see `leakguide keys`)"),
    AppOption("--browser-session", None, None),
    AppOption("--theme", "NAME",
              "colours: default, terminal (your terminal's own palette; fewest bytes), "
              "high-contrast or mono (no colour; also what NO_COLOR gives). Remembered"),
)


def default_guide_path() -> str:
    """The guide to use when none is named: `$LEAKGUIDE_GUIDE`, else the bundled one."""
    from_env = os.environ.get("LEAKGUIDE_GUIDE")
    if from_env:
        return from_env
    from .content import bundled_guide_path

    return bundled_guide_path()


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for `leakguide` and its subcommands."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="leakguide",
        description="A keyboard-first terminal guide to milk leakage while breastfeeding.",
        epilog="Run `leakguide COMMAND --help` for a command's own options.",
    )
    parser.add_argument("--version", action="version", version=f"leakguide {__version__}")
    for option in APP_OPTIONS:
        shown = option.help if option.help is not None else argparse.SUPPRESS
        if option.metavar is None:
            parser.add_argument(option.flag, action="store_true", help=shown)
        else:
            parser.add_argument(option.flag, metavar=option.metavar, help=shown)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser(
        "check", help="check guide files and report every problem",
        description="Check guide files. Prints every problem as FILE:LINE:COL: message; "
        "exits 0 when clean and 2 on any error.",
    )
    check.add_argument("guides", nargs="*", metavar="GUIDE", help="guide files (default: the "
                       "bundled guide)")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    check.add_argument("--lang", metavar="LANG", action="append", type=_language_tag,
                       help="also check the translation into LANG (zh-CN) for completeness; "
                       "may be repeated")
    check.add_argument("--report", action="store_true",
                       help="print how complete each language is")

    stamp = commands.add_parser(
        "stamp", help="write each translation's `from` fingerprint into the guide file",
        description="Stamp translations: write, in place, `from = \"xxxxxxxx\"` in each "
        "translation sub-table (such as [topic.zh-CN]), the fingerprint of the English it was "
        "made from. Run it after checking a new or updated translation; `check` then reports "
        "a translation as stale when its English changes. Only the `from` lines change.",
    )
    stamp.add_argument("guides", nargs="*", metavar="GUIDE",
                       help="guide files (default: the bundled guide)")
    stamp.add_argument("--lang", metavar="LANG", action="append", type=_language_tag,
                       help="stamp only this language (default: every language)")
    _add_tool_parsers(commands)
    _add_serve_parsers(commands)
    return parser


def _language_tag(value: str) -> str:
    import argparse

    from .i18n import SUPPORTED, parse_language

    tag = parse_language(value)
    if tag is None:
        raise argparse.ArgumentTypeError(
            f"unknown language {value!r}; languages: {', '.join(SUPPORTED)}")
    return tag
def _port(value: str) -> int:
    import argparse

    if not value.isdigit() or not 0 < int(value) < 65536:
        raise argparse.ArgumentTypeError(f"not a port number (1-65535): {value!r}")
    return int(value)


def _at_least_one(value: str) -> int:
    import argparse

    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a whole number of 1 or more: {value!r}")
    return int(value)


def _add_serve_parsers(commands: argparse._SubParsersAction) -> None:
    """`serve` (the guide in web browsers) and `keys` (the reader's keymap)."""
    import argparse

    from .serve import DEFAULT_MAX_PER_CLIENT, DEFAULT_MAX_SESSIONS

    serve = commands.add_parser(
        "serve", help="serve the guide to web browsers (needs leakguide[serve])",
        description="Serve the guide to web browsers with textual-serve. Every browser tab "
        "runs the guide in its own process in hosted mode: nothing is kept between readers, "
        "no URL is opened and no file saved on the server; the outcome summary downloads "
        "in the reader's browser. Put a reverse proxy with TLS in front (docs/hosting.md).",
    )
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=_port, default=8000, help="port (default: 8000)")
    serve.add_argument("--public-url", metavar="URL",
                       help="the address readers use, e.g. https://guide.example.org "
                       "(default: http://HOST:PORT)")
    serve.add_argument("--guide", metavar="PATH", default=argparse.SUPPRESS,
                       help="guide file (default: $LEAKGUIDE_GUIDE or the bundled guide)")
    serve.add_argument("--keys", metavar="FILE", default=argparse.SUPPRESS,
                       help="a keymap for every reader (default: none, the built-in keys)")
    serve.add_argument("--max-sessions", type=_at_least_one, default=DEFAULT_MAX_SESSIONS,
                       metavar="N", help="readers at once, in all "
                       f"(default: {DEFAULT_MAX_SESSIONS})")
    serve.add_argument("--max-per-client", type=_at_least_one, default=DEFAULT_MAX_PER_CLIENT,
                       metavar="N", help="readers at once from one client address "
                       f"(default: {DEFAULT_MAX_PER_CLIENT}; behind a proxy every reader "
                       "has the proxy's address: limit there instead)")

    keys = commands.add_parser(
        "keys", help="print your keys as a keys.toml you can edit",
        description="Print the keys in force (the built-in ones with your keymap file "
        "applied) as a keys.toml to edit and save as $XDG_CONFIG_HOME/leakguide/keys.toml "
        "(~/.config/leakguide/keys.toml) or pass with --keys FILE. Problems in your file go "
        "to standard error as FILE:LINE:COL: warning: message.",
    )
    keys.add_argument("--defaults", action="store_true",
                      help="print the built-in keys, ignoring any keymap file")
    keys.add_argument("--keys", metavar="FILE", default=argparse.SUPPRESS,
                      help="the keymap file to apply (default: "
                      "$XDG_CONFIG_HOME/leakguide/keys.toml, if there is one)")


def _positive_width(value: str) -> int:
    import argparse

    try:
        width = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if width < 20:
        raise argparse.ArgumentTypeError(f"{width} is too narrow; give 20 or more")
    return width


def _add_tool_parsers(commands: argparse._SubParsersAction) -> None:
    """The author and reader tools: paths, export, graph, read, ask, search."""
    import argparse

    guide_help = "guide file (default: --guide, $LEAKGUIDE_GUIDE or the bundled guide)"
    width_help = "wrap to N columns (default: the terminal's width, or 80)"

    paths = commands.add_parser(
        "paths", help="list every path through the flow, for review and sign-off",
        description="List every question -> answer -> ... -> outcome path of the flow as a "
        "table: the answers in order, the outcome and its urgency. Computed from the flow "
        "itself, so it always matches what the app does.",
    )
    paths.add_argument("guide_file", nargs="?", metavar="GUIDE", help=guide_help)
    paths.add_argument("--format", choices=("text", "markdown", "csv"), default="text",
                       help="output format (default: text)")
    paths.add_argument("--width", type=_positive_width, metavar="N",
                       help="text format: fit the table in N columns (default: 80)")

    export = commands.add_parser(
        "export", help="export the whole guide as Markdown or one HTML file",
        description="Export the whole guide in reading order, with evidence labels, sources, "
        "the reviewed date and the flow's questions and outcomes. HTML is one self-contained "
        "file: no scripts, no external files, prints cleanly.",
    )
    export.add_argument("guide_file", nargs="?", metavar="GUIDE", help=guide_help)
    export.add_argument("--format", choices=("markdown", "html"), required=True,
                        help="output format")
    export.add_argument("-o", "--output", metavar="FILE",
                        help="write to FILE instead of standard output")

    graph = commands.add_parser(
        "graph", help="print the flow as a Mermaid or Graphviz diagram",
        description="Print the flow as diagram source: questions as nodes, answers as labelled "
        "edges, outcomes as nodes showing their urgency. Render DOT with e.g. "
        "`dot -Tsvg`.",
    )
    graph.add_argument("guide_file", nargs="?", metavar="GUIDE", help=guide_help)
    graph.add_argument("--format", choices=("mermaid", "dot"), default="mermaid",
                       help="diagram language (default: mermaid)")

    read = commands.add_parser(
        "read", help="print the guide (or one topic) as plain text",
        description="Print the guide as plain linear text for screen readers, pipes and "
        "`ssh -T`: no boxes, no colour, wrapped to the terminal. With a TOPIC-ID, print that "
        "topic only.",
    )
    read.add_argument("topic_id", nargs="?", metavar="TOPIC-ID", help="the topic to print")
    read.add_argument("--guide", metavar="PATH", default=argparse.SUPPRESS,
                      help="guide file (default: $LEAKGUIDE_GUIDE or the bundled guide)")
    read.add_argument("--width", type=_positive_width, metavar="N", help=width_help)
    read.add_argument("--color", action="store_true", help="show headings in bold")
    read.add_argument("--list", action="store_true", help="list every topic id and title")

    search = commands.add_parser(
        "search", help="search the topics and print the best as plain text",
        description="Search every topic as the app's / does (word forms, typos and word order "
        "do not matter) and print the best first: id, title and where the words are. Exits 1, "
        "with \"Did you mean\" suggestions, when nothing matches.",
    )
    search.add_argument("query", nargs="+", metavar="QUERY", help="words to search for")
    search.add_argument("--guide", metavar="PATH", default=argparse.SUPPRESS,
                        help="guide file (default: $LEAKGUIDE_GUIDE or the bundled guide)")
    search.add_argument("--limit", type=int, metavar="N", default=10,
                        help="print at most N topics (default: 10)")

    ask = commands.add_parser(
        "ask", help="answer the flow's questions in plain text and get advice",
        description="Ask the decision flow's questions one at a time on standard input and "
        "output. Type an answer's number (or id); b goes back one question, q quits. Ends "
        "with what to do, how soon, and why.",
    )
    ask.add_argument("guide_file", nargs="?", metavar="GUIDE", help=guide_help)
    ask.add_argument("--width", type=_positive_width, metavar="N", help=width_help)
    ask.add_argument("--color", action="store_true", help="show headings in bold")
    for tool in (paths, export, graph, read, search, ask):
        tool.add_argument("--lang", metavar="LANG", type=_language_tag, default=argparse.SUPPRESS,
                          help="language to read in: en or zh-CN (default: from LC_ALL, "
                          "LC_MESSAGES or LANG)")


def run_check(paths: Sequence[str], strict: bool, quiet: bool = False,
              languages: Sequence[str] = (), report: bool = False) -> int:
    """Check each guide (and its translations into `languages`), print its problems and a
    count, and with `report` how complete each language is; return the exit code."""
    from .content import load_guide
    from .content.problems import ERROR, TOML_SYNTAX
    from .content.unsafe import printable

    exit_code = EXIT_OK
    wanted = tuple(language for language in languages if language != "en")
    for path in paths or [default_guide_path()]:
        result = load_guide(path, wanted) if wanted else load_guide(path)
        errors = warnings = 0
        for problem in result.problems:
            if strict and not problem.is_error:
                problem = problem._replace(severity=ERROR)
            print(problem.render(path))
            if problem.is_error or strict:
                errors += 1
            else:
                warnings += 1
        if errors:
            exit_code = EXIT_PROBLEMS
        if not quiet:
            if result.guide is None and any(p.message.startswith(TOML_SYNTAX)
                                            for p in result.problems):
                print(f"{printable(path)}: note: the other checks run once the file reads as "
                      "TOML without errors")
            print(f"{printable(path)}: {_count(errors, 'error')}, {_count(warnings, 'warning')}")
        if report and result.guide is not None:
            print(completeness_report(result.guide, wanted))
    return exit_code


def completeness_report(guide: Guide, languages: Sequence[str] = ()) -> str:
    """How complete each language of `guide` is: one line for English, one for each other
    language it has or `languages` names."""
    from .content.translations import LANGUAGES, completeness, guide_languages

    shown = [lang for lang in LANGUAGES if lang in languages or lang in guide_languages(guide)]
    total = len(guide.translations) or 1
    lines = [f"  en: the source language ({len(guide.translations)} items)"]
    for language in shown:
        current, outdated, missing, total = completeness(guide, language)
        done = current + outdated
        percent = 100 * done // total if total else 100
        lines.append(f"  {language}: {done}/{total} items translated ({percent}%); "
                     f"{current} current, {outdated} stale or unstamped, {missing} missing "
                     "or partly missing")
    return "Translations:\n" + "\n".join(lines)


def run_stamp(paths: Sequence[str], languages: Sequence[str] = ()) -> int:
    """Stamp each guide's translations in place; say how many stamps were written."""
    from .content.loader import read_guide_text
    from .content.stamp import stamp_text
    from .content.translations import LANGUAGES
    from .content.unsafe import printable

    wanted = tuple(lang for lang in languages if lang != "en") or LANGUAGES
    exit_code = EXIT_OK
    for path in paths or [default_guide_path()]:
        text, problem = read_guide_text(path)
        if text is None:
            print((problem or _no_problem()).render(path), file=sys.stderr)
            exit_code = EXIT_PROBLEMS
            continue
        with open(path, "rb") as raw:
            bom = raw.read(3) == b"\xef\xbb\xbf"
        new_text, count, problems = stamp_text(text, wanted, path)
        for found in problems:
            print(found.render(path), file=sys.stderr)
        if problems:
            print(f"{printable(path)}: not stamped; fix the problems first", file=sys.stderr)
            exit_code = EXIT_PROBLEMS
            continue
        if count:
            from .content.files import open_regular_for_writing

            with open_regular_for_writing(path) as stream:
                stream.write((b"\xef\xbb\xbf" if bom else b"") + new_text.encode("utf-8"))
        print(f"{printable(path)}: {_count(count, 'stamp')} written")
    return exit_code


def _no_problem() -> Problem:
    from .content.problems import ERROR, Problem

    return Problem(0, 0, ERROR, "cannot read the file")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def load_guide_or_report(path: str) -> Guide | None:
    """The guide at `path` in the reader's language, or None after printing its problems (as
    `check` does) to stderr."""
    from .content import load_guide
    from .content.unsafe import printable
    from .i18n import language

    result = load_guide(path, translation_checks=False, read_in=language())
    if result.ok and result.guide is not None:
        if language() == "en":
            return result.guide
        from .content.translations import localized

        return localized(result.guide, language())
    for problem in result.problems:
        print(problem.render(path), file=sys.stderr)
    shown = printable(path)
    print(
        f"{shown}: {_count(len(result.errors), 'error')}; "
        f"fix {'it' if len(result.errors) == 1 else 'them'} and try again "
        f"(`leakguide check {shown}`).",
        file=sys.stderr,
    )
    return None


def _guide_path(args: argparse.Namespace) -> str:
    return getattr(args, "guide_file", None) or args.guide or default_guide_path()


def write_output(text: str, output: str | None = None) -> int:
    """Write `text` to standard output, or to the file `output`; explain any failure."""
    if output is None:
        stream = sys.stdout
        try:
            try:
                stream.write(text)
            except UnicodeEncodeError:  # a terminal that cannot show some character
                encoding = stream.encoding or "ascii"
                stream.write(text.encode(encoding, "replace").decode(encoding))
            stream.flush()
        except BrokenPipeError:
            raise  # the reader of a pipe stopped reading (`| head`): not an error
        except OSError as exc:  # a full disk, a closed or broken output
            tell(f"leakguide: cannot write the output: {exc.strerror or exc}")
            return EXIT_PROBLEMS
        return EXIT_OK
    from pathlib import Path

    target = Path(output)
    folder = target.parent
    if not folder.is_dir():
        print(f"leakguide: cannot write {output}: the folder {folder} does not exist",
              file=sys.stderr)
        return EXIT_PROBLEMS
    from .content.files import NotARegularFile, open_regular_for_writing

    try:
        with open_regular_for_writing(target) as stream:
            stream.write(text.encode("utf-8"))
    except NotARegularFile as exc:
        print(f"leakguide: cannot write {output}: it is {exc.kind}", file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as exc:
        print(f"leakguide: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def tell(message: str) -> None:
    """Print `message` on standard error, if there is one to print on."""
    if sys.stderr is not None:
        with contextlib.suppress(OSError, ValueError):
            print(message, file=sys.stderr, flush=True)


def closed_stream(command: str | None) -> str | None:
    """What is missing when the command cannot run: a closed standard output, or standard input
    for `ask` and the app. None when all it needs is there."""
    if sys.stdout is None:
        return "standard output is closed, so there is nowhere to write"
    needs_input = command == "ask" or (command is None and sys.stdout.isatty())  # the app
    if sys.stdin is None and needs_input:
        return "standard input is closed, so there is nothing to read answers from"
    return None


def run_tool(args: argparse.Namespace) -> int:
    """Run one of the tools (paths, export, graph, read, ask, search) on the chosen guide."""
    path = _guide_path(args)
    guide = load_guide_or_report(path)
    if guide is None:
        return EXIT_PROBLEMS
    command = args.command
    if command == "paths":
        from .tools import paths

        return write_output(paths.render(guide, args.format, args.width or 80))
    if command == "export":
        from .tools import export

        return write_output(export.render(guide, args.format), args.output)
    if command == "graph":
        from .tools import graph

        return write_output(graph.render(guide, args.format))
    if command == "search":
        from .tools.search import run_search

        return run_search(guide, args.query, args.limit)
    if command == "ask":
        from .tools.ask import run_ask
        from .tools.read import terminal_width

        return run_ask(guide, sys.stdin, sys.stdout, terminal_width(args.width), args.color,
                       echo=not sys.stdin.isatty())
    return _read(guide, args.topic_id, args.width, args.color, args.list)


def _read(guide, topic_id: str | None, width: int | None = None, color: bool = False,
          list_ids: bool = False) -> int:
    from .tools import read

    if list_ids:
        return write_output(read.render_topic_list(guide))
    width = read.terminal_width(width)
    if topic_id is None:
        return write_output(read.render_guide(guide, width, color))
    if topic_id not in guide.topics:
        print(read.unknown_topic_message(guide, topic_id), file=sys.stderr)
        return EXIT_PROBLEMS
    return write_output(read.render_topic(guide, topic_id, width, color))


def _print_walk(guide, answers: Sequence[str]) -> int:
    """Without a terminal, `--answers` prints where those answers lead: an outcome or a question."""
    from .flowstate import FlowState
    from .tools.ask import render_outcome, render_question
    from .tools.read import terminal_width

    state, problems = FlowState.start(guide.flow).with_answer_tokens(answers)
    for problem in problems:
        print(f"leakguide: {problem}", file=sys.stderr)
    if problems:
        return EXIT_PROBLEMS
    width = terminal_width()
    if state.outcome is not None:
        return write_output(render_outcome(guide, state, width))
    if state.current_question is not None:
        return write_output(render_question(guide, state, width))
    return EXIT_OK


def answer_tokens(text: str) -> tuple[str, ...] | str:
    """The answers of `--answers` (comma-separated), or what is wrong with them: more than
    `MAX_ANSWERS`, or one longer than an answer line of `ask`. Never splits more than it needs."""
    from .flowstate import MAX_ANSWER_LENGTH  # not tools.ask: that imports markdown-it

    pieces = text.split(",", MAX_ANSWERS)
    if len(pieces) > MAX_ANSWERS and pieces[-1].strip(" ,"):
        return f"more than {MAX_ANSWERS} answers; a flow has far fewer questions"
    answers = tuple(piece.strip() for piece in pieces[:MAX_ANSWERS] if piece.strip())
    for number, answer in enumerate(answers, 1):
        if len(answer) > MAX_ANSWER_LENGTH:
            return f"answer {number} is longer than {MAX_ANSWER_LENGTH} characters"
    return answers


def run_app(args: argparse.Namespace) -> int:
    """Load the guide and start the terminal app (or explain why it cannot start).

    When standard output is not a terminal, print the guide as plain text instead.
    """
    from .themes import THEME_NAMES, unknown_theme_message

    if args.theme is not None and args.theme not in THEME_NAMES:
        tell(f"leakguide: {unknown_theme_message(args.theme)}.")
        return EXIT_PROBLEMS
    path = args.guide or default_guide_path()
    guide = load_guide_or_report(path)
    if guide is None:
        return EXIT_PROBLEMS
    return _show(guide, path, args)


def _show(guide: Guide, path: str, args: argparse.Namespace) -> int:
    """Start the app on `guide`, or print it when standard output is not a terminal."""
    answers = answer_tokens(args.answers or "")
    if isinstance(answers, str):
        print(f"leakguide: --answers: {answers}", file=sys.stderr)
        return EXIT_PROBLEMS
    browser = bool(getattr(args, "browser_session", False))
    plain_terminal = (not browser and sys.stdout.isatty()
                      and os.environ.get("TERM", "") in ("", "dumb"))
    if plain_terminal:
        tell("Your terminal (TERM is dumb or not set) cannot show the full-screen guide, so here "
            "is the guide as plain text. For the app, set TERM, for example to "
            "xterm-256color; `leakguide ask` asks the questions in plain text.")
    if plain_terminal or not (browser or sys.stdout.isatty()):
        if answers:
            return _print_walk(guide, answers)
        return _read(guide, args.topic)
    from .hosted import SHARED, hosted_options, hosting_mode

    accounts = SHARED if browser else hosting_mode(args.hosted, os.environ)
    options = hosted_options(AppOptions(
        guide_path=path,
        fresh=args.fresh,
        save_dir=args.save_dir,
        hosted=accounts is not None,
        start_topic=args.topic,
        answers=answers,
        watch=args.watch,
        browser=browser,
        keys_path=reader_keys_path(args.keys, accounts == SHARED and not args.keys),
        theme=args.theme,
    ), accounts)
    from .app import LeakGuideApp
    from .hangup import install_hangup_handler

    app = LeakGuideApp(guide, options=options)
    install_hangup_handler(app, save=app.save_place_now)
    app.run()
    return app.return_code or EXIT_OK


def run_serve(args: argparse.Namespace) -> int:
    """`leakguide serve`: check the guide, then serve it to web browsers until stopped."""
    path = args.guide or default_guide_path()
    guide = load_guide_or_report(path)
    if guide is None:
        return EXIT_PROBLEMS
    keys = getattr(args, "keys", None)
    if keys is not None and not os.path.isfile(keys):
        tell(f"leakguide serve: no keymap file {keys}")
        return EXIT_PROBLEMS
    try:
        import textual_serve  # noqa: F401
    except ImportError:
        tell("leakguide serve needs textual-serve: pip install 'leakguide[serve]'")
        return EXIT_PROBLEMS
    from .serve import serve

    serve(path, guide.info.title, host=args.host, port=args.port, public_url=args.public_url,
          keys_path=keys, max_sessions=args.max_sessions, max_per_client=args.max_per_client)
    return EXIT_OK


def reader_keys_path(explicit: str | None, hosted_shared: bool) -> str | None:
    """The keymap file to use: `--keys FILE`, else the reader's own in the config directory
    if it exists, except on a shared hosted account (whose config is nobody's own)."""
    if explicit:
        return explicit
    if hosted_shared:
        return None
    from .keymap import default_keys_path

    path = default_keys_path()
    return str(path) if path.is_file() else None


def run_keys(args: argparse.Namespace) -> int:
    """`leakguide keys [--defaults]`: the keys in force as an editable keys.toml."""
    from .keymap import keys_toml, known_bindings, load_keymap

    bindings = known_bindings()
    path = None if args.defaults else reader_keys_path(getattr(args, "keys", None), False)
    keymap: dict[str, str] = {}
    if path is not None:
        loaded = load_keymap(path, bindings)
        keymap = loaded.keymap
        for problem in loaded.problems:
            tell(problem.render(path))
    return write_output(keys_toml(bindings, keymap, path or ""))


def _ascii_text_for_ascii_locales() -> None:
    """Under a locale that is not UTF-8 (LANG=C), print ASCII look-alikes of other characters,
    as the full-screen app draws, instead of bytes the terminal shows as garbage."""
    from .terminal import locale_is_utf8, speaks_utf8, to_ascii

    utf8_locale = locale_is_utf8()
    streams = [stream for stream in (sys.stdout, sys.stderr) if stream is not None
               and not (utf8_locale and speaks_utf8(stream))]
    if not streams:
        return
    import codecs

    def look_alike(error: UnicodeError) -> tuple[str, int]:
        if not isinstance(error, UnicodeEncodeError):
            raise error
        return to_ascii(error.object[error.start:error.end]), error.end

    codecs.register_error("leakguide-ascii", look_alike)
    for stream in streams:  # PYTHONIOENCODING=ascii too: look-alikes, not `\u2503`
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding=None if utf8_locale else "ascii", errors="leakguide-ascii")



def _can_show_chinese(args: argparse.Namespace) -> bool:
    """Whether standard output can show Chinese: a UTF-8 locale and stream, or an export
    written to a file."""
    if args.command == "export" and getattr(args, "output", None):
        return True
    from .terminal import locale_is_utf8, speaks_utf8

    environ = dict(os.environ)
    if sys.flags.utf8_mode:  # Python may have set LC_CTYPE itself, for a C locale (PEP 538)
        environ.pop("LC_CTYPE", None)
    return sys.stdout is None or (locale_is_utf8(environ) and speaks_utf8(sys.stdout))


def parse_arguments(arguments: list[str]) -> argparse.Namespace:
    """Parse the command line."""
    return build_parser().parse_args(arguments)


def _quiet_broken_stdout() -> None:
    """After a broken pipe, point standard output at /dev/null, so Python's final flush of
    what is still buffered does not print an error at exit."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `leakguide` command."""
    args = parse_arguments(sys.argv[1:] if argv is None else list(argv))
    missing = closed_stream(args.command)
    if missing is not None and not (args.command == "export" and getattr(args, "output", None)):
        tell(f"leakguide: {missing}.")
        return EXIT_PROBLEMS
    chosen = "en"
    if args.command not in ("check", "stamp"):
        from .i18n import reader_language, set_language

        chosen = reader_language(getattr(args, "lang", None))
        if chosen != "en" and not _can_show_chinese(args):
            tell("leakguide: the Chinese guide needs a UTF-8 terminal, and this one is not "
                 "(LANG is C or not UTF-8). Set LANG=zh_CN.UTF-8 or C.UTF-8, write to a file "
                 "with `export -o`, or read in English with --lang en.")
            return EXIT_PROBLEMS
        set_language(chosen)
    if args.command != "export" and chosen == "en":  # an export is a file, and says it is
        _ascii_text_for_ascii_locales()  # UTF-8; Chinese was checked to have a UTF-8 locale
    try:
        if args.command == "check":
            return run_check(args.guides, args.strict, args.quiet, args.lang or (),
                             args.report)
        if args.command == "stamp":
            return run_stamp(args.guides, args.lang or ())
        if args.command in ("paths", "export", "graph", "read", "ask", "search"):
            return run_tool(args)
        if args.command == "serve":
            return run_serve(args)
        if args.command == "keys":
            return run_keys(args)
        return run_app(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _quiet_broken_stdout()
        return EXIT_OK
    except OSError as exc:  # e.g. standard output on a full disk, halfway through
        tell(f"leakguide: stopped: {exc.strerror or exc}.")
        return EXIT_PROBLEMS
    except Exception as exc:  # never show a reader or author a traceback
        if os.environ.get("LEAKGUIDE_DEBUG"):
            raise
        print(
            f"leakguide: internal error: {type(exc).__name__}: {exc} "
            "(set LEAKGUIDE_DEBUG=1 to see details)",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
