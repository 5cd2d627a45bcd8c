"""Extracted claims (what `proscribe extract` prints), analysed sentences, and the merge policy."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from proscribe.model import PartialDate
from proscribe.news.dates import TimeExpression
from proscribe.news.document import Sentence, fold
from proscribe.news.gazetteer import Mention
from proscribe.news.patterns import TriggerHit
from proscribe.news.ruletypes import DeciderRule

_PRECISION_RANK = {"day": 3, "month": 2, "year": 1, "range": 1, "unknown": 0}
# How a proposal's decider was found, strongest first: the article says who decides ("only by decision
# of X"), the proposal was submitted to X, or the article reports X's decision on it.
DECIDER_RANK = {"statement": 3, "addressee": 2, "decision": 1}


@dataclass(frozen=True, slots=True)
class ExtractedClaim:
    """One designation event found in an article, with everything needed to check it."""

    doc_id: str
    jurisdiction: str
    organisation: str
    entity_id: str | None
    org_mention: str
    org_kind: str
    action: str
    date: PartialDate | None
    authority: str | None
    evidence: str
    span: tuple[int, int]
    rule: str
    confidence: float
    absorbed: bool = False
    # Who decides, or must decide, a proposal (propose_* only; None otherwise or when the text does not
    # say), named like `authority`; `decider_kind` says how it was found (a DECIDER_RANK key).
    decider: str | None = None
    decider_kind: str | None = None
    # The date is the day the act took effect ("the decision took effect on ..."), which beats the day
    # another mention gives for its decision.
    effective: bool = False
    # A body's confirmation of a listing ("the tribunal upheld the ban"): another act than the listing.
    confirms: bool = False
    # An entry on a list ("added X to its list of terrorist organisations"): another act than a court's
    # ban of the same organisation ("a court found X guilty of extremist activity").
    entry: bool = False
    # The law, order or resolution the act was made under ("under the Terrorism Act 2000"), normalised
    # (data/news/laws.yaml), or None when the text does not say.
    legal_basis: str | None = None

    def org_key(self) -> str:
        """The entity id, or the folded name of an organisation the registry does not know."""
        return self.entity_id or fold(self.organisation)

    def to_json(self) -> dict[str, Any]:
        """The claim as a JSON-ready dict (the `proscribe extract` output)."""
        return {
            "doc_id": self.doc_id,
            "jurisdiction": self.jurisdiction,
            "organisation": self.organisation,
            "entity_id": self.entity_id,
            "org_mention": self.org_mention,
            "action": self.action,
            "date": self.date.iso() if self.date else None,
            "authority": self.authority,
            "decider": self.decider,
            "legal_basis": self.legal_basis,
            "evidence": self.evidence,
            "span": list(self.span),
            "rule": self.rule,
            "confidence": round(self.confidence, 2),
        }


@dataclass(slots=True)
class Analysed:
    """One sentence with its mentions, time expressions and triggers (offsets relative to it)."""

    sentence: Sentence
    folded: str
    orgs: list[Mention]
    jurisdictions: list[Mention]
    authorities: list[Mention]
    times: list[TimeExpression]
    triggers: list[TriggerHit]
    deciders: list[DeciderHit] = field(default_factory=list)
    laws: list[Mention] = field(default_factory=list)  # legal bases named (data/news/laws.yaml)


@dataclass(frozen=True, slots=True)
class DeciderHit:
    """A phrase naming who decides a proposal (data/news/deciders.yaml), offsets relative to its sentence.

    `start`/`end` span the phrase and its body; `body` is the body's mention (value: its normalised
    name; kind: its state, or ""); `clause` is the clause holding the body; `places` are the states
    the clause names (origins left out), used when the phrase speaks of another sentence's proposal.
    """

    start: int
    end: int
    body: Mention
    rule: DeciderRule
    clause: tuple[int, int]
    places: frozenset[str]


def stronger_decider(first: ExtractedClaim, other: ExtractedClaim) -> tuple[str | None, str | None]:
    """The decider (and how it was found) to keep of two mentions of one proposal: the higher rank
    (DECIDER_RANK), the first mention's on a tie."""
    rank = DECIDER_RANK.get(other.decider_kind or "", 0)
    if other.decider and rank > DECIDER_RANK.get(first.decider_kind or "", 0):
        return other.decider, other.decider_kind
    return first.decider, first.decider_kind


def keep_template(last: ExtractedClaim | None, new: ExtractedClaim) -> ExtractedClaim:
    """Another report of the same act on unnamed organisations fills in the first, not replaces it."""
    if (
        last is None
        or last.org_kind != "unnamed"
        or (last.action, last.jurisdiction) != (new.action, new.jurisdiction)
    ):
        return new
    decider, kind = stronger_decider(last, new)
    return replace(
        last,
        date=last.date or new.date,
        authority=last.authority or new.authority,
        decider=decider,
        decider_kind=kind,
    )


def _renewal(claim: ExtractedClaim) -> str:
    """What kind of renewed listing the mention reports ("" for none): a re-designation ("redesignated",
    "relisted") or a body's confirmation ("the tribunal upheld the ban"), each an act of its own."""
    if claim.action != "list":
        return ""
    if claim.confirms:
        return "confirmation"
    return "renewal" if re.search(r"\bre-?(?:designat|list|proscri|impos)\w*", claim.evidence.lower()) else ""


