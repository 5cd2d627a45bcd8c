"""Which registry names may be matched in news text (sentences written for these tests)."""

from __future__ import annotations

import pytest

from proscribe.model import Entity, Name
from proscribe.news.document import Document
from proscribe.news.extract import Extractor


@pytest.fixture(scope="module")
def listed() -> Extractor:
    """A registry as official lists fill it: people with weak aliases, a ministry with generic aliases."""
    return Extractor(
        [
            Entity("hamas", "Hamas"),
            Entity("taliban", "Taliban"),
            Entity(
                "p-sadiq",
                "KAMAL YOUSEF SADIQ AL-RAWI",
                kind="person",
                names=(Name("Yousef", "weak_alias"), Name("Abu Sami", "weak_alias"), Name("Kamal al-Rawi")),
            ),
            Entity("p-omega", "JEAN-PAUL MUKIZA", kind="person", names=(Name("Norway", "weak_alias"),)),
            Entity(
                "p-haddad",
                "OMAR FARID HADDAD",
                kind="person",
                names=(Name("Haddad"), Name("Omar Haddad")),
            ),
            Entity(
                "o-ministry",
                "MINISTRY OF THE PEOPLE'S FORCES",
                names=(Name("MINISTRY OF DEFENCE"), Name("National Police")),
            ),
        ]
    )


def _entities(extractor: Extractor, text: str) -> list[str | None]:
    return [c.entity_id for c in extractor.extract(Document("t", text))]


def test_a_weak_alias_never_matches(listed: Extractor) -> None:
    assert _entities(listed, "Japan on Monday added Yousef Mansour, a trader, to its sanctions list.") == []
    assert _entities(listed, "Japan added Abu Sami to its sanctions list.") == []
    assert _entities(listed, "Japan listed Hamas, like Norway, as a terrorist group.") == ["hamas"]


def test_a_lone_word_of_a_persons_name_never_matches(listed: Extractor) -> None:
    assert _entities(listed, "Japan added Samir Haddad to its sanctions list.") == []


def test_a_persons_name_matches_only_whole(listed: Extractor) -> None:
    assert _entities(listed, "Japan added Omar Haddad Khalil to its sanctions list.") == []
    assert _entities(listed, "Japan added Kamal al-Rawi al-Tikriti to its sanctions list.") == []
    assert _entities(listed, "Japan added Omar Haddad to its sanctions list.") == ["p-haddad"]
    text = "The UN Security Council removed Interior Minister Kamal al-Rawi from its sanctions list."
    assert _entities(listed, text) == ["p-sadiq"]


def test_a_generic_name_never_matches(listed: Extractor) -> None:
    assert _entities(listed, "The ban was lifted through a gazette issued by the Ministry of Defence.") == []
    assert _entities(listed, "Japan added the National Police to its sanctions list.") == []
    text = "Japan added the Ministry of the People's Forces to its sanctions list."
    assert _entities(listed, text) == ["o-ministry"]


@pytest.mark.parametrize(
    "text",
    [
        "The UN Security Council removed two Lebanese officials from the Hamas sanctions list on Monday.",
        "The UN Security Council removed Samir Nasser from its Taliban and Hamas sanctions list.",
        "Japan added three Hamas financiers to its sanctions list.",
        "The US Treasury sanctioned four senior Taliban operatives.",
        "Canada listed Hamas and Taliban members as terrorists.",
    ],
)
def test_an_organisation_qualifying_people_or_a_list_is_not_the_object(listed: Extractor, text: str) -> None:
    assert "hamas" not in _entities(listed, text)
    assert "taliban" not in _entities(listed, text)


def test_an_organisation_before_its_own_list_is_still_the_object(listed: Extractor) -> None:
    assert _entities(listed, "Japan removed Hamas and the Taliban from its sanctions list.") == [
        "hamas",
        "taliban",
    ]
    assert _entities(listed, "Japan removed the Taliban regime from its terrorist list.") == ["taliban"]


def test_a_mixed_case_acronym_matches_only_as_written() -> None:
    """ "LeT" names Lashkar-e-Taiba; the word "let" does not (nor does "Al-Qaida" turn into an acronym)."""
    extractor = Extractor(
        [
            Entity("let", "Lashkar-e-Taiba", names=(Name("LeT"),)),
            Entity("wagner", "Wagner Group", names=(Name("PMC Wagner"),)),
            Entity("aq", "al-Qaeda", names=(Name("Al-Qaida"),)),
        ]
    )
    text = "Australia let the ban on PMC Wagner lapse in March 2024."
    assert [m.value for m in extractor.orgs.find(text)] == ["wagner"]
    assert _entities(extractor, text) == ["wagner"]
    assert _entities(extractor, "India banned the LeT in 2001.") == ["let"]
    assert _entities(extractor, "India banned al-qaida in 2001.") == ["aq"]


