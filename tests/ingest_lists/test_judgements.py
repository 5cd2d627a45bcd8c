"""Identity judgements end to end: merge two entities, read them as one everywhere, undo it exactly.

The fixtures: the UN test list holds QDe.900 "EXAMPLE FRONT FOR THE PEOPLE OF NOWHERE" (listed
2014-05-14); the hand-written OFSI list of 2020-06-01 holds group 9101 "NOWHERE PEOPLES FRONT" (aka
"NPF BRIGADES", listed 2019-05-02), which no shared name links to it, and the OFSI list of
2020-09-01 no longer holds 9101. An analyst knows the two are one group.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from click.testing import CliRunner
from ingest_helpers import FIXTURES
from sqlalchemy import select

from proscribe import query
from proscribe.cli import main
from proscribe.errors import InputError, NotFoundError
from proscribe.ingest.core import init_registry
from proscribe.ingest.judgements import (
    apply_dataset_judgements,
    mark_distinct,
    merge_entities,
    unmerge_entity,
    withdraw_judgement,
)
from proscribe.ingest.lists import ingest_list
from proscribe.query.identity import judgement_list, merge_suggestions
from proscribe.screen.service import Screener
from proscribe.sources.bundled import DatasetJudgement
from proscribe.store import Store, schema

UK = FIXTURES / "uk-judgements"
REASON = "OFSI group 9101 is the UN QDe.900 front under its English name"


@pytest.fixture
def two_apart(registry: Store) -> Store:
    """The bundled registry plus the UN fixture and the first OFSI fixture: two entities for one group."""
    ingest_list(registry, "un-sc-consolidated", [FIXTURES / "un" / "un_2020-01-01.xml"])
    ingest_list(registry, "uk-hmt-ofsi-consolidated", [UK / "conlist_2020-06-01.csv"])
    return registry


def _derived(store: Store) -> dict[str, list[Any]]:
    """Every stored timeline and event row, to compare a store before and after a round trip."""
    with store.engine.connect() as conn:
        return {
            "timelines": sorted(tuple(r) for r in conn.execute(select(schema.timelines))),
            "events": sorted(tuple(r) for r in conn.execute(select(schema.events))),
        }


def _states(store: Store, entity: str, day: date) -> dict[str, str]:
    answer = query.status(store.reader(), entity, at=day)
    return {item["list"]: item["state"] for j in answer["jurisdictions"] for item in j["lists"]}


def test_a_merge_reads_both_entities_as_one_everywhere(two_apart: Store) -> None:
    reader = two_apart.reader()
    assert reader.resolve_ref("NOWHERE PEOPLES FRONT") == ("gb-hmt-9101", "NOWHERE PEOPLES FRONT")
    assert _states(two_apart, "un-qde-900", date(2020, 7, 1)) == {"un-1267": "listed"}
    hash_before = reader.content_hash()

    report = merge_entities(two_apart, "gb-hmt-9101", "un-qde-900", REASON, "analyst1")
    assert (report.action, report.entity_id, report.other_id) == ("merge", "gb-hmt-9101", "un-qde-900")
    # The OFSI record's claims: a state claim and a `list` event on each of its two lists.
    assert report.claims == 4
    assert reader.content_hash() != hash_before

    # Names, lookups and search: the merged entity's names are the kept entity's aliases.
    entity = reader.entity("gb-hmt-9101")
    assert entity.id == "un-qde-900"
    assert entity.merged == ("gb-hmt-9101",)
    names = {n.value: n.kind for n in entity.names}
    assert names["NOWHERE PEOPLES FRONT"] == "alias"
    assert names["NPF BRIGADES"] == "alias"
    assert reader.resolve_ref("NOWHERE PEOPLES FRONT")[0] == "un-qde-900"
    assert reader.resolve_ref("gb-hmt-9101") == ("un-qde-900", "EXAMPLE FRONT FOR THE PEOPLE OF NOWHERE")
    assert [r["entity_id"] for r in reader.search_names("nowhere")] == ["un-qde-900"]
    assert "gb-hmt-9101" not in {e.id for e in reader.entities()}

    # Timelines: the OFSI listing is now un-qde-900's, and the merged entity has none of its own.
    assert _states(two_apart, "un-qde-900", date(2020, 7, 1)) == {
        "gb-hmt": "listed",
        "gb-sanctions-ct": "listed",
        "un-1267": "listed",
    }
    # The same at a knowledge date, where timelines are derived from the claims read then.
    known = query.status(reader, "un-qde-900", at=date(2020, 7, 1), as_of=date(2020, 7, 1))
    assert {item["list"]: item["state"] for j in known["jurisdictions"] for item in j["lists"]} == {
        "gb-hmt": "listed",
        "gb-sanctions-ct": "listed",
        "un-1267": "listed",
    }
    with two_apart.engine.connect() as conn:
        owners = {r[0] for r in conn.execute(select(schema.timelines.c.entity_id))}
    assert "gb-hmt-9101" not in owners
    # Evidence keeps its source: the OFSI claims show among un-qde-900's sources.
    sources = query.sources(reader, "un-qde-900")
    gb = [
        (c["list"], c["kind"], c["source"]["published_on"])
        for c in sources["claims"]
        if c["jurisdiction"] == "GB"
    ]
    assert sorted(gb) == [
        ("gb-hmt", "event", "2020-06-01"),
        ("gb-hmt", "state", "2020-06-01"),
        ("gb-sanctions-ct", "event", "2020-06-01"),
        ("gb-sanctions-ct", "state", "2020-06-01"),
    ]

    # Screening finds the group by the OFSI alias, as the kept entity.
    screener = Screener.build(reader.entities(), reader.content_hash())
    top = screener.screen("NPF Brigades", 0.8, 3)["results"][0]
    assert (top["entity_id"], top["matched_name"]) == ("un-qde-900", "NPF BRIGADES")

    # The entity answer names the judgement, with who and why.
    detail = query.entity_detail(reader, "un-qde-900")
    assert [(m["entity"]["id"], m["reason"], m["decided_by"]) for m in detail["merged"]] == [
        ("gb-hmt-9101", REASON, "analyst1")
    ]


def test_later_snapshots_of_a_merged_record_land_on_the_kept_entity(two_apart: Store) -> None:
    merge_entities(two_apart, "gb-hmt-9101", "un-qde-900", REASON)
    report = ingest_list(two_apart, "uk-hmt-ofsi-consolidated", [UK / "conlist_2020-09-01.csv"])
    assert report.changes == {"delist": 2}
    changes = query.changes(
        two_apart.reader(), date(2020, 6, 1), date(2020, 9, 30), ["GB"], entities=["un-qde-900"]
    )
    rows = [(c["entity_id"], c["list"], c["action"], c["date"]) for c in changes["changes"]]
    assert sorted(rows) == [
        ("un-qde-900", "gb-hmt", "delist", "2020-06-02/2020-09-01"),
        ("un-qde-900", "gb-sanctions-ct", "delist", "2020-06-02/2020-09-01"),
    ]
    assert _states(two_apart, "un-qde-900", date(2020, 10, 1)) == {
        "gb-hmt": "not_listed",
        "gb-sanctions-ct": "not_listed",
        "un-1267": "listed",
    }


def test_a_new_record_with_a_merged_entitys_name_links_to_the_kept_entity(two_apart: Store) -> None:
    merge_entities(two_apart, "gb-hmt-9101", "un-qde-900", REASON)
    ingest_list(two_apart, "uk-hmt-ofsi-consolidated", [UK / "conlist_2020-09-01.csv"])
    # OFSI lists the front again in December under a new group id, by its alias NPF BRIGADES: only
    # the merged gb-hmt-9101 held that name, so the record is the kept entity's (not ambiguous).
    report = ingest_list(two_apart, "uk-hmt-ofsi-consolidated", [UK / "conlist_2020-12-01.csv"])
    assert report.ambiguous == []
    assert report.new_entities == 0
    reader = two_apart.reader()
    assert {c.record_key for c in reader.claims("un-qde-900") if c.jurisdiction == "GB"} == {"9101", "9105"}
    assert _states(two_apart, "un-qde-900", date(2020, 12, 15)) == {
        "gb-hmt": "listed",
        "gb-sanctions-ct": "listed",
        "un-1267": "listed",
    }


def test_unmerge_restores_the_store_exactly_and_keeps_the_record(two_apart: Store) -> None:
    before = _derived(two_apart)
    merged = merge_entities(two_apart, "gb-hmt-9101", "un-qde-900", REASON)
    assert _derived(two_apart) != before
    undone = unmerge_entity(two_apart, "gb-hmt-9101", "a different group after all", "analyst2")
    assert undone.judgement_id == merged.judgement_id
    assert _derived(two_apart) == before
    assert two_apart.reader().resolve_ref("NOWHERE PEOPLES FRONT")[0] == "gb-hmt-9101"
    in_force = judgement_list(two_apart.reader())["judgements"]
    assert {j["decided_by"] for j in in_force} == {"proscribe dataset"}  # only the dataset's distinct pairs
    [kept] = [
        j
        for j in judgement_list(two_apart.reader(), include_withdrawn=True)["judgements"]
        if j["judgement"] == "same"
    ]
    assert kept["reason"] == REASON
    assert kept["withdraw_reason"] == "a different group after all (by analyst2)"
    assert kept["withdrawn_at"] is not None
    with pytest.raises(InputError, match="already withdrawn"):
        withdraw_judgement(two_apart, merged.judgement_id, "again")


def test_merges_that_cannot_be_right_are_refused_and_change_nothing(two_apart: Store) -> None:
    hash_before = two_apart.reader().content_hash()
    refusals = [
        (("gb-hmt-9101", "un-qde-900", "  "), InputError, "needs a reason"),
        (("gb-hmt-9101", "no-such-entity", REASON), NotFoundError, "unknown entity id 'no-such-entity'"),
        (("un-qdi-901", "un-qde-900", REASON), InputError, r"un-qdi-901 \(person\) into un-qde-900"),
        (("un-qde-900", "un-qde-900", REASON), InputError, "into itself"),
    ]
    for args, error, message in refusals:
        with pytest.raises(error, match=message):
            merge_entities(two_apart, *args)
    assert two_apart.reader().content_hash() == hash_before

    merge_entities(two_apart, "gb-hmt-9101", "un-qde-900", REASON)
    with pytest.raises(InputError, match="already merged into un-qde-900"):
        merge_entities(two_apart, "gb-hmt-9101", "un-nae-001", REASON)
    # Merging the kept entity into the merged one would close a loop.
    with pytest.raises(InputError, match=r"into itself \(gb-hmt-9101 is read as un-qde-900\)"):
        merge_entities(two_apart, "un-qde-900", "gb-hmt-9101", REASON)
    # A merge into a merged entity goes to the entity it is read as.
    chained = merge_entities(two_apart, "gb-hmt-9102", "gb-hmt-9101", "test chain")
    assert chained.other_id == "un-qde-900"
    assert two_apart.reader().entity("un-qde-900").merged == ("gb-hmt-9101", "gb-hmt-9102")


def test_distinct_pairs_leave_the_suggestions_and_block_a_merge(two_apart: Store) -> None:
    reader = two_apart.reader()
    # The dataset ships "The Base" (al-Qaeda's name in English, and a neo-Nazi group's) as judged distinct.
    shipped = {(j["entity"]["id"], j["other"]["id"]): j for j in judgement_list(reader)["judgements"]}
    base = shipped[("al-qaeda", "the-base")]
    assert (base["judgement"], base["decided_by"]) == ("distinct", "proscribe dataset")
    pairs = {(s["entity"]["id"], s["into"]["id"]) for s in merge_suggestions(reader)["suggestions"]}
    assert ("the-base", "al-qaeda") not in pairs
    with pytest.raises(InputError, match="judged distinct"):
        merge_entities(two_apart, "the-base", "al-qaeda", "mistake")

    withdraw_judgement(two_apart, base["id"], "test: let the pair be suggested again")
    again = {(s["entity"]["id"], s["into"]["id"]) for s in merge_suggestions(reader)["suggestions"]}
    assert again == pairs | {("the-base", "al-qaeda")}
    # init never puts back a dataset judgement an analyst withdrew.
    assert init_registry(two_apart).judgements_added == 0
    assert ("al-qaeda", "the-base") not in {
        (j["entity"]["id"], j["other"]["id"]) for j in judgement_list(reader)["judgements"]
    }

    mark_distinct(
        two_apart, "the-base", "al-qaeda", "al-Qaeda means 'the base'; The Base is a US neo-Nazi group"
    )
    after = {(s["entity"]["id"], s["into"]["id"]) for s in merge_suggestions(reader)["suggestions"]}
    assert after == pairs
    with pytest.raises(InputError, match="already judged distinct"):
        mark_distinct(two_apart, "al-qaeda", "the-base", "again")


def test_the_cli_merges_lists_and_unmerges(two_apart: Store) -> None:
    runner = CliRunner()
    db = ["--db", two_apart.url]
    merged = runner.invoke(
        main, [*db, "identity", "merge", "gb-hmt-9101", "un-qde-900", "--reason", REASON, "--by", "analyst1"]
    )
    assert merged.exit_code == 0, merged.output
    assert merged.output.startswith(
        "merged gb-hmt-9101 into un-qde-900: 4 claims now read as un-qde-900, 3 timelines re-derived"
    )
    listed = runner.invoke(main, [*db, "identity", "list", "--format", "csv"])
    header, *rows = listed.output.splitlines()
    assert header == "id,judgement,entity,other,reason,decided_by,decided_at,withdrawn_at"
    assert [row.split(",")[1:4] for row in rows if ",same," in row] == [["same", "gb-hmt-9101", "un-qde-900"]]
    assert len(rows) == 8  # and the dataset's 7 distinct pairs
    status = runner.invoke(main, [*db, "status", "NPF Brigades", "--at", "2020-07-01", "--format", "json"])
    assert '"id": "un-qde-900"' in status.output
    again = runner.invoke(main, [*db, "identity", "merge", "gb-hmt-9101", "un-qde-900", "--reason", "x"])
    assert again.exit_code == 2
    assert "already merged into un-qde-900" in again.output
    undone = runner.invoke(main, [*db, "identity", "unmerge", "gb-hmt-9101", "--reason", "wrong"])
    assert undone.exit_code == 0, undone.output
    assert undone.output.startswith("unmerged gb-hmt-9101 from un-qde-900")


def test_ambiguous_records_are_reported_with_the_way_to_decide_them(registry: Store) -> None:
    # OFSI's 9103 and 9104 are two branches named NARNIA TRADING CO, like the UN's NAe.001: the
    # linker cannot tell which record is the UN's, so both become entities of their own.
    ingest_list(registry, "un-sc-consolidated", [FIXTURES / "un" / "un_2020-01-01.xml"])
    result = CliRunner().invoke(
        main,
        [
            "--db",
            registry.url,
            "ingest",
            "list",
            "uk-hmt-ofsi-consolidated",
            str(UK / "conlist_2020-06-01.csv"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "warning: 9103: entity un-nae-001 is matched by several records: 9103, 9104" in result.stderr
    assert "`proscribe identity suggest` lists them" in result.stderr
    suggested = merge_suggestions(registry.reader())["suggestions"]
    narnia = [
        (s["entity"]["id"], s["into"]["id"], s["listed_apart"]) for s in suggested if "9104" in s["why"]
    ]
    assert narnia == [
        ("gb-hmt-9104", "gb-hmt-9103", {"uk-hmt-ofsi-consolidated": ["9103", "9104"]}),
    ]
    pairs = {(s["entity"]["id"], s["into"]["id"]) for s in suggested}
    assert {("un-nae-001", "gb-hmt-9103"), ("un-nae-001", "gb-hmt-9104")} <= pairs


def test_suggestions_on_the_real_un_list_say_when_the_un_lists_namesakes_apart(
    tmp_path: Any, shared_dir: Any
) -> None:
    from ingest_helpers import fresh_store, shared

    store = fresh_store(tmp_path)
    ingest_list(store, "un-sc-consolidated", [shared("un-sc-consolidated", "un-consolidated_2026-02-27.xml")])
    everyone = merge_suggestions(store.reader(), limit=100)
    # Checked by hand: 6 pairs of UN individuals share a name of two parts or more, all listed
    # apart by the UN. Hassan Dahir Aweys is listed under two regimes (SOi.002, QDi.042), born in
    # 1935 on both; the other five are namesakes whose dates of birth differ ("Abu Anas" QDi.327
    # 1971-12-04 or 1977, QDi.057 1966-02-02), so they rank last. Among those, the two "Mohammad
    # Wali" (TAi.078, TAi.007) share the nationality Afghanistan and come first; "Abu Anas" (Saudi
    # Arabia; Libya) and "Abdul Samad" (Afghanistan; Pakistan) have it as one more doubt.
    assert everyone["count"] == 13
    people = [
        (s["entity"]["id"], s["into"]["id"], s["birth_dates"]["verdict"], s["nationalities"]["verdict"])
        for s in everyone["suggestions"]
        if s["kind"] == "person"
    ]
    assert people == [
        ("un-soi-002", "un-qdi-042", "same", "same"),
        ("un-tai-078", "un-tai-007", "differ", "same"),
        ("un-qdi-327", "un-qdi-057", "differ", "differ"),
        ("un-soi-012", "un-qdi-028", "differ", "unknown"),
        ("un-soi-014", "un-qdi-219", "differ", "unknown"),
        ("un-tai-160", "un-qdi-296", "differ", "differ"),
    ]
    assert everyone["suggestions"][0]["why"].endswith(
        "same date of birth 1935; same nationality (Somalia); but un-sc-consolidated lists them as "
        "separate records (QDi.042, SOi.002)"
    )
    assert everyone["suggestions"][-1]["why"] == (
        "same name 'Abdul Samad'; but un-sc-consolidated lists them as separate records (QDi.296, "
        "TAi.160); their dates of birth differ (1970; 1976 to 1978); their lists give different "
        "nationalities (Afghanistan; Pakistan)"
    )
    found = merge_suggestions(store.reader(), limit=100, kind="organisation")
    # Checked by hand: 7 pairs of UN records that share a name (the Ansar al-Sharia groups of
    # Tunisia, Benghazi, Derna and Yemen; HUA), all listed apart by the UN. The pairs of bundled
    # entities that share a name (the IMU and ETIM: "Islamic Party of Turkestan") are judged
    # distinct by the dataset.
    assert found["count"] == 7
    apart = {(s["entity"]["id"], s["into"]["id"]) for s in found["suggestions"] if s["listed_apart"]}
    assert len(apart) == 7
    assert ("un-qde-145", "un-qde-143") in apart
    last = found["suggestions"][-1]
    assert last["why"].endswith("but un-sc-consolidated lists them as separate records (QDe.129, QDe.143)")
    # One line per pair: each name once, not once per spelling the two records give it (the
    # JSON's `shared` keeps all six spellings of these two names).
    first = found["suggestions"][0]
    assert (first["entity"]["id"], first["into"]["id"], len(first["shared"])) == (
        "un-qde-146",
        "un-qde-145",
        6,
    )
    assert first["why"] == (
        "2 names in common: 'Ansar al Charia', 'Ansar al Sharia'; "
        "but un-sc-consolidated lists them as separate records (QDe.145, QDe.146)"
    )


def test_a_dataset_judgement_leaves_an_analysts_merge_standing(two_apart: Store) -> None:
    # An analyst merged OFSI 9101 into UN QDe.900; a later dataset judging them distinct warns instead.
    merge_entities(two_apart, "gb-hmt-9101", "un-qde-900", REASON)
    later = DatasetJudgement("un-qde-900", "gb-hmt-9101", "two groups", date(2027, 1, 1))
    with two_apart.begin() as conn:
        added, warnings = apply_dataset_judgements(conn, [later])
    assert added == 0
    assert warnings == [
        "the dataset judges gb-hmt-9101 and un-qde-900 distinct, but analysts merged them; their merge "
        "stands (withdraw it to apply the dataset's judgement at the next init)"
    ]
    unmerge_entity(two_apart, "gb-hmt-9101", "checked again")
    with two_apart.begin() as conn:
        assert apply_dataset_judgements(conn, [later]) == (1, [])
    with two_apart.begin() as conn:
        assert apply_dataset_judgements(conn, [later]) == (0, [])
    [judged] = [
        j for j in judgement_list(two_apart.reader())["judgements"] if j["other"]["id"] == "un-qde-900"
    ]
    assert (judged["entity"]["id"], judged["decided_by"]) == ("gb-hmt-9101", "proscribe dataset")
    assert judged["decided_at"][:10] == "2027-01-01"
