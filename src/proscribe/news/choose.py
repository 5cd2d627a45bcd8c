"""Which organisations and jurisdictions a trigger governs, within its sentence.

Organisations: the mention on the trigger's usual side in its clause segment (nearest), expanded to
the enumeration it belongs to ("A, B and C"; "including A, B"); else the nearest in the sentence.
Jurisdictions, in order: a state named after the act ("in X", "by X", "X's list"); the nearest state
before the act in its clause (the subject); any other state after it in its segment; the authority's
state; the nearest state in the sentence. Enumerations ("in A, B and C") give one each. A state
that only says where an organisation comes from ("Iran's Revolutionary Guards") never counts.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from proscribe.news.gazetteer import Mention
from proscribe.news.patterns import TriggerHit
from proscribe.news.ruletypes import Rules

if TYPE_CHECKING:
    from proscribe.news.claims import Analysed

_ENUM_GAP = re.compile(
    r"^\s*(?:\([^)]{1,15}\))?\s*[\"'”’]?\s*"
    r"(?:,|,? and|,? as well as|,? along with|,? together with|,? but also|&|,? or)"
    r"\s*(?:in |the )?[\"'“‘]?\s*$"
)
_ASIDE = re.compile(r"\s*\([^()]{1,40}\)")
_ORIGIN_GAP = re.compile(r"^\s*(?:(?!(?:is|are|was|were|be|been|has|have|had|said|says)\b)[\w-]+\s+){0,3}$")
# "were delisted by the United States in 2021 and " before a participle: it shares the passive subject.
_COORDINATED_PASSIVE = re.compile(
    r"\b(?:was|were|been|is|are)\s+(?:[\w-]+\s+)?[\w-]+(?:ed|en|wn)\b[^.;]{0,100}?\band\s+$"
)
# "which Canada listed" names its object before it, as a passive does; "which designated Israel ..." (no
# subject between) is the antecedent's own act.
_PASSIVE = re.compile(
    r"\b(?:was|were|been|be|is|are|being|remains?|remained|stays?|stayed)\s+(?:[\w-]+\s+){0,2}$"
    r"|\b(?:which|that|who)\s+(?!(?:has|have|had|will|would)\b)(?:[\w-]+\s+){1,2}$"
)
# A Russian short passive participle ("внесено", "признана", "запрещены") is passive with or without "было".
_RUSSIAN_PASSIVE = re.compile(r"(?:ен|ена|ено|ены|ан|ана|ано|аны)$")
# "Hamas was among 12 groups added to Japan's list": a participle after the members' noun is passive.
_AMONG_PASSIVE = re.compile(
    r"\b(?:among|one of)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:groups|entities|organi[sz]ations|individuals|"
    r"people|persons|companies|firms|outfits|movements|networks|militias|parties)\s+$"
)
_NOUN = re.compile(
    r"(?:ion|ions|ban|bans|listing|sanctions|association|organi[sz]ation)$|^(?:no longer|under)\b"
)
_NAME_RUN = re.compile(r"(?:(?:[A-Z][\w'’-]*|(?:al|ad|el|ar|as|an|at|ud|ul)-[A-Z][\w'’-]*) )+$")
_WORD = r"(?:[A-Z][\w'’.-]*|(?:al|ul|ut|e)-[A-Z][\w'’.-]*)"
_JOIN = r"(?:de|da|del|do|la|las|los|of|al|ul|ut|e|y)"
_NAME = rf"{_WORD}(?:\s+(?:{_JOIN}\s+)?{_WORD}){{0,5}}"
_NEXT_NAME = re.compile(
    rf"\s*(?:\([^)]{{1,15}}\))?\s*(?:,|,?\s+and|,?\s+or)\s+(?:the\s+)?(?P<name>{_NAME})"
    r"(?=\s*(?:\(|,|\.|;|\s+and\b|\s+or\b|\s+as\b|$))"
)
_PREVIOUS_NAME = re.compile(
    rf"(?:^|[\s,:;–-])(?:the\s+)?(?P<name>{_NAME})\s*(?:\([^)]{{1,15}}\))?\s*(?:,|,?\s+and|,?\s+or)\s+(?:the\s+)?$"
)


def _enumeration(mentions: list[Mention], chosen: Mention, text: str) -> list[Mention]:
    index = mentions.index(chosen)
    low = high = index
    while low > 0 and _ENUM_GAP.match(text[mentions[low - 1].end : mentions[low].start]):
        low -= 1
    while high + 1 < len(mentions) and _ENUM_GAP.match(text[mentions[high].end : mentions[high + 1].start]):
        high += 1
    return mentions[low : high + 1]


# An organisation after an act noun's preposition is the act's object ("The ban on X ... was suspended").
_ACT_OBJECT = re.compile(
    r"\b(?:ban|bans|designation|designations|listing|proscription)\s+(?:on|of|against)\s+(?:the\s+)?$"
)
# Between an organisation and the verb of a relative clause about it: "the IRGC, which Canada listed".
# (Its subject stands between: "which designated Israel as an enemy" is the organisation's own act.)
_RELATIVE = re.compile(
    r"\s*,\s*(?:which|whom|that)\s+(?!(?:has|have|had|will|would|also|then|later|recently|itself)\b)"
    r"(?:[\w'.-]+\s+){1,4}"
)
# ... and a participle in apposition to it: "Hamas, designated by ...", "Hamas, an organisation banned in".
_APPOSED = re.compile(
    r"\s*,\s*(?:(?:an?|the)\s+(?:[\w-]+\s+){0,2}?)?(?:(?:still|already|long|formally|officially|also)\s+)?"
)


def _antecedent(candidates: list[Mention], lowered: str, hit: TriggerHit) -> Mention | None:
    """The organisation a relative clause or an apposed participle is about, for a verb with no object
    after it: "the IRGC, which Canada listed in 2024", "Hamas, designated by the US in 1997"."""
    participle = re.search(r"(?:ed|en|wn)$", lowered[hit.start : hit.end]) is not None
    for mention in reversed([m for m in candidates if m.end <= hit.start]):
        gap = lowered[mention.end : hit.start]
        if _RELATIVE.fullmatch(gap) or (participle and _APPOSED.fullmatch(gap)):
            return mention
        break  # only the organisation nearest before the verb
    return None


def choose_orgs(
    text: str,
    folded: str,
    orgs: list[Mention],
    hit: TriggerHit,
    clause: tuple[int, int],
    segment: tuple[int, int],
    rules: Rules,
    blocked: list[Mention],
) -> list[Mention]:
    """The organisations the trigger acts on (empty when the sentence names none near it)."""
    passive = is_passive(folded, hit)
    active = acts_forward(folded, hit)
    lowered = fold_lower(text)
    orgs = [_as_wing(m, text, lowered, rules) for m in orgs]
    candidates = [
        m
        for m in orgs
        if m.kind != "anaphor"
        and (m.kind != "person" or passive or m.start >= hit.end)
        # A person who speaks ("..., Home Minister Amit Shah said") reports the act, is not its object.
        and not (m.kind == "person" and rules.reporting.match(lowered[m.end : m.end + 24].lstrip(" ,")))
        and not rules.example_cues.search(lowered[max(0, m.start - 40) : m.start])
        and not rules.relation_cues.search(lowered[max(0, m.start - 30) : m.start])
        and not rules.wing_of.search(lowered[max(0, m.start - 30) : m.start])
        and not rules.list_name_cues.search(lowered[max(0, m.start - 60) : m.start])
        and not modifies(m, orgs, text, lowered, rules)
        and not (
            m.end <= hit.start
            and rules.prepositions.search(lowered[max(0, m.start - 16) : m.start])
            and not _ACT_OBJECT.search(lowered[max(0, m.start - 40) : m.start])
        )
    ]
    after = [m for m in candidates if hit.start <= m.start < segment[1]]  # inside the trigger counts as after
    before = [m for m in candidates if clause[0] <= m.start and m.end <= hit.start and not active]
    if active and after:
        governed = rules.object_of.match(lowered[hit.end : after[0].start])
        if governed and governed.group("noun") not in rules.org_objects:
            return []  # "banned the march by X": the act is on something else
        if rules.counted_object.match(lowered[hit.end : after[0].start]):
            return []  # "sanctioned six individuals who fund X": the act is on them
    chosen: Mention | None = None
    if hit.rule.org == "after":
        chosen = after[0] if after else (before[-1] if before else None)
    elif hit.rule.org == "before":
        chosen = before[-1] if before else (after[0] if after else None)
    elif after and (after[0].start - hit.end <= 60 or not before):
        chosen = after[0]
    elif before:
        chosen = before[-1]
    if chosen is None:
        # The antecedent may follow a preposition ("leaders of the IRGC, which Canada listed").
        chosen = _antecedent([m for m in orgs if m.kind not in ("anaphor", "person")], lowered, hit)
        if chosen is not None and chosen not in candidates:
            return [chosen]
    if chosen is None:
        if rules.anaphors.search(folded, hit.start if active else clause[0], segment[1]):
            return []
        near = [m for m in candidates if (m.end <= hit.start and not active) or m.start >= hit.end]
        if not near:
            return []
        chosen = min(near, key=lambda m: min(abs(m.end - hit.start), abs(m.start - hit.end)))
    group = _enumeration(candidates, chosen, _clean_gaps(text, rules))
    tail = text[group[-1].end : segment[1]]
    listing = rules.listing.search(fold_lower(tail))
    if listing:
        rest = [m for m in candidates if group[-1].end + listing.end() <= m.start < segment[1]]
        if rest:
            group = group + _enumeration(candidates, rest[0], _clean_gaps(text, rules))
    if len(group) > 1 or any(m.kind == "known" for m in group):
        group = extend_enumeration(group, text, blocked + orgs, rules)
    return list(dict.fromkeys(group))


def extend_enumeration(
    group: list[Mention], text: str, blocked: list[Mention], rules: Rules
) -> list[Mention]:
    """Add the capitalised names listed next to known organisations ("A, B and FARC-EP": A and B).

    A name joins only through a list separator, never when it is a state, a stop word, or overlaps
    another mention (`blocked`); a single common word ("Gulf") is passed over without ending the
    list, and an organisation mention further along the same list joins too.
    """
    out = list(group)
    position = out[-1].end
    while (found := _NEXT_NAME.match(text, position)) and _usable(found, "name", blocked, rules, single=True):
        position = found.end("name")
        if _usable(found, "name", blocked, rules):
            name = _without_full_stop(found.group("name"))
            out.append(Mention(found.start("name"), found.start("name") + len(name), name, name, "unknown"))
        later = [
            m for m in blocked if m.start >= position and m.kind in ("known", "unknown") and m not in out
        ]
        nearest = min(later, key=lambda m: m.start, default=None)
        if nearest is not None and _ENUM_GAP.match(text[position : nearest.start]):
            out.append(nearest)
            position = nearest.end
    while (found := _PREVIOUS_NAME.search(text[: out[0].start])) and _usable(found, "name", blocked, rules):
        name = found.group("name")
        out.insert(0, Mention(found.start("name"), found.end("name"), name, name, "unknown"))
    return sorted(out, key=lambda m: m.start)


def _without_full_stop(name: str) -> str:
    """The name without the full stop of the sentence it ends ("... and Carteles Unidos.").

    A name word may hold dots ("U.S.", "St."), so only a last word with one dot, at its end,
    loses it: an initialism keeps its own.
    """
    last = name.rsplit(" ", 1)[-1]
    return name[:-1] if last.endswith(".") and last.count(".") == 1 and len(last) > 3 else name


def _usable(
    found: re.Match[str], group: str, blocked: list[Mention], rules: Rules, single: bool = False
) -> bool:
    start, end = found.start(group), found.end(group)
    words = found.group(group).split()
    if not single and len(words) < 2 and not re.fullmatch(r"[A-Z0-9-]{3,}", words[0]):
        return False  # a single common word ("Gulf") is too weak to be a name
    if all(word in rules.stop_words for word in words) or any(word in rules.stop_words for word in words[:1]):
        return False
    return not any(not (end <= m.start or start >= m.end) for m in blocked)


def _as_wing(mention: Mention, text: str, lowered: str, rules: Rules) -> Mention:
    """A mention that names an organisation's wing becomes that wing (a distinct organisation).

    "The Red Hand Brigades military wing" names the wing itself; in "X's military wing, the Red
    Hand Brigades" the apposition does (widened to its whole capitalised name).
    """
    if mention.kind in ("anaphor", "wing"):
        return mention
    follows = rules.wing_after.match(lowered[mention.end : mention.end + 30])
    run = _NAME_RUN.search(text[: mention.start])
    widened = run.start() if run else mention.start
    after_wing = rules.wing_before.search(lowered[max(0, widened - 60) : widened])
    if not follows and not after_wing:
        return mention
    start = widened if after_wing else mention.start
    name = text[start : mention.end]
    return Mention(start, mention.end, name, name, "wing")


def has_part_object(
    text: str, orgs: list[Mention], hit: TriggerHit, segment: tuple[int, int], rules: Rules
) -> bool:
    """True when the act's object is a part of an organisation ("Hamas' military wing", "FARC commanders");
    a list's name after the object ("still lists it under its al-Qaida sanctions regime") is no part."""
    lowered = fold_lower(text)
    return any(
        hit.end <= m.start < segment[1] and modifies(m, orgs, text, lowered, rules, parts_only=True)
        for m in orgs
    )


