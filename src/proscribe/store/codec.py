"""Rows <-> model objects: claims, sources, entities and derived timelines (as JSON)."""

from __future__ import annotations

from typing import Any

import orjson
from sqlalchemy import Row

from proscribe.model import (
    Claim,
    Conflict,
    Decider,
    Entity,
    Event,
    Interval,
    Lapse,
    PartialDate,
    Source,
    Timeline,
)


def date_to_row(value: PartialDate) -> dict[str, Any]:
    """Columns of a PartialDate."""
    return {"date_earliest": value.earliest, "date_latest": value.latest, "date_precision": value.precision}


def date_from_row(earliest: Any, latest: Any, precision: str) -> PartialDate:
    """A PartialDate from its columns."""
    return PartialDate(earliest, latest, precision)  # type: ignore[arg-type]


def claim_to_row(claim: Claim) -> dict[str, Any]:
    """One claims-table row."""
    return {
        "id": claim.id,
        "kind": claim.kind,
        "entity_id": claim.entity_id,
        "jurisdiction": claim.jurisdiction,
        "list_id": claim.list_id,
        "action": claim.action,
        "state": claim.state,
        **date_to_row(claim.date),
        "authority": claim.authority,
        "legal_basis": claim.legal_basis,
        "scope": claim.scope,
        "decider": claim.decider,
        "original": claim.original,
        "evidence": claim.evidence,
        "span_start": claim.span[0] if claim.span else None,
        "span_end": claim.span[1] if claim.span else None,
        "rule": claim.rule,
        "confidence": claim.confidence,
        "note": claim.note,
        "known_from": claim.known_from,
        "tier": claim.tier,
        "source_id": claim.source_id,
        "record_key": claim.record_key,
    }


def claim_from_row(row: Row[Any]) -> Claim:
    """A Claim from a claims-table row (the id is kept, not recomputed)."""
    m = row._mapping
    span = (m["span_start"], m["span_end"]) if m["span_start"] is not None else None
    return Claim(
        kind=m["kind"],
        entity_id=m["entity_id"],
        jurisdiction=m["jurisdiction"],
        list_id=m["list_id"],
        date=date_from_row(m["date_earliest"], m["date_latest"], m["date_precision"]),
        source_id=m["source_id"],
        record_key=m["record_key"],
        action=m["action"],
        state=m["state"],
        authority=m["authority"],
        legal_basis=m["legal_basis"],
        scope=m["scope"],
        decider=m["decider"],
        original=m["original"],
        evidence=m["evidence"],
        span=span,
        rule=m["rule"],
        confidence=m["confidence"],
        note=m["note"],
        known_from=m["known_from"],
        tier=m["tier"],
        id=m["id"],
    )


def source_to_row(source: Source) -> dict[str, Any]:
    """One sources-table row."""
    return {
        "id": source.id,
        "kind": source.kind,
        "uri": source.uri,
        "title": source.title,
        "publisher": source.publisher,
        "published_on": source.published_on,
        "retrieved_at": source.retrieved_at,
        "sha256": source.sha256,
        "tier": source.tier,
    }


def source_from_row(row: Row[Any]) -> Source:
    """A Source from its row."""
    m = row._mapping
    return Source(
        id=m["id"],
        kind=m["kind"],
        uri=m["uri"],
        title=m["title"],
        publisher=m["publisher"],
        published_on=m["published_on"],
        retrieved_at=m["retrieved_at"],
        sha256=m["sha256"],
        tier=m["tier"],
    )


def entity_to_row(entity: Entity) -> dict[str, Any]:
    """One entities-table row."""
    return {
        "id": entity.id,
        "name": entity.name,
        "kind": entity.kind,
        "country": entity.country,
        "description": entity.description,
        "note": entity.note,
    }


def _pd(value: PartialDate | None) -> str | None:
    return value.iso() if value else None


def _unpd(text: str | None) -> PartialDate | None:
    if text is None:
        return None
    return PartialDate.unknown() if text == "unknown" else PartialDate.parse(text)


def _day(text: str | None) -> Any:
    from datetime import date

    return date.fromisoformat(text) if text else None


