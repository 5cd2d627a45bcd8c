"""OFAC enhanced XML adapter: lists and programs, names in several scripts, alias types and quality."""

from __future__ import annotations

import re
from datetime import date

import pytest
from adapter_helpers import FIXTURES

from proscribe.errors import FormatError
from proscribe.sources.common import InputFile
from proscribe.sources.registry import parse_files, read_inputs


def test_fixture_record() -> None:
    parsed = parse_files("us-ofac-enhanced-xml", read_inputs([FIXTURES / "ofac-enhanced" / "enhanced.xml"]))
    assert parsed.snapshot_date == date(2024, 5, 24)
    [front] = parsed.records
    assert (front.key, front.kind, front.list_ids, front.listed_on) == (
        "777",
        "organisation",
        ("us-sdn", "us-sdgt"),
        date(2019, 3, 1),
    )
    assert [(n.value, n.kind, n.script) for n in front.names] == [
        ("EXAMPLE FRONT", "primary", "Latn"),
        ("جبهة المثال", "alias", "Arab"),
        ("OLD FRONT", "former", "Latn"),
        ("EF", "weak_alias", "Latn"),
    ]
    assert parsed.unmapped == {"sanctionsProgram=MOONPROG": 1}


def test_missing_entities_is_a_format_error() -> None:
    data = (
        b"<sanctionsData><publicationInfo><dataAsOf>2024-01-01</dataAsOf></publicationInfo></sanctionsData>"
    )
    with pytest.raises(FormatError, match=re.escape("h.xml: line 1: no <entities> element")):
        parse_files("us-ofac-enhanced-xml", [InputFile("h.xml", data)])
