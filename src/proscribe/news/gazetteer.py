"""Gazetteers: organisation, jurisdiction and authority mentions in a sentence, found by phrase matching.

Organisations come from the registry entities the caller passes in (any script; acronyms matched
case-sensitively), plus unknown organisations: capitalised names ending in an organisation word
("... Front", "... Foundation") or followed by an acronym in brackets. Jurisdictions come from
data/news/jurisdictions.yaml, authorities from data/news/authorities.yaml.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from proscribe import vocab
from proscribe.model import Entity
from proscribe.news.document import fold
from proscribe.news.gates import LiteralScreen, admits
from proscribe.news.phrases import PhraseMatcher
from proscribe.news.ruletypes import AuthorityRule, Rules

_NOTE = re.compile(r"\s*\(([^)]*)\)\s*")
_DROP_NOTES = re.compile(r"affiliate|co-banned|alias|as designated", re.IGNORECASE)
# An acronym: all capitals ("IRGC", "FARC-EP"), or a short mixed-case one with two capitals or more ("LeT",
# "JeM", "HuJI"; not a word such as "Al-Qaida"), which folded would match common words ("let").
_ACRONYM = re.compile(
    r"^(?:[A-Z0-9][A-Z0-9-]{1,7}|(?=(?:[a-z0-9-]*[A-Z]){2})(?![A-Za-z0-9-]*[a-z]{3})[A-Z][A-Za-z0-9-]{1,7})$"
)
_GENERIC_HEAD = re.compile(r"\s+(?:Group|Network|Movement|Organi[sz]ation|Cartel)$")
_PARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|an|at|ud|ul|bin|ibn)-[A-Z]")
_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\w-]*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a sentence naming something: `value` is an entity id, a code or a normalised name."""

    start: int
    end: int
    text: str
    value: str
    kind: str = "known"


def _clean_alias(value: str) -> str | None:
    notes = _NOTE.findall(value)
    if any(_DROP_NOTES.search(note) for note in notes):
        return None
    bare = _NOTE.sub(" ", value).strip(" «»\"'")
    bare = re.sub(r"[«»\"]", "", bare).strip()
    return bare or None


# A Russian noun ending in a consonant takes a case ending ("признал Талибана", "с Хамасом"): one word
# of four letters or more, matched with the ending and looked up without it.
_RUSSIAN_STEM = re.compile(r"[а-яё]{3,}[бвгджзклмнпрстфхцчшщ]", re.IGNORECASE)
_RUSSIAN_ENDING = "(?:а|у|ом|е)?"
_RUSSIAN_INFLECTED = re.compile(r"^([а-яё]{3,}[бвгджзклмнпрстфхцчшщ])(?:а|у|ом|е)$", re.IGNORECASE)


def _alias_pattern(alias: str) -> str:
    parts = [re.escape(part) for part in re.split(r"[\s-]+", fold(alias)) if part]
    if len(parts) == 1 and _RUSSIAN_STEM.fullmatch(parts[0]):
        return parts[0] + _RUSSIAN_ENDING
    plural = "s?" if len(parts) == 1 and len(alias) >= 5 and alias[-1:].isalpha() else ""
    return r"[\s-]*".join(part.replace("'", "'?") for part in parts) + plural


_SEPARATORS = re.compile(r"([\s-]+)")
# A name's spellings tried at most: the product of its family words' forms ("Tehrik-e-Taliban" has 16).
_MAX_SPELLINGS = 32


class Spellings:
    """Spellings of one word of a name (data/news/spellings.yaml: "qaida", "qaeda", "qa'ida"), so that a
    registry name in one spelling is also found in the others."""

    def __init__(self, families: Iterable[tuple[str, ...]]) -> None:
        self._family: dict[str, tuple[str, ...]] = {}  # a spelling, apostrophes left out -> its family
        for family in families:
            for word in family:
                self._family[word.replace("'", "")] = family
        words = sorted(
            {w for f in self._family.values() for w in f} | set(self._family), key=len, reverse=True
        )
        self._any = (
            re.compile(r"(?<![\w'])(?:{})(?![\w'])".format("|".join(map(re.escape, words))))
            if words
            else None
        )

    def canonical(self, key: str) -> str:
        """A name's key (folded, apostrophes left out, words joined by spaces) with each word that has
        spellings in its family's first form."""
        if self._any is None or self._any.search(key) is None:
            return key
        return " ".join(self._family[w][0] if w in self._family else w for w in key.split(" "))

    def variants(self, name: str) -> list[str]:
        """A folded name in its other spellings: every form of each word that has them (none when more
        than `_MAX_SPELLINGS` would be needed)."""
        if self._any is None or self._any.search(name) is None:
            return []
        parts = _SEPARATORS.split(name)
        choices = [
            self._family.get(part.replace("'", ""), (part,)) if index % 2 == 0 else (part,)
            for index, part in enumerate(parts)
        ]
        if math.prod(len(choice) for choice in choices) > _MAX_SPELLINGS:
            return []
        return [spelled for combo in itertools.product(*choices) if (spelled := "".join(combo)) != name]


