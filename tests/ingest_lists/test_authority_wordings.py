"""A body named with its office holder is named as the body, whatever particles the holder's name
has ("al-", "bin", "von der"): on invented wordings, and on the bundled dataset's Jordanian ban."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from proscribe import vocab
from proscribe.cli import main


@pytest.mark.parametrize(
    ("jurisdiction", "wording", "body"),
    [
        ("JO", "Minister of Interior of Jordan Samir al-Qudat", "Ministry of Interior of Jordan"),
        ("JO", "Interior Minister Khalil bin Nasser (announcement)", "Ministry of Interior of Jordan"),
        ("DE", "Federal Interior Minister Anna von der Brink", "Federal Ministry of the Interior"),
        ("US", "Secretary of State Lucia de la Vega", "U.S. Department of State"),
        ("GB", "Home Secretary Amira el-Sayed", "Home Secretary"),
        (
            "CA",
            "Public Safety Minister Jean d'Arcy / Governor in Council",
            "Public Safety Canada; Governor in Council",
        ),
    ],
)
def test_an_office_holders_name_with_particles_is_dropped(jurisdiction: str, wording: str, body: str) -> None:
    assert vocab.authority_name(jurisdiction, wording) == body


@pytest.mark.parametrize(
    ("jurisdiction", "wording"),
    [
        # A particle alone ends no name: nothing is cut, and the wording is not a known body.
        ("GB", "Home Secretary Office de"),
        # A body the vocabulary does not know keeps its wording, name and all.
        ("NG", "President Amina al-Bashir"),
    ],
)
def test_only_a_known_body_is_named_through_a_name(jurisdiction: str, wording: str) -> None:
    assert vocab.authority_name(jurisdiction, wording) == wording


def test_name_particles_are_single_lower_case_words() -> None:
    assert {"al", "bin", "von", "der", "de"} <= vocab.name_particles()
    assert all(word.islower() and " " not in word for word in vocab.name_particles())


def test_the_jordanian_ban_is_named_by_its_ministry(tmp_path: Path) -> None:
    """The bundled claim keeps its source's wording; the change names the body."""
    db = f"sqlite:///{tmp_path / 'registry.db'}"
    runner = CliRunner()
    assert runner.invoke(main, ["--db", db, "init"], catch_exceptions=False).exit_code == 0
    result = runner.invoke(
        main,
        [
            "--db",
            db,
            "changes",
            "--reported-since",
            "2025-04-01",
            "--reported-until",
            "2025-04-30",
            "--in",
            "JO",
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert "Ministry of Interior of Jordan  " in result.output
    assert "al-Faraya" not in result.output
    claims = json.loads(
        runner.invoke(
            main, ["--db", db, "sources", "muslim-brotherhood", "--in", "JO", "--format", "json"]
        ).output
    )["claims"]
    assert [c["authority"] for c in claims] == ["Minister of Interior of Jordan Mazen al-Faraya"]
