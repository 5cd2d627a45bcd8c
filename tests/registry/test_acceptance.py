"""Issue 2 acceptance: the seed story answered from the bundled dataset, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from typing import Any

from click.testing import CliRunner

from proscribe.cli import main
from proscribe.store import Store


def run(store: Store, *args: str) -> Any:
    result = CliRunner().invoke(main, ["--db", store.url, *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def only_list(data: dict[str, Any], code: str) -> dict[str, Any]:
    [entry] = [j for j in data["jurisdictions"] if j["jurisdiction"] == code]
    [item] = entry["lists"]
    return item


def test_russia_listed_with_pending_proposal(registry: Store) -> None:
    data = run(registry, "status", "Taliban", "--in", "RU", "--at", "2024-06-01")
    assert data["entity"] == {"id": "taliban", "name": "Taliban"}
    assert data["at"] == "2024-06-01"
    item = only_list(data, "RU")
    assert (item["list"], item["state"], item["since"]) == ("ru-terrorist", "listed", "2003-02-14")
    assert item["authority"] == "Supreme Court of the Russian Federation"
    assert [s["url"] for s in item["sources"]] == ["https://www.rferl.org/a/1102225.html"]
    [pending] = item["pending"]
    assert (pending["action"], pending["date"]) == ("propose_delist", "2024-05-27")
    # "Ministry of Foreign Affairs and Ministry of Justice of Russia (report to the President)": both.
    assert pending["authority"] == "Ministry of Foreign Affairs of Russia; Ministry of Justice of Russia"
    assert pending["sources"][0]["url"] == "https://1lurer.am/en/2024/06/03/1/1135417"
    # The ministries reported to the President: the curated source says who decides.
    assert pending["deciders"] == [
        {
            "authority": "President of Russia",
            "sources": [{"url": "https://1lurer.am/en/2024/06/03/1/1135417", **_title(pending)}],
        }
    ]
    assert item["conflicts"] == []


def _title(pending: dict[str, Any]) -> dict[str, Any]:
    """The source reference's other fields, as the pending proposal's own sources give them."""
    [source] = pending["sources"]
    return {key: value for key, value in source.items() if key != "url"}


def test_a_draft_order_awaits_parliament(registry: Store) -> None:
    """The UK's 2021 order extending the ban to all of Hamas was laid subject to Parliament's approval."""
    item = only_list(run(registry, "status", "Hamas", "--in", "GB", "--at", "2021-11-22"), "GB")
    [pending] = item["pending"]
    assert (pending["action"], pending["date"]) == ("propose_list", "2021-11-19")
    assert [d["authority"] for d in pending["deciders"]] == ["UK Parliament"]
    later = only_list(run(registry, "status", "Hamas", "--in", "GB", "--at", "2021-11-27"), "GB")
    assert later["pending"] == []


def test_russia_suspended_in_2025_by_two_sources(registry: Store) -> None:
    item = only_list(run(registry, "status", "Taliban", "--in", "RU", "--at", "2025-06-01"), "RU")
    assert (item["state"], item["since"]) == ("suspended", "2025-04-17")
    assert len(item["sources"]) == 2
    assert item["pending"] == []


def test_knowledge_time_hides_later_reports(registry: Store) -> None:
    data = run(registry, "status", "Taliban", "--in", "RU", "--at", "2024-06-01", "--as-of", "2024-01-01")
    assert data["as_of"] == "2024-01-01"
    item = only_list(data, "RU")
    assert (item["state"], item["since"], item["pending"]) == ("listed", "2003-02-14", [])


def test_kyrgyzstan_delisting_is_one_event_with_two_sources(registry: Store) -> None:
    item = only_list(run(registry, "status", "Талибан", "--in", "KG", "--at", "2024-10-01"), "KG")
    assert (item["list"], item["state"], item["since"]) == ("kg-banned", "not_listed", "2024-09-02")
    assert len(item["sources"]) == 2
    previous = item["previous"]
    assert (previous["state"], previous["since"]) == ("listed", "2006-09-15")
    assert previous["authority"] == "Pervomaisky District Court of Bishkek"


def test_kazakhstan_delisting_date_conflict_is_shown_as_uncertain(registry: Store) -> None:
    item = only_list(run(registry, "status", "Taliban", "--in", "KZ", "--at", "2024-03-01"), "KZ")
    assert item["state"] == "uncertain"
    assert set(item["candidates"]) == {"listed", "not_listed"}
    delisting = [c for c in item["conflicts"] if "delist" in c["description"]]
    [conflict] = delisting
    assert "2023-12-29" in conflict["description"] and "2024-06-03" in conflict["description"]
    assert conflict["window"] == "2023-12-29/2024-06-02"
    listing = [c for c in item["conflicts"] if "of the list" in c["description"]]
    [year_conflict] = listing
    assert "2005-03-15" in year_conflict["description"] and "2015" in year_conflict["description"]
    # The 2006 state claim is RFE/RL's report of the list, shipped in the curated dataset.
    assert year_conflict["resolution"] == "2015 set aside: already listed on 2006-10-12 per a curated source"


def test_matrix_has_one_row_per_jurisdiction_with_taliban_data(registry: Store) -> None:
    data = run(registry, "matrix", "--entity", "taliban", "--at", "2024-06-01")
    states = {(r["jurisdiction"], r["list"]): r["state"] for r in data["rows"]}
    # Canada, Tajikistan and Turkey are known only from 2025-04-17 reports that they "still list" the
    # Taliban: before that day the dataset says nothing, and the matrix says so instead of guessing.
    assert states == {
        ("CA", "ca-terrorist"): "no_data",
        ("KG", "kg-banned"): "listed",
        ("KZ", "kz-terrorist"): "uncertain",
        ("RU", "ru-terrorist"): "listed",
        ("TJ", "tj-terrorist"): "no_data",
        ("TR", "tr-terrorist"): "no_data",
        ("UN", "un-1267"): "not_listed",
        ("UN", "un-1988"): "listed",
    }
    later = run(registry, "matrix", "--entity", "taliban", "--at", "2025-06-01")
    assert {r["jurisdiction"]: r["state"] for r in later["rows"] if r["list"] != "un-1267"} == {
        "CA": "listed",
        "KG": "not_listed",
        "KZ": "not_listed",
        "RU": "suspended",
        "TJ": "listed",
        "TR": "listed",
        "UN": "listed",
    }


def test_changes_include_the_2025_suspension(registry: Store) -> None:
    data = run(registry, "changes", "--since", "2025-01-01", "--until", "2025-12-31", "--in", "RU")
    rows = {(c["entity_id"], c["action"], c["date"]) for c in data["changes"]}
    assert ("taliban", "suspend", "2025-04-17") in rows
    assert all(c["jurisdiction"] == "RU" for c in data["changes"])


def test_changes_name_each_body_once_however_sources_word_it(registry: Store) -> None:
    """Two outlets' wordings of Trump's order are one body; "Treasury and State" beside "Treasury" is
    two bodies, once each; Canada's "Minister / Governor in Council" listings name both bodies."""
    data = run(registry, "changes", "--since", "2025-11-01", "--in", "US", "--entity", "muslim-brotherhood")
    rows = [(c["date"], c["list"], c["action"], c["authority"]) for c in data["changes"]]
    assert rows == [
        ("2025-11-24", "us-fto", "propose_list", "President of the United States"),
        ("2026-01-13", "us-fto", "list", "U.S. Department of State"),
        ("2026-01-13", "us-sdgt", "list", "U.S. Department of the Treasury (OFAC); U.S. Department of State"),
    ]
    canada = run(registry, "changes", "--since", "2024-06-01", "--until", "2024-06-30", "--in", "CA")
    assert [(c["entity_id"], c["authority"]) for c in canada["changes"]] == [
        ("irgc", "Public Safety Canada; Governor in Council")
    ]


