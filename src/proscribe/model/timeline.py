"""Derived designation timelines: intervals, merged events, pending proposals and conflicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from proscribe.model.dates import PartialDate

TimelineState = Literal["listed", "suspended", "not_listed", "uncertain"]


@dataclass(frozen=True, slots=True)
class Decider:
    """A body a proposal's sources say decides it, with the claims that say so."""

    name: str
    claim_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world designation event, merged from every claim that reports it."""

    action: str
    date: PartialDate
    claim_ids: tuple[str, ...]
    authorities: tuple[str, ...] = ()
    legal_basis: str | None = None
    scope: str | None = None
    note: str | None = None
    refuted: bool = False
    deciders: tuple[Decider, ...] = ()


@dataclass(frozen=True, slots=True)
class Interval:
    """A stretch of days in one state.

    `start` / `end` are the reported dates of the boundaries (for display and sources);
    `from_day` (inclusive) and `until_day` (exclusive) are the concrete days the state certainly
    holds, None meaning open. An `uncertain` interval is a window in which the sources allow more
    than one state; `candidates` lists them.
    """

    state: TimelineState
    start: PartialDate | None
    end: PartialDate | None
    from_day: date | None
    until_day: date | None
    claim_ids: tuple[str, ...] = ()
    authority: str | None = None
    note: str | None = None
    candidates: tuple[str, ...] = ()

    def covers(self, day: date) -> bool:
        """True when `day` falls in this interval."""
        return (self.from_day is None or self.from_day <= day) and (
            self.until_day is None or day < self.until_day
        )


@dataclass(frozen=True, slots=True)
class Lapse:
    """Days a listing stood past its fixed term with no renewal on record (resolver rule 15).

    The listing stays `listed` on those days: renewals are routine and often go unreported, so a
    missing one is no evidence of a lapse. But an answer for such a day must say the term ran out.
    """

    from_day: date  # the day the term ran out
    until_day: date | None  # the first day a later renewal or sighting may have come; None: open
    renewed: date  # the last day before it the sources show the listing made, renewed or in force
    years: int
    basis: str  # the law setting the term

    def covers(self, day: date) -> bool:
        """True when `day` falls in this stretch."""
        return self.from_day <= day and (self.until_day is None or day < self.until_day)

    @property
    def note(self) -> str:
        """What an answer for a day in it says (by that day, the term has run out)."""
        return (
            f"{self.years}-year term ({self.basis}) ran out {self.from_day.isoformat()} with no renewal "
            f"on record since {self.renewed.isoformat()}: renewed unreported, or lapsed"
        )


@dataclass(frozen=True, slots=True)
class Pending:
    """A proposal not (yet) followed by a decision."""

    action: str
    date: PartialDate
    claim_ids: tuple[str, ...]
    authorities: tuple[str, ...] = ()
    deciders: tuple[Decider, ...] = ()


@dataclass(frozen=True, slots=True)
class Conflict:
    """Claims that cannot all be true, kept side by side instead of silently picking one."""

    kind: str
    description: str
    claim_ids: tuple[str, ...]
    window: PartialDate | None = None
    resolution: str | None = None


@dataclass(frozen=True, slots=True)
class Timeline:
    """Everything known about one entity on one list, derived from claims by the resolver."""

    entity_id: str
    jurisdiction: str
    list_id: str
    events: tuple[Event, ...] = ()
    intervals: tuple[Interval, ...] = ()
    proposals: tuple[Event, ...] = ()
    conflicts: tuple[Conflict, ...] = field(default_factory=tuple)
    state_claim_ids: tuple[str, ...] = ()
    lapses: tuple[Lapse, ...] = ()

    def lapse_at(self, day: date) -> Lapse | None:
        """The stretch past a listing's term with no renewal on record that covers `day`, if any."""
        return next((lapse for lapse in self.lapses if lapse.covers(day)), None)

    def interval_at(self, day: date) -> Interval | None:
        """The interval covering `day`, or None when nothing is known for that day."""
        for interval in self.intervals:
            if interval.covers(day):
                return interval
        return None

    def state_at(self, day: date) -> TimelineState | None:
        """The designation state on `day`, or None when the sources say nothing about it."""
        interval = self.interval_at(day)
        return interval.state if interval else None

    def pending_at(self, day: date) -> tuple[Pending, ...]:
        """Proposals made on or before `day` that no later decision (on or before `day`) settled."""
        out: list[Pending] = []
        for proposal in self.proposals:
            if not proposal.date.surely_on_or_before(day) and not proposal.date.contains(day):
                continue
            settled = any(
                _settles(event.action, proposal.action)
                and not event.refuted
                and event.date.after(proposal.date)
                and event.date.surely_on_or_before(day)
                for event in self.events
            ) or any(
                # A state the proposal sought, held from a day after it, carried it out even when no
                # source dates the decision (Kazakhstan's 2005 proposal to ban Hizb ut-Tahrir, the
                # ban on record from 2006-10-12 only as a state).
                interval.state in _CARRIED_OUT_BY.get(proposal.action, frozenset())
                and interval.from_day is not None
                and proposal.date.latest is not None
                and proposal.date.latest < interval.from_day
                and interval.from_day <= day
                for interval in self.intervals
            )
            if not settled:
                out.append(
                    Pending(
                        proposal.action,
                        proposal.date,
                        proposal.claim_ids,
                        proposal.authorities,
                        proposal.deciders,
                    )
                )
        return tuple(out)


_SETTLED_BY: dict[str, frozenset[str]] = {
    "propose_list": frozenset({"list", "relist", "reinstate"}),
    "propose_delist": frozenset({"delist", "suspend", "relist"}),
}


# The states that show a proposal carried out.
_CARRIED_OUT_BY: dict[str, frozenset[str]] = {
    "propose_list": frozenset({"listed"}),
    "propose_delist": frozenset({"not_listed", "suspended"}),
}


def _settles(decision: str, proposal: str) -> bool:
    """A decision settles a proposal when it carries it out or expressly re-affirms the opposite."""
    return decision in _SETTLED_BY.get(proposal, frozenset())
