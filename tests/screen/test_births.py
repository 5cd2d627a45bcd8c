"""Dates of birth: read from a list, kept with their record, shown with hits and weighed in screening.

Through the real CLI on a real database (SQLite and PostgreSQL) after importing a hand-written UN
snapshot whose people state their dates of birth in the forms the UN uses.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from proscribe.cli import main
from proscribe.model.birth import BirthStatement
from proscribe.query.history import entity_detail
from proscribe.store import Store

BIRTHS = Path(__file__).resolve().parents[1] / "fixtures" / "lists" / "un-births"
UN = "un-sc-consolidated"


def _run(store: Store, *args: str) -> Any:
    result = CliRunner().invoke(main, ["--db", store.url, *args])
    assert result.exit_code == 0, result.output
    return result


def _screen(store: Store, *args: str) -> list[dict[str, Any]]:
    out = _run(store, "screen", *args, "--no-cache", "--format", "json").stdout
    results: list[dict[str, Any]] = json.loads(out)["results"]
    return results


@pytest.fixture
def births(registry: Store) -> Store:
    """The bundled registry plus the first UN snapshot with dates of birth."""
    _run(registry, "ingest", "list", UN, str(BIRTHS / "un_2021-03-01.xml"))
    return registry


def test_the_listed_dates_of_birth_are_kept_with_their_record(births: Store) -> None:
    found = births.reader().birth_dates()
    assert found == {
        "un-qdi-951": [BirthStatement("1971-03-14", UN, "QDi.951"), BirthStatement("1972", UN, "QDi.951")],
        "un-tai-952": [BirthStatement("1965-01-01/1967-12-31", UN, "TAi.952")],  # "APPROXIMATELY 1966"
        "un-qdi-953": [BirthStatement("1955-01-01/1958-12-31", UN, "QDi.953")],
        "un-qdi-955": [BirthStatement("1958-09", UN, "QDi.955")],  # YEAR 1958, NOTE "Sep."
    }
    assert births.reader().birth_dates(["un-qdi-955", "taliban"]) == {
        "un-qdi-955": [BirthStatement("1958-09", UN, "QDi.955")]
    }
    detail = entity_detail(births.reader(), "un-tai-952")  # what GET /api/entities/{id} and its page show
    assert detail["birth_dates"] == [
        {"value": "1965-01-01/1967-12-31", "label": "1965 to 1967", "source": UN, "record": "TAi.952"}
    ]


def _ingest(store: Store, name: str) -> dict[str, Any]:
    out = _run(store, "ingest", "list", UN, str(BIRTHS / name), "--format", "json").stdout
    report: dict[str, Any] = json.loads(out)["imports"][0]
    return report


def test_an_unreadable_date_of_birth_is_counted_not_guessed(registry: Store) -> None:
    report = _ingest(registry, "un_2021-03-01.xml")
    assert report["unmapped"] == {"DATE_OF_BIRTH=24/06/1402 (Hijri Calendar)": 1}
    assert "un-qdi-954" not in registry.reader().birth_dates()


def test_a_differing_date_of_birth_lowers_the_score_and_says_why(births: Store) -> None:
    (plain,) = _screen(births, "Abu Example al-Testi")
    assert (plain["entity_id"], plain["score"]) == ("un-qdi-951", 1.0)
    assert [b["label"] for b in plain["birth_dates"]] == ["1971-03-14", "1972"]

    (agreeing,) = _screen(births, "Abu Example al-Testi", "--dob", "1972-06")
    assert agreeing["score"] == 1.0
    assert agreeing["detail"].endswith(
        "; date of birth 1972-06 agrees with listed 1972 (un-sc-consolidated QDi.951)"
    )

    assert _screen(births, "Abu Example al-Testi", "--dob", "1990-01-01") == []  # 0.7 < 0.8
    (differing,) = _screen(births, "Abu Example al-Testi", "--dob", "1990-01-01", "--threshold", "0.7")
    assert differing["score"] == 0.7
    assert differing["detail"].endswith(
        "; date of birth 1990-01-01 differs from every listed one (1971-03-14, 1972): score lowered by 0.3"
    )


def test_an_approximate_year_agrees_with_the_years_around_it(births: Store) -> None:
    for near in ("1965", "1967-12-31"):
        (hit,) = _screen(births, "Mullah Sample Akhund", "--dob", near)
        assert hit["score"] == 1.0, near
    (far,) = _screen(births, "Mullah Sample Akhund", "--dob", "1968", "--threshold", "0.5")
    assert far["score"] == 0.7


def test_an_entity_without_a_listed_date_is_not_checked(births: Store) -> None:
    (hit,) = _screen(births, "Example Brigade of Testing", "--dob", "1980")
    assert hit["score"] == 1.0
    assert hit["detail"].endswith("; date of birth 1980 not checked: no list states one for this entity")


def test_a_lowered_hit_gives_its_place_to_the_next(births: Store) -> None:
    """With --limit 1, namesakes whose dates differ drop and the next one takes the place."""
    ranked = _screen(births, "Abu", "--threshold", "0.5")
    assert [(hit["entity_id"], hit["score"]) for hit in ranked] == [
        ("un-qdi-953", 0.775),
        ("un-qdi-955", 0.775),
        ("un-qdi-956", 0.775),
        ("un-qdi-951", 0.6952),
    ]
    top = _screen(births, "Abu", "--threshold", "0.5", "--limit", "1", "--dob", "1990")
    # 953 (1955 to 1958) and 955 (1958-09) fall to 0.475; 956 states no date and is not checked.
    assert [(hit["entity_id"], hit["score"]) for hit in top] == [("un-qdi-956", 0.775)]


def test_a_date_of_birth_that_is_not_iso_is_refused(births: Store) -> None:
    result = CliRunner().invoke(main, ["--db", births.url, "screen", "Abu", "--dob", "03/04/1970"])
    assert result.exit_code == 2
    assert "date of birth '03/04/1970' not read: give it as YYYY-MM-DD, YYYY-MM or YYYY" in result.output
    result = CliRunner().invoke(main, ["--db", births.url, "screen", "Abu", "--dob-column", "dob"])
    assert result.exit_code == 2
    assert "--dob-column goes with --file" in result.output


def test_the_receipt_records_the_date_of_birth(births: Store) -> None:
    out = _run(births, "screen", "Abu Example al-Testi", "--dob", "1971", "--no-cache", "--format", "json")
    receipt = json.loads(out.stdout)["receipt"]
    assert receipt["parameters"]["birth_date"] == "1971"
    from proscribe.screen.service import Filters, Screener, verify

    filters = Filters(
        **{k: tuple(v) if isinstance(v, list) else v for k, v in receipt["parameters"]["filters"].items()}
    )
    assert verify(receipt, Screener.from_reader(births.reader(), filters)) == []
    altered = {**receipt, "parameters": {**receipt["parameters"], "birth_date": "1990"}}
    problems = verify(altered, Screener.from_reader(births.reader(), filters))
    assert "re-running the screening gives different results" in problems


def test_bulk_screening_weighs_a_date_column_and_screens_an_unreadable_one_by_name(
    births: Store, tmp_path: Path
) -> None:
    names = tmp_path / "names.csv"
    names.write_text(
        "ref,name,dob\n"
        "c1,Abu Example al-Testi,1971-03-14\n"
        "c2,Abu Example al-Testi,1990\n"
        "c3,Abu Example al-Testi,14/03/1971\n"
        "c4,Abu Example al-Testi,\n",
        encoding="utf-8",
    )
    out = tmp_path / "hits.csv"
    result = CliRunner().invoke(
        main,
        [
            *("--db", births.url, "screen", "--file", str(names), "--id-column", "ref"),
            *("--dob-column", "dob", "--out", str(out), "--workers", "1", "--no-cache"),
        ],
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stderr.strip().splitlines()[-1])
    assert (summary["rows"], summary["hits"], summary["skipped"], summary["birth_dates_unread"]) == (
        4,
        3,
        0,
        1,
    )
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    # One row per hit: the unread date's note rides on c3's hit, not on a row of its own besides.
    assert [(r["id"], r["entity_id"], r["score"]) for r in rows] == [
        ("c1", "un-qdi-951", "1.0000"),
        ("c3", "un-qdi-951", "1.0000"),
        ("c4", "un-qdi-951", "1.0000"),
    ]
    note = (
        "date of birth '14/03/1971' not read: give it as YYYY-MM-DD, YYYY-MM or YYYY (a date such as "
        "03/04/1970 reads differently in Europe and the United States); screened by name alone"
    )
    assert rows[1]["detail"] == f"exact alias 'ABU EXAMPLE AL-TESTI'; {note}"
    assert rows[0]["birth_dates"] == "1971-03-14; 1972"
    assert "date of birth" not in rows[2]["detail"]  # an empty cell gives no date


def test_a_later_snapshot_adding_a_date_moves_the_content_hash_and_changes_no_claim(births: Store) -> None:
    reader = births.reader()
    before_hash, before_claims = reader.content_hash(), reader.count_claims()
    assert "un-qdi-956" not in reader.birth_dates()
    report = _ingest(births, "un_2021-04-01.xml")
    assert report["changes"] == {}  # a date of birth read is not an amendment of the listing
    assert reader.birth_dates()["un-qdi-956"] == [BirthStatement("1980-02-29", UN, "QDi.956")]
    assert reader.content_hash() != before_hash  # cached screenings must not answer without it
    assert reader.count_claims() == before_claims + report["new_claims"]
    again = _ingest(births, "un_2021-04-01.xml")
    assert (again["already_held"], again["new_claims"]) == (True, 0)
    assert reader.birth_dates()["un-qdi-956"] == [BirthStatement("1980-02-29", UN, "QDi.956")]


def test_the_ftm_export_gives_a_person_the_listed_dates_of_birth(births: Store) -> None:
    out = _run(births, "export", "ftm", "--entity", "un-qdi-951", "--entity", "un-tai-952").stdout
    people = {
        row["id"]: row["properties"] for row in map(json.loads, out.splitlines()) if row["schema"] == "Person"
    }
    assert people["un-qdi-951"]["birthDate"] == ["1971-03-14", "1972"]
    # FtM dates are points: "APPROXIMATELY 1966" (1965 to 1967) is kept in words.
    assert "birthDate" not in people["un-tai-952"]
    assert people["un-tai-952"]["notes"] == ["date of birth as listed: 1965 to 1967"]
