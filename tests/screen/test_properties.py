"""Properties for any input: normalisation never fails, scores stay in [0, 1], a name matches itself."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from proscribe.screen.normalise import normalise
from proscribe.screen.score import compare, similarity

names = st.text(min_size=0, max_size=40)


@settings(max_examples=300, deadline=None)
@given(names, names, st.sampled_from(["person", "organisation"]))
def test_scores_are_bounded_and_explained(first: str, second: str, kind: str) -> None:
    score = compare(normalise(first), normalise(second), kind)
    assert 0.0 <= score.value <= 1.0
    assert score.detail
    assert similarity(normalise(first), normalise(second), kind) == score.value


@settings(max_examples=300, deadline=None)
@given(names)
def test_a_name_matches_itself(text: str) -> None:
    name = normalise(text)
    assert all(token.text.isascii() and token.text for token in name.tokens)
    if name.tokens:
        assert compare(name, name).value == 1.0
