"""Modality, authority and date of one trigger: is the act stated, proposed or denied, by whom, when.

The nearest cue before a trigger in its clause decides (data/news/cues.yaml); a proposal-naming
trigger ("draft order") is a proposal; a gerund subject ("Proscribing X will ...") is hypothetical; a
future act becomes the act itself when a date is fixed for it. Dates come from the trigger's clause:
a date on a reporting verb dates only proposals, a planned effective date never dates a proposal, and
explicit calendar dates win over relative ones.
"""

from __future__ import annotations

import re
from datetime import date

from proscribe.model import PartialDate
from proscribe.news.choose import is_origin
from proscribe.news.claims import Analysed
from proscribe.news.dates import TimeExpression
from proscribe.news.gazetteer import Mention
from proscribe.news.patterns import TriggerHit, clause_of, clauses, nearest_cue
from proscribe.news.ruletypes import Cue, Rules


def post_cue(rules: Rules, item: Analysed, hit: TriggerHit, clause: tuple[int, int]) -> Cue | None:
    """A cue right after an act noun ("a ban ... was necessary"), if any, or after any trigger for a
    cue marked `after_any` ("X would be proscribed from 19 January, subject to parliamentary approval")."""
    noun = re.search(r"(?:ion|ions|ban|bans|listing)$", item.folded[hit.start : hit.end]) is not None
    rest = item.folded[hit.end : min(clause[1], hit.end + 100)]
    return next((cue for cue in rules.post_cues if (noun or cue.after_any) and cue.regex.search(rest)), None)


def refers_back(rules: Rules, item: Analysed, hit: TriggerHit) -> bool:
    """True for an act noun that states no act: a reference to one already reported ("with the
    listing"), or a bare generic noun with no determiner and no object ("proscription makes it an
    offence")."""
    word = item.folded[hit.start : hit.end]
    noun = re.search(r"(?:ion|ions|ban|bans|listing|al)$", word)
    before = item.folded[max(0, hit.start - 40) : hit.start]
    if not noun:
        return False
    if rules.act_references.search(before):
        return True
    determined = re.search(
        r"(?:\b(?:the|a|an|this|its|their|his|her|our|any|such)|'s?)\s+(?:[\w'\"-]+\s+){0,2}$", before
    )
    governed = re.match(r"\s+(?:of|on|against|for)\b", item.folded[hit.end : hit.end + 12])
    # After "to" or a modal the word is a verb ("asked the court to ban X", "Japan could ban X").
    infinitive = re.search(r"\b(?:to|can|could|may|might|will|would|shall|should|must)\s+$", before)
    # With its object right after it the word is a verb ("Germany bans Hamas").
    verb = (
        any(
            re.fullmatch(r"\s+(?:the\s+)?", item.folded[hit.end : o.start])
            for o in item.orgs
            if o.start > hit.end
        )
        or (  # "considering listing the cartels"
            item.folded[hit.end : hit.end + 1] == " "
            and rules.anaphors.match(item.folded, hit.end + 1) is not None
        )
    )
    return " " not in word and not determined and not governed and not infinitive and not verb


def country_programme(rules: Rules, item: Analysed, hit: TriggerHit) -> bool:
    """True when the act's object is a state ("lifting of sanctions on Syria"): not a designation."""
    window = item.sentence.text[hit.end : hit.end + 30]
    for place in item.jurisdictions:
        if rules.owned_list_nouns.match(item.folded[place.end :]):
            continue  # "removed from the US list": the list's owner, not the act's object
        if hit.end <= place.start < hit.end + 30 and not is_origin(
            place, item.sentence.text, item.orgs, item.triggers, rules
        ):
            gap = window[: place.start - hit.end].lower()
            return bool(re.fullmatch(r"\s*(?:\w+\s+)?(?:of|on|against|for|from)\s+(?:the\s+)?", gap))
    return bool(re.match(r"\s*of\s+(?:\w+\s+)?[A-Z]\w+\s+sanctions", window))


