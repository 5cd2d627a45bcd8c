"""Views the pages and feeds share on top of `proscribe.query` (newest changes first)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from proscribe import query
from proscribe.query.common import list_closure
from proscribe.sources.meta import all_sources
from proscribe.store import Reader
from proscribe.web.http import EPOCH
from proscribe.web.render import list_name


def latest_changes(
    reader: Reader,
    limit: int,
    jurisdictions: Sequence[str] = (),
    lists: Sequence[str] = (),
    entities: Sequence[str] = (),
    since: date | None = None,
    until: date | None = None,
    order: str = "newest",
) -> list[dict[str, Any]]:
    """The `limit` most recent changes matching the filters (and the window): by the day they took
    effect (`newest`), or by the day a held source first reported them (`reported`)."""
    page = query.changes(
        reader, since or EPOCH, until, jurisdictions, lists, entities, limit=limit, order=order
    )
    changes: list[dict[str, Any]] = page["changes"]
    return changes


# Rows of one list a jurisdiction page shows at a time, and names of entities no longer listed.
LIST_PAGE = 500
OTHERS_SHOWN = 60
ACTIVE_STATES = ("listed", "suspended", "uncertain")


def list_sections(overview: dict[str, Any], only: str | None, page: int) -> list[dict[str, Any]]:
    """A jurisdiction overview's rows, one section per list, paged so a long list stays a page.

    Each section has `closed` (`{"on", "succeeded_by", "note"}` when its publisher closed the list by
    the overview's day, else None), its entities in force by name (`current`, at most LIST_PAGE: page
    `page` when the list is `only`, else the first), their total, and the first OTHERS_SHOWN of those
    recorded but not in force. With `only`, the other lists are left out.
    """
    rows_by_list: dict[str, list[dict[str, Any]]] = {}
    for row in overview["rows"]:
        rows_by_list.setdefault(row["list"], []).append(row)
    sections = []
    for item in overview["lists"]:
        if only and item["id"] != only:
            continue
        rows = rows_by_list.get(item["id"], [])
        rows = sorted(rows, key=lambda r: (r["name"].casefold(), r["entity_id"]))
        current = [r for r in rows if r["state"] in ACTIVE_STATES]
        others = [r for r in rows if r["state"] not in ACTIVE_STATES]
        number = page if only else 1
        pages = max(1, -(-len(current) // LIST_PAGE))
        start = (min(number, pages) - 1) * LIST_PAGE
        # A list its publisher closed (OFSI's gb-hmt) holds its last recorded states, not ones in force.
        closure = item.get("list_closed") or list_closure(item["id"])
        closed = closure if closure and overview["at"] >= closure["on"] else None
        sections.append(
            {
                **item,
                "closed": closed,
                "current": current[start : start + LIST_PAGE],
                "current_total": len(current),
                "first": start + 1,
                "page": min(number, pages),
                "pages": pages,
                "others": others[:OTHERS_SHOWN],
                "others_total": len(others),
            }
        )
    return sections


def snapshot_windows(held: dict[str, Any]) -> dict[str, str]:
    """Snapshot id -> the `/changes` page for the days since the snapshot before it in its series.

    What a snapshot changed is dated within (previous, this] unless the file dates it (a UN
    LISTED_ON), so the page of that window, in the source's jurisdictions, shows what the list's
    analyst looks for; the first snapshot of a series and a partial one (absence in it proves
    nothing) get none.
    """
    codes = [code.strip() for code in str(held["jurisdiction"]).split(",") if code.strip()]
    last_of: dict[str, date] = {}
    links: dict[str, str] = {}
    for snap in held["snapshots"]:
        day = date.fromisoformat(snap["date"])
        before = last_of.get(snap["compared_with"])
        if before is not None and not snap["partial"]:
            window = [("since", (before + timedelta(days=1)).isoformat()), ("until", snap["date"])]
            links[snap["id"]] = "/changes?" + urlencode(
                [*(("in", c) for c in codes), *window, ("order", "oldest")]
            )
        last_of[snap["compared_with"]] = day
    return links


def successor(list_id: str | None) -> dict[str, Any] | None:
    """The list that succeeded a closed one, in the official-sources pages' terms, or None.

    Those pages are keyed by source id (`uk-sanctions-list`), while a closure names the list that
    took over (`gb-uksl`): this gives its name, its id, and the sources whose records go on it
    (`{"id", "title"}`), which the pages link to.
    """
    if not list_id:
        return None
    readers = [{"id": m.id, "title": m.title} for m in all_sources().values() if m.list == list_id]
    return {"list": list_id, "name": list_name(list_id), "sources": readers}
