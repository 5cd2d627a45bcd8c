"""Official list commands: `ingest list`, `sources list`, `update` (progress on stderr, report at the end)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click
from tqdm import tqdm

from proscribe.cli.render import Section, emit, emit_sections, output_format
from proscribe.errors import FetchError, InputError, ProscribeError
from proscribe.ingest.lists import ingest_list, snapshot_groups
from proscribe.ingest.update import updatable, update
from proscribe.ingest.withdrawals import withdraw_snapshot
from proscribe.model import parse_day
from proscribe.query.official import official_sources, snapshots_held
from proscribe.store import Store, open_store

T = TypeVar("T")
_REPORT_COLUMNS = (
    "source",
    "snapshot_date",
    "records",
    "new_claims",
    "existing_claims",
    "new_entities",
    "names_added",
    "changes",
)


_CHANGE_COLUMNS = ("list", "action", "record", "entity", "date", "note")
_PREVIEW_SECTIONS = (
    Section("changes", lambda d: list(d["imports"][0]["changed"]), _CHANGE_COLUMNS),
    Section("import", lambda d: _report_rows(d), _REPORT_COLUMNS),
)


_WITHDRAWAL_COLUMNS = (
    "snapshot_id",
    "source",
    "snapshot_date",
    "claims_set_aside",
    "runs_removed",
    "runs_shortened",
    "timelines_rebuilt",
    "names_taken_back",
    "identifiers_taken_back",
    "entities_set_aside",
)
# The summary first: a withdrawal of a big OFAC file takes back thousands of events.
_WITHDRAWAL_SECTIONS = (
    Section(
        "withdrawal",
        lambda d: [{**d, "entities_set_aside": len(d["entities_set_aside"])}],
        _WITHDRAWAL_COLUMNS,
    ),
    Section(
        "events",
        lambda d: list(d["changes"]),
        ("effect", "date", "jurisdiction", "list", "action", "entity", "name"),
    ),
    Section("merges undone", lambda d: list(d["merges_undone"]), ("entity", "into", "judgement")),
    # With --with-later: the later snapshots withdrawn with it, whose files to import again.
    Section("import again", lambda d: list(d["import_again"]), ("id", "date", "files", "sha256")),
)


def _store(ctx: click.Context) -> Store:
    store = open_store((ctx.obj or {}).get("db_url"))
    store.require_initialised()
    return store


def _bar(items: list[T], label: str) -> Iterable[T]:
    """A progress bar on stderr when there is more than one item of long work and someone watches.

    Redirected to a file, stderr would fill with the bar's carriage-return redraws.
    """
    return tqdm(items, desc=label, disable=len(items) < 2 or not sys.stderr.isatty(), file=sys.stderr)


def _report_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [{**item, "changes": item["changes"] or "-"} for item in data["imports"]]


def _notes(data: dict[str, Any]) -> None:
    for line in unmapped_lines(data["imports"]):
        click.echo(line, err=True)
    for item in data["imports"]:
        for line in item["warnings"]:
            click.echo(f"warning: {line}", err=True)
    if any(item["ambiguous"] for item in data["imports"]):
        click.echo(
            "note: ambiguous records became entities of their own; `proscribe identity suggest` lists them "
            "with the entities they may be, `proscribe identity merge` joins them",
            err=True,
        )


def unmapped_lines(imports: Sequence[Mapping[str, Any]]) -> list[str]:
    """One line per source and unmapped `field=value`, its occurrences summed over the imports.

    A run of several snapshots meets the same value in each: counted once, with how many of the
    snapshots held it, it reads as one problem rather than as a list of repeats.
    """
    counts: dict[tuple[str, str], int] = {}
    snapshots: dict[tuple[str, str], int] = {}
    for item in imports:
        for key, count in item["unmapped"].items():
            seen = (str(item["source"]), str(key))
            counts[seen] = counts.get(seen, 0) + int(count)
            snapshots[seen] = snapshots.get(seen, 0) + 1
    return [
        f"unmapped {source}: {key} x{count}"
        + (f" (in {snapshots[source, key]} snapshots)" if snapshots[source, key] > 1 else "")
        for (source, key), count in sorted(counts.items())
    ]


_SNAPSHOT_COLUMNS = (
    "date",
    "id",
    "records",
    "claims",
    "covers",
    "partial",
    "not_stated",
    "files",
    "sha256",
    "retrieved_at",
)


def register(main: click.Group) -> None:
    """Add the official-list commands to the `proscribe` group."""
    ingest_group = main.commands["ingest"]
    assert isinstance(ingest_group, click.Group)

    @ingest_group.command(name="list")
    @click.argument("source")
    @click.argument(
        "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
    )
    @click.option("--date", "day", metavar="YYYY-MM-DD", help="Snapshot date when the file states none.")
    @click.option(
        "--partial",
        is_flag=True,
        help="The files hold part of the list (an excerpt, a selection): nothing they omit is delisted.",
    )
    @click.option(
        "--whole",
        is_flag=True,
        help="The files hold the whole list, though over a quarter fewer records than the snapshot before.",
    )
    @click.option(
        "--dry-run",
        is_flag=True,
        help="Import in a transaction rolled back: report what would change, store nothing.",
    )
    @output_format
    @click.pass_context
    def ingest_list_command(
        ctx: click.Context,
        source: str,
        files: tuple[Path, ...],
        day: str | None,
        partial: bool,
        whole: bool,
        dry_run: bool,
        fmt: str,
    ) -> None:
        """Import FILE(s) of official list SOURCE: one snapshot per file, or one set (OFAC CSV)."""
        store, snapshot_date = _store(ctx), parse_day(day) if day else None
        groups = snapshot_groups(source, files)
        if dry_run:
            if len(groups) > 1:
                raise InputError(
                    f"--dry-run previews one snapshot at a time ({len(groups)} given): each would be "
                    "compared with the database without the others"
                )
            report = ingest_list(
                store, source, groups[0], snapshot_date, partial=partial, whole=whole, dry_run=True
            )
            preview = {"imports": [report.as_dict()]}
            _notes(preview)
            emit_sections(preview, fmt, _PREVIEW_SECTIONS, "dry run: nothing was stored")
            return
        data: dict[str, Any] = {"imports": []}
        for done, group in enumerate(_bar(groups, source)):
            try:
                report = ingest_list(store, source, group, snapshot_date, partial=partial, whole=whole)
            except ProscribeError:
                # Each snapshot is its own transaction: those before the failing one are stored, and
                # the user must learn which, before the error (printed last, by the CLI's handler).
                if done:
                    _notes(data)
                    emit(data, fmt, _report_rows, _REPORT_COLUMNS)
                    left = len(groups) - done - 1
                    click.echo(
                        f"note: the {done} snapshot(s) above were imported; the next one failed"
                        + (f" and the {left} after it were not tried" if left else ""),
                        err=True,
                    )
                raise
            data["imports"].append(report.as_dict())
        _notes(data)
        emit(data, fmt, _report_rows, _REPORT_COLUMNS)

    sources_group = main.get_command(click.Context(main), "sources")
    assert isinstance(sources_group, click.Group)

    @sources_group.command(name="list")
    @click.argument("source", required=False)
    @output_format
    @click.pass_context
    def list_sources(ctx: click.Context, source: str | None, fmt: str) -> None:
        """Official sources and the snapshots held; with SOURCE, each snapshot (date, scope, sha256)."""
        reader = open_store((ctx.obj or {}).get("db_url")).reader()
        if source is None:
            columns = ("source", "format", "jurisdiction", "snapshots", "first", "last", "closed_on", "url")
            emit(official_sources(reader), fmt, lambda d: list(d["sources"]), columns)
            return
        held = snapshots_held(reader, source)
        emit(held, fmt, lambda d: list(d["snapshots"]), _SNAPSHOT_COLUMNS)
        if fmt == "table":
            for gone in held["withdrawn"]:
                by = f" by {gone['decided_by']}" if gone["decided_by"] else ""
                click.echo(
                    f"withdrawn: the snapshot of {gone['date']} ({gone['id']}, {gone['files']}), "
                    f"on {gone['withdrawn_at'][:10]}{by}: {gone['reason']}",
                    err=True,
                )

    @sources_group.command(name="withdraw")
    @click.argument("snapshot_id")
    @click.option(
        "--reason", required=True, help="Why (kept with the withdrawal; the next analyst reads it)."
    )
    @click.option("--by", "decided_by", help="Who decides (kept with the withdrawal).")
    @click.option(
        "--dry-run",
        is_flag=True,
        help="Withdraw in a transaction rolled back: list the events it would take back, change nothing.",
    )
    @click.option(
        "--with-later",
        is_flag=True,
        help="Withdraw the later snapshots compared with it too (latest first; import them again after).",
    )
    @output_format
    @click.pass_context
    def withdraw_command(
        ctx: click.Context,
        snapshot_id: str,
        reason: str,
        decided_by: str | None,
        dry_run: bool,
        with_later: bool,
        fmt: str,
    ) -> None:
        """Take back an imported snapshot (the latest of its series, or with later ones): reads ignore it."""
        store = _store(ctx)
        report = withdraw_snapshot(store, snapshot_id, reason, decided_by, dry_run, with_later).as_dict()
        title = "dry run: nothing was changed" if dry_run else "withdrawn"
        emit_sections(report, fmt, _WITHDRAWAL_SECTIONS, title)

    @main.command(name="update")
    @click.argument("sources", nargs=-1)
    @click.option("--mirror", metavar="URL", help="Fetch <URL>/<source>/<file> instead of the official URLs.")
    @click.option(
        "--whole",
        is_flag=True,
        help="The named SOURCES' downloads are the whole list, though over a quarter smaller than held.",
    )
    @output_format
    @click.pass_context
    def update_command(
        ctx: click.Context, sources: tuple[str, ...], mirror: str | None, whole: bool, fmt: str
    ) -> None:
        """Download SOURCES (default: one format per list) from their official URLs; ingest what changed."""
        if whole and not sources:
            raise InputError("--whole applies to the sources named: name the ones whose list really shrank")
        store, names = _store(ctx), [meta.id for meta in updatable(sources)]
        outcomes = [
            o.as_dict()
            for name in _bar(names, "update")
            for o in update(store, [name], mirror=mirror, whole=whole)
        ]
        emit({"updates": outcomes}, fmt, lambda d: list(d["updates"]), ("source", "status", "error"))
        failed = [o["source"] for o in outcomes if o["status"] == "failed"]
        if failed:
            raise FetchError(f"update failed for: {', '.join(map(str, failed))}")
