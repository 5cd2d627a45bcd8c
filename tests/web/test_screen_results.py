"""The screening page in a real browser: designations with the part listed, a date of birth the API
could not read (that name screened by name alone, the warning beside it), and a strong match the
filters left out, on the page and in its CSV download."""

from __future__ import annotations

import csv

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

UNREAD = (
    "date of birth '1999-13-01' not read: give it as YYYY-MM-DD, YYYY-MM or YYYY (a date such as "
    "03/04/1970 reads differently in Europe and the United States); screened by name alone"
)


def _download(page: Page) -> list[dict[str, str]]:
    with page.expect_download() as download:
        page.click("#dl-csv")
    return list(csv.DictReader(download.value.path().read_text(encoding="utf-8").splitlines()))


def test_designations_show_the_part_of_the_organisation_listed(page: Page) -> None:
    """The EU lists Hezbollah's military wing, the UK the whole organisation: the page says so beside
    each state, and the CSV writes the CLI's labels."""
    page.goto("/screen")
    page.fill("#names", "Hizballah")
    page.fill("#at", "2024-06-01")
    page.click("#screen-run")
    expect(page.locator("#screen-status")).to_have_text("Screened 1 names: 1 with a possible match.")
    hit = page.locator('#screen-table tr[data-query="Hizballah"][data-entity="hezbollah"]')
    expect(hit).to_contain_text("EU eu-terrorist (listed, military wing)")
    expect(hit).to_contain_text("GB gb-proscribed (listed, whole organisation)")
    expect(hit).to_contain_text("US us-fto (listed)")
    (row,) = _download(page)
    labels = row["designations"].split("; ")
    assert "EU:eu-terrorist:listed (military wing)" in labels
    assert "GB:gb-proscribed:listed (whole organisation)" in labels
    assert "US:us-fto:listed" in labels


def test_an_unreadable_date_of_birth_leaves_the_batch_screened_and_is_shown_by_its_name(
    page: Page,
) -> None:
    """Line 2's date cannot be read: Hamas is screened by name alone, the warning under it names the
    line; the other names are screened as ever."""
    page.goto("/screen")
    page.fill("#names", "Taliban\n\nHamas, 1999-13-01\nAcme Trading LLC")
    page.fill("#at", "2024-06-01")
    page.click("#screen-run")
    expect(page.locator("#screen-status")).to_have_text("Screened 3 names: 2 with a possible match.")
    hamas = page.locator('#screen-table tr[data-query="Hamas"][data-entity="hamas"]')
    expect(hamas.locator(".name-warning")).to_have_text(f"line 3: {UNREAD}")
    expect(page.locator("#screen-table .name-warning")).to_have_count(1)
    rows = {r["query"]: r for r in _download(page)}
    assert rows["Hamas"]["detail"] == f"exact alias 'Hamas'; line 3: {UNREAD}"
    assert rows["Taliban"]["detail"] == "exact alias 'Taliban'"
    assert rows["Acme Trading LLC"]["detail"] == "no match"


def test_a_date_written_another_way_is_split_off_and_said_unread(page: Page) -> None:
    """ "Hamas, 15/07/1963" and "Hamas 15.07.1963": left in the name, the digits would sink the
    score; split off, the date is refused as ambiguous and the name screened alone, with the warning."""
    page.goto("/screen")
    page.fill("#names", "Hamas, 15/07/1963\nTaliban 15.07.1963")
    page.fill("#at", "2024-06-01")
    page.click("#screen-run")
    expect(page.locator("#screen-status")).to_have_text("Screened 2 names: 2 with a possible match.")
    for query, line, day in (("Hamas", 1, "15/07/1963"), ("Taliban", 2, "15.07.1963")):
        row = page.locator(f'#screen-table tr[data-query="{query}"][data-entity="{query.lower()}"]')
        expect(row.locator(".name-warning")).to_contain_text(f"line {line}: date of birth '{day}' not read")


def test_a_strong_match_whose_state_is_left_out_is_noted(page: Page) -> None:
    """On 1980-01-01 Hamas was on no list: no result, but a note that its name matched."""
    page.goto("/screen")
    page.fill("#names", "Hamas")
    page.fill("#at", "1980-01-01")
    page.click("#screen-run")
    expect(page.locator("#screen-status")).to_have_text("Screened 1 names: 0 with a possible match.")
    note = (
        "1 strong match not shown (hamas): state not_listed on 1980-01-01, and the screening "
        "counts only listed, suspended"
    )
    row = page.locator('#screen-table tr[data-query="Hamas"]')
    expect(row).to_contain_text("no match")
    expect(row.locator(".not-shown")).to_have_text(note)
    (downloaded,) = _download(page)
    assert downloaded["detail"] == f"no match; {note}"
