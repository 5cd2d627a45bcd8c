"""Score one query name against one candidate name in [0, 1], with a detail text a reviewer can read.

Features, in the order they are tried:
1. exact: the normalised keys are equal (any script) -> 1.0.
2. token alignment: every query token is paired with at most one candidate token, best pairs first.
   A pair's similarity is 1.0 for equal tokens, the mean of Jaro-Winkler and Levenshtein similarity for
   spelling variants (across scripts also on the loose, vowel-folded spellings); when the consonant
   skeletons agree across scripts (طالبان ~ Taliban), a blend of what the skeletons pin down (skeleton_sim:
   SKELETON_SIM (0.92) from five consonants, less for fewer, counted over the whole name) and the
   spelling similarity, when that is higher; across scripts two neighbouring query words may pair with
   one candidate word (نصر الله ~ Nasrallah); a word with a second reading (a final ة before another
   word, read t: جبهة ~ Jabhat) is compared under both, the better counting; INITIAL_SIM (0.75) for an
   initial against a word starting with it, 0 for different numbers. Similarities under PAIR_FLOOR
   (0.7) count as unmatched; between PAIR_FLOOR and FULL_CREDIT (0.9) a pair earns twice its shortfall
   less credit (Federman ~ Federer is evidence against, not half a match).
3. coverage: matched weight over total weight, on each side. Token weight is 1 for identifying tokens
   (or a rarity weight given by the index) and `WEAK_WEIGHT` for weak tokens (legal forms, "movement",
   "the", titles). The two coverages are blended, the smaller one counting more for organisations
   (an extra word such as "Trading" names another company) than for people (middle names are often
   missing): score = a * min + (1 - a) * max, a from MIN_WEIGHT (0.45 for people, else 0.7).
4. compact: when the names have different numbers of identifying tokens, those tokens joined without
   spaces compared as one string (SiemensAG, word splits; only near-identical strings, >= COMPACT_FLOOR),
   or the whole-name consonant skeletons across scripts (حزب الله ~ Hezbollah) when the names also agree
   on where their words meet (a letter ending one word and starting the next is two consonants unless
   the other name is one word there: Hassan Nasser Rahal is not حسن نصر الله); used when it scores higher.
5. legal-form conflict: both names carry legal forms and none agree (GmbH vs AG) -> score times
   LEGAL_FORM_CONFLICT (0.85).
6. a name in place of another (people only): each name has an identifying word the other does not
   match (AYMAN SABAWI IBRAHIM HASAN AL-DULAIMI vs ... AL-TIKRITI: relatives share all but one name)
   -> score times NAME_IN_PLACE (0.95); a name only missing from one side (a middle name left out) is
   no sign of another person. Measured on the screening benchmark (docs/screening.md).
7. father and son the other way round (people only): one name says "A bin B" and the other "B bin A"
   (weak_tokens.yaml `patronymic`) -> score times LINEAGE_REVERSED (0.7): the same words, two people.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz.distance import JaroWinkler, Levenshtein

from proscribe.screen.normalise import (
    NormalName,
    Token,
    join_tokens,
    skeleton,
    skeleton_consonants,
    vocabulary,
    vowel_gaps,
)

WEAK_WEIGHT = 0.1
PAIR_FLOOR = 0.7
FULL_CREDIT = 0.9
LEV_CUTOFF = 2 * PAIR_FLOOR - 1
SKELETON_SIM = 0.92  # consonant skeletons of SKELETON_FULL consonants or more agree across scripts
SKELETON_FULL = 5
SKELETON_STEP = 0.045  # ... less per consonant short of that: 'hms' (3) 0.83, 'ds' (2) 0.785
SKELETON_SPELLING = 0.25  # share of the (loose) spelling similarity in a skeleton pair's similarity
INITIAL_SIM = 0.75
COMPACT_FACTOR = 0.95
JOINED_SIM = COMPACT_FACTOR  # at most, for two words paired with one: as the whole names joined (compact)
COMPACT_FLOOR = 0.88
LEGAL_FORM_CONFLICT = 0.85
NAME_IN_PLACE = 0.95
LINEAGE_REVERSED = 0.7
MIN_WEIGHT = {"person": 0.45}
DEFAULT_MIN_WEIGHT = 0.7

Weight = Callable[[Token], float]
# For one query: (candidate token, crossing) -> the query tokens it pairs with, as computed by _row.
# (A token with a second reading is keyed on its text and a space, which no token's text holds.)
Memo = dict[tuple[str, bool], tuple[tuple[int, float, str, Token, Token], ...]]


@dataclass(frozen=True, slots=True)
class Score:
    """A similarity in [0, 1] and the reasons for it."""

    value: float
    detail: str


@dataclass(frozen=True, slots=True)
class _Pair:
    qi: int
    ci: int
    query: Token
    cand: Token
    sim: float
    how: str


def unit_weight(token: Token) -> float:
    """Weight without corpus statistics: 1 for identifying tokens, WEAK_WEIGHT for weak ones."""
    return WEAK_WEIGHT if token.weak else 1.0


def token_similarity(a: Token, b: Token, crossing: bool) -> tuple[float, str]:
    """Similarity of two tokens and how it was found ("exact", "spelling", "skeleton", "initial")."""
    if a.text == b.text or (a.family and a.family == b.family):
        return 1.0, "exact"  # the same word, or two spellings of one given name (Mohamed, Muhammad)
    if a.number or b.number:
        return 0.0, ""
    if a.initial or b.initial:
        usable = a.text[0] == b.text[0] and not (a.weak or b.weak)
        return (INITIAL_SIM, "initial") if usable else (0.0, "")
    sim = _spelling(a.text, b.text)
    if crossing:
        # Across scripts vowels are written differently (or not at all): compare the loose spellings, and
        # let agreeing consonant skeletons count as much as they pin down (2-3 consonants are weak).
        if a.loose != a.text or b.loose != b.text:
            sim = max(sim, _spelling(a.loose, b.loose, 0.0))
        if a.skeleton == b.skeleton:
            with_skeleton = _with_skeleton(skeleton_consonants(a.skeleton), sim)
            if with_skeleton > sim:
                return with_skeleton, "skeleton"
    return sim, "spelling"


def _with_skeleton(consonants: int, spelling: float) -> float:
    """A token pair's similarity when skeletons of `consonants` consonants agree (0 under two)."""
    base = skeleton_sim(consonants)
    return (1 - SKELETON_SPELLING) * base + SKELETON_SPELLING * spelling if base else 0.0