def modality(
    rules: Rules, item: Analysed, following: Analysed | None, hit: TriggerHit, clause: tuple[int, int]
) -> tuple[str | None, bool, str | None]:
    """The claim's action (None: no claim), whether the act is scheduled, and the cue that decided.

    A report the sentence calls false ("claims that X had delisted Y were false") states nothing, and
    a proposal or prediction whose speaker is not a state body (`non_state`: "analysts say", "the
    opposition leader demanded") is not annotated either, nor a delisting the sentence goes on to say
    stays in force (`stays_in_force`: "annulled ..., but the listing remains in place pending appeal").
    """
    action = hit.rule.action
    before, after = rules.false_report
    if before.search(item.folded[: hit.start]) and after.search(item.folded[hit.end :]):
        return None, False, "false-report"
    if action == "delist" and rules.stays_in_force.search(item.folded, hit.end):
        return None, False, "stays-in-force"
    if hit.rule.proposal:
        negated = nearest_cue(item.folded, clause[0], hit.start, rules, _names_and_dates(item))
        if negated is not None and negated[0].kind in ("negate", "speculate"):
            return None, False, negated[0].id
        if rules.non_state.search(item.folded[clause[0] : hit.start]):
            return None, False, "non-state"
        return ("propose_list" if action == "list" else "propose_delist"), False, None
    gerund = gerund_subject(rules, item, hit, clause)
    if gerund is not None:
        if gerund[0] is not None and rules.non_state.search(item.folded[clause[0] : hit.start]):
            return None, False, "non-state"  # "critics argue that banning X would ..."
        return gerund
    found = nearest_cue(item.folded, clause[0], hit.start, rules, _names_and_dates(item))
    if found is None:
        return action, False, None
    cue, _end = found
    if cue.kind in ("negate", "speculate"):
        return None, False, cue.id
    proposal = "propose_list" if action == "list" else "propose_delist"
    if rules.non_state.search(item.folded[clause[0] : hit.start]):
        return None, False, "non-state"  # a demand or a guess by someone who does not decide
    if cue.kind == "propose":
        if rules.took_effect.search(item.folded[hit.end : clause[1]]):
            return action, False, f"{cue.id}+took-effect"  # "the decision to remove X took effect"
        if cue.dated_act and any(
            clause[0] <= t.start < clause[1] and not reported(rules, item, t, hit) for t in item.times
        ):
            return action, False, f"{cue.id}+dated"  # "The Council today decided to add X"
        return proposal, False, cue.id
    fixed = [t for t in item.times if hit.end <= t.start < clause[1] and not reported(rules, item, t)]
    effective = rules.effective.search(item.folded) or (
        following is not None and following.times and rules.effective.search(following.folded)
    )
    if fixed or effective:
        return action, True, cue.id
    return proposal, False, cue.id


# A capitalised word inside a sentence with a lower-case word after it is a name or a month
# ("Home Secretary Theresa May proscribed", "in May the court"), not a modal; in a headline's title
# case ("Russia May Remove Taliban") the next word is capitalised too.
_CAPITALISED_INSIDE = re.compile(r"(?<=[^\W\d_] )[A-Z][a-z]+(?= [a-z])")


def _names_and_dates(item: Analysed) -> list[tuple[int, int]]:
    """The spans of a sentence whose words are no modality cues: its dates, names and capitalised words."""
    return [
        *((time.start, time.end) for time in item.times),
        *((m.start, m.end) for m in item.orgs),
        *(m.span() for m in _CAPITALISED_INSIDE.finditer(item.sentence.text)),
    ]


def gerund_subject(
    rules: Rules, item: Analysed, hit: TriggerHit, clause: tuple[int, int]
) -> tuple[str | None, bool, str | None] | None:
    """A clause opening with the act as a gerund ("Proscribing X will ...", "argue that banning X would
    ...") states no act: negated when the clause is ("... isn't appropriate"), a proposal otherwise."""
    word = item.folded[hit.start : hit.end]
    opening = item.folded[clause[0] : hit.start].strip(" \"'[(,")
    if not word.endswith("ing") or not (opening == "" or _THAT_END.search(opening)):
        return None
    rest = item.folded[hit.end : clause[1]]
    for cue in rules.cues:
        if cue.kind == "negate" and cue.regex.search(rest):
            return None, False, "gerund-subject"
    return ("propose_list" if hit.rule.action == "list" else "propose_delist"), False, "gerund-subject"


