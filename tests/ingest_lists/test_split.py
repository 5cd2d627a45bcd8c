"""Splitting a falsely linked list record off its entity, end to end, on both backends.

The fixtures: the UN test list holds QDe.900 "EXAMPLE FRONT FOR THE PEOPLE OF NOWHERE", f.k.a.
"Old Example Group". The hand-written OFSI list of 2020-06-01 holds group 9201 "OLD EXAMPLE GROUP"
(a.k.a. "OEG SHIPPING", listed 2019-05-02, in Malta, citing a UN listing of its own, QDe.951, that
the UN fixture does not hold), a shipping firm that only shares that old name, so identity rule 3
links it to the UN front (which states no country) and lends the front `un:QDe.951`; the OFSI list
of 2020-09-01 adds the a.k.a. "OEG LINES".
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from ingest_helpers import FIXTURES
from sqlalchemy import delete, select

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


def _entity_of(store: Store, key: str, source: str = SOURCE) -> set[str]:
    runs = schema.record_spans
    query_ = select(runs.c.entity_id).where(runs.c.source_name == source, runs.c.record_key == key)
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
    # Its own number, and the UN number it cites, which it alone had lent the front.
    assert report.identifiers_taken == ["gb-hmt:9201", "un:QDe.951"]
    assert _entity_of(linked, "9201") == {"gb-hmt-9201"}
    assert linked.reader().entity("gb-hmt-9201").country == "Malta"
    assert _lists(linked, "un-qde-900") == {"un-1267": "listed"}
    assert _lists(linked, "gb-hmt-9201") == {"gb-hmt": "listed", "gb-sanctions-ct": "listed"}
    assert "Old Example Group" in _names(linked, "un-qde-900")
    assert not {"OEG SHIPPING", "OLD EXAMPLE GROUP"} & _names(linked, "un-qde-900")
    reader = linked.reader()
    assert reader.resolve_ref("OEG Shipping") == ("gb-hmt-9201", "OLD EXAMPLE GROUP")
    assert reader.resolve_ref("gb-hmt:9201")[0] == "gb-hmt-9201"
    # A later record citing QDe.951 would join the entity holding it: the firm's, no longer the front.
    assert reader.resolve_ref("un:QDe.951")[0] == "gb-hmt-9201"
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


def _uk_sanctions_list(folder: Path) -> Path:
    """A UK Sanctions List of 2026-10-08 holding one entry, CTI0951, MALTESE EXAMPLE CARRIERS: it cites
    UN listing QDe.951 (no OFSI group), so only that number can link it."""
    fixture = (FIXTURES / "uk-fcdo" / "uk-sanctions-list_2026-10-08.csv").read_text("utf-8").splitlines()
    header = next(csv.reader([fixture[1]]))
    row = dict.fromkeys(header, "")
    row.update(
        {
            "Last Updated": "01/02/2026",
            "Unique ID": "CTI0951",
            "UN Reference Number": "QDe.951",
            "Name 6": "MALTESE EXAMPLE CARRIERS",
            "Name type": "Primary Name",
            "Regime Name": "The Counter-Terrorism (International Sanctions) (EU Exit) Regulations 2019",
            "Designation Type": "Entity",
            "Designation source": "UN",
            "Address Country": "Malta",
            "Date Designated": "02/05/2019",
        }
    )
    out = io.StringIO()
    out.write(fixture[0] + "\n")
    writer = csv.DictWriter(out, header, lineterminator="\n")
    writer.writeheader()
    writer.writerow(row)
    path = folder / "uk-sanctions-list_2026-10-08.csv"
    path.write_text(out.getvalue(), "utf-8")
    return path


def test_a_record_citing_the_number_a_split_took_joins_the_split_off_entity(
    linked: Store, tmp_path: Path
) -> None:
    """Before, `un:QDe.951` stayed with the front: the UK Sanctions List's CTI0951, citing it, joined the
    front (identity rule 2), the very false link the split undid."""
    split_record(linked, SOURCE, "9201", REASON)
    ingest_list(linked, "uk-sanctions-list", [_uk_sanctions_list(tmp_path)])
    assert _entity_of(linked, "CTI0951", "uk-sanctions-list") == {"gb-hmt-9201"}


def test_a_cited_number_another_record_on_the_entity_states_stays(linked: Store, tmp_path: Path) -> None:
    """CTI0951, imported before the split, joined the front by `un:QDe.951` and states it too: the
    split leaves the number with the front."""
    ingest_list(linked, "uk-sanctions-list", [_uk_sanctions_list(tmp_path)])
    assert _entity_of(linked, "CTI0951", "uk-sanctions-list") == {"un-qde-900"}
    report = split_record(linked, SOURCE, "9201", REASON)
    assert report.identifiers_taken == ["gb-hmt:9201"]
    assert linked.reader().resolve_ref("un:QDe.951")[0] == "un-qde-900"


def test_a_record_read_before_the_store_kept_what_records_state_keeps_cited_numbers(linked: Store) -> None:
    """A store from before migration 0012 does not know what the UN front's record states: it may
    cite QDe.951 too, so the split takes the record's own number only, as splits did before."""
    details = schema.record_details
    with linked.begin() as conn:
        conn.execute(delete(details).where(details.c.source_name == "un-sc-consolidated"))
    report = split_record(linked, SOURCE, "9201", REASON)
    assert report.identifiers_taken == ["gb-hmt:9201"]
    assert linked.reader().resolve_ref("un:QDe.951")[0] == "un-qde-900"


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
        "2 names and gb-hmt:9201, un:QDe.951 taken from un-qde-900, "
    )
    assert second.startswith("undo: proscribe identity withdraw jdg-")
    assert second.endswith("proscribe identity merge gb-hmt-9201 un-qde-900 --reason ...")
    again = runner.invoke(main, ["--db", linked.url, "identity", "split", SOURCE, "9201", "--reason", REASON])
    assert again.exit_code == 2
    assert "the entity minted for it" in again.output