def _crossing_spelling(a: Token, b: Token) -> float:
    return max(_spelling(a.text, b.text), _spelling(a.loose, b.loose, 0.0))


def _spelling(a: str, b: str, cutoff: float = LEV_CUTOFF) -> float:
    """Mean of Jaro-Winkler and Levenshtein similarity (0 when Levenshtein is under `cutoff`)."""
    # Jaro-Winkler is at most 1, so a Levenshtein similarity under LEV_CUTOFF cannot reach PAIR_FLOOR:
    # such pairs are reported as 0 without computing Jaro-Winkler.
    lev = Levenshtein.normalized_similarity(a, b, score_cutoff=cutoff)
    return (JaroWinkler.similarity(a, b) + lev) / 2 if lev else 0.0


def skeleton_sim(consonants: int) -> float:
    """What agreeing consonant skeletons are worth: SKELETON_SIM from SKELETON_FULL consonants, less
    SKELETON_STEP per consonant short of that; 0 for fewer than two."""
    if consonants < 2:
        return 0.0
    return SKELETON_SIM - SKELETON_STEP * max(0, SKELETON_FULL - consonants)


def _readings(a: Token, b: Token, crossing: bool) -> tuple[float, str, Token, Token]:
    """`token_similarity` over the readings of both tokens (a word with a final ة before another word is
    also read with t: جبهة, jbha or jbhat ~ Jabhat): the best, with the readings that gave it."""
    sim, how = token_similarity(a, b, crossing)
    if a.reading is None and b.reading is None:
        return sim, how, a, b
    best = (sim, how, a, b)
    for x in (a, a.reading):
        for y in (b, b.reading):
            if x is None or y is None or (x is a and y is b):
                continue
            other, other_how = token_similarity(x, y, crossing)
            if other > best[0]:
                best = (other, other_how, x, y)
    return best


def _row(
    query: tuple[Token, ...], ct: Token, crossing: bool
) -> tuple[tuple[int, float, str, Token, Token], ...]:
    """The query tokens a candidate token pairs with (similarity >= PAIR_FLOOR): (position, sim, how,
    and the readings of the query token and of `ct` that gave it)."""
    row = []
    for qi, qt in enumerate(query):
        sim, how, q_read, c_read = _readings(qt, ct, crossing)
        if sim >= PAIR_FLOOR:
            row.append((qi, sim, how, q_read, c_read))
    return tuple(row)


