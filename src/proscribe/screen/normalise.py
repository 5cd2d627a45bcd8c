"""Turn a name in any script into comparable Latin tokens, so Талибан, طالبان and Taliban can meet.

Pipeline (one function, `normalise`): Unicode NFKC; the project's own transliteration tables
(data/screen/translit.yaml, e.g. Arabic long vowels) then anyascii for every other script; case folding and
removal of marks; "&" -> "and"; dotted acronyms joined ("A.B.C." -> "abc"); other punctuation splits
words; digits inside words that start with a letter read as letters ("Sech1n" -> "sechin"); legal-form
phrases and synonyms rewritten to one canonical token (data/screen/weak_tokens.yaml); each token marked
weak (articles, organisation words, titles, legal forms), initial (one letter), or number. Numbers are
kept as tokens.

A word-initial ع (ayn) is read as the vowel onset Latin spellings write (عبد abd, Abdul; عمر amr, Omar),
unless a long vowel after it writes the vowel itself (عادل adl, Adel).

A word ending in ة with another word after it also carries its construct-state reading, with t (جبهة
before النصرة: 'jbha' or 'jbhat', as in Jabhat al-Nusra).

Each token also carries a consonant skeleton (vowels and h/w/y dropped, similar consonants merged), the
vowel-insensitive key that lets an unvocalised Arabic spelling meet its Latin form. An abjad (translit.yaml's
`abjads`: Arabic script) leaves short vowels out but writes long ones, so `vowel_gaps` says where between
the skeleton's consonants a word writes a vowel: the scorer wants each vowel an abjad spelling writes in
the other spelling too (النصرة, nsra, is not Nasr).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from anyascii import anyascii

from proscribe.errors import DataError
from proscribe.model import detect_script
from proscribe.vocab import YAML_LOADER

_DATA = "data/screen"
TOKEN_CACHE = 50_000  # bounded (about 12 MB), so a bulk run over a million distinct names keeps flat memory
# The article ال at the start of a word, except in الله (Allah, written as one word: نصر الله ~ Nasrallah).
_ARTICLE = re.compile(r"(?<![\w])ال(?=\w{2,})(?!له(?!\w))")
# Arabic و and ي are consonants (w, y) at the start of a word and next to alif, long vowels elsewhere.
_SEMIVOWEL = re.compile(r"(?<![\w])[وي]|(?<=ا)[وي]|[وي](?=ا)")
# Letters read differently at the start of a word (translit.yaml's `word_initial` table): a word-initial
# ع (ayn) is the vowel onset every Latin spelling writes (عبد Abd, علي Ali, عمر Omar), not a silent letter.
_WORD_START = r"(?<![\w])"
# A long-vowel letter after it writes the vowel itself: alif, and و/ي still in Arabic script (the
# semivowel rule has already turned those that are consonants into w/y): عادل adl, عيسى isa, but عياد ayad.
_BEFORE_VOWEL = "(?![اأإآوي])"
# A final ة (taa marbuta) with another word after it: the construct state, where it is read t.
_CONSTRUCT = re.compile(r"ة(?=[\s\-\u200c]+\w)")
_ACRONYM = re.compile(r"\b(?:[a-z]\.){2,}(?:[a-z]\b)?")
_APOSTROPHES = re.compile(r"['’`ʼʻ‘´]")
_SPLIT = re.compile(r"[^a-z0-9]+")
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "9": "g"})
_DIGRAPHS = (
    ("dzh", "j"), ("dj", "j"), ("kh", "h"), ("ph", "f"), ("ck", "k"),
    ("sh", "s"), ("th", "t"), ("dh", "d"), ("gh", "g"),
)  # fmt: skip
_CONSONANT_CLASS = str.maketrans({"q": "k", "c": "k", "x": "k", "v": "f", "z": "s", "j": "g"})
_DROPPED = frozenset("aeiouyhw")
_VOWEL_START = "a"  # a skeleton's first letter when the word starts with a vowel, w or y
_DOUBLED = re.compile(r"(.)\1+")
_LOOSE_VOWELS = str.maketrans({"e": "i", "o": "u"})


@dataclass(frozen=True, slots=True)
class Token:
    """One normalised word of a name."""

    text: str
    skeleton: str
    loose: str = ""
    weak: bool = False
    legal_form: bool = False
    initial: bool = False
    number: bool = False
    # The word as read when another word follows, if that differs: a final Arabic ة (taa marbuta,
    # transliterated a) is pronounced t in the construct state (جبهة النصرة, Jabhat al-Nusra), so جبهة
    # before another word is 'jbha' or 'jbhat'. The scorer compares both readings.
    reading: Token | None = None
    # The skeleton's first two letters and its last (`skeleton_ends`): a word written as two starts and
    # ends as the one word does, which lets the scorer try few joins.
    ends: str = ""
    # The given name this word spells (name_spellings.yaml: 'mohamed' -> 'muhammad'), or "": two words of
    # one family are the same name, while each keeps its own spelling for typos to be measured against.
    family: str = ""


@dataclass(frozen=True, slots=True)
class NormalName:
    """A name after normalisation: tokens, the exact-match key and the script it was written in."""

    original: str
    script: str
    tokens: tuple[Token, ...]
    key: str
    skeleton: str
    strong: tuple[Token, ...]
    compact: str
    legal_forms: frozenset[str]
    # Where two neighbouring words may be one written apart (`_join`): the first's position, the
    # joined word's `skeleton_ends` and skeleton length; those ends with the length, and each word's
    # (`word_ends`), as sets: the scorer tries joins only where the other name has a word starting and
    # ending as one does, with a skeleton as long or one letter longer or shorter.
    joins: tuple[tuple[int, str, int], ...] = ()
    join_ends: frozenset[str] = frozenset()
    word_ends: frozenset[str] = frozenset()
    # (own name, father's name) skeletons around each patronymic word ("Salman bin Muhammad"): the
    # scorer tells a father from his son by them (weak_tokens.yaml `patronymic`).
    lineage: tuple[tuple[str, str], ...] = ()

    @property
    def latin(self) -> bool:
        """True when the name was written in Latin script (or has no letters at all)."""
        return self.script in ("Latn", "Zyyy")


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The weak-token data: phrases and synonyms to rewrite, weak words and legal forms."""

    phrases: tuple[tuple[str, re.Pattern[str], str], ...]  # (folded phrase, its pattern, replacement)
    synonyms: dict[str, str]
    weak: frozenset[str]
    legal_forms: frozenset[str]
    translit: dict[str, str]
    semivowels: dict[str, str]
    word_initial: dict[str, str]
    abjads: frozenset[str] = frozenset()  # scripts writing long vowels only (translit.yaml `abjads`)
    patronymic: frozenset[str] = frozenset()  # "bin", "ibn": the word before the father's name
    spellings: dict[str, str] = field(default_factory=dict)  # spelling -> its given name's family


