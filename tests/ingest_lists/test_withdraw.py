"""Withdrawing an imported snapshot: a wrong import is taken back, with a reason, and answers are restored."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from ingest_helpers import FIXTURES, fresh_store, shared, un_excerpt
from lxml import etree
from sqlalchemy import select, update

from proscribe import query
from proscribe.errors import InputError, NotFoundError
from proscribe.ingest.judgements import merge_entities
from proscribe.ingest.lists import ingest_list
from proscribe.ingest.withdrawals import withdraw_snapshot
from proscribe.query.official import snapshots_held
from proscribe.screen.service import Filters, Screener
from proscribe.store import Store, schema

UN = FIXTURES / "un"
RECORDS = ("un-qdi-901", "un-tai-902", "un-qde-900", "un-nae-001")


def _answers(store: Store) -> dict[str, Any]:
    """What an analyst reads: every UN change, and each record's UN state on 2020-03-01."""
    reader = store.reader()
    changes = query.changes(reader, since=date(2000, 1, 1), until=date(2020, 12, 31), jurisdictions=["UN"])
    states = {}
    for entity_id in RECORDS:
        status = query.status(reader, entity_id, jurisdictions=["UN"], at=date(2020, 3, 1))
        states[entity_id] = [
            (row["list"], row["state"]) for j in status["jurisdictions"] for row in j["lists"]
        ]
    return {"changes": changes["changes"], "states": states}


def _snapshot_id(store: Store, day: str, source: str = "un-sc-consolidated") -> str:
    [row] = [r for r in store.reader().snapshots_of(source) if str(r["snapshot_date"]) == day]
    return str(row["id"])


def test_a_part_imported_as_the_whole_list_is_withdrawn_and_the_answers_come_back(
    registry: Store, tmp_path: Path
) -> None:
    ingest_list(registry, "un-sc-consolidated", [UN / "un_2020-01-01.xml"])
    before = _answers(registry)
    assert {e: s for e, s in before["states"].items() if s} == {
        "un-qdi-901": [("un-1267", "listed")],
        # Listed in 2001, before un-1988 opened: on un-1267 until un-1988 took it over in 2011.
        "un-tai-902": [("un-1267", "not_listed"), ("un-1988", "listed")],
        "un-qde-900": [("un-1267", "listed")],
        "un-nae-001": [("un-consolidated", "listed")],
    }
    # The mistake: an excerpt of one record read as the whole list delists the other three.
    excerpt = un_excerpt(tmp_path, {"TAi.902"}, "2020-01-15")
    wrong = ingest_list(registry, "un-sc-consolidated", [excerpt], whole=True)
    assert wrong.changes == {"delist": 3}
    assert _answers(registry)["states"]["un-qdi-901"] == [("un-1267", "not_listed")]

    wrong_id, content = _snapshot_id(registry, "2020-01-15"), registry.reader().content_hash()
    preview = withdraw_snapshot(registry, wrong_id, "an excerpt, not the list", "ana", dry_run=True)
    assert registry.reader().content_hash() == content
    assert _snapshot_id(registry, "2020-01-15") == wrong_id
    report = withdraw_snapshot(registry, wrong_id, "an excerpt, not the list", "ana")
    assert preview.dry_run and not report.dry_run
    assert preview.changes == report.changes
    # What it takes back: the three delistings the excerpt implied, and nothing else.
    assert [(c["effect"], c["date"], c["list"], c["action"], c["entity"]) for c in report.changes] == [
        ("taken back", "2020-01-02/2020-01-15", "un-1267", "delist", "un-qdi-901"),
        ("taken back", "2020-01-02/2020-01-15", "un-1267", "delist", "un-qde-900"),
        ("taken back", "2020-01-02/2020-01-15", "un-consolidated", "delist", "un-nae-001"),
    ]
    # The excerpt's own claims: the three delists (TAi.902, unchanged, gained a sighting, no claim).
    assert (report.claims_set_aside, report.runs_removed, report.runs_shortened) == (3, 0, 1)
    assert _answers(registry) == before
    held = snapshots_held(registry.reader(), "un-sc-consolidated")
    assert [s["date"] for s in held["snapshots"]] == ["2020-01-01"]
    assert [(w["date"], w["reason"], w["decided_by"]) for w in held["withdrawn"]] == [
        ("2020-01-15", "an excerpt, not the list", "ana")
    ]

    # The same bytes, imported again as what they are: a snapshot of their own, nothing delisted.
    again = ingest_list(registry, "un-sc-consolidated", [excerpt], partial=True)
    assert not again.already_held and again.changes == {}
    assert _snapshot_id(registry, "2020-01-15") != report.snapshot_id
    after = _answers(registry)
    assert after["states"] == before["states"]
    # The same events; TAi.902's listing (and its move from un-1267 to un-1988) now also cites the
    # excerpt, which states its date.
    events = [(c["date"], c["entity_id"], c["list"], c["action"]) for c in before["changes"]]
    assert [(c["date"], c["entity_id"], c["list"], c["action"]) for c in after["changes"]] == events


