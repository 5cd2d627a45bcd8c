"""The loaded, typed form of the news rules: triggers, cues, authority rules, jurisdiction names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from proscribe.news.gates import Literals, LiteralScreen

ACTIONS = ("list", "delist", "suspend")
CUE_KINDS = ("propose", "future", "negate", "speculate")
ORG_SIDES = ("after", "before", "either")
DECIDER_KINDS = ("addressee", "statement")
BODY_SIDES = ("after", "before")


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word or phrase that states an act on a list (rule id, action, where the organisation stands)."""

    id: str
    action: str
    regex: re.Pattern[str]
    org: str
    context: bool
    confidence: float
    proposal: bool = False
    stative: bool = False  # states a state ("remains on the list"): dated only by "since"
    after_body: bool = False  # counts only after a body the authority rules name ("the court ruled that")
    confirms: bool = False  # a body's confirmation of an act ("upheld the ban"), another act than the first
    entry: bool = False  # an entry on a list ("added X to its list"), another act than a court's ban of X
    literals: Literals | None = None  # one of these is in every match (proscribe.news.gates)


@dataclass(frozen=True, slots=True)
class Cue:
    """A modality or negation cue (rule id, kind, pattern).

    `after_any`: a post cue that counts after any trigger, not only after an act noun. `dated_act`: a
    proposal cue whose act is done when its clause dates it ("The Council today decided to add X").
    """

    id: str
    kind: str
    regex: re.Pattern[str]
    absorbed: bool = False
    dominant: bool = False
    after_any: bool = False
    dated_act: bool = False
    literals: Literals | None = None  # one of which every match contains (proscribe.news.gates)


@dataclass(frozen=True, slots=True)
class AuthorityRule:
    """A body credited with designation acts; `keep_text` keeps the matched wording as the name."""

    id: str
    regex: re.Pattern[str]
    name: str
    jurisdiction: str | None
    keep_text: bool
    literals: Literals | None = None  # one of these is in every match (proscribe.news.gates)


@dataclass(frozen=True, slots=True)
class DeciderRule:
    """A phrase naming who decides a proposal (data/news/deciders.yaml).

    For `side` "after" the body follows the phrase and `regex` is anchored at the body (it ends with the
    filler words allowed in between, captured as `filler`); for "before" the body is the subject before
    the phrase, at most `reach` characters away. `then` must follow the body; `bodies`, when not empty,
    are the only decider names accepted; `suppress` marks a rule of procedure whose clause states no act.
    `grants`, when set, matches the phrase of a ruling that grants the proposal ("granted the request"):
    the body's act is then reported too, not only its role as decider.
    """

    id: str
    kind: str
    side: str
    regex: re.Pattern[str]
    then: re.Pattern[str] | None
    bodies: frozenset[str]
    suppress: bool
    reach: int
    grants: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class DeciderRules:
    """Decider-only bodies, the decider phrases, and what lets a sentence speak of a proposal."""

    bodies: tuple[AuthorityRule, ...]
    rules: tuple[DeciderRule, ...]
    prefilter: re.Pattern[str]
    filler: frozenset[str]
    act_reference: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class JurisdictionNames:
    """How articles name one jurisdiction."""

    code: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    metonyms: tuple[str, ...]
    cities: tuple[str, ...] = ()  # other seats of courts and regional bodies ("a court in Almaty")


@dataclass(frozen=True, slots=True)
class Rules:
    """All news rules and vocabularies, compiled."""

    triggers: tuple[Trigger, ...]
    cues: tuple[Cue, ...]
    post_cues: tuple[Cue, ...]
    cue_window: int
    context: re.Pattern[str]
    effective: re.Pattern[str]
    took_effect: re.Pattern[str]
    reporting: re.Pattern[str]
    clause_breaks: re.Pattern[str]
    attributive: re.Pattern[str]
    roster: re.Pattern[str]
    non_state: re.Pattern[str]
    quote_speaker: tuple[re.Pattern[str], re.Pattern[str]]  # (pronoun speaking, previous subject)
    false_report: tuple[re.Pattern[str], re.Pattern[str]]
    stays_in_force: re.Pattern[str]
    # The literals of every trigger and of `context`, screened in a sentence before its searches.
    trigger_screen: LiteralScreen
    context_literals: Literals | None
    authority_screen: LiteralScreen
    cue_screen: (
        LiteralScreen  # the modality cues' literals, so a clause is searched only for cues it may hold
    )
    authorities: tuple[AuthorityRule, ...]
    laws: tuple[AuthorityRule, ...]  # legal bases: laws, orders, resolutions (shaped as bodies are)
    law_screen: LiteralScreen
    deciders: DeciderRules
    jurisdictions: tuple[JurisdictionNames, ...]
    boilerplate: tuple[tuple[str, re.Pattern[str]], ...]
    anaphors: re.Pattern[str]
    org_heads: frozenset[str]
    org_connectors: frozenset[str]
    person_titles: re.Pattern[str]
    person_apposition: re.Pattern[str]  # ", the leader of X" right after a name: a person
    proposer_nouns: re.Pattern[str]
    example_cues: re.Pattern[str]
    relation_cues: re.Pattern[str]
    list_name_cues: re.Pattern[str]
    list_name_after: re.Pattern[str]
    prepositions: re.Pattern[str]
    list_nouns: re.Pattern[str]
    owned_list_nouns: re.Pattern[str]
    act_anaphors: re.Pattern[str]
    part_nouns: re.Pattern[str]
    unnamed: re.Pattern[str]
    act_references: re.Pattern[str]
    act_ties: re.Pattern[str]
    act_date_before: re.Pattern[str]
    act_date_after: re.Pattern[str]
    act_law_before: re.Pattern[str]  # "The listing was made under ...": a later sentence's law is the act's
    effect_date: re.Pattern[str]
    effect_date_ahead: re.Pattern[str]  # "the listing takes effect on Wednesday": a done act's day ahead
    object_of: re.Pattern[str]
    branch_parents: frozenset[str]  # names whose regional branches are their own organisations
    branch_after: re.Pattern[str]  # a branch's place after such a name ("in the Arabian Peninsula")
    branch_not: re.Pattern[str]  # the parent's own longer names ("in Iraq and Syria")
    counted_object: re.Pattern[str]  # "sanctioned six individuals ... for X": the act is on them
    org_objects: frozenset[str]
    origin_noun: re.Pattern[str]
    locative: re.Pattern[str]
    wing_after: re.Pattern[str]
    wing_before: re.Pattern[str]
    wing_of: re.Pattern[str]  # "the military wing of X": the act is on the wing, not on X
    listing: re.Pattern[str]
    act_noun: re.Pattern[str]
    list_kinds: tuple[tuple[str, re.Pattern[str]], ...]
    similar_acts: re.Pattern[str]
    similar_proposed: re.Pattern[str]
    similar_done: re.Pattern[str]
    joined: re.Pattern[str]  # "joined A and B in banning X": A and B did the act
    stop_words: frozenset[str]
    generic_words: frozenset[str]
    months: dict[str, int]
    weekdays: dict[str, int]
    dateline: re.Pattern[str]
    relative: tuple[tuple[str, re.Pattern[str], str, int], ...]
    year_prepositions: tuple[str, ...] = ("in", "since", "from", "by", "during", "until")
    # Words between a date's parts: "the 27th of November", "12 de julio de 2024".
    date_connectors: tuple[str, ...] = ("of",)
    # Spellings of one name word ("qaida", "qaeda", "qa'ida"), the family's first form first.
    spellings: tuple[tuple[str, ...], ...] = ()
