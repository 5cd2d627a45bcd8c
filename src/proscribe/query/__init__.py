"""Answers: status at a date (and as of a knowledge date), timelines, matrix, changes, sources, search.

Every function takes a Reader first and returns a JSON-ready dict; the CLI, API and web render
exactly these dicts, so every surface gives the same answer.

Valid time (`at`) picks the day whose state is asked; knowledge time (`as_of`) keeps only the
claims whose sources were published or retrieved by then and re-derives the timelines from them.
"""

from proscribe.query.history import (
    CHANGE_ORDERS,
    changes,
    entity_detail,
    entity_index,
    jurisdiction_overview,
    search,
    sources,
    timeline,
)
from proscribe.query.status import designations_at, matrix, status

__all__ = [
    "CHANGE_ORDERS",
    "changes",
    "designations_at",
    "entity_detail",
    "entity_index",
    "jurisdiction_overview",
    "matrix",
    "search",
    "sources",
    "status",
    "timeline",
]
