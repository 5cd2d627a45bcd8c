"""Splitting a falsely linked list record off its entity, end to end, on both backends.

The fixtures: the UN test list holds QDe.900 "EXAMPLE FRONT FOR THE PEOPLE OF NOWHERE", f.k.a.
"Old Example Group". The hand-written OFSI list of 2020-06-01 holds group 9201 "OLD EXAMPLE GROUP"
(a.k.a. "OEG SHIPPING", listed 2019-05-02), a shipping firm that only shares that old name, so
identity rule 3 links it to the UN front; the OFSI list of 2020-09-01 adds the a.k.a. "OEG LINES".
"""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner
from ingest_helpers import FIXTURES
from sqlalchemy import select

from proscribe import query
from proscribe.cli import main
from proscribe.errors import InputError, NotFoundError
from proscribe.ingest.judgements import merge_entities, withdraw_judgement
from proscribe.ingest.lists import ingest_list
from proscribe.ingest.splits import split_record
from proscribe.query.identity import merge_suggestions
from proscribe.store import Store, schema

UK = FIXTURES / "uk-split"
SOURCE = "uk-hmt-ofsi-consolidated"
REASON = "OFSI 9201 is a shipping firm that shares the front's former name"


@pytest.fixture
def linked(registry: Store) -> Store:
    """The UN fixture, then OFSI's list of 2020-06-01: group 9201 linked to the UN front by a name."""
    ingest_list(registry, "un-sc-consolidated", [FIXTURES / "un" / "un_2020-01-01.xml"])
    ingest_list(registry, SOURCE, [UK / "conlist_2020-06-01.csv"])
    return registry


def _entity_of(store: Store, key: str) -> set[str]:
    runs = schema.record_spans
    query_ = select(runs.c.entity_id).where(runs.c.source_name == SOURCE, runs.c.record_key == key)
    with store.engine.connect() as conn:
        return set(conn.execute(query_).scalars())


def _lists(store: Store, entity: str) -> dict[str, str]:
    answer = query.status(store.reader(), entity, at=date(2020, 7, 1))
    return {item["list"]: item["state"] for j in answer["jurisdictions"] for item in j["lists"]}


def _names(store: Store, entity: str) -> set[str]:
    return {name.value for name in store.reader().entity(entity).names}


