"""The screening and news forms in a real browser: what they do without JavaScript, a CSV file not in
UTF-8, and the title an article is stored under."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest
from playwright.sync_api import Page, expect

if TYPE_CHECKING:
    from conftest import Server

pytestmark = pytest.mark.browser


def test_screening_without_javascript_puts_no_name_in_the_address(scriptless_page: Page) -> None:
    page = scriptless_page
    page.goto("/screen")
    expect(page.locator("#needs-script")).to_contain_text("Screening on this page needs JavaScript")
    page.fill("#names", "Jane Example")
    with page.expect_request("**/screen") as sent:
        page.click("#screen-run")
    assert sent.value.method == "POST"
    assert "Jane+Example" in (sent.value.post_data or "")  # in the body, never in the URL
    expect(page.locator("#not-screened")).to_contain_text("Nothing was screened.")
    assert page.url.endswith("/screen")
    assert "Jane" not in page.content()


@pytest.mark.parametrize(
    ("content", "warned"),
    [
        ("name\nH\xe9zbollah\n".encode("cp1252"), True),
        ("\ufeffname\nHézbollah\n".encode(), False),  # UTF-8 with a byte-order mark
    ],
)
def test_a_csv_not_in_utf_8_is_read_as_windows_1252_and_said_so(
    page: Page, tmp_path: Path, content: bytes, warned: bool
) -> None:
    upload = tmp_path / "names.csv"
    upload.write_bytes(content)
    page.goto("/screen")
    page.set_input_files("#csv", str(upload))
    expect(page.locator("#csv-info")).to_have_text("1 names read from names.csv")
    warning = page.locator("#csv-warning")
    if warned:
        expect(warning).to_be_visible()
        expect(warning).to_have_text(
            "names.csv is not UTF-8: it was read as Windows-1252 (Western European): check the names "
            "in the results, and if they look wrong, save it as CSV UTF-8 and choose it again."
        )
    else:
        expect(warning).to_be_hidden()
    page.click("#screen-run")
    expect(page.locator("#screen-status")).to_have_text("Screened 1 names: 1 with a possible match.")
    expect(page.locator('#screen-table tr[data-query="Hézbollah"][data-entity="hezbollah"]')).to_have_count(1)


def test_an_article_added_from_the_news_page_keeps_the_title_given(
    own_page: Page, own_server: Server
) -> None:
    token = own_server.token("analyst")
    page = own_page
    page.goto("/news")
    page.fill(
        "#news-text",
        "On 6 November 2025 the UN Security Council removed the Haqqani Network from its sanctions list.",
    )
    page.fill("#news-published", "2025-11-07")
    page.fill("#news-title", "UN drops the Haqqani Network")
    page.click("#news-form button[type=submit]")
    expect(page.locator("#news-claims tbody tr")).to_have_count(1)
    page.fill("#token", token)
    page.click("#ingest-form button[type=submit]")
    expect(page.locator("#ingest-status")).to_contain_text("Added: 1 new claim(s) stored")
    held = httpx.get(f"{own_server.url}/api/documents", params={"kind": "news"}, trust_env=False).json()
    assert [d["title"] for d in held["documents"]] == ["UN drops the Haqqani Network"]


def test_a_name_too_long_to_screen_is_named_by_its_line_and_nothing_is_sent(page: Page) -> None:
    """The API refuses a batch holding a name over 400 characters; the page says which line before
    sending anything, so the other names are not taken for screened."""
    page.goto("/screen")
    page.fill("#names", "Hamas\n" + "x" * 401 + "\nTaliban")
    sent: list[str] = []
    page.on("request", lambda request: sent.append(request.url) if "/api/screen" in request.url else None)
    page.click("#screen-run")
    expect(page.locator("#screen-status")).to_have_text(
        "Nothing screened: line 2 has 401 characters; a name to screen has at most 400."
    )
    assert sent == []
