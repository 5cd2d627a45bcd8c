"""Read side: entities and names, claims and sources, derived timelines and events."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Row, Select, and_, case, exists, func, or_, select, tuple_

from proscribe.errors import AmbiguousError, InputError, NotFoundError
from proscribe.model import (
    Claim,
    DesignationList,
    Entity,
    Identifier,
    Name,
    Source,
    Timeline,
    name_key,
    person_name_key,
)
from proscribe.model.birth import BirthStatement
from proscribe.model.entity import NameKind
from proscribe.model.nationality import NationalityStatement
from proscribe.store import bulk, judgements, rejections, schema, withdrawals
from proscribe.store.codec import claim_from_row, source_from_row, timeline_from_json
from proscribe.store.spans import seen_by_claim

# The order changes are read in, and the columns of the key that pages through them.
# The entity and the action before the event id (a hash of the event's claims, which an import out
# of date order adds to): rows of one day, list and name read alike in every store.
EVENT_ORDER = ("date_latest", "jurisdiction", "list_id", "sort_name", "entity_id", "action", "id")
# Read by report, the same key follows the day a held source first reported the event
# (schema.REPORT_ORDER; an event no source dates counts as reported on schema.NEVER_REPORTED).
EventKey = tuple[date | str, ...]


def event_key(row: dict[str, Any], by_report: bool = False) -> EventKey:
    """Where an event row (from `Reader.events`) stands in `EVENT_ORDER` (`by_report`: led by the
    day first reported): a page's cursor."""
    lead = (row["first_reported"] or schema.NEVER_REPORTED,) if by_report else ()
    return (
        *lead,
        row["date_latest"],
        row["jurisdiction"],
        row["list_id"],
        row["sort_name"],
        row["entity_id"],
        row["action"],
        row["id"],
    )


if TYPE_CHECKING:
    from proscribe.store.engine import Store

_CHUNK = 500


