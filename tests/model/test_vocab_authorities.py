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
    # Only a body the vocabulary knows is shortened: Nigeria's president is not in it.
    assert vocab.authority_name("NG", "President Goodluck Jonathan") == "President Goodluck Jonathan"


def test_a_known_body_is_named_through_what_it_did() -> None:
    """Lower-case words after a body say what it did; a remark inside the wording is dropped too."""
    assert vocab.authority_name("GB", "Home Secretary (Jack Straw) laid draft order") == "Home Secretary"
    assert vocab.authority_names("GB", "Home Secretary / UK Parliament order") == (
        "Home Secretary",
        "UK Parliament",
    )
    # Words that are not all lower case (a dash, a number) are kept: the wording is not shortened.
    chamberlain = "High Court (Mr Justice Chamberlain) - permission for judicial review"
    assert vocab.authority_name("GB", chamberlain) == chamberlain
    assert vocab.authority_name("EG", "Egyptian court") == "Egyptian court"


def test_a_joint_wording_names_each_body_it_joins() -> None:
    """ "Minister / Governor in Council", "Treasury and State": every part a known body, each is named."""
    blair = "Public Safety Minister Bill Blair / Governor in Council"
    assert vocab.authority_names("CA", blair) == ("Public Safety Canada", "Governor in Council")
    assert vocab.authority_name("CA", blair) == "Public Safety Canada; Governor in Council"
    joint = "US Department of the Treasury (OFAC) with State Department"
    assert vocab.authority_names("US", joint) == (
        "U.S. Department of the Treasury (OFAC)",
        "U.S. Department of State",
    )
    # The remark closing the wording belongs to the whole, not its last body.
    moscow = "Ministry of Foreign Affairs and Ministry of Justice of Russia (report to the President)"
    assert vocab.authority_names("RU", moscow) == (
        "Ministry of Foreign Affairs of Russia",
        "Ministry of Justice of Russia",
    )
    pompeo = "President Donald Trump / Secretary of State Mike Pompeo (announcement)"
    assert vocab.authority_names("US", pompeo) == (
        "President of the United States",
        "U.S. Department of State",
    )
    # A known body whose name has "and" in it is one body, not two.
    assert vocab.authority_names("NZ", "Ministry of Foreign Affairs and Trade (New Zealand)") == (
        "Ministry of Foreign Affairs and Trade (New Zealand)",
    )
    # A part the vocabulary cannot reduce keeps the whole wording: it may be one name with "and" in it.
    speakers = "Speakers of the Lithuanian, Latvian and Estonian parliaments (joint declaration)"
    assert vocab.authority_names("EU", speakers) == (speakers,)
    sullivan = "US Department of State / National Security Advisor Jake Sullivan (announcement)"
    assert vocab.authority_names("US", sullivan) == (sullivan,)


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


def test_an_authority_kind_must_be_one_the_vocabulary_defines(authorities_file: Path) -> None:
    authorities_file.write_text(
        "authorities:\n  - {id: ru-a, jurisdiction: RU, kind: tribunal, name: Court A, aliases: []}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match=r"authorities\[0\] \(ru-a\): kind must be one of .*got 'tribunal'"):
        vocab.authorities()
