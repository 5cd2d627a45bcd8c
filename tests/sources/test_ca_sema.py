"""Canada SEMA XML adapter: keys from regime code, schedule and item; people and entities."""

from __future__ import annotations

import re

import pytest
from adapter_helpers import FIXTURES

from proscribe.errors import FormatError
from proscribe.sources.common import InputFile
from proscribe.sources.registry import parse_files, read_inputs


def test_fixture_records() -> None:
    parsed = parse_files("ca-sema", read_inputs([FIXTURES / "ca" / "sema.xml"]))
    assert parsed.snapshot_date is None
    assert [(r.key, r.kind, [n.value for n in r.names]) for r in parsed.records] == [
        ("MM-1-7", "organisation", ["Example Gems Co. Ltd.", "Example Gems", "Example Gemstones Company"]),
        ("Narnia-Narnie-2-1", "person", ["Jane Q. DOE"]),
    ]
    assert parsed.unmapped == {"Country=Narnia / Narnie": 1}


def test_record_without_item_is_a_format_error() -> None:
    data = b"<data-set>\n<record><Country>Iran</Country><Entity>X</Entity></record></data-set>"
    with pytest.raises(FormatError, match=re.escape("s.xml: line 2 <record>: missing Country or Item")):
        parse_files("ca-sema", [InputFile("s.xml", data)])
