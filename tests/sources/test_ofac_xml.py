"""OFAC sdnList XML adapter: names as `LAST, First`, weak akas, programs to lists, count warnings."""

from __future__ import annotations

import re
from datetime import date

import pytest
from adapter_helpers import FIXTURES

from proscribe.errors import FormatError
from proscribe.sources.common import InputFile
from proscribe.sources.registry import parse_files, read_inputs


def test_fixture_records() -> None:
    parsed = parse_files("us-ofac-sdn-xml", read_inputs([FIXTURES / "ofac-xml" / "sdn.xml"]))
    assert parsed.snapshot_date == date(2021, 3, 15)
    assert [(r.key, r.kind, r.list_ids) for r in parsed.records] == [
        ("10", "organisation", ("us-sdn", "us-sdgt", "us-fto")),
        ("11", "person", ("us-sdn",)),
    ]
    assert [(n.value, n.kind) for n in parsed.records[0].names] == [
        ("EXAMPLE TRADING LLC", "primary"),
        ("EXAMPLE TRADE", "alias"),
        ("ETL", "weak_alias"),
        ("OLD EXAMPLE TRADING", "former"),
    ]
    assert [n.value for n in parsed.records[1].names] == ["DOE, John", "DOE, Johnny"]
    assert parsed.unmapped == {"program=NEWPROG": 1}
    assert [w.rsplit("/", 1)[-1] for w in parsed.warnings] == [
        "sdn.xml: Record_Count says 3, the file holds 2 entries"
    ]


def test_missing_publish_date_is_a_format_error() -> None:
    data = b'<sdnList xmlns="http://tempuri.org/sdnList.xsd"><publshInformation/></sdnList>'
    with pytest.raises(
        FormatError, match=re.escape("x.xml: publshInformation: missing or malformed Publish_Date")
    ):
        parse_files("us-ofac-sdn-xml", [InputFile("x.xml", data)])


def test_unexpected_element_is_named_with_its_line() -> None:
    data = b"<sdnList>\n<publshInformation/>\n<surprise/></sdnList>"
    with pytest.raises(FormatError, match=re.escape("y.xml: line 3: unexpected element <surprise>")):
        parse_files("us-ofac-sdn-xml", [InputFile("y.xml", data)])


def test_address_countries_are_the_records_countries_not_its_nationality() -> None:
    address = "<address><uid>{}</uid><city>{}</city><country>{}</country></address>"
    addresses = "".join(
        address.format(uid, city, country)
        for uid, city, country in (
            (1, "Dubai", "United Arab Emirates"),
            (2, "Baghdad", "Iraq"),
            (3, "", "Iraq"),
        )
    )
    data = (
        '<sdnList xmlns="http://tempuri.org/sdnList.xsd"><publshInformation>'
        "<Publish_Date>04/06/2018</Publish_Date></publshInformation>"
        "<sdnEntry><uid>10</uid><lastName>SAMPLE LLC</lastName><sdnType>Entity</sdnType>"
        f"<addressList>{addresses}</addressList>"
        "<nationalityList><nationality><uid>4</uid><country>Syria</country></nationality></nationalityList>"
        "</sdnEntry></sdnList>"
    ).encode()
    [record] = parse_files("us-ofac-sdn-xml", [InputFile("c.xml", data)]).records
    assert record.country == "United Arab Emirates; Iraq"
