"""Runs keep their names (so amendments say what changed) and details; older runs gain them at the next
snapshot."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ingest_helpers import FIXTURES, fresh_store
from sqlalchemy import select, update

from proscribe.ingest.lists import ingest_list
from proscribe.store import Store, schema

JAN1, JAN15 = (FIXTURES / "un" / f"un_2020-01-{day}.xml" for day in ("01", "15"))
JAN15_DAY = date(2020, 1, 15)


def _amend_notes(store: Store) -> list[str | None]:
    c = schema.claims
    with store.engine.connect() as conn:
        return list(
            conn.execute(select(c.c.note).where(c.c.action == "amend", c.c.record_key == "QDe.900")).scalars()
        )


def _names_by_key(store: Store) -> dict[str, str | None]:
    s = schema.record_spans
    with store.engine.connect() as conn:
        return dict(conn.execute(select(s.c.record_key, s.c.names).where(s.c.last_date == JAN15_DAY)).all())


def test_an_amendment_names_the_alias_the_list_added(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    ingest_list(store, "un-sc-consolidated", [JAN1])
    ingest_list(store, "un-sc-consolidated", [JAN15])
    # The 01-15 fixture adds one a.k.a. to QDe.900 (and reflows another, which reads the same).
    assert _amend_notes(store) == ['names added: "Example Liberation Assembly" (alias)']


def _second_snapshot_over_runs_without(tmp_path: Path, column: str) -> Store:
    """JAN15 imported over JAN1's runs stored with `column` empty, as migrations add it; every
    record is read again, none skipped as unchanged."""
    store = fresh_store(tmp_path)
    ingest_list(store, "un-sc-consolidated", [JAN1])
    with store.begin() as conn:
        conn.execute(update(schema.record_spans).values({column: None}))
    report = ingest_list(store, "un-sc-consolidated", [JAN15])
    assert "unchanged since the last snapshot" not in report.links
    return store


def test_runs_stored_without_names_are_read_again_and_gain_them(tmp_path: Path) -> None:
    # A store from before runs kept names (migration 0003 adds the column empty).
    store = _second_snapshot_over_runs_without(tmp_path, "names")
    # Every run now has its names.
    names = _names_by_key(store)
    assert sorted(names) == ["NAe.001", "QDe.900", "QDi.901"]
    assert all(value is not None for value in names.values())
    assert '"Example Liberation Assembly"' in (names["QDe.900"] or "")
    # The amendment is still found; what it changed cannot be said without the earlier names.
    assert _amend_notes(store) == [None]


def test_runs_stored_without_details_are_read_again_and_gain_them(tmp_path: Path) -> None:
    # A store from before runs kept what records state beyond names (migration 0014 adds it empty).
    store = _second_snapshot_over_runs_without(tmp_path, "details")
    s = schema.record_spans
    with store.engine.connect() as conn:
        query = select(s.c.record_key, s.c.details).where(s.c.last_date == JAN15_DAY)
        details = dict(conn.execute(query).all())
    assert sorted(details) == ["NAe.001", "QDe.900", "QDi.901"]
    assert details["QDi.901"] == '[["identifier", "un:QDi.901"]]'
