"""``infoview``: the package's jobs from a shell, for people who do not open Jupyter.

    infoview validate PATH [--json]          what loads, what was merged or rejected, and why
    infoview summary SOURCE [--as-of DATE] [--json]   key figures of one log
    infoview report SOURCE -o report.html [...]       cohort report for advisors
    infoview pseudonyms SOURCE --key-file KEY [-o mapping.csv]   codes -> students and files
    infoview flag-settings FILE              the flag thresholds, in a file to edit
    infoview new-key FILE                    a secret key for --pseudonymise
    infoview --version                       the installed version

``python -m infoview_kit ...`` does the same where the ``infoview`` script is
not on the PATH. ``infoview COMMAND --help`` lists every option with its default.

Exit status: 0 when the data loaded (warnings included); 1 with a one-line
reason on stderr when nothing could be read; 2 for a wrong command line;
3 from ``validate --strict`` when any row was rejected.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from infoview_kit import __version__
from infoview_kit.errors import InfoviewError

# ``validate --strict`` found rejected rows: not 1 (nothing read), not 2 (bad command line).
EXIT_REJECTED = 3


class _HelpFormatter(argparse.HelpFormatter):
    """Help that names each option's default, unless there is none to name (None, False)."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        default = action.default
        if (
            "%(default)" in text
            or "default:" in text
            or default in (None, False, argparse.SUPPRESS)
            or not action.option_strings
        ):
            return text
        return f"{text} (default: %(default)s)"


