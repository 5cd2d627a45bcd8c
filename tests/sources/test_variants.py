"""Name variants: what a stated name's brackets also stand for, and what they do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from proscribe.errors import DataError
from proscribe.model import Name
from proscribe.sources.variants import (
    acronyms_of,
    acronyms_with,
    load_rules,
    rules,
    variants_of,
    with_variants,
)


@pytest.mark.parametrize(
    ("stated", "expected"),
    [
        # Another script in brackets: both halves, whichever comes first.
        ("Akrin Saleh Akrin (أقرين صالح أقرين)", ("Akrin Saleh Akrin", "أقرين صالح أقرين")),
        ("عبدالله السندي (Abdullah Sindhi)", ("عبدالله السندي", "Abdullah Sindhi")),
        ("Jin Tiesan (金铁三)", ("Jin Tiesan", "金铁三")),
        # ... after dropping a remark at the end of the bracket.
        (
            "شبكة أنصار المجاهدين (Ansar al-Mujahideen Network - sub-unit name)",
            ("شبكة أنصار المجاهدين", "Ansar al-Mujahideen Network"),
        ),
        # A remark: the name without it.
        ("Encep Nurjaman (birth name)", ("Encep Nurjaman",)),
        ("EL PARA (COMBAT NAME)", ("EL PARA",)),
        ("Abdul Baqi (previously listed as)", ("Abdul Baqi",)),
        ("Sabri Ilah (false identity linked to a confiscated passport)", ("Sabri Ilah",)),
        # A name opening: the name without the bracket, and the rest of the bracket.
        ("Abubakar (original script: Абубакар)", ("Abubakar", "Абубакар")),
        # Acronyms of the words before, with function words and short words left out.
        ("ABU NIDAL ORGANISATION (ANO)", ("ABU NIDAL ORGANISATION",)),
        ("AL-QAIDA IN EGYPT (AQE)", ("AL-QAIDA IN EGYPT",)),
        (
            "Le Groupe Salafiste pour La Prédication et le Combat (GSPC)",
            ("Le Groupe Salafiste pour La Prédication et le Combat",),
        ),
        ("JAMAAT-UL-AHRAR (JuA)", ("JAMAAT-UL-AHRAR",)),
        (
            "ISLAMIC STATE IN IRAQ AND THE LEVANT - KHORASAN (ISIL- K)",
            ("ISLAMIC STATE IN IRAQ AND THE LEVANT - KHORASAN",),
        ),
        # Two letters of a word: DI-CO.
        ("DOOSTAN INTERNATIONAL COMPANY (DICO)", ("DOOSTAN INTERNATIONAL COMPANY",)),
        # An acronym inside the name; the rest joins without a stray space before punctuation.
        ("UGANDA COMMERCIAL IMPEX (UCI) LTD", ("UGANDA COMMERCIAL IMPEX LTD",)),
        ("GUARD CORPS (GC)-QODS FORCE", ("GUARD CORPS-QODS FORCE",)),
        ("Petersburg Electronic Company (PEC), LLC", ("Petersburg Electronic Company, LLC",)),
        # A title in front.
        ("(Sheikh) Musa Hilal", ("Musa Hilal",)),
        # Stray brackets and trailing commas.
        (") Abdelrahman Juhan", ("Abdelrahman Juhan",)),
        ("Akhter Mohmad (اختر محمد ),", ("Akhter Mohmad", "اختر محمد")),
        # Variants of variants: the Latin half holds an acronym of its own words.
        (
            "أنصار الشريعة في ليبيا (Ansar al Sharia in Libya (ASIL))",
            ("أنصار الشريعة في ليبيا", "Ansar al Sharia in Libya (ASIL)", "Ansar al Sharia in Libya"),
        ),
    ],
)
def test_variants_of_a_stated_name(stated: str, expected: tuple[str, ...]) -> None:
    assert variants_of(stated) == expected


@pytest.mark.parametrize(
    "stated",
    [
        "Hamas",  # no brackets at all
        # A branch or qualifier, not an acronym: dropping it would merge distinct entries.
        "AL-HARAMAIN FOUNDATION (PAKISTAN)",
        "PJSC VTB BANK (KIEV)",
        "ABAR PETROLEUM SERVICE SAL (OFFSHORE)",
        # An acronym that does not fit the words (a list's own typo stays as it is).
        "NUCLEAR RESEARCH CENTER FOR AGRICULTURE AND MEDICINE (NFRPC)",
        # A word in brackets is not an acronym.
        "Reconnaissance Battalion of Shahids (martyrs)",
        # A note on the branch in another script is not the name in that script.
        "Al-Haramain Foundation (Ινδονησία)",
        # A single letter is no acronym.
        "Tarik Group (T)",
    ],
)
def test_brackets_that_are_part_of_the_name_give_nothing(stated: str) -> None:
    assert variants_of(stated) == ()


def test_brackets_that_do_not_balance_inside_a_name_are_left_alone() -> None:
    assert variants_of("STATE ESTABLISHMENT OF ROADS (NORTHERN AREA") == ()


def test_with_variants_keeps_the_stated_names_first_and_makes_a_primary_s_variants_aliases() -> None:
    stated = [
        Name("MUHAMMAD JAMAL NETWORK (MJN)", "primary"),
        Name("Akrin Saleh Akrin (أقرين صالح أقرين)", "weak_alias", lang="en"),
        Name("MUHAMMAD JAMAL NETWORK", "alias"),  # already stated: not repeated
    ]
    out = with_variants(stated)
    assert out[:3] == stated
    assert [(n.value, n.kind, n.script, n.lang) for n in out[3:]] == [
        ("Akrin Saleh Akrin", "weak_alias", "Latn", "en"),
        # The language of the stated name does not carry over to another script.
        ("أقرين صالح أقرين", "weak_alias", "Arab", None),
    ]
    assert [(n.value, n.kind) for n in with_variants([Name("ABU NIDAL ORGANISATION (ANO)", "primary")])] == [
        ("ABU NIDAL ORGANISATION (ANO)", "primary"),
        ("ABU NIDAL ORGANISATION", "alias"),
    ]


@pytest.mark.parametrize(
    ("stated", "expected"),
    [
        ("ABU NIDAL ORGANISATION (ANO)", ("ANO",)),
        ("UGANDA COMMERCIAL IMPEX (UCI) LTD", ("UCI",)),
        ("DOOSTAN INTERNATIONAL COMPANY (DICO)", ("DICO",)),
        ("JAMAAT-UL-AHRAR (JuA)", ("JuA",)),
        # Found in a variant: the Latin half of a name in another script.
        ("أنصار الشريعة في ليبيا (Ansar al Sharia in Libya (ASIL))", ("ASIL",)),
        # Each name of a field that lists several.
        ("NORTHERN LAKES AIR (NLA) ; LAKESIDE TRADING HOUSE (LTH)", ("NLA", "LTH")),
        # Two letters stand for too much to be a name of their own (still dropped from the name).
        ("GUARD CORPS (GC)-QODS FORCE", ()),
        # Not acronyms of the words before them: a branch, a remark, a title, another script.
        ("AL-HARAMAIN FOUNDATION (PAKISTAN)", ()),
        ("EL PARA (COMBAT NAME)", ()),
        ("(Sheikh) Musa Hilal", ()),
        ("Jin Tiesan (金铁三)", ()),
        ("NO BRACKETS AT ALL", ()),
    ],
)
def test_acronyms_of_a_stated_name(stated: str, expected: tuple[str, ...]) -> None:
    assert acronyms_of(stated) == expected


def test_with_acronyms_adds_them_as_names_of_kind_acronym_after_the_variants() -> None:
    stated = [Name("MUHAMMAD JAMAL NETWORK (MJN)", "primary"), Name("MJN NETWORK", "alias")]
    assert [(n.value, n.kind) for n in with_variants(stated, acronyms=True)] == [
        ("MUHAMMAD JAMAL NETWORK (MJN)", "primary"),
        ("MJN NETWORK", "alias"),
        ("MUHAMMAD JAMAL NETWORK", "alias"),
        ("MJN", "acronym"),
    ]
    # Already a stated name: not repeated under another kind.
    twice = [Name("ABU NIDAL ORGANISATION (ANO)", "primary"), Name("ANO", "alias")]
    assert [n.value for n in with_variants(twice, acronyms=True)].count("ANO") == 1
    assert [n.kind for n in with_variants(stated)] == ["primary", "alias", "alias"]


def test_hostile_names_are_bounded() -> None:
    # Each remark group gives a variant holding all the others: without bounds, thousands of
    # groups would give billions of variants. Past eight groups a name is not read at all.
    many = " ".join(f"Name{i} (birth name)" for i in range(2000))
    assert variants_of(many) == ()
    eight = " ".join(f"N{i} (birth name)" for i in range(8))
    assert len(variants_of(eight)) == 16
    assert variants_of("(" * 5000 + "A" + ")" * 5000) == ()
    words = " ".join(["of"] * 300 + ["Xylo"] * 300)
    assert variants_of(f"{words} (XXXXXXXXXX)") == ()
    # Thousands of short words before an acronym-like bracket: read as no acronym, without
    # recursing once per word (which overflowed the stack).
    short = " ".join(["of"] * 5000)
    assert variants_of(f"{short} Xylo (XX)") == acronyms_of(f"{short} Xylo (XYZ)") == ()


@pytest.mark.parametrize(
    ("stated", "expected"),
    [
        # Several spellings in one field, as UN Iran records give them.
        ("Nadir Fahimi; Nader Fahimi; Nadir Fahemi", ("Nadir Fahimi", "Nader Fahimi", "Nadir Fahemi")),
        # A lettered list inside the field: " b) " starts the next name.
        ("Karim Talebi; Karem Talebi b) K. Reza Talebi", ("Karim Talebi", "Karem Talebi", "K. Reza Talebi")),
        # Each part then gives its own variants (here: the name without its acronym).
        (
            "NORTHERN LAKES AIR (NLA) ; LAKESIDE TRADING HOUSE (LTH)",
            (
                "NORTHERN LAKES AIR (NLA)",
                "LAKESIDE TRADING HOUSE (LTH)",
                "NORTHERN LAKES AIR",
                "LAKESIDE TRADING HOUSE",
            ),
        ),
    ],
)
def test_a_value_listing_several_names_gives_each(stated: str, expected: tuple[str, ...]) -> None:
    assert variants_of(stated) == expected


def test_separators_inside_brackets_or_without_their_spaces_split_nothing() -> None:
    # Inside brackets a semicolon separates parts of one remark, not names of the record.
    assert variants_of("Samir Qadri (born in Example City; a.k.a. the Tester)") == ()
    # "b)" glued to a word is no list marker.
    assert variants_of("Abdul Latif Nasirb)") == ("Abdul Latif Nasirb",)


def test_many_separators_cost_one_pass_and_give_a_bounded_number_of_names() -> None:
    names = "; ".join(f"Name{i}" for i in range(20000))
    found = variants_of(names)
    assert found == tuple(f"Name{i}" for i in range(16))
    assert variants_of(";" * 20000) == ()


def test_bundled_rules_load() -> None:
    bundled = rules()
    assert bundled.version >= 1
    assert "birth name" in bundled.remarks and "of" in bundled.function_words


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "name_variants.yaml"
    path.write_text(text, encoding="utf-8")
    return path


BASE = (
    "version: 1\nremarks: [birth name]\nremark_openings: [false identity]\n"
    "name_openings: ['original script:']\nremark_endings: [sub-unit name]\n"
    "function_words: [of]\nacronym_max_length: 8\n"
)


def test_rules_from_a_file_are_used(tmp_path: Path) -> None:
    custom = load_rules(_write(tmp_path, BASE.replace("[birth name]", "[birth name, kunya]")))
    assert variants_of("Abu Talha (kunya)", custom) == ("Abu Talha",)
    assert variants_of("Abu Talha (kunya)") == ()
    # Without `acronym_stored_min_length`, two letters are enough to store an acronym.
    assert acronyms_with("GUARD CORPS (GC)", custom) == ("GC",)
    five = load_rules(_write(tmp_path, BASE + "acronym_stored_min_length: 5\n"))
    assert acronyms_with("ABU NIDAL ORGANISATION (ANO)", five) == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (BASE.replace("version: 1", "version: yes"), "`version` must be a positive integer"),
        (
            BASE.replace("function_words: [of]", "function_words: [of, on]"),
            "`function_words` must be a list of non-empty strings",
        ),
        (
            BASE.replace("acronym_max_length: 8", "acronym_max_length: 1"),
            "`acronym_max_length` must be an integer of at least 2",
        ),
        (BASE + "acronyms: []\n", "unknown field(s) acronyms"),
        (
            BASE + "acronym_stored_min_length: 9\n",
            "`acronym_stored_min_length` must be an integer from 2 to `acronym_max_length`",
        ),
        (BASE.replace("remarks: [birth name]", "remarks: birth name"), "`remarks` must be a list"),
        ("- a list\n", "expected a mapping at the top level"),
        (
            BASE + "separators: ['; ', '  ']\n",
            "`separators` must be a list of strings that are not only spaces",
        ),
    ],
)
def test_bad_rules_name_the_file_and_the_field(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(DataError) as raised:
        load_rules(path)
    assert str(path) in str(raised.value)
    assert message in str(raised.value)