def _load_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"{path}: cannot read: {exc}") from exc


def _string_map(data: Any, where: str) -> dict[str, str]:
    if not isinstance(data, dict):
        raise DataError(f"{where}: expected a mapping")
    for key, value in data.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise DataError(f"{where}: entry {key!r}: keys and values must be strings")
    return dict(data)


def _string_list(data: Any, where: str) -> list[str]:
    if not isinstance(data, list) or not all(isinstance(item, str) and item.strip() for item in data):
        raise DataError(f"{where}: expected a list of non-empty strings")
    seen: set[str] = set()
    for item in data:
        if item in seen:
            raise DataError(f"{where}: entry {item!r} is listed twice")
        seen.add(item)
    return list(data)


def load_translit(path: Path) -> tuple[dict[str, str], dict[str, str], dict[str, str], frozenset[str]]:
    """Load and validate a transliteration file: script -> {one character: Latin string}, the optional
    `semivowels` table (Arabic و/ي where they are consonants), the optional `word_initial` table
    (letters read differently at the start of a word: ع as a vowel onset) and the optional `abjads` list
    (scripts of the file that write long vowels only)."""
    data = _load_yaml(path)
    if not isinstance(data, dict):
        raise DataError(f"{path}: expected a mapping of script -> character table")
    table: dict[str, str] = {}
    semivowels: dict[str, str] = {}
    word_initial: dict[str, str] = {}
    abjads = frozenset(_string_list(data.get("abjads", []), f"{path}: abjads"))
    unknown = abjads - (set(data) - {"abjads", "semivowels", "word_initial"})
    if unknown:
        raise DataError(f"{path}: abjads: {sorted(unknown)} have no character table in the file")
    for script, chars in data.items():
        if script == "abjads":
            continue
        for char, latin in _string_map(chars, f"{path}: {script}").items():
            if len(char) != 1:
                raise DataError(f"{path}: {script}: key {char!r} must be one character")
            if script == "semivowels":
                if char not in "وي":
                    raise DataError(f"{path}: semivowels: key {char!r} must be one of و, ي")
                semivowels[char] = latin
            elif script == "word_initial":
                if char in "وي":
                    raise DataError(f"{path}: word_initial: key {char!r} belongs in semivowels")
                word_initial[char] = latin
            else:
                table[char] = latin
    return table, semivowels, word_initial, abjads


