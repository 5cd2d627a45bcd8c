"""The store: append-only, idempotent, atomic per input, same answers on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import re

import pytest
from sqlalchemy import text

from proscribe.errors import AmbiguousError, DataError, InputError, NotFoundError, StoreError
from proscribe.ingest.core import ingest_batch
from proscribe.model import Claim, ClaimBatch, Entity, Name, PartialDate, Source, source_id
from proscribe.store import Store, open_store


def small_batch(extra_claims: tuple[Claim, ...] = ()) -> ClaimBatch:
    source = Source(id=source_id("news", "https://example.org/a"), kind="news", uri="https://example.org/a")
    entity = Entity(id="org-x", name="Example Front", names=(Name("Фронт Примера"),))
    claim = Claim(
        kind="event",
        entity_id="org-x",
        jurisdiction="RU",
        list_id="ru-terrorist",
        date=PartialDate.parse("2020-05-01"),
        source_id=source.id,
        record_key="a#1",
        action="list",
        tier=3,
    )
    return ClaimBatch((source,), (entity,), (claim, *extra_claims))


def test_reingest_is_a_no_op(store: Store) -> None:
    first = ingest_batch(store, small_batch())
    assert (first.new_claims, first.new_entities, first.new_sources, first.timelines_rebuilt) == (1, 1, 1, 1)
    digest = store.reader().content_hash()
    second = ingest_batch(store, small_batch())
    assert (second.new_claims, second.existing_claims, second.changed) == (0, 1, False)
    assert store.reader().content_hash() == digest


def test_a_failing_batch_leaves_the_database_exactly_as_before(store: Store) -> None:
    ingest_batch(store, small_batch())
    before = store.reader().content_hash()
    orphan = dataclasses.replace(small_batch().claims[0], entity_id="nobody", id="")
    with pytest.raises(DataError, match="unknown entities"):
        ingest_batch(store, small_batch((orphan,)))

    def explode(_conn: object) -> None:
        raise StoreError("simulated failure after the claims were written")

    later = dataclasses.replace(
        small_batch().claims[0], date=PartialDate.parse("2021-01-01"), action="delist", id=""
    )
    with pytest.raises(StoreError, match="simulated"):
        ingest_batch(store, small_batch((later,)), extra=explode)
    assert store.reader().content_hash() == before
    assert store.reader().count_claims() == 1
    [timeline] = store.reader().timelines(["org-x"])
    assert [i.state for i in timeline.intervals] == ["not_listed", "listed"]


def test_names_resolve_in_any_script_with_clear_errors(registry: Store) -> None:
    reader = registry.reader()
    assert reader.resolve_entity("Талибан").id == "taliban"
    assert reader.resolve_entity("طالبان").id == "taliban"
    assert reader.resolve_entity("TALEBAN").id == "taliban"
    assert reader.resolve_entity("ttp").id == "ttp"
    # A canonical name another entity holds as an alias names neither: both are offered, by id.
    with pytest.raises(AmbiguousError) as caught:
        reader.resolve_entity("The Base")
    assert caught.value.candidates == ["al-qaeda", "the-base"]
    assert reader.resolve_entity("the-base").id == "the-base"
    with pytest.raises(NotFoundError, match="did you mean: taliban"):
        reader.resolve_entity("talib")


def test_a_misspelt_name_finds_the_names_closest_in_spelling_marked_as_similar(registry: Store) -> None:
    """A typo must not end an analyst's search: "Talibn" finds nothing by substring, so the
    names nearest in spelling are offered, and marked so no surface reports them as a hit."""
    reader = registry.reader()
    assert reader.search_names("Talibn") == [
        {"entity_id": "taliban", "name": "Taliban", "matched_name": "Taliban", "match": "similar"}
    ]
    assert [(r["entity_id"], r["match"]) for r in reader.search_names("Hezbolah")] == [
        ("hezbollah", "similar")
    ]
    # A substring hit is never diluted with spelling guesses.
    assert {r["match"] for r in reader.search_names("taliban")} == {"name"}
    # Nothing close enough: nothing at all, not the least bad guess.
    assert reader.search_names("Acme Trading LLC") == []
    with pytest.raises(
        NotFoundError, match=r"unknown entity 'Hizbolah'; did you mean: hezbollah \(Hezbollah\)\?"
    ):
        reader.resolve_entity("Hizbolah")


def test_an_unknown_reference_is_echoed_short_and_hints_name_their_entities(registry: Store) -> None:
    """A 20,000-character query is not sent back whole; an offered id comes with its name."""
    reader = registry.reader()
    with pytest.raises(NotFoundError) as caught:
        reader.resolve_entity("a" * 20_000)
    assert str(caught.value) == f"unknown entity {'a' * 120!r}... (20,000 characters)"
    with pytest.raises(NotFoundError, match=r"did you mean: taliban \(Taliban\)"):
        reader.resolve_entity("talib")


def test_ambiguous_aliases_list_the_candidates(store: Store) -> None:
    batch = small_batch()
    twin = Entity(id="org-y", name="Other Front", names=(Name("Фронт Примера"),))
    ingest_batch(store, dataclasses.replace(batch, entities=(*batch.entities, twin)))
    with pytest.raises(AmbiguousError) as caught:
        store.reader().resolve_entity("фронт примера")
    assert caught.value.candidates == ["org-x", "org-y"]


def test_uninitialised_database_says_how_to_fix_it(db_url: str) -> None:
    with pytest.raises(StoreError, match="run `proscribe init`"):
        open_store(db_url).require_initialised()


def test_sqlite_runs_in_wal_mode(sqlite_registry: Store) -> None:
    with sqlite_registry.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_bulk_inserts_write_dates_in_the_text_form_of_core_inserts(sqlite_registry: Store) -> None:
    # Claims go through the bulk path, sources and snapshots through SQLAlchemy Core: one text form
    # per type, so stored values compare and sort alike whichever path wrote them.
    ingest_batch(sqlite_registry, small_batch())
    with sqlite_registry.engine.connect() as conn:
        stamp, day = conn.execute(
            text("SELECT ingested_at, date_earliest FROM claims WHERE record_key = 'a#1'")
        ).one()
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}", stamp), stamp
    assert day == "2020-05-01"


def test_changes_page_newest_first_through_the_same_order_backwards(registry: Store) -> None:
    """ "What changed lately" reads the newest change first, and its pages walk the whole history
    backwards: together they are the oldest-first answer reversed, on either backend."""
    from datetime import date

    from proscribe import query

    reader = registry.reader()
    forwards = query.changes(reader, date(1900, 1, 1), limit=1000)
    assert forwards["order"] == "oldest" and forwards["next_cursor"] is None
    backwards: list[str] = []
    cursor: str | None = None
    pages = 0
    while True:
        page = query.changes(reader, date(1900, 1, 1), limit=7, cursor=cursor, order="newest")
        assert page["order"] == "newest" and len(page["changes"]) <= 7
        backwards += [c["id"] for c in page["changes"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    everything = [c["id"] for c in forwards["changes"]]
    assert len(everything) > 14 and pages == -(-len(everything) // 7)
    assert backwards == everything[::-1]
    latest = query.changes(reader, date(2024, 1, 1), jurisdictions=["RU"], limit=2, order="newest")
    # Checked by hand in the bundled facts: the suspension of 17 April 2025 is Russia's latest change.
    newest = latest["changes"][0]
    assert (newest["date"], newest["entity_id"], newest["action"]) == (
        "2025-04-17",
        "taliban",
        "suspend",
    )


def test_search_ranks_the_name_asked_for_above_names_that_merely_contain_it(store: Store) -> None:
    """An acronym is what analysts type: "MIC" must find the company called MIC even when
    hundreds of names contain the letters ("Islamic ..."), and "Hamas" must rank a name with the
    word Hamas above "Bahamas"."""
    crowd = tuple(Entity(id=f"front-{i:03}", name=f"Islamic Front {i:03}") for i in range(60))
    wanted = (
        Entity(id="bahamas-co", name="Bahamas Shipping Co"),
        Entity(id="hamas-tv", name="Al-Aqsa TV", names=(Name("Hamas TV"),)),
        Entity(id="hamas", name="Hamas"),
        Entity(id="moallem", name="Moallem Insurance Co", names=(Name("MIC"),)),
        Entity(id="micro", name="Micro Tools", names=(Name("MIC Tools"),)),
    )
    batch = small_batch()
    ingest_batch(store, dataclasses.replace(batch, entities=(*batch.entities, *crowd, *wanted)))
    reader = store.reader()
    found = [(r["entity_id"], r["matched_name"]) for r in reader.search_names("mic", limit=3)]
    assert found == [("moallem", "MIC"), ("micro", "MIC Tools"), ("front-000", "Islamic Front 000")]
    assert [r["entity_id"] for r in reader.search_names("HAMAS", limit=3)] == [
        "hamas",
        "hamas-tv",
        "bahamas-co",
    ]
    # An entity id is found as such, by its canonical name rather than any alias.
    assert reader.search_names("moallem", limit=1) == [
        {
            "entity_id": "moallem",
            "name": "Moallem Insurance Co",
            "matched_name": "Moallem Insurance Co",
            "match": "name",
        }
    ]


def test_one_days_changes_read_by_jurisdiction_list_and_name_in_both_directions(store: Store) -> None:
    """A day with many changes (an OFAC action adds hundreds) is read as a list an analyst can scan:
    by jurisdiction, then list, then entity name as filed (case-folded, leading quotes dropped),
    whatever the events' hashed ids; pages of any size and either direction keep that order."""
    from datetime import date

    from proscribe import query

    source = Source(
        id=source_id("news", "https://example.org/day"), kind="news", uri="https://example.org/day"
    )
    placed = [  # (entity id, name, jurisdiction, list): not in the order expected
        ("e1", "zeta Brigade", "RU", "ru-terrorist"),
        ("e2", "'Alpha Front", "RU", "ru-terrorist"),
        ("e3", "Mu Group", "KZ", "kz-terrorist"),
        ("e4", "beta Union", "RU", "ru-terrorist"),
        ("e5", "Omega Cell", "GB", "gb-proscribed"),
        ("e6", "Delta Front", "KZ", "kz-terrorist"),
    ]
    entities = tuple(Entity(id=i, name=n) for i, n, _, _ in placed)
    claims = tuple(
        Claim(
            kind="event",
            entity_id=i,
            jurisdiction=j,
            list_id=lst,
            date=PartialDate.parse("2021-03-04"),
            source_id=source.id,
            record_key=f"day#{i}",
            action="list",
            tier=3,
        )
        for i, _, j, lst in placed
    )
    ingest_batch(store, ClaimBatch((source,), entities, claims))
    reader = store.reader()
    expected = ["e5", "e6", "e3", "e2", "e4", "e1"]  # GB; KZ: Delta, Mu; RU: Alpha, beta, zeta

    def walk(limit: int, order: str) -> list[str]:
        seen: list[str] = []
        cursor: str | None = None
        while True:
            page = query.changes(reader, date(2021, 1, 1), limit=limit, cursor=cursor, order=order)
            seen += [c["entity_id"] for c in page["changes"]]
            cursor = page["next_cursor"]
            if cursor is None:
                return seen

    for limit in (1, 2, 4, 100):
        assert walk(limit, order="oldest") == expected
        assert walk(limit, order="newest") == expected[::-1]
    with pytest.raises(InputError, match="malformed cursor"):
        query.changes(reader, date(2021, 1, 1), cursor="2021-03-04~evt-123")
