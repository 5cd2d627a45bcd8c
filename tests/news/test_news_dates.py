"""Time expressions resolve against the publication date, or give None without one."""

from __future__ import annotations

from datetime import date

import pytest

from proscribe.news.dates import DateFinder
from proscribe.news.rules import load_rules

FINDER = DateFinder(load_rules())


def _resolve(text: str, published: date | None, future: bool = False) -> list[str | None]:
    out = []
    for expression in FINDER.find(text):
        value = expression.resolve(published, future)
        out.append(value.iso() if value else None)
    return out


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("It happened on 17 April 2025.", None, ["2025-04-17"]),
        ("Listed since March 2003.", None, ["2003-03"]),
        ("Removed by the end of 2023.", None, ["2023"]),
        ("Banned in 2003.", None, ["2003"]),
        ("The ministry acted on Monday.", date(2024, 6, 5), ["2024-06-03"]),
        ("The ministry acted on Monday.", None, [None]),
        ("It was done last month.", date(2024, 1, 15), ["2023-12"]),
        ("In January, the court ruled.", date(2025, 3, 4), ["2025-01"]),
        ("Effective February 16, the order applies.", date(2021, 2, 12), ["2021-02-16"]),
        ("The decision came yesterday.", date(2022, 9, 28), ["2022-09-27"]),
        # German and Scandinavian write the day with a full stop.
        ("Das Ministerium hat am 2. November 2023 die Organisation verboten.", None, ["2023-11-02"]),
        ("Seit dem 14. Juni ist sie verboten.", date(2024, 7, 1), ["2024-06-14"]),
        # Numeric days: dotted ones are day first; a slashed one only when its day cannot be a month.
        ("Verboten am 02.11.2023.", None, ["2023-11-02"]),
        ("Listed on 27/11/2002.", None, ["2002-11-27"]),
        ("Listed on 11/12/2002.", None, []),
        # "of" between the parts, and seasons.
        ("Listed on the 27th of November 2002.", None, ["2002-11-27"]),
        ("Listed in November of 2002.", None, ["2002-11"]),
        ("Listed in the autumn of 2002.", None, ["2002"]),
        # Spanish and Portuguese join a date's parts with "de".
        ("Designada el 12 de julio de 2024.", None, ["2024-07-12"]),
        ("Incluída em fevereiro de 2025.", None, ["2025-02"]),
        # Counted offsets, longest first ("30 days from today" is not "today").
        ("Effective 30 days from today.", date(2024, 1, 17), ["2024-02-16"]),
        ("It takes effect in 30 days.", date(2024, 1, 17), ["2024-02-16"]),
        ("It was banned 3 days ago, not yesterday.", date(2024, 1, 17), ["2024-01-14", "2024-01-16"]),
    ],
)
def test_resolution(text: str, published: date | None, expected: list[str | None]) -> None:
    assert _resolve(text, published) == expected


def test_a_scheduled_weekday_is_the_next_one() -> None:
    assert _resolve("It will take effect on Tuesday.", date(2021, 11, 27), future=True) == ["2021-11-30"]


def test_a_day_without_a_year_is_not_after_publication_for_a_done_act() -> None:
    assert _resolve("Japan banned the group on 9 August.", date(2026, 1, 20)) == ["2025-08-09"]
    assert _resolve("Japan will ban the group on 9 August.", date(2026, 1, 20), future=True) == ["2026-08-09"]


def test_last_and_a_month_name() -> None:
    assert _resolve("Japan banned the group last August.", date(2026, 1, 20)) == ["2025-08"]
    assert _resolve("Japan banned the group last March.", date(2026, 11, 2)) == ["2026-03"]
