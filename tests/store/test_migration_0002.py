"""Migration 0002 on a database built at revision 0001 with old-style snapshot rows.

Runs on a SQLite file, and on PostgreSQL when PROSCRIBE_TEST_PG_URL is set.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, select, text

from proscribe.model import Conflict, Interval, PartialDate, Timeline
from proscribe.store import Store, open_store, schema
from proscribe.store.codec import timeline_to_json
from proscribe.store.engine import MIGRATIONS

SOURCE = "un-sc-consolidated"
URL = "https://scsanctions.un.org/resources/xml/en/consolidated.xml"
JAN, FEB = date(2020, 1, 1), date(2020, 2, 1)


def _upgrade(store: Store, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def _open_timeline() -> Timeline:
    """Listed since 2014-05-14 and still listed: the last interval is open-ended."""
    return Timeline(
        entity_id="ent-a",
        jurisdiction="UN",
        list_id="un-1267",
        intervals=(
            Interval(
                "not_listed", None, PartialDate.parse("2014-05-14"), None, date(2014, 5, 14), ("c-list",)
            ),
            Interval("listed", PartialDate.parse("2014-05-14"), None, date(2014, 5, 14), None, ("c-list",)),
        ),
        state_claim_ids=("c-state",),
    )


def _closed_timeline() -> Timeline:
    """Listed until 2020-01-20, with one conflict; the last interval ends."""
    return Timeline(
        entity_id="ent-b",
        jurisdiction="UN",
        list_id="un-1267",
        intervals=(
            Interval("listed", PartialDate.parse("2020-01-01"), None, JAN, date(2020, 1, 20), ("c-state-b",)),
        ),
        conflicts=(Conflict("snapshot", "made up for the test", ("c-state-b",), PartialDate.day(FEB)),),
    )


@pytest.fixture
def migrated(db_url: str) -> Iterator[Store]:
    """A database at 0001 holding old-style rows, then upgraded to head."""
    store = open_store(db_url)
    _upgrade(store, "0001")
    with store.engine.begin() as conn:
        # January was imported from disk (stored with the official URL all the same); February fetched.
        for snapshot_id, day, sha, retrieved in (
            ("snap-jan", "2020-01-01", "a" * 64, None),
            ("snap-feb", "2020-02-01", "b" * 64, datetime(2020, 2, 1, 23, 5, tzinfo=UTC)),
        ):
            conn.execute(
                text(
                    "INSERT INTO snapshots (id, source_name, list_id, snapshot_date, sha256, record_count, "
                    "url, retrieved_at) "
                    "VALUES (:id, :source, 'un-consolidated', :day, :sha, 0, :url, :retrieved)"
                ),
                {
                    "id": snapshot_id,
                    "source": SOURCE,
                    "day": day,
                    "sha": sha,
                    "url": URL,
                    "retrieved": retrieved,
                },
            )
        records = [
            ("snap-jan", "A", "ent-a", "fp-a"),
            ("snap-feb", "A", "ent-a", "fp-a"),
            ("snap-jan", "B", "ent-b", "fp-b"),
            ("snap-jan", "C", "ent-c", "fp-c1"),
            ("snap-feb", "C", "ent-c", "fp-c2"),
        ]
        conn.execute(
            text(
                "INSERT INTO snapshot_records (snapshot_id, record_key, entity_id, fingerprint) "
                "VALUES (:snapshot, :key, :entity, :fingerprint)"
            ),
            [{"snapshot": s, "key": k, "entity": e, "fingerprint": f} for s, k, e, f in records],
        )
        conn.execute(
            text("INSERT INTO timelines (entity_id, list_id, jurisdiction, data) VALUES (:e, :l, :j, :d)"),
            [
                {"e": t.entity_id, "l": t.list_id, "j": t.jurisdiction, "d": timeline_to_json(t)}
                for t in (_open_timeline(), _closed_timeline())
            ],
        )
        conn.execute(
            text("INSERT INTO entities (id, name, kind) VALUES (:id, :name, 'organisation')"),
            [{"id": "ent-a", "name": "'Alpha Front"}, {"id": "ent-b", "name": "beta Union"}],
        )
        conn.execute(
            text(
                "INSERT INTO events (id, entity_id, list_id, jurisdiction, action, date_earliest, "
                "date_latest, date_text, claim_ids, refuted) "
                "VALUES (:id, :entity, 'un-1267', 'UN', 'list', :day, :day, :text, :claims, :refuted)"
            ),
            [
                {
                    "id": f"evt-{e}",
                    "entity": e,
                    "day": day,
                    "text": day.isoformat(),
                    "claims": "c",
                    "refuted": False,
                }
                for e, day in (("ent-a", date(2014, 5, 14)), ("ent-b", JAN))
            ],
        )
    assert inspect(store.engine).has_table("snapshot_records")
    assert not inspect(store.engine).has_table("record_spans")
    _upgrade(store, "head")
    yield store
    store.dispose()


def test_snapshot_records_become_runs(migrated: Store) -> None:
    spans = schema.record_spans
    with migrated.engine.connect() as conn:
        rows = conn.execute(
            select(
                spans.c.record_key,
                spans.c.source_name,
                spans.c.first_id,
                spans.c.first_date,
                spans.c.last_id,
                spans.c.last_date,
                spans.c.entity_id,
                spans.c.fingerprint,
                spans.c.raw,
            ).order_by(spans.c.record_key, spans.c.first_date)
        ).all()
    assert [tuple(row) for row in rows] == [
        ("A", SOURCE, "snap-jan", JAN, "snap-feb", FEB, "ent-a", "fp-a", None),
        ("B", SOURCE, "snap-jan", JAN, "snap-jan", JAN, "ent-b", "fp-b", None),
        ("C", SOURCE, "snap-jan", JAN, "snap-jan", JAN, "ent-c", "fp-c1", None),
        ("C", SOURCE, "snap-feb", FEB, "snap-feb", FEB, "ent-c", "fp-c2", None),
    ]


def test_snapshot_records_table_is_gone_and_the_schema_matches_a_fresh_one(migrated: Store) -> None:
    found = inspect(migrated.engine)
    assert not found.has_table("snapshot_records")
    assert {index["name"] for index in found.get_indexes("record_spans")} == {
        "ix_record_spans_entity_id",
        "ix_record_spans_source_last",
    }
    assert set(found.get_table_names()) == {*schema.metadata.tables, "alembic_version"}
    with warnings.catch_warnings():
        # SQLite's reflection passes over expression indexes (ix_events_report_order, checked below).
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based index")
        indexes = {index["name"]: index["column_names"] for index in found.get_indexes("events")}
    assert indexes.keys() - {"ix_events_report_order"} == {
        "ix_events_entity_id",
        "ix_events_order",
        "ix_events_first_reported",
    }
    # Migration 0016: read by report, changes page through the index of their own order's key.
    definitions = _index_definitions(migrated, "events")
    assert definitions.keys() == {*indexes, "ix_events_report_order"}
    assert re.search(
        r"\(coalesce\(first_reported, '0001-01-01'(::date)?\), date_latest, jurisdiction, list_id, "
        r"sort_name, entity_id, action, id\)",
        definitions["ix_events_report_order"],
        re.IGNORECASE,
    ), definitions["ix_events_report_order"]
    # Migration 0015: changes are asked by the day first reported too.
    assert indexes["ix_events_first_reported"] == ["first_reported"]
    # Migration 0010: the order `changes` pages in has the entity and the action before the id.
    assert indexes["ix_events_order"] == [
        "date_latest",
        "jurisdiction",
        "list_id",
        "sort_name",
        "entity_id",
        "action",
        "id",
    ]
    for table in ("record_spans", "timelines", "snapshots", "events", "claims"):
        assert [c["name"] for c in found.get_columns(table)] == [
            c.name for c in schema.metadata.tables[table].columns
        ]


def _index_definitions(store: Store, table: str) -> dict[str, str]:
    """Each secondary index of `table` by name, with its definition as the database states it."""
    with store.engine.connect() as conn:
        if store.dialect == "sqlite":
            rows = conn.execute(
                text(
                    "SELECT name, sql FROM sqlite_master"
                    " WHERE type = 'index' AND tbl_name = :t AND sql IS NOT NULL"
                ),
                {"t": table},
            )
        else:
            rows = conn.execute(
                text("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = :t AND indexname <> :pk"),
                {"t": table, "pk": f"{table}_pkey"},
            )
        return {name: definition for name, definition in rows}


def test_timelines_get_their_summary_columns(migrated: Store) -> None:
    t = schema.timelines
    with migrated.engine.connect() as conn:
        rows = conn.execute(
            select(
                t.c.entity_id, t.c.list_id, t.c.conflicts, t.c.open_state, t.c.open_from, t.c.data
            ).order_by(t.c.entity_id)
        ).all()
    assert [tuple(row)[:5] for row in rows] == [
        ("ent-a", "un-1267", 0, "listed", date(2014, 5, 14)),
        ("ent-b", "un-1267", 1, None, None),
    ]
    assert [row.data for row in rows] == [
        timeline_to_json(_open_timeline()),
        timeline_to_json(_closed_timeline()),
    ]


def test_snapshots_stored_before_series_are_whole_list_snapshots_of_their_source(migrated: Store) -> None:
    """Migration 0005: every snapshot held before is compared with its source's others, as it was."""
    s = schema.snapshots
    with migrated.engine.connect() as conn:
        rows = conn.execute(
            select(s.c.id, s.c.series, s.c.scope, s.c.partial, s.c.unstated, s.c.url).order_by(
                s.c.snapshot_date
            )
        ).all()
    # The URL stays only where the snapshot was fetched from it.
    assert [tuple(row) for row in rows] == [
        ("snap-jan", SOURCE, None, False, None, None),
        ("snap-feb", SOURCE, None, False, None, URL),
    ]