class OrgGazetteer:
    """Phrase matcher over the registry's names and aliases, case-folded and (acronyms) exact.

    Not every name of a registry entry can be matched in news text: acronyms read off list names and
    weak aliases ("Ahmed", "Khattab", "Colonel Omega": a list's own word for a name too loose to
    identify anyone) are skipped, and so are a person's one-word names and generic names (`generic`:
    a country, a state body such as "Ministry of Defence"). A person's name matches only as a whole
    name, never inside a longer run of capitalised words ("Anas Khattab" in "Anas Khattab Hassan").
    """

    def __init__(
        self,
        entities: Iterable[Entity],
        generic: Callable[[str], bool] | None = None,
        neighbours: frozenset[str] = frozenset(),
        spellings: Spellings | None = None,
    ) -> None:
        self.entities: dict[str, Entity] = {}
        self._neighbours = neighbours
        self._spellings = spellings or Spellings(())
        folded: dict[str, set[str]] = {}
        exact: dict[str, set[str]] = {}
        whole: set[str] = set()  # folded keys that are a whole name, not only a name's short form
        for entity in entities:
            self.entities[entity.id] = entity
            for name in entity.all_names():
                if name.kind in ("acronym", "weak_alias"):
                    # Acronyms are read off list names ("CENTRAL ... AGENCY (CIA)"), not chosen by a
                    # curator; weak aliases are too loose to identify anyone. Matched in news text they
                    # would claim whatever else the letters or the word stand for.
                    continue
                alias = _clean_alias(name.value)
                if alias is None or len(alias) < 3:
                    continue
                if entity.kind == "person" and len(alias.split()) < 2:
                    continue  # a given name or a surname alone names no one in particular
                if generic is not None and generic(alias):
                    continue
                if _ACRONYM.match(alias):
                    exact.setdefault(alias, set()).add(entity.id)
                    continue
                folded.setdefault(fold(alias), set()).add(entity.id)
                whole.add(fold(alias))
                short = _GENERIC_HEAD.sub("", alias)
                if short != alias and len(short) >= 4:
                    folded.setdefault(fold(short), set()).add(entity.id)
                if " " not in alias and alias.endswith("s") and len(alias) > 5:
                    folded.setdefault(fold(alias[:-1]), set()).add(entity.id)
        self._folded = {k: v for k, ids in folded.items() if (v := self._unique(k, ids, True)) is not None}
        # One-word short forms ("Haqqani" of "Haqqani Network"): also a family name ("Sirajuddin Haqqani").
        shorts = [k for k in self._folded if k not in whole and " " not in k]
        self._short = frozenset([*shorts, *(v for k in shorts for v in self._spellings.variants(k))])
        self._exact = {k: v for k, ids in exact.items() if (v := self._unique(k, ids, False)) is not None}
        self._folded_keys = {
            re.sub(r"[\s-]+", " ", key).replace("'", ""): v for key, v in self._folded.items()
        }
        # A name in another spelling links only when its spellings point to one entity alone.
        spelled: dict[str, set[str]] = {}
        for key, value in self._folded_keys.items():
            spelled.setdefault(self._spellings.canonical(key), set()).add(value)
        self._spelled = {key: next(iter(ids)) for key, ids in spelled.items() if len(ids) == 1}
        phrases = dict(self._folded)
        for key, value in self._folded.items():
            for variant in self._spellings.variants(key):
                phrases.setdefault(variant, value)
        self._folded_re = self._compile(phrases, re.IGNORECASE)
        self._exact_re = self._compile({key: key for key in self._exact}, 0, fold_alias=False)

    def _unique(self, key: str, ids: set[str], folded: bool) -> str | None:
        """The one entity a name denotes; when several share it, the one whose canonical name it is."""
        if len(ids) == 1:
            return next(iter(ids))
        owners = [i for i in ids if (fold(self.entities[i].name) if folded else self.entities[i].name) == key]
        return owners[0] if len(owners) == 1 else None

    @staticmethod
    def _compile(table: dict[str, str], flags: int, fold_alias: bool = True) -> PhraseMatcher | None:
        if not table:
            return None
        patterns = {key: _alias_pattern(key) if fold_alias else re.escape(key) for key in table}
        return PhraseMatcher(patterns, r"(?<![\w])(?:{})(?![\w])", flags)

    def lookup(self, text: str) -> str | None:
        """The entity id a whole name denotes, or None."""
        if text in self._exact:
            return self._exact[text]
        key = re.sub(r"[\s-]+", " ", fold(_clean_alias(text) or text)).replace("'", "")
        found = self._folded_keys.get(key)
        if found is None and key.endswith("s") and " " not in key:
            found = self._folded_keys.get(key[:-1])  # a plural ("the Talibans")
        if found is None and (inflected := _RUSSIAN_INFLECTED.match(key)):
            found = self._folded_keys.get(inflected.group(1))  # a case ending ("Талибана")
        if found is None:
            found = self._spelled.get(self._spellings.canonical(key))  # "al-Qaeda" for "Al-Qaida"
        return found

    def find(self, text: str) -> list[Mention]:
        """Registry organisations named in `text`, longest match first, no overlaps."""
        found: list[Mention] = []
        plain = fold(text)
        if self._folded_re is not None:
            for match in self._folded_re.finditer(plain):
                entity = self.lookup(text[match.start() : match.end()])
                if entity is not None and not self._part_of_longer_name(
                    entity, text, match.start(), match.end()
                ):
                    surface = text[match.start() : match.end()]
                    found.append(Mention(match.start(), match.end(), surface, entity))
        if self._exact_re is not None:
            for match in self._exact_re.finditer(text):
                found.append(Mention(match.start(), match.end(), match.group(0), self._exact[match.group(0)]))
        return _no_overlaps(found)

    def _part_of_longer_name(self, entity_id: str, text: str, start: int, end: int) -> bool:
        """True when a person's name runs on into a capitalised word that is not a title or stop word
        ("Ahmed Mansour" in "Ahmed Mansour Saleh" is part of another person's name), or an organisation's
        one-word short form follows a given name ("Sirajuddin Haqqani" is no Haqqani Network)."""
        if fold(text[start:end]) in self._short:
            given = _GIVEN_NAME_BEFORE.search(text[max(0, start - 30) : start])
            return given is not None and given.group(1) not in self._neighbours and not _title_case(text)
        if self.entities[entity_id].kind != "person":
            return False
        before = _NAME_BEFORE.search(text[max(0, start - 40) : start])
        after = _NAME_AFTER.match(text[end : end + 40])
        return any(m is not None and m.group(1) not in self._neighbours for m in (before, after))