def test_a_short_form_after_a_given_name_is_a_persons_family_name() -> None:
    """ "Haqqani" stands for the Haqqani Network only when no given name comes before it: "Sirajuddin
    Haqqani" is a person; a possessive ("Prigozhin's Wagner") or a title-case headline keeps the group."""
    extractor = Extractor(
        [
            Entity("haqqani", "Haqqani Network"),
            Entity("wagner", "Wagner Group"),
        ]
    )
    text = "The UN Security Council removed Sirajuddin Haqqani from its sanctions list."
    assert _entities(extractor, text) == []
    text = "The UN Security Council removed the Haqqani from its sanctions list."
    assert _entities(extractor, text) == ["haqqani"]
    text = "Britain proscribed Yevgeny Prigozhin's Wagner in 2023."
    assert _entities(extractor, text) == ["wagner"]
    assert [m.value for m in extractor.orgs.find("Britain Proscribes Wagner As A Terrorist Group")] == [
        "wagner"
    ]


@pytest.fixture(scope="module")
def parents() -> Extractor:
    """Organisations whose regional branches are organisations of their own."""
    return Extractor(
        [
            Entity("al-qaeda", "al-Qaeda", names=(Name("al-Qaida"),)),
            Entity(
                "isil", "Islamic State of Iraq and the Levant", names=(Name("Islamic State"), Name("ISIS"))
            ),
        ]
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A branch is not its parent: the whole name, an organisation the registry does not know.
        (
            "The US designated al-Qaeda in the Arabian Peninsula as a terrorist organisation in 2010.",
            [(None, "al-Qaeda in the Arabian Peninsula")],
        ),
        ("Canada listed ISIS-K as a terrorist entity in 2021.", [(None, "ISIS-K")]),
        (
            "The US designated Islamic State West Africa Province as a terrorist group in 2018.",
            [(None, "Islamic State West Africa Province")],
        ),
        # The parent's own longer name, whose places designate nothing; the parent alone.
        (
            "Russia banned the Islamic State in Iraq and Syria in 2014.",
            [("isil", "Islamic State of Iraq and the Levant")],
        ),
        ("The EU listed al-Qaida as a terrorist group in 2002.", [("al-qaeda", "al-Qaeda")]),
        # A month or a state after "in" is when or where, not a branch.
        ("Russia banned al-Qaida in February 2003.", [("al-qaeda", "al-Qaeda")]),
        ("Russia's ban on al-Qaida in Russia dates from 2003.", [("al-qaeda", "al-Qaeda")]),
    ],
)
def test_a_regional_branch_is_not_its_parent(
    parents: Extractor, text: str, expected: list[tuple[str | None, str]]
) -> None:
    claims = parents.extract(Document("t", text))
    assert [(c.entity_id, c.organisation) for c in claims] == expected
    assert all(c.jurisdiction in ("US", "CA", "RU", "EU") for c in claims)


@pytest.fixture(scope="module")
def spelled() -> Extractor:
    """Registry names as official lists spell them, each in one transliteration."""
    return Extractor(
        [
            Entity("al-qaeda", "al-Qaeda", names=(Name("al-Qaida"),)),
            Entity("un-qde-129", "AL-QAIDA IN THE ARABIAN PENINSULA"),
            Entity("let", "Lashkar-e-Tayyiba"),
            Entity("hizballah", "HIZBALLAH"),
            # Two entities whose names differ only in spelling: neither is linked by another spelling.
            Entity("o-ansar-one", "Ansar al-Nusra Brigade"),
            Entity("o-ansar-two", "Ansar al-Nusrah Brigade"),
        ]
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A list's transliteration is found in an outlet's.
        (
            "The US designated al-Qaeda in the Arabian Peninsula as a terrorist organisation in 2010.",
            [("un-qde-129", "US")],
        ),
        ("The US designated Al-Qa'ida in the Arabian Peninsula in 2010.", [("un-qde-129", "US")]),
        ("India banned Lashkar-i-Taiba in 2001.", [("let", "IN")]),
        ("Canada listed Hezbollah as a terrorist entity in 2002.", [("hizballah", "CA")]),
        # Each name in its own spelling links to its own entity.
        ("Australia listed Ansar al-Nusrah Brigade in 2015.", [("o-ansar-two", "AU")]),
        ("Australia listed Ansar al-Nusra Brigade in 2015.", [("o-ansar-one", "AU")]),
        # A third spelling would point to both: it links to neither.
        ("Australia listed Ansaar al-Nusra Brigade in 2015.", [(None, "AU")]),
    ],
)
def test_a_name_is_found_in_another_spelling_of_its_words(
    spelled: Extractor, text: str, expected: list[tuple[str | None, str]]
) -> None:
    claims = spelled.extract(Document("t", text))
    assert [(c.entity_id, c.jurisdiction) for c in claims] == expected


def test_spellings_never_join_different_words() -> None:
    """Only a word's own spellings are tried: "Hizb" is not "Hizballah", nor "Ansar" "Ansar Allah"."""
    extractor = Extractor([Entity("hizballah", "Hizballah"), Entity("ansar-allah", "Ansar Allah")])
    assert extractor.orgs.find("Germany banned Hizb ut-Tahrir and Ansar Dine in 2003.") == []
    assert [m.value for m in extractor.orgs.find("Germany banned Hizbollah and Ansaar Allah.")] == [
        "hizballah",
        "ansar-allah",
    ]
