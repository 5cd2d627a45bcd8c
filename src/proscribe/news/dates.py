"""Time expressions in news sentences, resolved to PartialDates against the publication date.

Absolute dates ("17 April 2025", "March 2003", "in 2003", "by the end of 2023") need no publication
date. Relative ones ("on Monday", "yesterday", "last month", "in January", "May 27") resolve only
when the publication date is known; otherwise they give None, as the annotation guidelines ask.
A weekday resolves to the most recent such day on or before the publication date, or to the next
such day when the act is scheduled (`future=True`). A day and month without a year take the latest
such day on or before the publication date (the first on or after it for a scheduled act, the
nearest one after "effective"); "last July" is the latest July before the publication month.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from proscribe.model import PartialDate
from proscribe.news.ruletypes import Rules


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression in a sentence: offsets, text, and how to resolve it."""

    start: int
    end: int
    text: str
    kind: str  # day | month | year | day_no_year | month_no_year | last_month_name | weekday | relative
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    unit: str | None = None
    offset: int = 0
    effective: bool = False  # after "effective", "takes effect": may lie on either side of publication
    counted: bool = False  # a counted offset ("30 days from today"), not a named day ("tomorrow")

    def resolve(self, published: date | None, future: bool = False) -> PartialDate | None:
        """The PartialDate this expression denotes, or None when it cannot be resolved."""
        try:
            return self._resolve(published, future)
        except ValueError:
            return None

    def _resolve(self, published: date | None, future: bool) -> PartialDate | None:
        if self.kind == "day" and self.year and self.month and self.day:
            return PartialDate.day(date(self.year, self.month, self.day))
        if self.kind == "month" and self.year and self.month:
            return PartialDate.month(self.year, self.month)
        if self.kind == "year" and self.year:
            return PartialDate.year(self.year)
        if published is None:
            return None
        if self.kind == "day_no_year" and self.month and self.day:
            # A reported act is done: the latest such day on or before publication; a scheduled one
            # lies ahead: the first such day on or after it.
            options = [date(published.year + delta, self.month, self.day) for delta in (-1, 0, 1)]
            if self.effective and not future:
                return PartialDate.day(min(options, key=lambda d: abs((d - published).days)))
            if future:
                return PartialDate.day(min(d for d in options if d >= published))
            return PartialDate.day(max(d for d in options if d <= published))
        if self.kind == "month_no_year" and self.month:
            year = published.year if self.month <= published.month or future else published.year - 1
            return PartialDate.month(year, self.month)
        if self.kind == "last_month_name" and self.month:
            # "last July": the latest July before the current month.
            return PartialDate.month(published.year - (self.month >= published.month), self.month)
        if self.kind == "weekday" and self.weekday is not None:
            if future:
                ahead = (self.weekday - published.weekday()) % 7 or 7
                return PartialDate.day(published + timedelta(days=ahead))
            return PartialDate.day(published - timedelta(days=(published.weekday() - self.weekday) % 7))
        if self.kind == "relative":
            return _relative(published, self.unit or "days", self.offset)
        return None


