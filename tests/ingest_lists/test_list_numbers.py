"""The dataset's list numbers decide which bundled organisation a record is, whatever came first.

The UK list of 2014-04-02 gives AL-QAIDA IN IRAQ (group 8441, UN QDe.115) the aliases "AL-NUSRAH
FRONT" and "JABHAT AL NUSRAH": the UN listed the Nusrah Front under QDe.115 until May 2014. Linked
by name, as before the dataset gave `isil` its numbers, that record joined `hts` when the UK file came
first, and the UN's QDe.115 followed it by its number, leaving QDe.137 (the Nusrah Front itself)
on an entity minted for it: `hts` showed ISIL's 2004 UN listing and none of its own.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from ingest_helpers import fresh_store, shared
from sqlalchemy import select

from proscribe import query
from proscribe.ingest.core import init_registry
from proscribe.ingest.lists import ingest_list
from proscribe.model import Identifier
from proscribe.store import Store, schema

UK_2014 = ("uk-hmt-ofsi-consolidated", "hmt-sanctionsconlist_2014-04-02.csv")
UN_2017 = ("un-sc-consolidated", "un-consolidated_2017-06-20.xml")


def _since(store: Store, entity: str, code: str = "UN") -> dict[str, str | None]:
    answer = query.status(store.reader(), entity, at=date(2017, 7, 1))
    return {
        item["list"]: item["since"]
        for j in answer["jurisdictions"]
        if j["jurisdiction"] == code
        for item in j["lists"]
    }


@pytest.mark.parametrize("order", [[UK_2014, UN_2017], [UN_2017, UK_2014]], ids=["uk-first", "un-first"])
def test_isil_and_hts_take_their_own_un_records_in_either_order(
    tmp_path: Path, order: list[tuple[str, str]]
) -> None:
    store = fresh_store(tmp_path)
    for source, name in order:
        ingest_list(store, source, [shared(source, name)])
    reader = store.reader()
    isil = {i.key() for i in reader.entity("isil").identifiers}
    hts = {i.key() for i in reader.entity("hts").identifiers}
    assert {"un:QDe.115", "gb-hmt:8441"} <= isil
    assert "un:QDe.137" in hts and not hts & {"un:QDe.115", "gb-hmt:8441"}
    # The UK's group 8441 gives isil its 2004 asset freeze, and hts none.
    assert _since(store, "isil", "GB")["gb-hmt"] == "2004-10-18"
    assert "gb-hmt" not in _since(store, "hts", "GB")
    # The file dates QDe.115 2004-10-18. The dataset's UNSCR 2253 (2015-12-17) reframed the regime
    # around ISIL: an amendment attesting the listing, not a second date for it.
    assert _since(store, "isil") == {"un-1267": "2004-10-18"}
    assert _since(store, "hts") == {"un-1267": "2014-05-14"}
    # UK groups of no UN listing link by the UK's own numbers (ETA 7083, the IRGC 11238).
    assert _since(store, "eta", "GB")["gb-hmt"] == "2001-11-02"
    assert _since(store, "irgc", "GB") == {"gb-hmt": "2010-07-27"}


def test_init_warns_of_a_dataset_number_the_store_holds_on_another_entity(tmp_path: Path) -> None:
    # A store linked before the dataset knew the numbers: QDe.115 held by `hts`, not `isil`.
    store = fresh_store(tmp_path)
    with store.begin() as conn:
        conn.execute(schema.identifiers.delete().where(schema.identifiers.c.value == "QDe.115"))
        conn.execute(schema.identifiers.insert().values(entity_id="hts", scheme="un", value="QDe.115"))
    report = init_registry(store)
    assert report.warnings == [
        "the dataset gives isil the list number un:QDe.115, which hts holds in this store (a record linked "
        "there before the dataset knew the number): if they are one, `proscribe identity merge hts isil`; "
        "if a record of another list was linked to hts wrongly, `proscribe identity split` it"
    ]
    assert Identifier("un", "QDe.115") in store.reader().entity("isil").identifiers
    assert init_registry(store).warnings == []


def test_a_record_the_dataset_keeps_apart_never_joins_the_entity_by_name(tmp_path: Path) -> None:
    # The CSL of 2025 gives OFAC's FARC-EP dissidents (33983), designated when the FARC's own FTO
    # designation was revoked, the alias FARC-EP, which is also a name of `farc`. Imported first,
    # the record joined `farc` by that alias, and the FARC showed on the FTO list again from 2021.
    store = fresh_store(tmp_path)
    report = ingest_list(
        store,
        "us-trade-csl",
        [shared("us-trade-csl", "consolidated_2025-02.csv.gz")],
        snapshot_date=date(2025, 2, 27),
    )
    with store.engine.connect() as conn:
        spans = schema.record_spans
        (entity_id,) = conn.execute(
            select(spans.c.entity_id).where(
                spans.c.source_name == "us-trade-csl", spans.c.record_key == "33983"
            )
        ).one()
    assert entity_id == "csl-33983"
    assert not any(line.startswith("33983: ") for line in report.ambiguous)
    assert "33983: its names match farc, which the dataset keeps apart from ofac:33983" in report.warnings
    assert Identifier("ofac", "33983") not in store.reader().entity("farc").identifiers
    held = {t.list_id for t in store.reader().timelines(["farc"]) if t.jurisdiction == "US"}
    # The dissidents' own record is on the SDGT list by its CSL program tag.
    assert (held, {t.list_id for t in store.reader().timelines(["csl-33983"])}) == (
        {"us-fto", "us-sdgt"},
        {"us-csl", "us-sdn", "us-sdgt"},
    )
    (fto,) = store.reader().timelines(["farc"], lists=["us-fto"])
    assert fto.state_at(date(2025, 2, 27)) == "not_listed"


def test_init_warns_of_a_number_kept_apart_that_the_store_holds_on_the_entity(tmp_path: Path) -> None:
    # A store linked before the dataset kept 33983 apart: the record lent `farc` its number.
    store = fresh_store(tmp_path)
    with store.begin() as conn:
        conn.execute(schema.identifiers.insert().values(entity_id="farc", scheme="ofac", value="33983"))
    assert init_registry(store).warnings == [
        "farc holds the list number ofac:33983 in this store, which the dataset keeps apart from it "
        "(a record linked there by name before): `proscribe identity split` that record"
    ]
