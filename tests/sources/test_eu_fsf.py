"""EU FSF legacy XML adapter: names and translations, TERR programme to eu-terrorist, drift errors."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from adapter_helpers import FIXTURES

from proscribe.errors import FormatError
from proscribe.model import Source
from proscribe.resolve.snapshots import diff_claims, view_of
from proscribe.sources.common import InputFile
from proscribe.sources.registry import parse_files, read_inputs


def test_fixture_records() -> None:
    parsed = parse_files("eu-fsf", read_inputs([FIXTURES / "eu" / "global.xml"]))
    assert parsed.snapshot_date == date(2016, 3, 5)
    army, person = parsed.records
    assert (army.key, army.kind, army.list_ids) == ("501", "organisation", ("eu-fsf", "eu-terrorist"))
    assert [(n.value, n.kind) for n in army.names] == [
        ("Example Liberation Army", "primary"),
        ("Armée de libération exemplaire", "translation"),
    ]
    assert (person.key, person.kind, person.list_ids, person.name) == (
        "502",
        "person",
        ("eu-fsf",),
        "Jane Doe",
    )
    # A date, its repeat, a year, an approximate year and span; 1970-02-30 is no day; an empty DATE.
    assert person.birth_dates == ("1970-01-01", "1972", "1967-01-01/1969-12-31", "1958-01-01/1963-12-31")
    assert army.birth_dates == ()
    assert parsed.unmapped == {"programme=ATLANTIS": 1, "BIRTH/DATE=1970-02-30": 1}


def test_unknown_child_element_is_a_format_error() -> None:
    data = b'<WHOLE Date="05/03/2016"><ENTITY Id="1" Type="E">\n<SHOE/></ENTITY></WHOLE>'
    with pytest.raises(FormatError, match=re.escape("g.xml: line 2: unexpected element <SHOE> in ENTITY 1")):
        parse_files("eu-fsf", [InputFile("g.xml", data)])


def test_v11_export_reads_into_the_same_records() -> None:
    parsed = parse_files("eu-fsf", read_inputs([FIXTURES / "eu" / "export_v11.xml"]))
    assert parsed.snapshot_date == date(2026, 3, 2)
    army, person = parsed.records
    assert (army.key, army.kind, army.list_ids, army.listed_on) == (
        "501",
        "organisation",
        ("eu-fsf", "eu-terrorist"),
        date(2016, 1, 1),
    )
    assert [(n.value, n.kind) for n in army.names] == [
        ("Example Liberation Army", "primary"),
        ("Armée de libération exemplaire", "translation"),
        ("ELA", "weak_alias"),
    ]
    assert (person.key, person.kind, person.name, person.listed_on) == ("503", "person", "John Roe", None)
    assert person.birth_dates == (
        "1960-04-10",
        "1961",
        "1961-01-01/1963-12-31",  # circa 1962
        "1965-03",
        "1953-01-01/1958-12-31",
    )
    assert parsed.unmapped == {
        "programme=ATLANTIS": 1,
        "birthdate=year=1343 calendarType=ISLAMIC": 1,
        "birthdate=yearRangeTo=1980": 1,
    }


def test_legacy_then_v11_snapshots_diff_by_the_same_keys() -> None:
    legacy = parse_files("eu-fsf", read_inputs([FIXTURES / "eu" / "global.xml"]))
    current = parse_files("eu-fsf", read_inputs([FIXTURES / "eu" / "export_v11.xml"]))
    links = {r.key: f"eu-fsf-{r.key}" for r in (*legacy.records, *current.records)}
    s1 = Source(id="s1", kind="official_list", uri="u")
    s2 = Source(id="s2", kind="official_list", uri="u")
    assert legacy.snapshot_date is not None and current.snapshot_date is not None
    v1 = view_of(s1, legacy.snapshot_date, legacy.records, links)
    v2 = view_of(s2, current.snapshot_date, current.records, links)
    claims = diff_claims(v1, v2, s2, {"eu-fsf": "EU", "eu-terrorist": "EU"})
    assert [(c.action, c.record_key, c.list_id) for c in claims] == [
        ("delist", "502", "eu-fsf"),
        ("list", "503", "eu-fsf"),
        ("amend", "501", "eu-fsf"),
        ("amend", "501", "eu-terrorist"),
    ]


def test_legacy_address_countries_are_the_records_countries() -> None:
    """ADDRESS/COUNTRY holds an ISO alpha-3 code, kept as written; a CITIZEN country is no address's."""

    def address(city: str, country: str) -> str:
        return f"<ADDRESS><STREET/><CITY>{city}</CITY><COUNTRY>{country}</COUNTRY></ADDRESS>"

    extra = address("Karachi", "PAK") + address("Kabul", "AFG") + address("Lahore", "PAK") + address("", "")
    data = (
        '<WHOLE Date="11/02/2016"><ENTITY Id="327" Type="E" programme="TAQA">'
        "<NAME><WHOLENAME>Afghan Support Committee</WHOLENAME><LANGUAGE/></NAME>"
        f"{extra}<CITIZEN><COUNTRY>SAU</COUNTRY></CITIZEN></ENTITY></WHOLE>"
    ).encode()
    [record] = parse_files("eu-fsf", [InputFile("c.xml", data)]).records
    assert record.country == "PAK; AFG"


