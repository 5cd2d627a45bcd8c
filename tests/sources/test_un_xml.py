"""UN consolidated XML adapter: golden output on a hand-written fixture, and format drift errors."""

from __future__ import annotations

import re

import pytest
from adapter_helpers import FIXTURES, golden

from proscribe.errors import FormatError
from proscribe.sources.common import InputFile
from proscribe.sources.registry import parse_files, read_inputs


def test_golden_first_snapshot() -> None:
    parsed = parse_files("un-sc-consolidated", read_inputs([FIXTURES / "un" / "un_2020-01-01.xml"]))
    expected, actual = golden("un_2020-01-01.json", parsed)
    assert actual == expected


def test_reference_numbers_are_trimmed_and_unmapped_values_counted() -> None:
    parsed = parse_files("un-sc-consolidated", read_inputs([FIXTURES / "un" / "un_2020-01-01.xml"]))
    assert [r.key for r in parsed.records] == ["QDi.901", "TAi.902", "QDe.900", "NAe.001"]
    assert parsed.unmapped == {"UN_LIST_TYPE=Narnia": 1, "QUALITY=maybe": 1, "LISTED_ON=not a date": 1}


def test_second_snapshot_reads_one_line_layout() -> None:
    parsed = parse_files("un-sc-consolidated", read_inputs([FIXTURES / "un" / "un_2020-02-01.xml"]))
    assert parsed.snapshot_date is not None and parsed.snapshot_date.isoformat() == "2020-02-01"
    assert [r.key for r in parsed.records] == ["TAi.902", "QDi.903", "QDe.900", "NAe.001"]


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("wrong_root.xml", "wrong_root.xml: line 2: root is <sdnList>, not CONSOLIDATED_LIST"),
        ("missing_ref.xml", "missing_ref.xml: line 4 <ENTITY>: missing REFERENCE_NUMBER"),
        ("truncated.xml", "truncated.xml: line 25: malformed XML: Premature end of data in tag LISTED_ON"),
    ],
)
def test_drift_names_file_and_line(fixture: str, message: str) -> None:
    with pytest.raises(FormatError) as caught:
        parse_files("un-sc-consolidated", read_inputs([FIXTURES / "hostile" / fixture]))
    assert message in str(caught.value)


def test_missing_date_attribute_is_a_format_error() -> None:
    data = b"<CONSOLIDATED_LIST><INDIVIDUALS/></CONSOLIDATED_LIST>"
    with pytest.raises(
        FormatError, match=re.escape("nodate.xml: CONSOLIDATED_LIST: missing or malformed dateGenerated")
    ):
        parse_files("un-sc-consolidated", [InputFile("nodate.xml", data)])