def _event_to_json(event: Event) -> dict[str, Any]:
    return {
        "action": event.action,
        "date": event.date.iso(),
        "claims": list(event.claim_ids),
        "authorities": list(event.authorities),
        "legal_basis": event.legal_basis,
        "scope": event.scope,
        "note": event.note,
        "refuted": event.refuted,
        "deciders": [{"name": d.name, "claims": list(d.claim_ids)} for d in event.deciders],
    }


def _event_from_json(data: dict[str, Any]) -> Event:
    return Event(
        action=data["action"],
        date=_unpd(data["date"]) or PartialDate.unknown(),
        claim_ids=tuple(data["claims"]),
        authorities=tuple(data["authorities"]),
        legal_basis=data["legal_basis"],
        scope=data["scope"],
        note=data["note"],
        refuted=data["refuted"],
        # Timelines derived before rules 19 have none; `init` re-derives them (store.engine refuses
        # to read a store at older rules until then).
        deciders=tuple(Decider(d["name"], tuple(d["claims"])) for d in data.get("deciders", ())),
    )


def timeline_to_json(timeline: Timeline) -> str:
    """Serialise a derived timeline for the timelines table."""
    data = {
        "entity_id": timeline.entity_id,
        "jurisdiction": timeline.jurisdiction,
        "list_id": timeline.list_id,
        "events": [_event_to_json(e) for e in timeline.events],
        "proposals": [_event_to_json(e) for e in timeline.proposals],
        "intervals": [
            {
                "state": i.state,
                "start": _pd(i.start),
                "end": _pd(i.end),
                "from": i.from_day.isoformat() if i.from_day else None,
                "until": i.until_day.isoformat() if i.until_day else None,
                "claims": list(i.claim_ids),
                "authority": i.authority,
                "note": i.note,
                "candidates": list(i.candidates),
            }
            for i in timeline.intervals
        ],
        "conflicts": [
            {
                "kind": c.kind,
                "description": c.description,
                "claims": list(c.claim_ids),
                "window": _pd(c.window),
                "resolution": c.resolution,
            }
            for c in timeline.conflicts
        ],
        "state_claims": list(timeline.state_claim_ids),
    }
    if timeline.lapses:  # only on lists with a term: other timelines store what they did before
        data["lapses"] = [
            {
                "from": lapse.from_day.isoformat(),
                "until": lapse.until_day.isoformat() if lapse.until_day else None,
                "renewed": lapse.renewed.isoformat(),
                "years": lapse.years,
                "basis": lapse.basis,
            }
            for lapse in timeline.lapses
        ]
    # orjson writes the text json.dumps(ensure_ascii=False, separators=(",", ":")) would, some
    # five times faster: a first import derives a timeline per listed record.
    return orjson.dumps(data).decode()


def timeline_from_json(text: str) -> Timeline:
    """Rebuild a Timeline from its stored JSON."""
    data = orjson.loads(text)
    return Timeline(
        entity_id=data["entity_id"],
        jurisdiction=data["jurisdiction"],
        list_id=data["list_id"],
        events=tuple(_event_from_json(e) for e in data["events"]),
        proposals=tuple(_event_from_json(e) for e in data["proposals"]),
        intervals=tuple(
            Interval(
                state=i["state"],
                start=_unpd(i["start"]),
                end=_unpd(i["end"]),
                from_day=_day(i["from"]),
                until_day=_day(i["until"]),
                claim_ids=tuple(i["claims"]),
                authority=i["authority"],
                note=i["note"],
                candidates=tuple(i["candidates"]),
            )
            for i in data["intervals"]
        ),
        conflicts=tuple(
            Conflict(c["kind"], c["description"], tuple(c["claims"]), _unpd(c["window"]), c["resolution"])
            for c in data["conflicts"]
        ),
        state_claim_ids=tuple(data["state_claims"]),
        lapses=tuple(
            Lapse(_day(x["from"]), _day(x["until"]), _day(x["renewed"]), x["years"], x["basis"])
            for x in data.get("lapses", ())
        ),
    )
