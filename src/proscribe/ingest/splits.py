"""Part a list record from the entity it was linked to: an analyst's correction of a false link.

Linking by names (proscribe.resolve.identity, rule 3) can join two groups that share a name: OFAC's
ANSARUL ISLAM of Burkina Faso is a.k.a. "ANSAR AL-ISLAM", the name under which the UK lists the
Iraqi group. Once stored, the record keeps that entity in every later snapshot (rule 1), and a merge
cannot undo it, as no second entity exists. A split moves the record onto an entity of its own (the
one rule 4 would have minted, `gb-hmt-7021`): its claims and runs, the names only it gave the
entity, and the identifiers only it gave (its own number; other lists' numbers it cites, which left
behind would draw a later record citing them to the wrong entity again); a new entity takes the
record's country. The two entities are judged distinct, with the analyst's reason,
so neither suggestions nor later imports join them again. Undo: withdraw that judgement and merge
the new entity back. One transaction.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any, cast

from sqlalchemy import Connection, func, select, update

from proscribe import clock
from proscribe.errors import InputError, NotFoundError
from proscribe.ingest import lent
from proscribe.ingest.judgements import require_reason
from proscribe.model import Entity, Identifier
from proscribe.model.entity import EntityKind
from proscribe.resolve.identity import entity_id_for
from proscribe.sources.meta import source_meta
from proscribe.store import Store, judgements, schema, withdrawals, writer


@dataclass(frozen=True)
class SplitReport:
    """What a split did: the record, the entity it left, the one it is on now, what moved."""

    judgement_id: str
    source: str
    record_key: str
    from_entity: str
    to_entity: str
    created: bool  # the entity was minted by the split (not an existing entity of that number)
    claims: int  # counted claims that moved
    names_taken: list[str]  # names the record alone had given the entity it left
    identifiers_taken: list[str]
    timelines_rebuilt: int

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready view."""
        return asdict(self)


def split_record(
    store: Store, source: str, record_key: str, reason: str, decided_by: str | None = None
) -> SplitReport:
    """Move record `record_key` of list source `source` off its entity, onto one of its own.

    Refused: a missing reason; a source or record not held; a record on the entity minted for it
    (it is its own already: split the other records off it); a record whose entity is merged into
    another (unmerge that first); an entity of the record's number that is merged or of another kind.
    """
    why = require_reason(reason)
    meta = source_meta(source)
    key = record_key.strip()
    store.require_initialised()
    with store.begin() as conn:
        runs = _runs(conn, source, key)
        held_on = sorted({row.entity_id for row in runs})
        if len(held_on) != 1:
            raise InputError(
                f"record {key} of {source} is held on several entities ({', '.join(held_on)}); "
                "merge or split those first"
            )
        [old] = held_on
        target = entity_id_for(meta.entity_prefix, key)
        merged = judgements.canonical_map(conn)
        if old in merged:
            raise InputError(
                f"record {key} of {source} is on {old}, which is merged into {merged[old]}: to part them, "
                f"`proscribe identity unmerge {old}`"
            )
        if target == old:
            raise InputError(
                f"record {key} of {source} is on {old}, the entity minted for it: it is an entity of its own "
                "already (to part another record from it, split that record)"
            )
        kinds = _kinds(conn, [old, target])
        if target in merged:
            raise InputError(
                f"{target}, the entity of {source}'s number {key}, is merged into {merged[target]}: unmerge "
                "it first"
            )
        if target in kinds and kinds[target] != kinds[old]:
            raise InputError(
                f"cannot move the record of a {kinds[old]} ({old}) onto {target}, a {kinds[target]}"
            )
        created = target not in kinds
        record_names = lent.names_of(row.names for row in runs)
        identifier = Identifier(meta.scheme, key)
        stated = lent.stated(conn, source, key)
        taken = lent.take_identifiers(conn, old, (source, key), identifier, stated)
        countries = sorted({value for kind, value in stated if kind == "country"})
        if created:
            primary = _primary(runs)
            entity = Entity(
                target,
                primary,
                cast(EntityKind, kinds[old]),
                names=tuple(name for name in record_names if name.value != primary),
                identifiers=(identifier, *(i for i in taken if i != identifier)),
                # The record's countries, when every snapshot read wrote the same.
                country=countries[0] if len(countries) == 1 else None,
            )
            writer.add_entities(conn, [entity])
        else:
            writer.add_names(conn, {target: record_names}, {target: [identifier, *taken]})
        moved = _move(conn, source, key, old, target)
        names_taken = lent.take_names(conn, old, record_names)
        identifiers_taken = sorted(i.key() for i in taken)
        text = f"split: record {key} of {source} moved from {old} to {target}: {why}"
        first, second = sorted((old, target))
        ident = judgements.record(conn, judgements.DISTINCT, first, second, text, decided_by, clock.now())
        rebuilt = writer.rebuild_timelines(conn, [(old, ""), (target, "")])
        writer.note_change(conn, f"split\x1f{ident}")
    return SplitReport(
        ident, source, key, old, target, created, moved, names_taken, identifiers_taken, rebuilt
    )


def _runs(conn: Connection, source: str, key: str) -> list[Any]:
    runs = schema.record_spans
    query = (
        select(runs.c.entity_id, runs.c.names, runs.c.first_date)
        .where(runs.c.source_name == source, runs.c.record_key == key)
        .order_by(runs.c.first_date)
    )
    found = list(conn.execute(query))
    if not found:
        raise NotFoundError(
            f"no record {key!r} of {source} is held (record keys as the list writes them: "
            "`proscribe sources ENTITY` shows each claim's)"
        )
    return found


def _kinds(conn: Connection, ids: list[str]) -> dict[str, str]:
    e = schema.entities
    return {row.id: row.kind for row in conn.execute(select(e.c.id, e.c.kind).where(e.c.id.in_(ids)))}


def _primary(runs: list[Any]) -> str:
    """The record's primary name in its latest run that states one."""
    for row in reversed(runs):
        for kind, value in json.loads(row.names) if row.names else []:
            if kind == "primary":
                return str(value)
    raise InputError("the record's runs state no primary name (a store from before names were kept)")


def _move(conn: Connection, source: str, key: str, old: str, target: str) -> int:
    """Move the record's runs, and the claims its source's snapshots made of it, to `target`."""
    snaps, gone = schema.snapshots, schema.withdrawn_snapshots
    source_ids = [
        *conn.execute(select(snaps.c.id).where(snaps.c.source_name == source)).scalars(),
        *conn.execute(select(gone.c.source_id).where(gone.c.source_name == source)).scalars(),
    ]
    c = schema.claims
    mine = (c.c.entity_id == old) & (c.c.record_key == key) & c.c.source_id.in_(source_ids)
    counted = conn.execute(
        select(func.count()).select_from(c).where(mine, withdrawals.counted())
    ).scalar_one()
    conn.execute(update(c).where(mine).values(entity_id=target))
    runs = schema.record_spans
    conn.execute(
        update(runs).where(runs.c.source_name == source, runs.c.record_key == key).values(entity_id=target)
    )
    return int(counted)
