"""Further names packed into a stated name's parentheses: original-script forms, remarks, acronyms.

Lists write "Akrin Saleh Akrin (أقرين صالح أقرين)", "Encep Nurjaman (birth name)",
"شبكة أنصار المجاهدين (Ansar al-Mujahideen Network - sub-unit name)" or
"MUHAMMAD JAMAL NETWORK (MJN)" as one name. Searched or screened as written, neither the Arabic
form nor "Akrin Saleh Akrin" alone finds the record. `variants_of` returns the names such a value
also stands for; the rules (data/name_variants.yaml) are:
- a parenthesis that is a remark (`remarks`, `remark_openings`) gives the name without it;
- a parenthesis opening with a `name_openings` phrase ("original script:") gives the name
  without it and the rest of the parenthesis as a name;
- a trailing parenthesis in another script than the name before it gives both (after dropping a
  `remark_endings` tail such as " - sub-unit name");
- a parenthesis that is an acronym of the words before it gives the name without it (only an
  acronym: "AL-HARAMAIN FOUNDATION (PAKISTAN)" names one branch, and is left whole);
- a leading parenthesis ("(Sheikh) Musa Hilal") gives the name without it, and stray brackets or
  trailing commas are trimmed;
- a value that lists several names, split by a `separators` entry outside brackets ("Qasim
  Soleimani; Qasem Sulaimani", "... Sabet b) M. Javad Kareemi Sabet"), gives each of them.
Variants of variants are followed, so "أنصار الشريعة بليبيا (Ansar al Charia in Libya (ASL))"
gives both halves. The stated name itself is never changed (it is what the list says, and what
snapshot diffs compare); variants are added beside it.

`acronyms_of` gives the acronyms themselves ("MJN"), stored as names of kind `acronym`: a search
or a screening for the acronym alone finds the record. Being short and made up from a name, they
are never used to link records to entities nor to spot organisations in news text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from proscribe.errors import DataError
from proscribe.model import Name, detect_script
from proscribe.vocab import data_dir, read_document

_SPACES = re.compile(r"\s+")
_WORD_BREAKS = re.compile(r"[\s\-‐‑–—/’'`.,&]+")
_BRACKETED = re.compile(r"\([^()]*\)")
_ACRONYM_DROPS = re.compile(r"[\s./\-‐‑–—]+")
_DASH = "[-‐‑–—]"
_CLINGING = frozenset(",;:./-‐‑–—)")
# Scripts written without spaces, a syllable or word per character: weighed as three letters.
_SYLLABIC = frozenset({"Hani", "Hira", "Kana", "Hang", "Yiii"})
_DEPTH = 3  # variants of variants: deep enough for a parenthesis inside a parenthesis
# Real names hold one to three bracketed groups. Bounds keep a hostile name (thousands of remark
# groups, each variant holding all the others) from costing more than a few passes over it.
_MAX_GROUPS = 8
_MAX_VARIANTS = 16
# The longest real name an acronym abbreviates has about fifteen words; the matcher recurses
# once per word, so a hostile name of thousands of short words must not reach it.
_MAX_ACRONYM_WORDS = 40


@dataclass(frozen=True, slots=True)
class VariantRules:
    """The vocabulary of data/name_variants.yaml, validated."""

    version: int
    remarks: frozenset[str]
    remark_openings: tuple[str, ...]
    name_openings: tuple[str, ...]
    remark_ending: re.Pattern[str] | None
    function_words: frozenset[str]
    acronym_max_length: int
    separators: tuple[str, ...] = ()
    acronym_stored_min_length: int = 2


@functools.cache
def rules() -> VariantRules:
    """The bundled rules, loaded once."""
    return load_rules(data_dir() / "name_variants.yaml")


def load_rules(path: Path) -> VariantRules:
    """Read and validate a variants file (DataError naming the file and the field otherwise)."""
    document = read_document(path)
    known = {
        "version",
        "remarks",
        "remark_openings",
        "name_openings",
        "remark_endings",
        "function_words",
        "acronym_max_length",
        "acronym_stored_min_length",
        "separators",
    }
    unknown = sorted(set(document) - known)
    if unknown:
        raise DataError(f"{path}: unknown field(s) {', '.join(unknown)}")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DataError(f"{path}: `version` must be a positive integer")
    longest = document.get("acronym_max_length")
    if not isinstance(longest, int) or isinstance(longest, bool) or longest < 2:
        raise DataError(f"{path}: `acronym_max_length` must be an integer of at least 2")
    stored = document.get("acronym_stored_min_length", 2)
    if not isinstance(stored, int) or isinstance(stored, bool) or not 2 <= stored <= longest:
        raise DataError(
            f"{path}: `acronym_stored_min_length` must be an integer from 2 to `acronym_max_length`"
        )
    endings = _phrases(path, document, "remark_endings")
    ending = (
        re.compile(rf"\s+{_DASH}\s*(?:{'|'.join(re.escape(e) for e in endings)})\s*$", re.IGNORECASE)
        if endings
        else None
    )
    return VariantRules(
        version=version,
        remarks=frozenset(_phrases(path, document, "remarks")),
        remark_openings=_phrases(path, document, "remark_openings"),
        name_openings=_phrases(path, document, "name_openings"),
        remark_ending=ending,
        function_words=frozenset(_phrases(path, document, "function_words")),
        acronym_max_length=longest,
        separators=_separators(path, document),
        acronym_stored_min_length=stored,
    )


def _separators(path: Path, document: dict[str, object]) -> tuple[str, ...]:
    """The separators as written (their spaces matter: " b) " is a list marker, "b)" is not)."""
    value = document.get("separators", [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataError(f"{path}: `separators` must be a list of strings that are not only spaces")
    return tuple(v.lower() for v in value)


def _phrases(path: Path, document: dict[str, object], field: str) -> tuple[str, ...]:
    value = document.get(field)
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataError(f"{path}: `{field}` must be a list of non-empty strings")
    return tuple(_SPACES.sub(" ", v).strip().casefold() for v in value)


def variants_of(value: str, using: VariantRules | None = None) -> tuple[str, ...]:
    """The other names `value` stands for (never `value` itself), first found first."""
    return _bundled_variants(value) if using is None else _variants(value, using)


# A first import asks for the variants of each name three times (to look up candidates, to link,
# to store the names): with the bundled rules the answer depends on the text alone.
@functools.lru_cache(maxsize=65_536)
def _bundled_variants(value: str) -> tuple[str, ...]:
    return _variants(value, rules())


def _variants(value: str, active: VariantRules) -> tuple[str, ...]:
    lowered = value.lower()
    if (
        "(" not in value
        and ")" not in value
        and not value.rstrip().endswith((",", ";"))
        and not any(separator in lowered for separator in active.separators)
    ):
        return ()
    seen = {_fold(value)}
    found: list[str] = []
    pending = [value]
    for _ in range(_DEPTH):
        following: list[str] = []
        for text in pending:
            for variant in _one_step(text, active):
                variant = _tidy(variant)
                folded = _fold(variant)
                if folded in seen or not any(char.isalpha() for char in variant):
                    continue
                seen.add(folded)
                found.append(variant)
                following.append(variant)
                if len(found) == _MAX_VARIANTS:
                    return tuple(found)
        pending = following
    return tuple(found)


def acronyms_of(value: str) -> tuple[str, ...]:
    """The acronyms a name holds in brackets after the words they abbreviate, with the bundled rules.

    "MUHAMMAD JAMAL NETWORK (MJN)" gives MJN, "UGANDA COMMERCIAL IMPEX (UCI) LTD" UCI, and
    "ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)-QODS FORCE" IRGC. A bracket that
    is no acronym of the words before it ("AL-HARAMAIN FOUNDATION (PAKISTAN)") gives nothing.
    """
    return _bundled_acronyms(value)


@functools.lru_cache(maxsize=65_536)
def _bundled_acronyms(value: str) -> tuple[str, ...]:
    return acronyms_with(value, rules())


def acronyms_with(value: str, active: VariantRules) -> tuple[str, ...]:
    """`acronyms_of` under the given rules."""
    if "(" not in value:
        return ()
    found: list[str] = []
    for text in (value, *_variants(value, active)):
        for part in _listed(_tidy(text), active.separators):
            groups = _groups(part)
            if not groups or len(groups) > _MAX_GROUPS:
                continue
            for start, end in groups:
                before, inner = part[:start].strip(), _tidy(part[start + 1 : end - 1])
                folded = inner.casefold()
                if folded in active.remarks or folded.startswith(active.remark_openings):
                    continue
                long_enough = len(_ACRONYM_DROPS.sub("", inner)) >= active.acronym_stored_min_length
                if before and long_enough and inner not in found and _is_acronym(inner, before, active):
                    found.append(inner)
    return tuple(found)


def _fold(text: str) -> str:
    return _SPACES.sub(" ", text).strip().casefold()


def _tidy(text: str) -> str:
    return _SPACES.sub(" ", text).strip().strip(",;").strip()


def _one_step(text: str, active: VariantRules) -> list[str]:
    """Variants from one rule applied once to each bracketed group of `text` (or to stray brackets)."""
    text = _tidy(text)
    parts = _listed(text, active.separators)
    if len(parts) > 1:
        return parts
    groups = _groups(text)
    if groups is None:  # unbalanced brackets: drop the strays at either end
        return [text.strip("()").strip()]
    if len(groups) > _MAX_GROUPS:
        return []
    out: list[str] = []
    for start, end in groups:
        before, inner, after = text[:start].strip(), text[start + 1 : end - 1].strip(), text[end:].strip()
        out += _from_group(before, _tidy(inner), after, active)
    return out


def _listed(text: str, separators: tuple[str, ...]) -> list[str]:
    """The names of a value that lists several, split at separators outside brackets (else [text])."""
    lowered = text.lower()
    if len(lowered) != len(text) or not any(separator in lowered for separator in separators):
        return [text]
    parts: list[str] = []
    depth = 0
    start = index = 0
    while index < len(text):
        if depth == 0:
            found = next((sep for sep in separators if lowered.startswith(sep, index)), None)
            if found is not None:
                parts.append(text[start:index])
                index += len(found)
                start = index
                continue
        char = text[index]
        depth += 1 if char == "(" else -1 if char == ")" and depth > 0 else 0
        index += 1
    parts.append(text[start:])
    return [part for part in (_tidy(p) for p in parts) if part]


def _groups(text: str) -> list[tuple[int, int]] | None:
    """(start, end) of every top-level bracketed group; None when the brackets do not balance."""
    found: list[tuple[int, int]] = []
    depth = 0
    opened = 0
    for index, char in enumerate(text):
        if char == "(":
            if depth == 0:
                opened = index
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return None
            if depth == 0:
                found.append((opened, index + 1))
    return None if depth else found


def _from_group(before: str, inner: str, after: str, active: VariantRules) -> list[str]:
    folded = inner.casefold()
    # "CORPS (IRGC)-QODS FORCE" -> "CORPS-QODS FORCE"; "COMPANY (PEC), LLC" -> "COMPANY, LLC"
    rest = f"{before}{after}" if after[:1] in _CLINGING else f"{before} {after}".strip()
    for opening in active.name_openings:
        if folded.startswith(opening):
            return [rest, inner[len(opening) :].strip()]
    if folded in active.remarks or folded.startswith(active.remark_openings):
        return [rest]
    if not before:  # "(Sheikh) Musa Hilal": a title or note in front
        return [after]
    if active.remark_ending is not None:
        inner = active.remark_ending.sub("", inner).strip()
    if not after and _other_script(before, inner):
        return [before, inner]
    if _is_acronym(inner, before, active):
        return [rest]
    return []


def _other_script(one: str, other: str) -> bool:
    """Whether `other` reads as `one` written in another script (a transliteration, not a note).

    Besides differing scripts, the two must be alike in size: counting words of three letters or
    more outside brackets (Arabic writes "al-" onto the next word, Latin transliterations often
    apart), as many words give or take one (or three in ten of a long name), one word only
    against one word, and neither more than twice as long. "Al-Haramain Foundation (Ινδονησία)"
    adds a note on the branch (Indonesia, in Greek), not the name in Greek.
    """
    first, second = detect_script(one), detect_script(other)
    if "Zyyy" in (first, second) or first == second:
        return False
    if _SYLLABIC.isdisjoint((first, second)):
        words = _significant_words(one), _significant_words(other)
        slack = max(1, max(words) * 3 // 10)
        if abs(words[0] - words[1]) > slack or (min(words) <= 1 and words[0] != words[1]):
            return False
    sizes = _size(one, first), _size(other, second)
    return max(sizes) <= 2 * min(sizes)


def _significant_words(text: str) -> int:
    unbracketed = _BRACKETED.sub(" ", text)
    return sum(1 for word in _WORD_BREAKS.split(unbracketed) if len(word) > 2)


def _size(text: str, script: str) -> int:
    letters = sum(1 for char in text if char.isalpha())
    return letters * 3 if script in _SYLLABIC else letters


def _is_acronym(candidate: str, words_before: str, active: VariantRules) -> bool:
    """Whether `candidate` is built from the initials (one or two letters each) of `words_before`.

    Every word must give letters, except function words and words of one or two letters, which
    may be left out: "AL-QAIDA IN EGYPT" makes AQE, "MOUVEMENT POUR L'UNIFICATION ET LE JIHAD EN
    AFRIQUE DE L'OUEST" makes MUJAO, "DOOSTAN INTERNATIONAL COMPANY" makes DICO.
    """
    letters = _ACRONYM_DROPS.sub("", candidate)
    if not 2 <= len(letters) <= active.acronym_max_length or not letters.isalnum():
        return False
    if letters == letters.lower():  # a word in brackets ("martyrs"), not an acronym
        return False
    target = letters.casefold()
    words = [w.casefold() for w in _WORD_BREAKS.split(words_before) if w]
    if not words or len(words) > _MAX_ACRONYM_WORDS:
        return False
    optional = [len(w) <= 2 or w in active.function_words for w in words]

    @functools.cache
    def match(word: int, letter: int) -> bool:
        if letter == len(target):
            return all(optional[word:])
        if word == len(words):
            return False
        if optional[word] and match(word + 1, letter):
            return True
        return any(
            len(words[word]) >= size
            and target.startswith(words[word][:size], letter)
            and match(word + 1, letter + size)
            for size in (1, 2)
        )

    return match(0, 0)


def with_variants(names: Iterable[Name], acronyms: bool = False) -> list[Name]:
    """`names` followed by the variants of each not already among them (a primary's are aliases).

    With `acronyms`, the acronyms the names hold follow (`acronyms_of`, kind `acronym`): for the
    names stored to search and screen by, not for those that link records.
    """
    stated = list(names)
    seen = {name.value for name in stated}
    out = list(stated)
    for name in stated:
        for value in variants_of(name.value):
            if value not in seen:
                seen.add(value)
                kind = "alias" if name.kind == "primary" else name.kind
                variant = Name(value, kind)
                # The language carries over only to a variant in the stated name's script.
                if name.lang and variant.script == detect_script(name.value):
                    variant = Name(value, kind, variant.script, name.lang)
                out.append(variant)
    if acronyms:
        for name in stated:
            for value in acronyms_of(name.value):
                if value not in seen:
                    seen.add(value)
                    out.append(Name(value, "acronym"))
    return out
