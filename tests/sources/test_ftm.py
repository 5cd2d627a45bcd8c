"""FollowTheMoney adapter: targets and sanctioned entities, datasets to lists, referents, deltas."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from adapter_helpers import FIXTURES, golden

from proscribe.errors import FormatError
from proscribe.model import Identifier
from proscribe.sources.common import InputFile
from proscribe.sources.registry import parse_files, read_inputs


def test_entity_file_records() -> None:
    parsed = parse_files("opensanctions-ftm", read_inputs([FIXTURES / "ftm" / "entities.ftm.json"]))
    assert parsed.snapshot_date is None
    front, person = parsed.records
    assert (front.key, front.kind, front.list_ids) == ("NK-front", "organisation", ("us-sdn", "eu-fsf"))
    assert [(n.value, n.kind) for n in front.names] == [
        ("Example Front", "primary"),
        ("Jabhat al-Mithal", "alias"),
        ("The Front", "alias"),
        ("EF", "weak_alias"),
    ]
    assert front.identifiers == (Identifier("opensanctions", "NK-front"), Identifier("ofac", "777"))
    assert (person.key, person.kind, person.list_ids) == ("NK-person", "person", ("gb-hmt",))
    assert parsed.unmapped == {
        "birthDate=1962-13": 1,
        "dataset=atlantis_list": 1,
        "no mapped list=Company": 1,
    }


def test_a_persons_birth_dates_are_read_in_order_once_each() -> None:
    """`["1962-01-12", "1963", "1962-13", "1963"]`: a day and a year, kept once each in order;
    the month 13 is no date, counted, not kept."""
    parsed = parse_files("opensanctions-ftm", read_inputs([FIXTURES / "ftm" / "entities.ftm.json"]))
    assert [(r.key, r.birth_dates) for r in parsed.records] == [
        ("NK-front", ()),
        ("NK-person", ("1962-01-12", "1963")),
    ]
    assert parsed.unmapped["birthDate=1962-13"] == 1


def test_a_vessels_imo_number_is_an_identifier_and_a_companys_is_not() -> None:
    """The vessels fixture: the Vessel `Sea Star` (`IMO9123453`) links to the ship OFAC's files give
    that number; `Sea Mist`'s `IMO9123454` fails its check digit (that of 912345 is 3): counted, not
    kept. A Company's `imoNumber` is its IMO company number, not a ship's: not read."""
    parsed = parse_files("opensanctions-ftm", read_inputs([FIXTURES / "ftm" / "vessels.ftm.json"]))
    expected, actual = golden("ftm_vessels.json", parsed)
    assert actual == expected
    assert [(r.key, r.kind, r.identifiers[1:]) for r in parsed.records] == [
        ("NK-vessel", "vessel", (Identifier("ofac", "12"), Identifier("imo", "9123453"))),
        ("NK-vessel-typo", "vessel", (Identifier("ofac", "30"),)),
        ("NK-shipping", "organisation", (Identifier("ofac", "31"),)),
    ]
    assert parsed.unmapped == {"imoNumber=IMO9123454": 1}


@pytest.mark.parametrize(
    ("values", "kept", "counted"),
    [
        (["9345673", "IMO 9345673"], ["9345673"], []),  # one number written two ways: kept once
        (["IMO9345673", "IMO9300104"], ["9345673", "9300104"], []),  # a ship given two numbers
        (["", "  "], [], []),  # empty values state nothing
        (["IMO 934567", "unknown"], [], ["IMO 934567", "unknown"]),
    ],
)
def test_imo_number_values(values: list[str], kept: list[str], counted: list[str]) -> None:
    entity = {
        "id": "ship",
        "caption": "Ship",
        "schema": "Vessel",
        "properties": {"name": ["Ship"], "imoNumber": values},
        "datasets": ["us_ofac_sdn"],
        "target": True,
    }
    parsed = parse_files("opensanctions-ftm", [InputFile("v.json", json.dumps(entity).encode())])
    assert [i.value for i in parsed.records[0].identifiers if i.scheme == "imo"] == kept
    assert parsed.unmapped == {f"imoNumber={value}": 1 for value in counted}


def _entity(key: str, schema: str, births: list[str]) -> dict[str, object]:
    return {
        "id": key,
        "caption": key,
        "schema": schema,
        "properties": {"name": [key], "birthDate": births},
        "datasets": ["us_ofac_sdn"],
        "target": True,
    }


def test_a_delta_files_persons_birth_dates_are_read_and_none_on_another_schema() -> None:
    lines = [
        {"op": "ADD", "entity": _entity("p-1", "Person", ["1953", "1958"])},
        {"op": "MOD", "entity": _entity("p-2", "Person", ["1961-11", " ", "1961-11-30T00:00:00"])},
        {"op": "ADD", "entity": _entity("o-1", "Organization", ["1990"])},
    ]
    data = "\n".join(json.dumps(line) for line in lines).encode()
    parsed = parse_files(
        "opensanctions-ftm-delta", [InputFile("20240601000000-abc.entities.delta.json", data)]
    )
    assert [(r.key, r.birth_dates) for r in parsed.records] == [
        ("p-1", ("1953", "1958")),
        ("p-2", ("1961-11", "1961-11-30")),
        ("o-1", ()),
    ]
    # FtM gives only a Person a birth date: another schema's is shown in the report, not kept.
    assert parsed.unmapped == {"birthDate=1990": 1}


def test_real_files_birth_dates(shared_dir: Path) -> None:
    """Checked by hand against the JSON: Vitaly Yurievich KUZMENKO `1971-01-22`; Svjatlana
    Paulauna PACHODAVA states none; the delta's Janan Agha `["1953", "1958"]`."""
    folder = shared_dir / "data" / "lists" / "opensanctions-ftm"
    full = parse_files("opensanctions-ftm", read_inputs([folder / "t1_entities.ftm.json"]))
    people = {r.key: r.birth_dates for r in full.records if r.kind == "person"}
    assert people == {
        "NK-2Ka3UvopqbpZmVDFjWd4LA": ("1971-01-22",),
        "NK-2KeUB68qUJtykm3BuAcazG": ("1967-12-19",),
        "NK-2Mht2rqBeravCTdyQAWc4o": (),
        "NK-2Myxbs6wX9xFKGoQn3sLaY": ("1971-07-03",),
    }
    delta = folder / "sanctions-delta" / "20240527194702-wnk.entities.delta.json"
    parsed = parse_files("opensanctions-ftm-delta", read_inputs([delta]))
    assert [(r.key, r.birth_dates) for r in parsed.records if r.kind == "person"] == [
        ("NK-2sJaJRaPJcWUfMbHjTtWcL", ("1953", "1958"))
    ]
    assert [key for key in {**full.unmapped, **parsed.unmapped} if key.startswith("birthDate")] == []


