"""Shared pieces of the answers: jurisdiction codes, timelines at a knowledge date, source references."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from proscribe import vocab
from proscribe.model import Claim, Interval, Source, Timeline
from proscribe.resolve.timeline import resolve_timeline
from proscribe.store import Reader

JSON = dict[str, Any]


def jurisdiction_codes(jurisdictions: Sequence[str]) -> list[str]:
    """Validated, upper-cased jurisdiction codes (NotFoundError names an unknown one)."""
    return [vocab.jurisdiction(code).code for code in jurisdictions]


def list_ids(lists: Sequence[str]) -> list[str]:
    """Validated list ids in their stored (lower) case: a filter on a list that does not exist would
    match nothing, and an empty answer would read as "not designated"."""
    return [vocab.designation_list(list_id).id for list_id in lists]


def timelines_known_by(
    reader: Reader, entity_ids: Sequence[str], codes: Sequence[str], as_of: date | None
) -> list[Timeline]:
    """Stored timelines, or timelines re-derived from the claims known by `as_of`."""
    if as_of is None:
        return reader.timelines(entity_ids, codes)
    by_key: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    wanted = set(entity_ids)
    # Many entities (a whole-registry matrix as of a date): one scan beats a query per entity.
    batches = (
        [reader.claims()] if len(wanted) > 50 else [reader.claims(entity_id) for entity_id in entity_ids]
    )
    for claims in batches:
        for claim in claims:
            if claim.entity_id in wanted and claim.list_id and (not codes or claim.jurisdiction in codes):
                by_key[(claim.entity_id, claim.list_id)].append(claim)
    seen = reader.sightings([claim for claims in by_key.values() for claim in claims])
    out = []
    for (entity_id, list_id), claims in sorted(by_key.items()):
        timeline = resolve_timeline(entity_id, claims[0].jurisdiction, list_id, claims, as_of, seen)
        if timeline.intervals or timeline.events or timeline.state_claim_ids:
            out.append(timeline)
    return sorted(out, key=lambda t: (t.jurisdiction, t.list_id))


SourceMap = dict[str, tuple[int, Source]]


def source_refs(by_claim: SourceMap, claim_ids: Iterable[str]) -> list[JSON]:
    """The distinct sources behind some claims, most trusted first."""
    best: dict[str, tuple[int, Source]] = {}
    for claim_id in claim_ids:
        found = by_claim.get(claim_id)
        if found and (found[1].id not in best or found[0] < best[found[1].id][0]):
            best[found[1].id] = found
    ranked = sorted(best.values(), key=lambda pair: (pair[0], pair[1].id))
    return [{"url": s.uri, "title": s.title, "kind": s.kind} for _tier, s in ranked]


def claims_shown(timeline: Timeline, day: date) -> set[str]:
    """Claim ids whose sources a status entry cites: current and previous interval, pending proposals."""
    ids: set[str] = set()
    interval = timeline.interval_at(day)
    if interval is not None:
        ids.update(interval.claim_ids)
        index = timeline.intervals.index(interval)
        if index > 0:
            ids.update(timeline.intervals[index - 1].claim_ids)
    for pending in timeline.pending_at(day):
        ids.update(pending.claim_ids)
    return ids


def list_closed_note(list_id: str, at: date) -> str | None:
    """Said of a list its publisher has closed by `at` (see DesignationList.closed_note), else None."""
    found = vocab.lists().get(list_id)
    return found.closed_note(at) if found else None


def list_closure(list_id: str) -> JSON | None:
    """`{"on", "succeeded_by", "note"}` for a list its publisher has closed, else None.

    `note` is what an answer about any day from `on` must add (the web's table shows it then).
    """
    found = vocab.lists().get(list_id)
    if found is None or found.closed_on is None:
        return None
    return {
        "on": found.closed_on.isoformat(),
        "succeeded_by": found.succeeded_by,
        "note": found.closed_note(found.closed_on),
    }


def list_name(list_id: str) -> str:
    """The official name of a list, or its id when the vocabulary does not know it."""
    found = vocab.lists().get(list_id)
    return found.name if found else list_id


def entity_ref(ref: tuple[str, str]) -> JSON:
    """The `{"id", "name"}` object every answer starts with."""
    return {"id": ref[0], "name": ref[1]}


def claim_detail(claim: Claim, source: Source | None) -> JSON:
    """One claim with its source and evidence, as shown in timelines and source listings."""
    return {
        "id": claim.id,
        "kind": claim.kind,
        "action": claim.action,
        "state": claim.state,
        "date": claim.date.iso(),
        "authority": claim.authority,
        "legal_basis": claim.legal_basis,
        "scope": claim.scope,
        "evidence": claim.evidence,
        "span": list(claim.span) if claim.span else None,
        "rule": claim.rule,
        "confidence": claim.confidence,
        "note": claim.note,
        # The record an official list claim was read from (UN reference, OFAC ent_num, EU logicalId):
        # what an analyst looks up in the publisher's own file.
        "record": claim.record_key if source and source.kind == "official_list" else None,
        "source": {
            "url": source.uri if source else None,
            "title": source.title if source else None,
            "kind": source.kind if source else None,
            "published_on": source.published_on.isoformat() if source and source.published_on else None,
        },
    }


def interval_json(interval: Interval) -> JSON:
    """One timeline interval as JSON."""
    return {
        "state": interval.state,
        "start": interval.start.iso() if interval.start else None,
        "end": interval.end.iso() if interval.end else None,
        "from": interval.from_day.isoformat() if interval.from_day else None,
        "until": interval.until_day.isoformat() if interval.until_day else None,
        "authority": interval.authority,
        "note": interval.note,
        "candidates": list(interval.candidates),
        "claims": list(interval.claim_ids),
    }
