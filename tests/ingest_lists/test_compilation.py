"""The Consolidated Screening List gathers other lists: one designee may stand on it once per list.

Each CSL row is on the CSL and on the list it comes from (the SDN list, the Commerce Department's
Entity List, the State Department's ITAR debarments, ...). Rows of two gathered lists for one
company are one designee's entries on two lists: they link to one entity, and a row leaving its
list delists the entity there only, not from the CSL while another row keeps it on.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from ingest_helpers import entity_of, fresh_store, shared

from proscribe.ingest.lists import ListImportReport, ingest_list
from proscribe.store import Store

HEADER = ["_id", "source", "entity_number", "type", "name", "addresses", "start_date", "alt_names"]
SDN = "Specially Designated Nationals (SDN) - Treasury Department"
ENTITY_LIST = "Entity List (EL) - Bureau of Industry and Security"
ITAR = "ITAR Debarred (DTC) - State Department"
DENIED = "Denied Persons List (DPL) - Bureau of Industry and Security"

WORKS_SDN = ["900", SDN, "900", "Entity", "NORTHWIND MACHINE WORKS", "Perm, RU", "", "NMW"]
WORKS_EL = ["e1", ENTITY_LIST, "", "", "Northwind Machine Works", "Perm, RU", "2025-02-01", ""]
WORKS_ITAR = ["t1", ITAR, "", "", "NORTHWIND MACHINE WORKS", "", "", ""]
PERSON_DPL = ["d1", DENIED, "", "", "EXAMPLE, John Q.", "", "", ""]
PERSON_ITAR = ["t2", ITAR, "", "", "EXAMPLE, John Q.", "", "", ""]
# The Denied Persons List's rows for AL NASER AIRLINES (OFAC's 18133) in the CSL of February 2025.
NASER_ROWS = (
    "0b6ddee23988c1acbc32c13214a26e824ecc8029",
    "580202ddd04ce2c3ded1cf16a466a0c4b1f652a0",
    "5a6cdce6eef188429e13a444d767f0783cffc270",
    "5b1cffe1f4eb2f02024043476167c2e781a0cbda",
    "78fd3490c6bb64f5356e191f0dbd2f03b52d761c",
    "9ad70d9ec598b9bf00d174a0ca378c2f545a0135",
    "bcd4f1ffcd873304cc3842bf83aacfa222c7ad22",
    "d2a2b4cd5c69822f9be4898f2f1744798f4fab37",
    "e1911dce7be4eec615a034c12cb8f1e602a3b683",
    "f5e86db64bcbbb3ec975c400fbc42dec30cc3629",
    "fc18e8f88db1c767e89f5359a776084fa481cb7f",
    "fce9724ecf4206ff581d09208457bf6819ac0509",
)


def snapshot(folder: Path, day: str, *rows: list[str]) -> Path:
    path = folder / f"consolidated_{day}.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def test_rows_of_two_gathered_lists_are_one_designee_and_leave_each_list_alone(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    ingest_list(store, "us-trade-csl", [snapshot(tmp_path, "a", WORKS_SDN)], snapshot_date=date(2025, 1, 10))
    # The Entity List and the ITAR debarments add the company; the Denied Persons List a person.
    second = ingest_list(
        store,
        "us-trade-csl",
        [snapshot(tmp_path, "b", WORKS_SDN, WORKS_EL, WORKS_ITAR, PERSON_DPL)],
        snapshot_date=date(2025, 2, 10),
    )
    assert [entity_of(store, "us-trade-csl", key) for key in ("900", "e1", "t1")] == ["csl-900"] * 3
    assert (second.links, second.ambiguous) == ({"earlier snapshot": 1, "name": 2, "new": 1}, [])
    # The company was on the CSL already: only the gathered lists it joined list it.
    assert sorted(
        (c["list"], c["action"], c["date"]) for c in second.changed if c["entity"] == "csl-900"
    ) == [
        ("us-bis-entity-list", "list", "2025-02-01"),
        ("us-state-itar-debarred", "list", "2025-01-11/2025-02-10"),
    ]
    # The Entity List drops it; the ITAR debarment keeps it on the CSL. The person's ITAR entry is
    # untyped, as is his Denied Persons entry: a name alone never joins two such entries.
    third = ingest_list(
        store,
        "us-trade-csl",
        [snapshot(tmp_path, "c", WORKS_SDN, WORKS_ITAR, PERSON_DPL, PERSON_ITAR)],
        snapshot_date=date(2025, 3, 10),
    )
    assert [(c["list"], c["action"]) for c in third.changed if c["entity"] == "csl-900"] == [
        ("us-bis-entity-list", "delist")
    ]
    assert entity_of(store, "us-trade-csl", "t2") == "csl-t2"
    timelines = {t.list_id: t for t in store.reader().timelines(["csl-900"])}
    day = date(2025, 3, 10)
    assert {list_id: t.state_at(day) for list_id, t in timelines.items()} == {
        "us-csl": "listed",
        "us-sdn": "listed",
        "us-bis-entity-list": "not_listed",
        "us-state-itar-debarred": "listed",
    }
    assert [t.list_id for t in timelines.values() if t.conflicts] == []


def test_a_designees_rows_on_a_list_writing_several_leave_it_listed_until_the_last_goes(
    tmp_path: Path,
) -> None:
    # The Denied Persons List writes a row per address: two for the company, in Perm and in Moscow.
    perm = ["p1", DENIED, "", "", "NORTHWIND MACHINE WORKS", "Perm, RU", "2025-01-20", ""]
    moscow = ["p2", DENIED, "", "", "Northwind Machine Works", "Moscow, RU", "2025-01-20", ""]
    # Other designees, so that a row leaving is not a file cut short (ShrunkSnapshotError).
    others = [[f"8{n}", SDN, f"8{n}", "Entity", f"OTHER COMPANY {n}", "", "", ""] for n in range(8)]
    store = fresh_store(tmp_path)
    ingest_list(
        store, "us-trade-csl", [snapshot(tmp_path, "a", WORKS_SDN, *others)], snapshot_date=date(2025, 1, 10)
    )
    second = ingest_list(
        store,
        "us-trade-csl",
        [snapshot(tmp_path, "b", WORKS_SDN, *others, perm, moscow)],
        snapshot_date=date(2025, 2, 10),
    )
    assert [entity_of(store, "us-trade-csl", key) for key in ("p1", "p2")] == ["csl-900"] * 2
    assert (second.links, second.ambiguous) == ({"earlier snapshot": 9, "name": 2}, [])
    # One address goes: the company stays denied. Then the other: it is struck off, once (the
    # file then differs from the first only by a newcomer, so it is not that file again).
    newcomer = ["77", SDN, "77", "Entity", "NEWCOMER COMPANY", "", "", ""]
    third = ingest_list(
        store,
        "us-trade-csl",
        [snapshot(tmp_path, "c", WORKS_SDN, *others, perm)],
        snapshot_date=date(2025, 3, 10),
    )
    assert [c for c in third.changed if c["entity"] == "csl-900"] == []
    fourth = ingest_list(
        store,
        "us-trade-csl",
        [snapshot(tmp_path, "d", WORKS_SDN, *others, newcomer)],
        snapshot_date=date(2025, 4, 10),
    )
    assert [(c["list"], c["action"], c["date"]) for c in fourth.changed if c["entity"] == "csl-900"] == [
        ("us-bis-dpl", "delist", "2025-03-11/2025-04-10")
    ]
    [denied] = [t for t in store.reader().timelines(["csl-900"]) if t.list_id == "us-bis-dpl"]
    assert [(i.state, i.start.iso() if i.start else None) for i in denied.intervals] == [
        ("not_listed", None),
        ("listed", "2025-01-20"),
        ("uncertain", "2025-03-11/2025-04-10"),
        ("not_listed", "2025-03-11/2025-04-10"),
    ]
    assert denied.conflicts == ()


def ingest_csl_2025(store: Store) -> ListImportReport:
    """Import the real CSL of February 2025 (it states no date)."""
    csl = shared("us-trade-csl", "consolidated_2025-02.csv.gz")
    return ingest_list(store, "us-trade-csl", [csl], snapshot_date=date(2025, 2, 1))


def test_the_csl_joins_ofac_entities_across_its_lists_on_the_real_files(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    sdn = sorted(shared("us-ofac-sdn-csv", "2024-04").glob("*.csv"))
    cons = sorted(shared("us-ofac-non-sdn-csv", "2025-12").glob("*.csv"))
    ingest_list(store, "us-ofac-sdn-csv", sdn, snapshot_date=date(2024, 4, 10))
    ingest_list(store, "us-ofac-non-sdn-csv", cons, snapshot_date=date(2025, 12, 1))
    report = ingest_csl_2025(store)
    # TEKHNOPROMEKSPORT: OFAC's SDN entry 18962 and SSI entry 18771 are one company, which the CSL
    # also carries on the Entity List (a row of no OFAC number, linked by its name).
    el_row = "75eacba734d32f3756c2f0fd19f07220a4b8da60"
    assert entity_of(store, "us-ofac-non-sdn-csv", "18771") == "ofac-18962"
    assert [entity_of(store, "us-trade-csl", key) for key in ("18962", "18771", el_row)] == ["ofac-18962"] * 3
    held = {t.list_id for t in store.reader().timelines(["ofac-18962"])}
    assert held >= {"us-sdn", "us-ofac-cons", "us-csl", "us-bis-entity-list"}
    # 348 rows of the CSL's Commerce and State lists join by name: 284 to OFAC's entities, 36 to
    # the entity of one of the snapshot's own rows of another list (25 and 30 checked by hand),
    # and 28 rows of lists writing a designee in several rows (an address, a country or an action
    # each), which all name one entity, checked by hand one by one: the Denied Persons List's 12
    # rows for AL NASER AIRLINES, the Entity List's two for the GRU (2017 and 2022), ...
    assert report.links == {"identifier": 10360, "name": 348, "new": 3340}
    naser = {entity_of(store, "us-trade-csl", key) for key in NASER_ROWS}
    assert naser == {"ofac-18133"}
    assert not [line for line in report.ambiguous if "is matched by several records" in line]
    # One listing on the Denied Persons List, which all 12 rows date 2021-11-17; and the GRU's
    # second Entity List row (2022-03-03) is another act on it, not a rival date of its listing.
    [dpl] = [t for t in store.reader().timelines(["ofac-18133"]) if t.list_id == "us-bis-dpl"]
    assert [(i.state, i.start.iso() if i.start else None) for i in dpl.intervals] == [
        ("not_listed", None),
        ("listed", "2021-11-17"),
    ]
    [gru] = [t for t in store.reader().timelines(["ofac-21343"]) if t.list_id == "us-bis-entity-list"]
    assert [e.date.iso() for e in gru.events] == ["2017-01-04", "2022-03-03"]
    assert [i.state for i in gru.intervals] == ["not_listed", "listed"] and gru.conflicts == ()


def test_the_csl_alone_joins_its_rows_of_one_designee_across_its_lists(tmp_path: Path) -> None:
    # Imported before any OFAC file, the Entity List's row for Concern Sozvezdie still joins the
    # SDN row's entity, as it does OFAC's entity when OFAC's files come first (above).
    store = fresh_store(tmp_path)
    report = ingest_csl_2025(store)
    el_row = "9742c9d9caa52b05cc49083b4a74dfcb80932f96"
    assert [entity_of(store, "us-trade-csl", key) for key in ("16869", el_row)] == ["csl-16869"] * 2
    held = {t.list_id for t in store.reader().timelines(["csl-16869"])}
    assert held == {"us-csl", "us-sdn", "us-bis-entity-list"}
    # The same 28 rows of lists writing a designee in several rows join as above; 2 rows that
    # "most names" linked (the ISN's IRGC of 2007, Namchongang of 2009) now join with their twins.
    assert report.links == {"identifier": 27, "name": 346, "most names": 1, "new": 13674}
    assert {entity_of(store, "us-trade-csl", key) for key in NASER_ROWS} == {"csl-18133"}


def test_an_older_list_naming_an_sdn_company_anew_merges_its_entity_list_row_beside_the_sdn_row(
    tmp_path: Path,
) -> None:
    # The CSL of 2025 names the company NORTHWIND MACHINE WORKS JSC on the SDN list, and its Entity
    # List row "Northwind Works": the row matches nothing and is minted an entity. OFAC's older set,
    # imported after it, gives the company the alias NORTHWIND WORKS; in date order the row would
    # have joined it. It joins now, though the CSL's SDN row stood on that entity in the same
    # snapshot: the two rows come from two lists the CSL gathers.
    store = fresh_store(tmp_path)
    sdn_row = ["900", SDN, "900", "Entity", "NORTHWIND MACHINE WORKS JSC", "Perm, RU", "", ""]
    el_row = ["e1", ENTITY_LIST, "", "", "Northwind Works", "Perm, RU", "2024-06-01", ""]
    ingest_list(
        store, "us-trade-csl", [snapshot(tmp_path, "a", sdn_row, el_row)], snapshot_date=date(2025, 2, 10)
    )
    assert entity_of(store, "us-trade-csl", "e1") == "csl-e1"
    ofac = tmp_path / "ofac"
    ofac.mkdir()
    (ofac / "sdn.csv").write_text(
        '900,"NORTHWIND MACHINE WORKS JSC",-0- ,"UKRAINE-EO13661",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n',
        encoding="cp1252",
    )
    (ofac / "alt.csv").write_text('900,1,"aka","NORTHWIND WORKS",-0- \n', encoding="cp1252")
    report = ingest_list(
        store, "us-ofac-sdn-csv", [ofac / "sdn.csv", ofac / "alt.csv"], snapshot_date=date(2020, 1, 10)
    )
    assert entity_of(store, "us-ofac-sdn-csv", "900") == "csl-900"
    assert store.reader().merged_into() == {"csl-e1": "csl-900"}
    (merge,) = [line.split(": ", 1)[1] for line in report.warnings if "merged into" in line]
    assert merge.startswith(
        "record e1 of us-trade-csl: the names this snapshot gives csl-900 link it there, so csl-e1, "
        "minted for it before, is merged into csl-900"
    )
