"""Screen names against designated entities, with filters and a verifiable receipt.

A `Screener` holds one candidate index over every name of every entity, the designations of each
entity that passed the filters (only those entities can be returned), the dates of birth the lists
state for each entity (shown with hits, and weighed against a date of birth given with a name; see
proscribe.screen.births), the ships' IMO numbers (a query that is one finds the ships holding it,
whatever they are called now), the suggested pairs no analyst has decided (each result names the
entities its hit may be; see proscribe.screen.pairs), and the hash of the data it was built from.
`screen(text)` returns `{"query", "results": [...], "not_shown": [...], "notes": [...], "receipt":
{...}}`; the receipt carries the query, the parameters, the content hash and the results, plus a
SHA-256 over all of them, so a screening made "as of D" can be re-run later and checked with `verify`.
`not_shown` and `notes` name the strong matches the filters left out (an entity whose state on the
day is `uncertain` or `not_listed`, or that is designated only elsewhere), so that "no results" is
never silently a filtered-out match.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from proscribe import clock, query
from proscribe.errors import InputError
from proscribe.model import IMO_SCHEME, Entity
from proscribe.model.birth import BirthStatement
from proscribe.query.identity import undecided_pairs
from proscribe.screen import births as birth_check
from proscribe.screen.cache import ScreenCache, store_identity
from proscribe.screen.index import NameIndex
from proscribe.screen.match import CANDIDATES, DEFAULT_LIMIT, DEFAULT_THRESHOLD, Hit, rank
from proscribe.screen.pairs import Pairs, may_be_same_as, pairs_from
from proscribe.sources.imo import read_imo
from proscribe.store import Reader

Designations = Mapping[str, Sequence[Mapping[str, Any]]]
Births = Mapping[str, Sequence[BirthStatement]]
# IMO number -> the (entity id, name) of each ship holding it (Reader.identifier_holders).
Ships = Mapping[str, Sequence[tuple[str, str]]]
# 2: each result row says which entities its hit may be (`may_be_same_as`).
RECEIPT_VERSION = 2
# The keys result rows gained with each receipt version: a receipt made before one is compared
# without it (`verify`), so it still verifies while its other results hold.
ROW_KEYS_SINCE: dict[int, tuple[str, ...]] = {2: ("may_be_same_as",)}
# Every state a designation can be in (proscribe.model.timeline.TimelineState).
ALL_STATES = ("listed", "suspended", "not_listed", "uncertain")
# Candidates of entities the filters leave out scored per query, to say a strong match was not shown.
OUTSIDE_CANDIDATES = 5
MOST_NAMED = 3  # entity ids a note names; more are counted


@dataclass(frozen=True, slots=True)
class Filters:
    """Which designations make an entity screenable (the CLI's --in, --list, --at, --as-of)."""

    jurisdictions: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()
    at: str | None = None
    as_of: str | None = None
    states: tuple[str, ...] = ("listed", "suspended")
    all_entities: bool = False

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (for receipts).

        With `all_entities` every entity is screened and the other filters only choose which
        designations a result shows; the receipt says so.
        """
        return {
            "jurisdictions": list(self.jurisdictions),
            "lists": list(self.lists),
            "at": self.at,
            "as_of": self.as_of,
            "states": list(self.states),
            "all_entities": self.all_entities,
        }


def check_parameters(threshold: float, limit: int) -> None:
    """Refuse a threshold outside [0, 1] or a limit under 1 (InputError)."""
    if not 0.0 <= threshold <= 1.0:
        raise InputError(f"threshold must be between 0 and 1, got {threshold}")
    if limit < 1:
        raise InputError(f"limit must be at least 1, got {limit}")


def entities_hash(entities: Iterable[Entity]) -> str:
    """Content hash of the entities' ids and names, for screenings made without a database."""
    digest = hashlib.sha256()
    for entity in sorted(entities, key=lambda e: e.id):
        digest.update(entity.id.encode())
        for name in entity.all_names():
            digest.update(b"\x1f" + name.value.encode())
        digest.update(b"\x1e")
    return digest.hexdigest()


def _canonical(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


@dataclass
class Screener:
    """An index plus the designation filter and content hash every screening reports."""

    index: NameIndex
    content_hash: str
    filters: Filters = field(default_factory=Filters)
    designations: Designations | None = None
    # The dates of birth lists state, by entity (Reader.birth_dates): shown with each hit, and
    # weighed against a date of birth given with the name (proscribe.screen.births).
    births: Births = field(default_factory=dict)
    # The ships' IMO numbers: a query that is one (`IMO 9300104`) finds the ships holding it.
    ships: Ships = field(default_factory=dict)
    # The entities each entity may be (suggested pairs no analyst has decided), strongest first:
    # each result names them (proscribe.screen.pairs).
    pairs: Pairs = field(default_factory=dict)
    # The designations, in any state, in the jurisdictions and lists asked, of the entities the
    # filters leave out: what a strong match not shown is said to be (`not_shown`).
    unscreened: Designations | None = None

    @property
    def allowed(self) -> Collection[str] | None:
        """The entity ids a screening may return: those with designations, or all (None)."""
        if self.designations is None or self.filters.all_entities:
            return None
        return self.designations.keys()

    @classmethod
    def build(
        cls,
        entities: Iterable[Entity],
        content_hash: str | None = None,
        filters: Filters | None = None,
        designations: Designations | None = None,
        births: Births | None = None,
        pairs: Pairs | None = None,
    ) -> Screener:
        """Index `entities`; with `designations`, only entities that have some can be returned;
        with `pairs`, each result names the entities its hit may be."""
        entities = list(entities)
        ships: dict[str, list[tuple[str, str]]] = {}
        for entity in sorted(entities, key=lambda e: e.id):
            for number in dict.fromkeys(i.value for i in entity.identifiers if i.scheme == IMO_SCHEME):
                ships.setdefault(number, []).append((entity.id, entity.name))
        return cls(
            index=NameIndex.from_entities(entities),
            content_hash=content_hash or entities_hash(entities),
            filters=filters or Filters(),
            designations=designations,
            births=births or {},
            ships=ships,
            pairs=pairs or {},
        )

    @classmethod
    def from_reader(
        cls,
        reader: Reader,
        filters: Filters,
        designated_only: bool = True,
        cache: ScreenCache | None = None,
    ) -> Screener:
        """Index every entity in the store; unless told otherwise, return only those designated per `filters`.

        Designations come from `proscribe.query.designations_at`; the content hash is the store's
        (`Reader.content_hash`), so a receipt names the data it saw. With `designated_only` False (or
        `filters.all_entities`) every entity can be returned, still showing the designations that pass
        the filters. The suggested pairs no analyst has decided (`query.identity.undecided_pairs`)
        tell each result which entities its hit may be, whatever the filters. With `cache`, the
        index, the pairs and the designations are taken from it when it holds them for this store,
        content hash and filters (with the effective `at` day), and kept there when they had to be
        built; a cached screener answers exactly as a fresh one.
        """
        if not designated_only and not filters.all_entities:
            filters = replace(filters, all_entities=True)
        version = reader.content_hash()
        store = store_identity(reader.store.url) if cache is not None else None
        day = filters.at or clock.today().isoformat()
        key = {**filters.as_dict(), "at": day}  # the day asked about, even when "today" was meant
        index = suggestions = None
        sets: tuple[Designations, Designations | None] | None = None
        if cache is not None and store is not None:
            sets = cache.load_designation_sets(store, version, key)
            index = cache.load_index(store, version)
            suggestions = cache.load_pairs(store, version)
        # Rebuilt, too, from a file kept without the entities left out (an all-entities screening's).
        built_designations = sets is None or (sets[1] is None and not filters.all_entities)
        if sets is None or built_designations:
            sets = designation_sets(reader, filters, day)
            if filters.all_entities:
                sets = (sets[0], None)  # nothing is left out: every entity can be a hit
        designations, unscreened = sets
        built_index = index is None
        if index is None:
            index = NameIndex.from_entities(reader.entities())
        built_pairs = suggestions is None
        if suggestions is None:
            suggestions = undecided_pairs(reader)
        if cache is not None and store is not None and (built_index or built_designations or built_pairs):
            _keep(
                cache,
                (reader, store, version),
                index if built_index else None,
                (key, designations, unscreened) if built_designations else None,
                suggestions if built_pairs else None,
            )
        return cls(
            index,
            version,
            filters,
            designations,
            reader.birth_dates(),
            reader.identifier_holders(IMO_SCHEME),
            pairs_from(suggestions),
            unscreened,
        )

    def hits(self, text: str, threshold: float, limit: int, birth_date: str | None = None) -> list[Hit]:
        """The entities matching `text`, best first; with `birth_date`, weighed against the listed
        dates of birth (proscribe.screen.births). InputError for a date of birth it cannot read.

        Text that is an IMO number (`IMO 9300104`, `9300104`: seven digits passing the check digit)
        finds the ships holding it instead, each scoring 1.0: the number stays with a hull through
        renamings, so it identifies a ship its listed names no longer do. (A date of birth is
        checked but not weighed: a ship has none.)
        """
        return self.screen_hits(text, threshold, limit, birth_date)[0]

    def screen_hits(
        self, text: str, threshold: float, limit: int, birth_date: str | None = None
    ) -> tuple[list[Hit], list[Hit]]:
        """`hits`, and the entities the filters left out that would have been hits too (at most
        OUTSIDE_CANDIDATES of the best candidates they took away are scored; see match.rank)."""
        number = read_imo(text)
        if number is not None:
            if birth_date is not None:
                birth_check.read_stated_birth(birth_date)
            return self._ship_hits(number, limit)
        outside = OUTSIDE_CANDIDATES if self.allowed is not None else 0
        if birth_date is None:
            return rank(self.index, text, threshold, limit, self.allowed, outside)
        birth_check.read_stated_birth(birth_date)  # refused before any work
        # Every hit over the threshold, not only the first `limit`: a differing date of birth can
        # push one under, and the next must then take its place.
        pool, hidden = rank(self.index, text, threshold, max(limit, CANDIDATES), self.allowed, outside)
        return (
            birth_check.apply(pool, self.births, birth_date, threshold, limit),
            birth_check.apply(hidden, self.births, birth_date, threshold, len(hidden)),
        )

    def _ship_hits(self, number: str, limit: int) -> tuple[list[Hit], list[Hit]]:
        """The ships holding IMO number `number` (those the designation filter allows), by entity id,
        and those it leaves out."""
        allowed = self.allowed
        detail = f"IMO number {number}: the ship's own number, kept through renamings"
        ships = [
            Hit(entity_id, name, f"IMO {number}", 1.0, detail)
            for entity_id, name in self.ships.get(number, ())
        ]
        return (
            [hit for hit in ships if allowed is None or hit.entity_id in allowed][:limit],
            [
                replace(hit, detail="")
                for hit in ships
                if allowed is not None and hit.entity_id not in allowed
            ],
        )

    def left_out(self, hidden: Sequence[Hit]) -> tuple[list[dict[str, Any]], list[str]]:
        """What a screening says of `hidden`, the strong matches the filters left out: a row per
        entity (`entity_id`, `name`, `score`, `reason`: its states on the day in the jurisdictions and
        lists asked, or no designation there), and a note per reason naming them: `1 strong match
        not shown (kz-example): state uncertain on 2010-01-01, and the screening counts only
        listed, suspended`."""
        day = self.filters.at or clock.today().isoformat()
        known = f" (as known on {self.filters.as_of})" if self.filters.as_of else ""
        rows = []
        grouped: dict[tuple[str, str], list[str]] = {}  # (reason, what the screening counts) -> ids
        for hit in hidden:
            states = sorted({str(d["state"]) for d in (self.unscreened or {}).get(hit.entity_id, ())})
            if states:
                reason = f"state {', '.join(states)} on {day}{known}"
                counted = f", and the screening counts only {', '.join(self.filters.states)}"
            elif self.filters.jurisdictions or self.filters.lists:
                # No state on record that day there: not "not designated", which the data may not say.
                reason = f"no state on record on {day}{known} in the jurisdictions or lists screened"
                counted = ""
            else:
                reason = f"no state on record on {day}{known}"
                counted = ", and the screening counts only entities with a designation that day"
            rows.append({"entity_id": hit.entity_id, "name": hit.name, "score": hit.score, "reason": reason})
            grouped.setdefault((reason, counted), []).append(hit.entity_id)
        notes = []
        for (reason, counted), ids in grouped.items():
            named = ", ".join(ids[:MOST_NAMED]) + (
                f" and {len(ids) - MOST_NAMED} more" if len(ids) > MOST_NAMED else ""
            )
            # "match", not "name match": a ship's IMO number is matched too.
            matches = f"{len(ids)} strong match{'es' if len(ids) > 1 else ''}"
            notes.append(f"{matches} not shown ({named}): {reason}{counted}")
        return rows, notes

    def screen(
        self,
        text: str,
        threshold: float = DEFAULT_THRESHOLD,
        limit: int = DEFAULT_LIMIT,
        birth_date: str | None = None,
    ) -> dict[str, Any]:
        """Screen one name (with a date of birth, when given): results best first, each with its
        designations, listed dates of birth and the entities it may be (`may_be_same_as`: another of
        these hits, or not), plus the receipt."""
        check_parameters(threshold, limit)
        text = printable(text)
        results = []
        hits, hidden = self.screen_hits(text, threshold, limit, birth_date)
        found = {hit.entity_id for hit in hits}
        for hit in hits:
            row = hit.as_dict()
            row["designations"] = [dict(d) for d in (self.designations or {}).get(hit.entity_id, [])]
            row["birth_dates"] = birth_check.birth_rows(self.births.get(hit.entity_id, ()))
            row["may_be_same_as"] = may_be_same_as(self.pairs, hit.entity_id, found)
            results.append(row)
        parameters: dict[str, Any] = {
            "threshold": threshold,
            "limit": limit,
            "filters": self.filters.as_dict(),
        }
        if birth_date is not None:
            parameters["birth_date"] = birth_date.strip()
        receipt = make_receipt(text, parameters, self.content_hash, results)
        not_shown, notes = self.left_out(hidden)
        return {"query": text, "results": results, "not_shown": not_shown, "notes": notes, "receipt": receipt}


# Terminal escape sequences (a 7- or 8-bit control sequence, a control string, an escape with
# intermediate bytes, a bare escape), then every other control character but the line breaks.
_QUERY_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[!-/]*[0-~]?"
)
_QUERY_CONTROLS = re.compile(r"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """A name to screen without terminal escape sequences or control characters (a tab or a C1
    character read as a space), trimmed, so `EVIL \x1b[31mRED CORP` is screened, and echoed, as
    `EVIL RED CORP`, as list names are stored. Line breaks are kept: a value holding one is two
    names, which callers refuse (`LINE_BREAK`) rather than screen as one."""
    return _QUERY_CONTROLS.sub(" ", _QUERY_ESCAPES.sub("", text)).strip()


def has_line_break(text: str) -> bool:
    """Whether a name, as `printable` leaves it, holds a line break (a line or paragraph separator too)."""
    return any(mark in text for mark in "\n\r\u2028\u2029")


def has_name(text: str) -> bool:
    """Whether `text` holds something to screen: a letter or a digit (in any script). "...", "-" or
    "—" would find nothing, and an empty answer would read as a clean one."""
    return any(char.isalnum() for char in text)


def designation_sets(reader: Reader, filters: Filters, day: str) -> tuple[Designations, Designations]:
    """The designations that make an entity screenable per `filters` on `day`, and those, in any
    state, of the entities with a designation in the filters' jurisdictions and lists that are left
    out (what `left_out` says of them).

    One pass over the timelines gives both: the first is the second's rows in `filters.states`,
    as `query.designations_at` would give them with those states (same entities, same order).
    """
    every = query.designations_at(
        reader,
        at=date.fromisoformat(day),
        as_of=date.fromisoformat(filters.as_of) if filters.as_of else None,
        jurisdictions=filters.jurisdictions,
        lists=filters.lists,
        states=ALL_STATES,
    )
    kept: dict[str, Sequence[Mapping[str, Any]]] = {}
    unscreened: dict[str, Sequence[Mapping[str, Any]]] = {}
    for entity_id, rows in every.items():
        counted = [row for row in rows if row["state"] in filters.states]
        if counted:
            kept[entity_id] = counted
        else:
            unscreened[entity_id] = rows
    return kept, unscreened


def _keep(
    cache: ScreenCache,
    source: tuple[Reader, str, str],
    index: NameIndex | None,
    designations: tuple[dict[str, Any], Designations, Designations | None] | None,
    suggestions: Sequence[Mapping[str, Any]] | None = None,
) -> None:
    """Keep what was just built in `cache`, unless a write came in meanwhile (it could mix two versions).

    `source` is (reader, store identity, content hash read before building).
    """
    reader, store, version = source
    if reader.content_hash() != version:
        return
    if designations is not None:
        cache.store_designations(store, version, *designations)
    if index is not None:
        cache.store_index(store, version, index)
    if suggestions is not None:
        cache.store_pairs(store, version, suggestions)


def make_receipt(
    query: str, parameters: dict[str, Any], content_hash: str, results: list[dict[str, Any]]
) -> dict[str, Any]:
    """The record of one screening: what was asked, against which data, what came back, and a hash."""
    body = {
        "version": RECEIPT_VERSION,
        "query": query,
        "parameters": parameters,
        "content_hash": content_hash,
        "results": results,
    }
    return {**body, "receipt_hash": hashlib.sha256(_canonical(body)).hexdigest()}


def verify(receipt: Mapping[str, Any], screener: Screener) -> list[str]:
    """Re-run a receipt's screening; return the differences (empty when it reproduces exactly).

    A receipt made before result rows gained a key (`ROW_KEYS_SINCE`, by the receipt's `version`)
    is compared without it: everything it did record must still come out the same.
    """
    problems = []
    body = {key: value for key, value in receipt.items() if key != "receipt_hash"}
    if hashlib.sha256(_canonical(body)).hexdigest() != receipt.get("receipt_hash"):
        problems.append("receipt hash does not match its content (the receipt was altered)")
    if receipt.get("content_hash") != screener.content_hash:
        problems.append("the database content changed since the screening")
    parameters = receipt.get("parameters", {})
    if parameters.get("filters") != screener.filters.as_dict():
        problems.append("the screener's filters differ from the receipt's")
    again = screener.screen(
        str(receipt.get("query", "")),
        float(parameters.get("threshold", DEFAULT_THRESHOLD)),
        int(parameters.get("limit", DEFAULT_LIMIT)),
        parameters.get("birth_date"),
    )
    version = receipt.get("version")
    later = {
        key
        for since, keys in ROW_KEYS_SINCE.items()
        if isinstance(version, int) and version < since
        for key in keys
    }
    results = [{k: v for k, v in row.items() if k not in later} for row in again["results"]]
    if results != receipt.get("results"):
        problems.append("re-running the screening gives different results")
    return problems


def designation_label(row: Mapping[str, Any]) -> str:
    """A hit's designation as `US:us-fto:listed`, with the part listed when sources name one.

    `EU:eu-terrorist:listed (military wing)`: a compliance reader must not take a wing's listing
    for the whole organisation's; `GB:gb-hmt:listed (list closed 2026-01-28)`: nor a closed list's
    last recorded state for one in force.
    """
    said = [row["scope"]] if row.get("scope") else []
    if row.get("closed_on"):
        said.append(f"list closed {row['closed_on']}")
    aside = f" ({'; '.join(said)})" if said else ""
    return f"{row.get('jurisdiction')}:{row.get('list')}:{row.get('state')}{aside}"