class Reader:
    """Queries over one store; every method opens its own short connection.

    Identity judgements apply to every read: an entity an analyst merged into another is read as
    that one (its names, identifiers and claims become the other's), and is never listed itself.
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    def merged_into(self) -> dict[str, str]:
        """Each merged entity and the entity it is read as."""
        with self.store.engine.connect() as conn:
            return judgements.canonical_map(conn)

    # -- entities -------------------------------------------------------------------------------
    def _entities_where(self, condition: Any | None = None) -> list[Entity]:
        with self.store.engine.connect() as conn:
            merged = judgements.canonical_map(conn)
            query = select(schema.entities).where(_named())
            if condition is not None:
                query = query.where(condition)
            rows = [row for row in conn.execute(query.order_by(schema.entities.c.id)) if row.id not in merged]
            owners = judgements.members(merged, [row.id for row in rows])
            ids = sorted({row.id for row in rows} | {m for found in owners.values() for m in found})
            names: dict[str, list[tuple[bool, Name]]] = {}
            idents: dict[str, list[Identifier]] = {}
            for start in range(0, len(ids), _CHUNK):
                chunk = ids[start : start + _CHUNK]
                found = conn.execute(select(schema.names).where(schema.names.c.entity_id.in_(chunk)))
                # By value, code point by code point: the order SQLite's primary key index happens to
                # give, made explicit, so an entity's names (and which of two spellings a search or a
                # screening hit shows) come in the same order from PostgreSQL.
                for n in sorted(found, key=lambda row: (row.entity_id, row.value)):
                    owner = merged.get(n.entity_id, n.entity_id)
                    foreign = owner != n.entity_id
                    # A merged entity's own name is one more alias of the entity it is read as.
                    kind: NameKind = "alias" if foreign and n.kind == "primary" else n.kind
                    names.setdefault(owner, []).append((foreign, Name(n.value, kind, n.script, n.lang)))
                for i in conn.execute(
                    select(schema.identifiers).where(schema.identifiers.c.entity_id.in_(chunk))
                ):
                    owner = merged.get(i.entity_id, i.entity_id)
                    idents.setdefault(owner, []).append(Identifier(i.scheme, i.value))
        return [
            Entity(
                id=row.id,
                name=row.name,
                kind=row.kind,
                names=_distinct_names(names.get(row.id, []), row.name),
                identifiers=tuple(dict.fromkeys(idents.get(row.id, []))),
                country=row.country,
                description=row.description,
                note=row.note,
                merged=tuple(owners.get(row.id, ())),
            )
            for row in rows
        ]

    def entities(self) -> list[Entity]:
        """Every entity with its names and identifiers (merged ones as part of their entity)."""
        return self._entities_where()

    def entities_matching(self, identifiers: Iterable[Identifier], name_keys: Iterable[str]) -> list[Entity]:
        """Entities holding one of the identifiers or a name with one of the keys (see name_key)."""
        wanted_idents = {(i.scheme, i.value) for i in identifiers}
        values = sorted({value for _scheme, value in wanted_idents})
        keys = sorted(set(name_keys))
        ids: set[str] = set()
        i, n = schema.identifiers, schema.names
        with self.store.engine.connect() as conn:
            for entity_id, scheme, value in bulk.select_in(
                conn, [i.c.entity_id, i.c.scheme, i.c.value], i.c.value, values
            ):
                if (scheme, value) in wanted_idents:
                    ids.add(entity_id)
            ids.update(row[0] for row in bulk.select_in(conn, [n.c.entity_id], n.c.key, keys))
            merged = judgements.canonical_map(conn)
        found = sorted({merged.get(entity_id, entity_id) for entity_id in ids})
        out: list[Entity] = []
        for start in range(0, len(found), _CHUNK):
            out.extend(self._entities_where(schema.entities.c.id.in_(found[start : start + _CHUNK])))
        return out

    def entities_by_id(self, ids: Sequence[str]) -> list[Entity]:
        """The entities with these ids (canonical ones; merged ones come as part of theirs), by id."""
        wanted = sorted(set(ids))
        out: list[Entity] = []
        for start in range(0, len(wanted), _CHUNK):
            out.extend(self._entities_where(schema.entities.c.id.in_(wanted[start : start + _CHUNK])))
        return sorted(out, key=lambda entity: entity.id)

    def entity(self, entity_id: str) -> Entity:
        """The entity with this id (or the one it was merged into), or NotFoundError."""
        canonical = self.merged_into().get(entity_id, entity_id)
        found = self._entities_where(schema.entities.c.id == canonical)
        if not found:
            raise NotFoundError(f"unknown entity {entity_id!r}")
        return found[0]

    def entity_names(self, ids: Sequence[str] = ()) -> dict[str, str]:
        """Canonical names by entity id (all unmerged entities, or those listed), in one query per 500 ids."""
        e = schema.entities
        with self.store.engine.connect() as conn:
            if not ids:
                merged = judgements.canonical_map(conn)
                rows = conn.execute(select(e.c.id, e.c.name).where(_named()))
                return {row.id: row.name for row in rows if row.id not in merged}
            wanted = sorted(set(ids))
            out: dict[str, str] = {}
            for start in range(0, len(wanted), _CHUNK):
                query = select(e.c.id, e.c.name).where(e.c.id.in_(wanted[start : start + _CHUNK]))
                out.update((row.id, row.name) for row in conn.execute(query))
            return out

    def entity_countries(self, ids: Sequence[str]) -> dict[str, str]:
        """The countries (as their lists write them) of the listed entities that state any, by id."""
        e = schema.entities
        wanted = sorted(set(ids))
        out: dict[str, str] = {}
        with self.store.engine.connect() as conn:
            for start in range(0, len(wanted), _CHUNK):
                query = select(e.c.id, e.c.country).where(
                    e.c.id.in_(wanted[start : start + _CHUNK]), e.c.country.is_not(None)
                )
                out.update((row.id, row.country) for row in conn.execute(query))
        return out

    def resolve_entity(self, text: str) -> Entity:
        """The entity an id, name or alias refers to, with all its names (see `resolve_ref`)."""
        return self.entity(self.resolve_ref(text)[0])

    def resolve_ref(self, text: str) -> tuple[str, str]:
        """(id, canonical name) of the entity an id, name or alias refers to, in one or two queries.

        Any script, case- and accent-insensitive. An exact id names its entity (or the one it was
        merged into). A name names an entity only when no other entity holds it: one entity's
        canonical name may be another's alias ("The Base", "Jaish-e-Mohammed"), and picking either
        would hide the other's listings. A name several entities hold raises AmbiguousError listing
        them (ids, names, and the lists each has data on), so the caller can ask again by id. Failing
        a name, an identifier: a list's number for its entry (`QDi.199`, `ofac:10391`). A text
        naming nothing raises NotFoundError with suggestions.
        """
        query = text.strip()
        if not query:
            raise InputError("an entity name or id is needed (it was blank)")
        e = schema.entities
        with self.store.engine.connect() as conn:
            merged = judgements.canonical_map(conn)
            row = conn.execute(select(e.c.id, e.c.name).where(e.c.id == query, _named())).first()
            if row is not None and row.id not in merged:
                return row.id, row.name
            if row is not None:
                return self._canonical_refs(conn, [merged[row.id]])[0]
            holders = conn.execute(
                select(schema.names.c.entity_id).where(schema.names.c.key == name_key(query)).distinct()
            ).scalars()
            found = sorted({merged.get(entity_id, entity_id) for entity_id in holders})
            if not found:
                # A list's own number for the entry: "QDi.199", "ofac:10391".
                found = sorted({merged.get(entity_id, entity_id) for entity_id in _holders_of(conn, query)})
            if len(found) == 1:
                return self._canonical_refs(conn, found)[0]
            if found:
                raise AmbiguousError(_ambiguity(query, self._candidates(conn, found)), found)
        # Each hint names its entity too: an id alone ("ofac-767") says nothing of why it was offered.
        hints = [f"{r['entity_id']} ({r['name']})" for r in self.search_names(query, limit=5)]
        hint = f"; did you mean: {', '.join(hints)}?" if hints else ""
        raise NotFoundError(f"unknown entity {_echo(query)}{hint}")

    def _candidates(self, conn: Any, ids: Sequence[str]) -> list[tuple[str, str, list[str]]]:
        """(id, canonical name, lists it has timelines on) of each of several (canonical) entities."""
        t = schema.timelines
        lists: dict[str, set[str]] = {entity_id: set() for entity_id in ids}
        names: dict[str, str] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = list(ids[start : start + _CHUNK])
            names.update(self._canonical_refs(conn, chunk))
            held = select(t.c.entity_id, t.c.list_id).where(t.c.entity_id.in_(chunk)).distinct()
            for entity_id, list_id in conn.execute(held):
                lists[entity_id].add(list_id)
        return [(entity_id, names.get(entity_id, entity_id), sorted(lists[entity_id])) for entity_id in ids]

    @staticmethod
    def _canonical_refs(conn: Any, ids: Sequence[str]) -> list[tuple[str, str]]:
        e = schema.entities
        rows = conn.execute(select(e.c.id, e.c.name).where(e.c.id.in_(list(ids))).order_by(e.c.id))
        return [(row.id, row.name) for row in rows]

    def search_names(self, text: str, limit: int = 20) -> list[dict[str, str]]:
        """Entities whose names contain the text (normalised), best matches first.

        Ranked: the whole name (then an entity id), a whole word of it (an acronym such as "HM"
        among longer names), the start of the name, the start of a word, then anywhere (the
        "hamas" in "Bahamas"); shorter names first within a rank. Each rank is fetched on its own,
        shortest first, so a common substring's thousands of hits never crowd out the name asked for.

        When no name contains it (a typo: "Talibn", "Hezbolah"), the names closest in spelling
        are offered instead, each marked `match: "similar"` so no surface passes a guess off as a
        hit; found names are marked `match: "name"`.
        """
        key = name_key(text)
        if not key:
            return []
        n = schema.names
        columns = (n.c.entity_id, n.c.value, n.c.key)
        tiers = (
            n.c.key == key,
            n.c.entity_id == text.strip(),
            or_(n.c.key.like(f"{key} %"), n.c.key.like(f"% {key}"), n.c.key.like(f"% {key} %")),
            n.c.key.like(f"{key}%"),
            n.c.key.like(f"% {key}%"),
            n.c.key.like(f"%{key}%"),
        )
        dialect = self.store.dialect
        with self.store.engine.connect() as conn:
            merged = judgements.canonical_map(conn)
            rows: list[Any] = []
            owners_seen: set[str] = set()
            by_id: set[str] = set()  # found by their id: shown under their canonical name
            for number, tier in enumerate(tiers):
                # Enough entities already outrank whatever a later tier could add.
                if len(owners_seen) >= limit:
                    break
                found = conn.execute(
                    select(*columns)
                    .where(tier)
                    # The name's value breaks ties (one entity's `AL WATAN` and `Al Watan`), by code
                    # point on every backend, so both show the same spelling.
                    .order_by(func.length(n.c.key), n.c.entity_id, schema.bytewise(n.c.value, dialect))
                    .limit(limit * 20)
                )
                for row in found:
                    rows.append(row)
                    owners_seen.add(merged.get(row.entity_id, row.entity_id))
                    if number == 1:
                        by_id.add(row.entity_id)
            match = "name"
            if not rows:
                match = "similar"
                rows = self._similar_names(conn, key, limit)
            owners = {merged.get(r.entity_id, r.entity_id) for r in rows}
            names = dict(self._canonical_refs(conn, sorted(owners)))
        out: list[dict[str, str]] = []
        seen: set[str] = set()
        for row in rows:
            owner = merged.get(row.entity_id, row.entity_id)
            if owner in seen:
                continue
            seen.add(owner)
            matched = names[owner] if row.entity_id in by_id else row.value
            out.append({"entity_id": owner, "name": names[owner], "matched_name": matched, "match": match})
            if len(out) >= limit:
                break
        return out

    @staticmethod
    def _similar_names(conn: Any, key: str, limit: int) -> list[Any]:
        """Name rows whose keys are closest in spelling to `key` (difflib ratio >= 0.75), closest first.

        Only the not-found path pays for it: one pass over the distinct name keys, whose length
        must be within a third of the query's for the two to reach the ratio at all.
        """
        n = schema.names
        low, high = len(key) * 3 // 4, len(key) * 4 // 3 + 1
        keys = conn.execute(
            select(n.c.key).where(func.length(n.c.key).between(low, high)).distinct()
        ).scalars()
        close = difflib.get_close_matches(key, list(keys), n=limit * 3, cutoff=0.75)
        if not close:
            return []
        rank = {k: i for i, k in enumerate(close)}
        rows = conn.execute(select(n.c.entity_id, n.c.value, n.c.key).where(n.c.key.in_(close)))
        return sorted(rows, key=lambda r: (rank[r.key], r.entity_id, r.value))

    # -- identity judgements --------------------------------------------------------------------
    def judgements(self, include_withdrawn: bool = False) -> list[dict[str, Any]]:
        """Analysts' identity judgements (in force, or all), oldest first, with both entities' names."""
        with self.store.engine.connect() as conn:
            return judgements.history(conn, include_withdrawn)

    def rejections(self, include_restored: bool = False) -> list[dict[str, Any]]:
        """Analysts' rejections of claims (in force, or all), oldest first, each with its claim."""
        with self.store.engine.connect() as conn:
            return rejections.history(conn, include_restored)

    def identity_overlaps(self) -> list[dict[str, str]]:
        """Pairs of (read) entities of one kind that share an identifier or a name.

        The evidence the automatic linker would use, found between entities that ended up apart:
        raw material for merge suggestions. Names are compared by name key, except people's: by
        `person_name_key` (the order of a name's parts aside), not weak aliases, and not a name
        more than PERSON_NAME_HOLDERS_MAX people hold (see `_person_name_pairs`). Each item says
        the entities' `kind`. Pairs already merged or judged distinct are left out.
        """
        n1, n2 = schema.names.alias("n1"), schema.names.alias("n2")
        i1, i2 = schema.identifiers.alias("i1"), schema.identifiers.alias("i2")
        e1, e2 = schema.entities.alias("e1"), schema.entities.alias("e2")
        by_name = (
            select(n1.c.entity_id.label("a"), n2.c.entity_id.label("b"), n1.c.value.label("va"))
            .add_columns(n2.c.value.label("vb"))
            .join(n2, and_(n2.c.key == n1.c.key, n2.c.entity_id > n1.c.entity_id))
            .join(e1, e1.c.id == n1.c.entity_id)
            .join(e2, e2.c.id == n2.c.entity_id)
            .where(e1.c.kind == e2.c.kind, e1.c.kind != "person", n1.c.key != "")
            .add_columns(e1.c.kind)
        )
        by_ident = (
            select(i1.c.entity_id.label("a"), i2.c.entity_id.label("b"), i1.c.scheme, i1.c.value)
            .join(
                i2,
                and_(i2.c.scheme == i1.c.scheme, i2.c.value == i1.c.value, i2.c.entity_id > i1.c.entity_id),
            )
            .join(e1, e1.c.id == i1.c.entity_id)
            .join(e2, e2.c.id == i2.c.entity_id)
            .where(e1.c.kind == e2.c.kind)
            .add_columns(e1.c.kind)
        )
        people = (
            select(n1.c.entity_id, n1.c.value)
            .join(e1, e1.c.id == n1.c.entity_id)
            .where(e1.c.kind == "person", n1.c.kind != "weak_alias")
        )
        with self.store.engine.connect() as conn:
            merged = judgements.canonical_map(conn)
            distinct = {
                frozenset((j["entity_id"], j["other_id"]))
                for j in judgements.history(conn)
                if j["judgement"] == judgements.DISTINCT
            }
            found: list[dict[str, str]] = []
            for row in conn.execute(by_name):
                found.append(
                    {
                        "a": row.a,
                        "b": row.b,
                        "kind": row.kind,
                        "via": "name",
                        "a_value": row.va,
                        "b_value": row.vb,
                    }
                )
            found.extend(_person_name_pairs(conn.execute(people), merged))
            for row in conn.execute(by_ident):
                value = f"{row.scheme} {row.value}"
                found.append(
                    {
                        "a": row.a,
                        "b": row.b,
                        "kind": row.kind,
                        "via": "identifier",
                        "a_value": value,
                        "b_value": value,
                    }
                )
        out = []
        for item in found:
            a, b = merged.get(item["a"], item["a"]), merged.get(item["b"], item["b"])
            if a != b and frozenset((a, b)) not in distinct:
                out.append({**item, "a": a, "b": b, "a_stored": item["a"], "b_stored": item["b"]})
        return out

    def evidence_counts(self, entity_ids: Sequence[str]) -> dict[str, tuple[int, int]]:
        """For each entity (with those merged into it): the number of lists its claims name, and of claims."""
        c = schema.claims
        with self.store.engine.connect() as conn:
            merged = judgements.canonical_map(conn)
            stored = judgements.with_members(merged, entity_ids)
            lists: dict[str, set[str]] = {}
            claims: dict[str, int] = {}
            for start in range(0, len(stored), _CHUNK):
                query = (
                    select(c.c.entity_id, c.c.list_id, func.count())
                    .where(c.c.entity_id.in_(stored[start : start + _CHUNK]), withdrawals.counted())
                    .group_by(c.c.entity_id, c.c.list_id)
                )
                for entity_id, list_id, count in conn.execute(query):
                    owner = merged.get(entity_id, entity_id)
                    lists.setdefault(owner, set()).add(list_id or "")
                    claims[owner] = claims.get(owner, 0) + int(count)
        return {
            entity_id: (len(lists.get(entity_id, ())), claims.get(entity_id, 0)) for entity_id in entity_ids
        }

    def records_of(self, entity_ids: Sequence[str]) -> dict[str, set[tuple[str, str]]]:
        """For each entity (with those merged into it): the (list source, record key) pairs linked to it."""
        r = schema.record_spans
        with self.store.engine.connect() as conn:
            merged = judgements.canonical_map(conn)
            stored = judgements.with_members(merged, entity_ids)
            out: dict[str, set[tuple[str, str]]] = {entity_id: set() for entity_id in entity_ids}
            for start in range(0, len(stored), _CHUNK):
                query = (
                    select(r.c.entity_id, r.c.source_name, r.c.record_key)
                    .where(r.c.entity_id.in_(stored[start : start + _CHUNK]))
                    .distinct()
                )
                for row in conn.execute(query):
                    owner = merged.get(row.entity_id, row.entity_id)
                    out.setdefault(owner, set()).add((row.source_name, row.record_key))
        return out

    def identifier_holders(self, scheme: str) -> dict[str, list[tuple[str, str]]]:
        """The entities holding each identifier of one scheme, as (id, name) sorted by id, for lookups
        by number (screening a ship's IMO number); an entity merged into another counts as that one."""
        i, e = schema.identifiers, schema.entities
        with self.store.engine.connect() as conn:
            merged = judgements.canonical_map(conn)
            rows = conn.execute(select(i.c.value, i.c.entity_id).where(i.c.scheme == scheme).distinct())
            held = {(row.value, merged.get(row.entity_id, row.entity_id)) for row in rows}
            owners = sorted({owner for _, owner in held})
            names: dict[str, str] = {}
            for start in range(0, len(owners), _CHUNK):
                chunk = owners[start : start + _CHUNK]
                found = conn.execute(select(e.c.id, e.c.name).where(e.c.id.in_(chunk), _named()))
                names.update((row.id, row.name) for row in found)
        out: dict[str, list[tuple[str, str]]] = {}
        for value, owner in sorted(held):
            if owner in names:
                out.setdefault(value, []).append((owner, names[owner]))
        return out

    def birth_dates(self, entity_ids: Sequence[str] | None = None) -> dict[str, list[BirthStatement]]:
        """The dates of birth list records state, by entity (those merged into it included).

        Each comes with the source and record that state it, ordered by value then source and
        record; a date two lists state comes twice, once per record. All entities when `entity_ids`
        is None (screening reads them all at once), else only those.
        """
        return {
            owner: [BirthStatement(*row) for row in rows]
            for owner, rows in self._stated("birth_date", entity_ids).items()
        }

    def nationalities(self, entity_ids: Sequence[str] | None = None) -> dict[str, list[NationalityStatement]]:
        """The nationalities list records state for people, by entity (those merged into it included),
        as each file writes them, with the source and record that state each; ordered and
        repeated as `birth_dates`. All entities when `entity_ids` is None, else only those."""
        return {
            owner: [NationalityStatement(*row) for row in rows]
            for owner, rows in self._stated("nationality", entity_ids).items()
        }

    def _stated(self, kind: str, entity_ids: Sequence[str] | None) -> dict[str, list[tuple[str, str, str]]]:
        """The record details of one kind, as (value, source, record) by canonical entity, sorted."""
        d, r = schema.record_details, schema.record_spans
        query = (
            select(r.c.entity_id, d.c.source_name, d.c.record_key, d.c.value)
            .join(r, (r.c.source_name == d.c.source_name) & (r.c.record_key == d.c.record_key))
            .where(d.c.kind == kind)
            .distinct()
        )
        found: set[tuple[str, tuple[str, str, str]]] = set()
        with self.store.engine.connect() as conn:
            merged = judgements.canonical_map(conn)
            if entity_ids is None:
                rows = list(conn.execute(query))
            else:
                stored = judgements.with_members(merged, entity_ids)
                rows = [
                    row
                    for start in range(0, len(stored), _CHUNK)
                    for row in conn.execute(query.where(r.c.entity_id.in_(stored[start : start + _CHUNK])))
                ]
        for row in rows:
            owner = merged.get(row.entity_id, row.entity_id)
            found.add((owner, (row.value, row.source_name, row.record_key)))
        out: dict[str, list[tuple[str, str, str]]] = {}
        for owner, statement in sorted(found):
            out.setdefault(owner, []).append(statement)
        return out

    # -- claims and sources ---------------------------------------------------------------------
    def claims(self, entity_id: str | None = None, list_id: str | None = None) -> list[Claim]:
        """Stored claims, optionally for one entity (with those of entities merged into it) and/or list.

        A claim about a merged entity is given as a claim about the entity it is read as (same id).
        """
        query = select(schema.claims).where(withdrawals.counted())
        with self.store.engine.connect() as conn:
            merged = judgements.canonical_map(conn)
            if entity_id is not None:
                canonical = merged.get(entity_id, entity_id)
                query = query.where(
                    schema.claims.c.entity_id.in_(judgements.with_members(merged, [canonical]))
                )
            if list_id is not None:
                query = query.where(schema.claims.c.list_id == list_id)
            rows = conn.execute(query.order_by(schema.claims.c.id))
            return [_as_read(claim_from_row(row), merged) for row in rows]

    def sightings(self, claims: Sequence[Claim]) -> dict[str, tuple[date, ...]]:
        """For state claims starting a run of list snapshots: the dates of every snapshot of the run.

        Claims come as read (about the entity their own was merged into); runs stay stored under the
        entity their record was linked to, so those of every entity merged into one count for it.
        """
        with self.store.engine.connect() as conn:
            merged = judgements.canonical_map(conn)
            read_as = {claim.entity_id for claim in claims if claim.kind == "state"}
            return seen_by_claim(conn, claims, judgements.with_members(merged, read_as))

    def claims_by_id(self, ids: Iterable[str]) -> dict[str, Claim]:
        """Claims by id."""
        wanted = sorted(set(ids))
        out: dict[str, Claim] = {}
        with self.store.engine.connect() as conn:
            merged = judgements.canonical_map(conn)
            for start in range(0, len(wanted), _CHUNK):
                query = select(schema.claims).where(
                    schema.claims.c.id.in_(wanted[start : start + _CHUNK]), withdrawals.counted()
                )
                out.update((row.id, _as_read(claim_from_row(row), merged)) for row in conn.execute(query))
        return out

    def sources_of_claims(self, claim_ids: Iterable[str]) -> dict[str, tuple[int, Source]]:
        """For each claim id: the claim's tier and its source (one query per 500 ids)."""
        wanted = sorted(set(claim_ids))
        out: dict[str, tuple[int, Source]] = {}
        with self.store.engine.connect() as conn:
            for start in range(0, len(wanted), _CHUNK):
                query = (
                    select(
                        schema.claims.c.id.label("claim_id"),
                        schema.claims.c.tier.label("claim_tier"),
                        schema.sources,
                    )
                    .join(schema.sources, schema.sources.c.id == schema.claims.c.source_id)
                    .where(schema.claims.c.id.in_(wanted[start : start + _CHUNK]))
                )
                for row in conn.execute(query):
                    out[row.claim_id] = (row.claim_tier, source_from_row(row))
        return out

    def sources_by_id(self, ids: Iterable[str]) -> dict[str, Source]:
        """Sources by id."""
        wanted = sorted(set(ids))
        out: dict[str, Source] = {}
        with self.store.engine.connect() as conn:
            for start in range(0, len(wanted), _CHUNK):
                query = select(schema.sources).where(schema.sources.c.id.in_(wanted[start : start + _CHUNK]))
                out.update((row.id, source_from_row(row)) for row in conn.execute(query))
        return out

    def documents(
        self,
        kinds: Sequence[str],
        since: date | None = None,
        until: date | None = None,
        entity_ids: Sequence[str] | None = None,
        limit: int = 100,
    ) -> list[dict[str, Any]]:
        """Sources of `kinds` (news articles, curated documents), latest first, with what their claims are.

        Each row has the source, `known_from` (its publication date, else the first day answers
        `as_of` a day count one of its claims from), `claims` (all it gave, ever), `counted` (those
        reads count now), `set_aside` (superseded: a reading that no longer gives them), `rejected`
        (by an analyst, in force), `first_ingested` and `entities` (the canonical entities its
        claims are about).
        `since` / `until` bound `known_from`; `entity_ids` keeps sources with a claim about one of
        them. At most `limit` rows, in (`known_from` descending, id) order; undated last.
        """
        s, c = schema.sources, schema.claims
        # As Claim.known_by counts them: a claim with no day it was known from, from its event's first day.
        known = func.coalesce(s.c.published_on, func.min(func.coalesce(c.c.known_from, c.c.date_earliest)))
        query = (
            select(
                *s.c,
                known.label("known"),
                func.count(c.c.id).label("claims"),
                func.sum(case((withdrawals.counted(), 1), else_=0)).label("counted"),
                func.sum(case((c.c.id.in_(select(schema.superseded_claims.c.claim_id)), 1), else_=0)).label(
                    "set_aside"
                ),
                func.sum(case((c.c.id.in_(withdrawals.rejected()), 1), else_=0)).label("rejected"),
                func.min(c.c.ingested_at).label("first_ingested"),
            )
            .select_from(s.join(c, c.c.source_id == s.c.id))
            .where(s.c.kind.in_(list(kinds)))
            .group_by(*s.c)
            .order_by(known.is_(None), known.desc(), s.c.id)
            .limit(limit)
        )
        if entity_ids is not None:
            query = query.where(s.c.id.in_(select(c.c.source_id).where(c.c.entity_id.in_(list(entity_ids)))))
        if since is not None:
            query = query.having(known >= since)
        if until is not None:
            query = query.having(known <= until)
        merged = self.merged_into()
        with self.store.engine.connect() as conn:
            found: list[Row[Any]] = list(conn.execute(query))
            about: dict[str, set[str]] = {}
            for source_id, entity_id in bulk.select_in(
                conn, [c.c.source_id, c.c.entity_id], c.c.source_id, [row.id for row in found]
            ):
                about.setdefault(source_id, set()).add(merged.get(entity_id, entity_id))
        counts = ("claims", "counted", "set_aside", "rejected")
        return [
            {
                "source": source_from_row(row),
                "known_from": row.known,
                **{name: int(row._mapping[name] or 0) for name in counts},
                "first_ingested": row.first_ingested,
                "entities": sorted(about.get(row.id, ())),
            }
            for row in found
        ]

    def record_keys_of(self, source_ids: Iterable[str]) -> dict[str, list[tuple[str, bool]]]:
        """The record keys the stored claims of each source are filed under, each with whether the
        claim was set aside (superseded) since: (record key, superseded), in key order."""
        c, x = schema.claims, schema.superseded_claims
        aside = c.c.id.in_(select(x.c.claim_id))
        wanted = sorted(set(source_ids))
        out: dict[str, set[tuple[str, bool]]] = {}
        with self.store.engine.connect() as conn:
            for start in range(0, len(wanted), _CHUNK):
                query = select(c.c.source_id, c.c.record_key, aside).where(
                    c.c.source_id.in_(wanted[start : start + _CHUNK])
                )
                for source_id, key, superseded in conn.execute(query):
                    out.setdefault(source_id, set()).add((key, bool(superseded)))
        return {source_id: sorted(keys) for source_id, keys in out.items()}

    def count_claims(self) -> int:
        """How many claims are stored."""
        with self.store.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(schema.claims)).scalar_one())

    def content_hash(self) -> str:
        """Digest of the stored claims (count and XOR of id hashes): changes whenever data changes."""
        with self.store.engine.connect() as conn:
            row = conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == "content_hash")).first()
        return row[0] if row else "0-" + "0" * 32

    # -- official list snapshots ----------------------------------------------------------------
    def snapshot_summary(self) -> dict[str, tuple[int, date, date]]:
        """Per official source: how many snapshots are held, the first and the last date."""
        snaps = schema.snapshots
        query = select(
            snaps.c.source_name,
            func.count(),
            func.min(snaps.c.snapshot_date),
            func.max(snaps.c.snapshot_date),
        ).group_by(snaps.c.source_name)
        with self.store.engine.connect() as conn:
            return {row[0]: (int(row[1]), row[2], row[3]) for row in conn.execute(query)}

    def snapshots_of(self, source_name: str) -> list[dict[str, Any]]:
        """The snapshots held of one source, oldest first, each with the number of claims citing it."""
        snaps, claims = schema.snapshots, schema.claims
        cited = (
            select(claims.c.source_id, func.count().label("claims"))
            .where(claims.c.source_id.in_(select(snaps.c.id).where(snaps.c.source_name == source_name)))
            .group_by(claims.c.source_id)
            .subquery()
        )
        query = (
            select(snaps, func.coalesce(cited.c.claims, 0).label("claims"))
            .outerjoin(cited, cited.c.source_id == snaps.c.id)
            .where(snaps.c.source_name == source_name)
            .order_by(snaps.c.snapshot_date)
        )
        with self.store.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def withdrawn_snapshots_of(self, source_name: str) -> list[dict[str, Any]]:
        """The snapshots of one source an analyst withdrew, with why, by whom and when."""
        with self.store.engine.connect() as conn:
            return withdrawals.withdrawn_of(conn, source_name)

    # -- lists and timelines --------------------------------------------------------------------
    def lists(self) -> dict[str, DesignationList]:
        """Lists known to the database."""
        with self.store.engine.connect() as conn:
            rows = list(conn.execute(select(schema.lists)))
        return {r.id: DesignationList(r.id, r.jurisdiction, r.name, r.kind, r.publisher, r.url) for r in rows}

    def timelines(
        self, entity_ids: Sequence[str] = (), jurisdictions: Sequence[str] = (), lists: Sequence[str] = ()
    ) -> list[Timeline]:
        """Stored (derived, as of now) timelines, filtered by entity, jurisdiction and list."""
        table = schema.timelines.c
        query = self._timelines_where(entity_ids, jurisdictions, lists)
        query = query.order_by(table.jurisdiction, table.list_id, table.entity_id)
        with self.store.engine.connect() as conn:
            return [timeline_from_json(row[0]) for row in conn.execute(query)]

    def timelines_in_conflict(self, entity_ids: Sequence[str]) -> list[Timeline]:
        """The stored timelines of `entity_ids` that hold a conflict (a page of changes asks which of
        its rows the sources dispute, without reading every other timeline of those entities)."""
        if not entity_ids:
            return []
        query = self._timelines_where(entity_ids, (), ()).where(schema.timelines.c.conflicts > 0)
        with self.store.engine.connect() as conn:
            return [timeline_from_json(row[0]) for row in conn.execute(query)]

    def timelines_after(
        self,
        entity_ids: Sequence[str],
        jurisdictions: Sequence[str],
        after: tuple[str, str, str] | None,
        limit: int,
    ) -> list[Timeline]:
        """Up to `limit` stored timelines in (entity, jurisdiction, list) order, after the
        position `after` when given: a page of the matrix, read without the rest."""
        table = schema.timelines.c
        # By code point on every backend, as the caller orders the page: a PostgreSQL database in a
        # language's collation would otherwise skip or repeat rows at a page's edge.
        key = [
            schema.bytewise(c, self.store.dialect)
            for c in (table.entity_id, table.jurisdiction, table.list_id)
        ]
        query = self._timelines_where(entity_ids, jurisdictions, ())
        if after is not None:
            query = query.where(tuple_(*key) > tuple_(*after))
        query = query.order_by(*key).limit(limit)
        with self.store.engine.connect() as conn:
            return [timeline_from_json(row[0]) for row in conn.execute(query)]

    def _timelines_where(
        self, entity_ids: Sequence[str], jurisdictions: Sequence[str], lists: Sequence[str]
    ) -> Select[str]:
        """The stored timelines of `entity_ids` (their merged entities'), `jurisdictions` and
        `lists`, each filter left out when empty."""
        query = select(schema.timelines.c.data)
        if entity_ids:
            merged = self.merged_into()
            wanted = sorted({merged.get(entity_id, entity_id) for entity_id in entity_ids})
            query = query.where(schema.timelines.c.entity_id.in_(wanted))
        if jurisdictions:
            query = query.where(schema.timelines.c.jurisdiction.in_(list(jurisdictions)))
        if lists:
            query = query.where(schema.timelines.c.list_id.in_(list(lists)))
        return query

    def events(
        self,
        since: date | None,
        until: date | None,
        jurisdictions: Sequence[str] = (),
        lists: Sequence[str] = (),
        entity_ids: Sequence[str] = (),
        after: EventKey | None = None,
        limit: int = 100,
        newest_first: bool = False,
        reported: tuple[date | None, date | None] = (None, None),
        by_report: bool = False,
    ) -> list[dict[str, Any]]:
        """Derived events that may fall in [since, until] (either end open when None), keyset-paged
        in `EVENT_ORDER`; with `reported` (first, last day), only those first reported in it.

        One day's events read by jurisdiction, list and entity name. `newest_first` walks the same
        order backwards (one index serves both); `after` is then the key (`event_key`) of the last
        row of the previous page in that order. `by_report` leads the order with the day a held
        source first reported each event ("what did we learn lately", with `newest_first`).
        """
        e = schema.events
        query = select(e, schema.entities.c.name).join(schema.entities, schema.entities.c.id == e.c.entity_id)
        # An event has a latest day (the resolver dates every event); the cursor relies on it.
        query = query.where(e.c.date_latest >= since if since is not None else e.c.date_latest.is_not(None))
        reported_since, reported_until = reported
        if reported_since is not None:
            query = query.where(e.c.first_reported >= reported_since)
        if reported_until is not None:
            query = query.where(e.c.first_reported <= reported_until)
        if until is not None:
            query = query.where(or_(e.c.date_earliest.is_(None), e.c.date_earliest <= until))
        if jurisdictions:
            query = query.where(e.c.jurisdiction.in_(list(jurisdictions)))
        if lists:
            query = query.where(e.c.list_id.in_(list(lists)))
        if entity_ids:
            merged = self.merged_into()
            query = query.where(e.c.entity_id.in_(sorted({merged.get(i, i) for i in entity_ids})))
        order: list[ColumnElement[Any]] = [e.c[column] for column in EVENT_ORDER]
        if by_report:
            order.insert(0, schema.REPORT_ORDER)
        if after is not None:
            position = tuple_(*order)
            query = query.where(position < tuple_(*after) if newest_first else position > tuple_(*after))
            # Implied by the comparison above, spelled for SQLite, which seeks an expression index
            # by a plain bound on its leading expression but not by a row value.
            query = query.where(order[0] <= after[0] if newest_first else order[0] >= after[0])
        query = query.order_by(*(column.desc() for column in order) if newest_first else order).limit(limit)
        with self.store.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]


