"""The list vocabulary: a closed list names when it closed and a successor of its own jurisdiction; a list
opened to take over another's entries names when, and which list of its own jurisdiction."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from proscribe import vocab
from proscribe.errors import DataError

GB_OLD = '  - {id: gb-old, jurisdiction: GB, kind: sanctions, name: "Old list"'


@pytest.fixture()
def lists_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A data folder with the real jurisdictions and one list file the test writes."""
    shutil.copy(vocab.data_dir() / "jurisdictions.yaml", tmp_path / "jurisdictions.yaml")
    (tmp_path / "lists").mkdir()
    monkeypatch.setattr(vocab, "data_dir", lambda: tmp_path)
    vocab.jurisdictions.cache_clear()
    vocab.lists.cache_clear()
    yield tmp_path / "lists" / "test.yaml"
    vocab.jurisdictions.cache_clear()
    vocab.lists.cache_clear()


def _write(path: Path, *entries: str) -> None:
    path.write_text("lists:\n" + "\n".join(entries) + "\n", encoding="utf-8")


def test_the_bundled_ofsi_list_is_closed_and_succeeded_by_the_uk_sanctions_list() -> None:
    ofsi = vocab.lists()["gb-hmt"]
    assert (ofsi.closed_on, ofsi.succeeded_by) == (date(2026, 1, 28), "gb-uksl")
    assert ofsi.closed_note(date(2026, 1, 27)) is None
    assert ofsi.closed_note(date(2026, 1, 28)) == (
        "list closed on 2026-01-28; succeeded by gb-uksl: the state is the last recorded from it"
    )
    assert vocab.lists()["gb-uksl"].closed_note(date(2030, 1, 1)) is None


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([GB_OLD + ", closed_on: 28/01/2026}"], "closed_on must be a date (YYYY-MM-DD), got '28/01/2026'"),
        (
            [
                GB_OLD + ", succeeded_by: us-new}",
                '  - {id: us-new, jurisdiction: US, kind: sanctions, name: "N"}',
            ],
            "lists: gb-old: succeeded_by 'us-new' needs closed_on",
        ),
        (
            [
                GB_OLD + ", closed_on: 2026-01-28, succeeded_by: us-new}",
                '  - {id: us-new, jurisdiction: US, kind: sanctions, name: "N"}',
            ],
            "lists: gb-old: succeeded_by 'us-new' is not a list of GB",
        ),
        (
            [GB_OLD + ", closed_on: 2026-01-28, succeeded_by: gb-nowhere}"],
            "succeeded_by 'gb-nowhere' is not a list of GB",
        ),
    ],
)
def test_a_bad_closure_is_a_data_error(lists_file: Path, entries: list[str], message: str) -> None:
    _write(lists_file, *entries)
    with pytest.raises(DataError, match=re.escape(message)):
        vocab.lists()


def test_the_uns_1988_list_took_over_the_1267_lists_taliban_entries_when_it_opened() -> None:
    taliban = vocab.lists()["un-1988"]
    assert (taliban.opened_on, taliban.took_over_from) == (date(2011, 6, 17), "un-1267")


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([GB_OLD + ", took_over_from: gb-old}"], "lists: gb-old: took_over_from 'gb-old' needs opened_on"),
        (
            [GB_OLD + ", opened_on: 2011-06-17, took_over_from: gb-old}"],
            "lists: gb-old: took_over_from 'gb-old' is not another list of GB",
        ),
        (
            [
                GB_OLD + ", opened_on: 2011-06-17, took_over_from: us-new}",
                '  - {id: us-new, jurisdiction: US, kind: sanctions, name: "N"}',
            ],
            "lists: gb-old: took_over_from 'us-new' is not another list of GB",
        ),
        ([GB_OLD + ", opened_on: June 2011}"], "opened_on must be a date (YYYY-MM-DD), got 'June 2011'"),
    ],
)
def test_a_bad_takeover_is_a_data_error(lists_file: Path, entries: list[str], message: str) -> None:
    _write(lists_file, *entries)
    with pytest.raises(DataError, match=re.escape(message)):
        vocab.lists()


def test_the_csl_is_a_compilation_whose_gathered_lists_are_lists_of_their_own() -> None:
    known = vocab.lists()
    assert [list_id for list_id, item in known.items() if item.compilation] == ["us-csl"]
    assert (known["us-bis-entity-list"].kind, known["us-bis-entity-list"].jurisdiction) == (
        "export-control",
        "US",
    )
    assert known["us-state-isn"].kind == "sanctions"


def test_the_lists_writing_a_designee_in_several_rows_are_the_us_commerce_and_state_lists() -> None:
    known = vocab.lists()
    assert sorted(list_id for list_id, item in known.items() if item.several_rows) == [
        "us-bis-dpl",
        "us-bis-entity-list",
        "us-state-isn",
        "us-state-itar-debarred",
    ]


def test_several_rows_must_be_true_or_false(lists_file: Path) -> None:
    _write(lists_file, GB_OLD + ", several_rows: 2}")
    with pytest.raises(DataError, match=re.escape("gb-old): several_rows must be true or false, got 2")):
        vocab.lists()


def test_compilation_must_be_true_or_false(lists_file: Path) -> None:
    _write(lists_file, GB_OLD + ", compilation: yes please}")
    with pytest.raises(
        DataError, match=re.escape("gb-old): compilation must be true or false, got 'yes please'")
    ):
        vocab.lists()


def test_the_lists_whose_listings_lapse_after_a_term_are_australias_and_new_zealands() -> None:
    termed = {
        item.id: (item.term_years, item.term_basis) for item in vocab.lists().values() if item.term_years
    }
    assert termed == {
        "au-terrorist": (3, "Criminal Code Act 1995 s 102.1(3)"),
        "nz-terrorist": (3, "Terrorism Suppression Act 2002 s 35"),
    }


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ("term_years: 3", "gb-old): term_years needs term_basis, the law that sets the term"),
        (
            'term_years: 0, term_basis: "Act s 1"',
            "gb-old): term_years must be a whole number of years (1-99), got 0",
        ),
        (
            'term_years: "3", term_basis: "Act s 1"',
            "gb-old): term_years must be a whole number of years (1-99), got '3'",
        ),
        ('term_basis: "Act s 1"', "gb-old): term_years must be a whole number of years (1-99), got None"),
        (
            'term_years: 3, term_basis: " "',
            "gb-old): term_years needs term_basis, the law that sets the term",
        ),
    ],
)
def test_a_bad_term_is_a_data_error(lists_file: Path, fields: str, message: str) -> None:
    _write(lists_file, f"{GB_OLD}, {fields}}}")
    with pytest.raises(DataError, match=re.escape(message)):
        vocab.lists()
