"""The legal-basis score of `eval extract --legal-bases`: labels overlay the gold, unlabelled events
count as stating no law (articles written for this test)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from proscribe.cli import main
from proscribe.errors import FormatError
from proscribe.model import Entity, Name
from proscribe.news.evaluate import evaluate, load_gold, load_labels, overlay_legal_bases
from proscribe.news.extract import Extractor

GOLD = [
    {
        "id": "b1",
        "text": "The Home Secretary proscribed Hamas under the Terrorism Act 2000 in November 2021.",
        "events": [{"jurisdiction": "GB", "organisation": "Hamas", "action": "list", "date": "2021-11"}],
    },
    {
        "id": "b2",
        "text": "Canada listed Hamas as a terrorist entity in 2002. New Zealand listed Hamas in 2010.",
        "events": [
            {"jurisdiction": "CA", "organisation": "Hamas", "action": "list", "date": "2002"},
            {"jurisdiction": "NZ", "organisation": "Hamas", "action": "list", "date": "2010"},
        ],
    },
]
LABELS = [
    {
        "doc_id": "b1",
        "jurisdiction": "GB",
        "organisation": "Hamas",
        "action": "list",
        "legal_basis": "Terrorism Act 2000",
    },
    # The article does not say so; a label saying it does is scored as a miss.
    {
        "doc_id": "b2",
        "jurisdiction": "CA",
        "organisation": "Hamas",
        "action": "list",
        "legal_basis": "Criminal Code",
    },
]


def _files(tmp_path: Path) -> tuple[Path, Path]:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(r) for r in GOLD), encoding="utf-8")
    labels = tmp_path / "laws.jsonl"
    labels.write_text("\n".join(json.dumps(r) for r in LABELS), encoding="utf-8")
    return gold, labels


def test_legal_basis_labels_overlay_the_gold_and_are_scored(tmp_path: Path) -> None:
    extractor = Extractor([Entity("hamas", "Hamas", names=(Name("HAMAS"),))])
    gold, labels = _files(tmp_path)
    items = overlay_legal_bases(
        load_gold(gold), load_labels(labels, "legal_basis"), extractor.org_key_of, "x"
    )
    report = evaluate(items, extractor.extract, extractor.org_key_of).to_json()
    # b1 right; b2's Canada label missed; b2's New Zealand event (unlabelled: no law) right.
    assert report["legal_basis"] == {
        "labelled": 3,
        "accuracy": 0.667,
        "precision": 1.0,
        "recall": 0.5,
        "correct": 2,
        "predicted": 1,
        "gold": 2,
    }
    [wrong] = [e for e in report["errors"] if e["kind"] == "legal_basis"]
    assert (wrong["doc_id"], wrong["gold"], wrong["predicted"]) == ("b2", "Criminal Code", None)


def test_a_legal_basis_label_must_be_a_string_or_null(tmp_path: Path) -> None:
    labels = tmp_path / "laws.jsonl"
    labels.write_text(json.dumps({**LABELS[0], "legal_basis": ["Terrorism Act 2000"]}), encoding="utf-8")
    with pytest.raises(FormatError, match=r"laws\.jsonl: line 1: a legal basis label needs"):
        load_labels(labels, "legal_basis")


def test_eval_extract_legal_bases_option(tmp_path: Path) -> None:
    gold, labels = _files(tmp_path)
    args = [
        "--db",
        f"sqlite:///{tmp_path / 'x.db'}",
        "eval",
        "extract",
        str(gold),
        "--legal-bases",
        str(labels),
    ]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (
        "legal basis accuracy 0.667, precision 1.000, recall 0.500 on 3 matched events (2 stating a law)"
        in (result.output)
    )
