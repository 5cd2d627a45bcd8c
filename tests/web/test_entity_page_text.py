"""The entity page beyond its happy path: markers close in time each take their own clicks, a listing
on a list its publisher closed is not painted as one in force, names in another script keep their
direction, and without JavaScript every state and event still shows its sources."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

ASIA_PLUS = (
    "https://www.asiaplustj.info/en/news/world/20250418/russia-removes-afghanistans-taliban-from-terror-list"
)


@pytest.mark.parametrize("width", [800, 390])
def test_markers_close_in_time_are_each_clicked_with_the_mouse(page: Page, width: int) -> None:
    """Kazakhstan's sources date the Taliban's delisting 2023-12-29 or 2024-06-03: five months apart,
    their markers overlapped on a track spanning 26 years, and the later took the earlier's clicks."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/entities/taliban?at=2024-03-01")
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    evidence = page.locator("#evidence")
    for day, who in (
        ("2023-12-29", "Ministry of Foreign Affairs"),
        ("2024-06-03", "President of Kazakhstan"),
    ):
        marker = page.locator(f'.tl-ev[data-jurisdiction="KZ"][data-date="{day}"]')
        marker.click()  # a real mouse click at the marker's centre: it fails if another marker covers it
        expect(marker).to_have_attribute("aria-pressed", "true")
        expect(evidence.locator("p strong").first).to_have_text(
            re.compile(rf"^delist on {day} by .*{who}.* · Kazakhstan$")
        )
    # Both keep their place in time; the later one moved down a lane.
    boxes = [
        page.locator(f'.tl-ev[data-jurisdiction="KZ"][data-date="{day}"]').bounding_box()
        for day in ("2023-12-29", "2024-06-03")
    ]
    assert boxes[0] is not None and boxes[1] is not None
    assert boxes[0]["x"] < boxes[1]["x"] and boxes[1]["y"] > boxes[0]["y"] + boxes[0]["height"]


def test_a_listing_only_on_a_closed_list_is_not_painted_as_in_force(uk_page: Page) -> None:
    """OFSI's MÜLLER (gb-hmt-9002, regime "Narnia") is on gb-hmt alone, which OFSI closed on
    2026-01-28: before then the UK lists him; from then on the map says it is the last recorded state
    of a closed list, and the legend counts it so."""
    uk_page.goto("/entities/gb-hmt-9002?at=2025-12-31")
    expect(uk_page.locator("body")).to_have_attribute("data-ready", "true")
    gb = uk_page.locator('g.country[data-code="GB"]')
    expect(gb).to_have_attribute("data-state", "listed")
    uk_page.goto("/entities/gb-hmt-9002?at=2026-06-01")
    expect(uk_page.locator("body")).to_have_attribute("data-ready", "true")
    expect(gb).to_have_attribute("data-state", "closed")
    expect(gb.locator("title")).to_have_text("United Kingdom: on a closed list (its last recorded state)")
    expect(uk_page.locator("#count-listed")).to_have_text("0")
    expect(uk_page.locator("#count-closed")).to_have_text("1")
    expect(uk_page.locator('#legend li[data-state="closed"]')).to_contain_text(
        "On a closed list (last recorded)"
    )
    # An entity also on an open list of the same jurisdiction is listed there: gb-hmt-9001 on gb-sanctions-ct.
    uk_page.goto("/entities/gb-hmt-9001?at=2026-06-01")
    expect(uk_page.locator("body")).to_have_attribute("data-ready", "true")
    expect(gb).to_have_attribute("data-state", "listed")


def test_names_in_another_script_keep_their_direction(page: Page) -> None:
    page.goto("/entities/taliban")
    arabic = page.locator("ul.aliases li", has_text="طالبان")
    expect(arabic).to_have_attribute("dir", "auto")
    assert arabic.evaluate("(el) => getComputedStyle(el).direction") == "rtl"
    latin = page.locator("ul.aliases li", has_text="Taleban").first
    assert latin.evaluate("(el) => getComputedStyle(el).direction") == "ltr"


def test_without_javascript_every_state_and_event_shows_its_sources(scriptless_page: Page) -> None:
    page = scriptless_page
    page.goto("/entities/taliban?at=2025-06-01")
    text = page.locator("#timeline-text")
    expect(text).to_be_visible()
    russia = text.locator('ul[data-jurisdiction="RU"][data-list="ru-terrorist"]')
    suspension = russia.locator('li[data-kind="event"]', has_text="suspend on 2025-04-17")
    expect(suspension.locator(f'a[href="{ASIA_PLUS}"]')).to_have_count(1)
    # Kazakhstan's uncertain window, with the sources of both dates.
    window = text.locator('ul[data-jurisdiction="KZ"] li[data-kind="interval"]', has_text="uncertain")
    expect(window).to_contain_text("uncertain from 2023-12-29 to 2024-06-03")
    dates = text.locator('ul[data-jurisdiction="KZ"] li[data-kind="conflict"]', has_text="of the delist")
    expect(dates).to_contain_text(
        "conflict: sources disagree on the date of the delist: "
        "2023-12-29 (3 sources) vs 2024-06-03 (2 sources)"
    )
    expect(dates.locator("a")).not_to_have_count(0)
    # Text inside <noscript> counts only for the elements in it (Playwright leaves it out of a parent's).
    said = page.locator("#evidence noscript p")
    expect(said).to_be_visible()
    expect(said).to_contain_text("Without JavaScript nothing can be selected here")
    expect(page.locator("#ev-empty")).to_be_hidden()
