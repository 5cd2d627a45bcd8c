"""The dataset's distinct judgements answer the namesakes an official list brings in: OFAC's Hizballah
entry gives "Ansar Allah" and "Islamic Jihad" as aliases, the Houthis' and Palestinian Islamic Jihad's
names; with the real 2021-07 SDN set loaded, no one is told they may be Hezbollah. The UN gives the
Eastern Turkistan Islamic Movement "Islamic Party of Turkestan", a name of the Islamic Movement of
Uzbekistan: with the real 2026-02 UN list loaded, neither is said to maybe be the other. HM Treasury's
list of April 2014 gives al-Nusrah Front's names on its entry for al-Qaida in Iraq, as the UN did from
May 2013 to May 2014: with it loaded, the Islamic State is not said to maybe be HTS."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from proscribe.ingest.judgements import withdraw_judgement
from proscribe.ingest.lists import ingest_list
from proscribe.query.identity import judgement_list, merge_suggestions
from proscribe.store import Store

NAMESAKES = {frozenset(("houthis", "hezbollah")), frozenset(("pij", "hezbollah"))}


def _pairs(store: Store) -> dict[frozenset[str], str]:
    found = merge_suggestions(store.reader(), limit=1000, kind="organisation")["suggestions"]
    return {frozenset((s["entity"]["id"], s["into"]["id"])): s["why"] for s in found}


def test_hezbollahs_ofac_aliases_suggest_no_merge_until_the_judgement_is_withdrawn(
    sqlite_registry: Store, shared_dir: Path
) -> None:
    folder = shared_dir / "data" / "lists" / "us-ofac-sdn-csv" / "2021-07"
    ingest_list(sqlite_registry, "us-ofac-sdn-csv", sorted(folder.glob("*.csv")), date(2021, 7, 7))
    assert not NAMESAKES & set(_pairs(sqlite_registry))

    [judged] = [
        j["id"]
        for j in judgement_list(sqlite_registry.reader())["judgements"]
        if {j["entity"]["id"], j["other"]["id"]} == {"houthis", "hezbollah"}
    ]
    withdraw_judgement(sqlite_registry, judged, "checking what the judgement answers")
    pairs = _pairs(sqlite_registry)
    assert pairs[frozenset(("houthis", "hezbollah"))] == (
        "same name 'Ansar Allah'; but their lists place them in different states (YE; LB)"
    )
    assert frozenset(("pij", "hezbollah")) not in pairs


def test_the_uns_etim_alias_suggests_no_merge_with_the_imu_until_the_judgement_is_withdrawn(
    sqlite_registry: Store, shared_dir: Path
) -> None:
    xml = shared_dir / "data" / "lists" / "un-sc-consolidated" / "un-consolidated_2026-02-27.xml"
    ingest_list(sqlite_registry, "un-sc-consolidated", [xml])
    assert frozenset(("imu", "etim")) not in _pairs(sqlite_registry)

    [judged] = [
        j["id"]
        for j in judgement_list(sqlite_registry.reader())["judgements"]
        if {j["entity"]["id"], j["other"]["id"]} == {"imu", "etim"}
    ]
    withdraw_judgement(sqlite_registry, judged, "checking what the judgement answers")
    assert _pairs(sqlite_registry)[frozenset(("imu", "etim"))] == (
        "same name 'Islamic Party of Turkestan'; but un-sc-consolidated lists them as separate records "
        "(QDe.010, QDe.088); their lists place them in different states (UZ; CN)"
    )


def test_hm_treasurys_2014_aqi_aliases_suggest_no_merge_of_isil_and_hts_until_withdrawn(
    sqlite_registry: Store, shared_dir: Path
) -> None:
    csv = shared_dir / "data" / "lists" / "uk-hmt-ofsi-consolidated" / "hmt-sanctionsconlist_2014-04-02.csv"
    ingest_list(sqlite_registry, "uk-hmt-ofsi-consolidated", [csv])
    assert frozenset(("isil", "hts")) not in _pairs(sqlite_registry)

    [judged] = [
        j["id"]
        for j in judgement_list(sqlite_registry.reader())["judgements"]
        if {j["entity"]["id"], j["other"]["id"]} == {"isil", "hts"}
    ]
    withdraw_judgement(sqlite_registry, judged, "checking what the judgement answers")
    assert _pairs(sqlite_registry)[frozenset(("isil", "hts"))] == (
        "same name 'AL-NUSRAH FRONT'; but their lists place them in different states (IQ; SY)"
    )
