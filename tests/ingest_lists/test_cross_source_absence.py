"""A whole list leaving out an entry another source of the same numbering dates on it before.

The enhanced XML fixture (2024-05-24) dates entry 777 on the SDN list from 2019-03-01; the SDN CSV
fixture set, imported as the whole SDN list of 2020-01-15, does not show it. That whole list is
evidence 777 was not on the SDN list that day, whichever file comes first: one `not_listed` claim,
and a conflict on the timeline instead of a listing unbroken since 2019. The claim stands on the
enhanced XML's word: withdraw every snapshot stating the date and no read counts it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from ingest_helpers import FIXTURES, fresh_store, shared

from proscribe import query
from proscribe.errors import NotFoundError
from proscribe.ingest.lists import ingest_list
from proscribe.ingest.withdrawals import withdraw_snapshot
from proscribe.store import Store

CSV_SET = sorted((FIXTURES / "ofac-2020-01").glob("*.csv"))
ENHANCED = FIXTURES / "ofac-enhanced" / "enhanced.xml"


def _unlisted(store: Store) -> list[tuple[str, str, str, str, str]]:
    return sorted(
        (c.record_key, c.entity_id, c.list_id or "", c.date.iso(), c.source_id)
        for c in store.reader().claims()
        if c.state == "not_listed"
    )


def _import(store: Store, which: str, day: str = "2020-01-15") -> list[str]:
    if which == "csv":
        return ingest_list(store, "us-ofac-sdn-csv", CSV_SET, snapshot_date=date.fromisoformat(day)).warnings
    return ingest_list(store, "us-ofac-enhanced-xml", [ENHANCED]).warnings


@pytest.mark.parametrize("order", [("csv", "enhanced"), ("enhanced", "csv")])
def test_a_whole_list_leaving_out_a_dated_entry_is_a_conflict_in_either_order(
    tmp_path: Path, order: tuple[str, str]
) -> None:
    store = fresh_store(tmp_path)
    warnings = [w for which in order for w in _import(store, which) if "another source" in w]
    assert len(warnings) == 1
    # A set is named by its primary file, not the first of its files (add.csv).
    named = FIXTURES / "ofac-2020-01" / "sdn.csv" if order[1] == "csv" else ENHANCED
    assert warnings[0].startswith(f"{named}: ")
    assert "1 entry another source numbering entries alike dates on a list" in warnings[0]
    assert "e.g. 777 on us-sdn, not shown on 2020-01-15" in warnings[0]
    csv_snapshot = store.reader().snapshots_of("us-ofac-sdn-csv")[0]["id"]
    assert _unlisted(store) == [("777", "ofac-777", "us-sdn", "2020-01-15", csv_snapshot)]
    status = query.status(store.reader(), "ofac-777", jurisdictions=("US",), at=date(2020, 6, 1))
    sdn = next(item for item in status["jurisdictions"][0]["lists"] if item["list"] == "us-sdn")
    assert [c["description"] for c in sdn["conflicts"]] == [
        "a source shows the entity not_listed on 2020-01-15, but the reported events imply listed"
    ]
    # The program list is not the CSV's own list: its absence there proves nothing.
    sdgt = next(item for item in status["jurisdictions"][0]["lists"] if item["list"] == "us-sdgt")
    assert sdgt["conflicts"] == []


def _sdn_conflicts(store: Store) -> list[str]:
    status = query.status(store.reader(), "ofac-777", jurisdictions=("US",), at=date(2020, 6, 1))
    lists = status["jurisdictions"][0]["lists"] if status["jurisdictions"] else []
    return [c["description"] for item in lists if item["list"] == "us-sdn" for c in item["conflicts"]]


def _enhanced_ids(store: Store) -> list[str]:
    return [snapshot["id"] for snapshot in store.reader().snapshots_of("us-ofac-enhanced-xml")]


@pytest.mark.parametrize("order", [("csv", "enhanced"), ("enhanced", "csv")])
def test_withdrawing_the_snapshot_stating_the_date_takes_the_absence_back(
    store: Store, order: tuple[str, str]
) -> None:
    """Whichever file came first, and on both backends: the `not_listed` claim cites the whole CSV
    list, still held, but stood on the enhanced XML's word alone; the same bytes imported again
    make it count again."""
    for which in order:
        _import(store, which)
    (enhanced,) = _enhanced_ids(store)
    report = withdraw_snapshot(store, enhanced, "wrong file")
    assert _unlisted(store) == []
    # Only the enhanced XML showed 777: as in a store that never held it, no entity 777 is found.
    assert report.entities_set_aside == ["ofac-777"]
    with pytest.raises(NotFoundError, match="unknown entity 'ofac-777'"):
        _sdn_conflicts(store)
    # The enhanced file's 3 claims (listed on us-sdn and us-sdgt, on us-sdn from 2019-03-01) and
    # the absence it grounded.
    assert report.claims_set_aside == 3 + 1
    _import(store, "enhanced")
    csv_snapshot = store.reader().snapshots_of("us-ofac-sdn-csv")[0]["id"]
    assert _unlisted(store) == [("777", "ofac-777", "us-sdn", "2020-01-15", csv_snapshot)]
    assert _sdn_conflicts(store) == [
        "a source shows the entity not_listed on 2020-01-15, but the reported events imply listed"
    ]


def test_an_absence_stands_while_one_snapshot_stating_the_date_is_held(tmp_path: Path) -> None:
    """Two enhanced XML snapshots date 777 on the SDN list from 2019: withdrawing the later one
    leaves the absence standing on the earlier one's word; withdrawing both takes it back."""
    later = tmp_path / "enhanced_2024-06-30.xml"
    later.write_text(ENHANCED.read_text("utf-8").replace("2024-05-24T15:59", "2024-06-30T15:59"), "utf-8")
    store = fresh_store(tmp_path)
    _import(store, "enhanced")
    _import(store, "csv")
    ingest_list(store, "us-ofac-enhanced-xml", [later])
    first, second = _enhanced_ids(store)
    withdraw_snapshot(store, second, "wrong date")
    assert [row[:4] for row in _unlisted(store)] == [("777", "ofac-777", "us-sdn", "2020-01-15")]
    withdraw_snapshot(store, first, "wrong file")
    assert _unlisted(store) == []