# How many candidates an ambiguity message spells out; the error's `candidates` holds them all.
_SHOWN_CANDIDATES = 10
# A person's name held by more entities than this (after merges) is too common to suggest pairs by.
PERSON_NAME_HOLDERS_MAX = 12


def _person_name_pairs(rows: Iterable[Any], merged: dict[str, str]) -> list[dict[str, str]]:
    """Pairs of people whose names are one once the order of their parts is set aside.

    `rows` are (entity_id, value) of people's names. A pair is given once per shared key, with a
    spelling of the name each holds; a key held by more than PERSON_NAME_HOLDERS_MAX (read)
    entities is left out ("Mohammad Ali"), as is a name of one part (`person_name_key`).
    """
    holders: dict[str, dict[str, str]] = {}
    for entity_id, value in rows:
        key = person_name_key(value)
        if key:
            spelt = holders.setdefault(key, {})
            if entity_id not in spelt or value < spelt[entity_id]:
                spelt[entity_id] = value
    out: list[dict[str, str]] = []
    for spelt in holders.values():
        if len(spelt) < 2 or len({merged.get(e, e) for e in spelt}) > PERSON_NAME_HOLDERS_MAX:
            continue
        ids = sorted(spelt)
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                out.append(
                    {
                        "a": a,
                        "b": b,
                        "kind": "person",
                        "via": "name",
                        "a_value": spelt[a],
                        "b_value": spelt[b],
                    }
                )
    return out