def reported(rules: Rules, item: Analysed, time: TimeExpression, hit: TriggerHit | None = None) -> bool:
    """True when the time expression belongs to a reporting verb ("said on Friday that ..."), not to
    the act's own verb right after it ("on Monday added X to its list")."""
    if hit is not None and time.end <= hit.start and item.folded[time.end : hit.start].strip(" ,") == "":
        return False
    offset = max(0, time.start - 40)
    before = item.folded[offset : time.start]
    after = item.folded[time.end : time.end + 25]
    verb_before = re.search(r"(?:" + rules.reporting.pattern + r")(?:\s+\S+){0,4}\s*$", before)
    if verb_before and hit is not None and hit.start <= offset + verb_before.start() < hit.end:
        verb_before = None  # the act's own verb ("confirmed the ban on 21 March"), not a report's
    return bool(verb_before or rules.reporting.match(after.strip()))


def authority_of(
    item: Analysed,
    hit: TriggerHit,
    clause: tuple[int, int],
    place: str | None = None,
    owner: str | None = None,
) -> Mention | None:
    """The body credited with the act: nearest before it in its clause, else after it, else nearest.

    A body after "to", "with", "in", "before" or "at" receives, meets or hosts, it does not
    act ("reported to President Putin", "laid an order in Parliament"), and neither does the
    addressee of a proposal (deciders.yaml: "asked the Supreme Court to ban", "filed a lawsuit with
    the court"): it is the proposal's decider. Given the designating state `place`, a body of
    another state is passed over: in "a decision by the UN Security Council and the Supreme Court
    of the Russian Federation" Russia's act is the court's, and a Home Secretary pushing in Britain
    did not designate anything in the United States. A body the act's own organisation `owner`
    qualifies ("Moscow recognised the Taliban government, months after removing it from the list") is
    that organisation's, not the designating state's.
    """
    addressees = {h.body.start for h in item.deciders if h.rule.kind == "addressee"}
    owned = {
        m.start
        for m in item.authorities
        for o in item.orgs
        if owner is not None
        and o.value == owner
        and o.end <= m.start
        and re.fullmatch(r"(?:'s?)?\s?", item.sentence.text[o.end : m.start])
    }
    candidates = [
        m
        for m in item.authorities
        if not re.search(r"\b(?:to|with|in|before|at)\s+$", item.folded[max(0, m.start - 8) : m.start])
        and m.start not in addressees
        and m.start not in owned
        and (place is None or not m.kind or m.kind == place)
    ]
    in_clause = [m for m in candidates if clause[0] <= m.start < clause[1]]
    before = [m for m in in_clause if m.end <= hit.start]
    if before:
        return before[-1]
    if in_clause:
        return in_clause[0]
    # Outside the act's clause, a body nearer another act of the sentence is that act's ("de-listed X
    # after a court ruling, but relisted it in 2017": the court's ruling is not the relisting's).
    outside = [
        m
        for m in candidates
        if not any(abs(t.start - m.start) < abs(hit.start - m.start) for t in item.triggers if t is not hit)
    ]
    return min(outside, key=lambda m: abs(m.start - hit.start), default=None)


