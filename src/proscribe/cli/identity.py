"""`proscribe identity ...`: analysts' judgements on which entities are one (merge, unmerge, distinct)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, get_args

import click

from proscribe.cli.registry import reader_from, store_from
from proscribe.cli.render import emit, output_format
from proscribe.ingest.judgements import (
    JudgementReport,
    mark_distinct,
    merge_entities,
    unmerge_entity,
    withdraw_judgement,
)
from proscribe.ingest.reviews import apply_review_file
from proscribe.ingest.splits import split_record
from proscribe.model.entity import EntityKind
from proscribe.query.identity import REVIEW_COLUMNS, judgement_list, merge_suggestions, review_rows

reason_option = click.option(
    "--reason", required=True, help="Why (kept with the judgement; the next analyst reads it)."
)
by_option = click.option("--by", "decided_by", help="Who decides (kept with the judgement).")


def register(main: click.Group) -> None:
    """Add the `identity` group to the main command."""
    main.add_command(identity)


@click.group()
def identity() -> None:
    """Which entities are one: merge, unmerge, mark distinct, split a record off; list judgements and
    suggestions."""


@identity.command("merge")
@click.argument("entity_id")
@click.argument("into")
@reason_option
@by_option
@click.pass_context
def merge(ctx: click.Context, entity_id: str, into: str, reason: str, decided_by: str | None) -> None:
    """Read ENTITY_ID as INTO from now on (exact ids): names, claims, timelines and screening join."""
    _say(merge_entities(store_from(ctx), entity_id, into, reason, decided_by))


@identity.command("unmerge")
@click.argument("entity_id")
@reason_option
@by_option
@click.pass_context
def unmerge(ctx: click.Context, entity_id: str, reason: str, decided_by: str | None) -> None:
    """Undo the merge of ENTITY_ID: it is read as itself again (the merge stays on record)."""
    _say(unmerge_entity(store_from(ctx), entity_id, reason, decided_by))


@identity.command("distinct")
@click.argument("entity_id")
@click.argument("other_id")
@reason_option
@by_option
@click.pass_context
def distinct(ctx: click.Context, entity_id: str, other_id: str, reason: str, decided_by: str | None) -> None:
    """Record that two entities are not the same (suggestions stop proposing the pair)."""
    _say(mark_distinct(store_from(ctx), entity_id, other_id, reason, decided_by))


@identity.command("split")
@click.argument("source")
@click.argument("record_key")
@reason_option
@by_option
@click.pass_context
def split(ctx: click.Context, source: str, record_key: str, reason: str, decided_by: str | None) -> None:
    """Move record RECORD_KEY of list SOURCE off the entity it was linked to, onto one of its own."""
    report = split_record(store_from(ctx), source, record_key, reason, decided_by)
    made = "a new entity" if report.created else "the entity of that number"
    names = f"{len(report.names_taken)} names" + (
        f" and {', '.join(report.identifiers_taken)}" if report.identifiers_taken else ""
    )
    click.echo(
        f"split record {report.record_key} of {report.source} off {report.from_entity}: now on "
        f"{report.to_entity} ({made}), {report.claims} claims moved, {names} taken from "
        f"{report.from_entity}, {report.timelines_rebuilt} timelines re-derived; the two are judged "
        f"distinct (judgement {report.judgement_id})"
    )
    click.echo(
        f"undo: proscribe identity withdraw {report.judgement_id} --reason ...; "
        f"proscribe identity merge {report.to_entity} {report.from_entity} --reason ..."
    )


@identity.command("withdraw")
@click.argument("judgement_id")
@reason_option
@by_option
@click.pass_context
def withdraw(ctx: click.Context, judgement_id: str, reason: str, decided_by: str | None) -> None:
    """Withdraw a judgement by its id (it stays on record, stamped with when and why)."""
    _say(withdraw_judgement(store_from(ctx), judgement_id, reason, decided_by))


@identity.command("list")
@click.option("--all", "include_withdrawn", is_flag=True, help="Include withdrawn judgements.")
@output_format
@click.pass_context
def list_judgements(ctx: click.Context, include_withdrawn: bool, fmt: str) -> None:
    """Identity judgements in force (or all), oldest first."""
    data = judgement_list(reader_from(ctx), include_withdrawn)

    def rows(d: dict[str, Any]) -> list[dict[str, Any]]:
        return [
            {
                **j,
                "entity": j["entity"]["id"],
                "other": j["other"]["id"],
                "decided_at": (j["decided_at"] or "")[:10],
                "withdrawn_at": (j["withdrawn_at"] or "")[:10],
            }
            for j in d["judgements"]
        ]

    columns = ["id", "judgement", "entity", "other", "reason", "decided_by", "decided_at", "withdrawn_at"]
    emit(data, fmt, rows, columns)


@identity.command("suggest")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1), help="Maximum suggestions.")
@click.option(
    "--offset", default=0, show_default=True, type=click.IntRange(0), help="Skip this many (the next page)."
)
@click.option(
    "--kind",
    type=click.Choice(get_args(EntityKind)),
    help="Only pairs of this kind of entity (person: weighed by their dates of birth).",
)
@output_format
@click.pass_context
def suggest(ctx: click.Context, limit: int, offset: int, kind: str | None, fmt: str) -> None:
    """Pairs of entities sharing an identifier or a name: candidates to merge (never applied).

    The CSV (`--format csv`) is a review file: fill in its decision column and apply it with
    `proscribe identity review`."""
    data = merge_suggestions(reader_from(ctx), limit, kind, offset)
    columns = list(REVIEW_COLUMNS) if fmt == "csv" else ["entity", "into", "why"]
    emit(data, fmt, review_rows, columns, title=f"{data['count']} suggestions")


@identity.command("review")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--reason",
    required=True,
    help="Why (kept with each judgement whose row has no reason column value of its own).",
)
@by_option
@output_format
@click.pass_context
def review(ctx: click.Context, file: Path, reason: str, decided_by: str | None, fmt: str) -> None:
    """Record the decisions of a reviewed suggestion file (merge / distinct per row), all or none."""
    report = apply_review_file(store_from(ctx), file, reason, decided_by)
    data = report.as_dict()

    def rows(d: dict[str, Any]) -> list[dict[str, Any]]:
        return [
            {
                "judgement": j["judgement_id"],
                "action": j["action"],
                "entity": j["entity_id"],
                "other": j["other_id"],
            }
            for j in d["judgements"]
        ]

    title = (
        f"{file}: {data['merged']} merged, {data['distinct']} judged distinct, "
        f"{data['already']} already in force, {data['undecided']} undecided"
    )
    emit(data, fmt, rows, ["judgement", "action", "entity", "other"], title=title)


def _say(report: JudgementReport) -> None:
    messages = {
        "merge": f"merged {report.entity_id} into {report.other_id}: {report.claims} claims now read as "
        f"{report.other_id}, {report.timelines_rebuilt} timelines re-derived",
        "unmerge": f"unmerged {report.entity_id} from {report.other_id}: {report.claims} claims read as "
        f"{report.entity_id} again, {report.timelines_rebuilt} timelines re-derived",
        "distinct": f"recorded {report.entity_id} and {report.other_id} as distinct",
        "withdraw": f"withdrew judgement on {report.entity_id} and {report.other_id}"
        + (f"; {report.timelines_rebuilt} timelines re-derived" if report.timelines_rebuilt else ""),
    }
    click.echo(f"{messages[report.action]} (judgement {report.judgement_id})")
