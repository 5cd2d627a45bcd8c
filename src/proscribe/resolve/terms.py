"""Rule 15: a listing that lapses after a fixed term unless renewed, with no renewal on record.

Some lists' listings run for a fixed term: Australia's Criminal Code listing ceases on its third
anniversary, New Zealand's designation expires after three years, each unless renewed (the list
vocabulary's `term_years` and `term_basis`). Within a listed interval, the days after its term
ran out with nothing on record showing the listing in force again (no renewal, no new listing,
no sighting on the list) are a `Lapse`. The state stays `listed` (a renewal is routine and often
goes unreported, so a missing one is no evidence of a lapse), but an answer for such a day says
the term ran out and what was last on record, instead of reading as settled.

Every day here is conservative: a renewal known only to a month counts from the month's last day
(its term surely runs at least that long), and a lapse ends on the first day a later renewal may
have come.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from proscribe.model import Interval, Lapse, PartialDate


def anniversary(day: date, years: int) -> date:
    """The day `years` after `day` (a 29 February's anniversary in a common year: 1 March)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


def lapsed_terms(
    intervals: Sequence[Interval], in_force: Iterable[PartialDate], years: int, basis: str
) -> tuple[Lapse, ...]:
    """Each stretch of a `listed` interval past its term with no renewal on record, oldest first.

    `in_force` holds every day the sources show the listing made, renewed or in force (decisions
    that leave or put the entity listed, and the days it was seen listed).
    """
    shown = sorted({(d.earliest, d.latest) for d in in_force if d.earliest and d.latest})
    out: list[Lapse] = []
    for interval in intervals:
        if interval.state == "listed" and interval.from_day is not None:
            out.extend(_lapses(interval.from_day, interval.until_day, shown, years, basis))
    return tuple(out)


def _lapses(
    start: date, until: date | None, shown: list[tuple[date, date]], years: int, basis: str
) -> list[Lapse]:
    out: list[Lapse] = []
    renewed = start  # the last day the term surely restarted from
    for first, last in shown:
        if last < start or (until is not None and first >= until):
            continue
        due = anniversary(renewed, years)
        if due < first:
            out.append(Lapse(due, first, renewed, years, basis))
        renewed = max(renewed, last)
    due = anniversary(renewed, years)
    if until is None or due < until:
        out.append(Lapse(due, until, renewed, years, basis))
    return out