def _align(
    query: tuple[Token, ...], cand: tuple[Token, ...], crossing: bool, memo: Memo | None
) -> list[_Pair]:
    scored = []
    for ci, ct in enumerate(cand):
        if memo is None:
            row = _row(query, ct, crossing)
        else:
            key = (ct.text if ct.reading is None else ct.text + " ", crossing)
            found = memo.get(key)
            row = memo[key] = _row(query, ct, crossing) if found is None else found
        for qi, sim, how, q_read, c_read in row:
            scored.append((sim, qi, ci, how, q_read, c_read))
    scored.sort(key=lambda item: (-item[0], item[1], item[2]))
    used_q: set[int] = set()
    used_c: set[int] = set()
    pairs = []
    for sim, qi, ci, how, q_read, c_read in scored:
        if qi in used_q or ci in used_c:
            continue
        used_q.add(qi)
        used_c.add(ci)
        pairs.append(_Pair(qi, ci, q_read, c_read, sim, how))
    return pairs


def _meets(ends: str, length: int, other: Token) -> bool:
    """Whether a joined word with skeleton ends `ends` and skeleton length `length` may be `other` (or its
    reading): the same ends, a skeleton as long or one letter longer or shorter."""
    if ends == other.ends and abs(length - len(other.skeleton)) <= 1:
        return True
    reading = other.reading
    return reading is not None and ends == reading.ends and abs(length - len(reading.skeleton)) <= 1


def _joins(
    words: NormalName,
    others: NormalName,
    used_words: set[int],
    used_others: set[int],
    crossing: bool,
    cached: bool,
) -> list[tuple[int, int, float, str, Token, Token]]:
    """Two neighbouring unmatched words of `words` read as one word of `others` (نصر الله ~ Nasrallah,
    Hizb Allah ~ Hizballah): (position of the first word, of the other word, similarity, how, the joined
    word, the other word's reading). Marks the words it pairs in `used_words` and `used_others`.

    The words must be `joinable`, the second must add a consonant to the first's skeleton, and the other
    word's skeleton must start and end as theirs joined does (`skeleton_ends`: its first two letters and
    its last) and be as long, give or take a letter: a word written apart starts and ends where the one
    word does, with the same consonants between.
    """
    found = []
    tokens, other_tokens = words.tokens, others.tokens
    for at, ends, length in words.joins:
        if f"{ends}{length}" not in others.word_ends or at in used_words or at + 1 in used_words:
            continue
        word = join_tokens(tokens[at], tokens[at + 1], cached)
        best: tuple[float, int, str, Token] | None = None
        for other_at, other in enumerate(other_tokens):
            if other_at in used_others or not _meets(ends, length, other):
                continue
            sim, how, _, o_read = _readings(word, other, crossing)
            if sim >= PAIR_FLOOR and (best is None or sim > best[0]):
                best = (sim, other_at, how, o_read)
        if best is not None:
            sim, other_at, how, o_read = best
            # Written as one word or as two is a spelling difference, never an exact alias.
            if sim > JOINED_SIM:
                sim, how = JOINED_SIM, "joined"
            found.append((at, other_at, sim, how, word, o_read))
            used_words.update((at, at + 1))
            used_others.add(other_at)
    return found


def _split_words(
    query: NormalName, cand: NormalName, pairs: list[_Pair], crossing: bool
) -> tuple[list[_Pair], dict[int, int], dict[int, int]]:
    """Two neighbouring unmatched words of either name may be one word of the other, the query's first
    (see `_joins`): returns the pairs and, per name, {second word: first word} of the words joined."""
    free_q, free_c = len(query.tokens) - len(pairs), len(cand.tokens) - len(pairs)
    # (Most candidates share a word with the query and no more: one set test each way, in C, says that
    # no join of one name starts and ends as a word of the other.)
    q_may = free_q >= 2 and free_c and not query.join_ends.isdisjoint(cand.word_ends)
    c_may = free_c >= 2 and free_q and not cand.join_ends.isdisjoint(query.word_ends)
    if not (q_may or c_may):
        return pairs, {}, {}
    used_q = {p.qi for p in pairs}
    used_c = {p.ci for p in pairs}
    pairs = list(pairs)
    q_joined: dict[int, int] = {}
    c_joined: dict[int, int] = {}
    if q_may:
        for qi, ci, sim, how, word, c_read in _joins(query, cand, used_q, used_c, crossing, True):
            pairs.append(_Pair(qi, ci, word, c_read, sim, how))
            q_joined[qi + 1] = qi
    if c_may and len(cand.tokens) - len(used_c) >= 2 and len(used_q) < len(query.tokens):
        # (An indexed name's words joined are not cached: each is met once per query reaching the name.)
        for ci, qi, sim, how, word, q_read in _joins(cand, query, used_c, used_q, crossing, False):
            pairs.append(_Pair(qi, ci, q_read, word, sim, how))
            c_joined[ci + 1] = ci
    return pairs, q_joined, c_joined