def modifies(
    mention: Mention, orgs: list[Mention], text: str, lowered: str, rules: Rules, *, parts_only: bool = False
) -> bool:
    """True when an organisation's name only qualifies what follows it, so the act is not on it: people
    or parts of it ("Hamas financiers", "the group's commanders", "Hamas and Hezbollah members") or,
    unless `parts_only`, a list's name ("the al-Qaida sanctions list", "its ISIL and al-Qaida sanctions
    list")."""
    if mention.kind in ("wing", "anaphor"):
        return False
    for outer in orgs:
        # A name in the aside after another ("ISIL (Da'esh) and al-Qaida sanctions list") goes with it.
        if outer.end <= mention.start and _past_aside(text, outer.end) >= mention.end:
            return modifies(outer, orgs, text, lowered, rules, parts_only=parts_only)
    end = _past_aside(text, mention.end)
    for other in sorted((m for m in orgs if m.start >= mention.end), key=lambda m: m.start):
        if other.start < end:
            continue  # inside the aside after a name: "ISIL (Da'esh)"
        if not _ENUM_GAP.match(text[end : other.start]):
            break
        end = _past_aside(text, other.end)  # an enumeration: what follows the last name qualifies all
    rest = lowered[end : end + 60]
    if rules.part_nouns.match(rest) or (not parts_only and rules.list_name_after.match(rest)):
        return True
    # "Meta's Instagram", "Hezbollah's Al-Manar": a name the organisation owns is what the act is on (but
    # in a title-case headline every word is capitalised).
    return _POSSESSED_NAME.match(text, end) is not None and _LOWER_WORD.search(text) is not None