# A capitalised word of letters alone right before a name (not a possessive: "Prigozhin's Wagner").
_GIVEN_NAME_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][a-z]+) $")


def _title_case(text: str) -> bool:
    """True for a headline in title case ("Britain Proscribes Wagner"), where capitals name nobody."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    long_words = [word for word in words if len(word) > 3]
    return len(long_words) >= 2 and sum(word[0].isupper() for word in long_words) / len(long_words) > 0.6


_NAME_BEFORE = re.compile(r"(?<![\w'’-])((?:[A-Z][\w'’]*|(?:al|el|ad|ar|as|an|at|ud|ul|bin|ibn)))[ -]$")
_NAME_AFTER = re.compile(r"^[ -]((?:[A-Z][\w'’]*|(?:al|el|ad|ar|as|an|at|ud|ul|bin|ibn)-[A-Z][\w'’]*))")


def _no_overlaps(mentions: list[Mention]) -> list[Mention]:
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if all(mention.end <= other.start or mention.start >= other.end for other in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


def branches(text: str, known: list[Mention], rules: Rules, places: JurisdictionGazetteer) -> list[Mention]:
    """The mentions with a parent's name that name one of its regional branches ("al-Qaeda in the Arabian
    Peninsula", "ISIS-K"): the whole name, an organisation the registry does not know, instead. A state
    or a month after "in" is where or when, not a branch ("the ban on al-Qaeda in Kazakhstan", "banned
    al-Qaeda in February 2003")."""
    out: list[Mention] = []
    for mention in known:
        rest = text[mention.end :]
        parent = mention.text.casefold() in rules.branch_parents
        own = rules.branch_not.match(rest) if parent else None
        if own is not None:
            # "the Islamic State in Iraq and Syria": the parent's own name, its places no designating states
            end = mention.end + own.end()
            out.append(Mention(mention.start, end, text[mention.start : end], mention.value, mention.kind))
            continue
        branch = rules.branch_after.match(rest) if parent else None
        named = rest[: branch.end()] if branch is not None else ""
        words = fold(named).casefold().split()
        if (
            branch is None
            or places.find(named)
            or any(w in rules.months or w in rules.weekdays for w in words)
        ):
            out.append(mention)
            continue
        end = mention.end + branch.end()
        name = text[mention.start : end]
        out.append(Mention(mention.start, end, name, name, "unknown"))
    return out


def unknown_orgs(text: str, known: list[Mention], rules: Rules) -> list[Mention]:
    """Capitalised names the registry does not know that look like organisations or titled persons."""
    tokens = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)]
    out: list[Mention] = []
    index = 0
    while index < len(tokens):
        start, _end, word = tokens[index]
        if not _capital(word) or word in rules.stop_words or _inside(start, known):
            index += 1
            continue
        last = index
        probe = index + 1
        while probe < len(tokens) and text[tokens[probe - 1][1] : tokens[probe][0]] in (" ", "-"):
            gap = text[tokens[probe - 1][1] : tokens[probe][0]]
            probe_word = tokens[probe][2]
            if _capital(probe_word) and not _inside(tokens[probe][0], known):
                last = probe
            elif probe_word not in rules.org_connectors or gap != " ":
                break
            probe += 1
        first = index
        for position in range(index, last):
            if rules.person_titles.fullmatch(fold(tokens[position][2])):
                first = position + 1  # "Foreign Minister Jane Doe": the name follows the title
        while first < last and tokens[first][2] in rules.org_connectors:
            first += 1  # "Attorney General of Kyrgyzstan": the title's state, no name
        name_start, name_end = tokens[first][0], tokens[last][1]
        name = text[name_start:name_end]
        acronym = re.match(r"\s*\(([A-Z][A-Za-z0-9-]{1,8})\)", text[name_end:])
        head = re.sub(r"['’]s?$", "", tokens[last][2])
        titled = rules.person_titles.search(fold(text[max(0, name_start - 30) : name_start])) or (
            head not in rules.org_heads and rules.person_apposition.match(text[name_end : name_end + 60])
        )
        words = last - first + 1
        if (head in rules.org_heads and words >= 2) or (acronym and words >= 2) or (titled and words >= 2):
            end_at = name_end + (acronym.end() if acronym else 0)
            kind = "person" if titled and head not in rules.org_heads else "unknown"
            out.append(Mention(name_start, end_at, text[name_start:end_at], name, kind))
        index = last + 1
    return out


