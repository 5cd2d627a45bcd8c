"""Feeds of designation changes: Atom (RFC 4287) at /feeds/changes.atom, JSON Feed 1.1 at /feeds/changes.json.

Both list the 50 most recent changes, in the reverse of `/api/changes`'s order (by the latest day a
change may have happened), or with `order=reported` the 50 most recently first reported (what the
registry learned lately, a delisting of years ago included), and take its filters: `in`
(jurisdictions), `list`, `entity`, `since` and `until` (so the Changes page's feed links give the
changes it shows). An entry's id is the change's stable event id, so readers never see one twice. It
is published on the day a held source first reported the change, and updated on the earliest day the
change may have happened or, when first reported later, on that day (a partial date such as
`2025-06` is kept as written in the title).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from lxml import etree

from proscribe.store import Reader, Store
from proscribe.web.http import (
    ResponseCache,
    cached_response,
    code_params,
    json_bytes,
    list_params,
    window_params,
)
from proscribe.web.render import jurisdiction_name, web_url
from proscribe.web.views import latest_changes

ATOM_NS = "http://www.w3.org/2005/Atom"
ATOM_TYPE = "application/atom+xml"
JSON_FEED_TYPE = "application/feed+json"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
FEED_SIZE = 50
EPOCH_STAMP = "1900-01-01T00:00:00Z"

InParam = Annotated[
    tuple[str, ...], Query(alias="in", description="Jurisdiction codes; repeat or comma-separate")
]
ListParam = Annotated[tuple[str, ...], Query(alias="list", description="List ids, e.g. ru-terrorist")]
EntityParam = Annotated[tuple[str, ...], Query(description="Entity ids or names")]
SinceParam = Annotated[
    str | None, Query(description="Only changes that may have happened on or after this day (YYYY-MM-DD)")
]
UntilParam = Annotated[
    str | None, Query(description="Only changes that may have happened by this day (YYYY-MM-DD)")
]
OrderParam = Annotated[
    str,
    Query(
        pattern="^(newest|reported)$",
        description="`newest`: by the day a change took effect (default); `reported`: by the day a held "
        "source first reported it",
    ),
]


def _stamp(change: dict[str, Any]) -> str:
    """RFC 3339 timestamp of the earliest day a change may have happened."""
    return _day_stamp(str(change.get("date") or ""))


def _day_stamp(text: str) -> str:
    """RFC 3339 timestamp of the earliest day a date text (`2024-05`, `1997`, `A/B`) allows."""
    left = text.split("/")[0]
    if left in ("", "..", "unknown"):
        return EPOCH_STAMP
    parts = [int(p) for p in left.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2]).isoformat() + "T00:00:00Z"


def _published(change: dict[str, Any]) -> str:
    """RFC 3339 timestamp of the day a held source first reported a change (else when it happened)."""
    first = change.get("first_reported")
    return _day_stamp(first) if first else _stamp(change)


def _updated(change: dict[str, Any]) -> str:
    """The later of a change's earliest day and its first report: an entry is not updated before
    it is published (the stamps are all one format, so they compare as text)."""
    return max(_stamp(change), _published(change))


def _title(change: dict[str, Any]) -> str:
    action = str(change["action"]).replace("_", " ")
    if change.get("scope"):
        action += f" ({change['scope']})"  # the EU's listing of a military wing, not of the group
    where = jurisdiction_name(change["jurisdiction"])
    on_list = f" ({change['list']})" if change.get("list") else ""
    return f"{change['name']}: {action} in {where}{on_list}, {change['date']}"


def _summary(change: dict[str, Any]) -> str:
    by = f" by {change['authority']}" if change.get("authority") else ""
    deciders = [d["authority"] for d in change.get("deciders", [])]
    if deciders:
        disagree = " (sources disagree)" if len(deciders) > 1 else ""
        by += f", to be decided by {' or '.join(deciders)}{disagree}"
    sources = "; ".join(_source_text(s) for s in change.get("sources", []) if s.get("url"))
    refuted = " This report is refuted by a better source." if change.get("refuted") else ""
    disputed = "".join(f" Disputed: {d}." for d in change.get("disputed", []))
    notes = "".join(f" {note.rstrip('.')}." for note in change.get("notes", []))
    return f"{_title(change)}{by}.{refuted}{disputed}{notes} Sources: {sources or 'none recorded'}."


def _source_text(source: dict[str, Any]) -> str:
    """A source as the summary names it: its URL, or, for one held without a web address (a text
    ingested from a file, `urn:sha256:...`), its title with that identifier, so it reads as no link."""
    if web_url(source["url"]):
        return str(source["url"])
    return f"{source.get('title') or 'a document'} (held without a web address: {source['url']})"


def atom(changes: list[dict[str, Any]], base: str, self_url: str) -> bytes:
    """Render changes (newest first) as an Atom feed document."""
    feed = etree.Element(f"{{{ATOM_NS}}}feed", nsmap={None: ATOM_NS})  # type: ignore[dict-item]

    def sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
        node = etree.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        if text is not None:
            node.text = text
        return node

    sub(feed, "id", f"{base}/feeds/changes.atom")
    sub(feed, "title", "proscribe: designation changes")
    sub(feed, "updated", max((_updated(c) for c in changes), default=EPOCH_STAMP))
    author = sub(feed, "author")
    sub(author, "name", "proscribe")
    sub(feed, "link", rel="self", href=self_url, type=ATOM_TYPE)
    sub(feed, "link", rel="alternate", href=f"{base}/changes", type="text/html")
    for change in changes:
        entry = sub(feed, "entry")
        sub(entry, "id", f"urn:proscribe:change:{change['id']}")
        sub(entry, "title", _title(change))
        sub(entry, "published", _published(change))
        sub(entry, "updated", _updated(change))
        sub(entry, "link", rel="alternate", href=f"{base}/entities/{change['entity_id']}", type="text/html")
        for source in change.get("sources", []):
            # A link a reader can follow: an identifier (urn:sha256:...) stays in the summary's text.
            if web_url(source.get("url")):
                sub(
                    entry,
                    "link",
                    rel="related",
                    href=source["url"],
                    title=source.get("title") or source["url"],
                )
        sub(entry, "category", term=str(change["action"]))
        sub(
            entry,
            "category",
            term=str(change["jurisdiction"]),
            label=jurisdiction_name(change["jurisdiction"]),
        )
        sub(entry, "summary", _summary(change), type="text")
    return bytes(etree.tostring(feed, xml_declaration=True, encoding="utf-8", pretty_print=True))


def json_feed(changes: list[dict[str, Any]], base: str, self_url: str) -> dict[str, Any]:
    """Render changes (newest first) as a JSON Feed 1.1 document; each item keeps the change itself."""
    return {
        "version": JSON_FEED_VERSION,
        "title": "proscribe: designation changes",
        "home_page_url": f"{base}/changes",
        "feed_url": self_url,
        "items": [
            {
                "id": f"urn:proscribe:change:{c['id']}",
                "url": f"{base}/entities/{c['entity_id']}",
                "title": _title(c),
                "content_text": _summary(c),
                "date_published": _published(c),
                "date_modified": _updated(c),
                "tags": [c["action"], c["jurisdiction"], *([c["list"]] if c.get("list") else [])],
                "_proscribe": c,
            }
            for c in changes
        ],
    }


def feed_router(store: Store, cache: ResponseCache) -> APIRouter:
    """Build the router of the two change feeds over `store`."""
    router = APIRouter(prefix="/feeds", tags=["feeds"])

    def respond(
        request: Request,
        in_: tuple[str, ...],
        list_: tuple[str, ...],
        entity: tuple[str, ...],
        window: tuple[str | None, str | None],
        order: str,
        kind: str,
    ) -> Response:
        codes, lists, entities = code_params(in_), list_params(list_), list_params(entity)
        since, until = window_params(*window)
        reader: Reader = store.reader()
        base = str(request.base_url).rstrip("/")

        def render() -> tuple[bytes, str]:
            changes = latest_changes(reader, FEED_SIZE, codes, lists, entities, since, until, order)
            if kind == "atom":
                return atom(changes, base, str(request.url)), ATOM_TYPE
            return json_bytes(json_feed(changes, base, str(request.url))), JSON_FEED_TYPE

        return cached_response(request, reader.content_hash(), cache, render)

    @router.get(
        "/changes.atom",
        summary="Atom feed of designation changes, newest or latest reported first",
        responses={200: {"content": {ATOM_TYPE: {}}}},
    )
    def changes_atom(
        request: Request,
        in_: InParam = (),
        list_: ListParam = (),
        entity: EntityParam = (),
        since: SinceParam = None,
        until: UntilParam = None,
        order: OrderParam = "newest",
    ) -> Response:
        return respond(request, in_, list_, entity, (since, until), order, "atom")

    @router.get(
        "/changes.json",
        summary="JSON Feed 1.1 of designation changes, newest or latest reported first",
        responses={200: {"content": {JSON_FEED_TYPE: {}}}},
    )
    def changes_json(
        request: Request,
        in_: InParam = (),
        list_: ListParam = (),
        entity: EntityParam = (),
        since: SinceParam = None,
        until: UntilParam = None,
        order: OrderParam = "newest",
    ) -> Response:
        return respond(request, in_, list_, entity, (since, until), order, "json")

    return router
