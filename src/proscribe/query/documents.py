"""The documents held besides list files: news articles and curated sources, with what each gave.

An analyst auditing what the registry knew asks which articles it holds, published when, and what
became of their claims: how many count, how many a later reading set aside, how many an analyst
rejected. This lists them, latest first, with the entities each is about.
"""

from __future__ import annotations

from datetime import date

from proscribe.errors import InputError
from proscribe.query.common import JSON
from proscribe.store import Reader

# What `kind` may ask for, and the source kinds each covers.
DOCUMENT_KINDS: dict[str, tuple[str, ...]] = {
    "news": ("news",),
    "curated": ("curated",),
    "all": ("news", "curated"),
}


def documents_held(
    reader: Reader,
    kind: str = "news",
    since: date | None = None,
    until: date | None = None,
    entity: str | None = None,
    limit: int = 100,
) -> JSON:
    """The documents of `kind` held, latest first (at most `limit`; `more` says whether others match).

    `since` / `until` bound the day a document is known from (its publication date, else the first
    day its claims count from); `entity` (any name or id) keeps the documents with a claim about it
    or an entity merged into it.
    """
    if kind not in DOCUMENT_KINDS:
        raise InputError(f"unknown document kind {kind!r}; known: {', '.join(DOCUMENT_KINDS)}")
    if since is not None and until is not None and until < since:
        raise InputError(f"--until {until} is before --since {since}")
    entity_ids = None
    if entity is not None:
        canonical = reader.resolve_entity(entity).id
        merged = reader.merged_into()
        entity_ids = [canonical, *sorted(m for m, into in merged.items() if into == canonical)]
    rows = reader.documents(DOCUMENT_KINDS[kind], since, until, entity_ids, limit + 1)
    return {
        "kind": kind,
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "entity": entity_ids[0] if entity_ids else None,
        "documents": [_document_json(row) for row in rows[:limit]],
        "more": len(rows) > limit,
    }


def _document_json(row: JSON) -> JSON:
    source = row["source"]
    first = row["first_ingested"]
    return {
        "id": source.id,
        "kind": source.kind,
        "title": source.title,
        "url": source.uri,
        "publisher": source.publisher,
        "published_on": source.published_on.isoformat() if source.published_on else None,
        "known_from": row["known_from"].isoformat() if row["known_from"] else None,
        "claims": row["claims"],
        "counted": row["counted"],
        "set_aside": row["set_aside"],
        "rejected": row["rejected"],
        "entities": row["entities"],
        "first_ingested": first.isoformat(timespec="seconds") if first else None,
    }
