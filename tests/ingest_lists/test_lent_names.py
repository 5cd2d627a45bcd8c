"""Identity rule 5 the other way round: names an older snapshot gives link what they would have in date order.

Canada's list of April 2020 names the bank "Gazprombank OAO". OFAC's non-SDN list of April 2018
names its entry 17016 GAZPROMBANK OAO; the December 2025 list names the same entry GAZPROMBANK JOINT
STOCK COMPANY, without the old name. In date order Canada's record joins OFAC's entry by that name.
Imported newest first, Canada's record matches nothing and is minted an entity of its own; the 2018
list, imported last, gives OFAC's entry its old name back. Canada's record, first shown after
2018, is then linked as it would have been in date order: by a merge, which the import reports and
withdrawing the 2018 snapshot takes back.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ingest_helpers import fresh_store, shared
from sqlalchemy import select

from proscribe.ingest.lists import ingest_list
from proscribe.ingest.withdrawals import withdraw_snapshot
from proscribe.store import Store, schema

CANADA = ("ca-sema", lambda: [shared("ca-sema", "sema-lmes_2020-04.xml")], date(2020, 4, 15))
OFAC_2018 = (
    "us-ofac-non-sdn-legacy",
    lambda: sorted(shared("us-ofac-non-sdn-legacy", "2018-04").glob("cons_*.csv")),
    date(2018, 4, 6),
)
OFAC_2025 = (
    "us-ofac-non-sdn-csv",
    lambda: sorted(shared("us-ofac-non-sdn-csv", "2025-12").glob("*.csv")),
    date(2025, 12, 1),
)


def _import(store: Store, step: tuple[str, object, date]) -> list[str]:
    source, files, day = step
    return ingest_list(store, source, files(), day).warnings  # type: ignore[operator]


def _entity_of(store: Store, source: str, key: str) -> str:
    spans = schema.record_spans
    with store.engine.connect() as conn:
        (entity_id,) = set(
            conn.execute(
                select(spans.c.entity_id).where(spans.c.source_name == source, spans.c.record_key == key)
            ).scalars()
        )
    return store.reader().merged_into().get(entity_id, entity_id)


# Checked by hand: Canada's "Gazprombank OAO", "OJSC Gazprom Neft" and "Ruselectronics, JSC" are
# names OFAC's 2018 entries 17016, 17143 and 18770 give (GAZPROMBANK OAO, OJSC GAZPROM NEFT,
# RUSELECTRONICS JSC) and its 2025 entries no longer do.
CANADA_RECORDS = {"RU-2-1": "ofac-17016", "RU-3-4": "ofac-17143", "RU-1, Part 2-54": "ofac-18770"}


def test_an_older_snapshot_s_names_link_a_later_record_of_another_list_as_in_date_order(
    tmp_path: Path,
) -> None:
    (tmp_path / "in-order").mkdir()
    in_order = fresh_store(tmp_path / "in-order")
    for step in (OFAC_2018, CANADA, OFAC_2025):
        assert not [line for line in _import(in_order, step) if "merged into" in line]
    assert {key: _entity_of(in_order, "ca-sema", key) for key in CANADA_RECORDS} == CANADA_RECORDS

    (tmp_path / "newest-first").mkdir()
    store = fresh_store(tmp_path / "newest-first")
    _import(store, OFAC_2025)
    _import(store, CANADA)
    assert store.reader().merged_into() == {}
    warnings = _import(store, OFAC_2018)
    assert {key: _entity_of(store, "ca-sema", key) for key in CANADA_RECORDS} == CANADA_RECORDS
    assert store.reader().merged_into() == {
        "ca-sema-ru-1-part-2-54": "ofac-18770",
        "ca-sema-ru-2-1": "ofac-17016",
        "ca-sema-ru-3-4": "ofac-17143",
    }
    merges = [line.split(": ", 1)[1] for line in warnings if "merged into" in line]
    assert len(merges) == 3
    (merge,) = [line for line in merges if line.startswith("record RU-2-1 ")]
    assert merge.startswith(
        "record RU-2-1 of ca-sema: the names this snapshot gives ofac-17016 link it there, so "
        "ca-sema-ru-2-1, minted for it before, is merged into ofac-17016 (judgement jdg-"
    )
    (judgement,) = [j for j in store.reader().judgements() if j["entity_id"] == "ca-sema-ru-2-1"]
    assert "older than the record, gives it: in date order it would have linked there" in judgement["reason"]
    # Withdrawing the 2018 snapshot takes the merges back with it.
    (snapshot,) = store.reader().snapshots_of("us-ofac-non-sdn-legacy")
    report = withdraw_snapshot(store, snapshot["id"], "checking the merges go with it")
    assert len(report.merges_undone) == 3
    assert store.reader().merged_into() == {}


def test_names_given_in_date_order_merge_nothing(tmp_path: Path) -> None:
    # Canada's record came after the 2018 list: it linked by the names then held, and the 2025
    # list, imported later, gives names to entities whose records all came before it.
    store = fresh_store(tmp_path)
    for step in (OFAC_2018, CANADA, OFAC_2025):
        _import(store, step)
    assert store.reader().merged_into() == {}
