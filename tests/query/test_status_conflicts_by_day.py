"""Answers for a day carry the conflicts that bear on it, and say when the day a state began is disputed."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from proscribe import query

if TYPE_CHECKING:
    from proscribe.store import Store

DELIST = "sources disagree on the date of the delist: 2023-12-29 (3 sources) vs 2024-06-03 (2 sources)"
LIST = "sources disagree on the date of the list: 2005-03-15 (2 sources); also reported: 2015"


def _kz(registry: Store, day: str) -> dict[str, Any]:
    answer = query.status(registry.reader(), "taliban", ["KZ"], at=date.fromisoformat(day))
    [place] = answer["jurisdictions"]
    [entry] = place["lists"]
    return dict(entry)


def test_status_lists_only_the_conflicts_over_changes_by_the_day(sqlite_registry: Store) -> None:
    """Kazakhstan's Taliban listing (2005, one report says 2015) and removal (2023-12-29 or
    2024-06-03): in year 1 neither bears on the answer, in 2010 the listing's, today both."""
    assert [c["description"] for c in _kz(sqlite_registry, "0001-01-01")["conflicts"]] == []
    assert [c["description"] for c in _kz(sqlite_registry, "2010-01-01")["conflicts"]] == [LIST]
    assert [c["description"] for c in _kz(sqlite_registry, "2026-11-01")["conflicts"]] == [LIST, DELIST]


def test_a_settled_state_whose_start_is_disputed_says_so(sqlite_registry: Store) -> None:
    entry = _kz(sqlite_registry, "2026-11-01")
    assert (entry["state"], entry["since"], entry["note"]) == (
        "not_listed",
        "2023-12-29/2024-06-03",
        f"start disputed: {DELIST}",
    )
    # Within the disputed days the state is uncertain, and says so as before.
    entry = _kz(sqlite_registry, "2024-03-01")
    assert (entry["state"], entry["note"]) == (
        "uncertain",
        "sources disagree: delist on 2023-12-29 or 2024-06-03",
    )
    # Listed in 2010: its start (2005-03-15) is not disputed by the removal's dates.
    assert _kz(sqlite_registry, "2010-01-01")["note"] is None


def test_the_matrix_counts_conflicts_by_the_day_and_notes_a_disputed_start(sqlite_registry: Store) -> None:
    def row(day: str) -> tuple[Any, ...]:
        answer = query.matrix(sqlite_registry.reader(), ["taliban"], ["KZ"], at=date.fromisoformat(day))
        [found] = answer["rows"]
        return found["state"], found["conflicts"], found["note"]

    assert row("0001-01-01") == ("not_listed", 0, None)
    assert row("2010-01-01") == ("listed", 1, None)
    assert row("2026-11-01") == ("not_listed", 2, f"start disputed: {DELIST}")