def test_init_twice_adds_nothing(store: Store) -> None:
    runner = CliRunner()
    first = runner.invoke(main, ["--db", store.url, "init"])
    assert first.exit_code == 0 and "380 claims" in first.output
    assert "recorded 7 identity judgements shipped with the dataset" in first.output
    second = runner.invoke(main, ["--db", store.url, "init"])
    assert second.exit_code == 0
    assert "0 new claims" in second.output
    assert "judgements" not in second.output
    assert len(store.reader().judgements()) == 7
    assert store.reader().count_claims() == 380


def test_list_filters_take_any_case_and_refuse_unknown_lists(registry: Store) -> None:
    """A filter on a misspelt list matched nothing, and "no change" / "no hit" read as an answer;
    now an unknown list is an error naming it (exit 2), with the closest ids, and case is ignored."""
    lower = run(registry, "changes", "--since", "2000-01-01", "--list", "ru-terrorist")
    upper = run(registry, "changes", "--since", "2000-01-01", "--list", "RU-Terrorist")
    assert upper["changes"] == lower["changes"] and len(lower["changes"]) > 0
    for args in (
        ["changes", "--since", "2000-01-01", "--list", "ru-terorist"],
        ["screen", "Taliban", "--list", "ru-terorist"],
    ):
        result = CliRunner().invoke(main, ["--db", registry.url, *args])
        assert result.exit_code == 2, result.output
        assert "unknown list 'ru-terorist': did you mean ru-terrorist" in result.output
    hits = run(registry, "screen", "Taliban", "--list", "RU-TERRORIST")
    assert [r["entity_id"] for r in hits["results"]][:1] == ["taliban"]