class _Parser(argparse.ArgumentParser):
    """An argument parser whose sub-commands share the same help layout."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)


def _add_load_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--owner", help="whose log this is (default: from the data or file name)")
    parser.add_argument(
        "--limit",
        action="append",
        metavar="NAME=N",
        help="raise (or lower) a load budget, e.g. --limit unpacked_mb=4096 (can be repeated); "
        "names: unpacked_mb, table_mb, members, depth, cells, events, cards, card_kb, header_kb, "
        "files",
    )
    order = parser.add_mutually_exclusive_group()
    order.add_argument(
        "--dayfirst",
        dest="dayfirst",
        action="store_const",
        const=True,
        help="read slash dates as day/month/year (default: each file's order is decided "
        "from its dates, month/day when nothing proves it)",
    )
    order.add_argument(
        "--monthfirst",
        dest="dayfirst",
        action="store_const",
        const=False,
        help="read slash dates as month/day/year",
    )


def _shown(text: str, *, keep_lines: bool = False) -> str:
    """Text from files made safe for a terminal (escapes and overrides shown, not obeyed)."""
    from infoview_kit.io.text import neutralise_text

    return neutralise_text(text, keep_lines=keep_lines)


def _apply_limits(values: list[str] | None) -> None:
    """``--limit NAME=N`` on top of INFOVIEW_LIMITS, for every load this command makes."""
    if not values:
        return
    from infoview_kit.io.limits import ENV_VAR, Limits

    Limits.parse(",".join(values), base=Limits.from_env())  # a wrong name fails here, in one line
    os.environ[ENV_VAR] = ",".join([os.environ.get(ENV_VAR, ""), *values]).strip(",")


def _load(args):
    from infoview_kit.io.load import load_log

    return load_log(args.source, owner=args.owner, dayfirst=args.dayfirst)


def _validate(args) -> int:
    from infoview_kit.io.dates import READ_AGAIN

    log = _load(args)
    if args.json:
        print(_shown(log.report.to_json(indent=2), keep_lines=True))  # stays valid JSON
    else:
        text = log.report.to_text(max_problems=args.max_problems)
        print(_shown(text.replace(READ_AGAIN, "run this again with --dayfirst"), keep_lines=True))
    rejected = log.report.rows_rejected
    if args.strict and rejected:
        rows = "1 row was" if rejected == 1 else f"{rejected} rows were"
        print(f"infoview: {rows} rejected (--strict)", file=sys.stderr)
        return EXIT_REJECTED
    return 0


def _summary(args) -> int:
    from infoview_kit.analytics.metrics import format_summary, summary_figures

    log = _load(args)
    figures = summary_figures(log, as_of=args.as_of)
    if args.json:
        text = json.dumps(figures, indent=2, ensure_ascii=False)
    else:
        text = format_summary(figures)
    print(_shown(text, keep_lines=True))
    return 0


def _new_key(args) -> int:
    from infoview_kit.advisor.privacy import new_key_file

    path = new_key_file(args.path)
    print(
        f"Wrote a new key to {path}. Keep it safe and reuse it every term: the same key gives the "
        "same pseudonyms. Never share it with the report."
    )
    return 0


def _report(args) -> int:
    from infoview_kit.advisor import load_flag_settings, load_key, new_key, write_cohort_report

    key = load_key(args.key_file) if args.key_file else None
    if args.pseudonymise and key is None:
        key = new_key()
        print(
            "infoview: pseudonyms made with a one-off key; to get the same pseudonyms next term, "
            "create a key once with `infoview new-key FILE` and pass --key-file FILE.",
            file=sys.stderr,
        )
    elif key is None:
        print(
            "infoview: this report shows students' names; add --key-file KEY (or --pseudonymise) "
            "before sharing it.",
            file=sys.stderr,
        )
    done = write_cohort_report(
        args.source,
        args.output,
        key=key,
        compare=args.compare,
        as_of=args.as_of,
        min_cell=args.min_cell,
        settings=load_flag_settings(args.flag_settings) if args.flag_settings else None,
        contact_list=args.contact_list,
        dayfirst=args.dayfirst,
        owner=args.owner,
        progress=sys.stderr.isatty(),
        make_parents=args.parents,
    )
    print(
        f"Report written to {done.path}: {done.students} students, {done.to_contact} to contact "
        f"this week, {done.flagged} with a flag."
    )
    if done.contact_list is not None:
        print(f"Students to contact this week: {done.contact_list}")
    return 0


def _pseudonyms(args) -> int:
    from infoview_kit.advisor import load_cohort, load_key, pseudonym_table

    key = load_key(args.key_file)
    log = load_cohort(args.source, progress=sys.stderr.isatty(), dayfirst=args.dayfirst,
                      owner=args.owner)  # fmt: skip
    table = pseudonym_table(log, key=key).rename(
        columns={"kind": "Kind", "code": "Code", "original": "Student or file"}
    )
    text = table.to_csv(index=False, lineterminator="\n")
    if args.output is None:
        sys.stdout.write(text)
        return 0
    from infoview_kit.io import write_output
    from infoview_kit.io.export import neutralise_formulas

    path = Path(args.output)
    write_output(path, "\ufeff" + neutralise_formulas(table).to_csv(index=False))
    print(
        f"Wrote {len(table)} codes to {path}. It turns the report's codes back into students and "
        "files: keep it with the key, never with the report."
    )
    return 0


def _flag_settings(args) -> int:
    from infoview_kit.advisor import settings_file_text

    path = Path(args.path)
    if path.exists():
        raise InfoviewError(f"{path.name}: a file is already there; choose another name.")
    from infoview_kit.io import write_output

    write_output(path, settings_file_text())
    print(f"Wrote the default flag thresholds to {path}; edit it and pass --flag-settings {path}.")
    return 0


def _add_advisor_commands(sub) -> None:
    """The advisor's commands: report, pseudonyms, flag-settings."""
    p = sub.add_parser("report", help="an offline HTML report of a cohort, for advisors")
    p.add_argument("source", metavar="SOURCE", help="folder, zip or combined sheet of student logs")
    p.add_argument("-o", "--output", required=True, help="the HTML file to write")
    p.add_argument(
        "--parents", action="store_true", help="create the output's missing parent folders"
    )
    p.add_argument("--pseudonymise", action="store_true", help="replace names by keyed pseudonyms")
    p.add_argument("--key-file", help="file holding the secret pseudonymisation key")
    p.add_argument("--compare", metavar="OTHER", help="another cohort to compare with")
    p.add_argument("--as-of", help="date to measure at (default: the last event)")
    p.add_argument(
        "--min-cell", type=int, default=5, help="hide figures about fewer students (default: 5)"
    )
    p.add_argument(
        "--flag-settings",
        metavar="FILE",
        help="flag thresholds (default: built in; `infoview flag-settings FILE` writes them)",
    )
    p.add_argument(
        "--contact-list",
        metavar="CSV",
        help="also write the students to contact this week to this CSV file (default: none)",
    )
    _add_load_options(p)
    p.set_defaults(run=_report)

    p = sub.add_parser(
        "pseudonyms",
        help="for the key holder: which student and file each code of a report stands for",
    )
    p.add_argument("source", metavar="SOURCE", help="the same logs the report was made from")
    p.add_argument("--key-file", required=True, help="the key file the report was made with")
    p.add_argument(
        "-o", "--output", metavar="CSV", help="write the table to this CSV file (default: print it)"
    )
    _add_load_options(p)
    p.set_defaults(run=_pseudonyms)

    p = sub.add_parser("flag-settings", help="write the flag thresholds to a file you can edit")
    p.add_argument("path", metavar="FILE", help="where to write them (never overwritten)")
    p.set_defaults(run=_flag_settings)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="infoview",
        description="Outreach logs for information interviews: check, summarise, report.",
    )
    parser.add_argument(
        "--version", action="version", version=f"infoview {__version__}", help="show the version"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="load a log and say what happened to every row")
    p.add_argument("source", metavar="PATH", help="a file, folder or zip of outreach logs")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--max-problems", type=int, default=50, help="problems listed in text mode")
    p.add_argument(
        "--strict",
        action="store_true",
        help=f"exit with status {EXIT_REJECTED} when any row was rejected (for scripts)",
    )
    _add_load_options(p)
    p.set_defaults(run=_validate)

    p = sub.add_parser("summary", help="key figures: response rate, time to reply, funnel...")
    p.add_argument("source", metavar="SOURCE", help="a file, folder or zip of one outreach log")
    p.add_argument("--as-of", help="date to measure at (default: the last event)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    _add_load_options(p)
    p.set_defaults(run=_summary)

    _add_advisor_commands(sub)

    p = sub.add_parser("new-key", help="create a secret key file for --pseudonymise")
    p.add_argument("path", metavar="FILE", help="where to write the key (never overwritten)")
    p.set_defaults(run=_new_key)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``infoview`` command.

    >>> main(["validate", "/no/such/file.csv"])
    1
    """
    args = build_parser().parse_args(argv)
    try:
        _apply_limits(getattr(args, "limit", None))
        return args.run(args)
    except InfoviewError as exc:
        print(f"infoview: {_shown(str(exc))}", file=sys.stderr)
        return 1
    except MemoryError:
        print(
            "infoview: not enough memory to finish: load fewer files at once, or lower "
            "the budgets with --limit table_mb=N (see docs in infoview_kit.io.limits)",
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `infoview ... | head`: the reader left; not an error of ours
        sys.stdout = open(os.devnull, "w")  # the interpreter closes it on exit
        return 141


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
