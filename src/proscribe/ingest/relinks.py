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

The other way round (`found_by_lent_names`): the names such a snapshot gives an existing entity can
name a record of another list first shown after it, minted an entity of its own because they were
missing when it came; it is merged the same way, as in date order it would have linked there.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import cast

from sqlalchemy import Connection, func, select

from proscribe.model import Identifier, Name, name_key
from proscribe.model.entity import EntityKind
from proscribe.resolve.identity import (
    EntityIndex,
    IdentityResult,
    Relinks,
    designating,
    entity_id_for,
    lent_relinks,
    relinks,
)
from proscribe.resolve.snapshots import decode_fingerprint
from proscribe.sources.bundled import numbers_kept_apart
from proscribe.sources.meta import SourceMeta, all_sources
from proscribe.sources.records import ListRecord
from proscribe.sources.variants import with_variants
from proscribe.store import Store, bulk, judgements, schema, writer

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


@dataclass(frozen=True, slots=True)
class LentLinks:
    """Rule 5 the other way round, for one other source: its records to move, and why others stay."""

    source_name: str
    found: list[tuple[str, str, str]]  # (record key, entity minted for it, entity to merge it into)
    kept: list[tuple[str, str, str]]  # (entity minted, entity named, why not merged)


def found_by_lent_names(
    store: Store, meta: SourceMeta, lent: Mapping[str, Sequence[Name]], current_day: date
) -> list[LentLinks]:
    """The records of other lists that the names this snapshot gives existing entities (`lent`, by
    entity id) would have linked, had the snapshot come in date order: for each source, which move
    from the entity minted for them into the entity now named, and why the others stay.

    Only a record first shown after this snapshot's date is one: in date order, this snapshot and
    its names came first. Imported newest first, Canada's 2020 list mints an entity for "Gazprombank
    OAO", as OFAC's entries of 2024 on name the bank anew; OFAC's 2018 entry, imported last, gives
    the bank's entity the name GAZPROMBANK OAO, which in date order had linked Canada's record.
    """
    if not lent:
        return []
    runs, names, entities = schema.record_spans, schema.names, schema.entities
    with store.engine.connect() as conn:
        later = conn.execute(
            select(runs.c.record_key)
            .where(runs.c.source_name != meta.id, runs.c.first_date > current_day)
            .limit(1)
        ).first()
        if later is None:
            return []  # no record of another list first shown after this snapshot
        merged = judgements.canonical_map(conn)
        receivers = {merged.get(entity_id, entity_id) for entity_id in lent}
        held: dict[str, set[str]] = {}
        for entity_id, key in bulk.select_in(
            conn, [names.c.entity_id, names.c.key], names.c.entity_id, sorted(receivers)
        ):
            held.setdefault(entity_id, set()).add(key)
        given: dict[str, set[str]] = {}
        for entity_id, values in lent.items():
            owner = merged.get(entity_id, entity_id)
            keys = {name_key(name.value) for name in with_variants(values, acronyms=True)} - {""}
            given.setdefault(owner, set()).update(keys - held.get(owner, set()))
        wanted = sorted(set().union(*given.values())) if given else []
        minted_holders: set[str] = set()
        for entity_id, _key in bulk.select_in(conn, [names.c.entity_id, names.c.key], names.c.key, wanted):
            owner = merged.get(entity_id, entity_id)
            if owner not in receivers:
                minted_holders.add(owner)
        candidates = _first_shown_after(conn, sorted(minted_holders), merged, current_day, meta.id)
        if not candidates:
            return []
        kinds = dict(
            conn.execute(
                select(entities.c.id, entities.c.kind).where(entities.c.id.in_(sorted(candidates)))
            ).all()
        )
    out: list[LentLinks] = []
    by_source: dict[str, list[tuple[str, str, date, str, str | None]]] = {}
    for minted, (source_name, key, first, fingerprint, stated) in sorted(candidates.items()):
        if kinds.get(minted) not in (None, "person"):
            by_source.setdefault(source_name, []).append((key, minted, first, fingerprint, stated))
    for source_name, items in sorted(by_source.items()):
        other = all_sources()[source_name]
        with store.engine.connect() as conn:
            told = _stated_details(conn, source_name, [key for key, *_ in items])
            company = _company(conn, other, [(key, minted) for key, minted, *_ in items])
        records = [
            (_rebuilt(key, kinds[minted], fingerprint, stated, told.get(key, []), other), minted)
            for key, minted, _first, fingerprint, stated in items
        ]
        identifiers = [i for record, _ in records for i in record.identifiers]
        named = {name_key(n.value) for record, _ in records for n in with_variants(record.names)}
        matching = store.reader().entities_matching(identifiers, named)
        present = {entity.id for entity in matching}
        relevant = {entity_id: added & named for entity_id, added in given.items() if added & named}
        matching += [
            store.reader().entity(entity_id) for entity_id in sorted(relevant) if entity_id not in present
        ]
        index = EntityIndex(matching, apart=numbers_kept_apart())
        for entity_id, added in relevant.items():
            for name in added:
                index.by_name.setdefault(name, set()).add(entity_id)
        result = lent_relinks(records, index, company)
        firsts = {key: first for key, _minted, first, *_ in items}
        with store.engine.connect() as conn:
            moved = [
                item
                for item in result.found
                if not _side_by_side(conn, source_name, item[0], item[2], firsts[item[0]])
            ]
        if moved or result.kept:
            out.append(LentLinks(source_name, moved, result.kept))
    return out


