"""xs:date values with a time zone (`1962-11-09-05:00`): read as the day written, in every format."""

from __future__ import annotations

from pathlib import Path

import pytest

from proscribe.cli.lists import unmapped_lines
from proscribe.model import PartialDate
from proscribe.sources.common import InputFile, read_stated_birth, without_zone
from proscribe.sources.registry import parse_files, read_inputs


@pytest.mark.parametrize(
    ("text", "bare"),
    [
        ("1962-11-09-05:00", "1962-11-09"),
        ("1962-11-09+01:00", "1962-11-09"),
        ("1962-11-09Z", "1962-11-09"),
        ("1962-11-05:00", "1962-11"),
        ("1962+14:00", "1962"),
        ("1962-11-09T00:00:00-05:00", "1962-11-09"),
        # Not zoned: as given (a span of years, a day-first date, a time with no zone, words).
        ("1960-1962", "1960-1962"),
        ("12/01/1962", "12/01/1962"),
        ("1962-11-09T00:00:00", "1962-11-09T00:00:00"),
        ("circa 1962", "circa 1962"),
        # Not a zone XML Schema allows (hours up to 14, minutes up to 59).
        ("1962-11-09-15:00", "1962-11-09-15:00"),
    ],
)
def test_a_time_zone_is_left_out_of_an_xs_date(text: str, bare: str) -> None:
    assert without_zone(text) == bare


def test_every_adapter_reads_a_zoned_birth_date_as_its_day() -> None:
    """The adapters read births through `read_stated_birth`, so no format takes the zone for a
    part of the date (the UN's DATE, the EU's @birthdate, OFAC's fromDateBegin are xs:dates)."""
    assert read_stated_birth("1962-11-09-05:00") == PartialDate.parse("1962-11-09")
    assert read_stated_birth("1962-11-09Z") == PartialDate.parse("1962-11-09")
    assert read_stated_birth("1962-11-09") == PartialDate.parse("1962-11-09")
    assert read_stated_birth("30-35 years old") is None


def _people_file(*individuals: str) -> InputFile:
    xml = (
        '<CONSOLIDATED_LIST dateGenerated="2020-05-01T00:00:00-04:00"><INDIVIDUALS>'
        + "".join(individuals)
        + "</INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>"
    )
    return InputFile("un.xml", xml.encode())


def _individual(ref: str, birth: str) -> str:
    return (
        f"<INDIVIDUAL><FIRST_NAME>PERSON {ref}</FIRST_NAME><UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE>"
        f"<REFERENCE_NUMBER>{ref}</REFERENCE_NUMBER><LISTED_ON>2015-07-01-04:00</LISTED_ON>"
        f"<INDIVIDUAL_DATE_OF_BIRTH>{birth}</INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL>"
    )


def test_un_dates_and_years_of_birth_with_a_time_zone_are_read() -> None:
    parsed = parse_files(
        "un-sc-consolidated",
        [
            _people_file(
                _individual("QDi.1", "<TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1962-11-09-05:00</DATE>"),
                _individual("QDi.2", "<TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1970-02-03Z</DATE>"),
                _individual("QDi.3", "<TYPE_OF_DATE>APPROXIMATELY</TYPE_OF_DATE><YEAR>1966+03:00</YEAR>"),
                _individual(
                    "QDi.4",
                    "<TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1955-05:00</FROM_YEAR>"
                    "<TO_YEAR>1958-05:00</TO_YEAR>",
                ),
            )
        ],
    )
    assert [
        (r.key, r.birth_dates, r.listed_on.isoformat() if r.listed_on else None) for r in parsed.records
    ] == [
        ("QDi.1", ("1962-11-09",), "2015-07-01"),
        ("QDi.2", ("1970-02-03",), "2015-07-01"),
        ("QDi.3", ("1965-01-01/1967-12-31",), "2015-07-01"),
        ("QDi.4", ("1955-01-01/1958-12-31",), "2015-07-01"),
    ]
    assert parsed.unmapped == {}


def test_the_zoned_births_of_the_real_2017_file(shared_dir: Path) -> None:
    """un-consolidated_2017-06-20.xml dates three births with a zone (SSi.004, SSi.005, QDi.057):
    read as their days; only the Hijri-calendar date is left unread."""
    path = shared_dir / "data" / "lists" / "un-sc-consolidated" / "un-consolidated_2017-06-20.xml"
    parsed = parse_files("un-sc-consolidated", read_inputs([path]))
    by_key = {r.key: r for r in parsed.records}
    assert by_key["SSi.004"].birth_dates == ("1962-11-09",)
    assert by_key["SSi.005"].birth_dates == ("1960-01-01",)
    assert by_key["QDi.057"].birth_dates == ("1966-02-02",)
    assert {k: v for k, v in parsed.unmapped.items() if k.startswith("DATE_OF_BIRTH")} == {
        "DATE_OF_BIRTH=24/06/1402 (Hijri Calendar)": 1,
    }


def test_unmapped_values_are_counted_once_over_the_snapshots_of_a_run() -> None:
    """A value met in several snapshots of one run is one line with its total, not a line per file."""
    imports = [
        {"source": "un-sc-consolidated", "unmapped": {"DATE_OF_BIRTH=30 years old": 1, "QUALITY=x": 2}},
        {"source": "un-sc-consolidated", "unmapped": {"DATE_OF_BIRTH=30 years old": 2}},
        {"source": "un-sc-consolidated", "unmapped": {}},
        {"source": "eu-fsf", "unmapped": {"DATE_OF_BIRTH=30 years old": 1}},
    ]
    assert unmapped_lines(imports) == [
        "unmapped eu-fsf: DATE_OF_BIRTH=30 years old x1",
        "unmapped un-sc-consolidated: DATE_OF_BIRTH=30 years old x3 (in 2 snapshots)",
        "unmapped un-sc-consolidated: QUALITY=x x2",
    ]
