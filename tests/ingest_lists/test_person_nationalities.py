"""People's nationalities: read from the lists, kept with their record, weighed in identity suggestions.

The fixtures (tests/fixtures/lists/people-nationalities): the UN list of 2021-05-01 holds five
individuals, QDi.971-975; OFSI's list of 2021-06-01 the same five names, surname first, as groups
9311-9315. No identifier joins them, and the linker never joins people by name. What they state:

| UN      | UN nationality      | born | OFSI | OFSI nationality         | born | nationalities |
|---------|---------------------|------|------|--------------------------|------|---------------|
| QDi.971 | Afghanistan         | 1970 | 9311 | Afghan                   | 1970 | same          |
| QDi.972 | Somalia             | 1970 | 9312 | (1) Kenyan (2) Swedish   | 1970 | differ        |
| QDi.973 | former Soviet Union | -    | 9313 | Russian                  | -    | unknown       |
| QDi.974 | Iraq                | -    | 9314 | none                     | -    | unknown       |
| QDi.975 | Tunisia             | 1966 | 9315 | none                     | 1966 | unknown       |

QDi.975 and 9315 also share the alias "Tariq Abu Probandi": two names in common.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from ingest_helpers import FIXTURES

from proscribe.ingest.lists import ingest_list
from proscribe.ingest.reviews import read_review
from proscribe.model.nationality import NationalityStatement
from proscribe.query.history import entity_detail
from proscribe.query.identity import compare_nationalities, merge_suggestions, review_csv
from proscribe.store import Store

PEOPLE = FIXTURES / "people-nationalities"
UN, OFSI = "un-sc-consolidated", "uk-hmt-ofsi-consolidated"


@pytest.fixture
def people(registry: Store) -> Store:
    """The bundled registry with the UN and OFSI lists of the same five people."""
    ingest_list(registry, UN, [PEOPLE / "un_2021-05-01.xml"])
    ingest_list(registry, OFSI, [PEOPLE / "conlist_2021-06-01.csv"])
    return registry


def test_the_listed_nationalities_are_kept_with_their_record(people: Store) -> None:
    found = people.reader().nationalities(["un-qdi-972", "gb-hmt-9312", "gb-hmt-9314"])
    assert found == {
        "un-qdi-972": [NationalityStatement("Somalia", UN, "QDi.972")],
        "gb-hmt-9312": [
            NationalityStatement("Kenyan", OFSI, "9312"),
            NationalityStatement("Swedish", OFSI, "9312"),
        ],
    }
    assert entity_detail(people.reader(), "gb-hmt-9311")["nationalities"] == [
        {"value": "Afghan", "source": OFSI, "record": "9311"}
    ]


def test_people_sharing_a_nationality_rank_first_and_differing_ones_are_doubted(people: Store) -> None:
    """The ranking: first the pairs no caution doubts, by shared identifiers, then the strength of
    their dates of birth, then a nationality in common, then how many names they share. QDi.971's
    pair (a year of birth and a nationality in common, one name) so comes before QDi.975's (a year
    of birth, two names): without the nationality it would come after. QDi.972's lists name only
    other states and no identifier joins them: it ranks last, with that doubt."""
    suggestions = merge_suggestions(people.reader(), kind="person")["suggestions"]
    assert [(s["entity"]["id"], s["into"]["id"], s["cautions"], s["why"]) for s in suggestions] == [
        (
            "un-qdi-971",
            "gb-hmt-9311",
            [],
            "same name 'HAMID EXAMPLO AL-TESTANI'; same date of birth 1970; same nationality (Afghanistan)",
        ),
        (
            "un-qdi-975",
            "gb-hmt-9315",
            [],
            "2 names in common: 'TARIQ PROBANDI', 'Tariq Abu Probandi'; same date of birth 1966",
        ),
        ("un-qdi-973", "gb-hmt-9313", [], "same name 'ZAID MUSTERMANI'; no date of birth to compare"),
        ("un-qdi-974", "gb-hmt-9314", [], "same name 'BILAL EXEMPLARI'; no date of birth to compare"),
        (
            "un-qdi-972",
            "gb-hmt-9312",
            ["their lists give different nationalities (Somalia; Kenyan, Swedish)"],
            "same name 'YUSUF SAMPLARI'; same date of birth 1970; "
            "but their lists give different nationalities (Somalia; Kenyan, Swedish)",
        ),
    ]
    assert [s["nationalities"] for s in suggestions] == [
        {"verdict": "same", "entity": ["Afghanistan"], "into": ["Afghan"]},
        {"verdict": "unknown", "entity": ["Tunisia"], "into": []},
        # "former Soviet Union" names no state the vocabulary knows: nothing to compare with.
        {"verdict": "unknown", "entity": ["former Soviet Union"], "into": ["Russian"]},
        {"verdict": "unknown", "entity": ["Iraq"], "into": []},
        {"verdict": "differ", "entity": ["Somalia"], "into": ["Kenyan", "Swedish"]},
    ]


def _said(mine: list[str], theirs: list[str]) -> tuple[str, str]:
    found = compare_nationalities(
        [NationalityStatement(v, "a", "1") for v in mine], [NationalityStatement(v, "b", "2") for v in theirs]
    )
    return found.verdict, found.said


@pytest.mark.parametrize(
    ("mine", "theirs", "verdict", "said"),
    [
        # Each list's own way of writing one state: a name, a code, an alpha-3 code, a word for its nationals.
        (["Afghanistan"], ["af"], "same", "same nationality (Afghanistan)"),
        (
            ["Korea, North"],
            ["Democratic People's Republic of Korea"],
            "same",
            "same nationality (North Korea)",
        ),
        (["IRQ", "JOR"], ["Iraqi"], "same", "same nationality (Iraq)"),
        (["Iranian (Iranian citizenship)"], ["Iran"], "same", "same nationality (Iran)"),
        (["Hong Kong"], ["China"], "same", "same nationality (China)"),  # a territory brings its state
        (["Somali", "Swedish"], ["SE"], "same", "same nationality (Sweden)"),
        (["North Macedonia, The Republic of"], ["Macedonian"], "same", "same nationality (North Macedonia)"),
        (["Tunisia"], ["Morocco"], "differ", "their lists give different nationalities (Tunisia; Morocco)"),
        (["Tunisia"], [], "unknown", "no nationality to compare"),
        # "Congolese" names two states, so it is no state's word: nothing to weigh.
        (["Congolese"], ["Rwanda"], "unknown", "no nationality to compare"),
        (
            ["Not registered as a citizen of the Russian Federation"],
            ["Russia"],
            "unknown",
            "no nationality to compare",
        ),
    ],
)
def test_nationalities_are_compared_as_the_states_they_name(
    mine: list[str], theirs: list[str], verdict: str, said: str
) -> None:
    assert _said(mine, theirs) == (verdict, said)


def test_the_review_file_gives_the_nationalities_verdict_and_an_older_file_is_still_read(
    people: Store,
) -> None:
    text = review_csv(merge_suggestions(people.reader(), kind="person"))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == ["entity", "into", "kind", "births", "nationalities", "why", "decision"]
    assert [(r["entity"], r["births"], r["nationalities"]) for r in rows] == [
        ("un-qdi-971", "same", "same"),
        ("un-qdi-975", "same", "unknown"),
        ("un-qdi-973", "unknown", "unknown"),
        ("un-qdi-974", "unknown", "unknown"),
        ("un-qdi-972", "same", "differ"),
    ]
    # A file written before the column existed is read as before.
    older = "entity,into,kind,births,why,decision\nun-qdi-971,gb-hmt-9311,person,same,same name,merge\n"
    [decision] = read_review(older.encode(), "review.csv")
    assert (decision.entity_id, decision.other_id, decision.decision) == (
        "un-qdi-971",
        "gb-hmt-9311",
        "merge",
    )


def test_a_later_snapshot_adding_a_nationality_moves_the_content_hash_and_changes_no_listing(
    people: Store, tmp_path: Path
) -> None:
    """OFSI's later list gives 9314 "Iraqi": the pair with QDi.974 gains a nationality in common. The
    same file again is held already and adds nothing."""
    reader = people.reader()
    before = reader.content_hash()
    text = (PEOPLE / "conlist_2021-06-01.csv").read_text(encoding="utf-8")
    later = text.replace("01/06/2021", "01/07/2021", 1).replace(
        "EXEMPLARI,Bilal,,,,,,,,,,", "EXEMPLARI,Bilal,,,,,,,,,Iraqi,"
    )
    assert later.count("Iraqi") == 1
    path = tmp_path / "conlist_2021-07-01.csv"
    path.write_text(later, encoding="utf-8", newline="")
    report = ingest_list(people, OFSI, [path])
    assert report.changes == {}  # a nationality read is not an amendment of the listing
    assert reader.content_hash() != before  # cached suggestions must not answer without it
    assert reader.nationalities(["gb-hmt-9314"]) == {
        "gb-hmt-9314": [NationalityStatement("Iraqi", OFSI, "9314")]
    }
    [pair] = [
        s for s in merge_suggestions(reader, kind="person")["suggestions"] if s["into"]["id"] == "gb-hmt-9314"
    ]
    assert pair["why"] == "same name 'BILAL EXEMPLARI'; no date of birth to compare; same nationality (Iraq)"
    again = ingest_list(people, OFSI, [path])
    assert (again.already_held, again.new_claims) == (True, 0)


def test_a_shared_identifier_outweighs_differing_nationalities(registry: Store) -> None:
    """OFSI's list of 2021-07-01 (tests/fixtures/lists/people-shared-ref) gives the UN reference
    QDi.972 in two groups, 9321 (Kenyan) and 9322 (Swedish): an ambiguous link, so each is an entity
    of its own. Paired with the UN's QDi.972 (Somalia), each shares that identifier: the lists'
    differing nationalities are kept in the pair's `nationalities` but raise no caution (a list often
    leaves out a second nationality; the reference names the UN entry). The two OFSI groups share it
    too, and are doubted only because OFSI lists them as separate records."""
    ingest_list(registry, UN, [PEOPLE / "un_2021-05-01.xml"])
    ingest_list(registry, OFSI, [FIXTURES / "people-shared-ref" / "conlist_2021-07-01.csv"])
    suggestions = merge_suggestions(registry.reader(), kind="person")["suggestions"]
    assert [(s["entity"]["id"], s["into"]["id"], s["cautions"], s["nationalities"]) for s in suggestions] == [
        (
            "un-qdi-972",
            "gb-hmt-9321",
            [],
            {"verdict": "differ", "entity": ["Somalia"], "into": ["Kenyan"]},
        ),
        (
            "un-qdi-972",
            "gb-hmt-9322",
            [],
            {"verdict": "differ", "entity": ["Somalia"], "into": ["Swedish"]},
        ),
        (
            "gb-hmt-9322",
            "gb-hmt-9321",
            ["uk-hmt-ofsi-consolidated lists them as separate records (9321, 9322)"],
            {"verdict": "differ", "entity": ["Swedish"], "into": ["Kenyan"]},
        ),
    ]
    assert (
        suggestions[0]["why"]
        == "same identifier un QDi.972; same name 'YUSUF SAMPLARI'; same date of birth 1970"
    )
