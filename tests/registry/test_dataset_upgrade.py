"""A store initialised with an older dataset takes the current one's reading of its facts at `init`.

Claims are never deleted, and a claim's id hashes its content: when the dataset reads a fact
differently (UNSCR 2253 of 2015-12-17, once a `list` of ISIL on the UN 1267 list, is now an
`amend`), the new reading is a new claim, and the old one would stay beside it, a false second
listing date in conflict with the first. `init` sets aside the dataset claims the dataset no longer
makes: stored, counted by no read.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import delete, insert, update

from proscribe import clock, query
from proscribe.cli import main
from proscribe.errors import NotFoundError
from proscribe.ingest.core import init_registry
from proscribe.ingest.lists import ingest_list
from proscribe.model import Identifier, Name, PartialDate
from proscribe.screen.service import Filters, Screener
from proscribe.store import Store, schema, writer


def _un_timeline(store: Store, entity: str) -> dict[str, object]:
    data = query.timeline(store.reader(), entity, ["UN"])
    [timeline] = [t for t in data["timelines"] if t["list"] == "un-1267"]
    return timeline


def _as_an_older_dataset_read_it(store: Store) -> str:
    """Store the claim an older dataset made of the UNSCR 2253 fact: a listing, not an amendment."""
    [amendment] = [c for c in store.reader().claims("isil") if c.list_id == "un-1267" and c.action == "amend"]
    old = dataclasses.replace(amendment, action="list", id="")
    with store.begin() as conn:
        writer.add_claims(conn, [old])
        writer.rebuild_timelines(conn, [("isil", "un-1267")])
    return old.id


def test_init_sets_aside_the_claims_an_older_dataset_made_and_the_current_one_does_not(store: Store) -> None:
    init_registry(store)
    old = _as_an_older_dataset_read_it(store)
    # Read as a listing, the fact says ISIL was not on the list before 2015-12-17.
    assert [i["state"] for i in _un_timeline(store, "isil")["intervals"]] == ["not_listed", "listed"]
    before = store.reader().content_hash()

    result = CliRunner().invoke(main, ["--db", store.url, "init"])
    assert result.exit_code == 0, result.output
    assert (
        "set aside 1 claims of the dataset it no longer makes (stored, counted by no read)" in result.output
    )
    timeline = _un_timeline(store, "isil")
    assert [(i["state"], i["note"]) for i in timeline["intervals"]] == [
        ("listed", "at least since 2015-12-17 (per a curated source; earlier state unknown)")
    ]
    assert [e["action"] for e in timeline["events"]] == ["amend"]
    assert old not in {c.id for c in store.reader().claims("isil")}
    assert store.reader().count_claims() == 381  # stored still: claims are never deleted
    assert store.reader().content_hash() != before  # cached answers must go
    status = query.status(store.reader(), "isil", ["UN"], at=date(2016, 1, 1))
    assert status["jurisdictions"][0]["lists"][0]["state"] == "listed"

    again = init_registry(store)
    assert (again.claims_superseded, again.claims_restored, again.changed) == (0, 0, False)


def test_a_claim_the_dataset_makes_again_counts_again(store: Store) -> None:
    init_registry(store)
    [amendment] = [c for c in store.reader().claims("hts") if c.list_id == "un-1267" and c.action == "amend"]
    with store.begin() as conn:
        conn.execute(
            insert(schema.superseded_claims).values(
                claim_id=amendment.id, reason="test", superseded_at=clock.now()
            )
        )
        writer.rebuild_timelines(conn, [("hts", "un-1267")])
    assert amendment.id not in {c.id for c in store.reader().claims("hts")}

    report = init_registry(store)
    assert (report.claims_superseded, report.claims_restored) == (0, 1)
    assert amendment.id in {c.id for c in store.reader().claims("hts")}
    assert _un_timeline(store, "hts")["intervals"][0]["note"] == (
        "at least since 2018-06 (per a curated source; earlier state unknown)"
    )
    with store.begin() as conn:
        assert conn.execute(delete(schema.superseded_claims)).rowcount == 0


def test_a_superseded_claim_is_one_of_the_dataset_and_no_other_source(store: Store) -> None:
    """Only the dataset's own claims are its to set aside: a news claim of the same content stays."""
    init_registry(store)
    [amendment] = [c for c in store.reader().claims("isil") if c.list_id == "un-1267" and c.action == "amend"]
    news = dataclasses.replace(
        amendment, action="list", record_key="doc-1:0-40", tier=3, id="", date=PartialDate.parse("2015-12-17")
    )
    with store.begin() as conn:
        writer.add_claims(conn, [news])
        writer.rebuild_timelines(conn, [("isil", "un-1267")])
    assert init_registry(store).claims_superseded == 0
    assert news.id in {c.id for c in store.reader().claims("isil")}


