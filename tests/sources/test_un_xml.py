"""UN consolidated XML adapter: golden output on a hand-written fixture, and format drift errors."""

from __future__ import annotations

import re
from pathlib import Path

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


def _un_file(*records: str, name: str = "un.xml") -> InputFile:
    body = "".join(records)
    xml = (
        '<CONSOLIDATED_LIST dateGenerated="2020-05-01T00:00:00"><INDIVIDUALS/>'
        f"<ENTITIES>{body}</ENTITIES></CONSOLIDATED_LIST>"
    )
    return InputFile(name, xml.encode())


def _entity(ref: str, name: str, extra: str = "") -> str:
    return (
        f"<ENTITY><FIRST_NAME>{name}</FIRST_NAME><UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE>"
        f"<REFERENCE_NUMBER>{ref}</REFERENCE_NUMBER>{extra}<LISTED_ON>2010-01-02</LISTED_ON></ENTITY>"
    )


def _digests(parsed_records: object) -> dict[str, str]:
    return {r.key: r.raw for r in parsed_records if r.raw}  # type: ignore[attr-defined]


def test_records_whose_bytes_are_held_are_not_built_again() -> None:
    first = parse_files("un-sc-consolidated", [_un_file(_entity("QDe.1", "ALPHA"), _entity("QDe.2", "BETA"))])
    known = _digests(first.records)
    assert set(known) == {"QDe.1", "QDe.2"}
    same = parse_files(
        "un-sc-consolidated", [_un_file(_entity("QDe.1", "ALPHA"), _entity("QDe.2", "BETA"))], known
    )
    assert (same.records, same.unchanged) == ((), ("QDe.1", "QDe.2"))
    # One changed record is built; a new one too; the other is carried.
    changed = parse_files(
        "un-sc-consolidated",
        [_un_file(_entity("QDe.1", "ALPHA"), _entity("QDe.2", "BETA GROUP"), _entity("QDe.3", "GAMMA"))],
        known,
    )
    assert [r.key for r in changed.records] == ["QDe.2", "QDe.3"]
    assert changed.unchanged == ("QDe.1",)
    assert changed.records[0].name == "BETA GROUP"


def test_a_change_in_the_last_record_of_a_section_is_seen() -> None:
    known = _digests(parse_files("un-sc-consolidated", [_un_file(_entity("QDe.1", "ALPHA"))]).records)
    changed = parse_files(
        "un-sc-consolidated", [_un_file(_entity("QDe.1", "ALPHA", "<COMMENTS1>x</COMMENTS1>"))], known
    )
    assert [r.key for r in changed.records] == ["QDe.1"] and changed.unchanged == ()


def test_markup_that_looks_like_a_record_falls_back_to_serialised_elements() -> None:
    """A comment holding `<ENTITY>` breaks the pairing of start tags and elements: digests still work."""
    plain = _un_file(_entity("QDe.1", "ALPHA"), _entity("QDe.2", "BETA"))
    tricky = _un_file(_entity("QDe.1", "ALPHA"), "<!-- <ENTITY> -->", _entity("QDe.2", "BETA"))
    known = _digests(parse_files("un-sc-consolidated", [tricky]).records)
    # Serialised elements drop the comment, so the same records read the same either way.
    assert known == _digests(parse_files("un-sc-consolidated", [tricky], {}).records)
    again = parse_files("un-sc-consolidated", [tricky], known)
    assert (again.records, again.unchanged) == ((), ("QDe.1", "QDe.2"))
    # Only equal bytes are carried: QDe.1 is the same either way; QDe.2's slice runs to the end
    # of the plain file, so it differs from its serialised element and is read afresh.
    mixed = parse_files("un-sc-consolidated", [plain], known)
    assert [r.key for r in mixed.records] == ["QDe.2"] and mixed.unchanged == ("QDe.1",)


def test_a_repeated_key_beside_its_held_copy_reads_every_record_and_merges() -> None:
    known = _digests(parse_files("un-sc-consolidated", [_un_file(_entity("QDe.1", "ALPHA"))]).records)
    repeated = parse_files(
        "un-sc-consolidated", [_un_file(_entity("QDe.1", "ALPHA"), _entity("QDe.1", "ALPHA FRONT"))], known
    )
    assert repeated.unchanged == ()
    assert [(r.key, [n.value for n in r.names]) for r in repeated.records] == [
        ("QDe.1", ["ALPHA", "ALPHA FRONT"])
    ]
    assert repeated.warnings == ("un.xml: 1 repeated record key(s) merged",)
    # Two byte-identical copies are both read (and merged), never carried as one held record.
    twins = parse_files(
        "un-sc-consolidated", [_un_file(_entity("QDe.1", "ALPHA"), _entity("QDe.1", "ALPHA"))], known
    )
    assert twins.unchanged == () and [r.key for r in twins.records] == ["QDe.1"]