def legal_basis_of(
    rules: Rules, item: Analysed, hit: TriggerHit, clause: tuple[int, int], place: str
) -> str | None:
    """The laws the act was made under, joined by "; ": those named in its clause, else those of the
    clause nearest it that names one, not nearer another act of the sentence ("revoking the designations
    of X, as a Foreign Terrorist Organization under the Immigration and Nationality Act and as a Specially
    Designated Global Terrorist pursuant to Executive Order 13224": both). A law of another state than
    the act's `place` is never its basis ("banned in India under the UAPA, and listed by the US" gives
    the US listing none)."""
    candidates = [m for m in item.laws if not m.kind or m.kind == place]
    chosen = [m for m in candidates if clause[0] <= m.start < clause[1]]
    if not chosen:
        outside = [
            m
            for m in candidates
            if not any(
                abs(t.start - m.start) < abs(hit.start - m.start) for t in item.triggers if t is not hit
            )
        ]
        nearest = min(outside, key=lambda m: abs(m.start - hit.start), default=None)
        if nearest is not None:
            spans = clauses(item.folded, rules)
            home = clause_of(spans, nearest.start)
            chosen = [m for m in candidates if clause_of(spans, m.start) == home]
    return "; ".join(dict.fromkeys(m.value for m in chosen)) or None


# How far (characters) a time expression may stand from the act it dates, unless it opens the clause.
_REACH = 100


def _distance(item: Analysed, hit: TriggerHit, time: TimeExpression) -> int:
    """How far a time expression stands from the act, not counting the laws named between them ("listed X
    under Section 219 of the Immigration and Nationality Act in 1997" is dated 1997)."""
    start, end = (hit.end, time.start) if time.start >= hit.end else (time.end, hit.start)
    between = sum(m.end - m.start for m in item.laws if start <= m.start and m.end <= end)
    return end - start - between


def _opens(item: Analysed, time: TimeExpression, clause: tuple[int, int]) -> bool:
    """True for a time expression opening its clause ("On May 27, ..."), which dates the whole clause."""
    opening = item.folded[clause[0] : time.start]
    return re.fullmatch(r"[\s\"'(,-]*(?:(?:on|in|since|by|from|at|during)\s+)?", opening) is not None


def _after_effective(rules: Rules, item: Analysed, time: TimeExpression) -> bool:
    return bool(rules.effective.search(item.folded[max(0, time.start - 40) : time.start]))


# A clause's opening that ends in a complementiser: what follows is the clause's subject ("argue that
# banning X would ...").
_THAT_END = re.compile(r"\bthat$")
# A time after "until" ends a state ("kept X on its list until 2024"); it dates no act.
_UNTIL = re.compile(r"\b(?:until|till|up to)\s+(?:the\s+)?$")
_SINCE = re.compile(r"\b(?:since|from)\s+(?:the\s+)?$")
_FROM = re.compile(r"\bfrom\s+(?:the\s+)?$")


# A law's own passing just before a time expression: "a request made possible by a law passed last
# year", "after amendments were made to the federal law last year": that time dates the law.
_LAW_NOUN = re.compile(r"\b(?:law|laws|bill|legislation|amendments?|statute|code)\b[^.;,]{0,60}$")
_PASSING = re.compile(r"\b(?:passed|adopted|enacted|approved|introduced|signed|amended|made)\b")


def _law_date(item: Analysed, hit: TriggerHit, time: TimeExpression) -> bool:
    """True for a time expression dating the passing of a law named just before it, not the act."""
    start = max(0, time.start - 60)
    if hit.start < time.start and hit.end > start:
        start = hit.end  # only the words between the act and the time
    before = item.folded[start : time.start]
    law = _LAW_NOUN.search(before)
    return law is not None and _PASSING.search(before) is not None


def _earlier_acts(item: Analysed, hit: TriggerHit, time: TimeExpression) -> bool:
    """True for a time expression between an earlier act of the sentence and "and" (or "before", "after",
    "then") before this one: "proscribed its wing in 2008 before banning it in 2019"."""
    return (
        time.end <= hit.start
        and any(other.end <= time.start for other in item.triggers if other is not hit)
        and re.search(r"\b(?:and|before|after|then)\b", item.folded[time.end : hit.start]) is not None
    )


# A relative clause set off by commas before the act ("X, which Russia listed in 2003, was removed ..."):
# its times are its own verb's.
_INTERRUPTION = re.compile(r",\s+(?:which|who|whom|whose)\b[^,;]*,")