def test_v11_address_countries_are_the_english_names_or_the_codes() -> None:
    """`countryDescription` names the state (the code when there is no name); `00` is no state."""

    def address(code: str, description: str) -> str:
        return f'<address city="X" countryIso2Code="{code}" countryDescription="{description}"/>'

    extra = (
        address("US", "UNITED STATES")
        + address("00", "UNKNOWN")
        + address("PK", "")
        + address("US", "UNITED STATES")
    )
    data = (
        '<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-08-05T16:47:04.449+02:00">'
        '<sanctionEntity logicalId="980"><subjectType classificationCode="E"/>'
        f'<nameAlias wholeName="Global Relief Foundation" strong="true"/>{extra}'
        '<citizenship countryIso2Code="IQ" countryDescription="IRAQ"/></sanctionEntity></export>'
    ).encode()
    [record] = parse_files("eu-fsf", [InputFile("c.xml", data)]).records
    assert record.country == "UNITED STATES; PK"


def _legacy_births(*dates: str, kind: str = "P") -> tuple[tuple[str, ...], dict[str, int]]:
    births = "".join(f"<BIRTH><DATE>{day}</DATE><PLACE/><COUNTRY/></BIRTH>" for day in dates)
    data = (
        f'<WHOLE Date="11/02/2016"><ENTITY Id="20" Type="{kind}" programme="IRQ">'
        f"<NAME><WHOLENAME>Qusay Saddam Hussein Al-Tikriti</WHOLENAME><LANGUAGE/></NAME>{births}"
        "</ENTITY></WHOLE>"
    ).encode()
    parsed = parse_files("eu-fsf", [InputFile("b.xml", data)])
    [record] = parsed.records
    return record.birth_dates, parsed.unmapped


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (["1924-02-21", "1924-02-21"], ("1924-02-21",)),
        (["1965", "1966"], ("1965", "1966")),
        # The EU marks the UN's "approximately": one year either side, as the UN adapter reads it.
        (["1957 (approximative)"], ("1956-01-01/1958-12-31",)),
        # ... and the UN's BETWEEN: the span as stated, not widened.
        (
            ["1960 - 1962 (approximative)", "1962 (approximative)"],
            ("1960-01-01/1962-12-31", "1961-01-01/1963-12-31"),
        ),
        (["", " "], ()),
    ],
)
def test_legacy_birth_dates(dates: list[str], expected: tuple[str, ...]) -> None:
    assert _legacy_births(*dates) == (expected, {})


def test_legacy_birth_dates_not_read_are_counted_once_per_person() -> None:
    births, unmapped = _legacy_births("1969-02-29", "1969-02-29", "1402 (Hijri)", "1965")
    assert births == ("1965",)
    assert unmapped == {"BIRTH/DATE=1969-02-29": 1, "BIRTH/DATE=1402 (Hijri)": 1}


