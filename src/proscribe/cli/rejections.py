"""`proscribe sources reject | restore | rejected`: analysts' rulings that a claim misreads its source."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import click

from proscribe.cli.registry import reader_from, store_from
from proscribe.cli.render import Section, emit, emit_sections, output_format
from proscribe.ingest.rejections import RejectionReport, reject_claims, restore_claims
from proscribe.query.rejections import rejection_list
from proscribe.store import Store

_CLAIM_COLUMNS = ("id", "entity", "jurisdiction", "list", "claim", "date", "title", "evidence")
_SECTIONS = (
    Section("claims", lambda d: list(d["claims"]), _CLAIM_COLUMNS),
    Section(
        "changes",
        lambda d: list(d["changes"]),
        ("effect", "what", "date", "jurisdiction", "list", "action", "entity", "name"),
    ),
)
_LISTING_COLUMNS = ("id", "claim", "entity", "jurisdiction", "list", "action", "date", "reason", "decided_by")
Change = Callable[[Store, Sequence[str], str, str | None, str | None, bool], RejectionReport]
_HELP = {
    "reject": "Reject CLAIM_IDS (news or curated claims that misread their source): reads ignore them.",
    "restore": "Take back the rejection of CLAIM_IDS: reads count them again (both stay on record).",
}


def _change_command(verb: str, change: Change, done: str) -> click.Command:
    """`sources reject` or `sources restore`: the same options, one core function each."""

    @click.command(name=verb, help=_HELP[verb])
    @click.argument("claim_ids", nargs=-1)
    @click.option(
        "--source",
        "source_uri",
        metavar="URL",
        help=f"{verb.capitalize()} every claim read from this source (URL or urn:sha256:...).",
    )
    @click.option("--reason", required=True, help="Why (kept on record; the next analyst reads it).")
    @click.option("--by", "decided_by", help="Who decides (kept on record).")
    @click.option(
        "--dry-run", is_flag=True, help="Run in a rolled-back transaction: report the effect, change nothing."
    )
    @output_format
    @click.pass_context
    def command(
        ctx: click.Context,
        claim_ids: tuple[str, ...],
        source_uri: str | None,
        reason: str,
        decided_by: str | None,
        dry_run: bool,
        fmt: str,
    ) -> None:
        report = change(store_from(ctx), claim_ids, reason, decided_by, source_uri, dry_run).as_dict()
        emit_sections(report, fmt, _SECTIONS, _title(report, done))

    return command


def register(main: click.Group) -> None:
    """Add `reject`, `restore` and `rejected` to the `sources` group."""
    sources_group = main.get_command(click.Context(main), "sources")
    assert isinstance(sources_group, click.Group)
    sources_group.add_command(_change_command("reject", reject_claims, "rejected"))
    sources_group.add_command(_change_command("restore", restore_claims, "restored"))

    @sources_group.command(name="rejected")
    @click.option("--all", "include_restored", is_flag=True, help="Include rejections since taken back.")
    @output_format
    @click.pass_context
    def rejected_command(ctx: click.Context, include_restored: bool, fmt: str) -> None:
        """Claims analysts rejected (in force; with --all, restored ones too), with why and by whom."""
        data = rejection_list(reader_from(ctx), include_restored)
        emit(data, fmt, _listing_rows, _LISTING_COLUMNS + (("restored_at",) if include_restored else ()))


def _title(report: dict[str, Any], done: str) -> str:
    head = f"{done} {len(report['claims'])} claim(s)"
    if report["unchanged"]:
        head += f"; {report['unchanged']} of the source's claims left as they were"
    head += f"; {report['timelines_rebuilt']} timeline(s) re-derived"
    return f"dry run, nothing was changed: {head}" if report["dry_run"] else head


def _listing_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "id": item["id"],
            "claim": item["claim"]["id"],
            "entity": item["claim"]["entity"],
            "jurisdiction": item["claim"]["jurisdiction"],
            "list": item["claim"]["list"],
            "action": item["claim"]["claim"],
            "date": item["claim"]["date"],
            "reason": item["reason"],
            "decided_by": item["decided_by"],
            "restored_at": (item["restored_at"] or "")[:10],
        }
        for item in data["rejections"]
    ]
