"""Blocking recall: a one-edit variant of a designated name that the scorer accepts must be found.

The generator takes indexed names, changes one letter of one identifying token (insertion, deletion,
substitution or swap of neighbours) and keeps the variants whose direct score against the name they came
from reaches the threshold: those the scorer accepts, so only blocking can lose them. `recall` is the
share of those that `match` returns. Run as a script against a registry for the figure on real data:

    .venv/bin/python tests/screen/test_blocking_recall.py sqlite:///proscribe.db [--samples 3000]
"""

from __future__ import annotations

import argparse
import random
import string
from collections.abc import Iterator

import pytest

from proscribe.model import Entity
from proscribe.screen.index import NameIndex, blocking_keys
from proscribe.screen.match import DEFAULT_THRESHOLD, match
from proscribe.screen.normalise import normalise
from proscribe.screen.score import similarity, token_weights
from proscribe.sources.bundled import load_entities

LETTERS = string.ascii_lowercase


def one_edit(token: str, rng: random.Random) -> str:
    """`token` with one letter inserted, deleted, substituted, or two neighbours swapped."""
    at = rng.randrange(len(token))
    kind = rng.choice(("insert", "delete", "substitute", "swap"))
    if kind == "insert":
        return token[:at] + rng.choice(LETTERS) + token[at:]
    if kind == "delete":
        return token[:at] + token[at + 1 :]
    if kind == "substitute":
        return token[:at] + rng.choice([c for c in LETTERS if c != token[at]]) + token[at + 1 :]
    at = min(at, len(token) - 2)
    return token[:at] + token[at + 1] + token[at] + token[at + 2 :]


def variants(index: NameIndex, samples: int, seed: int = 7, min_len: int = 4) -> Iterator[tuple[str, str]]:
    """(query, entity id): one-edit variants of indexed Latin names that the scorer alone accepts."""
    rng = random.Random(seed)
    numbers = [n for n, e in enumerate(index.entries) if e.name.latin and len(e.name.strong) <= 6]
    for number in rng.sample(numbers, min(samples, len(numbers))):
        entry = index.entries[number]
        words = entry.name.key.split()
        editable = [i for i, t in enumerate(entry.name.tokens) if not t.weak and t.text.isalpha()]
        editable = [i for i in editable if len(words[i]) >= min_len]
        if not editable:
            continue
        at = rng.choice(editable)
        words[at] = one_edit(words[at], rng)
        query = " ".join(words)
        normal = normalise(query)
        weights = (token_weights(normal, index.weight), index.weights[number])
        if similarity(normal, entry.name, entry.kind, weights) >= DEFAULT_THRESHOLD:
            yield query, entry.entity_id


def recall(index: NameIndex, samples: int, seed: int = 7) -> tuple[float, int, list[tuple[str, str]]]:
    """Share of accepted variants that `match` returns, how many there were, and the misses."""
    pairs = list(variants(index, samples, seed))
    missed = [
        (query, entity_id)
        for query, entity_id in pairs
        if entity_id not in {hit.entity_id for hit in match(index, query, DEFAULT_THRESHOLD, 1000)}
    ]
    return (1 - len(missed) / len(pairs) if pairs else 1.0), len(pairs), missed


GIVEN = ("muhammad", "ali", "ahmed", "hasan", "abdul", "omar", "victor", "ivan", "sergei", "john")


def _crowd(size: int, seed: int = 3, given: tuple[str, ...] = GIVEN) -> list[Entity]:
    """People named from a small pool of common given names and many rarer family names."""
    rng = random.Random(seed)
    syllables = ["ka", "ri", "to", "mu", "sa", "le", "bon", "dar", "vi", "zen", "qu", "hal", "mor", "tin"]
    out = []
    for number in range(size):
        family = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
        first = rng.sample(list(given), rng.randint(1, 2))
        out.append(Entity(f"p{number}", " ".join([*first, family]).title(), kind="person"))
    return out


def test_one_edit_variants_of_a_crowd_are_all_found() -> None:
    index = NameIndex.from_entities([*_crowd(3000), *load_entities()])
    share, count, missed = recall(index, 1500)
    assert count > 500
    assert share == 1.0, missed[:10]


def test_a_common_token_does_not_starve_a_rare_one() -> None:
    # Sixty longer names hold the query's "Hasan" exactly; the one name made of the query's two words,
    # one spelt with a double s, must still reach scoring (it scores far above every one of them).
    crowd = [
        Entity(f"t{n}", f"{given} Barzan Ibrahim Hasan Al-Tikriti", kind="person")
        for n, given in enumerate(_given(60))
    ]
    background = _crowd(3000, given=("ali", "omar", "ivan", "john"))  # the query's words are rare in it
    index = NameIndex.from_entities(
        [*background, *crowd, Entity("hassan", "Hassan Al-Tikriti", kind="person")]
    )
    assert [hit.entity_id for hit in match(index, "Hasan Al-Tikriti")][:1] == ["hassan"]
    crowd = [Entity(f"m{n}", f"{name} Muhammed {name}", kind="person") for n, name in enumerate(_given(200))]
    index = NameIndex.from_entities(
        [*background, *crowd, Entity("wali", "Wali Mohammad Ewaz", kind="person")]
    )
    assert [hit.entity_id for hit in match(index, "Wali Muhammed Ewaz")][:1] == ["wali"]


@pytest.mark.parametrize(
    ("one", "other"),
    [("hasan", "hassan"), ("bout", "bouts"), ("costar", "cotsar"), ("viktor", "victor"), ("ladn", "ladin")],
)
def test_one_edit_apart_tokens_share_a_deletion_key(one: str, other: str) -> None:
    shared = blocking_keys(normalise(one)) & blocking_keys(normalise(other))
    assert any(key.startswith("d:") for key in shared), shared


def test_an_insertion_meets_the_shorter_spelling() -> None:
    crowd = [Entity(f"v{n}", f"Victor {name}", kind="person") for n, name in enumerate(_given(100))]
    index = NameIndex.from_entities(
        [Entity("b", "Viktor Bout", kind="person"), *crowd, *_crowd(3000, given=("ali", "omar"))]
    )
    for query in ("Victor Bout", "Viktor Boutt", "Vikto Bout", "Hasan Bout"):
        assert "b" in {hit.entity_id for hit in match(index, query, 0.45)}, query


def _given(count: int) -> list[str]:
    rng = random.Random(count)
    return [
        "".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3)) for _ in range(count)
    ]


def _entities_of(url: str) -> list[Entity]:
    from proscribe.store import open_store

    return list(open_store(url).reader().entities())


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db_url")
    parser.add_argument("--samples", type=int, default=3000)
    args = parser.parse_args()
    big = NameIndex.from_entities(_entities_of(args.db_url))
    figure, total, misses = recall(big, args.samples)
    print(f"{len(big)} names; {total} accepted one-edit variants; recall {figure:.4f} ({len(misses)} missed)")
    for query, entity_id in misses[:15]:
        print(f"  missed: {query!r} -> {entity_id}")
