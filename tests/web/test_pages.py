"""The web UI in a real browser: the Taliban page's map, slider, legend, timeline and evidence; screening."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from playwright.sync_api import Page, expect

if TYPE_CHECKING:
    from conftest import Server

pytestmark = pytest.mark.browser

Shoot = Callable[[Page, str], None]
ASIA_PLUS = (
    "https://www.asiaplustj.info/en/news/world/20250418/russia-removes-afghanistans-taliban-from-terror-list"
)


def _state(page: Page, code: str) -> str | None:
    return page.get_attribute(f'g.country[data-code="{code}"]', "data-state")


def _counts(page: Page) -> dict[str, int]:
    states = ("listed", "suspended", "uncertain", "not_listed", "no_data")
    return {s: int(page.inner_text(f"#count-{s}")) for s in states}


def _slide_to(page: Page, day: str) -> None:
    """Move the range slider to `day` the way dragging does: set its value, fire `input`."""
    page.eval_on_selector(
        "#date-slider",
        "(el, day) => { el.value = Dates.parseDay(day); el.dispatchEvent(new Event('input')); }",
        day,
    )


def test_taliban_map_legend_and_timeline_follow_the_slider(page: Page, shoot: Shoot) -> None:
    page.goto("/entities/taliban?at=2024-06-01")
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    expect(page.locator("#date-label")).to_have_text("2024-06-01")
    assert _state(page, "RU") == "listed"
    assert _state(page, "KG") == "listed"
    assert _state(page, "KZ") in ("uncertain", "not_listed")
    before = _counts(page)
    shoot(page, "taliban-2024-06-01")

    _slide_to(page, "2025-06-01")
    expect(page.locator("#date-label")).to_have_text("2025-06-01")
    assert _state(page, "RU") == "suspended"
    after = _counts(page)
    assert after["suspended"] == before["suspended"] + 1
    assert page.url.endswith("/entities/taliban?at=2025-06-01")
    row = page.locator('#status-table tr[data-jurisdiction="RU"][data-list="ru-terrorist"]')
    expect(row).to_have_attribute("data-state", "suspended")

    suspension = page.locator('.tl-ev[data-jurisdiction="RU"][data-action="suspend"]')
    expect(suspension).to_have_attribute("data-date", "2025-04-17")
    suspension.click()
    expect(suspension).to_have_attribute("aria-pressed", "true")
    evidence = page.locator("#evidence")
    expect(evidence).to_contain_text("suspend on 2025-04-17")
    expect(evidence.locator(f'a[href="{ASIA_PLUS}"]')).to_have_count(1)
    shoot(page, "taliban-2025-06-01-evidence")


def test_the_map_agrees_with_the_api_matrix_at_several_dates(page: Page) -> None:
    page.goto("/entities/taliban")
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    strongest = ("listed", "suspended", "uncertain", "not_listed")
    for day in ("2002-01-01", "2003-02-14", "2024-06-01", "2025-04-16", "2025-04-17", "2025-06-01"):
        _slide_to(page, day)
        rows = page.request.get(f"/api/matrix?entity=taliban&at={day}").json()["rows"]
        expected: dict[str, str] = {}
        for row in rows:
            if row["state"] in strongest:
                now = expected.get(row["jurisdiction"])
                if now is None or strongest.index(row["state"]) < strongest.index(now):
                    expected[row["jurisdiction"]] = row["state"]
        for code in ("RU", "KZ", "KG", "TJ", "TR", "CA"):
            assert _state(page, code) == expected.get(code, "no_data"), (day, code)


def test_the_timeline_and_slider_work_from_the_keyboard(page: Page) -> None:
    page.goto("/entities/taliban?at=2025-06-01")
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    page.focus("#date-slider")
    page.keyboard.press("ArrowRight")
    expect(page.locator("#date-label")).to_have_text("2025-06-02")
    page.keyboard.press("PageDown")
    expect(page.locator("#date-label")).to_have_text("2025-05-03")
    suspension = page.locator('.tl-ev[data-jurisdiction="RU"][data-action="suspend"]')
    suspension.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#evidence")).to_contain_text("Supreme Court of the Russian Federation")


def test_the_entity_page_fits_a_phone_screen(page: Page, shoot: Shoot) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/entities/taliban?at=2024-06-01")
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shoot(page, "taliban-phone")


def test_screening_talibans_russian_name(page: Page, shoot: Shoot) -> None:
    page.goto("/screen")
    page.fill("#names", 'Талибан\nAcme Trading LLC\n=HYPERLINK("http://evil.example","x")')
    page.click("#screen-run")
    expect(page.locator("#screen-status")).to_have_text("Screened 3 names: 1 with a possible match.")
    hit = page.locator('#screen-table tr[data-query="Талибан"][data-entity="taliban"]')
    expect(hit).to_contain_text("Taliban")
    expect(hit).to_contain_text("RU ru-terrorist (suspended)")
    expect(page.locator('#screen-table tr[data-query="Acme Trading LLC"]')).to_contain_text("no match")
    with page.expect_download() as download:
        page.click("#dl-csv")
    text = download.value.path().read_text(encoding="utf-8")
    assert text.splitlines()[0] == (
        "query,entity_id,name,matched_name,score,detail,designations,birth_dates,may_be_same_as"
    )
    assert text.splitlines()[1].startswith("Талибан,taliban,Taliban,Талибан,")
    # A name a spreadsheet would run as a formula is downloaded as text.
    assert text.splitlines()[-1] == '"\'=HYPERLINK(""http://evil.example"",""x"")",,,,,no match,,,'
    shoot(page, "screening")


def test_news_page_highlights_the_evidence(page: Page, shoot: Shoot) -> None:
    page.goto("/news")
    page.fill(
        "#news-text",
        "Moscow, 17 April 2025. The Supreme Court of Russia suspended the ban on the Taliban on Thursday.",
    )
    page.click("#news-form button[type=submit]")
    # The dateline opening the text dates the article.
    expect(page.locator("#news-status")).to_have_text(
        "1 claim(s) found in an article published on 2025-04-17. Nothing has been stored."
    )
    expect(page.locator("#news-doc mark")).to_have_text(
        "The Supreme Court of Russia suspended the ban on the Taliban on Thursday."
    )
    expect(page.locator("#news-claims tbody tr")).to_contain_text("suspend")
    page.fill("#token", "psk_wrong")
    page.click("#ingest-form button[type=submit]")
    expect(page.locator("#ingest-status")).to_contain_text("Not added: a valid API token is required")
    shoot(page, "news")


def test_the_news_pages_publication_day_dates_relative_expressions(page: Page) -> None:
    """With no dateline, "on Thursday" needs the day the article was published: the form asks for it."""
    page.goto("/news")
    page.fill("#news-text", "The Supreme Court of Russia suspended the ban on the Taliban on Thursday.")
    page.click("#news-form button[type=submit]")
    expect(page.locator("#news-claims tbody tr td").nth(3)).to_have_text("?")
    page.fill("#news-published", "2025-04-18")
    page.click("#news-form button[type=submit]")
    expect(page.locator("#news-status")).to_have_text(
        "1 claim(s) found in an article published on 2025-04-18. Nothing has been stored."
    )
    expect(page.locator("#news-claims tbody tr td").nth(3)).to_have_text("2025-04-17")


REMOVAL = "On 6 November 2025 the UN Security Council removed the Haqqani Network from its sanctions list."


def _extract_removal(page: Page, published: str) -> None:
    """Read the Haqqani removal on the News page, given as published on `published`."""
    page.goto("/news")
    page.fill("#news-text", REMOVAL)
    page.fill("#news-published", published)
    page.click("#news-form button[type=submit]")


def test_the_news_page_warns_of_an_act_reported_done_after_publication(page: Page) -> None:
    """A removal of 6 November 2025 in an article given as published a year before: the page says
    the publication day is doubtful; with the right day, the warning goes."""
    _extract_removal(page, "2024-11-07")
    warnings = page.locator("#news-warnings")
    expect(warnings).to_be_visible()
    expect(warnings.locator("li")).to_have_text(
        re.compile(
            r"reports a delist of Haqqani Network \(UN\) on 2025-11-06 as done, "
            r"after its publication date 2024-11-07"
        )
    )
    page.fill("#news-published", "2025-11-07")
    page.click("#news-form button[type=submit]")
    expect(page.locator("#news-status")).to_contain_text("published on 2025-11-07")
    expect(warnings).to_be_hidden()


def test_adding_an_article_says_what_was_stored_and_a_corrected_date(
    own_page: Page, own_server: Server
) -> None:
    """With a token, the News page adds the article and says what the ingest did in words: first a
    new claim (and the date warning), then, read again with the right day, the date put right."""
    token = own_server.token("analyst")
    page = own_page
    _extract_removal(page, "2024-11-07")
    expect(page.locator("#news-claims tbody tr")).to_have_count(1)
    page.fill("#token", token)
    page.click("#ingest-form button[type=submit]")
    status = page.locator("#ingest-status")
    expect(status).to_contain_text("Added: 1 new claim(s) stored; 0 already held.")
    expect(status.locator("li")).to_contain_text("as done, after its publication date 2024-11-07")

    page.fill("#news-published", "2025-11-07")
    page.click("#news-form button[type=submit]")
    expect(page.locator("#news-warnings")).to_be_hidden()
    page.click("#ingest-form button[type=submit]")
    expect(status).to_contain_text(
        "Added: 0 new claim(s) stored; 1 already held; publication date put right."
    )
    expect(status.locator("li")).to_have_text(
        re.compile(r"publication date now 2025-11-07 \(stored as 2024-11-07\)")
    )


def test_the_news_page_names_the_law_an_act_was_made_under(page: Page) -> None:
    page.goto("/news")
    page.fill(
        "#news-text",
        "Russia's Supreme Court banned the Taliban in 2003 under the law on countering terrorism.",
    )
    page.click("#news-form button[type=submit]")
    expect(page.locator("#news-claims thead th").nth(5)).to_have_text("Legal basis")
    expect(page.locator("#news-claims tbody tr td").nth(5)).to_have_text(
        "Federal Law No. 35-FZ On Countering Terrorism"
    )


ARTICLE = (
    "Astana, 12 May 2025. A court in Kazakhstan recognised Hizb ut-Tahrir as an extremist organisation "
    "and banned its activities on Monday, the prosecutor said."
)
EVIDENCE = (
    "A court in Kazakhstan recognised Hizb ut-Tahrir as an extremist organisation and banned its activities "
    "on Monday, the prosecutor said."
)


def test_a_news_claim_shows_its_evidence_sentence_highlighted(
    page: Page, server: Server, shoot: Shoot
) -> None:
    made = subprocess.run(
        [str(server.cli), "token", "create", "browser-test"], env=server.env, capture_output=True
    )
    secret = made.stdout.decode().split()[0]
    stored = httpx.post(
        f"{server.url}/api/ingest/news",
        json={"text": ARTICLE, "url": "https://example.org/kz-hizb", "published_on": "2025-05-14"},
        headers={"Authorization": f"Bearer {secret}"},
        trust_env=False,
    )
    assert stored.json()["report"]["new_claims"] == 1
    page.goto("/entities/hizb-ut-tahrir?at=2025-06-01")
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    assert _state(page, "KZ") == "listed"
    page.click('.tl-ev[data-jurisdiction="KZ"][data-date="2025-05-12"]')
    evidence = page.locator("#evidence")
    expect(evidence.locator("mark")).to_have_text(EVIDENCE)
    expect(evidence.locator('a[href="https://example.org/kz-hizb"]')).to_have_count(1)
    shoot(page, "news-claim-evidence")


def test_a_proposal_says_who_decides_it(page: Page) -> None:
    """The Russian ministries' 2024 proposal went to the President: its marker and evidence say so."""
    page.goto("/entities/taliban?at=2024-06-01")
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    proposal = page.locator('.tl-ev.proposal[data-jurisdiction="RU"][data-date="2024-05-27"]')
    expect(proposal).to_have_attribute(
        "aria-label",
        re.compile(r"pending proposal: propose delist on 2024-05-27 by .*, decided by President of Russia "),
    )
    proposal.click()
    evidence = page.locator("#evidence")
    expect(evidence.locator("dt", has_text="Decided by")).to_have_count(1)
    expect(evidence.locator("dt:text-is('Decided by') + dd")).to_have_text("President")


