"""`proscribe sources documents`: the articles and curated sources held, and what became of their claims."""

from __future__ import annotations

from datetime import date

import click

from proscribe.cli.registry import day_value, reader_from
from proscribe.cli.render import emit, output_format
from proscribe.query.documents import DOCUMENT_KINDS, documents_held

_COLUMNS = (
    "known_from",
    "kind",
    "title",
    "publisher",
    "claims",
    "counted",
    "set_aside",
    "rejected",
    "entities",
    "url",
)


def register(main: click.Group) -> None:
    """Add `documents` to the `sources` group."""
    sources_group = main.get_command(click.Context(main), "sources")
    assert isinstance(sources_group, click.Group)

    @sources_group.command(name="documents")
    @click.option(
        "--kind",
        type=click.Choice(list(DOCUMENT_KINDS)),
        default="news",
        show_default=True,
        help="News articles, curated sources (the bundled dataset's), or both.",
    )
    @click.option(
        "--since",
        callback=day_value,
        metavar="YYYY-MM-DD",
        help="Documents known from this day on (published, else first counted).",
    )
    @click.option("--until", callback=day_value, metavar="YYYY-MM-DD", help="...and by this day.")
    @click.option("--entity", metavar="E", help="Only documents with a claim about this entity.")
    @click.option(
        "--limit", default=100, show_default=True, type=click.IntRange(1, 100_000), help="Maximum rows."
    )
    @output_format
    @click.pass_context
    def documents_command(
        ctx: click.Context,
        kind: str,
        since: date | None,
        until: date | None,
        entity: str | None,
        limit: int,
        fmt: str,
    ) -> None:
        """News articles and curated sources held, latest first: claims counted, set aside, rejected."""
        data = documents_held(reader_from(ctx), kind, since, until, entity, limit)
        emit(data, fmt, lambda d: list(d["documents"]), _COLUMNS)
        if data["more"] and fmt == "table":
            click.echo(f"note: more documents match; the first {limit} are shown (--limit)", err=True)