def test_a_whole_list_from_before_the_stated_date_agrees(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    _import(store, "csv", "2019-01-15")
    assert not [w for w in _import(store, "enhanced") if "another source" in w]
    assert _unlisted(store) == []


def test_real_sdn_csv_sets_leave_out_twenty_entries_the_enhanced_xml_dates_from_2016(tmp_path: Path) -> None:
    """20 entries (17015, 19640, ...) the 2025-01-10 enhanced XML dates on the SDN list from 2016-09-01
    (7), 2018-01-26 (8) or 2018-08-15 (5), which neither whole SDN CSV set shows (checked in the files:
    19640, GAZPROM INVEST, entered the sectoral list on 2016-09-01 and is in neither of their sdn.csv)."""
    folder = shared("us-ofac-sdn-csv")
    store = fresh_store(tmp_path)
    for day, part in (("2019-01-15", "2019-01"), ("2021-07-07", "2021-07")):
        ingest_list(store, "us-ofac-sdn-csv", sorted((folder / part).glob("*.csv")), date.fromisoformat(day))
    ingest_list(
        store, "us-ofac-enhanced-xml", [shared("us-ofac-enhanced-xml", "cons_enhanced_2025-01-10.xml")]
    )
    found = _unlisted(store)
    assert len(found) == 40
    assert len({row[0] for row in found}) == 20
    assert {row[3] for row in found} == {"2019-01-15", "2021-07-07"}
    assert ("19640", "ofac-19640", "us-sdn", "2019-01-15") in {row[:4] for row in found}
    # Taken back, the enhanced XML takes its 1,042 claims and the 40 absences it grounded with it:
    # VNESHECONOMBANK (17015) is then no longer shown off the SDN list since 2019.
    (enhanced,) = _enhanced_ids(store)
    assert withdraw_snapshot(store, enhanced, "checking").claims_set_aside == 1042 + 40
    assert _unlisted(store) == []


def test_a_cut_whole_list_is_not_read_as_evidence_of_absence(tmp_path: Path) -> None:
    """The 2019 sdn.csv cut to its first 30 entries, imported as the whole list, leaves out all 22
    entries the enhanced XML dates on the SDN list before 2019 (the whole file leaves out 20 of
    them): more than a quarter of what it holds, so it looks cut, and nothing is read into it."""
    rows = shared("us-ofac-sdn-csv", "2019-01", "sdn.csv").read_bytes().splitlines(keepends=True)[:30]
    cut = tmp_path / "sdn.csv"
    cut.write_bytes(b"".join(rows))
    store = fresh_store(tmp_path)
    ingest_list(
        store, "us-ofac-enhanced-xml", [shared("us-ofac-enhanced-xml", "cons_enhanced_2025-01-10.xml")]
    )
    report = ingest_list(store, "us-ofac-sdn-csv", [cut], date(2019, 1, 15))
    assert _unlisted(store) == []
    assert [w for w in report.warnings if "looks cut" in w] == [
        "the whole us-ofac-sdn-csv snapshot of 2019-01-15 (30 records) leaves out 22 entries that other "
        "sources numbering entries alike date on us-sdn before that day: it looks cut, or like a part of "
        "the list, so nothing is read into what it leaves out. If it is a part, withdraw it (`proscribe "
        "sources withdraw`) and import it again with --partial"
    ]


def test_an_sdn_xml_excerpt_is_read_as_a_part_of_the_list(tmp_path: Path) -> None:
    """The 2020-10-29 sdn.xml excerpt declares 8,497 entries and holds 2: imported without --partial
    it is a part of the list all the same, so its absences (the IRGC, and 209 others the enhanced
    XML dates on the SDN list) are not read as removals."""
    store = fresh_store(tmp_path)
    ingest_list(
        store, "us-ofac-enhanced-xml", [shared("us-ofac-enhanced-xml", "cons_enhanced_2025-01-10.xml")]
    )
    report = ingest_list(
        store, "us-ofac-sdn-xml", [shared("us-ofac-sdn-xml", "sdn_2020-10-29_tiny-excerpt.xml")]
    )
    assert report.records == 2
    (snapshot,) = store.reader().snapshots_of("us-ofac-sdn-xml")
    assert (snapshot["partial"], snapshot["scope"]) == (True, "2 of the 8497 entries it declares")
    assert _unlisted(store) == []
