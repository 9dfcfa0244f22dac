"""The `leakguide` command line. Imports Textual only when it starts the app."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from . import __version__
from .options import AppOptions

EXIT_OK = 0
EXIT_PROBLEMS = 2


def default_guide_path() -> str:
    """The guide to use when none is named: `$LEAKGUIDE_GUIDE`, else the bundled one."""
    from_env = os.environ.get("LEAKGUIDE_GUIDE")
    if from_env:
        return from_env
    from .content import bundled_guide_path

    return bundled_guide_path()


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for `leakguide` and its subcommands."""
    parser = argparse.ArgumentParser(
        prog="leakguide",
        description="A keyboard-first terminal guide to milk leakage while breastfeeding.",
        epilog="Run `leakguide COMMAND --help` for a command's own options.",
    )
    parser.add_argument("--version", action="version", version=f"leakguide {__version__}")
    parser.add_argument(
        "--guide", metavar="PATH", help="guide file to open (default: $LEAKGUIDE_GUIDE or the "
        "bundled guide)"
    )
    parser.add_argument("--fresh", action="store_true", help="start clean: ignore saved state")
    parser.add_argument(
        "--save-dir", metavar="DIR", help="where `s` saves outcome summaries (default: your "
        "data directory)"
    )
    parser.add_argument("--hosted", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--topic", metavar="ID", help="open at this topic")
    parser.add_argument(
        "--answers", metavar="LIST", help="start the flow with these answers (numbers or answer "
        "ids, comma-separated)"
    )
    parser.add_argument("--watch", action="store_true", help="reload the guide when it changes")
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
    return parser


def run_check(paths: Sequence[str], strict: bool, quiet: bool = False) -> int:
    """Check each guide, print its problems and a count; return the exit code."""
    from .content import load_guide

    exit_code = EXIT_OK
    for path in paths or [default_guide_path()]:
        result = load_guide(path)
        errors = warnings = 0
        for problem in result.problems:
            line = problem.render(path)
            if strict and not problem.is_error:
                line = line.replace(": warning: ", ": error: ", 1)
            print(line)
            if problem.is_error or strict:
                errors += 1
            else:
                warnings += 1
        if errors:
            exit_code = EXIT_PROBLEMS
        if not quiet:
            print(f"{path}: {_count(errors, 'error')}, {_count(warnings, 'warning')}")
    return exit_code


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def run_app(args: argparse.Namespace) -> int:
    """Load the guide and start the terminal app (or explain why it cannot start)."""
    from .content import load_guide

    path = args.guide or default_guide_path()
    result = load_guide(path)
    if not result.ok:
        for problem in result.problems:
            print(problem.render(path), file=sys.stderr)
        print(
            f"{path}: {_count(len(result.errors), 'error')}; fix them and try again "
            f"(`leakguide check {path}`).",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    from .hosted import hosted_options, hosting_mode

    accounts = hosting_mode(args.hosted, os.environ)
    options = hosted_options(AppOptions(
        guide_path=path,
        fresh=args.fresh,
        save_dir=args.save_dir,
        hosted=accounts is not None,
        start_topic=args.topic,
        answers=tuple(a.strip() for a in (args.answers or "").split(",") if a.strip()),
        watch=args.watch,
    ), accounts)
    from .app import LeakGuideApp
    from .hangup import install_hangup_handler
    from .terminal import driver_class_for, locale_is_utf8

    app = LeakGuideApp(result.guide, options=options)
    driver_class = driver_class_for(hosted=options.hosted, ascii_only=not locale_is_utf8())
    if driver_class is not None:
        app.driver_class = driver_class
    install_hangup_handler(app)
    app.run()
    return app.return_code or EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `leakguide` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return run_check(args.guides, args.strict, args.quiet)
        return run_app(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # never show a reader or author a traceback
        if os.environ.get("LEAKGUIDE_DEBUG"):
            raise
        print(
            f"leakguide: internal error: {type(exc).__name__}: {exc} "
            "(set LEAKGUIDE_DEBUG=1 to see details)",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