def test_every_control_on_every_page_has_a_label(page: Page) -> None:
    pages = (
        "/",
        "/entities/taliban",
        "/jurisdictions",
        "/jurisdictions/RU",
        "/changes",
        "/screen",
        "/news",
        "/identity",
    )
    for path in (*pages, "/official-sources", "/official-sources/un-sc-consolidated", "/documents"):
        page.goto(path)
        unlabelled = page.evaluate(
            """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
                 .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                                 && !el.textContent.trim())
                 .map((el) => el.outerHTML.slice(0, 80))"""
        )
        assert unlabelled == [], (path, unlabelled)
        assert page.locator("h1").count() == 1, path
        assert page.locator("main#main").count() == 1, path


def test_the_time_span_narrows_the_timeline_without_moving_the_date(page: Page) -> None:
    page.goto("/entities/taliban?at=2024-06-01")
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    listing = page.locator('.tl-ev[data-jurisdiction="RU"][data-date="2003-02-14"]')
    expect(listing).to_have_count(1)
    page.select_option("#tl-span", "3")
    expect(listing).to_have_count(0)
    expect(page.locator('.tl-ev[data-jurisdiction="RU"][data-action="suspend"]')).to_have_count(1)
    expect(page.locator("#date-label")).to_have_text("2024-06-01")
    page.click('.tl-iv[data-jurisdiction="KZ"][data-state="uncertain"]')
    expect(page.locator("#evidence")).to_contain_text("Possible states in this window: listed, not listed.")
    page.select_option("#tl-span", "0")
    expect(listing).to_have_count(1)


