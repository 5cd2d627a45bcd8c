"""The screening page in a real browser: a hit that may be the same entity as another says so."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


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
    expect(notice).to_have_text("may be the same as KARIM EXAMPLE AL-MUSTERI (also a hit here)")
    expect(notice.locator("a")).to_have_attribute("href", "/entities/un-qdi-961")
    expect(notice).to_have_attribute(
        "title", "same name 'KARIM EXAMPLE AL-MUSTERI'; same date of birth 1971-03-14"
    )
    un = page.locator('#screen-table tr[data-query="Karim Example al-Musteri"][data-entity="un-qdi-961"]')
    expect(un.locator(".may-be")).to_have_text(
        "may be the same as Karim Example AL-MUSTERI (also a hit here)"
    )
    expect(page.locator('#screen-table tr[data-query="Hamas"] .may-be')).to_have_count(0)
