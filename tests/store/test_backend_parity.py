"""Real-list values both backends must store and answer alike (PostgreSQL: PROSCRIBE_TEST_PG_URL).

Each test pins a difference found by building the same registry from ../shared's lists on SQLite
and on PostgreSQL and comparing every answer. The PostgreSQL database is set up as a team's
server may well be: an ICU `en-US` collation (which orders text unlike SQLite's code points) and
a session time zone other than UTC.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from proscribe.ingest.core import ingest_batch, init_registry
from proscribe.ingest.lists import Retrieval, ingest_list
from proscribe.model import Claim, ClaimBatch, Entity, Name, PartialDate, Source, source_id
from proscribe.query import changes, matrix, search
from proscribe.query.identity import judgement_list
from proscribe.query.official import snapshots_held
from proscribe.store import Store, open_store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lists"
PG_URL = os.environ.get("PROSCRIBE_TEST_PG_URL")


def _team_database() -> Iterator[str]:
    """A fresh PostgreSQL database collated by ICU en-US, its sessions in New York time; dropped after."""
    assert PG_URL is not None
    name = f"proscribe_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(
        PG_URL.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as conn:
        try:
            conn.execute(
                text(
                    f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' "
                    "LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'"
                )
            )
        except Exception as exc:  # a server built without ICU: the plain fresh database will do
            pytest.skip(f"PostgreSQL cannot create an ICU-collated database here: {exc}")
        conn.execute(text(f"ALTER DATABASE \"{name}\" SET timezone TO 'America/New_York'"))
    base, _, _ = PG_URL.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def team(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """The bundled dataset, on SQLite and on a PostgreSQL database set up as a team's may be."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'proscribe.db'}"
        store = open_store(url)
        init_registry(store)
        yield store
        store.dispose()
        return
    if not PG_URL:
        pytest.skip("PostgreSQL not configured: set PROSCRIBE_TEST_PG_URL (.ci/run does)")
    for url in _team_database():
        store = open_store(url)
        init_registry(store)
        yield store
        store.dispose()