def test_changes_cut_short_by_limit_say_so_and_go_on_with_the_cursor(registry: Store) -> None:
    """A table or CSV of the first N changes must not pass for all of them: stderr says more follow
    and how to get them; --cursor goes on; limits below 1 are refused; a cursor keeps its order."""
    everything = run(registry, "changes", "--since", "1900-01-01")["changes"]
    first = CliRunner().invoke(
        main, ["--db", registry.url, "changes", "--since", "1900-01-01", "--limit", "5"]
    )
    assert first.exit_code == 0
    assert "note: the first 5 changes; more follow: add --cursor " in first.stderr
    cursor = first.stderr.split("--cursor ", 1)[1].split()[0]
    rest = run(registry, "changes", "--since", "1900-01-01", "--limit", "100000", "--cursor", cursor)
    assert [c["id"] for c in rest["changes"]] == [c["id"] for c in everything[5:]]
    whole = CliRunner().invoke(main, ["--db", registry.url, "changes", "--since", "1900-01-01"])
    assert "more follow" not in whole.stderr
    for args in (["changes", "--since", "1900-01-01", "--limit", "0"], ["search", "x", "--limit", "0"]):
        refused = CliRunner().invoke(main, ["--db", registry.url, *args])
        assert refused.exit_code == 2 and "Invalid value for '--limit'" in refused.output
    backwards = CliRunner().invoke(
        main, ["--db", registry.url, "changes", "--since", "1900-01-01", "--newest-first", "--cursor", cursor]
    )
    assert backwards.exit_code == 2 and "this cursor pages oldest first" in backwards.output


def test_a_jurisdiction_overview_says_which_of_its_lists_are_closed(registry: Store) -> None:
    from proscribe import query

    overview = query.jurisdiction_overview(registry.reader(), "GB")
    closed = {item["id"]: item["list_closed"] for item in overview["lists"]}
    assert closed["gb-hmt"] is not None
    assert (closed["gb-hmt"]["on"], closed["gb-hmt"]["succeeded_by"]) == ("2026-01-28", "gb-uksl")
    assert closed["gb-proscribed"] is None
    blank = CliRunner().invoke(main, ["--db", registry.url, "status", "  "])
    assert blank.exit_code == 2 and "an entity name or id is needed" in blank.output


def test_status_gives_the_legal_basis_and_where_it_comes_from(registry: Store) -> None:
    """By what legal basis: the deciding act's own (UN 1988 regime, per its curated source), else the
    list's (Russia's federal terrorist list rests on Federal Law No. 35-FZ), saying which."""
    data = run(registry, "status", "Taliban", "--in", "RU", "--in", "UN", "--at", "2024-06-01")
    basis = {item["list"]: item["legal_basis"] for j in data["jurisdictions"] for item in j["lists"]}
    assert basis["ru-terrorist"] == {
        "text": "Federal Law No. 35-FZ On Countering Terrorism",
        "from": "the list",
    }
    assert basis["un-1988"] == {"text": "UNSCR 1988 (2011)", "from": "the act's sources"}
    # Since the suspension of 2025-04-17, the basis is the one its sources give.
    table = CliRunner().invoke(
        main,
        ["--db", registry.url, "status", "Taliban", "--in", "RU", "--at", "2025-06-01", "--format", "csv"],
    )
    assert "legal_basis" in table.output.splitlines()[0]
    assert "Federal Law On Countering Terrorism (2024 amendments)" in table.output