def test_a_person_is_screened_with_a_date_of_birth_and_shows_the_listed_ones(
    own_page: Page, own_server: Server, tmp_path: Path
) -> None:
    """A date after the name (or in a CSV column `dob`) is weighed against the listed dates: one that
    differs takes a perfect name match under the threshold; the entity page shows the listed dates."""
    snapshot = Path(__file__).resolve().parents[1] / "fixtures" / "lists" / "un-births" / "un_2021-03-01.xml"
    subprocess.run(
        [str(own_server.cli), "ingest", "list", "un-sc-consolidated", str(snapshot)],
        env=own_server.env,
        check=True,
        capture_output=True,
    )
    page = own_page
    page.goto("/entities/un-qdi-951")
    expect(page.locator("#birth-dates")).to_contain_text(
        "1971-03-14 (un-sc-consolidated QDi.951); 1972 (un-sc-consolidated QDi.951)"
    )
    page.goto("/screen")
    page.fill("#names", "Abu Example al-Testi, 1990\nABU EXAMPLE AL-TESTI\t1971-03")
    upload = tmp_path / "people.csv"
    upload.write_text("name,dob\nAbu Example Al Testi,1972\n", encoding="utf-8")
    page.set_input_files("#csv", str(upload))
    page.click("#screen-run")
    expect(page.locator("#screen-status")).to_have_text("Screened 3 names: 2 with a possible match.")
    expect(page.locator('#screen-table tr[data-query="Abu Example al-Testi"]')).to_contain_text("no match")
    agreeing = page.locator('#screen-table tr[data-query="ABU EXAMPLE AL-TESTI"][data-entity="un-qdi-951"]')
    expect(agreeing).to_contain_text("date of birth 1971-03 agrees with listed 1971-03-14")
    expect(agreeing).to_contain_text("1971-03-14; 1972")
    from_file = page.locator('#screen-table tr[data-query="Abu Example Al Testi"][data-entity="un-qdi-951"]')
    expect(from_file).to_contain_text("date of birth 1972 agrees with listed 1972")


