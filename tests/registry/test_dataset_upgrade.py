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

from click.testing import CliRunner
from sqlalchemy import delete, insert

from proscribe import clock, query
from proscribe.cli import main
from proscribe.ingest.core import init_registry
from proscribe.model import PartialDate
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