def test_a_listing_of_part_of_an_organisation_says_which_part(registry: Store) -> None:
    """The scope an event gives reaches the answers a compliance reader acts on, not only the timeline."""

    def scopes(entity: str, at: str) -> dict[str, Any]:
        data = run(registry, "status", entity, "--at", at)
        return {item["list"]: item["scope"] for j in data["jurisdictions"] for item in j["lists"]}

    # The EU listed Hezbollah's military wing (2013); the UK its External Security Organisation
    # (2001), then its military wing (2008), then all of it (2019).
    in_2015 = scopes("hezbollah", "2015-06-01")
    assert (in_2015["eu-terrorist"], in_2015["gb-proscribed"]) == (
        "military wing",
        "External Security Organisation; military wing",
    )
    assert scopes("hezbollah", "2020-06-01")["gb-proscribed"] == "whole organisation"
    assert scopes("hezbollah", "2000-06-01")["gb-proscribed"] is None  # not listed yet
    # The US listed three chapters of the Muslim Brotherhood, not the movement.
    brotherhood = scopes("muslim-brotherhood", "2026-02-01")
    assert (brotherhood["us-fto"], brotherhood["us-sdgt"], brotherhood["eg-terrorist"]) == (
        "chapter",
        "chapter",
        None,
    )
    rows = run(registry, "matrix", "--entity", "hezbollah", "--at", "2015-06-01")["rows"]
    assert {r["list"]: r["scope"] for r in rows} == in_2015
    screened = CliRunner().invoke(
        main,
        ["--db", registry.url, "screen", "Hizbullah", "--in", "EU", "--at", "2015-06-01", "--format", "csv"],
    )
    assert screened.exit_code == 0, screened.output
    assert "EU:eu-terrorist:listed (military wing)" in screened.output


def test_a_partial_listing_reported_without_its_part_named_is_still_that_part(registry: Store) -> None:
    """Sources that do not repeat which part was listed must not turn a partial listing into a
    second, whole one. Before, New Zealand's 2010 listing of Hamas's military wing ("Military wing
    (Qassam Brigades) designated since 2010") read as all of Hamas listed since 2010; the EU's
    listing of Hezbollah's military wing, reported on 22 and 25 July 2013, and the US SDGT
    listing of Muslim Brotherhood chapters were each two listings, one of the whole organisation."""
    nz = only_list(run(registry, "status", "hamas", "--in", "NZ", "--at", "2015-01-01"), "NZ")
    assert (nz["state"], nz["scope"], nz["since"]) == ("listed", "military wing", "2010")
    # Egypt's court designated the armed wing in January 2015, then the whole movement in February.
    egypt = run(registry, "status", "hamas", "--in", "EG", "--at", "2015-03-01")["jurisdictions"][0]["lists"]
    terrorist = next(item for item in egypt if item["list"] == "eg-terrorist")
    assert (terrorist["scope"], terrorist["since"], terrorist["scope_since"]) == (
        "whole organisation",
        "2015-01-31",
        "2015-02-28",
    )

    def events(entity: str, jurisdiction: str, list_id: str) -> list[tuple[str, str, str | None, int]]:
        data = run(registry, "timeline", entity, "--in", jurisdiction)
        [timeline] = [t for t in data["timelines"] if t["list"] == list_id]
        return [(e["date"], e["action"], e["scope"], len(e["claims"])) for e in timeline["events"]]

    assert events("hezbollah", "EU", "eu-terrorist") == [("2013-07-22", "list", "military wing", 2)]
    assert events("muslim-brotherhood", "US", "us-sdgt") == [("2026-01-13", "list", "chapter", 2)]
    assert events("hezbollah", "DE", "de-ban") == [("2020-04-30", "list", "whole organisation", 2)]
    changes = run(registry, "changes", "--since", "2013-07-01", "--until", "2013-07-31", "--in", "EU")
    assert [(c["date"], c["entity_id"], c["action"]) for c in changes["changes"]] == [
        ("2013-07-22", "hezbollah", "list")
    ]


