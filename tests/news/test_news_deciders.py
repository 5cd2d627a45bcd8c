"""Who decides a proposal (`ExtractedClaim.decider`), on sentences written for these tests; the seeds;
the decider rules' validation; and the decider score of `eval extract --deciders`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from proscribe.cli import main
from proscribe.errors import DataError, FormatError
from proscribe.news.document import Document
from proscribe.news.evaluate import evaluate, load_decider_labels, load_gold, overlay_deciders
from proscribe.news.extract import Extractor
from proscribe.news.rules import data_dir, load_rules

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
SEEDS = SHARED / "seeds"

PROPOSAL = (
    "The ministries sent a proposal to the President to exclude the Taleban from the list of terrorist "
    "organisations in Russia."
)


def _claims(extractor: Extractor, text: str) -> list[tuple[str, str, str, str | None]]:
    return [
        (c.jurisdiction, c.organisation, c.action, c.decider) for c in extractor.extract(Document("t", text))
    ]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "The foreign ministry submitted a proposal to the President to remove the Taleban from "
            "Uzbekistan's list of banned groups.",
            ("UZ", "Taliban", "propose_delist", "President"),
        ),
        # A head of state named by surname only decides; "Putin's spokesman" is no body.
        (
            "The ministries sent a proposal to Putin to remove the Taleban from Russia's list of "
            "terrorist organisations.",
            ("RU", "Taliban", "propose_delist", "President"),
        ),
        (
            "Prosecutors asked the Supreme Court to ban Hamas in Russia.",
            ("RU", "Hamas", "propose_list", "Supreme Court"),
        ),
        (
            "Canada's parliament passed a motion calling on the government to list PMC Wagner as a "
            "terrorist entity.",
            ("CA", "Wagner Group", "propose_list", "Government"),
        ),
        (
            "The Home Secretary said she would proscribe Hamas, subject to parliamentary approval.",
            ("GB", "Hamas", "propose_list", "Parliament"),
        ),
        # The body whose ruling the act waits for; "register" is a list word like "list".
        (
            "Russia's justice ministry said the Taleban would be removed from the register once the "
            "court rules.",
            ("RU", "Taliban", "propose_delist", "court"),
        ),
    ],
)
def test_the_addressee_or_the_stated_decider_of_a_proposal(
    extractor: Extractor, text: str, want: tuple[str, str, str, str | None]
) -> None:
    assert _claims(extractor, text) == [want]


def test_the_addressee_is_not_the_authority_of_the_proposal(extractor: Extractor) -> None:
    text = "Russia's Prosecutor General's Office filed a motion with the Supreme Court to ban Hamas in May."
    (claim,) = extractor.extract(Document("t", text))
    assert (claim.action, claim.authority, claim.decider) == (
        "propose_list",
        "Prosecutor General's Office",
        "Supreme Court",
    )


def test_no_body_named_no_decider(extractor: Extractor) -> None:
    text = "Mr Putin's spokesman said Russia may remove the Taleban from its list of terrorist organisations."
    assert _claims(extractor, text) == [("RU", "Taliban", "propose_delist", None)]


@pytest.mark.parametrize("order", ["after", "before"])
def test_an_explicit_statement_overrides_the_addressee(extractor: Extractor, order: str) -> None:
    statement = "The Taleban can be removed from the list only by decision of the Supreme Court of Russia."
    text = f"{PROPOSAL} {statement}" if order == "after" else f"{statement} {PROPOSAL}"
    assert _claims(extractor, text) == [("RU", "Taliban", "propose_delist", "Supreme Court of Russia")]


@pytest.mark.parametrize(
    "statement",
    [
        "Hamas can be removed from the list only by decision of the Supreme Court.",  # another organisation
        "Only the Supreme Court can ban the Taleban.",  # the other direction
        "In Kazakhstan, the Taleban can be removed from the list only by decision of the Supreme Court.",
    ],
)
def test_a_statement_about_another_change_does_not_attach(extractor: Extractor, statement: str) -> None:
    assert _claims(extractor, f"{PROPOSAL} {statement}") == [("RU", "Taliban", "propose_delist", "President")]


@pytest.mark.parametrize(
    "statement",
    [
        "The Taleban can be removed from the list of terrorist organisations in Russia only by decision "
        "of the Supreme Court.",
        "It is up to the Supreme Court of Russia to decide whether to remove the Taleban from the list.",
        "Only the Supreme Court can ban Hamas in Russia.",
    ],
)
def test_a_statement_sentence_adds_no_claim(extractor: Extractor, statement: str) -> None:
    """A rule of procedure proposes nothing, alone or after the proposal it speaks of."""
    assert _claims(extractor, statement) == []
    assert len(extractor.extract(Document("t", f"{PROPOSAL} {statement}"))) == 1


def test_a_stated_act_beside_a_rule_of_procedure_still_counts(extractor: Extractor) -> None:
    text = (
        "The Supreme Court of Russia banned Hamas in 2003 because only the Supreme Court can ban such groups."
    )
    assert _claims(extractor, text) == [("RU", "Hamas", "list", None)]


def test_a_statement_in_the_proposals_sentence(extractor: Extractor) -> None:
    text = (
        "Japan may exclude the Taleban from its list of banned groups, but it is up to the courts to decide."
    )
    assert _claims(extractor, text) == [("JP", "Taliban", "propose_delist", "courts")]


@pytest.mark.parametrize(
    "follow_up",
    [
        "The order requires approval from Parliament.",
        "A draft order will be laid in Parliament on Wednesday.",
        "MPs are due to vote on the order on Wednesday.",
    ],
)
def test_a_later_sentence_on_the_act_names_the_decider(extractor: Extractor, follow_up: str) -> None:
    text = f"The Home Office will proscribe Hamas in Britain. {follow_up}"
    assert _claims(extractor, text) == [("GB", "Hamas", "propose_list", "Parliament")]


def test_a_ruling_on_the_request_names_the_decider(extractor: Extractor) -> None:
    for verb in ("approved", "rejected"):
        text = (
            f"The Supreme Court of Russia {verb} a request from the Justice Ministry to ban Hamas in Russia."
        )
        proposal = extractor.extract(Document("t", text))[0]
        assert (proposal.action, proposal.authority, proposal.decider) == (
            "propose_list",
            "Ministry of Justice",
            "Supreme Court of Russia",
        )


@pytest.mark.parametrize(
    ("text", "decided"),
    [
        # Granted: the court's act is reported beside the proposal it decides, dated as the ruling.
        (
            "On 3 March 2025 the Supreme Court of Russia granted the Prosecutor General's request to "
            "exclude the Taleban from the list of banned groups.",
            [("delist", "Supreme Court of Russia", "2025-03-03")],
        ),
        (
            "The Supreme Court of Russia has satisfied a lawsuit from the Justice Ministry to ban Hamas "
            "in Russia.",
            [("list", "Supreme Court of Russia", None)],
        ),
        (
            "The Justice Ministry's request to ban Hamas in Russia was approved by the Supreme Court of "
            "Russia.",
            [("list", "Supreme Court of Russia", None)],
        ),
        # Not granted, or not yet: the proposal alone.
        (
            "The Supreme Court of Russia rejected a request from the Justice Ministry to ban Hamas in "
            "Russia.",
            [],
        ),
        (
            "The Supreme Court of Russia has not approved a request from the Justice Ministry to ban Hamas "
            "in Russia.",
            [],
        ),
        (
            "The Supreme Court of Russia accepted a lawsuit from the Justice Ministry to ban Hamas in Russia "
            "for consideration.",
            [],
        ),
        # A body that only decides (the President named by surname) is never credited with an act.
        (
            "Putin approved a request from the Foreign Ministry to exclude the Taleban from Russia's list "
            "of banned groups.",
            [],
        ),
        (
            "The Supreme Court of Russia is expected to approve a request from the Justice Ministry to ban "
            "Hamas in Russia.",
            [],
        ),
    ],
)
def test_a_ruling_that_grants_the_request_is_the_act_too(
    extractor: Extractor, text: str, decided: list[tuple[str, str, str | None]]
) -> None:
    claims = extractor.extract(Document("t", text))
    assert [c.action for c in claims if c.action.startswith("propose_")] == [
        "propose_delist" if "exclude" in text else "propose_list"
    ]
    acts = [c for c in claims if not c.action.startswith("propose_")]
    assert [(c.action, c.authority, c.date.iso() if c.date else None) for c in acts] == decided
    assert all(c.rule.endswith("+granted") and c.decider is None for c in acts)


def test_the_reported_decision_names_the_decider_of_its_proposal(extractor: Extractor) -> None:
    text = (
        "Russia's Prosecutor General's Office filed a motion to ban Hamas in May 2023. "
        "The Supreme Court of Russia banned Hamas in June 2023."
    )
    assert _claims(extractor, text) == [
        ("RU", "Hamas", "propose_list", "Supreme Court of Russia"),
        ("RU", "Hamas", "list", None),
    ]


def test_the_decider_is_only_on_proposals(extractor: Extractor) -> None:
    text = "Britain proscribed Hamas in 2021 after the Home Secretary laid an order before Parliament."
    (claim,) = extractor.extract(Document("t", text))
    assert (claim.action, claim.decider) == ("list", None)
    row = claim.to_json()
    keys = list(row)
    assert row["decider"] is None and keys.index("decider") == keys.index("authority") + 1


@pytest.mark.parametrize(
    "text",
    [
        "The State Department notified Congress that it will revoke the designation of Hamas.",
        "The Home Office informed Parliament on Monday that it will proscribe Hamas in Britain.",
    ],
)
def test_a_notified_body_is_not_a_decider(extractor: Extractor, text: str) -> None:
    (claim,) = extractor.extract(Document("t", text))
    assert claim.action.startswith("propose_") and claim.decider is None


@pytest.mark.parametrize(
    ("seed", "decider"),
    [("000_6310cedfa362e261.txt", "President"), ("003_6f18ff6c816bd48a.txt", "Supreme Court of Russia")],
)
def test_the_seeds_disagree_on_who_decides(extractor: Extractor, seed: str, decider: str) -> None:
    """seed-000: a report submitted to President Putin; seed-003: a proposal sent to Putin, but "only by
    decision of the Russian Supreme Court"."""
    if not (SEEDS / seed).exists():
        pytest.skip(f"shared data not found at {SEEDS / seed} (the project's ../shared checkout)")
    claims = extractor.extract(Document(seed, (SEEDS / seed).read_text(encoding="utf-8")))
    proposals = [(c.jurisdiction, c.action, c.decider) for c in claims if c.action.startswith("propose_")]
    assert proposals == [("RU", "propose_delist", decider)]


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    shutil.copytree(data_dir(), folder)
    return folder


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "kind: addressee, body: after, pattern",
            "kind: addressee, body: above, pattern",
            r"`body` must be one of",
        ),
        (
            "bodies: [Parliament, House of Commons]",
            "bodies: [Parliament, Senate]",
            r"names no known body: Senate",
        ),
        ("id: only-by, kind: statement", "id: only-by, kind: rumour", r"\(only-by\): `kind` must be one of"),
        (
            "bodies: [Parliament, House of Commons], pattern",
            "bodies: [Parliament, House of Commons], grants: approved, pattern",
            r"\(laid-before\): `grants` must be a pattern, and only with `kind: statement`",
        ),
        (
            'grants: "\\\\b(?:approved',
            'grants: "\\\\b((?:approved',
            r"\(request-ruled-by\) grants: invalid pattern",
        ),
    ],
)
def test_bad_decider_rules_are_refused(tmp_path: Path, old: str, new: str, message: str) -> None:
    folder = _copy(tmp_path)
    path = folder / "deciders.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError, match=r"deciders\.yaml: rules.*" + message):
        load_rules(folder)


