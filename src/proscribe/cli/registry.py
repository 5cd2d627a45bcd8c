"""Registry commands: init, status, timeline, matrix, changes, sources, search."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import click
from click.core import ParameterSource

from proscribe import query
from proscribe.cli import SubGroup
from proscribe.cli.render import Section, emit, emit_sections, output_format
from proscribe.model import parse_day
from proscribe.store import Reader, Store, open_store


def store_from(ctx: click.Context) -> Store:
    """The store named by --db / PROSCRIBE_DB_URL."""
    return open_store((ctx.obj or {}).get("db_url"))


def reader_from(ctx: click.Context) -> Reader:
    """A reader on an initialised store."""
    store = store_from(ctx)
    store.require_initialised()
    return store.reader()


def day_value(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    """Click callback for an optional YYYY-MM-DD option: the day, or None when not given (an empty
    value is an error, not "today": `--at "$DAY"` with DAY unset must not answer for another day)."""
    return parse_day(value) if value is not None else None


day_option = click.option(
    "--at", callback=day_value, metavar="YYYY-MM-DD", help="Valid time: the day asked about (default today)."
)
as_of_option = click.option(
    "--as-of",
    "as_of",
    callback=day_value,
    metavar="YYYY-MM-DD",
    help="Knowledge time: count only sources known by then.",
)


def _jurisdiction_list(
    _ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> tuple[str, ...]:
    """`--in RU --in KZ` or `--in RU,KZ`, as the API's `in=RU,KZ` takes them; an empty value is
    refused, since leaving the filter out would answer for every jurisdiction."""
    out: list[str] = []
    for value in values:
        parts = [part.strip() for part in value.split(",")]
        if not any(parts):
            raise click.BadParameter("empty: give a jurisdiction code such as RU or UN", param=param)
        out.extend(part for part in parts if part and part not in out)
    return tuple(out)


in_option = click.option(
    "--in",
    "jurisdictions",
    multiple=True,
    metavar="J",
    callback=_jurisdiction_list,
    help="Jurisdiction code (repeatable, or comma-separated: RU,KZ).",
)


def _scope_text(item: dict[str, Any]) -> str | None:
    """The scope, with the day it took effect when that is not the day the state began (a listing
    extended to the whole organisation later: `whole organisation (since 2021-11-26)`)."""
    scope, since = item.get("scope"), item.get("scope_since")
    if scope and since and since != item.get("since"):
        return f"{scope} (since {since})"
    return scope


def _decided_by(proposal: dict[str, Any]) -> str:
    """Who the sources say decides a pending proposal, and that they disagree when they name several."""
    names = [d["authority"] for d in proposal["deciders"]]
    if not names:
        return ""
    return "; decided by " + " or ".join(names) + (" (sources disagree)" if len(names) > 1 else "")


def _status_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for j in data["jurisdictions"]:
        if not j["lists"]:
            rows.append({"jurisdiction": j["jurisdiction"], "state": "no_data"})
        for item in j["lists"]:
            pending = [
                f"{p['action']} {p['date']} ({p['authority'] or 'authority unknown'}{_decided_by(p)})"
                for p in item["pending"]
            ]
            rows.append(
                {
                    "jurisdiction": j["jurisdiction"],
                    "list": item["list"],
                    "state": item["state"],
                    "scope": _scope_text(item),
                    "since": item["since"],
                    "authority": item["authority"],
                    "legal_basis": (item["legal_basis"] or {}).get("text"),
                    "pending": pending,
                    "conflicts": len(item["conflicts"]),
                    "sources": len(item["sources"]),
                    "last_seen": item["last_seen"],
                    "note": item["note"],
                }
            )
    return rows


def _timeline_rows(part: str) -> Callable[[dict[str, Any]], list[dict[str, Any]]]:
    """Rows of one part of a timeline document, each with its jurisdiction and list."""

    def rows(data: dict[str, Any]) -> list[dict[str, Any]]:
        return [
            {"jurisdiction": t["jurisdiction"], "list": t["list"], **item}
            for t in data["timelines"]
            for item in t[part]
        ]

    return rows


def _happening_rows(part: str) -> Callable[[dict[str, Any]], list[dict[str, Any]]]:
    """Event or proposal rows: a refuted one (a better source contradicts it) marked, sources summed up."""
    items = _timeline_rows(part)

    def rows(data: dict[str, Any]) -> list[dict[str, Any]]:
        return [
            {
                **row,
                "action": row["action"] + (" (refuted)" if row["refuted"] else ""),
                "authority": row["authorities"],
                "decided_by": [d["authority"] for d in row["deciders"]],
                "sources": _source_titles(data["claims"], row["claims"]),
            }
            for row in items(data)
        ]

    return rows


def _source_titles(claims: dict[str, Any], ids: list[str], shown: int = 2) -> str:
    """The distinct source titles of `ids`, the first `shown` of them and how many more."""
    titles = list(dict.fromkeys(claims[i]["source"]["title"] for i in ids if i in claims))
    more = len(titles) - shown
    return "; ".join(titles[:shown]) + (f"; +{more} more" if more > 0 else "")


_HAPPENING_COLUMNS = ["jurisdiction", "list", "date", "action", "authority", "scope", "note", "sources"]
_CONFLICT_COLUMNS = ["jurisdiction", "list", "kind", "window", "description", "resolution"]


def _may_be_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """A row per list of each entity the answer's may be (one with no list when it has none asked for);
    a jurisdiction listing it but not the entity asked about is marked, since that is what the rows
    above miss."""
    rows = []
    for other in data["may_be"]:
        first = {"entity_id": other["entity"]["id"], "name": other["entity"]["name"], "why": other["why"]}
        missed = set(other["listed_where_this_is_not"])
        for item in other["lists"] or [{"state": "no_data"}]:
            state = item["state"]
            if item.get("jurisdiction") in missed and state in ("listed", "suspended"):
                state += " (not above)"
            rows.append(
                {
                    **first,
                    "jurisdiction": item.get("jurisdiction", ""),
                    "list": item.get("list", ""),
                    "state": state,
                    "since": item.get("since"),
                    "last_seen": item.get("last_seen"),
                }
            )
            first = {"entity_id": "", "name": "", "why": ""}  # said once per entity
    return rows


_MAY_BE_COLUMNS = ["entity_id", "name", "jurisdiction", "list", "state", "since", "last_seen", "why"]


TIMELINE_SECTIONS = [
    Section(
        "Intervals",
        _timeline_rows("intervals"),
        ["jurisdiction", "list", "state", "from", "until", "start", "authority", "note"],
    ),
    Section("Events", _happening_rows("events"), _HAPPENING_COLUMNS),
    Section(
        "Proposals",
        _happening_rows("proposals"),
        [*_HAPPENING_COLUMNS[:5], "decided_by", *_HAPPENING_COLUMNS[5:]],
    ),
    Section("Conflicts", _timeline_rows("conflicts"), _CONFLICT_COLUMNS),
    Section(
        "Terms run out, no renewal on record",
        _timeline_rows("lapses"),
        ["jurisdiction", "list", "from", "until", "last_in_force", "term_years", "basis"],
        optional=True,
    ),
    Section(
        "May be the same as (kept apart until an analyst merges them: their timelines are not above; "
        "states today, or on the --as-of day)",
        _may_be_rows,
        _MAY_BE_COLUMNS,
        optional=True,
    ),
]


def _status_conflict_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"jurisdiction": j["jurisdiction"], "list": item["list"], **conflict}
        for j in data["jurisdictions"]
        for item in j["lists"]
        for conflict in item["conflicts"]
    ]


STATUS_SECTIONS = [
    Section(
        "Lists",
        _status_rows,
        [
            "jurisdiction",
            "list",
            "state",
            "scope",
            "since",
            "authority",
            "legal_basis",
            "pending",
            "conflicts",
            "sources",
            "last_seen",
            "note",
        ],
    ),
    Section("Conflicts", _status_conflict_rows, _CONFLICT_COLUMNS),
    Section(
        "May be the same as (kept apart until an analyst merges them: their lists are not counted above)",
        _may_be_rows,
        _MAY_BE_COLUMNS,
        optional=True,
    ),
]


class _SourcesGroup(SubGroup):
    """`proscribe sources ENTITY` is short for `proscribe sources claims ENTITY`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and not args[0].startswith("-") and self.get_command(ctx, args[0]) is None:
            args = ["claims", *args]
        return super().parse_args(ctx, args)


