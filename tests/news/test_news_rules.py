"""Rule files are validated at load: a bad entry fails with a DataError naming the file and the entry."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from proscribe.errors import DataError
from proscribe.news.rules import data_dir, load_rules


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    shutil.copytree(data_dir(), folder)
    return folder


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_packaged_rules_load() -> None:
    rules = load_rules()
    assert {t.action for t in rules.triggers} == {"list", "delist", "suspend"}
    assert len({t.id for t in rules.triggers}) == len(rules.triggers)


def test_invalid_trigger_pattern_names_file_and_entry(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _replace(folder / "triggers.yaml", 'pattern: "proscri(?:be', 'pattern: "proscri((?:be')
    with pytest.raises(
        DataError, match=r"triggers\.yaml: triggers\[\d+\] \(list-proscribe\): invalid pattern"
    ):
        load_rules(folder)


def test_unknown_action_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _replace(folder / "triggers.yaml", "{id: list-outlaw, action: list", "{id: list-outlaw, action: ban")
    with pytest.raises(DataError, match=r"\(list-outlaw\): `action` must be one of list, delist, suspend"):
        load_rules(folder)


def test_a_name_given_to_two_jurisdictions_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _replace(folder / "jurisdictions.yaml", "capitals: [Astana]", "capitals: [Moscow]")
    with pytest.raises(
        DataError, match=r"jurisdictions\.yaml: jurisdictions\[\d+\] \(KZ\): 'Moscow' also names RU"
    ):
        load_rules(folder)


def test_duplicate_cue_id_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _replace(folder / "cues.yaml", "{id: neg-reject,", "{id: neg-not,")
    with pytest.raises(DataError, match=r"cues\.yaml: cues\[\d+\]: duplicate id 'neg-not'"):
        load_rules(folder)


def test_a_city_given_to_two_jurisdictions_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _replace(folder / "jurisdictions.yaml", "cities: [Osh]", "cities: [Osh, Almaty]")
    with pytest.raises(
        DataError, match=r"jurisdictions\.yaml: jurisdictions\[\d+\] \(KG\): 'Almaty' also names KZ"
    ):
        load_rules(folder)


def test_year_prepositions_must_be_given(tmp_path: Path) -> None:
    """Without them every four-digit number would be a year."""
    folder = _copy(tmp_path)
    text = (folder / "dates.yaml").read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("year_prepositions:"))
    _replace(folder / "dates.yaml", line, "year_prepositions: []")
    with pytest.raises(DataError, match=r"dates\.yaml: year_prepositions: expected a non-empty list"):
        load_rules(folder)
