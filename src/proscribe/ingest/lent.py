"""What list records lent the entities they link to (names, identifiers, details), and taking it back.

An import gives entities more than claims: it mints an entity for each record it cannot link, adds
each record's names and identifiers to the entity the record links to, and keeps what each record
states beyond its names (`record_details`). These rows cite no source. So when a record leaves an
entity (a split) or the snapshot that stated it is withdrawn, what it alone gave must be taken back
here, or a search would still find the entity only a withdrawn file listed, and screening and news
linking would still match the names it lent.

A name or identifier stays whenever the entity has it from elsewhere: its own name, another record
linked to it (runs keep the names each record states, `record_details` the rest), or the bundled
dataset. A run stored before runs kept names, or a record read before details were kept, could
have given anything, so then nothing of that kind is taken: nothing is removed on a guess.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Connection, delete, select

from proscribe.errors import NotFoundError
from proscribe.model import Identifier, Name
from proscribe.model.entity import NameKind
from proscribe.resolve.snapshots import decode_details
from proscribe.sources.bundled import load_entities
from proscribe.sources.meta import all_sources, source_meta
from proscribe.sources.variants import with_variants
from proscribe.store import bulk, judgements, schema, withdrawals

_CHUNK = 500  # values per IN (...) list, well under every backend's bound-parameter limit


@dataclass(frozen=True)
class StartedRun:
    """A run of one record that a snapshot started: the record, the entity it is on, its names and
    details (JSON; None for a run stored before runs kept them)."""

    source_name: str
    record_key: str
    entity_id: str
    names: str | None
    details: str | None = None


@dataclass(frozen=True)
class TakenBack:
    """What a withdrawal took back beyond claims: names, identifiers, record details, entities set aside."""

    names: int = 0
    identifiers: int = 0
    details: int = 0
    entities_set_aside: tuple[str, ...] = ()


def names_of(stored: Iterable[str | None]) -> list[Name]:
    """The names a record's runs state ([[kind, value], ...] each), first seen first, without repeats."""
    out: dict[str, Name] = {}
    for text in stored:
        for kind, value in json.loads(text) if text else []:
            out.setdefault(value, Name(value, cast(NameKind, "alias" if kind == "primary" else kind)))
    return list(out.values())


def take_names(conn: Connection, old: str, record_names: list[Name]) -> list[str]:
    """Remove from `old` the names (with their variants) only a record that left it gave it; returns them.

    Call it once the record's runs are off `old` (moved or removed): the runs left there are the
    other records linked to it.
    """
    runs, e = schema.record_spans, schema.entities
    others = list(conn.execute(select(runs.c.names).where(runs.c.entity_id == old)).scalars())
    if any(text is None for text in others):
        return []
    [own] = conn.execute(select(e.c.name).where(e.c.id == old)).scalars()
    kept: list[Name] = [Name(own, "primary"), *names_of(others)]
    kept += [name for entity in load_entities() if entity.id == old for name in entity.all_names()]
    keep = {name.value for name in with_variants(kept, acronyms=True)}
    taken = sorted({name.value for name in with_variants(record_names, acronyms=True)} - keep)
    n = schema.names
    if taken:
        conn.execute(delete(n).where(n.c.entity_id == old, n.c.value.in_(taken)))
    return taken


def stated(conn: Connection, source: str, key: str) -> set[tuple[str, str]]:
    """What the record's snapshots stated beyond its names ((kind, value), see `record_details`);
    empty for a record read only before the store kept it."""
    d = schema.record_details
    rows = conn.execute(select(d.c.kind, d.c.value).where(d.c.source_name == source, d.c.record_key == key))
    return {(row.kind, row.value) for row in rows}