def test_screening_reads_names_from_an_uploaded_csv(page: Page, tmp_path: Path) -> None:
    upload = tmp_path / "names.csv"
    upload.write_text('id,name\n1,"Hamas"\n2,"Acme, Inc."\n3,Хезболла\n', encoding="utf-8")
    page.goto("/screen")
    page.set_input_files("#csv", str(upload))
    expect(page.locator("#csv-info")).to_have_text("3 names read from names.csv")
    page.click("#screen-run")
    expect(page.locator("#screen-status")).to_have_text("Screened 3 names: 2 with a possible match.")
    expect(page.locator('#screen-table tr[data-query="Hamas"][data-entity="hamas"]')).to_have_count(1)
    expect(page.locator('#screen-table tr[data-query="Acme, Inc."]')).to_contain_text("no match")
    expect(page.locator('#screen-table tr[data-query="Хезболла"][data-entity="hezbollah"]')).to_have_count(1)


def test_knowledge_time_shows_what_was_known_before_the_suspension(page: Page) -> None:
    page.goto("/entities/taliban?at=2025-06-01&as_of=2025-04-10")
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    assert _state(page, "RU") == "listed"
    expect(page.locator('.tl-ev[data-jurisdiction="RU"][data-action="suspend"]')).to_have_count(0)
    _slide_to(page, "2025-06-02")
    assert "as_of=2025-04-10" in page.url
    page.click("text=all sources")
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    expect(page.locator("#date-label")).to_have_text("2025-06-02")
    assert _state(page, "RU") == "suspended"