def test_a_designation_extended_to_the_whole_organisation_says_since_when_and_by_what_act(
    registry: Store,
) -> None:
    """The UK proscribed Hamas's military wing in 2001 and all of Hamas on 2021-11-26; Australia listed
    its military wing in 2003 and all of it on 2022-03-04. "Listed since 2001, whole organisation"
    would read as if all of Hamas had been proscribed since 2001: the answer says when the listing
    was extended, and by which act."""
    data = run(registry, "status", "hamas", "--in", "GB", "--in", "AU", "--at", "2026-01-01")
    lists = {item["list"]: item for j in data["jurisdictions"] for item in j["lists"]}
    uk, au = lists["gb-proscribed"], lists["au-terrorist"]
    assert (uk["scope"], uk["since"], uk["scope_since"]) == ("whole organisation", "2001-03-29", "2021-11-26")
    assert (au["scope"], au["since"], au["scope_since"]) == ("whole organisation", "2003-11", "2022-03-04")
    extension = uk["scope_extension"]
    assert {key: extension[key] for key in ("date", "scope", "authority", "legal_basis")} == {
        "date": "2021-11-26",
        "scope": "whole organisation",
        "authority": "Home Secretary; UK Parliament",
        "legal_basis": "Terrorism Act 2000 Schedule 2",
    }
    assert [source["title"] for source in extension["sources"]] == [
        "Patel seeks to make Hamas an illegal terrorist organisation (Press and Journal)"
    ]
    # The state began with the act that set the scope: no extension to tell of.
    in_2010 = run(registry, "status", "hamas", "--in", "GB", "--at", "2010-01-01")["jurisdictions"][0][
        "lists"
    ]
    assert [(i["scope"], i["scope_since"], i["scope_extension"]) for i in in_2010] == [
        ("military wing", "2001-03-29", None)
    ]
    # The tables say it in the scope column: CLI status and matrix alike.
    table = CliRunner().invoke(
        main, ["--db", registry.url, "status", "hamas", "--in", "GB", "--at", "2026-01-01", "--format", "csv"]
    )
    assert "whole organisation (since 2021-11-26)" in table.output
    rows = run(registry, "matrix", "--entity", "hezbollah", "--in", "GB", "--at", "2020-06-01")["rows"]
    assert {r["list"]: (r["scope"], r["scope_since"]) for r in rows}["gb-proscribed"] == (
        "whole organisation",
        "2019-03-01",
    )


def test_an_amendment_of_a_un_entry_says_the_entity_was_listed(registry: Store) -> None:
    """The dataset's amendments attest listings it gives no date for, and date none (resolver rule 13).

    HTS was added to the UN list in June 2018 as a name of the Nusrah Front's entry, and struck off in
    November 2025; UNSCR 2253 (2015) reframed the regime ISIL was listed under, it did not list ISIL.
    """
    hts = only_list(run(registry, "status", "hts", "--in", "UN", "--at", "2024-01-01"), "UN")
    assert (hts["list"], hts["state"], hts["since"]) == ("un-1267", "listed", "2018-06")
    assert (hts["conflicts"], hts["pending"]) == ([], [])
    after = only_list(run(registry, "status", "hts", "--in", "UN", "--at", "2026-01-01"), "UN")
    assert (after["state"], after["since"], after["previous"]["state"]) == (
        "not_listed",
        "2025-11-06",
        "listed",
    )
    isil = only_list(run(registry, "status", "isil", "--in", "UN", "--at", "2024-01-01"), "UN")
    assert (isil["state"], isil["since"], isil["conflicts"]) == ("listed", "2015-12-17", [])
    assert (
        only_list(run(registry, "status", "isil", "--in", "UN", "--at", "2015-01-01"), "UN")["state"]
        == "no_data"
    )