def test_a_country_spelled_out_in_full_is_stored_whole(registry: Store, tmp_path: Path) -> None:
    """OFAC's add.csv names countries in full (`Congo, Democratic Republic of the`): a VARCHAR(8)
    column, which SQLite never enforces, made PostgreSQL refuse the whole 2019-01 set."""
    folder = tmp_path / "ofac"
    shutil.copytree(FIXTURES / "ofac-2020-01", folder)
    (folder / "add.csv").write_text(
        '10,1,"1 Main St","Kinshasa","Congo, Democratic Republic of the",-0- \n'
        '11,2,-0- ,"Abu Dhabi","United Arab Emirates",-0- \n',
        encoding="utf-8",
    )
    files = [folder / name for name in ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv")]
    report = ingest_list(registry, "us-ofac-sdn-csv", files, date(2020, 1, 15))
    assert report.new_claims > 0
    reader = registry.reader()
    assert reader.entity("ofac-10").country == "Congo, Democratic Republic of the"
    assert reader.entity("ofac-11").country == "United Arab Emirates"


def test_timestamps_read_back_in_utc_whatever_the_servers_time_zone(team: Store) -> None:
    """A PostgreSQL session in New York read the dataset's judgements as decided at
    `2026-11-21T19:00:00-05:00` (SQLite: `2026-11-22T00:00:00`), the day before once cut to a date."""
    decided = {j["decided_at"] for j in judgement_list(team.reader())["judgements"]}
    assert decided == {"2026-11-22T00:00:00+00:00"}
    # A download retrieved at 02:30 UTC, the evening before in New York: the same instant and day.
    fetched = datetime(2020, 1, 15, 2, 30, tzinfo=UTC)
    retrieval = Retrieval("https://example.org/consolidated.xml", fetched)
    ingest_list(team, "un-sc-consolidated", [FIXTURES / "un" / "un_2020-01-01.xml"], retrieval=retrieval)
    [held] = team.reader().snapshots_of("un-sc-consolidated")
    assert held["retrieved_at"] == fetched and held["retrieved_at"].tzinfo == UTC
    [answer] = snapshots_held(team.reader(), "un-sc-consolidated")["snapshots"]
    assert answer["retrieved_at"] == "2020-01-15T02:30:00+00:00"


def _listed(entities: tuple[Entity, ...], day: str = "2018-02-01") -> ClaimBatch:
    """The entities, each listed by Russia on one day, on a news source's word."""
    source = Source(
        id=source_id("news", "https://example.org/parity"), kind="news", uri="https://example.org/parity"
    )
    claims = tuple(
        Claim(
            kind="event",
            entity_id=entity.id,
            jurisdiction="RU",
            list_id="ru-terrorist",
            date=PartialDate.parse(day),
            source_id=source.id,
            record_key=f"parity#{entity.id}",
            action="list",
            tier=3,
        )
        for entity in entities
    )
    return ClaimBatch((source,), entities, claims)


def test_one_days_changes_read_in_the_same_order(team: Store) -> None:
    """UN 2018-02-01: SQLite filed `GUIDON SHIMIRAY MWISSA` before `GÉDÉON KYUNGU ...` (code points:
    u < é); an ICU en-US collation put them the other way round, and cursors paged by it."""
    ingest_batch(
        team,
        _listed(
            (
                Entity(id="parity-gedeon", name="GÉDÉON KYUNGU MUTANGA"),
                Entity(id="parity-guidon", name="GUIDON SHIMIRAY MWISSA"),
                Entity(id="parity-lucien", name="LUCIEN NZAMBAMWITA"),
            )
        ),
    )
    expected = ["GUIDON SHIMIRAY MWISSA", "GÉDÉON KYUNGU MUTANGA", "LUCIEN NZAMBAMWITA"]
    reader = team.reader()
    since = date(2018, 2, 1)
    answer = changes(reader, since, since, jurisdictions=["RU"], limit=10)
    assert [c["name"] for c in answer["changes"]] == expected
    newest = changes(reader, since, since, jurisdictions=["RU"], limit=10, order="newest")
    assert [c["name"] for c in newest["changes"]] == expected[::-1]
    paged, cursor = [], None
    for _ in expected:
        page = changes(reader, since, since, jurisdictions=["RU"], limit=1, cursor=cursor)
        paged += [c["name"] for c in page["changes"]]
        cursor = page["next_cursor"]
    assert paged == expected


def test_the_matrix_pages_in_code_point_order(team: Store) -> None:
    """Matrix pages go by entity id: code points put `parity-X` before `parity-a`, and `parity-a-1`
    before `parity-a_1`; ICU en-US puts both pairs the other way round, so a page's SQL would have
    skipped or repeated rows at its edge."""
    ids = ("parity-a", "parity-X", "parity-a-1", "parity-a_1", "parity-b")
    ingest_batch(team, _listed(tuple(Entity(id=i, name=f"Parity {n}") for n, i in enumerate(ids))))
    reader = team.reader()
    expected = sorted(ids)
    assert expected == ["parity-X", "parity-a", "parity-a-1", "parity-a_1", "parity-b"]
    whole = matrix(reader, ids, ["RU"])
    assert [row["entity_id"] for row in whole["rows"]] == expected
    paged, cursor = [], None
    for _ in expected:
        page = matrix(reader, ids, ["RU"], limit=1, cursor=cursor)
        paged += [row["entity_id"] for row in page["rows"]]
        cursor = page["next_cursor"]
    assert (paged, cursor) == (expected, None)


def test_an_entitys_names_and_the_spelling_a_search_shows_are_the_same(team: Store) -> None:
    """Names were read in whatever order the database returned them: SQLite's primary key gave
    `AL WATAN` before `Al Watan`, PostgreSQL the order they were written in."""
    spellings = ("Al Watan", "AL WATAN", "al-Watan", "Аль-Ватан", "Al Wațan")
    ingest_batch(
        team,
        _listed((Entity(id="parity-watan", name="Watan Front", names=tuple(Name(v) for v in spellings)),)),
    )
    reader = team.reader()
    assert [n.value for n in reader.entity("parity-watan").names] == sorted(spellings)
    [hit] = search(reader, "al watan")["results"]
    assert hit["matched_name"] == "AL WATAN"
