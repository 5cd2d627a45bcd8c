"""Trigger, cue and clause matching on one folded sentence (see data/news/triggers.yaml and cues.yaml).

Overlap policy (one function, `resolve_overlaps`): when trigger matches overlap, the longest wins; on
equal length the rule listed first in triggers.yaml wins.
"""

from __future__ import annotations

import bisect
import collections
import re
from collections.abc import Sequence
from dataclasses import dataclass

from proscribe.news.gates import admits
from proscribe.news.ruletypes import Cue, Rules, Trigger

# A list trigger right after "list of ..." names the list ("the list of banned organisations"), it
# does not state an act.
_LIST_NAME = re.compile(r"\blist of (?:the )?(?:[\w'-]+ ){0,3}$")
_LIST_NAME_AFTER = re.compile(
    r"^ (?:terrorist |terror |extremist )?(?:organi[sz]ations|groups|outfits|entities)\b"
)


@dataclass(frozen=True, slots=True)
class TriggerHit:
    """A trigger matched in a sentence, with offsets relative to the sentence."""

    start: int
    end: int
    rule: Trigger


def resolve_overlaps(hits: list[TriggerHit]) -> list[TriggerHit]:
    """Keep the longest of overlapping hits (the earlier rule on a tie), in text order."""
    order = {id(hit): index for index, hit in enumerate(hits)}
    # Kept hits never overlap, so in start order their ends ascend too: a new hit need only be
    # checked against its neighbours there (linear in the hits, however many a sentence has).
    starts: list[int] = []
    kept: list[TriggerHit] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), order[id(h)])):
        at = bisect.bisect_right(starts, hit.start)
        if at > 0 and kept[at - 1].end > hit.start:
            continue
        if at < len(kept) and kept[at].start < hit.end:
            continue
        starts.insert(at, hit.start)
        kept.insert(at, hit)
    return kept


def find_triggers(folded: str, rules: Rules) -> list[TriggerHit]:
    """Designation triggers in a folded sentence, after the context rule and list-name suppression."""
    present = rules.trigger_screen.present(folded)
    has_context = admits(rules.context_literals, present) and rules.context.search(folded) is not None
    hits: list[TriggerHit] = []
    for rule in rules.triggers:
        if rule.context and not has_context:
            continue
        if not admits(rule.literals, present):
            continue  # the sentence lacks every word the rule needs
        for match in rule.regex.finditer(folded):
            if match.start() > 0 and (folded[match.start() - 1].isalnum()):
                continue
            if rule.action == "list" and _names_a_list(folded, match.start(), match.end()):
                continue
            if rule.action == "list" and _attributive(folded, match.start(), match.end(), rules):
                continue
            hits.append(TriggerHit(match.start(), match.end(), rule))
    return _objects_of_removal(resolve_overlaps(hits), folded)


# Between a list noun and the removal it undergoes: "X's designation as a terrorist group was suspended".
_UNDERGOES = re.compile(
    r"[^.;]{0,80}?\b(?:was|were|has been|have been|had been|is|are|will be)\s+(?:\w+\s+)?"
)


def _objects_of_removal(hits: list[TriggerHit], folded: str) -> list[TriggerHit]:
    """Drop a list noun governed by a removal just before it ("revoking the group's designation") or
    undergoing one after it ("its designation ... was suspended"), and a state named right after a
    confirmation's noun ("upheld the ban imposed on X": the ban it upholds)."""
    hits = [
        hit
        for hit, after in zip(hits, [*hits[1:], None][: len(hits)], strict=True)
        if not (
            after is not None
            and hit.rule.action == "list"
            and after.rule.action in ("delist", "suspend")
            and re.search(r"(?:ion|ions|ban|bans|listing)$", folded[hit.start : hit.end])
            and _UNDERGOES.fullmatch(folded, hit.end, after.start)
        )
    ]
    kept: list[TriggerHit] = []
    for hit in hits:
        noun = re.search(r"(?:ion|ions|ban|bans|listing)$", folded[hit.start : hit.end])
        previous = kept[-1] if kept else None
        if (
            noun
            and hit.rule.action == "list"
            and previous is not None
            and previous.rule.action in ("delist", "suspend")
            and hit.start - previous.end <= 60
            and not re.search(r"[;,.]", folded[previous.end : hit.start])
        ):
            continue
        if (
            hit.rule.stative
            and previous is not None
            and previous.rule.confirms
            and not folded[previous.end : hit.start].strip()
        ):
            continue  # "confirming the ban imposed on X": what the confirmation is of, one act
        kept.append(hit)
    return kept