def test_a_split_moves_the_record_its_claims_names_and_number_to_an_entity_of_its_own(linked: Store) -> None:
    assert _entity_of(linked, "9201") == {"un-qde-900"}  # the false link
    assert _lists(linked, "un-qde-900") == {
        "un-1267": "listed",
        "gb-hmt": "listed",
        "gb-sanctions-ct": "listed",
    }
    before = linked.reader().content_hash()

    report = split_record(linked, SOURCE, " 9201 ", REASON, "analyst1")

    assert (report.from_entity, report.to_entity, report.created) == ("un-qde-900", "gb-hmt-9201", True)
    # Its state claim and list event on each of the two UK lists it is on.
    assert report.claims == 4
    # The names only 9201 gave the front; "Old Example Group" stays, as the UN states it.
    assert report.names_taken == ["OEG SHIPPING", "OLD EXAMPLE GROUP"]
    assert report.identifiers_taken == ["gb-hmt:9201"]
    assert _entity_of(linked, "9201") == {"gb-hmt-9201"}
    assert _lists(linked, "un-qde-900") == {"un-1267": "listed"}
    assert _lists(linked, "gb-hmt-9201") == {"gb-hmt": "listed", "gb-sanctions-ct": "listed"}
    assert "Old Example Group" in _names(linked, "un-qde-900")
    assert not {"OEG SHIPPING", "OLD EXAMPLE GROUP"} & _names(linked, "un-qde-900")
    reader = linked.reader()
    assert reader.resolve_ref("OEG Shipping") == ("gb-hmt-9201", "OLD EXAMPLE GROUP")
    assert reader.resolve_ref("gb-hmt:9201")[0] == "gb-hmt-9201"
    assert reader.content_hash() != before
    # The two are judged distinct, with the record and the analyst's reason: never suggested again.
    pairs = {(s["entity"]["id"], s["into"]["id"]) for s in merge_suggestions(reader, 100)["suggestions"]}
    assert not {("gb-hmt-9201", "un-qde-900"), ("un-qde-900", "gb-hmt-9201")} & pairs
    with linked.engine.connect() as conn:
        row = conn.execute(
            select(schema.judgements).where(schema.judgements.c.id == report.judgement_id)
        ).one()
    assert (row.judgement, row.entity_id, row.other_id, row.decided_by) == (
        "distinct",
        "gb-hmt-9201",
        "un-qde-900",
        "analyst1",
    )
    assert row.reason == f"split: record 9201 of {SOURCE} moved from un-qde-900 to gb-hmt-9201: {REASON}"

    # Later snapshots of the record land on its own entity (rule 1), with the names they add.
    later = ingest_list(linked, SOURCE, [UK / "conlist_2020-09-01.csv"])
    assert later.changes == {"amend": 2}
    assert _entity_of(linked, "9201") == {"gb-hmt-9201"}
    assert "OEG LINES" in _names(linked, "gb-hmt-9201")
    assert "OEG LINES" not in _names(linked, "un-qde-900")
    assert _lists(linked, "un-qde-900") == {"un-1267": "listed"}

    # Undo: withdraw the judgement and merge the record's entity back.
    withdraw_judgement(linked, report.judgement_id, "test: it was the front after all")
    merge_entities(linked, "gb-hmt-9201", "un-qde-900", "test: it was the front after all")
    assert _lists(linked, "un-qde-900") == {
        "un-1267": "listed",
        "gb-hmt": "listed",
        "gb-sanctions-ct": "listed",
    }
    assert {"OEG SHIPPING", "OEG LINES"} <= _names(linked, "un-qde-900")


def test_splits_that_cannot_be_right_are_refused_and_change_nothing(linked: Store) -> None:
    before = linked.reader().content_hash()
    refusals = [
        (("no-such-source", "9201", REASON), NotFoundError, "unknown source 'no-such-source'"),
        ((SOURCE, "9999", REASON), NotFoundError, f"no record '9999' of {SOURCE} is held"),
        ((SOURCE, "9201", " "), InputError, "needs a reason"),
        # 9101 minted its own entity: it is apart already.
        ((SOURCE, "9101", REASON), InputError, "on gb-hmt-9101, the entity minted for it"),
        (("un-sc-consolidated", "QDe.900", REASON), InputError, "on un-qde-900, the entity minted for it"),
    ]
    for args, error, message in refusals:
        with pytest.raises(error, match=message):
            split_record(linked, *args)
    assert linked.reader().content_hash() == before

    # A record whose entity is merged into another: the merge is what to undo.
    merge_entities(linked, "gb-hmt-9101", "un-qde-900", "test")
    with pytest.raises(
        InputError, match=r"on gb-hmt-9101, which is merged into un-qde-900.*unmerge gb-hmt-9101"
    ):
        split_record(linked, SOURCE, "9101", REASON)


def test_the_cli_splits_a_record_and_says_how_to_undo_it(linked: Store) -> None:
    runner = CliRunner()
    done = runner.invoke(
        main,
        ["--db", linked.url, "identity", "split", SOURCE, "9201", "--reason", REASON, "--by", "analyst1"],
    )
    assert done.exit_code == 0, done.output
    first, second = done.output.splitlines()
    assert first.startswith(
        f"split record 9201 of {SOURCE} off un-qde-900: now on gb-hmt-9201 (a new entity), 4 claims moved, "
        "2 names and gb-hmt:9201 taken from un-qde-900, "
    )
    assert second.startswith("undo: proscribe identity withdraw jdg-")
    assert second.endswith("proscribe identity merge gb-hmt-9201 un-qde-900 --reason ...")
    again = runner.invoke(main, ["--db", linked.url, "identity", "split", SOURCE, "9201", "--reason", REASON])
    assert again.exit_code == 2
    assert "the entity minted for it" in again.output
