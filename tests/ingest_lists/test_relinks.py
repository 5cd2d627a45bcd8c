"""Identity rule 5: a record imported out of date order is linked as its first snapshot would have.

Two OFAC CSV sets written here. On 2020-01-15 the full set gives entry 900, "EUZKADI TA
ASKATASUNA", the alias "BASQUE FATHERLAND AND LIBERTY", the registry's `eta`: in date order 900
links to `eta`. On 2020-06-15 `sdn.csv` comes alone (no alias file), and its name matches no
registry name. Imported first, it mints `ofac-900`; the 2020-01 set, imported after it, is then
the first snapshot of 900, so `ofac-900` is merged into `eta`, and the answers are those of date
order.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ingest_helpers import FIXTURES, fresh_store, shared

from proscribe import query
from proscribe.ingest.judgements import unmerge_entity
from proscribe.ingest.lists import ingest_list
from proscribe.ingest.withdrawals import withdraw_snapshot
from proscribe.store import Store

SDN = '900,"EUZKADI TA ASKATASUNA",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n'
ALT = '900,1,"aka","BASQUE FATHERLAND AND LIBERTY",-0- \n'


def _sets(folder: Path) -> dict[str, list[Path]]:
    sets: dict[str, list[Path]] = {}
    for day, alt in (
        ("2019-12-15", ALT + '900,2,"aka","BASQUE HOMELAND AND LIBERTY",-0- \n'),
        ("2020-01-15", ALT),
    ):
        part = folder / day
        part.mkdir()
        (part / "sdn.csv").write_text(SDN, encoding="cp1252")
        (part / "alt.csv").write_text(alt, encoding="cp1252")
        sets[day] = [part / "sdn.csv", part / "alt.csv"]
    alone = folder / "2020-06-15"
    alone.mkdir()
    (alone / "sdn.csv").write_text(SDN, encoding="cp1252")
    sets["2020-06-15"] = [alone / "sdn.csv"]
    return sets


def _import(store: Store, files: dict[str, list[Path]], day: str) -> list[str]:
    return ingest_list(store, "us-ofac-sdn-csv", files[day], date.fromisoformat(day)).warnings


def _answers(store: Store) -> tuple[object, ...]:
    reader = store.reader()
    rows = query.changes(reader, date(2000, 1, 1), entities=["eta"])["changes"]
    status = query.status(reader, "eta", jurisdictions=("US",), at=date(2020, 7, 1))
    lists = [(item["list"], item["state"]) for item in status["jurisdictions"][0]["lists"]]
    found = sorted({hit["entity_id"] for hit in reader.search_names("EUZKADI TA ASKATASUNA")})
    return [(r["date"], r["list"], r["action"], r["entity_id"]) for r in rows], sorted(lists), found


def _merges(warnings: list[str]) -> list[str]:
    return [w for w in warnings if "merged into" in w]


def test_an_entry_imported_out_of_order_is_linked_as_its_first_snapshot_would_have(tmp_path: Path) -> None:
    files = _sets(tmp_path)
    in_order = fresh_store(tmp_path)
    assert not _merges(_import(in_order, files, "2020-01-15") + _import(in_order, files, "2020-06-15"))
    assert in_order.reader().merged_into() == {}
    (tmp_path / "reverse").mkdir()
    store = fresh_store(tmp_path / "reverse")
    assert not _merges(_import(store, files, "2020-06-15"))
    merges = _merges(_import(store, files, "2020-01-15"))
    assert len(merges) == 1
    assert (
        "record 900: its names now link it to eta, so ofac-900, minted for it before, is merged into eta"
        in merges[0]
    )
    assert store.reader().merged_into() == {"ofac-900": "eta"}
    (judgement,) = [j for j in store.reader().judgements() if j["judgement"] == "same"]
    assert judgement["decided_by"].startswith("proscribe import src-")
    assert _answers(store) == _answers(in_order)
    assert ("us-sdn", "listed") in _answers(store)[1]


def test_withdrawing_the_snapshot_that_merged_an_entry_undoes_the_merge(tmp_path: Path) -> None:
    files = _sets(tmp_path)
    store = fresh_store(tmp_path)
    _import(store, files, "2020-06-15")
    before = _answers(store)
    _import(store, files, "2020-01-15")
    held = [snapshot["id"] for snapshot in store.reader().snapshots_of("us-ofac-sdn-csv")]
    # The later snapshot goes first (it was compared with the earlier one); the merge stays with it.
    assert not withdraw_snapshot(store, held[-1], "checking rule 5").merges_undone
    report = withdraw_snapshot(store, held[0], "checking rule 5")
    (undone,) = report.merges_undone
    assert (undone["entity"], undone["into"]) == ("ofac-900", "eta")
    assert store.reader().merged_into() == {}
    _import(store, files, "2020-06-15")
    assert _answers(store) == before


def test_an_import_does_not_merge_again_what_an_analyst_unmerged(tmp_path: Path) -> None:
    files = _sets(tmp_path)
    store = fresh_store(tmp_path)
    _import(store, files, "2020-06-15")
    _import(store, files, "2020-01-15")
    unmerge_entity(store, "ofac-900", "our files show a different group of this name")
    # An even older set is now the first snapshot of 900; its names still name `eta`.
    assert not _merges(_import(store, files, "2019-12-15"))
    assert store.reader().merged_into() == {}


def test_the_same_entry_in_the_screening_list_does_not_hold_it_back(tmp_path: Path) -> None:
    # The CSL republishes OFAC's entry 900 (key 900, citing ofac:900): it joins ofac-900 by that
    # number, with the alias. It is the same entry, not a companion whose names would outweigh
    # `eta`'s (identity rule 5 weighs only other entries), so the 2020-01 set still merges.
    files = _sets(tmp_path)
    store = fresh_store(tmp_path)
    _import(store, files, "2020-06-15")
    csl = tmp_path / "csl.csv"
    header = (FIXTURES / "csl" / "consolidated.csv").read_text(encoding="utf-8").splitlines()[0]
    row = (
        "900,Specially Designated Nationals (SDN) - Treasury Department,900,Entity,SDGT,EUZKADI TA "
        "ASKATASUNA,,,,,,,,,,,,,,,,,BASQUE FATHERLAND AND LIBERTY,,,,,,"
    )
    csl.write_text(f"{header}\n{row}\n", encoding="utf-8")
    assert ingest_list(store, "us-trade-csl", [csl], date(2025, 2, 1)).links == {"identifier": 1}
    merges = _merges(_import(store, files, "2020-01-15"))
    assert len(merges) == 1
    assert store.reader().merged_into() == {"ofac-900": "eta"}


def test_real_ofac_sets_out_of_date_order_give_the_changes_of_date_order(tmp_path: Path) -> None:
    # The UK list of 2014 and the 2016 text list first, then OFAC's 2024 `sdn.csv` (no alias file)
    # before the 2021 set: the 2021 set is the first snapshot of the entries both show, and links
    # them as it would have in date order, by merges where the 2024 file had minted an entity.
    def build(folder: Path, sets: list[str]) -> tuple[Store, list[str]]:
        folder.mkdir()
        store = fresh_store(folder)
        uk = shared("uk-hmt-ofsi-consolidated", "hmt-sanctionsconlist_2014-04-02.csv")
        ingest_list(store, "uk-hmt-ofsi-consolidated", [uk])
        text = shared("us-ofac-sdn-txt", "sdnlist_2016-02_excerpt.txt")
        ingest_list(store, "us-ofac-sdn-txt", [text], date(2016, 2, 17), partial=True)
        files = {
            "2021-07-07": sorted(shared("us-ofac-sdn-csv", "2021-07").glob("*.csv")),
            "2024-04-10": [shared("us-ofac-sdn-csv", "2024-04", "sdn.csv")],
        }
        warnings: list[str] = []
        for day in sets:
            warnings = ingest_list(store, "us-ofac-sdn-csv", files[day], date.fromisoformat(day)).warnings
        return store, _merges(warnings)

    def changes(store: Store) -> list[tuple[str, str, str, str]]:
        rows = query.changes(store.reader(), date(2000, 1, 1), limit=100_000)["changes"]
        return sorted((r["date"], r["list"], r["action"], r["entity_id"]) for r in rows)

    in_order, merged = build(tmp_path / "in-order", ["2021-07-07", "2024-04-10"])
    assert merged == []
    out_of_order, merged = build(tmp_path / "out-of-order", ["2024-04-10", "2021-07-07"])
    assert len(merged) == 52
    # YASA PART links to the UK's YASA PART by its own name as soon as the 2024 file comes: no merge.
    assert not [line for line in merged if "record 12956:" in line]
    expected = changes(in_order)
    assert len(expected) == 6332  # 3 fewer since resolver events rule 6: no unscoped twin of a scoped act
    assert changes(out_of_order) == expected