def test_stored_events_are_filed_under_their_entitys_name(migrated: Store) -> None:
    """Migration 0006: events stored before it get the name they are ordered by within a day."""
    e = schema.events
    with migrated.engine.connect() as conn:
        rows = conn.execute(select(e.c.id, e.c.sort_name).order_by(e.c.id)).all()
    assert [tuple(row) for row in rows] == [("evt-ent-a", "alpha front"), ("evt-ent-b", "beta union")]


def test_the_stores_schema_revision_is_the_newest_migration() -> None:
    from alembic.script import ScriptDirectory

    from proscribe.store.engine import SCHEMA_REVISION

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == SCHEMA_REVISION


def test_a_database_written_by_an_older_proscribe_must_be_upgraded_before_use(db_url: str) -> None:
    """Reads on an older schema would fail on a missing column: the error says how to fix it, and
    `init` does, without losing what the database held."""
    from proscribe.errors import StoreError
    from proscribe.ingest.core import init_registry

    store = open_store(db_url)
    try:
        _upgrade(store, "0005")
        with pytest.raises(StoreError, match=r"schema revision 0005, older than .*run `proscribe init`"):
            store.require_initialised()
        init_registry(store)
        store.require_initialised()
        with store.engine.begin() as conn:
            conn.execute(text("UPDATE meta SET value = '4' WHERE key = 'resolver_rules'"))
        with pytest.raises(StoreError, match=r"resolver rules 4; .*run `proscribe init`"):
            store.require_initialised()
        report = init_registry(store)
        assert report.rederived > 0 and report.new_claims == 0
        store.require_initialised()
    finally:
        store.dispose()