def test_an_entity_has_no_birth_date() -> None:
    assert _legacy_births("1965", "someday", kind="E") == ((), {})


def _v11_births(*births: str) -> tuple[tuple[str, ...], dict[str, int]]:
    data = (
        '<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-08-05T16:47:04.449+02:00">'
        '<sanctionEntity logicalId="191"><subjectType code="person" classificationCode="P"/>'
        '<nameAlias wholeName="Khalid Sheikh MOHAMMED" strong="true"/>'
        + "".join(f"<birthdate {attributes}/>" for attributes in births)
        + "</sanctionEntity></export>"
    ).encode()
    parsed = parse_files("eu-fsf", [InputFile("e.xml", data)])
    [record] = parsed.records
    return record.birth_dates, parsed.unmapped


@pytest.mark.parametrize(
    ("births", "expected"),
    [
        (
            [
                'circa="false" calendarType="GREGORIAN" birthdate="1937-04-28" '
                'dayOfMonth="28" monthOfYear="4" year="1937"'
            ],
            ("1937-04-28",),
        ),
        (['circa="false" calendarType="GREGORIAN" year="1961"'], ("1961",)),
        (['circa="true" calendarType="GREGORIAN" year="1961"'], ("1960-01-01/1962-12-31",)),
        (['circa="false" calendarType="GREGORIAN" monthOfYear="11" year="1973"'], ("1973-11",)),
        (['circa="true" yearRangeFrom="1953" yearRangeTo="1958"'], ("1953-01-01/1958-12-31",)),
        (['circa="false" calendarType="GREGORIAN" city="Farah" countryIso2Code="AF"'], ()),
        # One date written two ways is one date.
        (['birthdate="1965-04-14"', 'year="1965" monthOfYear="4" dayOfMonth="14"'], ("1965-04-14",)),
    ],
)
def test_v11_birth_dates(births: list[str], expected: tuple[str, ...]) -> None:
    assert _v11_births(*births) == (expected, {})


def test_v11_birth_dates_not_read_are_counted() -> None:
    births, unmapped = _v11_births(
        'circa="false" calendarType="ISLAMIC" year="1343"',
        'circa="false" calendarType="GREGORIAN" yearRangeTo="1980"',
        'circa="false" calendarType="GREGORIAN" dayOfMonth="12" year="1970"',
        'circa="false" calendarType="GREGORIAN" birthdate="1970-02-30" dayOfMonth="30" monthOfYear="2" '
        'year="1970"',
        'circa="false" calendarType="ISLAMIC" year="1343"',
        'circa="false" calendarType="GREGORIAN" year="1965"',
    )
    assert births == ("1965",)
    assert unmapped == {
        "birthdate=year=1343 calendarType=ISLAMIC": 1,
        "birthdate=yearRangeTo=1980": 1,
        "birthdate=dayOfMonth=12 year=1970": 1,
        "birthdate=birthdate=1970-02-30 dayOfMonth=30 monthOfYear=2 year=1970": 1,
    }


def test_v11_birth_dates_of_the_real_export_read_as_the_real_csv_states_them(shared_dir: Path) -> None:
    """No v1.1 file is in ../shared; the `birthdate` elements of logicalId 191 (Khalid Sheikh
    Mohammed) as the EU export of 2026-08-05 writes them give the dates the real CSV of 2018 states
    for entity 191 (`Birt_date` 1965-04-14 and 1964-03-01, checked by hand)."""
    exported = _v11_births(
        'circa="false" calendarType="GREGORIAN" city="-" zipCode="" birthdate="1965-04-14" dayOfMonth="14" '
        'monthOfYear="4" year="1965" region="" place="" countryIso2Code="PK" countryDescription="PAKISTAN" '
        'regulationLanguage="en" logicalId="183"',
        'circa="false" calendarType="GREGORIAN" city="-" zipCode="" birthdate="1964-03-01" dayOfMonth="1" '
        'monthOfYear="3" year="1964" region="" place="" countryIso2Code="PK" countryDescription="PAKISTAN" '
        'regulationLanguage="en" logicalId="184"',
    )
    csv_file = shared_dir / "data" / "lists" / "eu-fsf" / "eu-fsf-csv-v1_2018-07-04_excerpt.csv"
    by_key = {r.key: r for r in parse_files("eu-fsf-csv", read_inputs([csv_file])).records}
    assert exported == (by_key["191"].birth_dates, {})
    assert exported[0] == ("1965-04-14", "1964-03-01")


