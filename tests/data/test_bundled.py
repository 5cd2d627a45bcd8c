"""The bundled dataset and vocabularies: valid as a whole, and every error names file and entry."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from proscribe import vocab
from proscribe.errors import DataError
from proscribe.model import ACTIONS, Identifier
from proscribe.sources import bundled


def test_dataset_counts_match_the_curated_facts() -> None:
    batch = bundled.load_batch()
    assert len(batch.entities) == 56
    assert len(batch.claims) == 380
    assert len({c.jurisdiction for c in batch.claims}) == 42
    assert Counter(c.kind for c in batch.claims) == {"event": 361, "state": 19}


def test_every_claim_is_valid_and_sourced() -> None:
    batch = bundled.load_batch()
    entity_ids = {e.id for e in batch.entities}
    sources = {s.id: s for s in batch.sources}
    lists = vocab.lists()
    for claim in batch.claims:
        assert claim.entity_id in entity_ids
        assert claim.list_id in lists and lists[claim.list_id].jurisdiction == claim.jurisdiction
        assert claim.jurisdiction in vocab.jurisdictions()
        assert claim.action in ACTIONS if claim.kind == "event" else claim.state == "listed"
        assert claim.date.earliest is not None
        source = sources[claim.source_id]
        assert source.uri.startswith("http") and source.title
        if source.published_on is not None and claim.date.earliest is not None:
            # A publication date read from a URL may precede the event only by an announcement's lead time.
            assert (claim.date.earliest - source.published_on).days <= 30, (claim, source)


def test_entities_have_multi_script_aliases() -> None:
    taliban = next(e for e in bundled.load_entities() if e.id == "taliban")
    assert {n.script for n in taliban.all_names()} == {"Latn", "Cyrl", "Arab"}
    assert "Талибан" in {n.value for n in taliban.all_names()}


def test_every_list_label_of_the_facts_maps_to_a_list() -> None:
    assert (
        vocab.list_for_name("RU", "Unified federal list of organisations recognised as terrorist").id
        == "ru-terrorist"
    )  # type: ignore[union-attr]
    assert (
        vocab.list_for_name("SA", "GCC collective designation of terrorist organisations").id
        == "sa-gcc-terrorist"
    )  # type: ignore[union-attr]
    assert vocab.list_for_name("RU", "no such list") is None


def test_vocabulary_errors_name_file_and_entry(tmp_path: Path) -> None:
    bad = tmp_path / "lists.yaml"
    bad.write_text("lists:\n  - {id: x-list, jurisdiction: XQ, kind: terrorist, name: X}\n", encoding="utf-8")
    entries = vocab.load_yaml(bad, "lists")
    assert entries[0]["id"] == "x-list"
    broken = tmp_path / "broken.yaml"
    broken.write_text("lists: {not: a list}\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"broken\.yaml: expected a top-level `lists:` list"):
        vocab.load_yaml(broken, "lists")


def test_bad_claim_record_names_line_and_field() -> None:
    record = {
        "entity": "taliban",
        "jurisdiction": "RU",
        "list": "kz-terrorist",
        "kind": "event",
        "action": "list",
        "date": "2003-02-14",
        "source": {"url": "https://example.org/a"},
    }
    with pytest.raises(DataError, match=r"claims.jsonl:7: field `list`: kz-terrorist belongs to KZ, not RU"):
        bundled.parse_claim(record, "claims.jsonl:7", {"taliban"})
    with pytest.raises(DataError, match=r"claims.jsonl:8: field `entity`: unknown entity 'nobody'"):
        bundled.parse_claim({**record, "entity": "nobody"}, "claims.jsonl:8", {"taliban"})
    with pytest.raises(DataError, match=r"field `date`"):
        bundled.parse_claim(
            {**record, "list": "ru-terrorist", "date": "14/02/2003"}, "claims.jsonl:9", {"taliban"}
        )


def test_dataset_judgements_name_bundled_namesakes() -> None:
    shipped = {(j.entity_id, j.other_id) for j in bundled.load_judgements()}
    assert shipped == {
        ("the-base", "al-qaeda"),
        ("trf", "lashkar-e-taiba"),
        ("jamaat-ud-dawa", "lashkar-e-taiba"),
        ("houthis", "hezbollah"),
        ("pij", "hezbollah"),
        ("imu", "etim"),
        ("isil", "hts"),
    }
    # Each pair really shares a name: without that, the judgement would answer no suggestion. Four
    # share one only through an official list's alias (of Hezbollah's entry, of ETIM's, of al-Qaida in
    # Iraq's): tested on the real files (tests/ingest_lists/test_dataset_namesakes.py).
    through_a_list = {("houthis", "hezbollah"), ("pij", "hezbollah"), ("imu", "etim"), ("isil", "hts")}
    names = {e.id: {n.value for n in e.all_names()} for e in bundled.load_entities()}
    for entity_id, other_id in shipped - through_a_list:
        assert names[entity_id] & names[other_id], (entity_id, other_id)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("version: 2\ndecided_on: 2026-01-01\njudgements: []\n", "`version` must be 1, not 2"),
        ("version: 1\ndecided_on: soon\njudgements: []\n", "`decided_on`: malformed date 'soon'"),
        (
            "version: 1\ndecided_on: 2026-01-01\njudgements:\n- {entity: a, other: zz, reason: r}\n",
            "judgements[0]: field `other`: unknown entity 'zz'",
        ),
        (
            "version: 1\ndecided_on: 2026-01-01\njudgements:\n- {entity: a, other: a, reason: r}\n",
            "judgements[0]: an entity is never distinct from itself (a)",
        ),
        (
            "version: 1\ndecided_on: 2026-01-01\njudgements:\n- {entity: a, other: p, reason: r}\n",
            "a (organisation) and p (person) are of different kinds",
        ),
        (
            "version: 1\ndecided_on: 2026-01-01\njudgements:\n- {entity: a, other: b, reason: r}\n"
            "- {entity: b, other: a, reason: r}\n",
            "judgements[1]: b and a are judged twice",
        ),
        (
            "version: 1\ndecided_on: 2026-01-01\njudgements:\n- {entity: a, other: b, reason: ' '}\n",
            "judgements[0]: missing or empty `reason`",
        ),
        (
            "version: 1\ndecided_on: 2026-01-01\njudgements:\n- {entity: a, other: b, reason: r, by: x}\n",
            "judgements[0]: unknown field(s) by",
        ),
    ],
)
def test_bad_dataset_judgements_name_file_entry_and_field(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "judgements.yaml"
    path.write_text(body, encoding="utf-8")
    kinds = {"a": "organisation", "b": "organisation", "p": "person"}
    with pytest.raises(DataError) as caught:
        bundled.read_judgements(path, kinds)
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)


def test_the_dataset_gives_bundled_organisations_their_list_numbers() -> None:
    numbers = {e.id: sorted(i.key() for i in e.identifiers) for e in bundled.load_entities() if e.identifiers}
    assert numbers["isil"] == ["gb-hmt:8441", "ofac:8759", "un:QDe.115"]
    assert numbers["hts"] == ["ofac:16937", "un:QDe.137"]
    assert numbers["eta"] == ["gb-hmt:7083", "ofac:4693"]
    assert numbers["houthis"] == ["un:YEe.001"]
    assert len(numbers) == 30
    assert sum(len(keys) for keys in numbers.values()) == 59  # 13 UN, 27 OFAC, 19 UK (HMT group ids)
    # OFAC's FARC-EP dissidents share the alias FARC-EP with the FARC, and are not it.
    assert bundled.numbers_kept_apart() == {Identifier("ofac", "33983"): frozenset({"farc"})}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("version: 2\nlist_numbers: []\n", "`version` must be 1, not 2"),
        (
            "version: 1\nlist_numbers:\n- {entity: a, scheme: unn, value: QDe.1, record: A, checked: f}\n",
            "list_numbers[0]: field `scheme`: 'unn' is no source's identifier scheme",
        ),
        (
            "version: 1\nlist_numbers:\n- {entity: a, scheme: un, value: QDe.1, record: A, checked: f}\n"
            "- {entity: b, scheme: un, value: QDe.1, record: B, checked: f}\n",
            "list_numbers[1]: un:QDe.1 is given to a already (here: b); one number names one designee",
        ),
        (
            "version: 1\nlist_numbers:\n- {entity: a, scheme: un, value: ' ', record: A, checked: f}\n",
            "list_numbers[0]: missing or empty `value`",
        ),
        (
            "version: 1\nlist_numbers:\n- {entity: a, scheme: un, value: QDe.1, record: A}\n",
            "list_numbers[0]: missing or empty `checked`",
        ),
        (
            "version: 1\nlist_numbers:\n"
            "- {entity: a, scheme: un, value: QDe.1, record: A, checked: f, x: 1}\n",
            "list_numbers[0]: unknown field(s) x",
        ),
        (
            "version: 1\nlist_numbers: []\nkept_apart:\n"
            "- {entity: a, scheme: ofac, value: '1', record: A, checked: f}\n",
            "kept_apart[0]: missing or empty `reason`",
        ),
        (
            "version: 1\nlist_numbers:\n- {entity: a, scheme: ofac, value: '1', record: A, checked: f}\n"
            "kept_apart:\n- {entity: a, scheme: ofac, value: '1', record: A, checked: f, reason: r}\n",
            "kept_apart[0]: ofac:1 is given to a in `list_numbers` and kept apart from it here",
        ),
        (
            "version: 1\nlist_numbers: []\nkept_apart:\n"
            "- {entity: a, scheme: ofac, value: '1', record: A, checked: f, reason: r}\n"
            "- {entity: a, scheme: ofac, value: '1', record: B, checked: f, reason: r}\n",
            "kept_apart[1]: ofac:1 is kept apart from a twice",
        ),
        (
            "version: 1\nlist_numbers: []\nkept_apart:\n"
            "- {entity: a, scheme: eu, value: '1', record: A, checked: f, reason: r}\n",
            "kept_apart[0]: field `scheme`: 'eu' is no source's identifier scheme",
        ),
    ],
)
def test_bad_list_numbers_name_file_entry_and_field(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "list_numbers.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        bundled.read_list_numbers(path, frozenset({"un", "ofac"}))
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)