def load_vocabulary(weak_path: Path, translit_path: Path, spellings_path: Path | None = None) -> Vocabulary:
    """Load and validate the weak-token file (and the given names' spellings, when given); every entry
    goes through the same folding as names."""
    translit, semivowels, word_initial, abjads = load_translit(translit_path)
    data = _load_yaml(weak_path)
    where = str(weak_path)
    if not isinstance(data, dict):
        raise DataError(f"{where}: expected a mapping")
    unknown = set(data) - {"phrases", "synonyms", "legal_forms", "weak", "patronymic"}
    if unknown:
        raise DataError(f"{where}: unknown sections {sorted(unknown)}")

    def fold1(text: str, entry: str) -> str:
        folded = " ".join(_words(text, translit, semivowels, word_initial))
        if not folded:
            raise DataError(f"{where}: entry {entry!r} is empty after normalisation")
        return folded

    phrases = tuple(
        (phrase, re.compile(rf"(?<![a-z0-9]){re.escape(phrase)}(?![a-z0-9])"), fold1(dst, src))
        for src, dst in sorted(
            _string_map(data.get("phrases", {}), f"{where}: phrases").items(), key=lambda kv: -len(kv[0])
        )
        for phrase in (fold1(src, src),)
    )
    synonyms = {
        fold1(src, src): fold1(dst, src)
        for src, dst in _string_map(data.get("synonyms", {}), f"{where}: synonyms").items()
    }
    legal = frozenset(fold1(w, w) for w in _string_list(data.get("legal_forms", []), f"{where}: legal_forms"))
    weak = frozenset(fold1(w, w) for w in _string_list(data.get("weak", []), f"{where}: weak"))
    for word in weak | legal:
        if " " in word:
            raise DataError(f"{where}: weak token {word!r} must be one word after normalisation")
    patronymic = frozenset(
        fold1(w, w) for w in _string_list(data.get("patronymic", []), f"{where}: patronymic")
    )
    for word in patronymic:
        if " " in word:
            raise DataError(f"{where}: patronymic word {word!r} must be one word after normalisation")
    spellings = _spellings(spellings_path, fold1) if spellings_path is not None else {}
    if clash := sorted((set(spellings) | set(spellings.values())) & (set(synonyms) | weak | legal)):
        raise DataError(f"{spellings_path}: spelling {clash[0]!r} is also a weak token or synonym in {where}")
    return Vocabulary(
        phrases,
        synonyms,
        weak | legal,
        legal,
        translit,
        semivowels,
        word_initial,
        abjads,
        patronymic,
        spellings,
    )


def _spellings(path: Path, fold1: Callable[[str, str], str]) -> dict[str, str]:
    """Spelling -> the first form of its family (name_spellings.yaml), each spelling in one family; the
    first form maps to itself."""
    data = _load_yaml(path)
    where = str(path)
    if not isinstance(data, dict) or set(data) != {"spellings"} or not isinstance(data["spellings"], dict):
        raise DataError(f"{where}: expected a mapping with one section, spellings: {{name: [spellings]}}")
    out: dict[str, str] = {}
    for family, forms in data["spellings"].items():
        if not isinstance(family, str) or not family.strip():
            raise DataError(f"{where}: spellings: a family's name must be a non-empty string")
        canonical = fold1(family, family)
        for form in _string_list(forms, f"{where}: spellings: {family}"):
            spelling = fold1(form, form)
            if " " in spelling or " " in canonical:
                raise DataError(
                    f"{where}: spellings: {family}: {form!r} must be one word after normalisation"
                )
            if spelling in out or spelling == canonical:
                raise DataError(f"{where}: spellings: {form!r} is in two families (or is its own family)")
            out[spelling] = canonical
    canonicals = set(out.values())
    if clash := sorted(canonicals & set(out)):
        raise DataError(f"{where}: spellings: {clash[0]!r} is both a family and another family's spelling")
    return out | {family: family for family in canonicals}


