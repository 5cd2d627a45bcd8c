"""People in merge suggestions, weighed by their dates of birth, and reviewing suggestions in bulk.

The fixtures (tests/fixtures/lists/people): the UN list of 2021-05-01 holds five individuals,
QDi.961-965; OFSI's list of 2021-06-01 holds the same five names, written surname first, as groups
9301-9305, and a sixth, 9306 "Abu KARIM", whose name is only the UN's low-quality alias of QDi.961.
No identifier joins them, and the linker never joins people by name. Their dates of birth:

| UN      | UN date of birth | OFSI | OFSI date of birth | verdict  |
|---------|------------------|------|--------------------|----------|
| QDi.961 | 1971-03-14       | 9301 | 14/03/1971         | same_day |
| QDi.962 | 1980             | 9302 | 00/00/1980         | same     |
| QDi.963 | none             | 9303 | 00/00/1975         | unknown  |
| QDi.964 | 1955             | 9304 | 00/00/1962         | differ   |
| QDi.965 | between 1959-61  | 9305 | 00/00/1960         | agree    |
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from ingest_helpers import FIXTURES

from proscribe import query
from proscribe.cli import main
from proscribe.errors import FormatError, HostileInputError
from proscribe.ingest.lists import ingest_list
from proscribe.ingest.reviews import apply_review, read_review
from proscribe.model import person_name_key
from proscribe.model.birth import BirthStatement
from proscribe.query.identity import compare_births, judgement_list, merge_suggestions
from proscribe.store import Store

PEOPLE = FIXTURES / "people"
REASON = "same name and date of birth on both lists"


@pytest.fixture
def people(registry: Store) -> Store:
    """The bundled registry with the UN and OFSI lists of the same five people."""
    ingest_list(registry, "un-sc-consolidated", [PEOPLE / "un_2021-05-01.xml"])
    ingest_list(registry, "uk-hmt-ofsi-consolidated", [PEOPLE / "conlist_2021-06-01.csv"])
    return registry


def _cli(store: Store, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--db", store.url, *args])
    return result.exit_code, result.stdout, result.stderr


def _reviewed(
    store: Store, path: Path, decisions: dict[str, str], reasons: dict[str, str] | None = None
) -> Path:
    """The suggestion CSV as an analyst returns it: a decision (and a reason of its own) on some rows."""
    code, out, err = _cli(store, "identity", "suggest", "--kind", "person", "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    columns = [*rows[0], "reason"] if reasons else list(rows[0])
    for row in rows:
        row["decision"] = decisions.get(row["entity"], "")
        if reasons:
            row["reason"] = reasons.get(row["entity"], "")
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_a_persons_name_key_ignores_the_order_of_its_parts() -> None:
    assert person_name_key("AL-JAWLANI, Abu Muhammad") == "abu al jawlani muhammad"
    assert person_name_key("Abu Muhammad al-Jawlani") == "abu al jawlani muhammad"
    assert person_name_key("Hassan") == ""  # one part: too many people bear it
    assert person_name_key("  ") == ""


@pytest.mark.parametrize(
    ("mine", "theirs", "verdict", "said"),
    [
        (["1971-03-14", "1972"], ["1971-03-14"], "same_day", "same date of birth 1971-03-14"),
        (["1980"], ["1980", "1981"], "same", "same date of birth 1980"),
        (["1959-01-01/1961-12-31"], ["1960"], "agree", "dates of birth that can be one (1959 to 1961; 1960)"),
        (["1964"], ["1964-02-01"], "agree", "dates of birth that can be one (1964; 1964-02-01)"),
        ([], ["1975"], "unknown", "no date of birth to compare"),
        (["1955"], ["1962", "1963"], "differ", "their dates of birth differ (1955; 1962, 1963)"),
    ],
)
def test_two_peoples_dates_of_birth_are_compared_as_intervals(
    mine: list[str], theirs: list[str], verdict: str, said: str
) -> None:
    found = compare_births(
        [BirthStatement(v, "a", "1") for v in mine], [BirthStatement(v, "b", "2") for v in theirs]
    )
    assert (found.verdict, found.said) == (verdict, said)


def test_people_sharing_a_name_are_suggested_strongest_dates_of_birth_first(people: Store) -> None:
    code, out, err = _cli(people, "identity", "suggest", "--kind", "person", "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["entity"], r["into"], r["kind"], r["births"], r["why"], r["decision"]) for r in rows] == [
        (
            "un-qdi-961",
            "gb-hmt-9301",
            "person",
            "same_day",
            "same name 'KARIM EXAMPLE AL-MUSTERI'; same date of birth 1971-03-14",
            "",
        ),
        (
            "un-qdi-962",
            "gb-hmt-9302",
            "person",
            "same",
            "same name 'NADIR SAMPLEZADEH'; same date of birth 1980",
            "",
        ),
        (
            "un-qdi-965",
            "gb-hmt-9305",
            "person",
            "agree",
            "same name 'SAMIR BETWEENSON'; dates of birth that can be one (1959 to 1961; 1960)",
            "",
        ),
        (
            "un-qdi-963",
            "gb-hmt-9303",
            "person",
            "unknown",
            "same name 'OMAR TESTOVIC'; no date of birth to compare",
            "",
        ),
        (
            "un-qdi-964",
            "gb-hmt-9304",
            "person",
            "differ",
            "same name 'YUSUF PLACEHOLDI'; but their dates of birth differ (1955; 1962)",
            "",
        ),
    ]
    # 9306 "Abu KARIM" shares only a low-quality alias of QDi.961 with it: not suggested.
    everything = merge_suggestions(people.reader(), limit=500)
    assert not [s for s in everything["suggestions"] if "gb-hmt-9306" in (s["entity"]["id"], s["into"]["id"])]
    first = everything["suggestions"][0]
    assert first["birth_dates"] == {"verdict": "same_day", "entity": ["1971-03-14"], "into": ["1971-03-14"]}
    assert first["shared"] == [
        {"via": "name", "value": "KARIM EXAMPLE AL-MUSTERI", "other_value": "Karim Example AL-MUSTERI"}
    ]
    # Organisations only: none of them (the bundled namesakes are judged distinct by the dataset).
    code, out, _ = _cli(people, "identity", "suggest", "--kind", "organisation", "--format", "json")
    assert json.loads(out) == {"count": 0, "suggestions": []}


def test_a_reviewed_file_records_every_decision_at_once_and_again_changes_nothing(
    people: Store, tmp_path: Path
) -> None:
    review = _reviewed(
        people,
        tmp_path / "review.csv",
        {"un-qdi-961": "merge", "un-qdi-962": "Merge", "un-qdi-964": "distinct"},
        {"un-qdi-962": "born 1980 on both lists; the UK spells the name as the UN does"},
    )
    code, out, err = _cli(people, "identity", "review", str(review), "--reason", REASON, "--by", "analyst")
    assert code == 0, err
    assert out.splitlines()[0] == f"{review}: 2 merged, 1 judged distinct, 0 already in force, 2 undecided"
    held = {
        (j["judgement"], j["entity"]["id"], j["other"]["id"], j["reason"], j["decided_by"])
        for j in judgement_list(people.reader())["judgements"]
        if j["decided_by"] == "analyst"
    }
    assert held == {
        ("same", "un-qdi-961", "gb-hmt-9301", REASON, "analyst"),
        (
            "same",
            "un-qdi-962",
            "gb-hmt-9302",
            "born 1980 on both lists; the UK spells the name as the UN does",
            "analyst",
        ),
        ("distinct", "gb-hmt-9304", "un-qdi-964", REASON, "analyst"),
    }
    # One person now: the UN's record is read as the UK's, on both lists.
    answer = query.status(people.reader(), "un-qdi-961")
    assert answer["entity"]["id"] == "gb-hmt-9301"
    assert sorted(item["list"] for j in answer["jurisdictions"] for item in j["lists"]) == [
        "gb-hmt",
        "gb-sanctions-ct",
        "un-1267",
    ]
    left = [
        (s["entity"]["id"], s["into"]["id"])
        for s in merge_suggestions(people.reader(), kind="person")["suggestions"]
    ]
    assert left == [("un-qdi-965", "gb-hmt-9305"), ("un-qdi-963", "gb-hmt-9303")]

    before = people.reader().content_hash()
    code, out, err = _cli(people, "identity", "review", str(review), "--reason", REASON, "--format", "json")
    assert code == 0, err
    assert json.loads(out) == {"merged": 0, "distinct": 0, "already": 3, "undecided": 2, "judgements": []}
    assert people.reader().content_hash() == before


@pytest.mark.parametrize(
    ("decisions", "message"),
    [
        (
            {"un-qdi-961": "merge", "un-qdi-962": "yes"},
            "line 3: decision 'yes' is not one of merge, distinct",
        ),
        ({"un-qdi-961": "merge", "un-qdi-965": "merge"}, "line 4: unknown entity id 'nobody'"),
    ],
)
def test_a_bad_row_names_its_line_and_records_nothing(
    people: Store, tmp_path: Path, decisions: dict[str, str], message: str
) -> None:
    review = _reviewed(people, tmp_path / "review.csv", decisions)
    if "unknown entity" in message:  # an id the store does not hold, on the third pair's row
        text = review.read_text(encoding="utf-8").replace("un-qdi-965,", "nobody,", 1)
        review.write_text(text, encoding="utf-8")
    before = people.reader().content_hash()
    code, _, err = _cli(people, "identity", "review", str(review), "--reason", REASON)
    assert code != 0
    assert f"{review}: {message}" in err
    assert people.reader().content_hash() == before
    assert not [j for j in judgement_list(people.reader())["judgements"] if j["reason"] == REASON]


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        (b"entity,into\nun-qdi-961,gb-hmt-9301\n", FormatError, "review.csv: line 1: no column 'decision'"),
        (b"", FormatError, "review.csv: the file is empty"),
        (
            b"entity,into,decision\nun-qdi-961,,merge\n",
            FormatError,
            "line 2: a row needs both an entity and an into id",
        ),
        (
            b"entity,into,decision\na,b,merge\nb,a,distinct\n",
            FormatError,
            "line 3: b and a were already decided on line 2",
        ),
        (b"entity,into,decision\nM\xfcller,b,merge\n", FormatError, "line 2: not UTF-8 text (byte 0xfc)"),
        (b"entity,into,decision\n\x00\x01", HostileInputError, "line 2: binary content"),
        (b'entity,into,decision\n"a,b,merge\n', FormatError, "malformed CSV"),
    ],
)
def test_a_malformed_review_file_is_refused_by_line(
    data: bytes, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_review(data, "review.csv")


def test_a_review_over_the_size_limit_is_refused_before_it_is_read(people: Store) -> None:
    from proscribe.ingest.reviews import MAX_REVIEW_BYTES

    with pytest.raises(FormatError, match="a review file holds at most"):
        apply_review(people, b"x" * (MAX_REVIEW_BYTES + 1), "huge.csv", REASON)


def test_on_the_real_ofac_and_uk_lists_the_same_people_are_suggested_with_their_dates_of_birth(
    tmp_path: Path, shared_dir: Path
) -> None:
    """Checked by hand in the files: OFAC's 2024 sdn.csv gives 15945 "AL-JAWLANI, Abu Muhammad"
    "DOB 1977; alt. DOB 1975; ..." (1975 to 1979) and 12218 "YUN, Ho-Jin" "DOB 13 Oct 1944"; the
    UK's 2014 list writes group 12883 "Abu Muhammad AL-JAWLANI" with the same five years (a row
    each) and group 10914 "Yun HO-JIN" born 13/10/1944. No identifier joins them."""
    from ingest_helpers import fresh_store, shared

    store = fresh_store(tmp_path)
    ingest_list(
        store,
        "uk-hmt-ofsi-consolidated",
        [shared("uk-hmt-ofsi-consolidated", "hmt-sanctionsconlist_2014-04-02.csv")],
    )
    ingest_list(
        store,
        "us-ofac-sdn-csv",
        [shared("us-ofac-sdn-csv", "2024-04", "sdn.csv")],
        snapshot_date=date(2024, 4, 10),
    )
    found = merge_suggestions(store.reader(), limit=5000, kind="person")["suggestions"]
    by_pair = {(s["entity"]["id"], s["into"]["id"]): s for s in found}
    jawlani = by_pair[("ofac-15945", "gb-hmt-12883")]
    assert jawlani["birth_dates"] == {
        "verdict": "same",
        "entity": ["1975", "1976", "1977", "1978", "1979"],
        "into": ["1975", "1976", "1977", "1978", "1979"],
    }
    # OFAC writes "nationality Syria", the UK "Syrian": one state.
    assert (
        jawlani["why"]
        == "same name 'AL-JAWLANI, Abu Muhammad'; same date of birth 1975; same nationality (Syria)"
    )
    assert jawlani["nationalities"] == {"verdict": "same", "entity": ["Syria"], "into": ["Syrian"]}
    yun = by_pair[("ofac-12218", "gb-hmt-10914")]
    assert (yun["birth_dates"]["verdict"], yun["why"]) == (
        "same_day",
        "same name 'YUN, Ho-Jin'; same date of birth 1944-10-13",
    )
    # Strongest first: every pair known to the day before any known by year, and namesakes last.
    verdicts = [s["birth_dates"]["verdict"] for s in found if not s["listed_apart"]]
    order = ["same_day", "same", "agree", "unknown", "differ"]
    assert verdicts == sorted(verdicts, key=order.index)
