"""Analysts' rejections of claims that misread their source (proscribe.ingest.rejections), listed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from proscribe.query.common import JSON
from proscribe.store import Reader
from proscribe.store.rejections import claim_summary


def rejection_list(reader: Reader, include_restored: bool = False) -> JSON:
    """Every rejection in force (or every one ever made), oldest first, with the claim it sets aside."""
    return {"rejections": [_rejection_json(row) for row in reader.rejections(include_restored)]}


def rejections_of(reader: Reader, entity_ids: Sequence[str]) -> list[JSON]:
    """The rejections in force of claims about the entities (an entity and those merged into it)."""
    wanted = set(entity_ids)
    return [_rejection_json(row) for row in reader.rejections() if row["claim"]["entity_id"] in wanted]


def _rejection_json(row: dict[str, Any]) -> JSON:
    return {
        "id": row["id"],
        "claim": claim_summary(row["claim"]),
        "reason": row["reason"],
        "decided_by": row["decided_by"],
        "rejected_at": _iso(row["rejected_at"]),
        "restored_at": _iso(row["restored_at"]),
        "restore_reason": row["restore_reason"],
        "restored_by": row["restored_by"],
    }


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat(timespec="seconds")