def data_file(name: str) -> Path:
    """Path of a bundled screening data file."""
    return Path(str(resources.files("proscribe") / _DATA / name))


@cache
def vocabulary() -> Vocabulary:
    """The bundled vocabulary (data/screen/weak_tokens.yaml, translit.yaml and name_spellings.yaml),
    loaded once."""
    return load_vocabulary(
        data_file("weak_tokens.yaml"), data_file("translit.yaml"), data_file("name_spellings.yaml")
    )


@cache
def _word_initial_pattern(letters: str) -> re.Pattern[str]:
    """The pattern finding any of `letters` at the start of a word but not before a long-vowel letter,
    which writes the vowel itself (عادل is adl, as Adel; not aadl), compiled once per table."""
    return re.compile(_WORD_START + "[" + re.escape(letters) + "]" + _BEFORE_VOWEL)


def _fold(
    text: str,
    translit: dict[str, str],
    semivowels: dict[str, str] | None = None,
    word_initial: dict[str, str] | None = None,
) -> str:
    """Text -> lower-case ASCII with punctuation kept (acronym dots and splitting happen later)."""
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():
        # (After the article is split off, so العراق's ع starts a word: al araq ~ al-Iraq.)
        text = _ARTICLE.sub("ال ", text)
        if semivowels:
            text = _SEMIVOWEL.sub(lambda m: semivowels.get(m.group(0), m.group(0)), text)
        if word_initial:
            pattern = _word_initial_pattern("".join(sorted(word_initial)))
            text = pattern.sub(lambda m: word_initial.get(m.group(0), m.group(0)), text)
        text = "".join(translit.get(char, char) for char in text)
        text = anyascii(text)
    return text.casefold()


def _words(
    text: str,
    translit: dict[str, str],
    semivowels: dict[str, str] | None = None,
    word_initial: dict[str, str] | None = None,
) -> list[str]:
    text = _fold(text, translit, semivowels, word_initial).replace("&", " and ")
    text = _APOSTROPHES.sub("", text)
    text = _ACRONYM.sub(lambda m: m.group(0).replace(".", ""), text)
    words = []
    for word in _SPLIT.split(text):
        if not word:
            continue
        if word[0].isalpha() and not word.isalpha():
            word = word.translate(_LEET)
        words.append(word)
    return words


def skeleton(text: str) -> str:
    """Vowel-insensitive consonant key: similar consonants merged, doubled letters written once, vowels
    and the semivowels h/w/y dropped; a word starting with a vowel, w or y keeps one mark for it ("a"), so
    وليد (wlid) ~ Walid ~ Oualid -> "ald", يوسف ~ Yusuf -> "asf", محمد ~ Mohammed -> "mmd"."""
    if not text:
        return ""
    for digraph, single in _DIGRAPHS:
        if digraph in text:  # (most words hold none: the test is cheaper than the replace)
            text = text.replace(digraph, single)
    text = text.translate(_CONSONANT_CLASS)
    previous = text[0]
    out = [_VOWEL_START if previous in _DROPPED and previous != "h" else previous]
    # One pass: a letter repeating the one before it is written once, vowels and h/w/y are dropped.
    for char in text[1:]:
        if char != previous and char not in _DROPPED:
            out.append(char)
        previous = char
    return "".join(out)


_ABJAD_VOWELS = "aeiou"  # in an abjad's transliteration every vowel is a letter it writes
_VOWELS = "aeiouyw"  # in an alphabet's, w and y may write a vowel too (Aly ~ علي, Daud ~ داود): counted