def take_identifiers(
    conn: Connection, old: str, record: tuple[str, str], own: Identifier | None, stated: set[tuple[str, str]]
) -> list[Identifier]:
    """Remove from `old` the identifiers only `record` (source, key) gave it: its own number
    (unless `own` is None: the record still gives it), and the other lists' numbers it cites
    (`stated`); returns them.

    One stays when the bundled dataset gives it to `old`, or another record on `old` states it: for
    its own number, a record of the same numbering and key; for a cited one, any record, and any
    record read before the store kept what records state (it may have).
    """
    runs, d = schema.record_spans, schema.record_details
    others = {
        (row.source_name, row.record_key)
        for row in conn.execute(
            select(runs.c.source_name, runs.c.record_key).where(runs.c.entity_id == old).distinct()
        )
    } - {record}
    told: dict[tuple[str, str], set[tuple[str, str]]] = {pair: set() for pair in others}
    for name in sorted({source_name for source_name, _ in others}):
        keys = sorted(key for source_name, key in others if source_name == name)
        for start in range(0, len(keys), _CHUNK):
            rows = conn.execute(
                select(d.c.record_key, d.c.kind, d.c.value).where(
                    d.c.source_name == name, d.c.record_key.in_(keys[start : start + _CHUNK])
                )
            )
            for row in rows:
                told[(name, row.record_key)].add((row.kind, row.value))
    unknown = any(not facts for facts in told.values())
    stated_by_others = {value for facts in told.values() for kind, value in facts if kind == "identifier"}
    same_scheme = {name for name, meta in all_sources().items() if own and meta.scheme == own.scheme}
    bundled = {i for entity in load_entities() if entity.id == old for i in entity.identifiers}
    wanted: list[Identifier] = []
    if own is not None:
        carried = any(name in same_scheme and key == own.value for name, key in others)
        wanted = [] if carried or own.key() in stated_by_others else [own]
    own_key = own.key() if own is not None else None
    if not unknown:
        for kind, value in sorted(stated):
            if kind == "identifier" and value != own_key and value not in stated_by_others:
                scheme_, _, number = value.partition(":")
                wanted.append(Identifier(scheme_, number))
    taken: list[Identifier] = []
    i = schema.identifiers
    for ident in wanted:
        if ident in bundled:
            continue
        mine = (i.c.entity_id == old) & (i.c.scheme == ident.scheme) & (i.c.value == ident.value)
        if conn.execute(delete(i).where(mine)).rowcount:
            taken.append(ident)
    return taken


def runs_started_by(conn: Connection, snapshot_id: str) -> list[StartedRun]:
    """The runs the snapshot started (records it showed first, or showed changed): read before a
    withdrawal removes them."""
    runs = schema.record_spans
    columns = (runs.c.source_name, runs.c.record_key, runs.c.entity_id, runs.c.names, runs.c.details)
    query = select(*columns).where(runs.c.first_id == snapshot_id)
    return [StartedRun(*row) for row in conn.execute(query)]


def take_back(conn: Connection, started: Sequence[StartedRun]) -> TakenBack:
    """Take back what the runs `started` (of a snapshot now withdrawn, its runs undone) alone gave.

    - An entity left with no held run, no counted claim, no place in the bundled dataset and no
      entity merged into it exists only by the withdrawn snapshot's word (it minted the entity):
      it loses every name and identifier. Reads know entities by their names (store.reader), so
      it is then as if never imported; importing the file again gives them back.
    - Any other entity loses the names only those runs stated, and, for a record no held snapshot
      shows any more, the identifiers only that record gave (`take_names`, `take_identifiers`).
    - A record no held snapshot shows any more loses its `record_details`; one still shown loses
      those only the runs `started` stated (a country, a cited number the withdrawn file first
      gave it), and its entity the cited numbers only they gave (`_take_restated`).
    """
    if not started:
        return TakenBack()
    entity_ids = sorted({run.entity_id for run in started})
    runs = schema.record_spans
    still_on = {row[0] for row in bulk.select_in(conn, [runs.c.entity_id], runs.c.entity_id, entity_ids)}
    c = schema.claims
    claimed: set[str] = set()
    for start in range(0, len(entity_ids), _CHUNK):
        chunk = entity_ids[start : start + _CHUNK]
        query = select(c.c.entity_id).where(c.c.entity_id.in_(chunk), withdrawals.counted()).distinct()
        claimed.update(conn.execute(query).scalars())
    bundled = {entity.id for entity in load_entities()}
    # An entity others are merged into is read with their evidence: it stays, named.
    merged_into = set(judgements.canonical_map(conn).values())
    orphans = sorted(set(entity_ids) - still_on - claimed - bundled - merged_into)
    names = identifiers = 0
    n, i = schema.names, schema.identifiers
    for start in range(0, len(orphans), _CHUNK):
        chunk = orphans[start : start + _CHUNK]
        names += conn.execute(delete(n).where(n.c.entity_id.in_(chunk))).rowcount or 0
        identifiers += conn.execute(delete(i).where(i.c.entity_id.in_(chunk))).rowcount or 0
    records = sorted({(run.source_name, run.record_key) for run in started})
    shown = _records_with_runs(conn, records)
    by_record: dict[tuple[str, str, str], list[str | None]] = {}
    for run in started:
        if run.entity_id not in orphans:
            by_record.setdefault((run.entity_id, run.source_name, run.record_key), []).append(run.names)
    for (entity_id, source_name, record_key), texts in sorted(by_record.items()):
        if any(text is None for text in texts):
            continue
        names += len(take_names(conn, entity_id, names_of(texts)))
        scheme = scheme_of(source_name)
        if (source_name, record_key) not in shown and scheme is not None:
            own = Identifier(scheme, record_key)
            told = stated(conn, source_name, record_key)
            identifiers += len(take_identifiers(conn, entity_id, (source_name, record_key), own, told))
    details = _forget_details(conn, [record for record in records if record not in shown])
    restated = [run for run in started if (run.source_name, run.record_key) in shown]
    taken_ids, taken_details = _take_restated(conn, restated, set(orphans))
    return TakenBack(names, identifiers + taken_ids, details + taken_details, tuple(orphans))


