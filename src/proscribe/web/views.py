"""Views the pages and feeds share on top of `proscribe.query` (newest changes first)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from proscribe import query
from proscribe.store import Reader

EPOCH = date(1900, 1, 1)
_PAGE = 1000


def latest_changes(
    reader: Reader,
    limit: int,
    jurisdictions: Sequence[str] = (),
    lists: Sequence[str] = (),
    entities: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """The `limit` most recent changes matching the filters, newest first.

    `query.changes` pages oldest first; this walks its pages and keeps the tail, which costs one
    pass over the matching events (responses are cached per registry version).
    """
    kept: list[dict[str, Any]] = []
    cursor: str | None = None
    while True:
        page = query.changes(reader, EPOCH, None, jurisdictions, lists, entities, limit=_PAGE, cursor=cursor)
        kept = (kept + page["changes"])[-limit:]
        cursor = page["next_cursor"]
        if cursor is None:
            return kept[::-1]
