"""What carries across an article's sentences: the dateline that relative dates count from, and a
later sentence that dates the act just reported ("Tuesday's move", "in its ruling on April 17")."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from proscribe.news.claims import Analysed, ExtractedClaim
from proscribe.news.dates import DateFinder
from proscribe.news.gazetteer import find_laws
from proscribe.news.modality import effect_day
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
    if not analysed:
        return None
    first = analysed[0]
    headline = len(analysed) > 1 and not first.sentence.text.rstrip().endswith((".", "!", "?", '"', "”"))
    return analysed[1] if headline else first


def dateline(rules: Rules, dates: DateFinder, analysed: list[Analysed]) -> date | None:
    """The full date of a dateline opening the text ("WASHINGTON, 7 July 2025 --"), if any."""
    first = opening(analysed)
    if first is None:
        return None
    opening_match = rules.dateline.match(first.sentence.text)
    if opening_match is None:
        return None
    times = first.times or dates.find(first.sentence.text)
    found = next((t for t in times if t.kind == "day" and t.start <= opening_match.end() + 2), None)
    value = found.resolve(None) if found else None
    return value.earliest if value else None
