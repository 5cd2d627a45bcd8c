"""Identity rule 5: a record minted as its own entity is merged into the entity its later names name.

Two OFAC CSV sets written here. On 2020-01-15 `sdn.csv` comes alone (no alias file) and names entry
900 "EUZKADI TA ASKATASUNA", which matches no registry name: `ofac-900` is minted. On 2020-06-15 the
full set gives 900 the alias "BASQUE FATHERLAND AND LIBERTY", the registry's `eta`. Had that set
come first, 900 would have linked to `eta` directly; so `ofac-900` is merged into `eta`, and the
answers are the same in either order.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ingest_helpers import fresh_store

from proscribe import query
from proscribe.ingest.judgements import unmerge_entity
from proscribe.ingest.lists import ingest_list
from proscribe.ingest.withdrawals import withdraw_snapshot
from proscribe.store import Store

SDN = '900,"EUZKADI TA ASKATASUNA",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n'
ALT = '900,1,"aka","BASQUE FATHERLAND AND LIBERTY",-0- \n'


def _sets(folder: Path) -> dict[str, list[Path]]:
    alone, full = folder / "2020-01", folder / "2020-06"
    for part in (alone, full):
        part.mkdir()
        (part / "sdn.csv").write_text(SDN, encoding="cp1252")
    (full / "alt.csv").write_text(ALT, encoding="cp1252")
    return {"2020-01-15": [alone / "sdn.csv"], "2020-06-15": [full / "sdn.csv", full / "alt.csv"]}


def _import(store: Store, files: dict[str, list[Path]], day: str) -> list[str]:
    return ingest_list(store, "us-ofac-sdn-csv", files[day], date.fromisoformat(day)).warnings


def _answers(store: Store) -> tuple[object, ...]:
    reader = store.reader()
    rows = query.changes(reader, date(2000, 1, 1), entities=["eta"])["changes"]
    status = query.status(reader, "eta", jurisdictions=("US",), at=date(2020, 7, 1))
    lists = [(item["list"], item["state"]) for item in status["jurisdictions"][0]["lists"]]
    found = sorted({hit["entity_id"] for hit in reader.search_names("EUZKADI TA ASKATASUNA")})
    return [(r["date"], r["list"], r["action"], r["entity_id"]) for r in rows], sorted(lists), found


def test_a_minted_entry_whose_later_names_name_a_registry_entity_is_merged_into_it(tmp_path: Path) -> None:
    files = _sets(tmp_path)
    store = fresh_store(tmp_path)
    _import(store, files, "2020-01-15")
    assert store.reader().merged_into() == {}
    warnings = _import(store, files, "2020-06-15")
    merges = [w for w in warnings if "merged into" in w]
    assert len(merges) == 1
    assert (
        "record 900: its names now link it to eta, so ofac-900, minted for it before, is merged into eta"
        in merges[0]
    )
    assert store.reader().merged_into() == {"ofac-900": "eta"}
    (judgement,) = [j for j in store.reader().judgements() if j["judgement"] == "same"]
    assert judgement["decided_by"].startswith("proscribe import src-")
    # The other order links 900 to `eta` directly: the same answers.
    (tmp_path / "other").mkdir()
    other = fresh_store(tmp_path / "other")
    _import(other, files, "2020-06-15")
    _import(other, files, "2020-01-15")
    assert other.reader().merged_into() == {}
    assert _answers(store) == _answers(other)
    assert ("us-sdn", "listed") in _answers(store)[1]


def test_withdrawing_the_snapshot_that_merged_an_entry_undoes_the_merge(tmp_path: Path) -> None:
    files = _sets(tmp_path)
    store = fresh_store(tmp_path)
    _import(store, files, "2020-01-15")
    before = _answers(store)
    _import(store, files, "2020-06-15")
    latest = store.reader().snapshots_of("us-ofac-sdn-csv")[-1]["id"]
    report = withdraw_snapshot(store, latest, "checking rule 5")
    assert store.reader().merged_into() == {}
    assert _answers(store) == before
    (undone,) = report.merges_undone
    assert (undone["entity"], undone["into"]) == ("ofac-900", "eta")


def test_an_import_does_not_merge_again_what_an_analyst_unmerged(tmp_path: Path) -> None:
    files = _sets(tmp_path)
    later = tmp_path / "2020-09"
    later.mkdir()
    (later / "sdn.csv").write_text(SDN, encoding="cp1252")
    (later / "alt.csv").write_text(
        ALT + '900,2,"aka","BASQUE HOMELAND AND LIBERTY",-0- \n', encoding="cp1252"
    )
    store = fresh_store(tmp_path)
    _import(store, files, "2020-01-15")
    _import(store, files, "2020-06-15")
    unmerge_entity(store, "ofac-900", "our files show a different group of this name")
    warnings = ingest_list(store, "us-ofac-sdn-csv", sorted(later.glob("*.csv")), date(2020, 9, 15)).warnings
    assert not [w for w in warnings if "merged into" in w]
    assert store.reader().merged_into() == {}