def _capital(word: str) -> bool:
    return word[:1].isupper() or bool(_PARTICLE.match(word))


def _inside(offset: int, mentions: list[Mention]) -> bool:
    return any(m.start <= offset < m.end for m in mentions)


_COMPOUND_ACTS = "(?:designated|listed|sanctioned|banned|proscribed|outlawed|blacklisted)"


class JurisdictionGazetteer:
    """Countries, demonyms, capitals, metonyms and cities mapped to jurisdiction codes (case-sensitive).

    The news gazetteer (data/news/jurisdictions.yaml) comes first; every other ISO 3166-1 name and
    alias in the registry's vocabulary (`proscribe.vocab.jurisdictions`) fills the gaps.
    """

    def __init__(self, rules: Rules) -> None:
        table: dict[str, tuple[str, str]] = {}
        for code, known in vocab.jurisdictions().items():
            for value in (known.name, *known.aliases):
                if len(value) > 3 and "," not in value and "(" not in value:
                    table[value.translate({0x2019: "'"})] = (code, "name")
        for item in rules.jurisdictions:
            for kind, values in (
                ("name", item.names),
                ("demonym", item.demonyms),
                ("capital", item.capitals),
                ("metonym", item.metonyms),
                ("city", item.cities),
            ):
                for value in values:
                    table[value.translate({0x2019: "'"})] = (item.code, kind)
                    if kind == "metonym" and value.startswith("the "):
                        table["The " + value[4:]] = (item.code, kind)
        self.table = table
        keys = sorted(table, key=len, reverse=True)
        body = "|".join(re.escape(key) for key in keys)
        # A name may stand before a hyphen only in a compound adjective of an act ("the US-designated
        # group", "the UN-sanctioned Taliban"), never inside another word ("Anglo-French").
        self._regex = re.compile(rf"(?<![\w.-])(?:{body})(?:'s?)?(?!\w)(?!-(?!{_COMPOUND_ACTS}\b))")

    def find(self, text: str) -> list[Mention]:
        """Jurisdiction mentions; `kind` is name, demonym, capital, metonym or city (+ ':poss')."""
        plain = text.replace("’", "'")
        out: list[Mention] = []
        for match in self._regex.finditer(plain):
            word = match.group(0)
            possessive = word.endswith(("'s", "'"))
            key = re.sub(r"'s?$", "", word) if word not in self.table else word
            if key not in self.table:
                continue
            code, kind = self.table[key]
            if plain[match.start() - 1 : match.start()] == "/" or plain[match.end() : match.end() + 1] == "/":
                continue  # "Australia/Israel ... Council": part of a name
            if plain[max(0, match.start() - 4) : match.start()] == "New ":
                continue  # "New Jersey", "New Mexico": a place that is not the state named
            out.append(
                Mention(match.start(), match.end(), word, code, kind + (":poss" if possessive else ""))
            )
        return out


