"""Views the pages and feeds share on top of `proscribe.query` (newest changes first)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from proscribe import query
from proscribe.errors import InputError
from proscribe.query.common import list_closure
from proscribe.sources.meta import all_sources
from proscribe.store import Reader
from proscribe.web.http import WINDOW_OPTIONS, first_day, option_names, page_within
from proscribe.web.render import list_name


def window_changes(
    reader: Reader,
    start: date | None,
    until: date | None,
    reported: tuple[date | None, date | None] = (None, None),
    jurisdictions: Sequence[str] = (),
    lists: Sequence[str] = (),
    entities: Sequence[str] = (),
    limit: int = 100,
    cursor: str | None = None,
    order: str = "newest",
) -> dict[str, Any]:
    """`query.changes` over a window given as the pages and the API take it (`reported`: the days
    first reported, from and until): an error names their parameters (`until`, not `--until`)."""
    try:
        return query.changes(
            reader,
            start,
            until=until,
            jurisdictions=jurisdictions,
            lists=lists,
            entities=entities,
            limit=limit,
            cursor=cursor,
            order=order,
            reported_since=reported[0],
            reported_until=reported[1],
        )
    except InputError as exc:
        raise option_names(exc, WINDOW_OPTIONS) from None


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
    effect (`newest`), or by the day a held source first reported them (`reported`). An error
    names the window's parameters as the pages and feeds take them (`until`, not `--until`)."""
    page = window_changes(
        reader,
        first_day(since, until, None),
        until,
        jurisdictions=jurisdictions,
        lists=lists,
        entities=entities,
        limit=limit,
        order=order,
    )
    changes: list[dict[str, Any]] = page["changes"]
    return changes


# The home page's search shows this many names a page, and counts the entities found up to the other.
SEARCH_PAGE = 20
SEARCH_COUNTED = 500


def name_search(reader: Reader, text: str, page: int) -> dict[str, Any]:
    """Page `page` of the entities whose names contain `text` (SEARCH_PAGE a page, best first), and
    how many were found, so a reader knows when the page is not all of them.

    `found` counts them up to SEARCH_COUNTED (`found_more` says there are more); it is 0 when no
    name contains the text and `results` are names close in spelling instead (`match: "similar"`),
    which are not paged. A page past the last is a NotFoundError naming the last.
    """
    if not text.strip():
        page_within({"page": page, "pages": 1}, "the results")
        return {"results": [], "found": 0, "found_more": False, "page": 1, "pages": 1, "size": SEARCH_PAGE}
    hits: list[dict[str, Any]] = query.search(reader, text, limit=SEARCH_PAGE + 1)["results"]
    if hits and hits[0]["match"] == "similar":
        page_within({"page": page, "pages": 1}, "the names close in spelling")
        return {
            "results": hits[:SEARCH_PAGE],
            "found": 0,
            "found_more": False,
            "page": 1,
            "pages": 1,
            "size": SEARCH_PAGE,
        }
    if len(hits) > SEARCH_PAGE:
        # More than a page: ask again for as many as are counted, and one more to know of others.
        hits = query.search(reader, text, limit=SEARCH_COUNTED + 1)["results"]
    found = min(len(hits), SEARCH_COUNTED)
    pages = max(1, -(-found // SEARCH_PAGE))
    page_within({"page": page, "pages": pages}, f"the results for {text.strip()!r}")
    start = (page - 1) * SEARCH_PAGE
    return {
        "results": hits[start : start + SEARCH_PAGE],
        "found": found,
        "found_more": len(hits) > SEARCH_COUNTED,
        "page": page,
        "pages": pages,
        "size": SEARCH_PAGE,
    }


# Rows of one list a jurisdiction page shows at a time, and names of entities no longer listed.
LIST_PAGE = 500
OTHERS_SHOWN = 60
ACTIVE_STATES = ("listed", "suspended", "uncertain")


def list_sections(overview: dict[str, Any], only: str | None, page: int) -> list[dict[str, Any]]:
    """A jurisdiction overview's rows, one section per list, paged so a long list stays a page.

    Each section has `closed` (`{"on", "succeeded_by", "note"}` when its publisher closed the list by
    the overview's day, else None), its entities in force by name (`current`, at most LIST_PAGE: page
    `page` when the list is `only`, else the first; none past the last, which the page refuses with
    `page_within`), their total, and the first OTHERS_SHOWN of those recorded but not in force. With
    `only`, the other lists are left out.
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
        start = (number - 1) * LIST_PAGE
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
                "page": number,
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
