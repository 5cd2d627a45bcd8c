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


@pytest.mark.parametrize(
    ("file", "old", "new", "error"),
    [
        (
            "triggers.yaml",
            'pattern: "proscri(?:be',
            'pattern: "proscri((?:be',
            r"triggers\.yaml: triggers\[\d+\] \(list-proscribe\): invalid pattern",
        ),
        (
            "triggers.yaml",
            "{id: list-outlaw, action: list",
            "{id: list-outlaw, action: ban",
            r"\(list-outlaw\): `action` must be one of list, delist, suspend",
        ),
        (
            "jurisdictions.yaml",
            "capitals: [Astana]",
            "capitals: [Moscow]",
            r"jurisdictions\.yaml: jurisdictions\[\d+\] \(KZ\): 'Moscow' also names RU",
        ),
        (
            "jurisdictions.yaml",
            "cities: [Osh]",
            "cities: [Osh, Almaty]",
            r"jurisdictions\.yaml: jurisdictions\[\d+\] \(KG\): 'Almaty' also names KZ",
        ),
        (
            "cues.yaml",
            "{id: neg-reject,",
            "{id: neg-not,",
            r"cues\.yaml: cues\[\d+\]: duplicate id 'neg-not'",
        ),
        (
            "cues.yaml",
            "{id: post-approval, kind: propose, after_any: true,",
            "{id: post-approval, kind: propose, after_any: sometimes,",
            r"cues\.yaml: post_cues\[\d+\] \(post-approval\): `after_any` must be true or false",
        ),
        (
            "cues.yaml",
            "{id: prop-decided-to, kind: propose, absorbed: true, dated_act: true,",
            "{id: prop-decided-to, kind: propose, absorbed: true, dated_act: maybe,",
            r"cues\.yaml: cues\[\d+\] \(prop-decided-to\): `dated_act` must be true or false",
        ),
        # A quotation's speaker is read from the subject of the sentence before: the pattern must say where.
        (
            "cues.yaml",
            'previous: "^(?P<subject>',
            'previous: "^(?P<speaker>',
            r"cues\.yaml: quote_speaker\.previous: needs a \(\?P<subject>\.\.\.\) group",
        ),
        (
            "references.yaml",
            'joined: "\\\\b(?P<verb>join',
            'joined: "\\\\b(?P<verb>join(',
            r"references\.yaml: joined: invalid pattern",
        ),
        (
            "references.yaml",
            "(?P<states>",
            "(?P<places>",
            r"references\.yaml: joined: needs the named groups states",
        ),
        (
            "laws.yaml",
            'name: "UNSCR \\\\1\\\\2"',
            'name: "UNSCR \\\\3"',
            r"laws\.yaml: laws\[\d+\] \(un-resolution\): `name` cites a group the pattern does not have",
        ),
        (
            "laws.yaml",
            "name: Terrorism Act 2000, jurisdiction: GB}",
            "name: Terrorism Act 2000, jurisdiction: UK1}",
            r"laws\.yaml: laws\[\d+\] \(gb-terrorism-act\): `jurisdiction` must be a two-letter code",
        ),
        (
            "spellings.yaml",
            "[nusra, nusrah]",
            "[nusra, qaeda]",
            r"spellings\.yaml: families\[2\]: 'qaeda' is already in families\[0\]",
        ),
        (
            "spellings.yaml",
            "[nusra, nusrah]",
            "[nusra, Nusrah]",
            r"spellings\.yaml: families\[2\]: 'Nusrah' is not one lower-case Latin word",
        ),
        (
            "spellings.yaml",
            "[nusra, nusrah]",
            "[nusra]",
            r"spellings\.yaml: families\[2\]: a family needs at least two spellings",
        ),
        (
            "dates.yaml",
            "date_connectors: [of, de, del]",
            "date_connectors: []",
            r"dates\.yaml: date_connectors: expected a non-empty list",
        ),
        # Without them every four-digit number would be a year.
        (
            "dates.yaml",
            "year_prepositions: [in,",
            "year_prepositions: []\nunused: [in,",
            r"dates\.yaml: year_prepositions: expected a non-empty list",
        ),
    ],
)
def test_a_bad_rule_file_is_refused_naming_file_and_entry(
    tmp_path: Path, file: str, old: str, new: str, error: str
) -> None:
    folder = _copy(tmp_path)
    _replace(folder / file, old, new)
    with pytest.raises(DataError, match=error):
        load_rules(folder)
