"""Merge an entity minted for a list record into the entity the record's later-found names name.

Identity rule 5 (proscribe.resolve.identity): a record kept on the entity minted for it, whose
names in a snapshot imported later link it by name to another entity, is that entity. Imported
newest first, OFAC's 2024 `sdn.csv` (sent without its alias file) minted `ofac-4693` for ETA (before
the dataset gave `eta` that number, which now links it in any order); the 2019 set, with the alias
"BASQUE FATHERLAND AND LIBERTY", names the registry's `eta`. In date order the 2019 record links to
`eta` directly. The minted entity and its claims exist by then, and
claims are never rewritten, so the link is recorded as a merge: an identity judgement, decided by
the import (`proscribe import <snapshot id>`), with its reason, undone by `identity unmerge` or by
withdrawing the snapshot. Reads then answer as they would have in date order.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import Connection, func, select

from proscribe.model import Name, name_key
from proscribe.resolve.identity import EntityIndex, IdentityResult, Relinks, entity_id_for, relinks
from proscribe.sources.bundled import numbers_kept_apart
from proscribe.sources.meta import SourceMeta, all_sources
from proscribe.sources.records import ListRecord
from proscribe.sources.variants import with_variants
from proscribe.store import Store, judgements, schema, writer

DECIDED_BY = "proscribe import"


def decider(snapshot_id: str) -> str:
    """Who a merge made by the import of `snapshot_id` is decided by."""
    return f"{DECIDED_BY} {snapshot_id}"


def found_by_names(
    store: Store,
    meta: SourceMeta,
    records: Sequence[ListRecord],
    identity: IdentityResult,
    current_day: date,
) -> Relinks:
    """Rule 5 for the records kept on their minted entities that this snapshot, older than any held
    one showing them, is now the first of: (record key, minted entity, entity to merge it into)
    for each to move, and why the others found by name elsewhere stay (see `relinks`).

    Never into an entity another record of the source stood for at the same time: one list holds
    one entry per designee, so two entries shown side by side are two (the UN's QDe.008, Harakat
    ul-Mujahidin, shares an alias with QDe.130, Harakat-ul Jihad Islami). An entry that replaced
    another (OFAC re-listing a designee under a new number) may be the same.
    """
    merged = store.reader().merged_into()
    kept = [
        record
        for record in records
        if identity.links[record.key].how == "earlier snapshot"
        and identity.links[record.key].entity_id == entity_id_for(meta.entity_prefix, record.key)
        and identity.links[record.key].entity_id not in merged
    ]
    if not kept:
        return Relinks([], [])
    runs, snapshots = schema.record_spans, schema.snapshots
    with store.engine.connect() as conn:
        latest = conn.execute(
            select(func.max(snapshots.c.snapshot_date)).where(snapshots.c.source_name == meta.id)
        ).scalar()
        if latest is None or current_day > latest:
            return Relinks([], [])  # appended after every held snapshot: the first of none of its records
        firsts: dict[str, date] = {}
        keys = sorted(record.key for record in kept)
        for start in range(0, len(keys), 500):
            rows = conn.execute(
                select(runs.c.record_key, func.min(runs.c.first_date))
                .where(runs.c.source_name == meta.id, runs.c.record_key.in_(keys[start : start + 500]))
                .group_by(runs.c.record_key)
            )
            firsts.update((key, first) for key, first in rows)
        wanted = [record for record in kept if current_day < firsts.get(record.key, date.max)]
        company = _company(
            conn, meta, [(record.key, identity.links[record.key].entity_id) for record in wanted]
        )
    if not wanted:
        return Relinks([], [])
    identifiers = [i for record in wanted for i in record.identifiers]
    names = [name_key(name.value) for record in wanted for name in with_variants(record.names)]
    index = EntityIndex(store.reader().entities_matching(identifiers, names), apart=numbers_kept_apart())
    found = relinks(wanted, index, identity.links, meta.entity_prefix, company)
    if not found.found:
        return found
    with store.engine.connect() as conn:
        moved = [
            item for item in found.found if not _side_by_side(conn, meta.id, item[0], item[2], current_day)
        ]
    return Relinks(moved, found.kept)


def _company(
    conn: Connection, meta: SourceMeta, minted: Sequence[tuple[str, str]]
) -> dict[str, list[Name] | None]:
    """For each (record key, entity minted for it): the names the other list entries on that entity
    state (None when a run of theirs predates the store keeping names), by entity id.

    The same entry published elsewhere is no other entry: a record of the same key in a source of
    the same numbering, or in any source when it states the record's number (OFAC's entry 7472 in
    the Consolidated Screening List, key 7472, citing `ofac:7472`).
    """
    runs, details = schema.record_spans, schema.record_details
    merged = judgements.canonical_map(conn)
    same_scheme = {name for name, other in all_sources().items() if other.scheme == meta.scheme}
    members: dict[str, set[str]] = {entity_id: {entity_id} for _key, entity_id in minted}
    for member, into in merged.items():
        if into in members:
            members[into].add(member)
    held = sorted(set().union(*members.values())) if members else []
    stated: dict[str, list[tuple[str, str, str | None]]] = {}
    for start in range(0, len(held), 500):
        rows = conn.execute(
            select(runs.c.entity_id, runs.c.source_name, runs.c.record_key, runs.c.names).where(
                runs.c.entity_id.in_(held[start : start + 500])
            )
        )
        for row in rows:
            stated.setdefault(row.entity_id, []).append((row.source_name, row.record_key, row.names))
    numbers = sorted({f"{meta.scheme}:{key}" for key, _entity_id in minted})
    citing: set[tuple[str, str]] = set()
    for start in range(0, len(numbers), 500):
        rows = conn.execute(
            select(details.c.source_name, details.c.record_key, details.c.value).where(
                details.c.kind == "identifier", details.c.value.in_(numbers[start : start + 500])
            )
        )
        citing |= {
            (row.source_name, row.record_key)
            for row in rows
            if row.value == f"{meta.scheme}:{row.record_key}"
        }
    out: dict[str, list[Name] | None] = {}
    for key, entity_id in minted:
        texts = [
            text
            for member in members[entity_id]
            for source_name, record_key, text in stated.get(member, [])
            if not (record_key == key and (source_name in same_scheme or (source_name, record_key) in citing))
        ]
        out[entity_id] = None if any(text is None for text in texts) else _stated_names(texts)
    return out


def _stated_names(texts: Iterable[str | None]) -> list[Name]:
    """The names runs state (JSON [[kind, value], ...] each; see `record_spans.names`), without repeats."""
    values = dict.fromkeys(value for text in texts for _kind, value in json.loads(text or "[]"))
    return [Name(value, "alias") for value in values]


def record_merges(
    conn: Connection,
    found: Sequence[tuple[str, str, str]],
    snapshot_id: str,
    source_name: str,
    when: datetime,
) -> tuple[set[str], list[str]]:
    """Record the merges `found_by_names` found: the entities whose timelines change, and report lines."""
    if not found:
        return set(), []
    canonical = judgements.canonical_map(conn)
    touched: set[str] = set()
    lines: list[str] = []
    for key, minted, into in found:
        target = canonical.get(into, into)
        if minted in canonical or target == minted or _judged_distinct(conn, minted, target):
            continue
        if _unmerged_before(conn, minted, target):
            continue  # an analyst took this merge back: an import does not make it again
        reason = (
            f"record {key} of {source_name} (snapshot {snapshot_id}) names {target} by the names of this "
            f"snapshot; {minted} was minted for it from a snapshot imported before, whose names did not"
        )
        ident = judgements.record(conn, judgements.SAME, minted, target, reason, decider(snapshot_id), when)
        writer.note_change(conn, f"judgement\x1f{ident}")
        canonical[minted] = target
        touched |= {minted, target}
        lines.append(
            f"record {key}: its names now link it to {target}, so {minted}, minted for it before, is merged "
            f"into {target} (judgement {ident}; `proscribe identity unmerge {minted}` undoes it)"
        )
    return touched, lines


def merged_by(conn: Connection, snapshot_id: str) -> set[str]:
    """The entities on either side of the merges in force that the import of `snapshot_id` made."""
    held = judgements.active_decided_by(conn, judgements.SAME, decider(snapshot_id))
    return {entity for found in held for entity in (found["entity_id"], found["other_id"])}


def withdraw_merges(conn: Connection, snapshot_id: str, reason: str, when: datetime) -> list[dict[str, str]]:
    """Withdraw the merges the import of `snapshot_id` made: each as {judgement, entity, into}."""
    undone: list[dict[str, str]] = []
    for held in judgements.active_decided_by(conn, judgements.SAME, decider(snapshot_id)):
        judgements.withdraw(conn, held["id"], f"snapshot {snapshot_id} withdrawn: {reason}", when)
        writer.note_change(conn, f"judgement withdrawn\x1f{held['id']}")
        undone.append({"judgement": held["id"], "entity": held["entity_id"], "into": held["other_id"]})
    return undone


def _side_by_side(conn: Connection, source_name: str, key: str, entity_id: str, day: date) -> bool:
    """True when a record of the source linked to `entity_id` (or one merged into it) was shown
    in a snapshot that also showed `key`, or is shown in the one of `day` being imported."""
    canonical = judgements.canonical_map(conn)
    owner = canonical.get(entity_id, entity_id)
    entities = {owner} | {merged for merged, into in canonical.items() if into == owner}
    runs = schema.record_spans
    rows = conn.execute(
        select(runs.c.record_key, runs.c.entity_id, runs.c.first_date, runs.c.last_date).where(
            runs.c.source_name == source_name,
            runs.c.entity_id.in_(sorted(entities)) | (runs.c.record_key == key),
        )
    ).all()
    mine = [(row.first_date, row.last_date) for row in rows if row.record_key == key] + [(day, day)]
    theirs = [
        (row.first_date, row.last_date) for row in rows if row.record_key != key and row.entity_id in entities
    ]
    return any(first <= end and start <= last for first, last in theirs for start, end in mine)


def _unmerged_before(conn: Connection, minted: str, target: str) -> bool:
    """True when a merge of the pair was withdrawn otherwise than with the snapshot that made it."""
    j = schema.judgements
    rows = conn.execute(
        select(j.c.decided_by, j.c.withdraw_reason).where(
            j.c.judgement == judgements.SAME,
            j.c.entity_id == minted,
            j.c.other_id == target,
            j.c.withdrawn_at.is_not(None),
        )
    )
    for decided_by, reason in rows:
        snapshot = (decided_by or "").removeprefix(f"{DECIDED_BY} ")
        if not (decided_by or "").startswith(DECIDED_BY) or not (reason or "").startswith(
            f"snapshot {snapshot} withdrawn:"
        ):
            return True
    return False


def _judged_distinct(conn: Connection, one: str, other: str) -> bool:
    return any(
        {found["entity_id"], found["other_id"]} == {one, other}
        for found in judgements.active(conn, judgements.DISTINCT, [one])
    )