def test_a_snapshot_with_a_later_one_or_unknown_or_without_reason_is_refused(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    ingest_list(store, "un-sc-consolidated", [UN / "un_2020-01-01.xml"])
    ingest_list(store, "un-sc-consolidated", [UN / "un_2020-02-01.xml"])
    first, second = _snapshot_id(store, "2020-01-01"), _snapshot_id(store, "2020-02-01")
    content = store.reader().content_hash()
    with pytest.raises(InputError, match=f"compared with later snapshots.*import them again: {second} "):
        withdraw_snapshot(store, first, "wrong date")
    with pytest.raises(NotFoundError, match="no held snapshot 'src-nope'"):
        withdraw_snapshot(store, "src-nope", "wrong date")
    with pytest.raises(InputError, match="needs a reason"):
        withdraw_snapshot(store, second, "  ")
    assert store.reader().content_hash() == content
    withdraw_snapshot(store, second, "wrong date")
    with pytest.raises(InputError, match="already withdrawn"):
        withdraw_snapshot(store, second, "wrong date")
    # With the later one gone, the first is the latest and can go too.
    withdraw_snapshot(store, first, "wrong file")
    assert store.reader().snapshots_of("un-sc-consolidated") == []
    assert store.reader().claims(entity_id="un-qdi-901") == []


def _registry(store: Store) -> dict[str, tuple[str, list[str], list[str]]]:
    """Every entity a read shows, with its names and identifiers: what search, screening and news
    linking work from."""
    return {
        e.id: (e.name, sorted(n.value for n in e.all_names()), sorted(i.key() for i in e.identifiers))
        for e in store.reader().entities()
    }


def _details(store: Store) -> list[tuple[str, str, str, str]]:
    """What the store keeps each list record stating beyond its names (splits read it)."""
    d = schema.record_details
    with store.engine.connect() as conn:
        rows = conn.execute(select(d.c.source_name, d.c.record_key, d.c.kind, d.c.value))
        return sorted((row[0], row[1], row[2], row[3]) for row in rows)


def _screened(store: Store, name: str) -> list[tuple[str, str]]:
    """(entity, matched name) of each hit for `name` among all entities, designated or not."""
    screener = Screener.from_reader(store.reader(), Filters(all_entities=True))
    return [(r["entity_id"], r["matched_name"]) for r in screener.screen(name, threshold=0.95)["results"]]


def _with_nusrah(folder: Path) -> Path:
    """The 2020-01-15 UN fixture plus the entry the bundled `hts` carries the number of (QDe.137),
    stating an alias the dataset does not give it."""
    root = etree.parse(str(UN / "un_2020-01-15.xml")).getroot()
    entity = etree.SubElement(root.find("ENTITIES"), "ENTITY")
    for tag, text in (
        ("DATAID", "137"),
        ("VERSIONNUM", "1"),
        ("FIRST_NAME", "AL-NUSRAH FRONT FOR THE PEOPLE OF THE LEVANT"),
        ("UN_LIST_TYPE", "Al-Qaida"),
        ("REFERENCE_NUMBER", "QDe.137"),
        ("LISTED_ON", "2013-05-14"),
    ):
        etree.SubElement(entity, tag).text = text
    alias = etree.SubElement(entity, "ENTITY_ALIAS")
    etree.SubElement(alias, "QUALITY").text = "a.k.a."
    etree.SubElement(alias, "ALIAS_NAME").text = "Levant Fixture Brigade"
    path = folder / "un_2020-01-15.xml"
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    return path


def test_a_withdrawn_snapshot_takes_back_the_entities_names_and_identifiers_it_alone_gave(
    tmp_path: Path,
) -> None:
    """Beyond claims: an entity only the snapshot listed is found by no read, and the names and
    numbers its records lent stored entities go; importing the files again brings them all back."""
    (tmp_path / "files").mkdir()
    files = [UN / "un_2020-01-01.xml", _with_nusrah(tmp_path / "files"), UN / "un_2020-02-01.xml"]

    def built(folder: str, paths: list[Path]) -> Store:
        (tmp_path / folder).mkdir()
        store = fresh_store(tmp_path / folder)
        for path in paths:
            ingest_list(store, "un-sc-consolidated", [path])
        return store

    store = built("all", files)
    assert "Levant Fixture Brigade" in _registry(store)["hts"][1]
    assert _screened(store, "Example Liberation Assembly") == [("un-qde-900", "Example Liberation Assembly")]
    assert store.reader().resolve_ref("QDi.903") == ("un-qdi-903", "NEW PERSON")

    # February minted QDi.903, NEW PERSON: nothing else holds it, so it is set aside.
    february = withdraw_snapshot(store, _snapshot_id(store, "2020-02-01"), "wrong file")
    assert february.entities_set_aside == ["un-qdi-903"]
    assert (february.names_taken_back, february.identifiers_taken_back) == (1, 1)
    assert store.reader().search_names("NEW PERSON") == []
    with pytest.raises(NotFoundError, match="unknown entity 'un-qdi-903'"):
        query.status(store.reader(), "un-qdi-903")
    assert "un-qdi-903" not in {e["id"] for e in query.entity_index(store.reader())["entities"]}

    # January 15 lent QDe.900 an a.k.a., and `hts` the UN's name for it and an a.k.a.; `hts` keeps
    # QDe.137, the dataset's number for it.
    january = withdraw_snapshot(store, _snapshot_id(store, "2020-01-15"), "wrong file")
    assert january.entities_set_aside == []
    assert (january.names_taken_back, january.identifiers_taken_back, january.details_taken_back) == (3, 0, 1)
    assert _screened(store, "Example Liberation Assembly") == []
    assert _screened(store, "Levant Fixture Brigade") == []
    assert "un:QDe.137" in _registry(store)["hts"][2]
    assert _registry(store) == _registry(built("first", files[:1]))

    for path in files[1:]:
        ingest_list(store, "un-sc-consolidated", [path])
    assert _registry(store) == _registry(built("once", files))
    assert store.reader().resolve_ref("QDi.903") == ("un-qdi-903", "NEW PERSON")


def test_an_entity_set_aside_and_minted_again_is_as_the_new_record_gives_it(tmp_path: Path) -> None:
    """February, withdrawn, minted QDi.903 with no country; the corrected February file gives one.
    The entity taken up again has it, as in a store that only ever read the corrected file."""
    february = (UN / "un_2020-02-01.xml").read_text(encoding="utf-8")
    anchor = "<LISTED_ON>2020-01-20</LISTED_ON></INDIVIDUAL>"
    assert february.count(anchor) == 1
    address = "<INDIVIDUAL_ADDRESS><COUNTRY>Syrian Arab Republic</COUNTRY></INDIVIDUAL_ADDRESS>"
    corrected = tmp_path / "un_2020-02-01.xml"
    corrected.write_text(february.replace(anchor, anchor.replace("</INDIVIDUAL>", address + "</INDIVIDUAL>")))

    def fields(store: Store) -> tuple[str, str, str | None]:
        entity = store.reader().entity("un-qdi-903")
        return entity.name, entity.kind, entity.country

    (tmp_path / "a").mkdir()
    store = fresh_store(tmp_path / "a")
    for path in (UN / "un_2020-01-01.xml", UN / "un_2020-02-01.xml"):
        ingest_list(store, "un-sc-consolidated", [path])
    assert fields(store) == ("NEW PERSON", "person", None)
    withdraw_snapshot(store, _snapshot_id(store, "2020-02-01"), "the country was left out")
    ingest_list(store, "un-sc-consolidated", [corrected])
    (tmp_path / "b").mkdir()
    only_corrected = fresh_store(tmp_path / "b")
    for path in (UN / "un_2020-01-01.xml", corrected):
        ingest_list(only_corrected, "un-sc-consolidated", [path])
    assert fields(store) == fields(only_corrected) == ("NEW PERSON", "person", "Syrian Arab Republic")


def test_an_entity_another_is_merged_into_stays_when_its_snapshot_is_withdrawn(tmp_path: Path) -> None:
    """An analyst merged QDi.901 into QDi.903, which only February listed: withdrawing February
    leaves QDi.903 the entity QDi.901's evidence is read as, still found."""
    store = fresh_store(tmp_path)
    for name in ("un_2020-01-01.xml", "un_2020-02-01.xml"):
        ingest_list(store, "un-sc-consolidated", [UN / name])
    merge_entities(store, "un-qdi-901", "un-qdi-903", "one person, two entries")
    report = withdraw_snapshot(store, _snapshot_id(store, "2020-02-01"), "wrong file")
    assert report.entities_set_aside == []
    status = query.status(store.reader(), "un-qdi-901", jurisdictions=["UN"], at=date(2020, 1, 10))
    assert status["entity"]["id"] == "un-qdi-903"
    assert [row["state"] for j in status["jurisdictions"] for row in j["lists"]] == ["listed"]


JUNE_OFSI = FIXTURES / "uk-references" / "conlist_2020-06-01.csv"


def _ofsi_july(folder: Path) -> Path:
    """The OFSI fixture of 2020-06-01 as of 2020-07-01, group 9201 (citing QDi.901) now giving a
    country and a second UN number."""
    lines = list(csv.reader(JUNE_OFSI.read_text(encoding="utf-8").splitlines()))
    lines[0][1] = "01/07/2020"
    header, row = lines[1], lines[2]
    assert row[header.index("Group ID")] == "9201"
    row[header.index("Country")] = "Syria"
    row[header.index("Other Information")] += " UN Ref QI.A.999.13."
    july = folder / "conlist_2020-07-01.csv"
    with july.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(lines)
    return july


def test_a_withdrawal_takes_back_what_a_record_still_held_first_stated_in_it(tmp_path: Path) -> None:
    """OFSI group 9201 cites QDi.901 in June; a July list adds a country and a second UN number.
    Withdrawing July leaves the record as June stated it, and its entity without the July number,
    as if July was never imported (before, both stayed: the record is still shown)."""
    june, july = JUNE_OFSI, _ofsi_july(tmp_path)

    def built(folder: str, paths: list[Path]) -> Store:
        (tmp_path / folder).mkdir()
        store = fresh_store(tmp_path / folder)
        ingest_list(store, "un-sc-consolidated", [UN / "un_2020-01-01.xml"])
        for path in paths:
            ingest_list(store, "uk-hmt-ofsi-consolidated", [path])
        return store

    store = built("both", [june, july])
    assert "un:QDi.999" in _registry(store)["un-qdi-901"][2]
    assert ("uk-hmt-ofsi-consolidated", "9201", "country", "Syria") in _details(store)
    report = withdraw_snapshot(store, _snapshot_id(store, "2020-07-01", "uk-hmt-ofsi-consolidated"), "test")
    assert (report.identifiers_taken_back, report.details_taken_back, report.entities_set_aside) == (1, 2, [])
    june_only = built("june", [june])
    assert _registry(store) == _registry(june_only)
    assert _details(store) == _details(june_only)
    # Imported again, July gives them back.
    ingest_list(store, "uk-hmt-ofsi-consolidated", [july])
    assert _registry(store) == _registry(built("again", [june, july]))
    assert ("uk-hmt-ofsi-consolidated", "9201", "identifier", "un:QDi.999") in _details(store)


def test_a_withdrawal_takes_nothing_a_run_stored_without_details_may_have_stated(tmp_path: Path) -> None:
    """Runs stored before runs kept details (migration 0014) could have stated anything: July's
    country and number stay after July is withdrawn, rather than be removed on a guess."""
    store = fresh_store(tmp_path)
    ingest_list(store, "un-sc-consolidated", [UN / "un_2020-01-01.xml"])
    ingest_list(store, "uk-hmt-ofsi-consolidated", [JUNE_OFSI])
    with store.begin() as conn:
        conn.execute(update(schema.record_spans).values(details=None))
    ingest_list(store, "uk-hmt-ofsi-consolidated", [_ofsi_july(tmp_path)])
    report = withdraw_snapshot(store, _snapshot_id(store, "2020-07-01", "uk-hmt-ofsi-consolidated"), "test")
    assert (report.identifiers_taken_back, report.details_taken_back) == (0, 0)
    assert "un:QDi.999" in _registry(store)["un-qdi-901"][2]


def _proscribe(store: Store, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the installed `proscribe` in a process of its own, as a user's shell does.

    In-process runs share one command table: a command its module registers is found there once any
    other command loaded that module, even if a fresh `proscribe` would not find it.
    """
    script = Path(sys.executable).with_name("proscribe")
    env = {**os.environ, "PROSCRIBE_DB_URL": store.url}
    return subprocess.run([str(script), *args], capture_output=True, text=True, env=env, check=False)


def test_withdraw_from_the_command_line(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    files = [str(UN / "un_2020-01-01.xml"), str(UN / "un_2020-02-01.xml")]
    assert _proscribe(store, "ingest", "list", "un-sc-consolidated", *files).returncode == 0
    latest, content = _snapshot_id(store, "2020-02-01"), store.reader().content_hash()

    preview = _proscribe(store, "sources", "withdraw", latest, "--reason", "misdated", "--dry-run")
    assert preview.returncode == 0, preview.stderr
    lines = preview.stdout.splitlines()
    assert lines[0] == "dry run: nothing was changed"
    assert [line.split()[:5] for line in lines if line.startswith("taken back")] == [
        ["taken", "back", "2020-01-02/2020-02-01", "UN", "un-1267"],
        ["taken", "back", "2020-01-02/2020-02-01", "UN", "un-1267"],
        ["taken", "back", "2020-01-20", "UN", "un-1267"],
    ]
    assert store.reader().content_hash() == content

    done = _proscribe(
        store, "sources", "withdraw", latest, "--reason", "misdated", "--by", "ana", "--format", "json"
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["snapshot_date"], report["dry_run"]) == ("2020-02-01", False)
    # QDi.901 delisted, QDe.900 renamed, QDi.903 added by the February list: all three taken back.
    assert [(c["entity"], c["action"]) for c in report["changes"]] == [
        ("un-qdi-901", "delist"),
        ("un-qde-900", "amend"),
        ("un-qdi-903", "list"),
    ]
    listing = _proscribe(store, "sources", "list", "un-sc-consolidated")
    assert f"withdrawn: the snapshot of 2020-02-01 ({latest}, un_2020-02-01.xml), on " in listing.stderr
    assert listing.stderr.rstrip().endswith("by ana: misdated")
    refused = _proscribe(store, "sources", "withdraw", latest, "--reason", "again")
    assert refused.returncode == 2 and "already withdrawn" in refused.stderr


def test_a_snapshot_with_later_ones_is_withdrawn_with_them_and_they_are_imported_again(
    tmp_path: Path,
) -> None:
    """A wrong file in the middle of a series: `--with-later` takes it back with the two later
    snapshots in one transaction, latest first, and names their files; imported again, the store
    answers as one that never held the wrong file."""
    names = ("un_2020-01-01.xml", "un_2020-01-15.xml", "un_2020-02-01.xml", "un_2020-03-01.xml")

    def built(folder: str, chosen: tuple[str, ...]) -> Store:
        (tmp_path / folder).mkdir()
        store = fresh_store(tmp_path / folder)
        for name in chosen:
            ingest_list(store, "un-sc-consolidated", [UN / name])
        return store

    store = built("all", names)
    wrong = _snapshot_id(store, "2020-01-15")
    refused = _proscribe(store, "sources", "withdraw", wrong, "--reason", "wrong file")
    assert refused.returncode == 2 and "--with-later" in refused.stderr
    content = store.reader().content_hash()
    preview = _proscribe(
        store, "sources", "withdraw", wrong, "--reason", "wrong file", "--with-later", "--dry-run"
    )
    assert preview.returncode == 0, preview.stderr
    assert "import again (2)" in preview.stdout
    assert store.reader().content_hash() == content

    done = _proscribe(
        store, "sources", "withdraw", wrong, "--reason", "wrong file", "--with-later", "--format", "json"
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    # Net of the three: the runs the three started (QDe.900 from 2020-01-15, TAi.902 and QDi.903
    # from 2020-02-01, QDe.904) go; NAe.001's run from 2020-01-01, which two of them shortened in
    # turn, counts once, as QDi.901's. The five timelines of the entries the store still holds
    # are re-derived once: TAi.902 has two, its 2001 listing being on un-1267 until un-1988 took it
    # over (QDi.903 and QDe.904, set aside, have none).
    assert (report["runs_removed"], report["runs_shortened"], report["timelines_rebuilt"]) == (4, 2, 5)
    assert [(item["date"], item["files"]) for item in report["import_again"]] == [
        ("2020-03-01", "un_2020-03-01.xml"),
        ("2020-02-01", "un_2020-02-01.xml"),
    ]
    assert [str(row["snapshot_date"]) for row in store.reader().snapshots_of("un-sc-consolidated")] == [
        "2020-01-01"
    ]
    withdrawn = store.reader().withdrawn_snapshots_of("un-sc-consolidated")
    assert [row["reason"] for row in withdrawn] == [
        f"withdrawn with {wrong} (2020-01-15): wrong file",
        f"withdrawn with {wrong} (2020-01-15): wrong file",
        "wrong file",
    ]
    for name in names[2:]:
        ingest_list(store, "un-sc-consolidated", [UN / name])
    without = built("without", (names[0], *names[2:]))
    assert _fixture_answers(store) == _fixture_answers(without)
    assert _registry(store) == _registry(without)
    assert _details(store) == _details(without)


def _fixture_answers(store: Store) -> tuple[list[tuple[Any, ...]], Any]:
    """Every UN event of the fixture lists and their matrix on 2020-03-15."""
    reader = store.reader()
    found = query.changes(reader, since=date(1990, 1, 1), until=date(2021, 1, 1), jurisdictions=["UN"])
    events = sorted((c["date"], c["entity_id"], c["list"], c["action"]) for c in found["changes"])
    return events, query.matrix(reader, jurisdictions=["UN"], at=date(2020, 3, 15))


def _un_answers(store: Store) -> tuple[list[tuple[Any, ...]], Any]:
    """Every UN event (without ids and evidence, which differ by source) and the UN matrix on 2026-06-01."""
    reader = store.reader()
    found = query.changes(
        reader, since=date(1990, 1, 1), until=date(2026, 12, 31), jurisdictions=["UN"], limit=5000
    )
    events = sorted((c["date"], c["entity_id"], c["list"], c["action"]) for c in found["changes"])
    return events, query.matrix(reader, jurisdictions=["UN"], at=date(2026, 6, 1))


def test_withdrawing_the_last_real_un_snapshots_is_as_if_never_imported(tmp_path: Path) -> None:
    """The oracle: the UN series with its last two snapshots withdrawn answers exactly as a store that
    never held them; imported again, exactly as a store that imported the whole series once."""
    files = sorted(shared("un-sc-consolidated").glob("*.xml"))

    def built(folder: str, paths: list[Path]) -> Store:
        (tmp_path / folder).mkdir()
        store = fresh_store(tmp_path / folder)
        for path in paths:
            ingest_list(store, "un-sc-consolidated", [path], partial="excerpt" in path.name)
        return store

    store = built("all", files)
    last = withdraw_snapshot(store, _snapshot_id(store, "2026-02-27"), "checking the oracle")
    # What the February 2026 list changed (the acceptance figures): IQi.074 removed since
    # 2025-11-20, SDi.007 to SDi.010 added on 2026-02-24 (by name: Abdul, Al-Fateh, Gedo, Tijani).
    taken_back = [(c["effect"], c["date"], c["list"], c["action"], c["entity"]) for c in last.changes]
    assert taken_back == [
        ("taken back", "2025-11-21/2026-02-27", "un-1518", "delist", "un-iqi-074"),
        ("taken back", "2026-02-24", "un-1591", "list", "un-sdi-008"),
        ("taken back", "2026-02-24", "un-1591", "list", "un-sdi-009"),
        ("taken back", "2026-02-24", "un-1591", "list", "un-sdi-007"),
        ("taken back", "2026-02-24", "un-1591", "list", "un-sdi-010"),
    ]
    earlier = withdraw_snapshot(store, _snapshot_id(store, "2025-11-20"), "checking the oracle")
    # The four Sudan entries only February 2026 listed are set aside, with their 7 names (with
    # variants), 4 numbers and 9 detail rows (the numbers, SDi.008's date of birth 1972-01-01 and
    # each one's nationality, Sudan); the 2025 list had 91 entries of its own (443 names).
    assert last.entities_set_aside == ["un-sdi-007", "un-sdi-008", "un-sdi-009", "un-sdi-010"]
    assert (last.names_taken_back, last.identifiers_taken_back, last.details_taken_back) == (7, 4, 9)
    assert len(earlier.entities_set_aside) == 91
    # 256 detail rows of those 91 entries (73 of them dates of birth, 47 nationalities), and 86 the
    # 2025 list first stated on entries the store still holds from 2020 (17 dates of birth: three
    # more, SSi.004, SSi.005 and QDi.057, the 2017-2020 files state already, as xs:dates with a time
    # zone, `1962-11-09-05:00`; 16 nationalities the 2020 list wrote otherwise, "Afghan" then
    # "Afghanistan"; the runs it started say which): counted by hand from the parsed files.
    assert (earlier.names_taken_back, earlier.identifiers_taken_back, earlier.details_taken_back) == (
        443,
        91,
        342,
    )
    events, matrix = _un_answers(store)
    first_nine = built("first-nine", files[:-2])
    assert (events, matrix) == _un_answers(first_nine)
    # Names and identifiers too (search, screening and news linking read them), and what records state.
    assert _registry(store) == _registry(first_nine)
    assert _details(store) == _details(first_nine)
    # With the removals of QDi.199 and TAi.081, shown by the 2016 excerpt and by no whole snapshot;
    # and for each of the 114 Taliban entries listed before un-1988 opened, a listing on un-1267 and
    # a move to un-1988 on 2011-06-17 (a delisting there, a listing here) instead of one listing.
    assert len(events) == 1536
    for path in files[-2:]:
        ingest_list(store, "un-sc-consolidated", [path])
    events, matrix = _un_answers(store)
    once = built("once", files)
    assert (events, matrix) == _un_answers(once)
    assert _registry(store) == _registry(once)
    assert _details(store) == _details(once)
    # 37 Iran entries re-listed in 2025 with their 2006-2008 dates: a re-listing and a removal each
    # (and the same 114 Taliban entries moved from un-1267 to un-1988).
    assert len(events) == 1865


def test_withdrawing_delta_files_is_as_if_never_imported(tmp_path: Path) -> None:
    """Delta files too, three of them of one day: withdrawn newest first, each step answers as a store
    that imported only the ones left."""
    versions = ["20240101000000-aaa", "20240105000000-bbb", "20240105120000-ccc", "20240105180000-ddd"]

    def built(folder: str, kept: list[str]) -> Store:
        (tmp_path / folder).mkdir()
        store = fresh_store(tmp_path / folder)
        for version in kept:
            ingest_list(
                store, "opensanctions-ftm-delta", [FIXTURES / "ftm" / f"{version}.entities.delta.json"]
            )
        return store

    def answers(store: Store) -> tuple[list[tuple[str, ...]], dict[str, list[tuple[str, str]]]]:
        reader = store.reader()
        found = query.changes(reader, since=date(2023, 1, 1), until=date(2024, 12, 31))["changes"]
        events = sorted((c["date"], c["entity_id"], c["list"], c["action"]) for c in found)
        states = {}
        for entity_id in ("os-nk-front", "os-nk-other", "os-nk-third"):
            if reader.claims(entity_id=entity_id):
                status = query.status(reader, entity_id, at=date(2024, 2, 1))
                states[entity_id] = [
                    (r["list"], r["state"]) for j in status["jurisdictions"] for r in j["lists"]
                ]
        return events, states

    store = built("all", versions)
    for left in (3, 2, 1):
        [held] = [
            s
            for s in store.reader().snapshots_of("opensanctions-ftm-delta")
            if versions[left] in s["filename"]
        ]
        withdraw_snapshot(store, held["id"], "checking the oracle")
        assert answers(store) == answers(built(f"first-{left}", versions[:left])), versions[left]
    assert answers(store)[1] == {
        "os-nk-front": [("un-consolidated", "listed")],
        "os-nk-other": [("un-consolidated", "listed")],
    }