def _vowels_written(pair: _Pair, abjad: int) -> bool:
    """Whether the word of an alphabet writes a vowel wherever the abjad's word of `pair` writes one
    (`abjad`: 1 when the query is in an abjad, 2 when the candidate is, 0 when neither is)."""
    if not abjad:
        return True
    written, other = (pair.query, pair.cand) if abjad == 1 else (pair.cand, pair.query)
    return not vowel_gaps(written.text, True) & ~vowel_gaps(other.text, False)


def _name_skeleton(pairs: list[_Pair], query: NormalName, cand: NormalName) -> list[_Pair]:
    """Skeleton pairs judged by the consonants the whole name pins down, not one token's.

    Each unvocalised token of a name may have only 2-3 consonants (حسن, hsn), weak evidence alone; the
    consonants of every aligned pair whose skeletons agree together say how much the name agrees on.
    Skeletons agree only where the vowels an abjad writes are written in the other spelling too (see
    `_vowels_written`): النصرة `nsra` and Nasr share `nsr`, but the ة ending the Arabic word is a vowel
    Nasr lacks. Such a pair keeps its spelling similarity alone ("vowels"), dropped under PAIR_FLOOR.
    """
    agree = [p for p in pairs if p.query.skeleton == p.cand.skeleton]
    if not any(p.how in _BY_SKELETON for p in agree):
        return pairs
    abjad = _abjad_side(query, cand)
    if abjad and not all(_vowels_written(p, abjad) for p in agree if p.how in _BY_SKELETON):
        pairs = [
            pair
            if pair.how not in _BY_SKELETON
            or pair.query.skeleton != pair.cand.skeleton
            or _vowels_written(pair, abjad)
            else _Pair(
                pair.qi, pair.ci, pair.query, pair.cand, _crossing_spelling(pair.query, pair.cand), "vowels"
            )
            for pair in pairs
        ]
        pairs = [p for p in pairs if p.sim >= PAIR_FLOOR]
        agree = [p for p in pairs if p.query.skeleton == p.cand.skeleton and p.how != "vowels"]
    total = sum(skeleton_consonants(p.query.skeleton) for p in agree)
    out = []
    for pair in pairs:
        if pair.how in _BY_SKELETON and pair.query.skeleton == pair.cand.skeleton:
            sim = _with_skeleton(total, _crossing_spelling(pair.query, pair.cand))
            if sim > pair.sim:
                pair = _Pair(pair.qi, pair.ci, pair.query, pair.cand, sim, "skeleton")
        out.append(pair)
    return out


def _credit(pair: _Pair) -> float:
    """Credit for a token pair: full similarity from FULL_CREDIT up (and for initials), less below it."""
    if pair.sim >= FULL_CREDIT or pair.how == "initial":
        return pair.sim
    return max(0.0, 2 * pair.sim - FULL_CREDIT)


def token_weights(name: NormalName, weight: Weight) -> tuple[float, ...]:
    """Weight of each token of a name; a name made only of weak tokens counts them as identifying."""
    if name.tokens and name.strong[0].weak:
        return (1.0,) * len(name.tokens)
    return tuple(weight(token) for token in name.tokens)


def _coverage(weights: tuple[float, ...], matched: dict[int, float]) -> float:
    """Matched share of a name's total weight."""
    total = sum(weights)
    if total <= 0:
        return 0.0
    return sum(weights[i] * credit for i, credit in matched.items()) / total


