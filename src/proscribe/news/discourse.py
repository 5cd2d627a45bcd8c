"""What carries across an article's sentences: the dateline that relative dates count from, and a
later sentence that dates the act just reported ("Tuesday's move", "in its ruling on April 17")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from proscribe.news.claims import Analysed, ExtractedClaim
from proscribe.news.dates import DateFinder, TimeExpression
from proscribe.news.document import sentences
from proscribe.news.gazetteer import find_laws
from proscribe.news.modality import effect_day
from proscribe.news.rules import load_rules
from proscribe.news.ruletypes import Rules


def act_date(
    rules: Rules, dates: DateFinder, published: date | None, item: Analysed, last: ExtractedClaim | None
) -> ExtractedClaim | None:
    """The last claim, dated by a later sentence about its act ("Tuesday's move", "its ruling on ...").

    A sentence saying the act took effect ("The decision took effect on 20 September") dates a stated
    act even when it has the day it was decided: the effective date is the act's.
    """
    if last is None or last.org_kind == "unnamed":
        return None
    text = item.sentence.text
    if not last.action.startswith("propose_") and (
        rules.took_effect.search(item.folded) or rules.effective.search(item.folded)
    ):
        for time in item.times or dates.find(text):
            when = effect_day(rules, published, item.folded, time)
            if when is not None:
                return replace(last, date=when, effective=True) if when != last.date else None
    if last.date is not None or not rules.act_noun.search(item.folded):
        return None
    for time in item.times or dates.find(text):
        before = item.folded[max(0, time.start - 50) : time.start]
        after = item.folded[time.end : time.end + 30]
        owner = time.text.endswith(("'s", "’s")) or after.startswith("'s")
        if rules.act_date_before.search(before) or (
            owner and rules.act_date_after.match(after.removeprefix("'s"))
        ):
            when = time.resolve(published)
            return replace(last, date=when) if when else None
    return None


def act_law(rules: Rules, item: Analysed, last: ExtractedClaim | None) -> str | None:
    """The law a sentence says the act just reported was made under ("The listing was made under the
    Criminal Code", "The change has been made under the Terrorism Act 2000, which ..."): one named after
    a reference to the act, with no act of the sentence's own before it, and not another state's; None
    when the last claim has a law already."""
    if last is None or last.legal_basis is not None or last.org_kind == "unnamed":
        return None
    text = item.sentence.text
    for law in item.laws or find_laws(text, rules):
        reference = rules.act_law_before.search(item.folded[: law.start])
        if (
            reference is not None
            and law.kind in ("", last.jurisdiction)
            # An act of the sentence's own before the law is the law's ("banned X; the ban was made
            # under ..."); the reference's own noun ("the listing") is no such act.
            and all(t.start >= law.start or t.start >= reference.start() for t in item.triggers)
        ):
            return law.value
    return None


def opening(analysed: list[Analysed]) -> Analysed | None:
    """The sentence a dateline may open: the first, or the second after a headline (a first line with no
    full stop: "Kyrgyzstan drops Taliban from banned list")."""
    index = _opening_index([item.sentence.text for item in analysed[:2]])
    return analysed[index] if index is not None else None


def _opening_index(texts: Sequence[str]) -> int | None:
    """Which of the first two sentence texts a dateline may open (see `opening`), or None for none."""
    if not texts:
        return None
    headline = len(texts) > 1 and not texts[0].rstrip().endswith((".", "!", "?", '"', "”"))
    return 1 if headline else 0


def dateline(rules: Rules, dates: DateFinder, analysed: list[Analysed]) -> date | None:
    """The full date of a dateline opening the text ("WASHINGTON, 7 July 2025 --"), if any."""
    first = opening(analysed)
    if first is None:
        return None
    return _dateline_day(rules, dates, first.sentence.text, first.times)


def text_dateline(text: str, rules: Rules | None = None) -> date | None:
    """The full date of a dateline opening `text` ("Moscow, 12 March 2026."), if any.

    The day the article was written: relative dates in it count from that day (`dateline`, the same
    reading), and an article that states no other publication date is dated by it
    (`proscribe.news.inputs.document_from`), so what it is read to say and when it counts as
    known agree.
    """
    active = rules or load_rules()
    # A dateline opens the text, at most after a headline: its first lines are enough to split.
    texts = [sentence.text for sentence in sentences(text[:_OPENING_CHARS], active)[:2]]
    index = _opening_index(texts)
    if index is None:
        return None
    return _dateline_day(active, _date_finder(active), texts[index], [])


_OPENING_CHARS = 4000

# One DateFinder per rule set (by identity: rule sets hold dicts and cannot be hashed), its
# patterns being built from the month and weekday names once.
_FINDERS: dict[int, tuple[Rules, DateFinder]] = {}


def _date_finder(rules: Rules) -> DateFinder:
    """The DateFinder of `rules`, built on first use."""
    held = _FINDERS.get(id(rules))
    if held is None or held[0] is not rules:
        held = _FINDERS[id(rules)] = (rules, DateFinder(rules))
    return held[1]


def _dateline_day(rules: Rules, dates: DateFinder, text: str, times: Sequence[TimeExpression]) -> date | None:
    """The day of the full date right after a dateline's place in `text` (a sentence), if it opens so."""
    opening_match = rules.dateline.match(text)
    if opening_match is None:
        return None
    found = next(
        (t for t in times or dates.find(text) if t.kind == "day" and t.start <= opening_match.end() + 2), None
    )
    value = found.resolve(None) if found else None
    return value.earliest if value else None
