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
        ("North Macedonia, The Republic of", "MK"),  # OFAC since 2019
        ("Macedonia", "MK"),  # older files
        ("Kosovo", "XK"),  # no ISO code: the user-assigned one the EU uses
        # A remark in brackets after the name is dropped, twice if need be.
        ("Pakistan (at time of listing)", "PK"),
        ("Kuwait (residence as at Mar 2009) (UN address)", "KW"),
        # ISO alpha-3 codes, as the EU's legacy XML and CSV write countries; in capitals only.
        ("IRQ", "IQ"),
        ("COD", "CD"),
        ("PSE", "PS"),
        ("NOR", "NO"),
        (" AND ", "AD"),
        ("and", None),
        ("irq", None),
        ("YUG", None),  # Yugoslavia's withdrawn code names no state of today
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
    _forget_countries()
    yield tmp_path / "country_spellings.yaml"
    _forget_countries()


def _forget_countries() -> None:
    for cached in (
        vocab.jurisdictions,
        vocab._countries_by_label,
        vocab._nationals_by_label,
        vocab._within,
        vocab._states_by_alpha3,
    ):
        cached.cache_clear()


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
        ("- {code: KP}", "countries[0] (KP): none of `spellings`, `nationals` and `within`"),
        ("- {code: HK, within: UN}", "countries[0] (HK): `within` must be a state's code, got 'UN'"),
    ],
)
def test_a_spelling_naming_two_states_or_none_is_refused(
    spellings_file: Path, body: str, message: str
) -> None:
    spellings_file.write_text(f"countries:\n{body}\n", encoding="utf-8")
    with pytest.raises(DataError, match=re.escape(message)):
        vocab.country_codes("Syria")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "- {code: SY, nationals: [Syrian]}\n- {code: IQ, nationals: [Syrian]}",
            "countries[1] (IQ): 'Syrian' already names SY",
        ),
        # A word for nationals may not be another state's name either.
        (
            "- {code: SY, spellings: [Syria]}\n- {code: IQ, nationals: [Syria]}",
            "countries[1] (IQ): 'Syria' already names SY",
        ),
    ],
)
def test_a_word_for_nationals_naming_two_states_is_refused(
    spellings_file: Path, body: str, message: str
) -> None:
    spellings_file.write_text(f"countries:\n{body}\n", encoding="utf-8")
    # Addresses never read these words, so the countries still load; nationalities refuse them.
    assert vocab.country_codes("Syrian") == set()
    with pytest.raises(DataError, match=re.escape(message)) as refused:
        vocab.nationality_codes(["Syrian"])
    assert str(refused.value).startswith(str(spellings_file))


def test_the_eu_legacy_files_alpha3_countries_read_as_states() -> None:
    # EU legacy XML: one ENTITY with addresses in Iraq and the United Arab Emirates, and one blank.
    assert vocab.country_codes("IRQ; ARE; ") == {"IQ", "AE"}
    assert vocab.country_codes("GBR") & vocab.country_codes("Jersey") == {"GB"}


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        # Each state needs its code; UN and EU are no states; one code, one state.
        (("  alpha3: IRQ\n", ""), "(IQ): missing `alpha3`"),
        (("- code: UN\n", "- code: UN\n  alpha3: UNO\n"), "(UN): no state, so no `alpha3`"),
        (("alpha3: IRN", "alpha3: IRQ"), "(IR): alpha3 IRQ is already IQ's"),
        (("alpha3: IRQ", "alpha3: Irq"), "(IQ): alpha3 must be three capital letters, got 'Irq'"),
    ],
)
def test_an_alpha3_code_missing_misplaced_or_taken_is_refused(
    spellings_file: Path, edit: tuple[str, str], message: str
) -> None:
    spellings_file.write_text("countries: []\n", encoding="utf-8")
    path = spellings_file.parent / "jurisdictions.yaml"
    text = path.read_text(encoding="utf-8")
    assert edit[0] in text
    path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    with pytest.raises(DataError, match=re.escape(message)):
        vocab.country_codes("IRQ")


def test_an_alpha3_code_that_spells_another_state_is_refused(spellings_file: Path) -> None:
    spellings_file.write_text("countries:\n- {code: AE, spellings: [IRQ]}\n", encoding="utf-8")
    with pytest.raises(DataError, match=re.escape("IQ: alpha3 IRQ already names AE")):
        vocab.country_code("IRQ")