_POSSESSED_NAME = re.compile(r"['’]s?\s+[A-Z][\w-]+")
# A lower-case word of four letters or more (not a preposition): the sentence is no title-case headline.
_LOWER_WORD = re.compile(r"(?<![\w'’-])(?!(?:with|from|into|over|than|that|upon|onto)\b)[a-z]{4,}\b")


def _past_aside(text: str, end: int) -> int:
    """Where the text goes on after a bracketed aside right after a name ("ISIL (Da'esh) and ...")."""
    aside = _ASIDE.match(text, end)
    return aside.end() if aside else end


def is_passive(folded: str, hit: TriggerHit) -> bool:
    """True when the trigger is a passive or stative verb ("was removed", "is still officially outlawed"),
    a participle sharing an earlier passive's subject ("were delisted in 2021 and redesignated") or
    after the members' noun ("was among 12 groups added to the list"), or a Russian short passive
    participle ("внесено")."""
    word = folded[hit.start : hit.end]
    if _RUSSIAN_PASSIVE.search(word):
        return True
    participle = re.search(r"(?:ed|en|wn)$", word)
    if not participle:
        return False
    return bool(
        _PASSIVE.search(folded[max(0, hit.start - 40) : hit.start])
        or _AMONG_PASSIVE.search(folded[max(0, hit.start - 60) : hit.start])
        or _COORDINATED_PASSIVE.search(folded[max(0, hit.start - 140) : hit.start])
    )


