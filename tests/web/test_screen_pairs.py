"""The screening page in a real browser: a hit that may be the same entity as another says so, with
the evidence and its doubts, as the CLI's notes do."""

from __future__ import annotations

import csv

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser
KARIM_WHY = "same name 'KARIM EXAMPLE AL-MUSTERI'; same date of birth 1971-03-14"


def test_a_hit_says_which_entity_it_may_be_and_whether_that_is_a_hit_too(pairs_page: Page) -> None:
    """The UN's and OFSI's KARIM EXAMPLE AL-MUSTERI (a pair no analyst has decided) are two hits,
    each naming the other; a name with no such pair gets no notice."""
    page = pairs_page
    page.goto("/screen")
    page.fill("#names", "Karim Example al-Musteri\nHamas")
    page.fill("#at", "2022-01-01")
    page.click("#screen-run")
    expect(page.locator("#screen-status")).to_have_text("Screened 2 names: 2 with a possible match.")
    uk = page.locator('#screen-table tr[data-query="Karim Example al-Musteri"][data-entity="gb-hmt-9301"]')
    notice = uk.locator('.may-be[data-other="un-qdi-961"]')
    expect(notice).to_have_text(f"may be the same as KARIM EXAMPLE AL-MUSTERI (also a hit here): {KARIM_WHY}")
    expect(notice.locator("a")).to_have_attribute("href", "/entities/un-qdi-961")
    expect(notice).to_have_attribute("title", KARIM_WHY)
    expect(notice.locator(".cautions")).to_have_count(0)
    un = page.locator('#screen-table tr[data-query="Karim Example al-Musteri"][data-entity="un-qdi-961"]')
    expect(un.locator(".may-be")).to_have_text(
        f"may be the same as Karim Example AL-MUSTERI (also a hit here): {KARIM_WHY}"
    )
    expect(page.locator('#screen-table tr[data-query="Hamas"] .may-be')).to_have_count(0)


def test_a_pairs_doubts_are_shown_and_downloaded_as_the_cli_shows_them(pairs_page: Page) -> None:
    """The UN's and OFSI's YUSUF PLACEHOLDI share a name but not a date of birth: the notice gives the
    evidence and, set apart, the doubt (`cautions`); the CSV cell carries the doubt in brackets, as
    the CLI's CSV does."""
    page = pairs_page
    page.goto("/screen")
    page.fill("#names", "Yusuf Placeholdi")
    page.fill("#at", "2022-01-01")
    page.click("#screen-run")
    expect(page.locator("#screen-status")).to_have_text("Screened 1 names: 1 with a possible match.")
    notice = page.locator('#screen-table tr[data-entity="gb-hmt-9304"] .may-be[data-other="un-qdi-964"]')
    doubt = "their dates of birth differ (1955; 1962)"
    expect(notice).to_have_text(
        f"may be the same as YUSUF PLACEHOLDI (also a hit here): same name 'YUSUF PLACEHOLDI'; but {doubt}"
    )
    expect(notice.locator(".cautions")).to_have_text(doubt)
    with page.expect_download() as download:
        page.click("#dl-csv")
    rows = list(csv.DictReader(download.value.path().read_text(encoding="utf-8").splitlines()))
    assert [(r["entity_id"], r["may_be_same_as"]) for r in rows] == [
        ("gb-hmt-9304", f"un-qdi-964 (also a hit) [but {doubt}]"),
        ("un-qdi-964", f"gb-hmt-9304 (also a hit) [but {doubt}]"),
    ]


def test_a_hit_from_a_closed_list_shows_the_closing_day_on_the_page_and_in_the_csv(pairs_page: Page) -> None:
    """Screened for a day after OFSI closed gb-hmt (2026-01-28), OFSI's entry shows that list's state
    with the closing day, on the page and in the CSV; the regime's list, still open, shows none."""
    page = pairs_page
    page.goto("/screen")
    page.fill("#names", "Karim Example al-Musteri")
    page.fill("#at", "2026-02-01")
    page.click("#screen-run")
    expect(page.locator("#screen-status")).to_have_text("Screened 1 names: 1 with a possible match.")
    uk = page.locator('#screen-table tr[data-query="Karim Example al-Musteri"][data-entity="gb-hmt-9301"]')
    expect(uk).to_contain_text("GB gb-hmt (listed, list closed 2026-01-28); GB gb-sanctions-ct (listed)")
    with page.expect_download() as download:
        page.click("#dl-csv")
    rows = list(csv.DictReader(download.value.path().read_text(encoding="utf-8").splitlines()))
    assert {r["entity_id"]: r["designations"] for r in rows}["gb-hmt-9301"] == (
        "GB:gb-hmt:listed (list closed 2026-01-28); GB:gb-sanctions-ct:listed"
    )
