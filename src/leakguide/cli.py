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

EXIT_OK = 0
EXIT_PROBLEMS = 2


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
    _add_tool_parsers(commands)
    return parser


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


def run_check(paths: Sequence[str], strict: bool, quiet: bool = False) -> int:
    """Check each guide, print its problems and a count; return the exit code."""
    from .content import load_guide
    from .content.problems import ERROR, printable

    exit_code = EXIT_OK
    for path in paths or [default_guide_path()]:
        result = load_guide(path)
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
            print(f"{printable(path)}: {_count(errors, 'error')}, {_count(warnings, 'warning')}")
    return exit_code


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def load_guide_or_report(path: str) -> Guide | None:
    """The guide at `path`, or None after printing its problems (as `check` does) to stderr."""
    from .content import load_guide
    from .content.problems import printable

    result = load_guide(path)
    if result.ok:
        return result.guide
    for problem in result.problems:
        print(problem.render(path), file=sys.stderr)
    shown = printable(path)
    print(
        f"{shown}: {_count(len(result.errors), 'error')}; fix them and try again "
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
    answers = tuple(a.strip() for a in (args.answers or "").split(",") if a.strip())
    plain_terminal = sys.stdout.isatty() and os.environ.get("TERM", "") in ("", "dumb")
    if plain_terminal:
        tell("Your terminal (TERM is dumb or not set) cannot show the full-screen guide, so here "
            "is the guide as plain text. For the app, set TERM, for example to "
            "xterm-256color; `leakguide ask` asks the questions in plain text.")
    if plain_terminal or not sys.stdout.isatty():
        if answers:
            return _print_walk(guide, answers)
        return _read(guide, args.topic)
    from .hosted import hosted_options, hosting_mode

    accounts = hosting_mode(args.hosted, os.environ)
    options = hosted_options(AppOptions(
        guide_path=path,
        fresh=args.fresh,
        save_dir=args.save_dir,
        hosted=accounts is not None,
        start_topic=args.topic,
        answers=answers,
        watch=args.watch,
        theme=args.theme,
    ), accounts)
    from .app import LeakGuideApp
    from .hangup import install_hangup_handler

    app = LeakGuideApp(guide, options=options)
    install_hangup_handler(app, save=app.save_place_now)
    app.run()
    return app.return_code or EXIT_OK


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
    if args.command != "export":  # an export is a file, and says it is UTF-8
        _ascii_text_for_ascii_locales()
    try:
        if args.command == "check":
            return run_check(args.guides, args.strict, args.quiet)
        if args.command in ("paths", "export", "graph", "read", "ask", "search"):
            return run_tool(args)
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
