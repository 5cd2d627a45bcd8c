"""Countries as lists write them: each publisher's wording read as one ISO code, or as none."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from proscribe import vocab
from proscribe.errors import DataError


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # The three publishers' wordings of one state.
        ("Democratic People's Republic of Korea", "KP"),  # UN
        ("Korea, North", "KP"),  # OFAC
        ("DPRK", "KP"),  # HM Treasury
        ("North Korea", "KP"),  # the ISO name
        ("Syrian Arab Republic", "SY"),
        ("syria", "SY"),
        ("SY", "SY"),
        ("Turkey", "TR"),
        ("Côte d’Ivoire", "CI"),
        ("Cote d Ivoire", "CI"),
        # A remark in brackets after the name is dropped, twice if need be.
        ("Pakistan (at time of listing)", "PK"),
        ("Kuwait (residence as at Mar 2009) (UN address)", "KW"),
        # Not one state alone, not a state, or no state the vocabulary knows: nothing is read.
        ("Sudan/South Sudan", None),
        ("undetermined", None),
        ("(Head Office)", None),
        ("United Nations", None),
        ("EU", None),
        ("", None),
        (None, None),
    ],
)
def test_a_list_wording_reads_as_one_state(text: str | None, code: str | None) -> None:
    assert vocab.country_code(text) == code


def test_a_record_with_several_addresses_is_in_each_of_their_states() -> None:
    assert vocab.country_codes("United Arab Emirates; Dubai (UAE); Iraq; Ruritania") == {"AE", "IQ"}
    assert vocab.country_codes(None) == frozenset()
    # A territory is in the state it is part of too.
    assert vocab.country_codes("China, Hong Kong Special Administrative Region") == {"HK", "CN"}
    assert vocab.country_codes("Macau; Japan") == {"MO", "CN", "JP"}
    # The Crown Dependencies count with the United Kingdom (OFAC's NICO: Jersey; HMT's: "UK").
    assert vocab.country_codes("Jersey; Iran") & vocab.country_codes("UK") == {"GB"}


@pytest.fixture()
def spellings_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A data folder with the real jurisdictions and a spellings file the test writes."""
    shutil.copy(vocab.data_dir() / "jurisdictions.yaml", tmp_path / "jurisdictions.yaml")
    monkeypatch.setattr(vocab, "data_dir", lambda: tmp_path)
    vocab.jurisdictions.cache_clear()
    vocab._countries_by_label.cache_clear()
    vocab._within.cache_clear()
    yield tmp_path / "country_spellings.yaml"
    vocab.jurisdictions.cache_clear()
    vocab._countries_by_label.cache_clear()
    vocab._within.cache_clear()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "- {code: KP, spellings: [Korea]}\n- {code: KR, spellings: [Korea]}",
            "KR: 'Korea' already names KP",
        ),
        (
            "- {code: SY, spellings: [Syrian Arab Republic]}\n- {code: IQ, spellings: [Syria]}",
            "'Syria' already",
        ),
        ("- {code: UN, spellings: [United Nations]}", "countries[0]: 'UN' is no state in jurisdictions.yaml"),
        ("- {code: ZZ, spellings: [Nowhere]}", "countries[0]: 'ZZ' is no state"),
        ("- {code: KP}", "countries[0] (KP): neither `spellings` nor `within`"),
        ("- {code: HK, within: UN}", "countries[0] (HK): `within` must be a state's code, got 'UN'"),
    ],
)
def test_a_spelling_naming_two_states_or_none_is_refused(
    spellings_file: Path, body: str, message: str
) -> None:
    spellings_file.write_text(f"countries:\n{body}\n", encoding="utf-8")
    with pytest.raises(DataError, match=re.escape(message)):
        vocab.country_codes("Syria")