def test_delta_file_is_dated_by_its_version_and_names_removals() -> None:
    name = FIXTURES / "ftm" / "20240105000000-bbb.entities.delta.json"
    parsed = parse_files("opensanctions-ftm-delta", read_inputs([name]))
    assert parsed.snapshot_date == date(2024, 1, 5)
    assert parsed.removed == ("NK-front", "NK-ghost")
    assert [(r.key, r.name) for r in parsed.records] == [("NK-other", "Other Group Renamed")]


def test_bad_json_line_is_named() -> None:
    data = b'{"id": "a", "schema": "Person", "properties": {}}\n{oops\n'
    with pytest.raises(FormatError, match=re.escape("e.json: line 2: not JSON")):
        parse_files("opensanctions-ftm", [InputFile("e.json", data)])


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            '{"id": "s", "schema": "Sanction", "properties": {"entity": "a"}}',
            "property `entity` is not a list",
        ),
        ('{"id": "a", "schema": "Person", "properties": {"name": [7]}}', "property `name` is not a list"),
        ('{"id": "a", "schema": "Person", "datasets": "us_ofac_sdn"}', "`datasets` is not a list of strings"),
        ('{"id": "a", "schema": "Person", "referents": [null]}', "`referents` is not a list of strings"),
        ('{"id": "a", "schema": "Person", "caption": ["A"]}', "`caption` is not a string"),
        (
            '{"id": "a", "schema": "Person", "properties": {"name": ["Jane", "Ja\\u0000ne"]}}',
            "property `name` holds a NUL character (\\u0000)",
        ),
        ('{"id": "a\\u0000", "schema": "Person"}', "`id` holds a NUL character (\\u0000)"),
        ('{"id": "a", "schema": "Person", "datasets": ["x\\u0000"]}', "`datasets` holds a NUL character"),
        ('{"id": "  ", "schema": "Person"}', "entity with an empty `id`"),
        # Python's decoder recurses per level: this was a RecursionError traceback.
        (
            '{"id": "a", "schema": "Person", "properties": {"name": ' + "[" * 100_000 + "]" * 100_000 + "}}",
            "JSON nested too deep to read",
        ),
    ],
)
def test_an_entity_of_another_shape_is_named_by_line_and_field(line: str, message: str) -> None:
    data = ('{"id": "b", "schema": "Person", "properties": {}}\n' + line + "\n").encode()
    with pytest.raises(FormatError, match=re.escape(f"e.json: line 2: {message}")):
        parse_files("opensanctions-ftm", [InputFile("e.json", data)])