@lru_cache(maxsize=TOKEN_CACHE)
def vowel_gaps(text: str, abjad: bool) -> int:
    """Where a word writes vowels, as a bit mask over the gaps of its skeleton: bit k is set when a vowel
    follows the word's k-th skeleton letter (a leading vowel is the skeleton's first letter, not a gap).

    Counted as `skeleton` counts its letters, so two words with equal skeletons have the same gaps:
    عمر `amr` writes none, Amir and Omar one after the m (bit 2); النصرة `nsra` one after the r (bit 3),
    Nusra two, Nasr one after the n only. Vowels before a word's first consonant are one onset, however
    many letters write it (أوندوا `aundwa` ~ Ondoa, إيران `iiran` ~ Iran): they set no bit. `abjad`: the
    text is an abjad's transliteration, where only a, e, i, o, u are vowels (its w and y are consonants)."""
    for digraph, single in _DIGRAPHS:
        if digraph in text:
            text = text.replace(digraph, single)
    text = text.translate(_CONSONANT_CLASS)
    vowels = _ABJAD_VOWELS if abjad else _VOWELS
    letters, previous, mask = 1, text[:1], 0
    onset = previous in _ABJAD_VOWELS
    for char in text[1:]:
        if char not in _DROPPED:
            onset = False
        elif char in vowels and not onset:
            mask |= 1 << letters
        if char != previous and char not in _DROPPED:
            letters += 1
        previous = char
    return mask


def skeleton_consonants(key: str) -> int:
    """How many consonants a skeleton pins down (a leading vowel mark does not count)."""
    return len(key) - 1 if key.startswith(_VOWEL_START) else len(key)


def loose(text: str) -> str:
    """Spelling with the vowel distinctions scripts disagree on folded (e/i, o/u, and y/i after a word's
    first letter: Arabic ي is both, Yahya ~ Yahia), doubled letters once."""
    folded = text.translate(_LOOSE_VOWELS)
    folded = folded[:1] + folded[1:].replace("y", "i")
    return _DOUBLED.sub(r"\1", folded)


def _token(text: str, vocab: Vocabulary) -> Token:
    key = text if text.isdigit() else skeleton(text)
    return Token(
        text=text,
        skeleton=key,
        loose=text if text.isdigit() else loose(text),
        ends=skeleton_ends(key),
        weak=text in vocab.weak,
        legal_form=text in vocab.legal_forms,
        initial=len(text) == 1 and text.isalpha(),
        number=text.isdigit(),
        family=vocab.spellings.get(text, ""),
    )


@lru_cache(maxsize=TOKEN_CACHE)
def _cached_token(text: str) -> Token:
    return _token(text, vocabulary())


@lru_cache(maxsize=TOKEN_CACHE)
def _construct_token(text: str) -> Token:
    """A word ending in ة followed by another word: its own token, with the t reading beside it."""
    token = _cached_token(text)
    return replace(token, reading=_cached_token(text + "t"))


def _construct_ends(text: str, words: int, vocab: Vocabulary) -> frozenset[int]:
    """Positions of the words of `text` (`words` of them) written with a final ة followed by another
    word (a space or hyphen between them), where it is read t.

    The text is cut after each such ة and each piece turned into words on its own: the cut falls between
    a letter and the spaces after it, where the transliteration rules see a word boundary either way, so
    the pieces hold the whole text's words; if their count differs all the same, no ة is read t.
    """
    text = unicodedata.normalize("NFKC", text)
    if "ة" not in text:
        return frozenset()
    ends: set[int] = set()
    at, start = 0, 0
    for found in _CONSTRUCT.finditer(text):
        at += len(_words(text[start : found.end()], vocab.translit, vocab.semivowels, vocab.word_initial))
        start = found.end()
        if at:
            ends.add(at - 1)
    at += len(_words(text[start:], vocab.translit, vocab.semivowels, vocab.word_initial))
    return frozenset(ends) if at == words else frozenset()


def skeleton_ends(key: str) -> str:
    """A skeleton's first two letters and its last, which a word written as two shares with the one word
    far more often than not (Hizb Allah, Hizballah, Hezbollah: 'hsl'; نصر الله, Nasrallah: 'nsl'), and
    two words sharing one of the query's words and no more seldom do."""
    return key[:2] + key[-1:]