def test_real_legacy_file_birth_dates(shared_dir: Path) -> None:
    """The 2016-02-11 excerpt, checked by hand: Qusay Saddam Hussein (Id 20) BIRTH 1965 and 1966;
    Abdul Baqi Basir (553) `1962 (approximative)` twice and `1960 - 1962 (approximative)`;
    Mohammed Omar (703) seven BIRTHs of three dates; 295 of its 319 persons state a date and
    every date it writes is read."""
    path = shared_dir / "data" / "lists" / "eu-fsf" / "eu-fsf-legacy-global_2016-02-11_excerpt.xml"
    parsed = parse_files("eu-fsf", read_inputs([path]))
    by_key = {r.key: r for r in parsed.records}
    assert by_key["20"].birth_dates == ("1965", "1966")
    assert by_key["553"].birth_dates == ("1961-01-01/1963-12-31", "1960-01-01/1962-12-31")
    assert by_key["703"].birth_dates == ("1965-01-01/1967-12-31", "1960", "1953")
    persons = [r for r in parsed.records if r.kind == "person"]
    assert (len(persons), sum(1 for r in persons if r.birth_dates)) == (319, 295)
    assert parsed.unmapped == {}


def test_a_persons_citizenships_are_its_nationalities_in_both_formats() -> None:
    """The legacy fixture's Jane Doe (502): `CITIZEN/COUNTRY` IRQ, JOR and IRQ again, kept once. The
    v1.1 fixture's John Roe (503): `citizenship` UNITED STATES, one of country `00` (UNKNOWN: it
    states none) and one with a code and no name (YE). An organisation's citizenship is not read."""
    legacy = parse_files("eu-fsf", read_inputs([FIXTURES / "eu" / "global.xml"]))
    assert {r.key: r.nationalities for r in legacy.records if r.nationalities} == {"502": ("IRQ", "JOR")}
    v11 = parse_files("eu-fsf", read_inputs([FIXTURES / "eu" / "export_v11.xml"]))
    assert {r.key: r.nationalities for r in v11.records if r.nationalities} == {
        "503": ("UNITED STATES", "YE")
    }
    data = (
        b'<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-08-05T16:47:04.449+02:00">'
        b'<sanctionEntity logicalId="7"><subjectType code="enterprise" classificationCode="E"/>'
        b'<nameAlias wholeName="Global Relief Foundation" strong="true"/>'
        b'<citizenship countryIso2Code="IQ" countryDescription="IRAQ"/></sanctionEntity></export>'
    )
    [organisation] = parse_files("eu-fsf", [InputFile("c.xml", data)]).records
    assert (organisation.kind, organisation.nationalities) == ("organisation", ())


def test_real_legacy_file_citizenships(shared_dir: Path) -> None:
    """The 2016-02-11 legacy excerpt, checked by hand: Said Bahaji (965) `CITIZEN` DEU and MAR;
    Saddam Hussein Al-Tikriti (13) IRQ. 300 of its 319 persons state one."""
    path = shared_dir / "data" / "lists" / "eu-fsf" / "eu-fsf-legacy-global_2016-02-11_excerpt.xml"
    parsed = parse_files("eu-fsf", read_inputs([path]))
    by_key = {r.key: r for r in parsed.records}
    assert by_key["965"].nationalities == ("DEU", "MAR")
    assert by_key["13"].nationalities == ("IRQ",)
    persons = [r for r in parsed.records if r.kind == "person"]
    assert (len(persons), sum(1 for r in persons if r.nationalities)) == (319, 300)