def _better_date(claim: ExtractedClaim, than: ExtractedClaim) -> bool:
    """True when `claim` dates the act better: the day it took effect, else the more precise date."""
    if claim.date is None:
        return False
    if than.date is None:
        return True
    if claim.effective != than.effective:
        return claim.effective
    return _PRECISION_RANK[claim.date.precision] > _PRECISION_RANK[than.date.precision]


def _same_act(held: ExtractedClaim, claim: ExtractedClaim) -> bool:
    """True unless both mentions are dated, in different months, with no day in common (then they report
    two acts: "sanctioned the group in July" and "designated it on 24 November"), or one is an entry on a
    list and the other a court's ban ("added X to its list of extremist organisations" and "a court found
    X guilty of extremist activity": the register follows the ruling)."""
    if held.entry != claim.entry and _COURT.search((held if claim.entry else claim).authority or ""):
        return False
    if held.date is None or claim.date is None or held.date.overlaps(claim.date):
        return True
    first, second = held.date.sort_key()[0], claim.date.sort_key()[0]
    return (first.year, first.month) == (second.year, second.month)


# A court's name among authorities ("Supreme Court of Russia", "court in Moscow", "tribunal").
_COURT = re.compile(r"\b(?:court|courts|tribunal)\b", re.IGNORECASE)


def merge(claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
    """Merge repeated mentions of one act (same jurisdiction, organisation, action) into one claim.

    The first mention's evidence is kept; the day the act took effect or else the most precise date, the
    most specific (longest) authority
    and the strongest decider (`stronger_decider`) named among the mentions fill in. A proposal with
    neither authority nor date is dropped when the same article reports the decision it proposed (the
    announcement and the act are one event); so is an undated "decided to" announcement (cue marked
    `absorbed`) even when it names an authority. A loose "removed" gives way to a precise "suspended"
    for the same organisation and state. The organisations of one act (one sentence's claims of one
    state, action and date) share the law any of them is found made under. A re-designation and a
    body's confirmation of a listing are acts of their own. Mentions dated in different months are
    different acts ("Britain proscribed Hamas in full in November 2021. The group had been partly
    banned since 2001.").
    """
    merged: dict[tuple[str, str, str, str, int], ExtractedClaim] = {}
    # The merged keys of each act: one sentence's claims of one state, action and date ("declared A an
    # unlawful association along with B and C"), which were made under one law.
    acts: dict[tuple[tuple[int, int], str, str, str | None], list[tuple[str, str, str, str, int]]] = {}
    for claim in claims:
        jurisdiction, org, action, renewal = (
            claim.jurisdiction,
            claim.org_key(),
            claim.action,
            _renewal(claim),
        )
        act = 0
        while (jurisdiction, org, action, renewal, act) in merged and not _same_act(
            merged[jurisdiction, org, action, renewal, act], claim
        ):
            act += 1
        key = (jurisdiction, org, action, renewal, act)
        when = claim.date.iso() if claim.date else None
        acts.setdefault((claim.span, jurisdiction, action, when), []).append(key)
        first = merged.get(key)
        if first is None:
            merged[key] = claim
            continue
        dated = claim if _better_date(claim, first) else first
        decider, kind = stronger_decider(first, claim)
        merged[key] = replace(
            first,
            date=dated.date,
            effective=dated.effective,
            authority=max((first.authority or "", claim.authority or ""), key=len) or None,
            legal_basis=first.legal_basis or claim.legal_basis,
            confidence=max(first.confidence, claim.confidence),
            decider=decider,
            decider_kind=kind,
        )
    for keys in acts.values():
        # A law a later sentence names for one organisation of the act is the others' too.
        law = next((merged[key].legal_basis for key in keys if merged[key].legal_basis), None)
        for key in keys if law else ():
            if merged[key].legal_basis is None:
                merged[key] = replace(merged[key], legal_basis=law)
    decided = {(c.jurisdiction, c.org_key(), c.action) for c in merged.values()}
    for key, claim in list(merged.items()):
        loose = merged.get((claim.jurisdiction, claim.org_key(), "delist", "", 0))
        if claim.action == "suspend" and loose is not None:
            # The precise "suspended" takes the loose "removed"'s date and authority if it has none.
            merged[key] = replace(
                claim,
                date=claim.date or loose.date,
                authority=claim.authority or loose.authority,
                legal_basis=claim.legal_basis or loose.legal_basis,
            )
    out: list[ExtractedClaim] = []
    for claim in merged.values():
        if claim.action == "delist" and (claim.jurisdiction, claim.org_key(), "suspend") in decided:
            continue
        if (
            claim.action.startswith("propose_")
            and claim.date is None
            and (claim.absorbed or claim.authority is None)
        ):
            target = "list" if claim.action == "propose_list" else "delist"
            targets = {target, "suspend"} if target == "delist" else {target}
            if any((claim.jurisdiction, claim.org_key(), t) in decided for t in targets):
                continue
        out.append(claim)
    return out
