"""Small span tests shared by the extractor: overlap, containment, possessive prefixes."""

from __future__ import annotations

from proscribe.news.gazetteer import Mention


def without_possessor(mention: Mention, places: list[Mention]) -> Mention:
    """An unknown name without a state's possessive in front ("Philippines' Anti-Terrorism Council")."""
    for place in places:
        if place.start == mention.start and place.kind.endswith(":poss") and place.end < mention.end:
            rest = mention.text[place.end - mention.start :]
            start = mention.end - len(rest.lstrip())
            value = mention.value[
                len(mention.value) - len(mention.value[place.end - mention.start :].lstrip()) :
            ]
            return Mention(start, mention.end, rest.lstrip(), value, mention.kind)
    return mention


def overlaps_any(mention: Mention, others: list[Mention]) -> bool:
    """True when the mention shares a character with any of the others."""
    return any(not (mention.end <= o.start or mention.start >= o.end) for o in others)


def inside_any(offset: int, mentions: list[Mention]) -> bool:
    """True when the offset falls inside one of the mentions."""
    return any(m.start <= offset < m.end for m in mentions)
