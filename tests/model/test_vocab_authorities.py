"""The authority vocabulary: one name per body, whatever wording a source uses, per jurisdiction."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from proscribe import vocab
from proscribe.errors import DataError


def test_a_known_body_is_named_as_the_vocabulary_names_it() -> None:
    assert vocab.authority_name("RU", "Supreme Court of Russia") == "Supreme Court of the Russian Federation"
    assert vocab.authority_name("RU", "  supreme court ") == "Supreme Court of the Russian Federation"
    assert vocab.authority_name("UN", "United Nations Security Council") == "UN Security Council"
    # A wording is read within the claim's jurisdiction: Kazakhstan's "Supreme Court" is its own.
    assert vocab.authority_name("KZ", "Supreme Court") == "Supreme Court of Kazakhstan"
    # An unknown body, or a known wording in another state, keeps the source's own words.
    assert vocab.authority_name("KG", "Pervomaysky District Court") == "Pervomaysky District Court"
    assert vocab.authority_name("DE", "Supreme Court of Russia") == "Supreme Court of Russia"


def test_a_known_body_is_named_through_a_remark_or_the_name_of_its_office_holder() -> None:
    """Curated sources add how the body acted, or who held the office; a timeline names the body."""
    assert vocab.authority_name("KZ", "President of Kazakhstan (announcement)") == "President of Kazakhstan"
    tokayev = "President of Kazakhstan Kassym-Jomart Tokayev (announcement)"
    assert vocab.authority_name("KZ", tokayev) == "President of Kazakhstan"
    assert vocab.authority_name("GB", "Home Secretary Theresa May (motion to Parliament)") == "Home Secretary"
    assert vocab.authority_name("US", "Secretary of State Marco Rubio") == "U.S. Department of State"
    # Shortened only to a wording the vocabulary knows: what else the brackets say is kept.
    committee = "UN Security Council Committee pursuant to resolution 751 (1992)"
    assert vocab.authority_name("UN", committee) == committee
    argentina = "Government of Argentina (Ministries of Foreign Affairs, Security and Justice)"
    assert vocab.authority_name("AR", argentina) == argentina
    # Words after a body that are not a name (lower case, a slash) are not an office holder.
    assert (
        vocab.authority_name("GB", "Home Secretary / UK Parliament order")
        == "Home Secretary / UK Parliament order"
    )
    assert vocab.authority_name("NG", "President Goodluck Jonathan") == "President Goodluck Jonathan"


@pytest.fixture()
def authorities_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A data folder with the real jurisdictions and an authority file the test writes."""
    shutil.copy(vocab.data_dir() / "jurisdictions.yaml", tmp_path / "jurisdictions.yaml")
    monkeypatch.setattr(vocab, "data_dir", lambda: tmp_path)
    vocab.jurisdictions.cache_clear()
    vocab.authorities.cache_clear()
    yield tmp_path / "authorities.yaml"
    vocab.jurisdictions.cache_clear()
    vocab.authorities.cache_clear()


def test_one_wording_may_not_name_two_bodies_of_a_state(authorities_file: Path) -> None:
    authorities_file.write_text(
        "authorities:\n"
        "  - {id: ru-a, jurisdiction: RU, kind: court, name: Court A, aliases: [the court]}\n"
        "  - {id: ru-b, jurisdiction: RU, kind: court, name: Court B, aliases: [The  Court]}\n"
        "  - {id: kz-a, jurisdiction: KZ, kind: court, name: Court A, aliases: [the court]}\n",
        encoding="utf-8",
    )
    with pytest.raises(
        DataError, match=r"authorities\[1\] \(ru-b\): 'The  Court' already names 'ru-a' in RU"
    ):
        vocab.authorities()
