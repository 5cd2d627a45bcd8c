"""The matrix a page at a time, on SQLite and PostgreSQL: the pages add up to the whole answer."""

from __future__ import annotations

from datetime import date

import pytest

from proscribe import query
from proscribe.errors import InputError
from proscribe.store import Store


def pages(registry: Store, size: int, **asked: object) -> list[list[dict[str, object]]]:
    """Every page of the matrix of `asked`, `size` rows each, following `next_cursor` to the end."""
    found = []
    cursor = None
    while True:
        page = query.matrix(registry.reader(), limit=size, cursor=cursor, **asked)  # type: ignore[arg-type]
        found.append(page["rows"])
        cursor = page["next_cursor"]
        if cursor is None:
            return found


def test_pages_of_the_matrix_add_up_to_the_whole_of_it(registry: Store) -> None:
    asked = {"jurisdictions": ["RU", "KZ", "KG"], "at": date(2024, 6, 1)}
    whole = query.matrix(registry.reader(), **asked)  # type: ignore[arg-type]
    assert whole["next_cursor"] is None
    keys = [(r["entity_id"], r["jurisdiction"], r["list"]) for r in whole["rows"]]
    assert keys == sorted(keys) and len(keys) > 5
    for size in (1, 5, len(keys), len(keys) + 1):
        got = pages(registry, size, **asked)
        assert [row for page in got for row in page] == whole["rows"]
        assert all(len(page) == size for page in got[:-1])
    # The Taliban's rows, paged, are the Taliban's rows (the filter holds across pages).
    taliban = pages(registry, 2, entities=["taliban"], jurisdictions=["RU", "KZ", "KG"], at=date(2024, 6, 1))
    assert [(r["jurisdiction"], r["list"], r["state"]) for page in taliban for r in page] == [
        (r["jurisdiction"], r["list"], r["state"]) for r in whole["rows"] if r["entity_id"] == "taliban"
    ]


def test_a_page_as_known_on_a_day_is_cut_from_the_rederived_matrix(registry: Store) -> None:
    asked = {"jurisdictions": ["RU", "KZ"], "at": date(2024, 6, 1), "as_of": date(2024, 6, 1)}
    whole = query.matrix(registry.reader(), **asked)  # type: ignore[arg-type]
    assert [row for page in pages(registry, 4, **asked) for row in page] == whole["rows"]


def test_a_cursor_not_of_the_matrix_is_refused(registry: Store) -> None:
    changes = query.changes(registry.reader(), date(1900, 1, 1), jurisdictions=["RU"], limit=1)["next_cursor"]
    with pytest.raises(InputError, match=r"this cursor pages another answer \(oldest\), not the matrix"):
        query.matrix(registry.reader(), jurisdictions=["RU"], limit=2, cursor=changes)
    with pytest.raises(InputError, match="pass back a next_cursor unchanged"):
        query.matrix(registry.reader(), jurisdictions=["RU"], limit=2, cursor="not-a-cursor")
