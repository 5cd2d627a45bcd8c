"""Entities (organisations, people, vessels...), their names in any script, and their identifiers."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

EntityKind = Literal["organisation", "person", "vessel", "aircraft", "other"]
NameKind = Literal["primary", "alias", "weak_alias", "former", "translation", "acronym"]

# Unicode character-name prefixes mapped to ISO 15924 script codes; the first letter decides.
_SCRIPT_PREFIXES: tuple[tuple[str, str], ...] = (
    ("LATIN", "Latn"),
    ("CYRILLIC", "Cyrl"),
    ("ARABIC", "Arab"),
    ("GREEK", "Grek"),
    ("HEBREW", "Hebr"),
    ("CJK", "Hani"),
    ("HIRAGANA", "Jpan"),
    ("KATAKANA", "Jpan"),
    ("HANGUL", "Hang"),
    ("DEVANAGARI", "Deva"),
    ("GEORGIAN", "Geor"),
    ("ARMENIAN", "Armn"),
    ("THAI", "Thai"),
    ("BENGALI", "Beng"),
    ("TAMIL", "Taml"),
    ("SINHALA", "Sinh"),
    ("ETHIOPIC", "Ethi"),
)


@functools.lru_cache(maxsize=8192)
def _char_script(char: str) -> str:
    name = unicodedata.name(char, "")
    for prefix, code in _SCRIPT_PREFIXES:
        if name.startswith(prefix):
            return code
    return "Zzzz"


def detect_script(text: str) -> str:
    """Return the ISO 15924 code of the script most letters of `text` are in ("Zyyy" if none)."""
    if text.isascii():
        return "Latn" if any(char.isalpha() for char in text) else "Zyyy"
    counts: dict[str, int] = {}
    for char in text:
        if char.isalpha():
            code = _char_script(char)
            counts[code] = counts.get(code, 0) + 1
    if not counts:
        return "Zyyy"
    return max(counts.items(), key=lambda item: item[1])[0]


@dataclass(frozen=True, slots=True)
class Name:
    """One name of an entity, with the script it is written in."""

    value: str
    kind: NameKind = "alias"
    script: str = ""
    lang: str | None = None

    def __post_init__(self) -> None:
        if not self.value.strip():
            raise ValueError("a name cannot be empty")
        if not self.script:
            object.__setattr__(self, "script", detect_script(self.value))


# The scheme of a ship's IMO number (seven digits): the one identifier of a vessel every list shares.
IMO_SCHEME = "imo"


@dataclass(frozen=True, slots=True)
class Identifier:
    """An identifier in some scheme: `un` (QDe.137), `ofac` (ent_num), `wikidata` (Q...), ..."""

    scheme: str
    value: str

    def key(self) -> str:
        """`scheme:value`, the form used for lookups."""
        return f"{self.scheme}:{self.value}"


@dataclass(frozen=True, slots=True)
class Entity:
    """A designated (or designatable) organisation or person, with all its names and identifiers."""

    id: str
    name: str
    kind: EntityKind = "organisation"
    names: tuple[Name, ...] = field(default_factory=tuple)
    identifiers: tuple[Identifier, ...] = field(default_factory=tuple)
    country: str | None = None
    description: str | None = None
    note: str | None = None
    # Entities an analyst judged to be this one (proscribe.store.judgements): read as this one.
    merged: tuple[str, ...] = field(default_factory=tuple)

    def all_names(self) -> tuple[Name, ...]:
        """The canonical name first, then every other name, without repeats."""
        seen = {self.name}
        out = [Name(self.name, "primary")]
        for name in self.names:
            if name.value not in seen:
                seen.add(name.value)
                out.append(name)
        return tuple(out)


_ASCII_KEY = str.maketrans(
    {chr(i): (None if chr(i) in "'`" else " ") for i in range(128) if not chr(i).isalnum()}
)


# Pure, and called for every name of every record at import and for every lookup: names repeat.
@functools.lru_cache(maxsize=262_144)
def name_key(text: str) -> str:
    """A lookup key for exact name matching: case-, accent- and punctuation-insensitive, any script.

    "Al-Qa'ida", "al qa ida" and "AL-QA'IDA" share a key; scripts are kept as they are (no
    transliteration: that is the screening layer's job).
    """
    if text.isascii():
        # Same result as the general path (ASCII is stable under NFKC/NFKD), many times faster.
        return " ".join(text.lower().translate(_ASCII_KEY).split())
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    kept = []
    for char in folded:
        category = unicodedata.category(char)
        if category.startswith("M") or char in "'’ʼ`´":
            continue
        kept.append(char if category[0] in "LN" else " ")
    return " ".join("".join(kept).split())


def person_name_key(text: str) -> str:
    """A key for a person's name that ignores the order of its parts, for comparing lists.

    Lists order a person's names differently: OFAC files "AL-JAWLANI, Abu Muhammad", the UK
    "Abu Muhammad AL-JAWLANI"; both give "abu al jawlani muhammad". A name of one part ("Hassan")
    gives "": too many people bear it for it to say anything.
    """
    parts = name_key(text).split()
    return " ".join(sorted(parts)) if len(parts) >= 2 else ""


def filing_key(name: str) -> str:
    """The name as filed in an A-Z index: case-folded, without leading punctuation or spaces.

    OFAC's "'ABBAS, Rim" is filed with the A's, not before them.
    """
    return _LEADING_NON_WORD.sub("", name).casefold()


_LEADING_NON_WORD = re.compile(r"^[\W_]+")