def generic_name(rules: Rules, places: JurisdictionGazetteer) -> Callable[[str], bool]:
    """A test for names too generic to match in news text: a jurisdiction's name, demonym or capital
    ("Israel"), a body's name an authority rule matches whole ("Ministry of Defence"), or a name made
    only of generic words (references.yaml `generic_words`: "National Police", "Armed Forces")."""
    states = {key.casefold() for key in places.table}
    # One expression for every authority rule (all case-insensitive): it is asked once per name of
    # the registry, tens of thousands of times.
    bodies = re.compile("|".join(f"(?:{rule.regex.pattern})" for rule in rules.authorities), re.IGNORECASE)

    def generic(name: str) -> bool:
        plain = re.sub(r"^the\s+", "", fold(name).translate({0x2019: ord("'")}), flags=re.IGNORECASE)
        if plain.casefold() in states:
            return True
        if rules.authorities and bodies.fullmatch(plain):
            return True
        words = re.findall(r"[\w']+", plain.casefold())
        return bool(words) and all(word in rules.generic_words for word in words)

    return generic


def name_neighbours(rules: Rules, places: JurisdictionGazetteer) -> frozenset[str]:
    """Capitalised words that may stand next to a person's name without being part of it: stop words,
    titles ("President", "Minister") and states ("Syrian")."""
    titles = {w.capitalize() for w in re.findall(r"[a-z]+", rules.person_titles.pattern)}
    return frozenset(rules.stop_words | titles | {key for key in places.table if " " not in key})


def find_authorities(text: str, rules: Rules) -> list[Mention]:
    """Authority mentions, earlier rules winning over later ones on the same words."""
    return _find_bodies(text, rules.authorities, rules.authority_screen)


def find_laws(text: str, rules: Rules) -> list[Mention]:
    """Legal bases named (data/news/laws.yaml: "under the Terrorism Act 2000", "E.O. 13224"), earlier rules
    winning over later ones on the same words; value: the normalised name, kind: the law's state or ""."""
    return _find_bodies(text, rules.laws, rules.law_screen)


def _find_bodies(text: str, rules: tuple[AuthorityRule, ...], screen: LiteralScreen) -> list[Mention]:
    plain = text.translate({0x2019: ord("'")})
    present = screen.present(plain)
    found: list[Mention] = []
    for rule in rules:
        if not admits(rule.literals, present):
            continue  # the text lacks every word the rule needs
        for match in rule.regex.finditer(plain):
            if any(not (match.end() <= m.start or match.start() >= m.end) for m in found):
                continue
            if rule.keep_text:
                name = re.sub(r"^(?:the|a|an)\s+", "", match.group(0), flags=re.IGNORECASE)
            else:
                name = match.expand(rule.name) if "\\" in rule.name else rule.name
            found.append(Mention(match.start(), match.end(), match.group(0), name, rule.jurisdiction or ""))
    return sorted(found, key=lambda m: m.start)


def apposition(mention: Mention, known: list[Mention], text: str) -> bool:
    """True for a name right after a registry name joined by a dash or colon ("Acme – Northern Network")."""
    return any(
        re.fullmatch(r"\s*[-–—:]\s*", text[k.end : mention.start]) for k in known if k.end <= mention.start
    )


def same_name(mention: Mention, place: Mention) -> bool:
    """True when an unknown organisation's name is just a state's name ("the European Union")."""
    return re.sub(r"^(?:the|The)\s+", "", mention.value) == re.sub(r"^(?:the|The)\s+", "", place.text)