def word_ends(tokens: tuple[Token, ...]) -> Iterator[str]:
    """Each word's `skeleton_ends` (and its construct reading's) with its skeleton's length, one less
    and one more: the keys a join (`NormalName.joins`) may meet it under."""
    for token in tokens:
        for key in (token.skeleton, token.reading.skeleton if token.reading is not None else ""):
            if key:
                yield from (f"{skeleton_ends(key)}{len(key) + step}" for step in (-1, 0, 1))


def _join(first: Token, second: Token) -> tuple[str, int] | None:
    """The `skeleton_ends` and skeleton length of two neighbouring words joined, if they may be one
    word written apart (`joinable`) and the second adds a consonant to the first's skeleton (Kam Ma,
    'km', is Kam's own)."""
    if not joinable(first, second):
        return None
    key = skeleton(first.text + second.text)
    return (skeleton_ends(key), len(key)) if len(key) > len(first.skeleton) else None


def joinable(first: Token, second: Token) -> bool:
    """Whether two neighbouring words may be one word written apart (نصر الله ~ Nasrallah): neither a
    number nor an initial, and not both weak. One weak word may be glued to a name (Hizb Allah ~
    Hizballah, Al Qaeda ~ Alqaeda); two weak words joined name nothing."""
    return not (
        (first.weak and second.weak) or first.number or second.number or first.initial or second.initial
    )


def join_tokens(first: Token, second: Token, cached: bool = True) -> Token:
    """Two neighbouring words read as one (نصر الله ~ Nasrallah). `cached=False` for words unlikely to be
    joined again (an indexed name's, met once per query that reaches it): kept out of the token cache,
    where they would push out the words every query repeats."""
    text = first.text + second.text
    return _cached_token(text) if cached else _token(text, vocabulary())


def normalise(text: str) -> NormalName:
    """Normalise one name (any script) into tokens, an exact-match key and a whole-name skeleton."""
    vocab = vocabulary()
    joined_words = _words(text, vocab.translit, vocab.semivowels, vocab.word_initial)
    joined = " ".join(joined_words)
    for phrase, pattern, replacement in vocab.phrases:
        if phrase in joined:  # the pattern can only match where the phrase's text is (and most names lack it)
            joined = pattern.sub(replacement, joined)
    words = [vocab.synonyms.get(word, word) for word in joined.split()]
    construct = frozenset[int]()
    # (A phrase rewritten across words would shift the positions: then no ة is read t.)
    if not text.isascii() and len(words) == len(joined_words):
        construct = _construct_ends(text, len(words), vocab)
    tokens = tuple(
        _construct_token(word) if i in construct else _cached_token(word) for i, word in enumerate(words)
    )
    # The identifying tokens; all tokens when every one is weak ("The Party" still names something).
    strong = tuple(t for t in tokens if not t.weak) or tokens
    if text.isascii():
        script = "Latn" if any(char.isalpha() for char in text) else "Zyyy"
    else:
        script = detect_script(text)
    joins = tuple(
        (at, *join)
        for at in range(len(tokens) - 1)
        if (join := _join(tokens[at], tokens[at + 1])) is not None
    )
    return NormalName(
        original=text,
        script=script,
        tokens=tokens,
        key=" ".join(words),
        skeleton=skeleton("".join(words)),
        strong=strong,
        compact="".join(t.text for t in strong),
        legal_forms=frozenset(t.text for t in tokens if t.legal_form),
        joins=joins,
        join_ends=frozenset(f"{ends}{length}" for _at, ends, length in joins),
        word_ends=frozenset(word_ends(tokens)),
        lineage=_lineage(tokens, vocab.patronymic),
    )


def _lineage(tokens: tuple[Token, ...], patronymic: frozenset[str]) -> tuple[tuple[str, str], ...]:
    """(own, father) skeletons around each patronymic word, skipping weak words ("bin al-Din": din)."""
    out: list[tuple[str, str]] = []
    for at, token in enumerate(tokens):
        if token.text not in patronymic:
            continue
        own = next((t for t in reversed(tokens[:at]) if not t.weak), None)
        father = next((t for t in tokens[at + 1 :] if not t.weak), None)
        if own is not None and father is not None:
            out.append((own.skeleton, father.skeleton))
    return tuple(out)