def _named() -> ColumnElement[bool]:
    """Entities with a name: every entity but one a withdrawn snapshot alone had minted, whose names
    and identifiers the withdrawal took back (proscribe.ingest.lent). Its row stays, as its claims
    (stored, never deleted) cite it; no read shows it."""
    return exists().where(schema.names.c.entity_id == schema.entities.c.id)


def _ambiguity(query: str, candidates: Sequence[tuple[str, str, Sequence[str]]]) -> str:
    """The message of a name several entities hold: each with its id, name and lists, to ask by id."""
    shown = [
        f"{entity_id} ({name}; {'lists ' + ', '.join(lists) if lists else 'no list data'})"
        for entity_id, name, lists in candidates[:_SHOWN_CANDIDATES]
    ]
    more = len(candidates) - len(shown)
    rest = f"; and {more} more (`proscribe search` lists them)" if more > 0 else ""
    return f"{query!r} names {len(candidates)} entities; ask again by id: {'; '.join(shown)}{rest}"


def _distinct_names(names: Sequence[tuple[bool, Name]], canonical: str) -> tuple[Name, ...]:
    """Names other than the canonical one, each value once: the entity's own first, then merged ones'."""
    out: dict[str, Name] = {}
    for _foreign, name in sorted(names, key=lambda pair: pair[0]):
        if name.value != canonical and name.value not in out:
            out[name.value] = name
    return tuple(out.values())


def _as_read(claim: Claim, merged: dict[str, str]) -> Claim:
    """The claim as read: about the entity its own entity was merged into, if any."""
    canonical = merged.get(claim.entity_id)
    return claim if canonical is None else replace(claim, entity_id=canonical)


def _holders_of(conn: Any, text: str) -> set[str]:
    """Entities holding the identifier `text` (`value`, or `scheme:value`), case-insensitively."""
    i = schema.identifiers
    scheme, _, value = text.partition(":")
    wanted = func.lower(i.c.value) == text.lower()
    if value:
        wanted = or_(wanted, and_(i.c.scheme == scheme.lower(), func.lower(i.c.value) == value.lower()))
    return set(conn.execute(select(i.c.entity_id).where(wanted).distinct()).scalars())


ECHO_MAX = 120  # characters of an unknown reference an error repeats


def _echo(text: str) -> str:
    """An unknown reference as an error repeats it: quoted, and cut short when long (a 20,000-character
    query is not sent back whole)."""
    if len(text) <= ECHO_MAX:
        return repr(text)
    return f"{text[:ECHO_MAX]!r}... ({len(text):,} characters)"