GOLD = [
    {
        "id": "a1",
        "text": PROPOSAL
        + " The Taleban can be removed from the list only by decision of the Supreme Court of Russia.",
        "events": [{"jurisdiction": "RU", "organisation": "Taliban", "action": "propose_delist"}],
    },
    {
        "id": "a2",
        "text": "The Home Office will proscribe Hamas in Britain. Hamas held a rally.",
        "events": [
            {"jurisdiction": "GB", "organisation": "Hamas", "action": "propose_list", "decider": "Parliament"}
        ],
    },
]


def test_decider_labels_overlay_the_gold_and_are_scored(tmp_path: Path, extractor: Extractor) -> None:
    gold_file = tmp_path / "gold.jsonl"
    gold_file.write_text("\n".join(json.dumps(r) for r in GOLD), encoding="utf-8")
    labels = tmp_path / "deciders.jsonl"
    labels.write_text(
        json.dumps(
            {
                "doc_id": "a1",
                "jurisdiction": "RU",
                "organisation": "Taleban",
                "action": "propose_delist",
                "decider": "Supreme Court of Russia",
            }
        ),
        encoding="utf-8",
    )
    items = overlay_deciders(load_gold(gold_file), load_decider_labels(labels), extractor.org_key_of, "x")
    report = evaluate(items, extractor.extract, extractor.org_key_of).to_json()
    # a1: right; a2 (a `decider` in the gold event itself): Parliament is not named, so none predicted.
    assert report["decider"] == {
        "labelled": 2,
        "accuracy": 0.5,
        "precision": 1.0,
        "recall": 0.5,
        "correct": 1,
        "predicted": 1,
        "gold": 2,
    }
    [wrong] = [e for e in report["errors"] if e["kind"] == "decider"]
    assert (wrong["doc_id"], wrong["gold"], wrong["predicted"]) == ("a2", "Parliament", None)