def _relative(published: date, unit: str, offset: int) -> PartialDate:
    if unit == "days":
        return PartialDate.day(published + timedelta(days=offset))
    if unit == "months":
        index = published.year * 12 + published.month - 1 + offset
        return PartialDate.month(index // 12, index % 12 + 1)
    return PartialDate.year(published.year + offset)


class DateFinder:
    """Finds time expressions with patterns built from the month and weekday names in dates.yaml."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        month = "|".join(sorted((re.escape(m) for m in rules.months), key=len, reverse=True))
        weekday = "|".join(sorted((re.escape(w) for w in rules.weekdays), key=len, reverse=True))
        day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
        day_first = rf"{day}\.?"  # German and Scandinavian write "2. November 2023"
        year = r"(?P<y>(?:19|20)\d{2})"
        mon = rf"(?P<m>{month})\.?"
        prep = "(?:in|since|from|by|until|before|after|during|of|year)"
        between = "(?:(?:" + "|".join(re.escape(word) for word in rules.date_connectors) + ") )?"
        part = "(?:the (?:end|start|beginning|middle)|(?:the )?(?:autumn|fall|spring|summer|winter)) of"
        after_prep = "|".join(rf"(?<=\b{re.escape(word)} )" for word in rules.year_prepositions)
        # (their count groups unnamed: several patterns name theirs `n`)
        relative = "|".join(
            re.sub(r"\(\?P<\w+>", "(?:", regex.pattern) for _id, regex, _unit, _offset in rules.relative
        )
        # One scan rules out sentences with no digit, month, weekday or relative word.
        self._any = re.compile(rf"\d|\b(?:{month}|{weekday})\b|{relative}", re.IGNORECASE)
        self._patterns: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
            (kind, re.compile(pattern, re.IGNORECASE))
            for kind, pattern in (
                ("day", rf"\b{day_first} {between}{mon},? {between}{year}\b"),
                ("day", rf"\b{mon} {day},? {year}\b"),
                ("day", rf"\b{year}-(?P<mn>[01]\d)-{day}\b"),
                # 27.11.2002 (day first wherever dots are written); 27/11/2002 only when the day cannot
                # be a month (11/12/2002 is 11 December or November 12: no date).
                ("day", rf"\b(?P<d>[0-3]?\d)\.(?P<mn>0?[1-9]|1[0-2])\.{year}\b"),
                ("day", rf"\b(?P<d>1[3-9]|2\d|3[01])/(?P<mn>0?[1-9]|1[0-2])/{year}\b"),
                ("day_no_year", rf"\b{day_first} {between}{mon}(?![\w-])"),
                ("day_no_year", rf"\b{mon} {day}\b(?!\d)"),
                ("month", rf"\b(?:early |late |mid-?)?{mon},? {between}{year}\b"),
                (
                    "year",
                    rf"\b{prep} (?:{part} |(?:early|late|mid-?) ){year}\b(?![-/]\d)",
                ),
                (
                    "year",
                    rf"(?:{after_prep}){year}\b(?![-/]\d)",
                ),
                (
                    "month_no_year",
                    rf"\b{prep} (?:{part} |early |late |mid-?)?(?P<m>{month})\b(?![\w-]| ?\d)",
                ),
                ("last_month_name", rf"\blast (?P<m>{month})\b(?![\w-]| ?\d)"),
                (
                    "weekday",
                    rf"\b(?:on |last |this |next |since |from |until |by )?(?P<w>{weekday})(?:'s)?\b",
                ),
            )
        )

    def find(self, text: str) -> list[TimeExpression]:
        """Every time expression in `text`, longest first where they overlap."""
        found: list[TimeExpression] = []
        if self._any.search(text) is None:
            return found
        for kind, regex in self._patterns:
            for match in regex.finditer(text):
                if any(not (match.end() <= f.start or match.start() >= f.end) for f in found):
                    continue
                found.append(self._build(kind, match))
        # Each relative rule's first match, longest first where they overlap ("30 days from today" over
        # "today"); a counted offset multiplies the rule's unit step by its count group `n`.
        candidates = [
            (match, unit, offset * (int(match.group("n")) if "n" in regex.groupindex else 1))
            for _rule_id, regex, unit, offset in self.rules.relative
            for match in regex.finditer(text)
        ]
        taken: set[str] = set()
        for match, unit, offset in sorted(
            candidates, key=lambda c: (c[0].start() - c[0].end(), c[0].start())
        ):
            counted = "n" in match.re.groupindex
            if match.re.pattern in taken or any(
                not (match.end() <= f.start or match.start() >= f.end) for f in found
            ):
                continue
            taken.add(match.re.pattern)
            found.append(
                TimeExpression(
                    match.start(),
                    match.end(),
                    match.group(0),
                    "relative",
                    unit=unit,
                    offset=offset,
                    counted=counted,
                )
            )
        found = [
            replace(t, effective=True)
            if self.rules.effective.search(text[max(0, t.start - 40) : t.start])
            else t
            for t in found
        ]
        return sorted(found, key=lambda t: t.start)

    def _build(self, kind: str, match: re.Match[str]) -> TimeExpression:
        groups = match.groupdict()
        month = None
        if groups.get("m"):
            month = self.rules.months.get(groups["m"].casefold())
        elif groups.get("mn"):
            month = int(groups["mn"])
        day = int(groups["d"]) if groups.get("d") else None
        if day is not None and month is not None and day > calendar.monthrange(2000, month)[1]:
            kind = "invalid"
        return TimeExpression(
            match.start(),
            match.end(),
            match.group(0),
            kind,
            year=int(groups["y"]) if groups.get("y") else None,
            month=month,
            day=day,
            weekday=self.rules.weekdays.get(groups["w"].casefold()) if groups.get("w") else None,
        )
