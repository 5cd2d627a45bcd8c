"""Claims: one sourced assertion each, immutable, with a deterministic id.

An *event* claim says something happened (E was listed on L by authority A on date D).
A *state* claim says how things stood on a date (E is on L as of the list's publication date).
A proposal (`propose_list`, `propose_delist`) may also say who decides it (`decider`): the body the
source says the proposal goes to, or that alone can make the change.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Literal

from proscribe.model.dates import PartialDate

ClaimKind = Literal["event", "state"]
Action = Literal[
    "list", "relist", "reinstate", "delist", "suspend", "amend", "propose_list", "propose_delist"
]
State = Literal["listed", "suspended", "not_listed"]

ACTIONS: tuple[str, ...] = (
    "list",
    "relist",
    "reinstate",
    "delist",
    "suspend",
    "amend",
    "propose_list",
    "propose_delist",
)
STATES: tuple[str, ...] = ("listed", "suspended", "not_listed")

# The state a decision puts the designation in; proposals and amendments change no state.
STATE_AFTER: dict[str, State] = {
    "list": "listed",
    "relist": "listed",
    "reinstate": "listed",
    "delist": "not_listed",
    "suspend": "suspended",
}
PROPOSALS = frozenset({"propose_list", "propose_delist"})


def claim_id(*parts: str | None) -> str:
    """Deterministic claim id: a hash of source, record and content, so re-imports are no-ops."""
    text = "\x1f".join("" if part is None else part for part in parts)
    return "clm-" + hashlib.sha256(text.encode()).hexdigest()[:20]


@dataclass(frozen=True, slots=True)
class Claim:
    """One sourced assertion about an entity's designation on one list of one jurisdiction."""

    kind: ClaimKind
    entity_id: str
    jurisdiction: str
    list_id: str | None
    date: PartialDate
    source_id: str
    record_key: str
    action: Action | None = None
    state: State | None = None
    authority: str | None = None
    legal_basis: str | None = None
    scope: str | None = None
    decider: str | None = None
    original: str | None = None
    evidence: str | None = None
    span: tuple[int, int] | None = None
    rule: str | None = None
    confidence: float = 1.0
    note: str | None = None
    known_from: dt.date | None = None
    tier: int = 3
    id: str = field(default="")

    def __post_init__(self) -> None:
        if self.kind == "event" and (self.action is None or self.action not in ACTIONS):
            raise ValueError(f"event claim needs an action in {ACTIONS}, got {self.action!r}")
        if self.kind == "state" and (self.state is None or self.state not in STATES):
            raise ValueError(f"state claim needs a state in {STATES}, got {self.state!r}")
        if self.decider is not None and self.action not in PROPOSALS:
            raise ValueError(f"only a proposal names who decides it, not {self.action or self.state!r}")
        if not self.id:
            # Who decides is part of what a report asserts; named only when given, so the ids of
            # claims without one stay as they were before proposals could name it.
            decided = (self.decider,) if self.decider is not None else ()
            object.__setattr__(
                self,
                "id",
                claim_id(
                    self.source_id,
                    self.record_key,
                    self.kind,
                    self.entity_id,
                    self.jurisdiction,
                    self.list_id,
                    self.action or self.state,
                    self.date.iso(),
                    self.authority,
                    self.scope,
                    *decided,
                ),
            )

    @property
    def effect(self) -> State | None:
        """The state this claim asserts the designation entered (events) or was in (state claims)."""
        if self.kind == "state":
            return self.state
        return STATE_AFTER.get(self.action or "")

    def known_by(self, as_of: dt.date) -> bool:
        """True when proscribe's sources could have known this claim on `as_of`.

        A claim with no known publication date counts from the earliest day of the event it
        reports: no report of an event predates the event.
        """
        known = self.known_from or self.date.earliest
        return known is None or known <= as_of
