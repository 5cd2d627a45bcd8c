"""Official sources and the snapshots held of each: what the registry's list evidence rests on.

An analyst auditing an answer asks which publication of a list it was drawn from: the day of each
snapshot, the file's sha256, where and when it was retrieved (with the server's validators when
`update` fetched it) and how many claims cite it.
"""

from __future__ import annotations

from typing import Any

from proscribe import vocab
from proscribe.query.common import list_closure
from proscribe.sources.meta import SourceMeta, all_sources, source_meta
from proscribe.store import Reader

JSON = dict[str, Any]


def official_sources(reader: Reader) -> JSON:
    """Every known official source with its format, URL and the snapshots held (count, first, last)."""
    held = reader.snapshot_summary() if reader.store.is_initialised() else {}
    out = []
    for meta in all_sources().values():
        count, first, last = held.get(meta.id, (0, None, None))
        out.append(
            {
                "source": meta.id,
                "title": meta.title,
                "publisher": meta.publisher,
                "format": meta.format,
                "jurisdiction": jurisdictions_of(meta),
                "list": meta.list,
                "url": meta.url,
                **_closure(meta),
                "snapshots": count,
                "first": first.isoformat() if first else None,
                "last": last.isoformat() if last else None,
            }
        )
    return {"sources": out}


def _closure(meta: SourceMeta) -> JSON:
    """`closed_on` / `succeeded_by` of a source whose list its publisher closed (both None otherwise)."""
    closed = list_closure(meta.list)
    return {
        "closed_on": closed["on"] if closed else None,
        "succeeded_by": closed["succeeded_by"] if closed else None,
    }


def snapshots_held(reader: Reader, source_name: str) -> JSON:
    """One source's snapshots, oldest first: date, file, sha256, retrieval, records and claims citing it.

    Each says what part of the list it holds (`covers`; `partial` when absence in it proves
    nothing), the facets its input leaves out (`not_stated`) and the series of snapshots it is
    diffed against (`compared_with`). `withdrawn` lists the snapshots an analyst took back, with
    the reason, who and when (their claims count in no answer).

    An unknown source is a NotFoundError listing the known ones.
    """
    meta = source_meta(source_name)
    held = reader.store.is_initialised()
    rows = reader.snapshots_of(meta.id) if held else []
    withdrawn = reader.withdrawn_snapshots_of(meta.id) if held else []
    return {
        "source": meta.id,
        "title": meta.title,
        "publisher": meta.publisher,
        "jurisdiction": jurisdictions_of(meta),
        "url": meta.url,
        **_closure(meta),
        "snapshots": [
            {
                "date": row["snapshot_date"].isoformat(),
                "id": row["id"],
                "records": row["record_count"],
                "claims": int(row["claims"]),
                "covers": row["scope"] or "the whole list",
                "partial": bool(row["partial"]),
                "not_stated": row["unstated"].split(",") if row["unstated"] else [],
                "compared_with": row["series"] or meta.id,
                "files": row["filename"],
                "sha256": row["sha256"],
                "url": row["url"],
                "retrieved_at": row["retrieved_at"].isoformat() if row["retrieved_at"] else None,
                "etag": row["etag"],
                "last_modified": row["last_modified"],
            }
            for row in rows
        ],
        "withdrawn": [
            {
                "date": row["snapshot_date"].isoformat(),
                "id": row["source_id"],
                "records": row["record_count"],
                "files": row["filename"],
                "sha256": row["sha256"],
                "reason": row["reason"],
                "decided_by": row["decided_by"],
                "withdrawn_at": row["withdrawn_at"].isoformat(),
            }
            for row in withdrawn
        ],
    }


def jurisdictions_of(meta: SourceMeta) -> str:
    """The jurisdictions of the lists a source's records can be put on, e.g. `UN` or `EU, GB, UN, US`.

    An aggregator (OpenSanctions) carries many publishers' lists: its metadata's single
    jurisdiction would mislabel it, so the label comes from the lists its lookups map to.
    """
    known = vocab.lists()
    list_ids = {meta.list, *(value for table in meta.lookups.values() for value in table.values())}
    found = sorted({known[list_id].jurisdiction for list_id in list_ids if list_id in known})
    return ", ".join(found) or meta.jurisdiction