def test_a_record_states_the_countries_of_its_addresses_in_file_order() -> None:
    """IQe.197 (a trading company) has addresses in Dubai, Dubai again and Baghdad: both states are
    kept, once each, so identity can tell it from a namesake of a third state."""

    def address(city: str, country: str) -> str:
        return f"<ENTITY_ADDRESS><CITY>{city}</CITY><COUNTRY>{country}</COUNTRY></ENTITY_ADDRESS>"

    extra = (
        address("Dubai", "United Arab Emirates")
        + address("Dubai", " United Arab  Emirates ")
        + "<ENTITY_ADDRESS><COUNTRY/></ENTITY_ADDRESS>"
        + address("Baghdad", "Iraq")
    )
    parsed = parse_files("un-sc-consolidated", [_un_file(_entity("IQe.1", "SAMPLE LLC", extra))])
    assert [r.country for r in parsed.records] == ["United Arab Emirates; Iraq"]
    [bare] = parse_files("un-sc-consolidated", [_un_file(_entity("IQe.1", "SAMPLE LLC"))]).records
    assert bare.country is None


def test_dates_of_birth_of_the_real_2026_file(shared_dir: Path) -> None:
    """Checked by hand in un-consolidated_2026-02-27.xml: TAi.004 gives "APPROXIMATELY 1966", 1960
    and 1953; QDi.001 two exact days. Two values are not read (a Hijri-calendar date, not converted;
    an age): they are counted, not guessed. 678 of the 730 people state a date."""
    path = shared_dir / "data" / "lists" / "un-sc-consolidated" / "un-consolidated_2026-02-27.xml"
    parsed = parse_files("un-sc-consolidated", read_inputs([path]))
    by_key = {r.key: r for r in parsed.records}
    assert by_key["TAi.004"].birth_dates == ("1965-01-01/1967-12-31", "1960", "1953")
    assert by_key["QDi.001"].birth_dates == ("1963-04-11", "1960-04-11")
    assert {k: v for k, v in parsed.unmapped.items() if k.startswith("DATE_OF_BIRTH")} == {
        "DATE_OF_BIRTH=24/06/1402 (Hijri Calendar)": 1,
        "DATE_OF_BIRTH=30-35 years old": 1,
    }
    people = [r for r in parsed.records if r.kind == "person"]
    assert (len(people), sum(1 for r in people if r.birth_dates)) == (730, 678)


def _people_file(*individuals: str) -> InputFile:
    body = "".join(individuals)
    xml = (
        f'<CONSOLIDATED_LIST dateGenerated="2020-05-01T00:00:00"><INDIVIDUALS>{body}</INDIVIDUALS>'
        "<ENTITIES/></CONSOLIDATED_LIST>"
    )
    return InputFile("un.xml", xml.encode())


def _individual(ref: str, name: str, extra: str = "") -> str:
    return (
        f"<INDIVIDUAL><FIRST_NAME>{name}</FIRST_NAME><UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE>"
        f"<REFERENCE_NUMBER>{ref}</REFERENCE_NUMBER>{extra}<LISTED_ON>2010-01-02</LISTED_ON></INDIVIDUAL>"
    )


def test_an_individuals_nationalities_are_its_nationality_values_in_file_order() -> None:
    """Each `VALUE` of `NATIONALITY`, cleaned, once; "na" (the UN's SDi.001) and an empty value state
    none; an entity's NATIONALITY (none in the real files) is not read."""
    parsed = parse_files(
        "un-sc-consolidated",
        [
            _people_file(
                _individual(
                    "QDi.1",
                    "ABU ONE",
                    "<NATIONALITY><VALUE> Tunisia </VALUE><VALUE>France</VALUE><VALUE>Tunisia</VALUE>"
                    "</NATIONALITY>",
                ),
                _individual("QDi.2", "ABU TWO", "<NATIONALITY><VALUE>na</VALUE><VALUE/></NATIONALITY>"),
                _individual("QDi.3", "ABU THREE", "<NATIONALITY/>"),
            )
        ],
    )
    assert [(r.key, r.nationalities) for r in parsed.records] == [
        ("QDi.1", ("Tunisia", "France")),
        ("QDi.2", ()),
        ("QDi.3", ()),
    ]
    [entity] = parse_files(
        "un-sc-consolidated",
        [_un_file(_entity("QDe.1", "SAMPLE", "<NATIONALITY><VALUE>Iraq</VALUE></NATIONALITY>"))],
    ).records
    assert entity.nationalities == ()


def test_nationalities_of_the_real_2026_file(shared_dir: Path) -> None:
    """Checked by hand in un-consolidated_2026-02-27.xml: TAi.004 "Afghanistan"; CFi.013 "Chad",
    "Central African Republic", "Congo"; QDi.290 "Russian Federation", "former Soviet Union";
    SDi.001 "na", which states none. 624 of the 730 people state one."""
    path = shared_dir / "data" / "lists" / "un-sc-consolidated" / "un-consolidated_2026-02-27.xml"
    parsed = parse_files("un-sc-consolidated", read_inputs([path]))
    by_key = {r.key: r for r in parsed.records}
    assert by_key["TAi.004"].nationalities == ("Afghanistan",)
    assert by_key["CFi.013"].nationalities == ("Chad", "Central African Republic", "Congo")
    assert by_key["QDi.290"].nationalities == ("Russian Federation", "former Soviet Union")
    assert by_key["SDi.001"].nationalities == ()
    people = [r for r in parsed.records if r.kind == "person"]
    assert (len(people), sum(1 for r in people if r.nationalities)) == (730, 624)
    assert not [r.key for r in parsed.records if r.kind != "person" and r.nationalities]