def _compact(query: NormalName, cand: NormalName, crossing: bool) -> tuple[float, str]:
    q, c = query.compact, cand.compact
    best, how = 0.0, ""
    if len(q) >= 4 and len(c) >= 4 and len(query.strong) != len(cand.strong):
        raw = Levenshtein.normalized_similarity(q, c, score_cutoff=COMPACT_FLOOR)
        if raw:
            best, how = raw * COMPACT_FACTOR, f"joined words '{q}' ~ '{c}'"
    if (
        crossing
        and query.skeleton == cand.skeleton
        and _boundaries_agree(query, cand)
        and _name_vowels_written(query, cand)
    ):
        # A whole-name skeleton is scored like a token pair's credit: a short one ('mdl') is weak evidence.
        value = skeleton_sim(skeleton_consonants(query.skeleton))
        value = value if value >= FULL_CREDIT else max(0.0, 2 * value - FULL_CREDIT)
        if value > best:
            best, how = value, f"consonant skeleton '{query.skeleton}' agrees across scripts"
    return best, how


def _name_vowels_written(query: NormalName, cand: NormalName) -> bool:
    """`_vowels_written` for whole names (their words joined, as the whole-name skeleton joins them)."""
    abjad = _abjad_side(query, cand)
    if not abjad:
        return True
    texts = "".join(t.text for t in query.tokens), "".join(t.text for t in cand.tokens)
    written, other = texts if abjad == 1 else texts[::-1]
    return not vowel_gaps(written, True) & ~vowel_gaps(other, False)


def _abjad_side(query: NormalName, cand: NormalName) -> int:
    """1 when only the query is written in an abjad (translit.yaml `abjads`), 2 when only the
    candidate is, else 0."""
    abjads = vocabulary().abjads
    in_query, in_cand = query.script in abjads, cand.script in abjads
    return 0 if in_query == in_cand else 1 if in_query else 2


_BY_SKELETON = ("skeleton", "spelling")  # pairs whose agreeing skeletons the whole name may vouch for
_NONE_JOINED: dict[int, int] = {}  # (shared, never written to)
_BOUNDARY = "|"  # a word boundary in a skeleton: not a vowel, so the letters either side are not merged


@dataclass(frozen=True, slots=True)
class _Consonant:
    """One consonant of a whole-name skeleton and where it sits against the word boundaries."""

    letter: str
    doubled: bool  # the same letter ends one word and starts the next (Nasser Rahal: r|r)
    edge: bool  # written once, first or last consonant of a word (nsr|allh: the r of nsr)


def _consonants(name: NormalName) -> list[_Consonant]:
    """The whole-name skeleton consonant by consonant, saying which stand at a word boundary, to check
    that two names agreeing on it also agree on where their words meet."""
    # A final ة before another word is read t there (هيئة تحرير, Hay'at Tahrir: t|t, as in the Latin).
    marked = skeleton(_BOUNDARY.join(t.text if t.reading is None else t.reading.text for t in name.tokens))
    out: list[_Consonant] = []
    for i, letter in enumerate(marked):
        if letter == _BOUNDARY:
            if out:
                out[-1] = _Consonant(out[-1].letter, out[-1].doubled, True)
        elif i >= 2 and marked[i - 1] == _BOUNDARY and marked[i - 2] == letter:
            out[-1] = _Consonant(letter, True, False)
        else:
            out.append(_Consonant(letter, False, i > 0 and marked[i - 1] == _BOUNDARY))
    return out


def _boundaries_agree(query: NormalName, cand: NormalName) -> bool:
    """Whether equal whole-name skeletons are one reading of both names, not an accident of word breaks.

    Joining the words merges a letter that ends one word with the same letter starting the next (Hassan
    Nasser Rahal -> hassannasserrahal -> 'hsnsrl', as حسن نصر الله), which is right only where the other
    name writes one word there (Abdul Latif ~ Абдалатыф, 'abdltf'). Where the other name has a word
    boundary at that consonant and writes it once (the r of نصر before الله), the two letters are two
    consonants the other name lacks: the skeletons agree by accident. Skeletons that do not line up
    consonant for consonant (a digraph read across a word break) are left to the plain comparison.
    """
    mine, theirs = _consonants(query), _consonants(cand)
    if [c.letter for c in mine] != [c.letter for c in theirs]:
        return True
    return not any(
        (a.doubled and not b.doubled and b.edge) or (b.doubled and not a.doubled and a.edge)
        for a, b in zip(mine, theirs, strict=True)
    )