def _interrupted(item: Analysed, hit: TriggerHit, time: TimeExpression) -> bool:
    """True for a time inside a relative clause that closes before this act."""
    return any(
        m.start() <= time.start and m.end() <= hit.start
        for m in _INTERRUPTION.finditer(item.folded, 0, hit.start)
        if time.end <= m.end()
    )


def effective_date(
    rules: Rules, published: date | None, item: Analysed, hit: TriggerHit, action: str
) -> PartialDate | None:
    """The day a stated act took effect, said after it in its sentence ("removed X on 12 September;
    the decision took effect on 20 September"): the act's date, before the day it was decided. None
    for a proposal (a planned effect is not the act's) and a stated listing (dated by its start)."""
    if action.startswith("propose_") or hit.rule.stative:
        return None
    for time in item.times:
        if time.start >= hit.end:
            when = effect_day(rules, published, item.folded, time)
            if when is None and time.effective and (time.kind == "day" or time.counted):
                # "announcing the designation of X, effective 30 days from today" (a full date or a
                # counted offset: unambiguous on either side of publication)
                when = time.resolve(published)
            if when is not None:
                return when
    return None


def effect_day(rules: Rules, published: date | None, folded: str, time: TimeExpression) -> PartialDate | None:
    """The day a time expression gives when the words before it say an act takes effect then: counted
    back for "took effect on Tuesday", forward for "takes effect on Wednesday"; None otherwise."""
    before = folded[max(0, time.start - 80) : time.start]
    if rules.effect_date.search(before):
        return time.resolve(published)
    if rules.effect_date_ahead.search(before):
        return time.resolve(published, future=True)
    return None


def date_of(
    rules: Rules,
    published: date | None,
    item: Analysed,
    following: Analysed | None,
    hit: TriggerHit,
    clause: tuple[int, int],
    segment: tuple[int, int],
    action: str,
    future: bool,
) -> PartialDate | None:
    """The date of the act from its clause (see the module docstring), None when the text gives none."""
    proposal = action.startswith("propose_")
    if future:
        # A scheduled act: the date fixed after it, an "effective ..." date, or the next sentence's.
        usable = [t for t in item.times if hit.end <= t.start < clause[1] and not reported(rules, item, t)]
        usable = usable or [t for t in item.times if _after_effective(rules, item, t)]
        if not usable and following is not None and rules.effective.search(following.folded):
            usable = list(following.times)
    else:
        took_effect = effective_date(rules, published, item, hit, action)
        if took_effect is not None:
            return took_effect
        usable = [
            t
            for t in item.times
            if clause[0] <= t.start < clause[1]
            and (_distance(item, hit, t) <= _REACH or _opens(item, t, clause))
            and (proposal or not reported(rules, item, t, hit))
            and not (proposal and _after_effective(rules, item, t))
            # "proscribed from 19 January, subject to approval": the planned start, not the proposal's day.
            and not (proposal and _FROM.search(item.folded[max(0, t.start - 10) : t.start]))
            and not _UNTIL.search(item.folded[max(0, t.start - 10) : t.start])
            and not _law_date(item, hit, t)
        ]
        # "removed X in 2021 and designated it again in 2025": a date after an earlier act and before
        # "and" is that act's.
        usable = [t for t in usable if not _earlier_acts(item, hit, t) and not _interrupted(item, hit, t)]
        if hit.rule.stative:
            # "has been on the list since 2003" dates the state's start; "remains on the list
            # despite a ruling in 2014" says nothing of when it began.
            usable = [t for t in usable if _SINCE.search(item.folded[max(0, t.start - 12) : t.start])]
    if not usable:
        return None
    nearest = min(
        usable,
        key=lambda t: (
            not (segment[0] <= t.start < segment[1]),
            # "The ban, in force since 2003, was suspended on 17 April 2025": a state's start dates an
            # act only when nothing else does ("has banned X since 2023").
            not hit.rule.stative and _SINCE.search(item.folded[max(0, t.start - 12) : t.start]) is not None,
            t.kind in ("relative", "weekday"),
            abs(t.start - hit.start),
        ),
    )
    return nearest.resolve(published, future=future)