def _first_shown_after(
    conn: Connection, holders: Sequence[str], merged: Mapping[str, str], day: date, importing: str
) -> dict[str, tuple[str, str, date, str, str | None]]:
    """Of `holders`, the entities minted for a record of another list than `importing`, all of whose
    records (and those of entities merged into them) were first shown after `day`: entity id ->
    (source, record key, first shown, its first run's fingerprint and names). In date order, none
    of them existed yet when the snapshot of `day` came. The imported list's own records are rule
    5's (`found_by_names`)."""
    runs = schema.record_spans
    prefixes = {name: meta.entity_prefix for name, meta in all_sources().items()}
    members: dict[str, str] = {entity_id: entity_id for entity_id in holders if entity_id not in merged}
    members |= {member: into for member, into in merged.items() if into in members}
    wanted = sorted(members)
    columns = (runs.c.entity_id, runs.c.source_name, runs.c.record_key, runs.c.first_date, runs.c.fingerprint)
    rows = [
        row
        for begin in range(0, len(wanted), 500)
        for row in conn.execute(
            select(*columns, runs.c.names).where(runs.c.entity_id.in_(wanted[begin : begin + 500]))
        )
    ]
    earliest: dict[str, date] = {}
    minting: dict[str, tuple[str, str, date, str, str | None]] = {}
    for entity_id, source_name, key, first, fingerprint, stated in rows:
        owner = members[entity_id]
        earliest[owner] = min(first, earliest.get(owner, first))
        if owner != entity_id or entity_id_for(prefixes.get(source_name, ""), key) != entity_id:
            continue
        held = minting.get(owner)
        if held is None or first < held[2]:
            minting[owner] = (source_name, key, first, fingerprint, stated)
    return {
        owner: found
        for owner, found in minting.items()
        if earliest[owner] > day and found[0] != importing and found[0] in prefixes
    }


def _stated_details(
    conn: Connection, source_name: str, keys: Sequence[str]
) -> dict[str, list[tuple[str, str]]]:
    """What the records `keys` of a source state beyond their names ((kind, value), see `record_details`)."""
    d = schema.record_details
    told: dict[str, list[tuple[str, str]]] = {}
    for start in range(0, len(keys), 500):
        rows = conn.execute(
            select(d.c.record_key, d.c.kind, d.c.value).where(
                d.c.source_name == source_name, d.c.record_key.in_(keys[start : start + 500])
            )
        )
        for row in rows:
            told.setdefault(row.record_key, []).append((row.kind, row.value))
    return told


def _rebuilt(
    key: str,
    kind: str,
    fingerprint: str,
    stated: str | None,
    told: Sequence[tuple[str, str]],
    meta: SourceMeta,
) -> ListRecord:
    """A record as its first snapshot showed it, from what the store keeps of it; all its names count
    as aliases (which was the entry's own is not kept)."""
    values = [value for _kind, value in json.loads(stated or "[]")] or [key]
    identifiers = tuple(
        Identifier(*value.split(":", 1)) for kind_, value in told if kind_ == "identifier" and ":" in value
    )
    countries = [value for kind_, value in told if kind_ == "country"]
    return ListRecord(
        key=key,
        kind=cast(EntityKind, kind),
        list_ids=decode_fingerprint(fingerprint)[1] or (meta.list,),
        names=tuple(Name(value, "alias") for value in dict.fromkeys(values)),
        identifiers=identifiers,
        country="; ".join(countries) or None,
        primary_stated=False,
    )


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
    given_by: str | None = None,
) -> tuple[set[str], list[str]]:
    """Record the merges `found_by_names` found (records of `source_name`, the source imported), or
    `found_by_lent_names` (records of `source_name`, another source, named by what the snapshot of
    source `given_by` gives): the entities whose timelines change, and report lines."""
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
        if given_by is not None:
            reason = (
                f"record {key} of {source_name} names {target} by the names snapshot {snapshot_id} of "
                f"{given_by}, older than the record, gives it: in date order it would have linked there; "
                f"{minted} was minted for it before that snapshot was imported"
            )
        ident = judgements.record(conn, judgements.SAME, minted, target, reason, decider(snapshot_id), when)
        writer.note_change(conn, f"judgement\x1f{ident}")
        canonical[minted] = target
        touched |= {minted, target}
        because = (
            f"record {key}: its names now link it to {target}"
            if given_by is None
            else f"record {key} of {source_name}: the names this snapshot gives {target} link it there"
        )
        lines.append(
            f"{because}, so {minted}, minted for it before, is merged into {target} (judgement {ident}; "
            f"`proscribe identity unmerge {minted}` undoes it)"
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
    in a snapshot that also showed `key`, or is shown in the one of `day` being imported, on a
    list `key` is on (a compilation's records of two lists it gathers stand side by side)."""
    canonical = judgements.canonical_map(conn)
    owner = canonical.get(entity_id, entity_id)
    entities = {owner} | {merged for merged, into in canonical.items() if into == owner}
    runs = schema.record_spans
    rows = conn.execute(
        select(
            runs.c.record_key, runs.c.entity_id, runs.c.first_date, runs.c.last_date, runs.c.fingerprint
        ).where(
            runs.c.source_name == source_name,
            runs.c.entity_id.in_(sorted(entities)) | (runs.c.record_key == key),
        )
    ).all()
    mine = [(row.first_date, row.last_date) for row in rows if row.record_key == key] + [(day, day)]
    on = designating(
        list_id for row in rows if row.record_key == key for list_id in decode_fingerprint(row.fingerprint)[1]
    )
    theirs = [
        (row.first_date, row.last_date)
        for row in rows
        if row.record_key != key
        and row.entity_id in entities
        and (not on or on & designating(decode_fingerprint(row.fingerprint)[1]))
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
