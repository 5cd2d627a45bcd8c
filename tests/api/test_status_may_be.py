"""A status answer names the entities the asked one may be (suggested pairs no analyst has decided),
with their own designations: a person the UN and OFSI list under two entries is two entities until
merged, and the answer about one of them must not read as if the other's listing did not exist.

Over the UN and OFSI fixtures of `pairs` (tests/fixtures/lists/people): the UN's KARIM EXAMPLE
AL-MUSTERI (un-qdi-961) and OFSI's entry 9301 share a name and a date of birth; OFSI's 2021-06-01 file
holds 9301 on the two lists its regime maps to, while its 2020-06-01 file did not, hence the dated
range of its listing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from click.testing import CliRunner

from proscribe import clock
from proscribe.api.tokens import create_token
from proscribe.cli import main

if TYPE_CHECKING:
    from conftest import Live

KARIM_UK = {"id": "gb-hmt-9301", "name": "Karim Example AL-MUSTERI"}
KARIM_WHY = "same name 'KARIM EXAMPLE AL-MUSTERI'; same date of birth 1971-03-14"


def _uk_list(list_id: str, name: str, state: str, last_seen: str | None) -> dict[str, Any]:
    return {
        "jurisdiction": "GB",
        "list": list_id,
        "list_name": name,
        "state": state,
        "since": "2020-06-02/2021-06-01",
        "authority": "HM Treasury (OFSI)",
        "last_seen": last_seen,
    }


def _uk_lists(state: str, last_seen: str | None) -> list[dict[str, Any]]:
    return [
        _uk_list("gb-hmt", "Consolidated List of Financial Sanctions Targets in the UK", state, last_seen),
        _uk_list("gb-sanctions-ct", "UK financial sanctions targets (counter-terrorism)", state, last_seen),
    ]


def test_a_status_answer_names_whom_the_entity_may_be_and_their_designations(pairs: Live) -> None:
    with pairs.client() as http:
        answer = http.get("/api/status", params={"entity": "un-qdi-961", "in": "GB"}).json()
        # The UN's entry alone has nothing in GB; the OFSI entry it may be is listed there.
        assert answer["jurisdictions"] == [{"jurisdiction": "GB", "lists": []}]
        assert answer["may_be"] == [
            {
                "entity": KARIM_UK,
                "kind": "person",
                "lists": _uk_lists("listed", "2021-06-01"),
                "listed_where_this_is_not": ["GB"],
                "why": KARIM_WHY,
                "cautions": [],
                "command": "proscribe identity merge un-qdi-961 gb-hmt-9301 --reason '...'",
            }
        ]
        # Asked without --in, the UN listing counts for this entity, and GB is still the gap.
        everywhere = http.get("/api/status", params={"entity": "un-qdi-961"}).json()
        assert [j["jurisdiction"] for j in everywhere["jurisdictions"]] == ["UN"]
        assert everywhere["may_be"][0]["listed_where_this_is_not"] == ["GB"]

        # Each side names the other: OFSI's entry may be the UN's, listed in the UN where it is not.
        other_way = http.get("/api/status", params={"entity": "gb-hmt-9301", "in": "UN"}).json()
        assert [(m["entity"]["id"], m["listed_where_this_is_not"]) for m in other_way["may_be"]] == [
            ("un-qdi-961", ["UN"])
        ]
        assert [(x["list"], x["state"]) for x in other_way["may_be"][0]["lists"]] == [("un-1267", "listed")]

        # On a day before OFSI's entry was known to be listed, its state there was uncertain: no gap.
        earlier = http.get("/api/status", params={"entity": "un-qdi-961", "at": "2020-12-31"}).json()
        assert earlier["may_be"][0]["lists"] == _uk_lists("uncertain", None)
        assert earlier["may_be"][0]["listed_where_this_is_not"] == []
        # As known before OFSI's 2021-06-01 file, no source had reported its entry: an audit of that
        # day names no pair (the UN listing it knew is answered alone); from that file's day it does.
        audit = http.get(
            "/api/status", params={"entity": "un-qdi-961", "at": "2021-05-15", "as_of": "2021-05-15"}
        ).json()
        assert [j["jurisdiction"] for j in audit["jurisdictions"]] == ["UN"]
        assert audit["may_be"] == []
        known = http.get(
            "/api/status",
            params={"entity": "un-qdi-961", "in": "GB", "at": "2021-06-01", "as_of": "2021-06-01"},
        ).json()
        assert [(m["entity"], m["lists"], m["listed_where_this_is_not"]) for m in known["may_be"]] == [
            (KARIM_UK, _uk_lists("listed", "2021-06-01"), ["GB"])
        ]

        # A UN front with two OFSI namesakes that OFSI lists apart: both named, neither on a UN list.
        front = http.get("/api/status", params={"entity": "un-nae-001", "in": "UN"}).json()
        assert [(m["entity"]["id"], m["lists"], m["cautions"]) for m in front["may_be"]] == [
            ("gb-hmt-9103", [], []),
            ("gb-hmt-9104", [], []),
        ]
        # The bundled data holds no undecided pair about the Taliban.
        assert http.get("/api/status", params={"entity": "taliban"}).json()["may_be"] == []


def test_once_an_analyst_decides_the_answer_counts_or_drops_the_other_entity(pairs: Live) -> None:
    _, secret = create_token(pairs.store, "analyst")
    auth = {"Authorization": f"Bearer {secret}"}
    with pairs.client() as http:

        def judge(judgement: str, entity_id: str, other_id: str, reason: str) -> None:
            body = {"judgement": judgement, "entity_id": entity_id, "other_id": other_id, "reason": reason}
            answer = http.post("/api/identity/judgements", headers=auth, json=body)
            assert answer.status_code == 200, answer.text

        judge("same", "un-qdi-961", "gb-hmt-9301", "same name and date of birth on both lists")
        answer = http.get("/api/status", params={"entity": "un-qdi-961", "in": "GB"}).json()
        assert answer["entity"]["id"] == "gb-hmt-9301"
        assert [(x["list"], x["state"]) for x in answer["jurisdictions"][0]["lists"]] == [
            ("gb-hmt", "listed"),
            ("gb-sanctions-ct", "listed"),
        ]
        assert answer["may_be"] == []

        judge("distinct", "un-nae-001", "gb-hmt-9103", "a UN front in another country")
        front = http.get("/api/status", params={"entity": "un-nae-001"}).json()
        assert [m["entity"]["id"] for m in front["may_be"]] == ["gb-hmt-9104"]


def test_the_status_table_shows_the_designations_the_rows_above_miss(pairs: Live) -> None:
    runner = CliRunner()
    table = runner.invoke(main, ["--db", pairs.db_url, "status", "un-qdi-961", "--at", "2022-01-01"])
    assert table.exit_code == 0, table.output
    lines = table.stdout.splitlines()
    title = (
        "May be the same as (kept apart until an analyst merges them: their lists are not counted above) (2)"
    )
    at = lines.index(title)
    assert lines[at + 1].split() == [
        "ENTITY_ID",
        "NAME",
        "JURISDICTION",
        "LIST",
        "STATE",
        "SINCE",
        "LAST_SEEN",
        "WHY",
    ]
    # One row per list of the other entity; its id, name and evidence said once.
    assert lines[at + 3].split() == [
        "gb-hmt-9301",
        "Karim",
        "Example",
        "AL-MUSTERI",
        "GB",
        "gb-hmt",
        "listed",
        "(not",
        "above)",
        "2020-06-02/2021-06-01",
        "2021-06-01",
        *KARIM_WHY.split(),
    ]
    assert lines[at + 4].split() == [
        "GB",
        "gb-sanctions-ct",
        "listed",
        "(not",
        "above)",
        "2020-06-02/2021-06-01",
        "2021-06-01",
    ]
    assert len(lines) == at + 5

    # The namesakes have no UN list: one `no_data` row each.
    front = runner.invoke(main, ["--db", pairs.db_url, "status", "un-nae-001", "--in", "UN"])
    rows = front.stdout.splitlines()[-2:]
    assert [row.split() for row in rows] == [
        ["gb-hmt-9103", "NARNIA", "TRADING", "CO", "no_data", "same", "name", "'NARNIA", "TRADING", "CO'"],
        ["gb-hmt-9104", "NARNIA", "TRADING", "CO", "no_data", "same", "name", "'NARNIA", "TRADING", "CO'"],
    ]
    # An entity nobody may be prints no such part.
    taliban = runner.invoke(main, ["--db", pairs.db_url, "status", "taliban", "--in", "CA"])
    assert "May be the same as" not in taliban.stdout


def test_a_timeline_names_whom_the_entity_may_be_with_their_states_on_the_day_known(pairs: Live) -> None:
    with pairs.client() as http:
        answer = http.get("/api/timeline", params={"entity": "un-qdi-961", "in": "GB"}).json()
        # No GB timeline of its own: the OFSI entry it may be holds the two GB listings, as of today.
        assert answer["timelines"] == []
        assert answer["may_be_at"] == clock.today().isoformat()
        assert [(m["entity"], m["lists"], m["listed_where_this_is_not"]) for m in answer["may_be"]] == [
            (KARIM_UK, _uk_lists("listed", "2021-06-01"), ["GB"])
        ]
        # As known on 2021-06-01, its states are on that day; a day earlier, OFSI's entry was unreported.
        known = http.get(
            "/api/timeline", params={"entity": "un-qdi-961", "in": "GB", "as_of": "2021-06-01"}
        ).json()
        assert known["may_be_at"] == "2021-06-01"
        assert known["may_be"][0]["lists"] == _uk_lists("listed", "2021-06-01")
        before = http.get("/api/timeline", params={"entity": "un-qdi-961", "as_of": "2021-05-31"}).json()
        assert [t["list"] for t in before["timelines"]] == ["un-1267"]
        assert before["may_be"] == []

    # The table ends with the same part; the UN listing is in the timelines above, so only GB is a gap.
    table = CliRunner().invoke(main, ["--db", pairs.db_url, "timeline", "un-qdi-961"])
    assert table.exit_code == 0, table.output
    lines = table.stdout.splitlines()
    title = (
        "May be the same as (kept apart until an analyst merges them: their timelines are not above; "
        "states today, or on the --as-of day) (2)"
    )
    at = lines.index(title)
    assert [line.split()[:7] for line in lines[at + 3 : at + 5]] == [
        ["gb-hmt-9301", "Karim", "Example", "AL-MUSTERI", "GB", "gb-hmt", "listed"],
        ["GB", "gb-sanctions-ct", "listed", "(not", "above)", "2020-06-02/2021-06-01", "2021-06-01"],
    ]
    assert len(lines) == at + 5
    # Nobody may be the Taliban: no such part.
    taliban = CliRunner().invoke(main, ["--db", pairs.db_url, "timeline", "taliban", "--in", "CA"])
    assert "May be the same as" not in taliban.stdout


def test_on_the_real_un_and_sdn_lists_a_un_person_answers_with_his_ofac_entry(un_sdn_live: Live) -> None:
    # The UN's ERIC BADEGE (CDi.001) and OFAC's ent_num 15718 share his name and year of birth; OFAC
    # states no UN number for him, so the linker keeps them apart. Asked about the US, the UN's entity
    # alone has no data; its answer names the SDN listing it would otherwise miss.
    with un_sdn_live.client() as http:
        answer = http.get("/api/status", params={"entity": "CDi.001", "in": "US", "at": "2025-12-01"}).json()
    assert answer["jurisdictions"] == [{"jurisdiction": "US", "lists": []}]
    assert answer["may_be"] == [
        {
            "entity": {"id": "ofac-15718", "name": "BADEGE, Eric"},
            "kind": "person",
            "lists": [
                {
                    "jurisdiction": "US",
                    "list": "us-sdn",
                    "list_name": "Specially Designated Nationals and Blocked Persons List (SDN)",
                    "state": "listed",
                    "since": "2024-04-10",
                    "authority": "U.S. Department of the Treasury (OFAC)",
                    "last_seen": "2024-04-10",
                }
            ],
            "listed_where_this_is_not": ["US"],
            "why": "same name 'BADEGE, Eric'; same date of birth 1971",
            "cautions": [],
            "command": "proscribe identity merge ofac-15718 un-cdi-001 --reason '...'",
        }
    ]
