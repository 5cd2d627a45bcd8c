"""Changes asked by the day a held source first reported them, not the day they took effect.

A delisting inferred between two snapshots is first reported by the later one; a listing the file
dates years back is first reported by the first snapshot that carries it. Backfilling an older
snapshot moves the day earlier (it is the earliest source's publication day, as `--as-of` counts
claims), never to the day of the import. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import event, text

from proscribe import query
from proscribe.cli import main
from proscribe.errors import InputError
from proscribe.ingest.core import init_registry
from proscribe.ingest.lists import ingest_list
from proscribe.store import Store, open_store
from proscribe.store.verify import verify_store

UN = Path(__file__).resolve().parents[1] / "fixtures" / "lists" / "un"
SERIES = ["2020-01-01", "2020-01-15", "2020-02-01", "2020-03-01"]

# (entity, list, action, date, first reported), checked by hand against the four fixture files:
# QDi.901, TAi.902, QDe.900 and NAe.001 are in the 2020-01-01 file; TAi.902 is missing from the
# 2020-01-15 one (and QDe.900 lost an alias there), back on 2020-02-01, where QDi.901 is gone and
# QDi.903 (listed 2020-01-20) first appears; 2020-03-01 drops NAe.001 and adds the undated QDe.904.
# TAi.902's file date (2001-01-25) is before un-1988 opened: it was on un-1267 until un-1988 took
# its entries over on 2011-06-17, all three stated by the 2020-01-01 file.
FIXTURE_CHANGES = [
    ("un-tai-902", "un-1267", "list", "2001-01-25", "2020-01-01"),
    ("un-tai-902", "un-1267", "delist", "2011-06-17", "2020-01-01"),
    ("un-tai-902", "un-1988", "list", "2011-06-17", "2020-01-01"),
    ("un-qdi-901", "un-1267", "list", "2013-07-24", "2020-01-01"),
    ("un-qde-900", "un-1267", "list", "2014-05-14", "2020-01-01"),
    ("un-qde-900", "un-1267", "amend", "2020-01-02/2020-01-15", "2020-01-15"),
    ("un-tai-902", "un-1988", "delist", "2020-01-02/2020-01-15", "2020-01-15"),
    ("un-qdi-903", "un-1267", "list", "2020-01-20", "2020-02-01"),
    ("un-qdi-901", "un-1267", "delist", "2020-01-16/2020-02-01", "2020-02-01"),
    ("un-tai-902", "un-1988", "relist", "2020-01-16/2020-02-01", "2020-02-01"),
    ("un-qde-904", "un-1267", "list", "2020-02-02/2020-03-01", "2020-03-01"),
    ("un-nae-001", "un-consolidated", "delist", "2020-02-02/2020-03-01", "2020-03-01"),
]


def _fixture_changes(store: Store, **window: date) -> list[tuple[str, ...]]:
    page = query.changes(store.reader(), window.pop("since", None), jurisdictions=("UN",), **window)
    return [
        (c["entity_id"], c["list"], c["action"], c["date"], c["first_reported"])
        for c in page["changes"]
        if c["entity_id"].startswith("un-")
    ]


def _imported(db_url: str, days: list[str]) -> Store:
    store = open_store(db_url)
    init_registry(store)
    for day in days:
        ingest_list(store, "un-sc-consolidated", [UN / f"un_{day}.xml"])
    return store


@pytest.mark.parametrize("order", ["in date order", "latest first"])
def test_each_change_is_first_reported_by_the_earliest_snapshot_that_shows_it(
    db_url: str, order: str
) -> None:
    days = SERIES if order == "in date order" else SERIES[::-1]
    store = _imported(db_url, days)
    try:
        assert _fixture_changes(store, since=date(1990, 1, 1)) == FIXTURE_CHANGES
        # What the registry learned from the 2020-02-01 file, whatever day each change took effect.
        learned = _fixture_changes(store, reported_since=date(2020, 1, 16), reported_until=date(2020, 2, 1))
        assert learned == [row for row in FIXTURE_CHANGES if row[4] == "2020-02-01"]
        # Both windows at once: in effect (or possibly so) by 2020-01-31, and reported after 2020-01-15:
        # the two changes dated only to the weeks between 2020-01-15 and 2020-02-01 count.
        both = _fixture_changes(
            store, since=date(2020, 1, 1), until=date(2020, 1, 31), reported_since=date(2020, 1, 16)
        )
        assert both == FIXTURE_CHANGES[7:10]
        assert verify_store(store, repair=False).drift == []
    finally:
        store.dispose()


def test_a_backfilled_snapshot_moves_the_first_report_earlier(db_url: str) -> None:
    store = _imported(db_url, ["2020-02-01", "2020-03-01"])
    try:
        before = {(r[0], r[2], r[3]): r[4] for r in _fixture_changes(store, since=date(1990, 1, 1))}
        assert before[("un-qde-900", "list", "2014-05-14")] == "2020-02-01"
        ingest_list(store, "un-sc-consolidated", [UN / "un_2020-01-01.xml"])
        after = {(r[0], r[2], r[3]): r[4] for r in _fixture_changes(store, since=date(1990, 1, 1))}
        assert after[("un-qde-900", "list", "2014-05-14")] == "2020-01-01"
        assert after[("un-qde-904", "list", "2020-02-02/2020-03-01")] == "2020-03-01"
    finally:
        store.dispose()


def test_a_store_from_before_first_reported_is_filled_in_by_init(db_url: str) -> None:
    """Resolver rules 16 record the day: `init` re-derives a store whose events lack it."""
    store = _imported(db_url, SERIES[:2])
    try:
        with store.engine.begin() as conn:
            conn.execute(text("UPDATE events SET first_reported = NULL"))
            conn.execute(text("UPDATE meta SET value = '15' WHERE key = 'resolver_rules'"))
        report = init_registry(store)
        assert report.rederived > 0
        assert _fixture_changes(store, reported_since=date(2020, 1, 2)) == [
            FIXTURE_CHANGES[5],
            FIXTURE_CHANGES[6],
        ]
    finally:
        store.dispose()


def test_a_window_needs_a_start_and_the_right_way_round(registry: Store) -> None:
    reader = registry.reader()
    with pytest.raises(InputError, match=r"give --since .* or --reported-since"):
        query.changes(reader, None)
    with pytest.raises(InputError, match="--reported-until 2024-01-01 is before --reported-since 2024-02-01"):
        query.changes(reader, None, reported_since=date(2024, 2, 1), reported_until=date(2024, 1, 1))


def test_cli_asks_by_the_day_reported(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    _imported(db, SERIES).dispose()
    runner = CliRunner()
    result = runner.invoke(
        main,
        ["--db", db, "changes", "--reported-since", "2020-02-02", "--in", "UN", "--format", "csv"],
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert list(rows[0])[-2:] == ["first_reported", "notes"]
    # The last file's two changes, then the bundled dataset's UN changes dated (so first reported) later.
    assert [(r["entity_id"], r["action"], r["first_reported"]) for r in rows] == [
        ("un-qde-904", "list", "2020-03-01"),
        ("un-nae-001", "delist", "2020-03-01"),
        ("houthis", "list", "2022-02-28"),
        ("hts", "delist", "2025-11-06"),
    ]
    missing = runner.invoke(main, ["--db", db, "changes", "--in", "UN"])
    assert missing.exit_code != 0 and "give --since" in missing.output


# Every UN change after the four fixture files, latest first reported first, checked by hand: the
# fixture's old listings (2001, 2013, 2014; TAi.902's 2001 one on un-1267, moved to un-1988 on
# 2011-06-17 when that list opened) read as news of 2020-01-01, ahead of the bundled
# dataset's 2018 amendment; ties of one day read as the effect order backwards (latest day, then
# list and name, descending). By the day of effect they would sit among the bundled 2001-2014 rows.
# A change whose first source is undated is first reported as precisely as that source dates it
# (2018-06, 1999), not on a first day of the month or year no source gave.
REPORTED_ORDER = [
    ("hts", "delist", "2025-11-06"),
    ("houthis", "list", "2022-02-28"),
    ("un-nae-001", "delist", "2020-03-01"),
    ("un-qde-904", "list", "2020-03-01"),
    ("un-tai-902", "relist", "2020-02-01"),
    ("un-qdi-901", "delist", "2020-02-01"),
    ("un-qdi-903", "list", "2020-02-01"),
    ("un-tai-902", "delist", "2020-01-15"),
    ("un-qde-900", "amend", "2020-01-15"),
    ("un-qde-900", "list", "2020-01-01"),
    ("un-qdi-901", "list", "2020-01-01"),
    ("un-tai-902", "list", "2020-01-01"),  # un-1988, 2011-06-17
    ("un-tai-902", "delist", "2020-01-01"),  # un-1267, 2011-06-17
    ("un-tai-902", "list", "2020-01-01"),  # un-1267, 2001-01-25
    ("hts", "amend", "2018-06"),
    ("isil", "amend", "2015-12-17"),
    ("boko-haram", "list", "2014-05-22"),
    ("caucasus-emirate", "list", "2011-07"),
    ("ttp", "list", "2011-07"),
    ("taliban", "list", "2011-06-17"),
    ("taliban", "delist", "2011-06-17"),
    ("al-shabaab", "list", "2010-04-12"),
    ("jamaat-ud-dawa", "list", "2008-12"),
    ("etim", "list", "2002-09"),
    ("al-qaeda", "list", "2000"),
    ("taliban", "list", "1999"),
]


def test_the_latest_reported_order_pages_by_the_day_first_reported(db_url: str) -> None:
    store = _imported(db_url, SERIES)
    try:
        reader = store.reader()
        for limit in (1, 2, 5, 100):
            seen: list[tuple[str, str, str]] = []
            cursor: str | None = None
            while True:
                page = query.changes(
                    reader,
                    None,
                    jurisdictions=("UN",),
                    limit=limit,
                    cursor=cursor,
                    order="reported",
                    reported_since=date(1900, 1, 1),
                )
                assert page["order"] == "reported"
                seen += [(c["entity_id"], c["action"], c["first_reported"]) for c in page["changes"]]
                cursor = page["next_cursor"]
                if cursor is None:
                    break
            assert seen == REPORTED_ORDER, limit
        # The order by effect differs: the fixture's 2014 listing follows the bundled 2014-05-22 one.
        newest = query.changes(reader, date(1900, 1, 1), jurisdictions=("UN",), order="newest")
        by_effect = [(c["entity_id"], c["action"]) for c in newest["changes"]]
        assert by_effect.index(("un-qde-900", "list")) == by_effect.index(("boko-haram", "list")) + 1
        # A cursor keeps to its order.
        first = query.changes(
            reader, None, jurisdictions=("UN",), limit=1, order="reported", reported_since=date(1900, 1, 1)
        )
        with pytest.raises(InputError, match="this cursor pages reported first"):
            query.changes(reader, date(1900, 1, 1), cursor=first["next_cursor"], order="newest")
        with pytest.raises(InputError, match="unknown order 'latest'"):
            query.changes(reader, date(1900, 1, 1), order="latest")
    finally:
        store.dispose()


def test_cli_orders_by_report_and_refuses_two_orders(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    _imported(db, SERIES).dispose()
    runner = CliRunner()
    asked = ["--db", db, "changes", "--since", "2000-01-01", "--in", "UN", "--format", "csv"]
    result = runner.invoke(main, [*asked, "--order", "reported", "--limit", "4"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["entity_id"], r["action"], r["first_reported"]) for r in rows] == [
        ("hts", "delist", "2025-11-06"),
        ("houthis", "list", "2022-02-28"),
        ("un-nae-001", "delist", "2020-03-01"),
        ("un-qde-904", "list", "2020-03-01"),
    ]
    assert "more follow" in result.stderr
    both = runner.invoke(main, [*asked, "--order", "reported", "--newest-first"])
    assert both.exit_code == 2 and "contradicts --order reported" in both.output
    same = runner.invoke(main, [*asked, "--newest-first", "--limit", "1"])
    assert same.exit_code == 0 and "hts,Hay'at Tahrir al-Sham,delist" in same.stdout


def _plan_of_page(store: Store, order: str, cursor: str | None) -> str:
    """The plan the database chose for the page `changes` reads in `order`, one step a line."""
    statements: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        if "FROM events" in statement:
            statements.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        query.changes(store.reader(), date(1900, 1, 1), limit=3, cursor=cursor, order=order)
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    [(statement, parameters)] = statements
    with store.engine.connect() as conn:
        if store.dialect == "sqlite":
            steps = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
            return "\n".join(str(step[-1]) for step in steps)
        # A few dozen rows would be read whole by any plan: ask which the planner can use at all.
        conn.exec_driver_sql("SET enable_seqscan = off")
        conn.exec_driver_sql("SET enable_sort = off")
        return "\n".join(str(step[0]) for step in conn.exec_driver_sql("EXPLAIN " + statement, parameters))


@pytest.mark.parametrize(
    ("order", "index"), [("reported", "ix_events_report_order"), ("newest", "ix_events_order")]
)
def test_a_page_of_changes_reads_its_own_index_and_sorts_nothing(db_url: str, order: str, index: str) -> None:
    """Each order has an index the planner can walk, so a page costs its own rows, not the store's
    (on 7,953 events, a page read by report took 11.6 ms sorted and 1.3 ms by the index). The
    reported order's key is an expression: spelled differently from migration 0016, it would sort."""
    store = _imported(db_url, SERIES)
    try:
        first = _plan_of_page(store, order, None)
        second_page = query.changes(store.reader(), date(1900, 1, 1), limit=3, order=order)["next_cursor"]
        later = _plan_of_page(store, order, second_page)
        for plan in (first, later):
            assert index in plan, plan
            assert "TEMP B-TREE" not in plan and "Sort" not in plan, plan
        if store.dialect == "sqlite":
            # A later page seeks to its cursor rather than scanning past the pages before it.
            assert f"SEARCH events USING INDEX {index}" in later, later
    finally:
        store.dispose()
