"""Documents: sentence offsets, boilerplate, HTML main text, hostile bytes."""

from __future__ import annotations

import pytest

from proscribe.errors import FormatError, HostileInputError
from proscribe.news.document import check_text, date_from_text, fold, html_to_text, sentences


def test_sentences_keep_offsets_and_skip_abbreviations() -> None:
    text = "The U.S. listed the group on Sept. 2. Mr. Smith agreed.\nSecond line here!"
    found = sentences(text)
    assert [s.text for s in found] == [
        "The U.S. listed the group on Sept. 2.",
        "Mr. Smith agreed.",
        "Second line here!",
    ]
    assert all(text[s.start : s.end] == s.text for s in found)


def test_boilerplate_lines_are_dropped() -> None:
    text = (
        "Officials banned the group.\n\nLeave a Comment\n\n"
        "Your email address will not be published.\nScroll to Top"
    )
    assert [s.text for s in sentences(text)] == ["Officials banned the group."]


def test_metadata_date_prefix_is_not_part_of_the_sentence() -> None:
    text = " date 2024-03-01 The ministry banned the group."
    assert [s.text for s in sentences(text)] == ["The ministry banned the group."]
    assert date_from_text(text, None) is not None and date_from_text(text, None).isoformat() == "2024-03-01"


def test_fold_keeps_length() -> None:
    text = "Hay’at “Tahrir” – İstanbul"
    assert len(fold(text)) == len(text)
    assert fold(text).startswith('hay\'at "tahrir" - ')


def test_html_main_text_drops_scripts_navigation_and_cookie_banners() -> None:
    page = (
        "<html><head><title>T</title><meta property='article:published_time' content='2023-05-06T10:00'>"
        "<script>alert('x banned y')</script></head><body><nav>Home | News</nav>"
        "<div class='cookie-banner'>We use cookies</div><article><p>Canada listed the group.</p>"
        "<p>It was <b>banned</b> in 2003.</p></article><footer>Scroll to Top</footer></body></html>"
    )
    result = html_to_text(page, "page")
    assert result.text == "Canada listed the group.\nIt was banned in 2003."
    assert result.title == "T"
    assert result.published is not None and result.published.isoformat() == "2023-05-06"


def test_a_page_of_unclosed_inline_tags_is_read_to_its_end() -> None:
    """Each unclosed <font> nests the rest of the page one level deeper. Past 256 levels the parser
    dropped the rest of the page without a word: here, the only sentence that matters."""
    page = (
        "<html><body><p>Before.</p>"
        + "<font size='2'>x " * 1500
        + "<p>Paraguay designated Hamas a terrorist organisation.</p></body></html>"
    )
    text = html_to_text(page, "page").text
    assert text.startswith("Before.\nx x x")
    assert text.endswith("x\nParaguay designated Hamas a terrorist organisation.")


def test_html_nested_past_what_the_parser_reads_is_refused_not_cut() -> None:
    page = "<html><body>" + "<div>" * 2100 + "Paraguay designated Hamas a terrorist organisation."
    with pytest.raises(FormatError, match=r"^deep.html: HTML nested deeper than the parser reads \(2,048"):
        html_to_text(page, "deep.html")


def test_binary_and_oversize_input_are_refused() -> None:
    with pytest.raises(HostileInputError, match="binary"):
        check_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00", "x.png", 1000)
    with pytest.raises(HostileInputError, match="over the 10-byte limit"):
        check_text(b"a" * 11, "big.txt", 10)


def test_runaway_sentences_are_cut_at_a_break() -> None:
    text = "alpha beta, " * 500
    found = sentences(text)
    assert len(found) == 4
    assert all(len(s.text) <= 1500 for s in found)
    assert all(text[s.start : s.end] == s.text for s in found)
    assert found[0].text.endswith("beta,")