def test_a_label_that_fits_no_gold_event_names_its_line(tmp_path: Path, extractor: Extractor) -> None:
    gold_file = tmp_path / "gold.jsonl"
    gold_file.write_text("\n".join(json.dumps(r) for r in GOLD), encoding="utf-8")
    labels = tmp_path / "deciders.jsonl"
    good = {
        "doc_id": "a1",
        "jurisdiction": "RU",
        "organisation": "Taliban",
        "action": "propose_delist",
        "decider": None,
    }
    labels.write_text(json.dumps(good) + "\n" + json.dumps({**good, "jurisdiction": "KZ"}), encoding="utf-8")
    with pytest.raises(FormatError, match=r"deciders\.jsonl: line 2: no gold event in a1"):
        overlay_deciders(load_gold(gold_file), load_decider_labels(labels), extractor.org_key_of, str(labels))
    labels.write_text(json.dumps({**good, "decider": 3}), encoding="utf-8")
    with pytest.raises(FormatError, match=r"line 1: a decider label needs"):
        load_decider_labels(labels)


def test_eval_extract_deciders_option(tmp_path: Path) -> None:
    gold_file = tmp_path / "gold.jsonl"
    gold_file.write_text("\n".join(json.dumps(r) for r in GOLD), encoding="utf-8")
    labels = tmp_path / "deciders.jsonl"
    labels.write_text(
        json.dumps(
            {
                "doc_id": "a1",
                "jurisdiction": "RU",
                "organisation": "Taliban",
                "action": "propose_delist",
                "decider": "Supreme Court of Russia",
            }
        ),
        encoding="utf-8",
    )
    args = [
        "--db",
        f"sqlite:///{tmp_path / 'x.db'}",
        "eval",
        "extract",
        str(gold_file),
        "--deciders",
        str(labels),
    ]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "decider accuracy 0.500, precision 1.000, recall 0.500 on 2 matched proposals" in result.output