def acts_forward(folded: str, hit: TriggerHit) -> bool:
    """True for an active verb, whose object (the organisation) follows it."""
    if is_passive(folded, hit) or hit.rule.org == "before":
        return False
    return hit.rule.org == "after" or not _NOUN.search(folded[hit.start : hit.end])


def fold_lower(text: str) -> str:
    """Lower-case without changing length (for searching a slice)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(low if len(low := c.lower()) == 1 else c for c in text)


def _clean_gaps(text: str, rules: Rules) -> str:
    """The sentence with person titles blanked out, so 'A and Interior Minister B' enumerates A and B."""
    return rules.person_titles.sub(lambda m: " " * len(m.group(0)), fold_lower(text))


def is_origin(
    place: Mention, text: str, orgs: list[Mention], triggers: list[TriggerHit], rules: Rules
) -> bool:
    """True when the state only says where an organisation or person comes from.

    "Iran's Revolutionary Guards", "the Colombian armed group FARC", "Afghan Taliban", "Syrian
    president X", "the Karachi Taliban": a possessive, adjective or city (not a capital, which is
    also a metonym: "Moscow's list") at most three words before the name, with no trigger
    between; or an adjective before a group noun ("the Russian mercenary group").
    """
    tail = text[place.end :]
    following = [m for m in orgs if m.start >= place.end]
    adjective = place.kind.endswith(":poss") or place.kind.startswith(("demonym", "city"))
    if following:
        gap = text[place.end : following[0].start]
        crossed = any(place.end <= t.start < following[0].start for t in triggers)
        if not crossed and adjective and (gap.strip() == "" or (_ORIGIN_GAP.match(gap) and "," not in gap)):
            return True
    return bool(
        not place.kind.endswith(":poss")
        and place.kind.startswith("demonym")
        and rules.origin_noun.match(fold_lower(tail))
    )


def choose_jurisdictions(
    text: str,
    item: Analysed,
    hit: TriggerHit,
    clause: tuple[int, int],
    segment: tuple[int, int],
    authority: Mention | None,
    running: str | None,
    rules: Rules,
) -> list[str]:
    """The jurisdictions whose lists the act changes (empty when the sentence gives none).

    In order: a state that owns an act noun ("Britain's proscription of X", "the US designation"); a
    state named after the act with "in/by/from/of" or as the list's owner ("X's list");
    the nearest state before the act in its clause that is not after a preposition and did not make
    the request (the subject); for a noun or passive act, a state after it in its segment; the
    authority's state; the one state the sentence's other bodies belong to; the one state whose laws
    it names (data/news/laws.yaml); the state of the
    article's previous claim (`running`); the nearest state in the sentence.
    """
    forward = acts_forward(item.folded, hit)
    lowered = fold_lower(text)
    places = [
        m
        for m in item.jurisdictions
        if not is_origin(m, text, item.orgs, item.triggers, rules)
        or (forward and _owns_actor(m, item.orgs, hit))
        # "Kazakh Foreign Ministry spokesman X said": the adjective is the body's, not X's origin (but in
        # "Syrian Interior Minister X" the body is X's title, and the adjective X's origin).
        or any(
            b.start >= m.end
            and not lowered[m.end : b.start].strip()
            and not any(o.start >= b.end and not lowered[b.end : o.start].strip() for o in item.orgs)
            for b in item.authorities
        )
    ]
    after = [m for m in places if hit.end <= m.start < segment[1]]
    # "the US-designated group": the state of a compound adjective with the act.
    compound = [m for m in places if m.end == hit.start - 1 and lowered[m.end] == "-"]
    # "Britain's proscription of X", "the Canadian listing of X", "the US designation": the state that owns
    # the act noun, whatever state comes after it ("... drew praise from Israel").
    if _NOUN.search(lowered[hit.start : hit.end]):
        compound += [
            m
            for m in places
            if m.end <= hit.start
            and (m.kind.endswith(":poss") or m.kind.startswith(("demonym", "name")))
            and _OWNED_ACT.fullmatch(lowered[m.end : hit.start])
        ]
    # The list's owner after the act ("added X, the leader of Y in Gaza, to the EU list") before a place
    # it names ("in Gaza").
    owners = [
        m
        for m in after
        if (m.kind.endswith(":poss") and rules.list_nouns.match(lowered[_stem_end(m) :]))
        or rules.owned_list_nouns.match(lowered[m.end :])
    ]
    locations = [
        m
        for m in after
        if rules.locative.search(lowered[max(0, m.start - 12) : m.start])
        and not _OTHER_AGENT.search(lowered[hit.end : m.start])
        and m not in owners
    ]
    located = compound + [m for m in places if hit.start <= m.start < hit.end] + owners + locations
    before = [
        m
        for m in places
        if clause[0] <= m.start
        and m.end <= hit.start
        and (
            not rules.prepositions.search(lowered[max(0, m.start - 16) : m.start])
            or _of_body(m, item.authorities, lowered)
        )
        and not rules.proposer_nouns.match(lowered[_stem_end(m) :])
    ]
    antecedent = [
        m for m in places if re.match(r", (?:which|who)\b", lowered[clause[0] :]) and m.end >= clause[0] - 1
    ]
    antecedent = [m for m in antecedent if m.end <= clause[0]]
    chosen: Mention | None = None
    if located:
        chosen = located[0]
    elif antecedent:
        chosen = antecedent[-1]
    elif before:
        chosen = before[-1]
    elif after and not acts_forward(item.folded, hit):
        chosen = after[0]
    elif authority is not None and authority.kind:
        return [authority.kind]
    elif authority is not None and (owner := _body_state(authority, places, lowered)) is not None:
        # "an official of Kyrgyzstan's State Commission said": the body's own state.
        return [owner]
    elif len(bodies := {m.kind for m in item.authorities if m.kind}) == 1:
        # "The federal government has listed X ..., Public Safety Minister Y announced": the one
        # state the sentence's bodies belong to.
        return list(bodies)
    elif len(laws := {m.kind for m in item.laws if m.kind}) == 1:
        # "The Treasury designated X under Executive Order 13224": the one state whose laws it names.
        return list(laws)
    elif running is not None:
        return [running]
    elif places:
        # Never the state that asked for the act ("Lula government rejects US request to classify X"):
        # its list would not change; a state something is done to or for ("lifted sanctions on Syria,
        # while keeping X on its list") only when no other is named.
        askers = [m for m in places if not rules.proposer_nouns.match(lowered[_stem_end(m) :])]
        actors = [m for m in askers if not _RECIPIENT.search(lowered[max(0, m.start - 16) : m.start])]
        if askers:
            chosen = min(actors or askers, key=lambda m: min(abs(m.end - hit.start), abs(m.start - hit.end)))
    if chosen is None:
        return []
    group = _enumeration(places, chosen, lowered)
    return list(dict.fromkeys(m.value for m in group))


def requesters(text: str, item: Analysed, rules: Rules) -> set[str]:
    """The states the sentence names as asking for an act ("the US request to classify X"): never the
    state whose list the act would change."""
    lowered = fold_lower(text)
    return {m.value for m in item.jurisdictions if rules.proposer_nouns.match(lowered[_stem_end(m) :])}


# Before a state that an act is done to or for, not by: "sanctions on Syria", "aid to Syria".
_RECIPIENT = re.compile(r"\b(?:on|against|to|towards?|for|with|over|about)\s+(?:the\s+)?$")


# Between a state and the act noun it owns: up to two words, none of them a preposition or article.
_OWNED_ACT = re.compile(r"\s+(?:(?!(?:of|on|in|by|for|from|to|the|a|an|and|or|with)\b)[\w-]+\s+){0,2}")


# A state after another participle's "by" is that verb's agent, not the act's ("added X to its list,
# a move welcomed by Ukraine").
_OTHER_AGENT = re.compile(r"\b[\w-]+(?:ed|en|wn)\s+by\s+(?:the\s+)?$")


def _body_state(body: Mention, places: list[Mention], lowered: str) -> str | None:
    """The state a body is named with: "Kyrgyzstan's State Commission", "the Kyrgyz State Commission",
    "the State Commission of Kyrgyzstan"."""
    for place in places:
        adjective = place.kind.endswith(":poss") or place.kind.startswith("demonym")
        if adjective and place.end <= body.start and re.fullmatch(r"\s*", lowered[place.end : body.start]):
            return place.value
        if place.start >= body.end and re.fullmatch(r"\s+of\s+(?:the\s+)?", lowered[body.end : place.start]):
            return place.value
    return None


def _of_body(place: Mention, bodies: list[Mention], lowered: str) -> bool:
    """True for the state a body is "of" ("the Attorney General of Kyrgyzstan asked ...",
    "the Federal Security Service of Russia said"): the body's state, not a place after a preposition."""
    return any(re.fullmatch(r"\s+of\s+(?:the\s+)?", lowered[b.end : place.start]) for b in bodies)


def _owns_actor(place: Mention, orgs: list[Mention], hit: TriggerHit) -> bool:
    """True when the state's organisation is the actor of an active act ("the Philippines' Council
    designated X"): the state is then the one acting, not an origin."""
    following = [m for m in orgs if m.start >= place.end]
    return bool(following) and following[0].end <= hit.start


def _stem_end(place: Mention) -> int:
    """Where a state's name ends before any possessive "'s" / "'"."""
    if place.text.endswith("'s"):
        return place.end - 2
    return place.end - 1 if place.text.endswith("'") else place.end