_NUSRAH_ONLY = """<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2020-01-01T00:00:00Z"><INDIVIDUALS/><ENTITIES><ENTITY>
<DATAID>137</DATAID><VERSIONNUM>1</VERSIONNUM>
<FIRST_NAME>AL-NUSRAH FRONT FOR THE PEOPLE OF THE LEVANT</FIRST_NAME><UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE>
<REFERENCE_NUMBER>QDe.137</REFERENCE_NUMBER><LISTED_ON>2013-05-14</LISTED_ON>
<ENTITY_ALIAS><QUALITY>a.k.a.</QUALITY><ALIAS_NAME>Levant Fixture Brigade</ALIAS_NAME></ENTITY_ALIAS>
</ENTITY></ENTITIES></CONSOLIDATED_LIST>
"""


def _hts(store: Store) -> tuple[str, str | None, list[str], list[str]]:
    entity = store.reader().entity("hts")
    names = sorted(n.value for n in entity.all_names())
    return entity.name, entity.description, names, sorted(i.key() for i in entity.identifiers)


def test_init_retracts_the_names_and_numbers_only_an_older_dataset_gave(store: Store, tmp_path: Path) -> None:
    """Names and identifiers cite no source: `init` takes from a bundled entity those neither the
    dataset nor a held list record gives (an alias the dataset dropped, a corrected list number, an
    old canonical name), and keeps those the UN's record of it lent."""
    init_registry(store)
    listed = tmp_path / "un_2020-01-01.xml"
    listed.write_text(_NUSRAH_ONLY, "utf-8")
    ingest_list(store, "un-sc-consolidated", [listed])
    current = _hts(store)
    assert {"AL-NUSRAH FRONT FOR THE PEOPLE OF THE LEVANT", "Levant Fixture Brigade"} <= set(current[2])

    # The entity as an older dataset left it: named otherwise, described otherwise, with an alias
    # since dropped as wrong and a list number since corrected.
    e = schema.entities
    with store.begin() as conn:
        conn.execute(update(e).where(e.c.id == "hts").values(name="Old Levant Front", description="older"))
        writer.add_names(
            conn,
            {"hts": [Name("Old Levant Front", "primary"), Name("Jabhat Dropped Alias", "alias")]},
            {"hts": [Identifier("un", "QDe.999")]},
        )
    assert _screened(store, "Jabhat Dropped Alias") == ["hts"]

    report = init_registry(store)
    assert (report.entities_refreshed, report.names_retracted, report.identifiers_retracted) == (1, 2, 1)
    assert report.changed
    assert _hts(store) == current
    assert _screened(store, "Jabhat Dropped Alias") == []
    with pytest.raises(NotFoundError):
        store.reader().resolve_ref("QDe.999")
    again = init_registry(store)
    assert (again.entities_refreshed, again.names_retracted, again.identifiers_retracted) == (0, 0, 0)
    assert not again.changed


def _screened(store: Store, name: str) -> list[str]:
    screener = Screener.from_reader(store.reader(), Filters(all_entities=True))
    return [r["entity_id"] for r in screener.screen(name, threshold=0.95)["results"]]
