"""PartialDate: a date known to a day, a month, a year, or only within bounds.

Designation facts are rarely known to the day: "in 2003", "by the end of 2023", "between the
snapshots of 30 June and 3 July". A PartialDate keeps the closed interval [earliest, latest] of
days on which the thing may have happened, and the precision it was stated with.

Comparison rules (interval-aware; "unknown" is a value, not an error):
- `a.before(b)` is True only when every possible day of `a` precedes every possible day of `b`
  (a.latest < b.earliest). `a.after(b)` mirrors it.
- `a.overlaps(b)` is True when some day is possible for both; such dates are *compatible*.
- `a.contains(d)` tells whether the day `d` is possible for `a`.
- An open bound (None) means unbounded on that side: `earliest=None` is "on or before latest".
- Sorting uses `sort_key`: earliest bound first (open earliest sorts first), then latest bound.
- Equality is structural (same bounds and precision).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from proscribe.errors import InputError

Precision = Literal["day", "month", "year", "range", "unknown"]

_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_ISO_YEAR = re.compile(r"^(\d{4})$")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """The closed interval of days on which an event may have happened, with its stated precision."""

    earliest: date | None
    latest: date | None
    precision: Precision

    def __post_init__(self) -> None:
        if self.earliest and self.latest and self.earliest > self.latest:
            raise ValueError(f"earliest {self.earliest} is after latest {self.latest}")

    # -- constructors -------------------------------------------------------------------------
    @classmethod
    def day(cls, value: date) -> PartialDate:
        """A date known to the day."""
        return cls(value, value, "day")

    @classmethod
    def month(cls, year: int, month: int) -> PartialDate:
        """A date known to the month."""
        last = calendar.monthrange(year, month)[1]
        return cls(date(year, month, 1), date(year, month, last), "month")

    @classmethod
    def year(cls, year: int) -> PartialDate:
        """A date known to the year."""
        return cls(date(year, 1, 1), date(year, 12, 31), "year")

    @classmethod
    def between(cls, earliest: date | None, latest: date | None) -> PartialDate:
        """A date known only to lie within bounds (either may be open)."""
        if earliest is None and latest is None:
            return cls.unknown()
        if earliest is not None and earliest == latest:
            return cls.day(earliest)
        return cls(earliest, latest, "range")

    @classmethod
    def unknown(cls) -> PartialDate:
        """A date nothing is known about."""
        return cls(None, None, "unknown")

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, a range `A/B` (either side may be `..`) or `unknown`.

        Raises InputError naming the text when it is not one of these forms.
        """
        value = text.strip()
        if value == "unknown":
            return cls.unknown()
        if "/" in value:
            left, _, right = value.partition("/")
            low = None if left in ("", "..") else cls.parse(left).earliest
            high = None if right in ("", "..") else cls.parse(right).latest
            try:
                return cls.between(low, high)
            except ValueError as exc:
                raise InputError(f"malformed date range {text!r}: {exc}") from None
        try:
            if m := _ISO_DAY.match(value):
                return cls.day(date(int(m[1]), int(m[2]), int(m[3])))
            if m := _ISO_MONTH.match(value):
                return cls.month(int(m[1]), int(m[2]))
            if m := _ISO_YEAR.match(value):
                return cls.year(int(m[1]))
        except ValueError:
            pass
        raise InputError(f"malformed date {text!r}: expected YYYY-MM-DD, YYYY-MM or YYYY")

    # -- views --------------------------------------------------------------------------------
    def iso(self) -> str:
        """Render as the shortest text `parse` reads back to the same value."""
        if self.precision == "unknown":
            return "unknown"
        assert self.earliest is not None or self.latest is not None
        if self.precision == "day" and self.earliest:
            return self.earliest.isoformat()
        if self.precision == "month" and self.earliest:
            return self.earliest.isoformat()[:7]
        if self.precision == "year" and self.earliest:
            return self.earliest.isoformat()[:4]
        low = self.earliest.isoformat() if self.earliest else ".."
        high = self.latest.isoformat() if self.latest else ".."
        return f"{low}/{high}"

    def __str__(self) -> str:
        return self.iso()

    @property
    def is_exact(self) -> bool:
        """True when known to the day."""
        return self.precision == "day"

    @property
    def width_days(self) -> int | None:
        """Number of possible days, or None when a bound is open."""
        if self.earliest is None or self.latest is None:
            return None
        return (self.latest - self.earliest).days + 1

    def sort_key(self) -> tuple[date, date]:
        """Order by earliest possible day (open first), then latest possible day (open last)."""
        return (self.earliest or date.min, self.latest or date.max)

    # -- comparisons --------------------------------------------------------------------------
    def before(self, other: PartialDate) -> bool:
        """True when every possible day of self precedes every possible day of other."""
        return self.latest is not None and other.earliest is not None and self.latest < other.earliest

    def after(self, other: PartialDate) -> bool:
        """True when every possible day of self follows every possible day of other."""
        return other.before(self)

    def overlaps(self, other: PartialDate) -> bool:
        """True when some day is possible for both (the two dates are compatible)."""
        return not self.before(other) and not other.before(self)

    def contains(self, day: date) -> bool:
        """True when `day` is a possible day of self."""
        return (self.earliest is None or self.earliest <= day) and (self.latest is None or day <= self.latest)

    def surely_on_or_before(self, day: date) -> bool:
        """True when the event certainly happened on or before `day`."""
        return self.latest is not None and self.latest <= day

    def surely_after(self, day: date) -> bool:
        """True when the event certainly happened after `day`."""
        return self.earliest is not None and self.earliest > day

    def gap_days(self, other: PartialDate) -> int | None:
        """Days between the two dates' nearest possible days (0 when they overlap, None if unbounded)."""
        if self.overlaps(other):
            return 0
        first, second = (self, other) if self.before(other) else (other, self)
        assert first.latest is not None and second.earliest is not None
        return (second.earliest - first.latest).days

    def intersect(self, other: PartialDate) -> PartialDate:
        """The days possible for both; the more precise value when one contains the other."""
        low = max((d for d in (self.earliest, other.earliest) if d), default=None)
        high = min((d for d in (self.latest, other.latest) if d), default=None)
        for candidate in (self, other):
            if candidate.earliest == low and candidate.latest == high:
                return candidate
        return PartialDate.between(low, high)


def parse_day(text: str) -> date:
    """Parse a full `YYYY-MM-DD` date (for --at / --as-of), with a clear error otherwise."""
    try:
        value = PartialDate.parse(text)
    except InputError:
        value = PartialDate.unknown()  # 2025-02-30: say what this parameter takes, not what a claim may
    if value.precision != "day" or value.earliest is None:
        raise InputError(f"malformed date {text!r}: expected a full date YYYY-MM-DD")
    return value.earliest


def day_after(value: date) -> date:
    """The next calendar day."""
    return value + timedelta(days=1)