def _legal_conflict(query: NormalName, cand: NormalName) -> bool:
    return bool(query.legal_forms) and bool(cand.legal_forms) and not (query.legal_forms & cand.legal_forms)


def _describe(pairs: list[_Pair], query: NormalName, cand: NormalName, crossing: bool) -> list[str]:
    """One phrase for the exactly matched tokens (naming the alias), one per approximate pair."""
    strong = [p for p in pairs if not (p.query.weak and p.cand.weak)]
    if not strong:
        weak = [p.query.text for p in pairs]
        return ["only weak " + _plural("token", weak) + " in common"] if weak else []
    parts = []
    exact = [p.query.text for p in strong if p.how == "exact"]
    if exact:
        via = " via transliteration" if crossing else ""
        parts.append(f"{_plural('token', exact)} matched alias '{cand.original}'{via}")
    for pair in strong:
        if pair.how == "skeleton":
            parts.append(
                f"token '{pair.query.text}' ~ '{pair.cand.text}' "
                f"(consonants '{pair.query.skeleton}' agree across scripts)"
            )
        elif pair.how == "initial":
            parts.append(f"initial '{pair.query.text}' ~ '{pair.cand.text}'")
        elif pair.how == "joined":
            parts.append(f"{_joined_words(pair, query, cand)} (one word written as two)")
        elif pair.how == "spelling":
            parts.append(f"token '{pair.query.text}' ~ '{pair.cand.text}' (spelling {pair.sim:.2f})")
        elif pair.how == "vowels":
            parts.append(
                f"token '{pair.query.text}' ~ '{pair.cand.text}' (spelling {pair.sim:.2f}; consonants "
                f"'{pair.query.skeleton}' agree, but not the vowels the Arabic-script spelling writes)"
            )
    if any(query.tokens[p.qi].reading is p.query or cand.tokens[p.ci].reading is p.cand for p in strong):
        parts.append("a final ة read t before the next word")
    return parts


def _joined_words(pair: _Pair, query: NormalName, cand: NormalName) -> str:
    """A pair of two words with one, as written in the names: "token 'hizballah' ~ 'hizb allah'"."""
    q_word = query.tokens[pair.qi]
    if pair.query is q_word or pair.query is q_word.reading:  # the candidate's two words were joined
        first, second = cand.tokens[pair.ci], cand.tokens[pair.ci + 1]
        return f"token '{pair.query.text}' ~ '{first.text} {second.text}'"
    first, second = query.tokens[pair.qi], query.tokens[pair.qi + 1]
    return f"tokens '{first.text} {second.text}' ~ '{pair.cand.text}'"


@dataclass(frozen=True, slots=True)
class _Result:
    value: float
    pairs: list[_Pair]
    matched: dict[int, float]  # query token -> credit (both of two words joined)
    cand_matched: dict[int, float]  # the candidate's, likewise
    compact: str
    conflict: bool
    crossing: bool
    in_place: bool = False  # each name has a word the other lacks (people: NAME_IN_PLACE)
    reversed_lineage: bool = False  # "A bin B" against "B bin A" (people: LINEAGE_REVERSED)


def _evaluate(
    query: NormalName,
    cand: NormalName,
    kind: str,
    weights: tuple[tuple[float, ...], tuple[float, ...]],
    memo: Memo | None,
) -> _Result:
    crossing = query.script != cand.script
    if query.key == cand.key:
        return _Result(1.0, [], {}, {}, "", False, crossing)
    pairs = _align(query.tokens, cand.tokens, crossing, memo)
    q_joined = c_joined = _NONE_JOINED
    # (Tested here, before a call, in C: most candidates have no join meeting a word of the query.)
    if len(query.tokens) + len(cand.tokens) - 2 * len(pairs) >= 3 and (
        not query.join_ends.isdisjoint(cand.word_ends) or not cand.join_ends.isdisjoint(query.word_ends)
    ):
        pairs, q_joined, c_joined = _split_words(query, cand, pairs, crossing)
    if crossing:
        pairs = _name_skeleton(pairs, query, cand)
    q_matched = {p.qi: _credit(p) for p in pairs}
    c_matched = {p.ci: _credit(p) for p in pairs}
    # The second of two words joined counts as its first does (if that pair was not dropped since).
    for second, first in q_joined.items():
        if first in q_matched:
            q_matched[second] = q_matched[first]
    for second, first in c_joined.items():
        if first in c_matched:
            c_matched[second] = c_matched[first]
    cq = _coverage(weights[0], q_matched)
    cc = _coverage(weights[1], c_matched)
    a = MIN_WEIGHT.get(kind, DEFAULT_MIN_WEIGHT)
    value = a * min(cq, cc) + (1 - a) * max(cq, cc)
    compact, compact_how = _compact(query, cand, crossing)
    if compact > value:
        value = compact
    else:
        compact_how = ""
    conflict = _legal_conflict(query, cand)
    if conflict:
        value *= LEGAL_FORM_CONFLICT
    in_place = (
        kind == "person"
        and not compact_how
        and _unmatched_word(query, q_matched)
        and _unmatched_word(cand, c_matched)
    )
    if in_place:
        value *= NAME_IN_PLACE
    reversed_lineage = kind == "person" and _reversed(query.lineage, cand.lineage)
    if reversed_lineage:
        value *= LINEAGE_REVERSED
    return _Result(
        round(min(1.0, value), 4),
        pairs,
        q_matched,
        c_matched,
        compact_how,
        conflict,
        crossing,
        in_place,
        reversed_lineage,
    )


