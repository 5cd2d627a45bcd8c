"""Score one query name against one candidate name in [0, 1], with a detail text a reviewer can read.

Features, in the order they are tried:
1. exact: the normalised keys are equal (any script) -> 1.0.
2. token alignment: every query token is paired with at most one candidate token, best pairs first.
   A pair's similarity is 1.0 for equal tokens, the mean of Jaro-Winkler and Levenshtein similarity for
   spelling variants, SKELETON_SIM (0.92) when the consonant skeletons agree across scripts (طالبان ~
   Taliban), INITIAL_SIM (0.75) for an initial against a word starting with it, 0 for different
   numbers. Similarities under PAIR_FLOOR (0.7) count as unmatched; between PAIR_FLOOR and FULL_CREDIT
   (0.9) a pair earns twice its shortfall less credit (Federman ~ Federer is evidence against, not half
   a match).
3. coverage: matched weight over total weight, on each side. Token weight is 1 for identifying tokens
   (or a rarity weight given by the index) and `WEAK_WEIGHT` for weak tokens (legal forms, "movement",
   "the", titles). The two coverages are blended, the smaller one counting more for organisations
   (an extra word such as "Trading" names another company) than for people (middle names are often
   missing): score = a * min + (1 - a) * max, a from MIN_WEIGHT (0.45 for people, else 0.7).
4. compact: when the names have different numbers of identifying tokens, those tokens joined without
   spaces compared as one string (SiemensAG, word splits; only near-identical strings, >= COMPACT_FLOOR),
   or the whole-name consonant skeletons across scripts (حزب الله ~ Hezbollah); used when it scores higher.
5. legal-form conflict: both names carry legal forms and none agree (GmbH vs AG) -> score times
   LEGAL_FORM_CONFLICT (0.85).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz.distance import JaroWinkler, Levenshtein

from proscribe.screen.normalise import NormalName, Token

WEAK_WEIGHT = 0.1
PAIR_FLOOR = 0.7
FULL_CREDIT = 0.9
LEV_CUTOFF = 2 * PAIR_FLOOR - 1
SKELETON_SIM = 0.92
INITIAL_SIM = 0.75
COMPACT_FACTOR = 0.95
COMPACT_FLOOR = 0.88
LEGAL_FORM_CONFLICT = 0.85
MIN_WEIGHT = {"person": 0.45}
DEFAULT_MIN_WEIGHT = 0.7

Weight = Callable[[Token], float]
# For one query: (candidate token, crossing) -> the query tokens it pairs with, as computed by _row.
Memo = dict[tuple[str, bool], tuple[tuple[int, float, str], ...]]


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
    if a.text == b.text:
        return 1.0, "exact"
    if a.number or b.number:
        return 0.0, ""
    if a.initial or b.initial:
        usable = a.text[0] == b.text[0] and not (a.weak or b.weak)
        return (INITIAL_SIM, "initial") if usable else (0.0, "")
    # Jaro-Winkler is at most 1, so a Levenshtein similarity under LEV_CUTOFF cannot reach PAIR_FLOOR:
    # such pairs are reported as 0 without computing Jaro-Winkler.
    lev = Levenshtein.normalized_similarity(a.text, b.text, score_cutoff=LEV_CUTOFF)
    sim = (JaroWinkler.similarity(a.text, b.text) + lev) / 2 if lev else 0.0
    if crossing and sim < SKELETON_SIM and a.skeleton == b.skeleton and len(a.skeleton) >= 2:
        return SKELETON_SIM, "skeleton"
    return sim, "spelling"


def _row(query: tuple[Token, ...], ct: Token, crossing: bool) -> tuple[tuple[int, float, str], ...]:
    """The query tokens a candidate token pairs with (similarity >= PAIR_FLOOR): (position, sim, how)."""
    row = []
    for qi, qt in enumerate(query):
        sim, how = token_similarity(qt, ct, crossing)
        if sim >= PAIR_FLOOR:
            row.append((qi, sim, how))
    return tuple(row)


def _align(
    query: tuple[Token, ...], cand: tuple[Token, ...], crossing: bool, memo: Memo | None
) -> list[_Pair]:
    scored = []
    for ci, ct in enumerate(cand):
        if memo is None:
            row = _row(query, ct, crossing)
        else:
            found = memo.get((ct.text, crossing))
            row = memo[(ct.text, crossing)] = _row(query, ct, crossing) if found is None else found
        for qi, sim, how in row:
            scored.append((sim, qi, ci, how))
    scored.sort(key=lambda item: (-item[0], item[1], item[2]))
    used_q: set[int] = set()
    used_c: set[int] = set()
    pairs = []
    for sim, qi, ci, how in scored:
        if qi in used_q or ci in used_c:
            continue
        used_q.add(qi)
        used_c.add(ci)
        pairs.append(_Pair(qi, ci, query[qi], cand[ci], sim, how))
    return pairs


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
    if crossing and len(query.skeleton) >= 3 and query.skeleton == cand.skeleton and best < SKELETON_SIM:
        best, how = SKELETON_SIM, f"consonant skeleton '{query.skeleton}' agrees across scripts"
    return best, how


def _legal_conflict(query: NormalName, cand: NormalName) -> bool:
    return bool(query.legal_forms) and bool(cand.legal_forms) and not (query.legal_forms & cand.legal_forms)


def _describe(pairs: list[_Pair], cand: NormalName, crossing: bool) -> list[str]:
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
        elif pair.how == "spelling":
            parts.append(f"token '{pair.query.text}' ~ '{pair.cand.text}' (spelling {pair.sim:.2f})")
    return parts


@dataclass(frozen=True, slots=True)
class _Result:
    value: float
    pairs: list[_Pair]
    matched: frozenset[int]
    compact: str
    conflict: bool
    crossing: bool


def _evaluate(
    query: NormalName,
    cand: NormalName,
    kind: str,
    weights: tuple[tuple[float, ...], tuple[float, ...]],
    memo: Memo | None,
) -> _Result:
    crossing = query.script != cand.script
    if query.key == cand.key:
        return _Result(1.0, [], frozenset(), "", False, crossing)
    pairs = _align(query.tokens, cand.tokens, crossing, memo)
    q_matched = {p.qi: _credit(p) for p in pairs}
    c_matched = {p.ci: _credit(p) for p in pairs}
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
    return _Result(round(min(1.0, value), 4), pairs, frozenset(q_matched), compact_how, conflict, crossing)


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
    parts = [result.compact] if result.compact else _describe(result.pairs, cand, crossing)
    ignored = [t.text for i, t in enumerate(query.tokens) if t.weak and i not in result.matched]
    if ignored:
        parts.append("weak " + _plural("token", ignored) + " ignored")
    unmatched = [t.text for i, t in enumerate(query.tokens) if not t.weak and i not in result.matched]
    if unmatched and not result.compact:
        parts.append("unmatched " + _plural("token", unmatched))
    matched_cand = {p.ci for p in result.pairs}
    missing = [t.text for i, t in enumerate(cand.tokens) if not t.weak and i not in matched_cand]
    if missing and not result.compact:
        parts.append("alias " + _plural("token", missing) + " not in query")
    if result.conflict:
        parts.append("legal forms differ")
    if crossing and not query.latin and not any("transliteration" in p for p in parts):
        parts.insert(0, f"query transliterated to '{query.key}'")
    return Score(result.value, "; ".join(parts) or "no token in common")


def _plural(word: str, items: list[str]) -> str:
    quoted = ", ".join(f"'{item}'" for item in items)
    return f"{word}s {quoted}" if len(items) > 1 else f"{word} {quoted}"
