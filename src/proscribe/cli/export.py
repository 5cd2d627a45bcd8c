"""`proscribe export ftm`: the registry as FollowTheMoney JSON lines (proscribe.query.ftm)."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import IO, Any

import click

from proscribe.cli.registry import as_of_option, day_option, in_option, reader_from
from proscribe.query.ftm import DEFAULT_STATES, EXPORTABLE_STATES, ftm_entities, json_line


def register(main: click.Group) -> None:
    """Add `export ftm` to the `export` group."""
    group = main.commands["export"]
    assert isinstance(group, click.Group)

    @group.command("ftm")
    @click.option(
        "--out",
        type=click.Path(path_type=Path, dir_okay=False),
        help="File to write (default: standard output); written whole or not at all.",
    )
    @day_option
    @as_of_option
    @in_option
    @click.option("--list", "lists", multiple=True, metavar="L", help="List id, e.g. us-fto (repeatable).")
    @click.option(
        "--entity",
        "entities",
        multiple=True,
        metavar="E",
        help="Only this entity: id, name or alias in any script (repeatable).",
    )
    @click.option(
        "--state",
        "states",
        multiple=True,
        type=click.Choice(EXPORTABLE_STATES),
        help="States exported as designations (default: listed, suspended).",
    )
    @click.pass_context
    def ftm(
        ctx: click.Context,
        out: Path | None,
        at: date | None,
        as_of: date | None,
        jurisdictions: tuple[str, ...],
        lists: tuple[str, ...],
        entities: tuple[str, ...],
        states: tuple[str, ...],
    ) -> None:
        """Designated entities and their designations (Sanction) as FollowTheMoney JSON lines.

        Without --at, every designation of the registry's history, ended ones with their end;
        with --at, those in force on that day.
        """
        found = ftm_entities(
            reader_from(ctx), at, as_of, jurisdictions, lists, states or DEFAULT_STATES, entities
        )
        counts = {"entities": 0, "designations": 0}
        if out is None:
            _write(sys.stdout.buffer, found, counts)
            sys.stdout.flush()
        else:
            # A temporary file beside the target, renamed at the end: a failed export leaves no half file.
            handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent or Path("."))
            try:
                with os.fdopen(handle, "wb") as stream:
                    _write(stream, found, counts)
                os.replace(temporary, out)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        where = f" to {out}" if out else ""
        click.echo(
            f"exported {_counted(counts['entities'], 'entity', 'entities')} and "
            f"{_counted(counts['designations'], 'designation', 'designations')}{where}",
            err=True,
        )


def _write(stream: IO[bytes], found: Iterable[dict[str, Any]], counts: dict[str, int]) -> None:
    """One JSON object per line, counting entities and designations as they go."""
    for item in found:
        counts["designations" if item["schema"] == "Sanction" else "entities"] += 1
        stream.write(json_line(item))


def _counted(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"