def _reversed(query: tuple[tuple[str, str], ...], cand: tuple[tuple[str, str], ...]) -> bool:
    """True when one name's "A bin B" is the other's "B bin A" (A and B different names)."""
    return bool(query and cand) and any(own != father and (father, own) in cand for own, father in query)


def _unmatched_word(name: NormalName, matched: dict[int, float]) -> bool:
    """True when the name has an identifying (not weak) token with no credit from the other name."""
    return any(not token.weak and not matched.get(i) for i, token in enumerate(name.tokens))


def similarity(
    query: NormalName,
    cand: NormalName,
    kind: str = "organisation",
    weights: tuple[tuple[float, ...], tuple[float, ...]] | None = None,
    memo: Memo | None = None,
) -> float:
    """The score of `compare` without its explanation (the fast path for ranking many candidates).

    `weights` are the (query, candidate) token weights (`token_weights`; unit weights when omitted),
    computed once per query and once per indexed name; `memo`, one dict per query, lets candidates
    that share tokens share their token similarities.
    """
    if not query.tokens or not cand.tokens:
        return 0.0
    if weights is None:
        weights = (token_weights(query, unit_weight), token_weights(cand, unit_weight))
    return _evaluate(query, cand, kind, weights, memo).value


def compare(
    query: NormalName, cand: NormalName, kind: str = "organisation", weight: Weight = unit_weight
) -> Score:
    """Score `query` against one candidate name of an entity of `kind`, explaining the result."""
    if not query.tokens or not cand.tokens:
        return Score(0.0, "nothing to compare after normalisation")
    weights = (token_weights(query, weight), token_weights(cand, weight))
    result = _evaluate(query, cand, kind, weights, None)
    crossing = result.crossing
    if query.key == cand.key:
        via = f" (via transliteration '{query.key}')" if crossing else ""
        return Score(1.0, f"exact alias '{cand.original}'{via}")
    parts = [result.compact] if result.compact else _describe(result.pairs, query, cand, crossing)
    ignored = [t.text for i, t in enumerate(query.tokens) if t.weak and i not in result.matched]
    if ignored:
        parts.append("weak " + _plural("token", ignored) + " ignored")
    unmatched = [t.text for i, t in enumerate(query.tokens) if not t.weak and i not in result.matched]
    if unmatched and not result.compact:
        parts.append("unmatched " + _plural("token", unmatched))
    missing = [t.text for i, t in enumerate(cand.tokens) if not t.weak and i not in result.cand_matched]
    if missing and not result.compact:
        parts.append("alias " + _plural("token", missing) + " not in query")
    if result.conflict:
        parts.append("legal forms differ")
    if result.in_place:
        parts.append("a name in place of another (a relative?)")
    if result.reversed_lineage:
        parts.append("father and son named the other way round")
    if crossing and not query.latin and not any("transliteration" in p for p in parts):
        parts.insert(0, f"query transliterated to '{query.key}'")
    return Score(result.value, "; ".join(parts) or "no token in common")


def _plural(word: str, items: list[str]) -> str:
    quoted = ", ".join(f"'{item}'" for item in items)
    return f"{word}s {quoted}" if len(items) > 1 else f"{word} {quoted}"