def _take_restated(conn: Connection, started: Sequence[StartedRun], orphans: set[str]) -> tuple[int, int]:
    """For records a held snapshot still shows: delete the details only the withdrawn runs
    `started` stated, and take from each run's entity the cited numbers only they gave.

    A record's details are what its runs state (`record_spans.details`); when a run of it was
    stored before runs kept them, what it stated is unknown and nothing is taken. Returns the
    identifiers and the detail rows taken.
    """
    withdrawn: dict[tuple[str, str], set[tuple[str, str]]] = {}
    on_entity: dict[tuple[str, str], set[str]] = {}
    for run in started:
        record = (run.source_name, run.record_key)
        if run.details is None:
            withdrawn[record] = set()  # unknown: nothing to take for it
            continue
        withdrawn.setdefault(record, set()).update(_rows_of(run.details))
        on_entity.setdefault(record, set()).add(run.entity_id)
    runs, d = schema.record_spans, schema.record_details
    identifiers = details = 0
    for (source_name, record_key), told in sorted(withdrawn.items()):
        if not told:
            continue
        query = select(runs.c.details).where(
            runs.c.source_name == source_name, runs.c.record_key == record_key
        )
        remaining = list(conn.execute(query).scalars())
        if any(text is None for text in remaining):
            continue
        still = set().union(*(_rows_of(text) for text in remaining)) if remaining else set()
        gone = told - still
        for kind, value in sorted(gone):
            where = (d.c.source_name == source_name) & (d.c.record_key == record_key)
            details += (
                conn.execute(delete(d).where(where, d.c.kind == kind, d.c.value == value)).rowcount or 0
            )
        for entity_id in sorted(on_entity.get((source_name, record_key), set()) - orphans):
            record = (source_name, record_key)
            identifiers += len(take_identifiers(conn, entity_id, record, None, gone))
    return identifiers, details


def _rows_of(details: str) -> set[tuple[str, str]]:
    """The `record_details` rows (kind, value) a run's details make: a `read` row when none."""
    return decode_details(details) or {("read", "")}


def scheme_of(source_name: str) -> str | None:
    """The numbering of the source's records (None for a source this version no longer defines)."""
    try:
        return source_meta(source_name).scheme
    except NotFoundError:
        return None


def _records_with_runs(conn: Connection, records: Sequence[tuple[str, str]]) -> set[tuple[str, str]]:
    """Those of the (source, record key) pairs a held snapshot still shows (a run holds them)."""
    runs = schema.record_spans
    found: set[tuple[str, str]] = set()
    for source_name in sorted({source_name for source_name, _ in records}):
        keys = sorted(key for name, key in records if name == source_name)
        for start in range(0, len(keys), _CHUNK):
            query = select(runs.c.record_key).where(
                runs.c.source_name == source_name, runs.c.record_key.in_(keys[start : start + _CHUNK])
            )
            found.update((source_name, key) for key in conn.execute(query.distinct()).scalars())
    return found


def _forget_details(conn: Connection, records: Sequence[tuple[str, str]]) -> int:
    """Delete the `record_details` of records no held snapshot shows; returns how many rows went."""
    d = schema.record_details
    gone = 0
    for source_name in sorted({source_name for source_name, _ in records}):
        keys = sorted(key for name, key in records if name == source_name)
        for start in range(0, len(keys), _CHUNK):
            where = (d.c.source_name == source_name) & d.c.record_key.in_(keys[start : start + _CHUNK])
            gone += conn.execute(delete(d).where(where)).rowcount or 0
    return gone
