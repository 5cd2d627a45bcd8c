"""Records that cite another list's record number link to that list's entity, people included.

OFSI's consolidated list writes the UN reference of a UN listing in `Other Information`, in the
numbering of its day ("UN Ref QI.A.901.13." is today's QDi.901). The fixtures: the UN test list
holds the person QDi.901 "ABU TESTER AL-EXAMPLI" (listed 2013-07-24); the hand-written OFSI list
of 2020-06-01 holds group 9201 "Abou Tester AL-EKZAMPLI", citing that reference, and 9202, a
person who cites none. People are never linked by name, so only the reference can join them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ingest_helpers import FIXTURES, fresh_store, shared

from proscribe import query
from proscribe.ingest.lists import ingest_list
from proscribe.query.identity import merge_suggestions
from proscribe.store import Store

UN = FIXTURES / "un" / "un_2020-01-01.xml"
UK = FIXTURES / "uk-references" / "conlist_2020-06-01.csv"


def _lists(store: Store, entity: str, day: date) -> dict[str, tuple[str, str | None]]:
    answer = query.status(store.reader(), entity, at=day)
    return {
        item["list"]: (item["state"], item["since"]) for j in answer["jurisdictions"] for item in j["lists"]
    }


def test_a_uk_record_citing_a_un_number_joins_the_un_entity(registry: Store) -> None:
    ingest_list(registry, "un-sc-consolidated", [UN])
    report = ingest_list(registry, "uk-hmt-ofsi-consolidated", [UK])
    assert report.new_entities == 1  # 9202 only
    assert _lists(registry, "un-qdi-901", date(2020, 7, 1)) == {
        "gb-hmt": ("listed", "2013-07-24"),
        "gb-sanctions-ct": ("listed", "2013-07-24"),
        "un-1267": ("listed", "2013-07-24"),
    }
    entity = registry.reader().entity("un-qdi-901")
    assert {i.key() for i in entity.identifiers} == {"un:QDi.901", "gb-hmt:9201"}
    assert registry.reader().resolve_ref("Abou Tester AL-EKZAMPLI")[0] == "un-qdi-901"
    assert registry.reader().resolve_ref("Hans SAMPLE")[0] == "gb-hmt-9202"


def test_the_link_holds_whichever_list_comes_first(registry: Store) -> None:
    ingest_list(registry, "uk-hmt-ofsi-consolidated", [UK])
    report = ingest_list(registry, "un-sc-consolidated", [UN])
    assert "un-qdi-901" not in registry.reader().entity_names()
    assert _lists(registry, "gb-hmt-9201", date(2020, 7, 1))["un-1267"] == ("listed", "2013-07-24")
    assert (report.records, report.new_entities) == (4, 3)  # QDi.901 joined gb-hmt-9201


def test_real_uk_list_links_its_un_listed_people(tmp_path: Any, shared_dir: Any) -> None:
    store = fresh_store(tmp_path)
    for name in ("un-consolidated_2016-02-11_excerpt.xml", "un-consolidated_2017-06-20.xml"):
        ingest_list(
            store, "un-sc-consolidated", [shared("un-sc-consolidated", name)], partial="excerpt" in name
        )
    ingest_list(
        store,
        "uk-hmt-ofsi-consolidated",
        [shared("uk-hmt-ofsi-consolidated", "hmt-sanctionsconlist_2014-04-02.csv")],
    )
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT e.kind, substr(r.entity_id, 1, 6), count(*) FROM record_spans r "
            "JOIN entities e ON e.id = r.entity_id WHERE r.source_name = 'uk-hmt-ofsi-consolidated' "
            "AND e.kind = 'person' AND r.entity_id LIKE 'un-%' GROUP BY 1, 2 ORDER BY 2"
        ).all()
    # Checked by hand: of the 2014 file's people citing an old Al-Qaida (QI) or Taliban (TI)
    # number, 174 and 129 are in the 2016-2017 UN files under QDi/TAi of that number, each the
    # same person by name or alias (the other 44 had left the UN list by then). 8 of the 174 write
    # the number `UN Ref:QI...`, `UN Ref: QI...` or with a comma (Malik Ishaq, Ahmad Zerfaoui, ...).
    assert [tuple(row) for row in rows] == [("person", "un-qdi", 174), ("person", "un-tai", 129)]
    # Abu Bakr al-Jaziri is the alias the UN gives QDi.058, BOUBEKEUR BOULGHITI.
    answer = query.status(store.reader(), "BOUBEKEUR BOULGHITI", at=date(2015, 1, 1))
    assert answer["entity"]["id"] == "un-qdi-058"
    assert {j["jurisdiction"] for j in answer["jurisdictions"]} == {"GB", "UN"}


def _with_rows(tmp_path: Any, day: str, *rows: str) -> Any:
    """The OFSI fixture re-dated to `day` (dd/mm/yyyy) with `rows` appended: a later or faulty snapshot."""
    lines = UK.read_text(encoding="cp1252").splitlines()
    lines[0] = f"Last Updated,{day}"
    path = tmp_path / f"conlist_{day.replace('/', '-')}.csv"
    path.write_text("\n".join([*lines, *rows]) + "\n", encoding="cp1252")
    return path


# Group 9203, Jane DOE, also cites QDi.901 (in its pre-2014 number).
CITING_901 = (
    'DOE,Jane,,,,,,,,,,,,,,,,,,,,,"UN Ref QI.A.901.13.",Individual,Prime Alias,Al-Qaida,'
    "01/07/2020,01/07/2020,9203"
)


def test_two_records_citing_one_un_number_are_reported_not_joined(registry: Store, tmp_path: Any) -> None:
    ingest_list(registry, "un-sc-consolidated", [UN])
    report = ingest_list(
        registry, "uk-hmt-ofsi-consolidated", [_with_rows(tmp_path, "01/06/2020", CITING_901)]
    )
    assert report.ambiguous == [
        "9201: entity un-qdi-901 is matched by several records: 9201, 9203",
        "9203: entity un-qdi-901 is matched by several records: 9201, 9203",
    ]
    assert report.links == {"new": 3}
    assert {i.key() for i in registry.reader().entity("un-qdi-901").identifiers} == {"un:QDi.901"}
    suggested = {
        (s["entity"]["id"], s["into"]["id"], bool(s["listed_apart"]))
        for s in merge_suggestions(registry.reader())["suggestions"]
    }
    # Each became an entity of its own, so the shared number puts every pair before the analyst; the
    # two UK records are flagged as ones the UK lists apart.
    assert suggested == {
        ("un-qdi-901", "gb-hmt-9201", False),
        ("un-qdi-901", "gb-hmt-9203", False),
        ("gb-hmt-9203", "gb-hmt-9201", True),
    }


def test_a_later_record_citing_a_joined_un_number_does_not_take_the_entity(
    registry: Store, tmp_path: Any
) -> None:
    ingest_list(registry, "un-sc-consolidated", [UN])
    ingest_list(registry, "uk-hmt-ofsi-consolidated", [UK])
    report = ingest_list(
        registry, "uk-hmt-ofsi-consolidated", [_with_rows(tmp_path, "01/07/2020", CITING_901)]
    )
    assert report.ambiguous == ["9203: entity un-qdi-901 is matched by several records: 9201, 9203"]
    assert report.links == {"earlier snapshot": 2, "new": 1}
    assert registry.reader().resolve_ref("Jane DOE")[0] == "gb-hmt-9203"
    assert _lists(registry, "un-qdi-901", date(2020, 7, 2))["gb-hmt"] == ("listed", "2013-07-24")