def test_the_status_table_notes_uncertainty_weak_evidence_and_a_closed_list(
    page: Page, uk_page: Page
) -> None:
    """The note an analyst needs beside a state (the CLI and API give it too) follows the slider."""

    def notes(tab: Page) -> dict[str, str]:
        cells = tab.locator("#status-table tbody tr")
        return {
            cells.nth(i).get_attribute("data-list") or "": cells.nth(i).locator("td").nth(5).inner_text()
            for i in range(cells.count())
        }

    def last_seen(tab: Page) -> dict[str, str]:
        cells = tab.locator("#status-table tbody tr")
        return {
            cells.nth(i).get_attribute("data-list") or "": cells.nth(i).locator("td").nth(4).inner_text()
            for i in range(cells.count())
        }

    page.goto("/entities/taliban?at=2024-03-01")
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    assert notes(page)["kz-terrorist"] == "sources disagree: delist on 2023-12-29 or 2024-06-03"
    _slide_to(page, "2025-06-01")
    expect(page.locator("#date-label")).to_have_text("2025-06-01")
    after = notes(page)
    assert after["kz-terrorist"] == (
        "start disputed: sources disagree on the date of the delist: "
        "2023-12-29 (3 sources) vs 2024-06-03 (2 sources)"
    )
    assert after["ca-terrorist"] == "at least since 2025-04-17 (per a curated source; earlier state unknown)"
    api = page.request.get("/api/status?entity=taliban&at=2025-06-01").json()
    assert after == {item["list"]: item["note"] or "" for j in api["jurisdictions"] for item in j["lists"]}

    uk_page.goto("/entities/gb-hmt-9001?at=2025-12-31")
    expect(uk_page.locator("body")).to_have_attribute("data-ready", "true")
    assert notes(uk_page)["gb-hmt"] == ""
    _slide_to(uk_page, "2026-01-28")
    closed = "list closed on 2026-01-28; succeeded by gb-uksl: the state is the last recorded from it"
    assert notes(uk_page) == {"gb-hmt": closed, "gb-sanctions-ct": ""}
    # The one OFSI file held is of 2020-03-15: a state years old says so, before that day nothing.
    assert last_seen(uk_page) == {"gb-hmt": "2020-03-15", "gb-sanctions-ct": "2020-03-15"}
    api = uk_page.request.get("/api/status?entity=gb-hmt-9001&at=2026-01-28").json()
    assert last_seen(uk_page) == {
        item["list"]: item["last_seen"] for j in api["jurisdictions"] for item in j["lists"]
    }
    _slide_to(uk_page, "2020-03-14")
    expect(uk_page.locator("#date-label")).to_have_text("2020-03-14")
    assert set(last_seen(uk_page).values()) == {""}
    uk_page.goto("/entities/gb-hmt-9001?at=2026-02-01")
    expect(uk_page.locator("body")).to_have_attribute("data-ready", "true")
    assert notes(uk_page)["gb-hmt"] == closed


def test_the_jurisdiction_page_says_a_closed_list_is_closed_not_in_force(uk_server: Server) -> None:
    def section(at: str) -> str:
        page = httpx.get(f"{uk_server.url}/jurisdictions/GB", params={"at": at}, trust_env=False).text
        start = page.index('<h2 id="list-gb-hmt">')
        return page[start : page.index("<h2", start + 1)]

    closed = section("2026-11-22")
    assert "closed by its publisher on 2026-01-28" in closed.lower()
    assert 'succeeded by <a href="#list-gb-uksl">UK Sanctions List</a> (gb-uksl)' in closed
    assert "not designations in force on 2026-11-22" in closed
    assert "Last recorded state" in closed and "State on 2026-11-22" not in closed
    assert "gb-hmt-9001" in closed  # the last recorded states are still shown
    open_then = section("2025-12-31")
    assert "closed" not in open_then.lower() and "State on 2025-12-31" in open_then


