"""Screening commands: `screen NAME`, bulk `screen --file`, and `eval screen FILE.csv`.

Bulk screening and evaluation are imported when used, so a single `screen NAME` starts faster.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any, cast

import click

from proscribe import clock
from proscribe.cli.registry import as_of_option, day_option, in_option, reader_from
from proscribe.cli.render import emit, output_format
from proscribe.errors import InputError
from proscribe.screen.births import read_stated_birth
from proscribe.screen.cache import ScreenCache
from proscribe.screen.match import DEFAULT_LIMIT, DEFAULT_THRESHOLD
from proscribe.screen.pairs import cell_of
from proscribe.screen.service import (
    Filters,
    Screener,
    check_parameters,
    designation_label,
    has_line_break,
    has_name,
    printable,
)

COLUMNS = (
    "entity_id",
    "name",
    "matched_name",
    "score",
    "detail",
    "designations",
    "birth_dates",
    "may_be_same_as",
)


def _rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            **r,
            "designations": [designation_label(d) for d in r["designations"]],
            "birth_dates": list(dict.fromkeys(b["label"] for b in r["birth_dates"])),
            "may_be_same_as": cell_of(r["may_be_same_as"]),
        }
        for r in data["results"]
    ]


def pair_notes(data: dict[str, Any]) -> list[str]:
    """Lines under the table naming each pair of entities the hits may be, once, with the evidence."""
    lines: list[str] = []
    said: set[frozenset[str]] = set()
    for row in data["results"]:
        for other in row["may_be_same_as"]:
            pair = frozenset((row["entity_id"], other["entity_id"]))
            if pair in said:
                continue
            said.add(pair)
            where = "both hits here" if other["in_results"] else "not a hit here"
            lines.append(
                f"{row['entity_id']} may be {other['entity_id']} {other['name']} ({where}): {other['why']}"
            )
    if not lines:
        return []
    decide = "kept apart until an analyst decides: proscribe identity merge, or distinct"
    return ["", f"May be one entity ({len(lines)}; {decide})", *lines]


def screener_from(ctx: click.Context, filters: Filters, use_cache: bool = True) -> Screener:
    """A screener over the store's entities, limited to those designated per `filters` unless told not.

    With `use_cache`, the built index and designations come from (and go to) the user's screening
    cache (proscribe.screen.cache); a cache folder that cannot be used safely is named on stderr.
    """
    cache = ScreenCache.default() if use_cache else None
    screener = Screener.from_reader(reader_from(ctx), filters, cache=cache)
    if cache is not None and cache.problem is not None:
        click.echo(f"proscribe: screening cache not used: {cache.problem}", err=True)
    return screener


def register(main: click.Group) -> None:
    """Add `screen` and `eval screen`."""

    @main.command()
    @click.argument("name", required=False)
    @click.option("--file", "file", type=click.Path(path_type=Path), help="CSV of names to screen in bulk.")
    @click.option("--column", default="name", show_default=True, help="Column of --file holding the names.")
    @click.option("--id-column", default=None, help="Column of --file copied to each output row as `id`.")
    @click.option(
        "--dob",
        "birth_date",
        metavar="DATE",
        help="Date of birth of NAME (YYYY-MM-DD, YYYY-MM or YYYY), weighed against the listed ones.",
    )
    @click.option("--dob-column", default=None, help="Column of --file holding each name's date of birth.")
    @click.option("--out", type=click.Path(path_type=Path), help="Output CSV for --file (one row per hit).")
    @click.option(
        "--every-name",
        is_flag=True,
        help="With --file: a row for every name, one without a hit saying 'no match at or above T'.",
    )
    @in_option
    @click.option("--list", "lists", multiple=True, metavar="L", help="List id, e.g. us-fto (repeatable).")
    @day_option
    @as_of_option
    @click.option(
        "--state",
        "states",
        multiple=True,
        type=click.Choice(["listed", "suspended", "not_listed", "uncertain"]),
        help="Designation states that make an entity screenable (default: listed, suspended).",
    )
    @click.option("--all-entities", is_flag=True, help="Screen every entity, designated or not.")
    @click.option("--threshold", type=float, default=DEFAULT_THRESHOLD, show_default=True)
    @click.option("--limit", type=int, default=DEFAULT_LIMIT, show_default=True, help="Results per name.")
    @click.option("--workers", type=int, default=None, help="Processes for --file (default: all cores).")
    @click.option(
        "--no-cache",
        is_flag=True,
        help="Build the index afresh and neither read nor write the screening cache.",
    )
    @output_format
    @click.pass_context
    def screen(
        ctx: click.Context,
        name: str | None,
        file: Path | None,
        column: str,
        id_column: str | None,
        birth_date: str | None,
        dob_column: str | None,
        out: Path | None,
        every_name: bool,
        jurisdictions: tuple[str, ...],
        lists: tuple[str, ...],
        at: date | None,
        as_of: date | None,
        states: tuple[str, ...],
        all_entities: bool,
        threshold: float,
        limit: int,
        workers: int | None,
        no_cache: bool,
        fmt: str,
    ) -> None:
        """Screen NAME (any script) against designated entities, or every name of --file into --out."""
        if (name is None) == (file is None) or (file is not None and out is None):
            raise InputError("give either NAME, or --file with --out")
        name = printable(name) if name is not None else None
        if name is not None and not name:
            # Nothing screened is not a clean result: "(no results)" would read as one.
            raise InputError("NAME is empty: give a name to screen")
        if name is not None and not has_name(name):
            raise InputError(f"NAME {name.strip()!r} has no letter or digit: nothing to screen")
        if name is not None and has_line_break(name):
            # Two names pasted as one would be screened as one name, and read as clean.
            raise InputError(f"NAME {name!r} holds a line break: give one name (or --file for many)")
        if birth_date is not None and file is not None:
            raise InputError(
                "--dob goes with one NAME; with --file, name the column of dates with --dob-column"
            )
        if dob_column is not None and file is None:
            raise InputError("--dob-column goes with --file; for one NAME, give --dob")
        if every_name and file is None:
            raise InputError("--every-name goes with --file (one NAME's answer always says it was screened)")
        if birth_date is not None:
            read_stated_birth(birth_date)  # refused before the index is built
        filters = Filters(
            jurisdictions=jurisdictions,
            lists=lists,
            at=(at or clock.today()).isoformat(),
            as_of=as_of.isoformat() if as_of else None,
            states=states or ("listed", "suspended"),
            all_entities=all_entities,
        )
        check_parameters(threshold, limit)
        if workers is not None and workers < 1:
            raise InputError(f"--workers must be at least 1, got {workers}")
        if file is not None and out is not None:
            from proscribe.screen.bulk import check_paths

            check_paths(file, out)  # before the index is built: a wrong path fails at once
        screener = screener_from(ctx, filters, use_cache=not no_cache)
        if file is not None and out is not None:
            from proscribe.screen.bulk import screen_file

            report = screen_file(
                screener,
                file,
                out,
                column,
                threshold,
                limit,
                workers,
                id_column=id_column,
                birth_column=dob_column,
                every_name=every_name,
                progress=sys.stderr.isatty(),  # a log file gets the report, not a bar's \r lines
            )
            click.echo(json.dumps(report.as_dict()), err=True)
            return
        data = screener.screen(str(name), threshold, limit, birth_date)
        emit(
            data,
            fmt,
            _rows,
            COLUMNS,
            title=f"screening: {name}" + (f" (born {birth_date})" if birth_date else ""),
        )
        if fmt == "table":
            for line in pair_notes(data):
                click.echo(line)
            for line in ["", *data["notes"]] if data["notes"] else []:
                click.echo(line)
        elif fmt == "csv":
            for line in data["notes"]:  # CSV rows hold hits only: the note goes beside them
                click.echo(f"proscribe: {line}", err=True)

    evaluate_group = cast(click.Group, main.commands["eval"])

    @evaluate_group.command(name="screen")
    @click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option("--threshold", type=float, default=DEFAULT_THRESHOLD, show_default=True)
    @click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
    def eval_screen(file: Path, threshold: float, as_json: bool) -> None:
        """Precision, recall and F1 of the name scorer on labelled pairs (nomenklatura bench format)."""
        from proscribe.screen.evaluate import evaluate, summary_lines

        report = evaluate(file, threshold)
        click.echo(json.dumps(report, indent=2) if as_json else "\n".join(summary_lines(report)))