def test_delta_file_needs_a_version_name() -> None:
    with pytest.raises(FormatError, match=re.escape("delta.json: file name: a delta file is named after")):
        parse_files("opensanctions-ftm-delta", [InputFile("delta.json", b"")])


def test_the_country_property_gives_the_records_countries() -> None:
    entity = (
        '{"id": "NK-aqi", "caption": "AL-QAIDA IN IRAQ", "schema": "Organization", "target": true, '
        '"datasets": ["us_ofac_sdn"], "properties": {"name": ["AL-QAIDA IN IRAQ"], '
        '"country": ["iq", "sy", "iq"], "jurisdiction": ["jo"], "mainCountry": ["af"]}}'
    )
    [record] = parse_files("opensanctions-ftm", [InputFile("e.json", entity.encode())]).records
    assert record.country == "iq; sy"


def test_an_id_is_read_trimmed_as_every_record_key_is() -> None:
    """A padded id named the record as is, and the record refused it (a traceback, not an error)."""
    lines = (FIXTURES / "ftm" / "entities.ftm.json").read_text(encoding="utf-8").splitlines()
    padded = [lines[0].replace('"id": "NK-front"', '"id": " NK-front "'), *lines[1:]]
    parsed = parse_files("opensanctions-ftm", [InputFile("padded.json", "\n".join(padded).encode())])
    assert [record.key for record in parsed.records] == ["NK-front", "NK-person"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ('"id": "NK-front"', '"id": "NK-' + "f" * 250 + '"'),
            "record key 'NK-fffff",
        ),
        (('"ofac-777"', '"ofac-' + "7" * 250 + '"'), "identifier '77777"),
        (('"The Front"', '"The Front' + " of all" * 300 + '"'), "name 'The Front of all"),
    ],
)
def test_a_value_longer_than_the_registry_keeps_is_refused_naming_it(
    change: tuple[str, str], message: str
) -> None:
    """The store keeps record keys and numbers in 200 characters and names are indexed: a longer
    value ended a PostgreSQL import in a database error (and SQLite kept it), now it is named."""
    text = (FIXTURES / "ftm" / "entities.ftm.json").read_text(encoding="utf-8").replace(*change)
    with pytest.raises(FormatError, match=re.escape(message)) as refused:
        parse_files("opensanctions-ftm", [InputFile("long.json", text.encode())])
    assert str(refused.value).startswith("long.json: record ")
    assert "characters; the registry keeps at most" in str(refused.value)


def test_a_persons_nationality_and_citizenship_are_its_nationalities() -> None:
    """The fixture's Jane Doe: `nationality` ru, by, then `citizenship` ru (again: kept once) and an
    empty value (states none); nobody else states one."""
    parsed = parse_files("opensanctions-ftm", read_inputs([FIXTURES / "ftm" / "entities.ftm.json"]))
    assert {r.key: r.nationalities for r in parsed.records if r.nationalities} == {"NK-person": ("ru", "by")}


def test_real_files_nationalities(shared_dir: Path) -> None:
    """Checked by hand against the JSON: in t1, Vitaly KUZMENKO `nationality` ru, Svjatlana
    PACHODAVA by, NK-2KeUB68qUJtykm3BuAcazG none; the zala file's six people all ru (some as
    `citizenship` too); the delta's Janan Agha af."""
    folder = shared_dir / "data" / "lists" / "opensanctions-ftm"
    full = parse_files("opensanctions-ftm", read_inputs([folder / "t1_entities.ftm.json"]))
    assert {r.key: r.nationalities for r in full.records if r.kind == "person"} == {
        "NK-2Ka3UvopqbpZmVDFjWd4LA": ("ru",),
        "NK-2KeUB68qUJtykm3BuAcazG": (),
        "NK-2Mht2rqBeravCTdyQAWc4o": ("by",),
        "NK-2Myxbs6wX9xFKGoQn3sLaY": ("by",),
    }
    zala = parse_files("opensanctions-ftm", read_inputs([folder / "zala_entities.ftm.json"]))
    assert {r.nationalities for r in zala.records if r.kind == "person"} == {("ru",)}
    assert sum(1 for r in zala.records if r.kind == "person") == 6
    delta = folder / "sanctions-delta" / "20240527194702-wnk.entities.delta.json"
    parsed = parse_files("opensanctions-ftm-delta", read_inputs([delta]))
    assert [(r.key, r.nationalities) for r in parsed.records if r.kind == "person"] == [
        ("NK-2sJaJRaPJcWUfMbHjTtWcL", ("af",))
    ]