def test_the_status_table_says_which_part_of_an_organisation_is_listed(page: Page) -> None:
    """The page's own reading of the events (as the slider moves) gives the API's `scope`."""

    def scopes(tab: Page) -> dict[str, str]:
        cells = tab.locator("#status-table tbody tr")
        return {
            cells.nth(i).get_attribute("data-list") or "": cells.nth(i).locator("td").nth(2).inner_text()
            for i in range(cells.count())
        }

    page.goto("/entities/hezbollah?at=2015-06-01")
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    shown = scopes(page)
    assert shown["eu-terrorist"] == "listed\nmilitary wing"
    assert shown["gb-proscribed"] == "listed\nExternal Security Organisation; military wing (since 2008)"
    for day in ("2015-06-01", "2020-06-01"):
        _slide_to(page, day)
        expect(page.locator("#date-label")).to_have_text(day)
        api = page.request.get(f"/api/status?entity=hezbollah&at={day}").json()
        expected = {
            item["list"]: item["state"].replace("_", " ")
            + (f"\n{_scope_text(item)}" if item["scope"] else "")
            for j in api["jurisdictions"]
            for item in j["lists"]
        }
        assert scopes(page) == expected
    # Listed since 2001 (its External Security Organisation); all of it only since 2019.
    assert scopes(page)["gb-proscribed"] == "listed\nwhole organisation (since 2019-03-01)"


def _scope_text(item: dict[str, Any]) -> str:
    """The API's scope as the page words it: with the day a later listing extended it to that scope."""
    if item["scope_since"] and item["scope_since"] != item["since"]:
        return f"{item['scope']} (since {item['scope_since']})"
    return str(item["scope"])


def test_the_evidence_of_an_official_claim_names_its_list_record(uk_page: Page) -> None:
    """Selecting OFSI's dated listing shows the Group ID to look up in OFSI's file."""
    uk_page.goto("/entities/gb-hmt-9001")
    expect(uk_page.locator("body")).to_have_attribute("data-ready", "true")
    listing = uk_page.locator('.tl-ev[data-jurisdiction="GB"][data-action="list"]').first
    expect(listing).to_have_attribute("data-date", "2019-05-02")
    listing.click()
    evidence = uk_page.locator("#evidence")
    expect(evidence).to_contain_text("list on 2019-05-02")
    expect(evidence.locator("code.record")).to_have_text(["9001"])


def test_the_documents_page_lists_the_sources_held_by_organisation_and_day(page: Page) -> None:
    """The curated sources on the Taliban known from the second half of 2024, latest first, each
    linking to its page and the organisation's; the form asks the same again."""
    page.goto("/entities/taliban")
    page.locator("#documents-link a").click()
    expect(page).to_have_url(re.compile(r"/documents\?kind=all&entity=taliban$"))
    expect(page.locator("#documents tbody tr")).to_have_count(17)  # every curated source on it
    page.goto("/documents?until=1900-12-31")
    expect(page.locator("main")).to_contain_text("No document matches")  # no article that old
    page.select_option("#kind", "curated")
    page.fill("#entity", "Талибан")
    page.fill("#since", "2024-06-01")
    page.fill("#until", "2024-12-31")
    page.click("button[type=submit]")
    expect(page).to_have_url(
        re.compile(r"/documents\?kind=curated&since=2024-06-01&until=2024-12-31&entity=")
    )
    rows = page.locator("#documents tbody tr")
    expect(rows).to_have_count(5)
    days = [text.split()[0] for text in rows.locator("td:first-child").all_inner_texts()]
    assert days == ["2024-12-28", "2024-09-06", "2024-09-02", "2024-06-03", "2024-06-03"]
    first = rows.first
    expect(first.locator("td").nth(1)).to_contain_text("Business Online")
    # Its source gives no publication date: the day is the event's its claims report.
    expect(first.locator("td").first).to_contain_text("undated")
    expect(first.locator("td").nth(2).get_by_role("link", name="Taliban")).to_have_attribute(
        "href", "/entities/taliban"
    )
    assert first.locator("td").nth(3).inner_text() == "4"