def _names_a_list(folded: str, start: int, end: int) -> bool:
    before = folded[max(0, start - 60) : start]
    if _LIST_NAME.search(before):
        return True
    return bool(re.search(r"\bof $", before) and _LIST_NAME_AFTER.match(folded[end:]))


def _attributive(folded: str, start: int, end: int, rules: Rules) -> bool:
    word = folded[start:end]
    if not word.endswith("ed"):
        return False
    before = re.search(r"\b\w+ $", folded[max(0, start - 12) : start])
    return bool(before and rules.attributive.match(before.group(0)) and rules.attributive.match(folded[end:]))


def clauses(folded: str, rules: Rules) -> list[tuple[int, int]]:
    """Clause spans of a sentence, split at the boundaries in cues.yaml (`clause_breaks`)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in rules.clause_breaks.finditer(folded):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.start()
    spans.append((start, len(folded)))
    return spans


def clause_of(spans: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    """The clause span containing `offset`."""
    for start, end in spans:
        if start <= offset < end:
            return start, end
    return spans[-1]


def nearest_cue(
    folded: str,
    clause_start: int,
    trigger_start: int,
    rules: Rules,
    names: Sequence[tuple[int, int]] = (),
) -> tuple[Cue, int] | None:
    """The cue that decides a trigger's modality, with its end.

    A dominant cue (a denial of reports, a rumour, a condition) anywhere before the trigger in its
    clause decides, however near another cue stands; otherwise the cue ending nearest before the
    trigger within the cue window. A proposal or future cue right after a negation ("not considering
    removing", "no plans to") is negated. A word inside one of the sentence's dates and names
    (`names`, spans) is no cue: "16 May 2024" says when, and "Theresa May" who, not that the act
    may happen.
    """

    def in_name(start: int, end: int) -> bool:
        return any(first <= start and end <= last for first, last in names)

    whole = folded[clause_start:trigger_start]
    # The cues the clause may hold (its window is part of it): the others are not searched.
    present = rules.cue_screen.present(whole)
    cues = [cue for cue in rules.cues if admits(cue.literals, present)]
    for cue in cues:
        if not cue.dominant:
            continue
        for found in cue.regex.finditer(whole):
            if not in_name(clause_start + found.start(), clause_start + found.end()):
                return cue, clause_start + found.end()
    low = max(clause_start, trigger_start - rules.cue_window)
    window = folded[low:trigger_start]
    best: tuple[Cue, int, int] | None = None
    for cue in cues:
        # Matches come in text order: the last one ends nearest the trigger.
        last = collections.deque(
            (m for m in cue.regex.finditer(window) if not in_name(low + m.start(), low + m.end())), maxlen=1
        )
        if not last:
            continue
        end = last[0].end()
        while end > 0 and window[end - 1].isspace():
            end -= 1
        end += low
        if best is None or end > best[1]:
            best = (cue, end, low + last[0].start())
    if best is None:
        return None
    cue, end, start = best
    if cue.kind in ("propose", "future"):
        before = folded[max(clause_start, start - 24) : start]
        for negation in cues:
            if negation.kind != "negate":
                continue
            if any(_NEGATED_GAP.fullmatch(before[m.end() :]) for m in negation.regex.finditer(before)):
                return negation, end
    return cue, end


# What may stand between a negation and the cue it negates ("not even considering", "no plans to").
_NEGATED_GAP = re.compile(r"\s*(?:(?:even|yet|currently|now|actively|seriously|be|been|being)\s+)*")
