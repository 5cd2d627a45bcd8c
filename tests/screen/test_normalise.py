"""Normalisation: transliteration, weak tokens, legal forms, skeletons, and validation of the data files."""

from __future__ import annotations

from pathlib import Path

import pytest

from proscribe.errors import DataError
from proscribe.screen.aliases import load_distinct
from proscribe.screen.normalise import data_file, load_vocabulary, normalise, skeleton


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Движение «Талибан»", "dvizhenie taliban"),
        ("طالبان", "talban"),
        ("القاعدة", "al qada"),
        ("Хезболла", "khezbolla"),
        ("A.B.C. Company", "abc co"),
        ("Goldman Sachs & Co. L.L.C.", "goldman sachs and co llc"),
        ("Ig0r Sech1n", "igor sechin"),
        ("1st International Bank", "1st intl bank"),
        ("LIMITED LIABILITY COMPANY ISKUSSTVO KRASOTY", "llc iskusstvo krasoty"),
        ('ООО "АЯС 2000"', "llc ayas 2000"),
        ("Volkswagen Gesellschaft mit beschränkter Haftung", "volkswagen gmbh"),
        ("Margarita Simonyán", "margarita simonyan"),
        ("Hay'at Tahrir al-Sham", "hayat tahrir al sham"),
    ],
)
def test_keys(name: str, key: str) -> None:
    assert normalise(name).key == key


def test_token_kinds() -> None:
    name = normalise("The Brigade 44 Movement, J. Smith LLC")
    kinds = [(t.text, t.weak, t.legal_form, t.initial, t.number) for t in name.tokens]
    assert kinds == [
        ("the", True, False, False, False),
        ("brigade", False, False, False, False),
        ("44", False, False, False, True),
        ("movement", True, False, False, False),
        ("j", False, False, True, False),
        ("smith", False, False, False, False),
        ("llc", True, True, False, False),
    ]
    assert [t.text for t in name.strong] == ["brigade", "44", "j", "smith"]
    assert name.compact == "brigade44jsmith"


def test_all_weak_name_keeps_its_tokens_as_strong() -> None:
    assert [t.text for t in normalise("CORP").strong] == ["corp"]


def test_skeleton_meets_across_scripts() -> None:
    assert skeleton("taliban") == "tlbn"
    assert normalise("طالبان").tokens[0].skeleton == "tlbn"
    assert normalise("حزب الله").skeleton == normalise("Hezbollah").skeleton == "hsbl"
    assert normalise("Хезболла").skeleton == "hsbl"


def test_script_is_detected() -> None:
    assert normalise("Талибан").script == "Cyrl"
    assert normalise("طالبان").script == "Arab"
    assert normalise("Taliban").latin


def _vocab_files(tmp_path: Path, weak: str, translit: str = "Arab:\n  ا: a\n") -> tuple[Path, Path]:
    weak_path, translit_path = tmp_path / "weak.yaml", tmp_path / "translit.yaml"
    weak_path.write_text(weak, encoding="utf-8")
    translit_path.write_text(translit, encoding="utf-8")
    return weak_path, translit_path


def test_bundled_data_files_load() -> None:
    vocab = load_vocabulary(data_file("weak_tokens.yaml"), data_file("translit.yaml"))
    assert "movement" in vocab.weak and "dvizhenie" in vocab.weak and "llc" in vocab.legal_forms


def test_duplicate_weak_token_is_refused(tmp_path: Path) -> None:
    weak, translit = _vocab_files(tmp_path, "weak:\n  - party\n  - party\n")
    with pytest.raises(DataError, match=r"weak\.yaml: weak: entry 'party' is listed twice"):
        load_vocabulary(weak, translit)


@pytest.mark.parametrize(
    ("weak_text", "error"),
    [
        ("weakk:\n  - party\n", r"weak\.yaml: unknown sections \['weakk'\]"),
        ("patronymic:\n  - bin ali\n", r"weak\.yaml: patronymic word 'bin ali' must be one word"),
    ],
)
def test_a_bad_section_is_refused(tmp_path: Path, weak_text: str, error: str) -> None:
    weak, translit = _vocab_files(tmp_path, weak_text)
    with pytest.raises(DataError, match=error):
        load_vocabulary(weak, translit)


@pytest.mark.parametrize(
    ("spellings", "error"),
    [
        ("spellings:\n  umar: [omar]\n  omar: [umer]\n", r"'omar' is both a family and another family's"),
        ("spellings:\n  umar: [omar]\n  amr: [omar]\n", r"'omar' is in two families"),
        ("names:\n  umar: [omar]\n", r"expected a mapping with one section, spellings"),
    ],
)
def test_a_bad_spellings_file_is_refused(tmp_path: Path, spellings: str, error: str) -> None:
    weak, translit = _vocab_files(tmp_path, "weak: []\n")
    path = tmp_path / "spellings.yaml"
    path.write_text(spellings, encoding="utf-8")
    with pytest.raises(DataError, match=error):
        load_vocabulary(weak, translit, path)


def test_multi_character_translit_key_is_refused(tmp_path: Path) -> None:
    weak, translit = _vocab_files(tmp_path, "weak: []\n", "Arab:\n  ال: al\n")
    with pytest.raises(DataError, match=r"translit\.yaml: Arab: key 'ال' must be one character"):
        load_vocabulary(weak, translit)


def test_semivowel_in_word_initial_table_is_refused(tmp_path: Path) -> None:
    weak, translit = _vocab_files(tmp_path, "weak: []\n", "word_initial:\n  و: w\n")
    with pytest.raises(DataError, match=r"translit\.yaml: word_initial: key 'و' belongs in semivowels"):
        load_vocabulary(weak, translit)


def test_malformed_distinct_entry_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "aliases.yaml"
    path.write_text("distinct:\n  - [taliban, ttp]\n", encoding="utf-8")
    with pytest.raises(
        DataError, match=r"aliases\.yaml: distinct entry 1 must be \[entity id, entity id, reason\]"
    ):
        load_distinct(path)


def test_distinct_pairs_are_symmetric(tmp_path: Path) -> None:
    path = tmp_path / "aliases.yaml"
    path.write_text("distinct:\n  - [a, b, different]\n", encoding="utf-8")
    assert load_distinct(path) == {"a": {"b": "different"}, "b": {"a": "different"}}


def test_an_abjad_without_a_table_is_refused(tmp_path: Path) -> None:
    weak, translit = _vocab_files(tmp_path, "weak: []\n", "abjads: [Arab, Hebr]\nArab:\n  ب: b\n")
    with pytest.raises(DataError, match=r"translit\.yaml: abjads: \['Hebr'\] have no character table"):
        load_vocabulary(weak, translit)
    weak, translit = _vocab_files(tmp_path, "weak: []\n", "abjads: [Arab]\nArab:\n  ب: b\n")
    assert load_vocabulary(weak, translit).abjads == frozenset({"Arab"})
