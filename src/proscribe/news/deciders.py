"""Who decides a proposal: the body it is submitted to, or the one the article says must decide it.

Outlets disagree on who decides a proposed (de)listing: one reports that the ministries "submitted a
report to President Putin", another that the group "can be removed only by decision of the Supreme
Court". So every propose_* claim records the body its article names (`ExtractedClaim.decider`), and the
resolver can show where sources differ. The phrases are data (data/news/deciders.yaml), of two kinds:

* an **addressee** names the body a proposal goes to ("submitted a report to X", "asked X to ban",
  "laid the order before X"); it counts for the proposals of its own clause;
* a **statement** says outright who decides ("only by decision of X", "it is up to X to decide",
  "requires approval from X", "X rejected the request"); it counts for the proposals of its own
  sentence, else for the article's proposals on the same change, and beats an addressee.

A phrase outside any proposal's clause speaks of the article's proposals (`DeciderNote`) on the same
organisation (named in its clause, or a reference to one), in the same state (the body's, the clause's,
else the article's last act's) and in the same direction (removal or listing, from the clause's
triggers). One naming no organisation needs a definite reference to the act ("the order", "the
change") or, for an addressee, a trigger of its own and no proposer ("A draft order will be laid in
Parliament"), and speaks only of the proposals before it. A rule of procedure ("can be removed only by
decision of X") proposes nothing itself (`suppressed`). Last and weakest (`decided_by`): a proposal
whose article reports the decision on it takes the deciding body, when no phrase named one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from proscribe.news.claims import DECIDER_RANK, Analysed, DeciderHit, ExtractedClaim
from proscribe.news.document import fold
from proscribe.news.gazetteer import Mention
from proscribe.news.patterns import TriggerHit, clause_of
from proscribe.news.ruletypes import DeciderRule, Rules
from proscribe.news.spans import overlaps_any

# A body after one of these is not the subject of the phrase after it ("technicians from the ministry
# rejected ..." was the government's rejection).
_PREPOSITION = re.compile(r"\b(?:to|with|in|before|at|from|by|of|for|on|than|under)\s+(?:the\s+)?$")
# How far back (characters) an addressee phrase may start before its body.
_WINDOW = 220


def direction(action: str) -> str:
    """ "list" for listing acts and proposals, "delist" for removals and suspensions."""
    return "list" if action.removeprefix("propose_") == "list" else "delist"


def decider_bodies(text: str, authorities: list[Mention], orgs: list[Mention], rules: Rules) -> list[Mention]:
    """The sentence's authorities plus decider-only bodies (deciders.yaml `bodies`) that overlap neither
    an authority nor an organisation, in text order."""
    plain = text.translate({0x2019: ord("'")})
    found = list(authorities)
    for rule in rules.deciders.bodies:
        for match in rule.regex.finditer(plain):
            mention = Mention(match.start(), match.end(), match.group(0), rule.name, rule.jurisdiction or "")
            if overlaps_any(mention, found) or overlaps_any(mention, orgs):
                continue
            if rule.keep_text:
                mention = replace(mention, value=re.sub(r"^(?:the|a|an)\s+", "", match.group(0), flags=re.I))
            found.append(mention)
    return sorted(found, key=lambda m: m.start)


def find_deciders(
    text: str,
    folded: str,
    bodies: list[Mention],
    spans: list[tuple[int, int]],
    places: list[Mention],
    triggers: list[TriggerHit],
    rules: Rules,
) -> list[DeciderHit]:
    """Every decider phrase of one sentence (see deciders.yaml), in text order.

    `spans` are the sentence's clauses, `places` the states it names (origins left out), `triggers`
    its designation triggers (filler words between an addressee phrase and its body may not hold one).
    """
    if not bodies:
        return []
    out: list[DeciderHit] = []
    for rule in rules.deciders.rules:
        pairs = _after(text, folded, bodies, spans, triggers, rule, rules) if rule.side == "after" else []
        if rule.side == "before":
            pairs = _before(folded, bodies, spans, rule)
        for start, end, body in pairs:
            if rule.bodies and body.value not in rule.bodies:
                continue
            clause = clause_of(spans, body.start)
            named = frozenset(p.value for p in places if clause[0] <= p.start < clause[1])
            out.append(DeciderHit(start, end, body, rule, clause, named))
    return sorted(out, key=lambda h: (h.start, h.rule.kind))


def _after(
    text: str,
    folded: str,
    bodies: list[Mention],
    spans: list[tuple[int, int]],
    triggers: list[TriggerHit],
    rule: DeciderRule,
    rules: Rules,
) -> list[tuple[int, int, Mention]]:
    """(start, end, body) for a rule whose body follows its phrase."""
    out: list[tuple[int, int, Mention]] = []
    for body in bodies:
        clause = clause_of(spans, body.start)
        match = rule.regex.search(folded, max(clause[0], body.start - _WINDOW), body.start)
        if match is None:
            continue
        gap = (match.start("filler"), match.end("filler"))
        if any(gap[0] <= t.start < gap[1] for t in triggers):
            continue
        words = re.finditer(r"\S+", text[gap[0] : gap[1]])
        if not all(w.group(0)[:1].isupper() or fold(w.group(0)) in rules.deciders.filler for w in words):
            continue
        if rule.then is not None and not rule.then.match(folded[body.end :]):
            continue
        out.append((match.start(), body.end, body))
    return out


def _before(
    folded: str, bodies: list[Mention], spans: list[tuple[int, int]], rule: DeciderRule
) -> list[tuple[int, int, Mention]]:
    """(start, end, body) for a rule whose body is the subject before its phrase."""
    out: list[tuple[int, int, Mention]] = []
    for match in rule.regex.finditer(folded):
        clause = clause_of(spans, match.start())
        subjects = [
            b
            for b in bodies
            if clause[0] <= b.start
            and b.end <= match.start()
            and match.start() - b.end <= rule.reach
            and not _PREPOSITION.search(folded[max(0, b.start - 14) : b.start])
        ]
        if subjects:
            body = subjects[-1]
            out.append((body.start, match.end(), body))
    return out


def suppressed(item: Analysed, clause: tuple[int, int]) -> bool:
    """True when a rule of procedure shares the clause ("can be removed only by decision of X"): a
    trigger there that would be a proposal proposes nothing."""
    return any(h.rule.suppress and h.clause == clause for h in item.deciders)


# Words before a granting verb that keep it from stating a ruling ("has not approved", "will grant").
_UNSTATED = re.compile(r"\b(?:not|never|no|will|would|may|might|could|can|should|must|to)\b|n't\b")


def grants_act(item: Analysed, hit: DeciderHit) -> bool:
    """True when the decider phrase states a ruling that grants the proposal ("the court granted the
    prosecutor's request to exclude X", "the request was approved by the court"): the body's act is
    then reported too. Only a body credited with acts (not a decider-only body such as "Putin")."""
    rule = hit.rule
    if rule.grants is None or not any(a.start == hit.body.start for a in item.authorities):
        return False
    if rule.side == "before":
        # The phrase proper starts where the rule's pattern matched, after the subject.
        match = next(
            (m for m in rule.regex.finditer(item.folded, hit.body.end, hit.end) if m.end() == hit.end), None
        )
        if match is None:
            return False
        lead, phrase = item.folded[hit.body.end : match.start()], match.group(0)
    else:
        lead, phrase = "", item.folded[hit.start : hit.body.start]
    found = rule.grants.search(phrase)
    if found is None:
        return False
    # The words right before the verb: "has not approved", "will grant", "is expected to approve".
    return not _UNSTATED.search(" ".join((lead + phrase[: found.start()]).split()[-3:]))


def clause_decider(item: Analysed, clause: tuple[int, int], place: str) -> DeciderHit | None:
    """The decider phrase of a proposal's own clause (a statement before an addressee, then the first)
    whose body, if it belongs to a state, belongs to the proposal's state `place`."""
    hits = [h for h in item.deciders if h.clause == clause and h.body.kind in ("", place)]
    return max(hits, key=lambda h: (DECIDER_RANK[h.rule.kind], -h.start), default=None)


def with_decider(claim: ExtractedClaim, value: str, kind: str) -> ExtractedClaim:
    """The proposal with decider `value` found as `kind`, unless it already has one as strong."""
    if not claim.action.startswith("propose_"):
        return claim
    if claim.decider and DECIDER_RANK[kind] <= DECIDER_RANK.get(claim.decider_kind or "", 0):
        return claim
    return replace(claim, decider=value, decider_kind=kind)


@dataclass(frozen=True, slots=True)
class DeciderNote:
    """A decider phrase that speaks of proposals outside its own sentence.

    `orgs` are the organisations it speaks of (org keys), or None when it names none (then it speaks of
    the proposals before it: the first `before` claims); `places` the states; `direction` "list",
    "delist" or None (either).
    """

    value: str
    kind: str
    orgs: frozenset[str] | None
    places: frozenset[str]
    direction: str | None
    before: int


def _directions(item: Analysed, clause: tuple[int, int]) -> str | None:
    """The one direction of the clause's triggers, else of the sentence's; None when mixed or none."""
    for triggers in ([t for t in item.triggers if clause[0] <= t.start < clause[1]], item.triggers):
        found = {direction(t.rule.action) for t in triggers}
        if found:
            return found.pop() if len(found) == 1 else None
    return None


def in_sentence(item: Analysed, found: list[ExtractedClaim]) -> list[ExtractedClaim]:
    """The sentence's own claims with the deciders its statements name (a statement speaks of the
    proposals of its sentence in its direction and, if its body belongs to a state, that state)."""
    out = list(found)
    for hit in item.deciders:
        if hit.rule.kind != "statement":
            continue
        way = _directions(item, hit.clause)
        for index, claim in enumerate(out):
            if (way is None or direction(claim.action) == way) and hit.body.kind in ("", claim.jurisdiction):
                out[index] = with_decider(claim, hit.body.value, hit.rule.kind)
    return out


def notes(
    item: Analysed,
    found: list[ExtractedClaim],
    rules: Rules,
    referent: str | None,
    last: ExtractedClaim | None,
    count: int,
    org_key: Callable[[str], str],
) -> list[DeciderNote]:
    """The sentence's decider phrases that speak of proposals elsewhere in the article (module doc).

    `referent` is the organisation a reference ("it", "the group") points to, `last` the article's
    last claim before this sentence, `count` the number of claims so far, `org_key` maps an
    organisation mention's value to the key its claims have (`ExtractedClaim.org_key`).
    """
    proposals = [c for c in found if c.action.startswith("propose_")]
    out: list[DeciderNote] = []
    for hit in item.deciders:
        way = _directions(item, hit.clause)
        if proposals and (
            hit.rule.kind == "addressee" or any(way is None or direction(c.action) == way for c in proposals)
        ):
            continue  # the sentence's own proposal took it (clause_decider, in_sentence)
        start, end = hit.clause
        named = [m for m in item.orgs if start <= m.start < end and m.kind != "person"]
        orgs: frozenset[str] | None = frozenset(org_key(m.value) for m in named)
        if not named:
            anaphor = rules.anaphors.search(item.folded, start, end)
            orgs = frozenset({org_key(referent)}) if anaphor and referent else None
        if (orgs is None or hit.rule.kind == "addressee") and not _refers_to_act(item, hit, rules):
            continue  # an addressee beside another body's proposal is that proposal's, not the article's
        places = frozenset({hit.body.kind}) if hit.body.kind else hit.places
        if not places and last is not None:
            places = frozenset({last.jurisdiction})
        if places:
            out.append(DeciderNote(hit.body.value, hit.rule.kind, orgs, places, way, count))
    return out


def _refers_to_act(item: Analysed, hit: DeciderHit, rules: Rules) -> bool:
    """True when a phrase naming no organisation still speaks of a proposal: a definite reference to
    the act ("the order", "the change"), or an addressee beside a trigger with no proposer of its own
    ("A draft order will be laid in Parliament")."""
    start, end = hit.clause
    if rules.deciders.act_reference.search(item.folded, start, end):
        return True
    trigger = any(start <= t.start < end for t in item.triggers)
    proposer = any(start <= a.start < end and a.start != hit.body.start for a in item.authorities)
    return hit.rule.kind == "addressee" and trigger and not proposer


def apply_notes(claims: list[ExtractedClaim], found: list[DeciderNote]) -> list[ExtractedClaim]:
    """The article's claims with the deciders of the notes that speak of them (first note first)."""
    out = list(claims)
    for note in found:
        for index, claim in enumerate(out):
            if not claim.action.startswith("propose_") or claim.jurisdiction not in note.places:
                continue
            if note.orgs is None and index >= note.before:
                continue
            if note.orgs is not None and claim.org_key() not in note.orgs:
                continue
            if note.direction is None or direction(claim.action) == note.direction:
                out[index] = with_decider(claim, note.value, note.kind)
    return out


def decided_by(claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
    """Merged claims, a proposal with no decider taking the authority of the decision its article
    reports (same state, organisation and direction; another body than the proposer's; not dated
    before the proposal): the body that decided it."""
    decisions = [c for c in claims if not c.action.startswith("propose_") and c.authority]
    out: list[ExtractedClaim] = []
    for claim in claims:
        if claim.action.startswith("propose_") and claim.decider is None:
            for decision in decisions:
                if (
                    (decision.jurisdiction, decision.org_key()) == (claim.jurisdiction, claim.org_key())
                    and direction(decision.action) == direction(claim.action)
                    and not _same_body(decision.authority, claim.authority)
                    and not _earlier(decision, claim)
                ):
                    claim = with_decider(claim, str(decision.authority), "decision")
                    break
        out.append(claim)
    return out


def _earlier(decision: ExtractedClaim, proposal: ExtractedClaim) -> bool:
    """True when the decision is dated wholly before the proposal (an older act, not its outcome)."""
    latest = decision.date.latest if decision.date else None
    earliest = proposal.date.earliest if proposal.date else None
    return latest is not None and earliest is not None and latest < earliest


def _same_body(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return False
    x, y = fold(a), fold(b)
    return x == y or x in y or y in x