def register(main: click.Group) -> None:
    """Add the registry commands to the main group."""

    @main.command()
    @click.pass_context
    def init(ctx: click.Context) -> None:
        """Create the database and load the bundled dataset (running it again changes nothing)."""
        from proscribe.ingest.core import init_registry

        store = store_from(ctx)
        report = init_registry(store)
        if report.rederived:
            click.echo(
                f"re-derived {report.rederived} stored timelines: "
                "the resolver's rules or the authority vocabulary changed"
            )
        if report.variants_added:
            click.echo(
                f"added {report.variants_added} name variants to stored entities: the variant rules changed"
            )
        if report.judgements_added:
            click.echo(
                f"recorded {report.judgements_added} identity judgements shipped with the dataset "
                "(`proscribe identity list` shows them)"
            )
        if report.claims_superseded:
            click.echo(
                f"set aside {report.claims_superseded} claims of the dataset it no longer makes "
                "(stored, counted by no read)"
            )
        if report.claims_restored:
            click.echo(f"counted again {report.claims_restored} claims the dataset makes again")
        if report.entities_refreshed or report.names_retracted or report.identifiers_retracted:
            click.echo(
                f"brought {report.entities_refreshed} entities to the dataset's names and descriptions; "
                f"retracted {report.names_retracted} names and {report.identifiers_retracted} identifiers "
                "that neither the dataset nor a held list record gives any more"
            )
        for warning in report.warnings:
            click.echo(f"warning: {warning}", err=True)
        if report.changed:
            click.echo(
                f"initialised {store.url}: {report.new_claims} claims, {report.new_entities} entities, "
                f"{report.new_sources} sources, {report.timelines_rebuilt} timelines"
            )
        else:
            click.echo(f"{store.url} is up to date: 0 new claims ({report.existing_claims} already stored)")

    @main.command()
    @click.argument("entity")
    @in_option
    @day_option
    @as_of_option
    @output_format
    @click.pass_context
    def status(
        ctx: click.Context,
        entity: str,
        jurisdictions: tuple[str, ...],
        at: date | None,
        as_of: date | None,
        fmt: str,
    ) -> None:
        """Is ENTITY designated (where, on which list, since when, on whose word) on a date?"""
        data = query.status(reader_from(ctx), entity, jurisdictions, at, as_of)
        title = f"{data['entity']['name']} ({data['entity']['id']}) at {data['at']}"
        emit_sections(data, fmt, STATUS_SECTIONS, title + (f" as known on {as_of}" if as_of else ""))

    @main.command()
    @click.argument("entity")
    @in_option
    @as_of_option
    @output_format
    @click.pass_context
    def timeline(
        ctx: click.Context, entity: str, jurisdictions: tuple[str, ...], as_of: date | None, fmt: str
    ) -> None:
        """Every interval, event, pending proposal and conflict for ENTITY, list by list."""
        data = query.timeline(reader_from(ctx), entity, jurisdictions, as_of)
        title = f"{data['entity']['name']} ({data['entity']['id']})"
        emit_sections(data, fmt, TIMELINE_SECTIONS, title + (f" as known on {as_of}" if as_of else ""))

    @main.command()
    @click.option(
        "--entity", "entities", multiple=True, metavar="E", help="Entity (repeatable; default all)."
    )
    @in_option
    @day_option
    @as_of_option
    @output_format
    @click.pass_context
    def matrix(
        ctx: click.Context,
        entities: tuple[str, ...],
        jurisdictions: tuple[str, ...],
        at: date | None,
        as_of: date | None,
        fmt: str,
    ) -> None:
        """State of each (entity, jurisdiction, list) on a date."""
        data = query.matrix(reader_from(ctx), entities, jurisdictions, at, as_of)
        emit(
            data,
            fmt,
            lambda d: [{**row, "scope": _scope_text(row)} for row in d["rows"]],
            [
                "entity_id",
                "name",
                "jurisdiction",
                "list",
                "state",
                "scope",
                "since",
                "pending",
                "conflicts",
                "note",
            ],
        )

    @main.command()
    @click.option(
        "--since", callback=day_value, metavar="YYYY-MM-DD", help="First day a change may have taken effect."
    )
    @click.option("--until", callback=day_value, metavar="YYYY-MM-DD", help="Last day (default open).")
    @click.option(
        "--reported-since",
        callback=day_value,
        metavar="YYYY-MM-DD",
        help="Only changes a held source first reported on or after this day: what is new since then.",
    )
    @click.option(
        "--reported-until",
        callback=day_value,
        metavar="YYYY-MM-DD",
        help="...and by this day (default open).",
    )
    @in_option
    @click.option("--list", "lists", multiple=True, metavar="L", help="List id (repeatable).")
    @click.option("--entity", "entities", multiple=True, metavar="E", help="Entity (repeatable).")
    @click.option(
        "--limit", default=1000, show_default=True, type=click.IntRange(1, 100_000), help="Maximum rows."
    )
    @click.option("--cursor", metavar="C", help="Go on from a previous page (its `next_cursor`).")
    @click.option(
        "--order",
        type=click.Choice(query.CHANGE_ORDERS),
        default="oldest",
        show_default=True,
        help="By the day changes took effect (oldest or newest first), or `reported`: the latest "
        "first reported first.",
    )
    @click.option("--newest-first", is_flag=True, help="Same as --order newest.")
    @output_format
    @click.pass_context
    def changes(
        ctx: click.Context,
        since: date | None,
        until: date | None,
        reported_since: date | None,
        reported_until: date | None,
        jurisdictions: tuple[str, ...],
        lists: tuple[str, ...],
        entities: tuple[str, ...],
        limit: int,
        cursor: str | None,
        order: str,
        newest_first: bool,
        fmt: str,
    ) -> None:
        """Designation changes by the day they took effect (--since) or were first reported."""
        if (
            newest_first
            and ctx.get_parameter_source("order") is ParameterSource.COMMANDLINE
            and order != "newest"
        ):
            raise click.UsageError(f"--newest-first is --order newest; it contradicts --order {order}")
        data = query.changes(
            reader_from(ctx),
            since,
            until,
            jurisdictions,
            lists,
            entities,
            limit,
            cursor,
            order="newest" if newest_first else order,
            reported_since=reported_since,
            reported_until=reported_until,
        )
        if data["next_cursor"] and fmt != "json":
            # The rows stop at --limit; a table or CSV cut short must say so, where a pipe won't hide it.
            click.echo(
                f"note: the first {limit} changes; more follow: add --cursor {data['next_cursor']} "
                "(or a larger --limit)",
                err=True,
            )
        emit(
            data,
            fmt,
            lambda d: [
                {
                    **c,
                    "notes": " | ".join([*(f"disputed: {d}" for d in c["disputed"]), *c["notes"]]),
                    "refuted": "refuted" if c["refuted"] else "",
                    "decided_by": " or ".join(x["authority"] for x in c["deciders"]),
                }
                for c in d["changes"]
            ],
            [
                "date",
                "jurisdiction",
                "list",
                "entity_id",
                "name",
                "action",
                "scope",
                "refuted",
                "authority",
                "decided_by",
                "first_reported",
                "notes",
            ],
        )

    @main.group(cls=_SourcesGroup, prefix="sources ")
    def sources() -> None:
        """Evidence: `sources ENTITY` (every claim with its source) and `sources list` (official sources)."""

    @sources.command(name="claims")
    @click.argument("entity")
    @in_option
    @output_format
    @click.pass_context
    def source_claims(ctx: click.Context, entity: str, jurisdictions: tuple[str, ...], fmt: str) -> None:
        """Every claim about ENTITY with its source and evidence (also: `proscribe sources ENTITY`)."""
        data = query.sources(reader_from(ctx), entity, jurisdictions)

        def rows(d: dict[str, Any]) -> list[dict[str, Any]]:
            return [{**c, "url": c["source"]["url"], "title": c["source"]["title"]} for c in d["claims"]]

        columns = ["jurisdiction", "list", "record", "action", "state", "date", "authority", "title", "url"]
        emit(data, fmt, rows, [*columns, "legal_basis", "evidence", "note", "id"])

    @main.command()
    @click.argument("text")
    @click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
    @output_format
    @click.pass_context
    def search(ctx: click.Context, text: str, limit: int, fmt: str) -> None:
        """Find entities by any name or alias, in any script (or the names closest to a misspelling)."""
        if not text.strip():
            raise click.BadParameter("empty: give a name, or part of one, to search for", param_hint="TEXT")
        data = query.search(reader_from(ctx), text, limit)
        emit(data, fmt, lambda d: d["results"], ["entity_id", "name", "matched_name", "match"])
