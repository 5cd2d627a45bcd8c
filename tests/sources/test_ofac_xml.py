"""OFAC sdnList XML adapter: names as `LAST, First`, weak akas, programs to lists, count warnings."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

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
        ("12", "vessel", ("us-sdn",)),
        ("31", "organisation", ("us-sdn",)),
        ("30", "vessel", ("us-sdn",)),
    ]
    assert [(n.value, n.kind) for n in parsed.records[0].names] == [
        ("EXAMPLE TRADING LLC", "primary"),
        ("EXAMPLE TRADE", "alias"),
        ("ETL", "weak_alias"),
        ("OLD EXAMPLE TRADING", "former"),
    ]
    assert [n.value for n in parsed.records[1].names] == ["DOE, John", "DOE, Johnny"]
    assert parsed.unmapped == {
        "program=NEWPROG": 1,
        "dateOfBirth=1380 AH": 1,
        "Vessel Registration Identification=IMO 9123454": 1,
    }
    assert [w.rsplit("/", 1)[-1] for w in parsed.warnings] == [
        "sdn.xml: Record_Count says 6, the file holds 5 entries"
    ]


def test_a_vessels_registration_id_is_its_imo_number_and_a_companys_is_not_read() -> None:
    """The fixture: SEA STAR's `Vessel Registration Identification` `IMO 9123453` is kept (its MMSI
    is not); SEA MIST's `IMO 9123454` fails its check digit (that of 912345 is 3): counted, not kept.
    MYSTERY SHIPPING CO's id of that type is its IMO company number, as OFAC gives nine DPRK shipping
    companies one: not a ship's, not read."""
    parsed = parse_files("us-ofac-sdn-xml", read_inputs([FIXTURES / "ofac-xml" / "sdn.xml"]))
    assert [(r.key, [i.key() for i in r.identifiers]) for r in parsed.records[2:]] == [
        ("12", ["ofac:12", "imo:9123453"]),
        ("31", ["ofac:31"]),
        ("30", ["ofac:30"]),
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


def test_an_individuals_dates_of_birth_are_read_in_file_order() -> None:
    """DOE, John's `dateOfBirthList`: `01 Jan 1960`, `1961`, `circa 1958`, `1955 to 1956`, `01 Mar 1962
    to 28 Feb 1963`, `1380 AH` (counted: a Hijri year is no date this reads) and an empty one
    (states nothing, so not counted)."""
    parsed = parse_files("us-ofac-sdn-xml", read_inputs([FIXTURES / "ofac-xml" / "sdn.xml"]))
    assert [(r.key, r.birth_dates) for r in parsed.records] == [
        ("10", ()),
        (
            "11",
            (
                "1960-01-01",
                "1961",
                "1957-01-01/1959-12-31",
                "1955-01-01/1956-12-31",
                "1962-03-01/1963-02-28",
            ),
        ),
        ("12", ()),
        ("31", ()),
        ("30", ()),
    ]
    assert parsed.unmapped["dateOfBirth=1380 AH"] == 1


def _entry(uid: str, kind: str, births: tuple[str, ...]) -> str:
    items = "".join(
        f"<dateOfBirthItem><uid>{n}</uid><dateOfBirth>{text}</dateOfBirth></dateOfBirthItem>"
        for n, text in enumerate(births)
    )
    return (
        f"<sdnEntry><uid>{uid}</uid><lastName>ENTRY {uid}</lastName><sdnType>{kind}</sdnType>"
        f"<dateOfBirthList>{items}</dateOfBirthList></sdnEntry>"
    )


def test_a_repeated_date_of_birth_is_stored_once_and_only_individuals_have_one() -> None:
    entries = _entry("1", "Individual", ("1962", "01 Jan 1962 to 31 Dec 1962", "circa 1962")) + _entry(
        "2", "Vessel", ("1990", "no date")
    )
    data = (
        '<sdnList xmlns="http://tempuri.org/sdnList.xsd"><publshInformation>'
        f"<Publish_Date>04/06/2018</Publish_Date></publshInformation>{entries}</sdnList>"
    ).encode()
    parsed = parse_files("us-ofac-sdn-xml", [InputFile("b.xml", data)])
    assert [(r.key, r.kind, r.birth_dates) for r in parsed.records] == [
        ("1", "person", ("1962", "1961-01-01/1963-12-31")),
        ("2", "vessel", ()),
    ]
    assert parsed.unmapped == {}


def test_real_consolidated_list_dates_of_birth(shared_dir: Path) -> None:
    """The non-SDN consolidated.xml of 2018-04-06: 87 of its 94 individuals state a date of birth, all
    read, as the same publication's CSV remarks give them. Checked by hand in the file: 15960
    GHALEBANI, Ahmad `01 Jan 1953 to 31 Dec 1954`; 9639 HANIYA, Ismail Abdul Salah `1962`."""
    path = shared_dir / "data" / "lists" / "us-ofac-non-sdn-xml" / "consolidated_2018-04-06.xml"
    parsed = parse_files("us-ofac-non-sdn-xml", read_inputs([path]))
    by_key = {record.key: record for record in parsed.records}
    assert by_key["15960"].birth_dates == ("1953-01-01/1954-12-31",)
    assert by_key["9639"].birth_dates == ("1962",)
    persons = [record for record in parsed.records if record.kind == "person"]
    assert (len(persons), sum(1 for record in persons if record.birth_dates)) == (94, 87)
    assert not [key for key in parsed.unmapped if key.startswith("dateOfBirth=")]


def test_real_consolidated_list_vessel_imo_numbers(shared_dir: Path) -> None:
    """The non-SDN list of 2018-04-06: 74 vessels, each with a `Vessel Registration Identification`,
    all valid IMO numbers (counted by hand in the file: 74 ids of that type, all on vessels), the
    same numbers for the same entries as the legacy CSV set of April 2018 gives in its remarks.
    Checked by hand: 15036 SHONA `IMO 9187629`, 15038 SILVER CLOUD `IMO 9187667`."""
    lists = shared_dir / "data" / "lists"
    parsed = parse_files(
        "us-ofac-non-sdn-xml", read_inputs([lists / "us-ofac-non-sdn-xml" / "consolidated_2018-04-06.xml"])
    )
    imo = {r.key: [i.value for i in r.identifiers if i.scheme == "imo"] for r in parsed.records}
    vessels = [r.key for r in parsed.records if r.kind == "vessel"]
    assert (len(vessels), sum(1 for key in vessels if imo[key])) == (74, 74)
    assert sum(1 for values in imo.values() if values) == 74
    assert (imo["15036"], imo["15038"]) == (["9187629"], ["9187667"])
    assert not [key for key in parsed.unmapped if key.startswith("Vessel")]
    legacy = parse_files(
        "us-ofac-non-sdn-legacy",
        read_inputs(sorted((lists / "us-ofac-non-sdn-legacy" / "2018-04").glob("*.csv"))),
    )
    assert {r.key: [i.value for i in r.identifiers if i.scheme == "imo"] for r in legacy.records} == imo


def test_an_individuals_nationalities_and_citizenships_are_read() -> None:
    """The fixture's DOE, John: `nationalityList` Cuba, then `citizenshipList` Spain, Cuba (stated
    again: kept once) and an empty country (states none)."""
    parsed = parse_files("us-ofac-sdn-xml", read_inputs([FIXTURES / "ofac-xml" / "sdn.xml"]))
    assert {r.key: r.nationalities for r in parsed.records if r.nationalities} == {"11": ("Cuba", "Spain")}


def test_real_non_sdn_file_nationalities(shared_dir: Path) -> None:
    """The 2024-05-06 consolidated.xml, checked by hand: uid 9647 (Mahmoud Khaled ZAHHAR) has the
    nationality "Palestinian", uid 26182 (Evren KAYAKIRAN) the citizenship "Turkey": the only two of
    its 79 people."""
    path = shared_dir / "data" / "lists" / "us-ofac-non-sdn-xml" / "consolidated_2024-05-06.xml"
    parsed = parse_files("us-ofac-non-sdn-xml", read_inputs([path]))
    found = {r.key: r.nationalities for r in parsed.records if r.nationalities}
    assert found == {"9647": ("Palestinian",), "26182": ("Turkey",)}
    assert sum(1 for r in parsed.records if r.kind == "person") == 79
