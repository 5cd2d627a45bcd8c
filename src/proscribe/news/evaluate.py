"""Scoring the extractor against labelled articles (the news-dev JSONL format), as `eval extract` prints.

Events match on (jurisdiction, organisation, action), one-to-one within an article (when several
predictions fit one gold event, the one whose date, then authority, agrees is taken). Organisations
match when both names denote the same registry entity (any alias), or when their folded names are
equal, or one name's words contain the other's (for organisations the registry does not know:
"Anas Hassan Khattab" ~ "Anas Khattab"). Dates on matched events score with partial-date credit:
compatible PartialDates (e.g. 2024-06 against 2024) count; a date predicted where the gold has none,
or none where it has one, is an error. Authorities match fuzzily (token-set ratio >= 80 or
containment), both null counting as a match.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from proscribe.errors import FormatError, InputError
from proscribe.model import PartialDate
from proscribe.news.document import Document, check_text, fold
from proscribe.news.extract import ExtractedClaim

MAX_GOLD_BYTES = 200_000_000  # a labelled set is read whole; far above any real one

_DROP = re.compile(r"\b(?:the|of|and|us|u\.s\.|uk|russia|russian)\b|[^\w\s]")


@dataclass(frozen=True, slots=True)
class GoldItem:
    """One labelled article: the document and its gold events (dicts in the news-dev format)."""

    document: Document
    events: tuple[dict[str, Any], ...]


def load_gold(path: Path) -> list[GoldItem]:
    """Read a labelled JSONL file, naming the line of any malformed record."""
    items: list[GoldItem] = []
    try:
        lines = check_text(path.read_bytes(), str(path), MAX_GOLD_BYTES).splitlines()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            published = record.get("pub_date")
            day = PartialDate.parse(published).earliest if published else None
            document = Document(
                str(record["id"]), str(record["text"]), day, record.get("url"), record.get("title")
            )
            events = tuple(record.get("events") or ())
        except (json.JSONDecodeError, KeyError, TypeError, InputError) as exc:
            raise FormatError(f"{path}: line {number}: not a labelled news record: {exc}") from None
        except RecursionError:  # the decoder recurses per level of nesting
            raise FormatError(f"{path}: line {number}: JSON nested too deep to read") from None
        items.append(GoldItem(document, events))
    return items


_LABEL_KEYS = ("doc_id", "jurisdiction", "organisation", "action")


def load_decider_labels(path: Path) -> list[dict[str, Any]]:
    """Read decider labels: JSONL of {doc_id, jurisdiction, organisation, action, decider}, one per
    gold proposal event (`decider` null when the article does not say), naming a malformed line."""
    return load_labels(path, "decider")


def load_labels(path: Path, key: str) -> list[dict[str, Any]]:
    """Read labels of one field `key` (e.g. `decider`, `legal_basis`): JSONL of {doc_id, jurisdiction,
    organisation, action, <key>}, the value a string or null, naming a malformed line."""
    try:
        lines = check_text(path.read_bytes(), str(path), MAX_GOLD_BYTES).splitlines()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc}") from None
    labels: list[dict[str, Any]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise FormatError(f"{path}: line {number}: not JSON: {exc}") from None
        except RecursionError:
            raise FormatError(f"{path}: line {number}: JSON nested too deep to read") from None
        if (
            not isinstance(record, dict)
            or not all(isinstance(record.get(k), str) for k in _LABEL_KEYS)
            or key not in record
            or not (record[key] is None or isinstance(record[key], str))
        ):
            raise FormatError(
                f"{path}: line {number}: a {key.replace('_', ' ')} label needs string "
                f"{', '.join(_LABEL_KEYS)} and a `{key}` (a string or null)"
            )
        labels.append({**record, "line": number})
    return labels


def overlay_deciders(
    items: list[GoldItem], labels: list[dict[str, Any]], org_key: Callable[[str], str], source: str
) -> list[GoldItem]:
    """The gold items with each label's decider set on its gold event (see `overlay_labels`)."""
    return overlay_labels(items, labels, org_key, source, "decider")


def overlay_legal_bases(
    items: list[GoldItem], labels: list[dict[str, Any]], org_key: Callable[[str], str], source: str
) -> list[GoldItem]:
    """The gold items with every event's legal basis: the label's where one is given, else null (the
    labels name every event whose article states the law it was made under)."""
    blank = [
        replace(item, events=tuple({**event, "legal_basis": None} for event in item.events)) for item in items
    ]
    return overlay_labels(blank, labels, org_key, source, "legal_basis")


def overlay_labels(
    items: list[GoldItem], labels: list[dict[str, Any]], org_key: Callable[[str], str], source: str, key: str
) -> list[GoldItem]:
    """The gold items with each label's `key` set on its gold event: same article, jurisdiction and
    action, the same organisation (`same_org`), labels taken one-to-one in file order. A label that fits
    no event is a FormatError naming `source` and its line (a typo would otherwise go unscored)."""
    events = {item.document.id: [dict(e) for e in item.events] for item in items}
    taken: set[tuple[str, int]] = set()
    for label in labels:
        candidates = [
            (index, event)
            for index, event in enumerate(events.get(label["doc_id"], []))
            if (label["doc_id"], index) not in taken
            and (event.get("jurisdiction"), event.get("action")) == (label["jurisdiction"], label["action"])
            and same_org(
                org_key(str(event.get("organisation"))),
                org_key(label["organisation"]),
                str(event.get("organisation")),
                label["organisation"],
            )
        ]
        if not candidates:
            raise FormatError(
                f"{source}: line {label['line']}: no gold event in {label['doc_id']} is "
                f"({label['jurisdiction']}, {label['organisation']}, {label['action']})"
            )
        index, event = candidates[0]
        taken.add((label["doc_id"], index))
        event[key] = label[key]
    return [replace(item, events=tuple(events[item.document.id])) for item in items]


def laws_ok(gold: str | None, predicted: str | None) -> bool:
    """True when a predicted legal basis names the same laws as the gold one (any order; both null ok)."""

    def laws(value: str | None) -> set[str]:
        return {law.strip().casefold() for law in (value or "").split(";") if law.strip()}

    return laws(gold) == laws(predicted)


def _words(name: str) -> set[str]:
    return set(_DROP.sub(" ", fold(name)).split())


def same_org(gold_key: str, pred_key: str, gold_name: str, pred_name: str) -> bool:
    """True when a gold and a predicted organisation denote the same thing (see module doc)."""
    if gold_key == pred_key:
        return True
    a, b = _words(gold_name), _words(pred_name)
    return bool(a and b) and min(len(a), len(b)) >= 2 and (a <= b or b <= a)


def date_ok(gold: str | None, predicted: PartialDate | None) -> bool:
    """Partial-date credit: both null, or compatible PartialDates."""
    if gold is None or predicted is None:
        return gold is None and predicted is None
    return PartialDate.parse(gold).overlaps(predicted)


def authority_ok(gold: str | None, predicted: str | None) -> bool:
    """Fuzzy authority match; both null counts."""
    if gold is None or predicted is None:
        return gold is None and predicted is None
    a, b = " ".join(sorted(_words(gold))), " ".join(sorted(_words(predicted)))
    return a == b or (bool(a) and bool(b) and (a in b or b in a)) or fuzz.token_set_ratio(a, b) >= 80


@dataclass
class _Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def scores(self) -> dict[str, float | int]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1, 3),
        }


@dataclass
class Report:
    """Everything `eval extract` prints."""

    overall: _Tally = field(default_factory=_Tally)
    by_action: dict[str, _Tally] = field(default_factory=dict)
    by_jurisdiction: dict[str, _Tally] = field(default_factory=dict)
    dates: Counter[str] = field(default_factory=Counter)
    authorities: Counter[str] = field(default_factory=Counter)
    deciders: Counter[str] = field(default_factory=Counter)
    legal_bases: Counter[str] = field(default_factory=Counter)
    distractors: Counter[str] = field(default_factory=Counter)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def _count(self, action: str, jurisdiction: str, kind: str) -> None:
        for table, key in ((self.by_action, action), (self.by_jurisdiction, jurisdiction)):
            tally = table.setdefault(key, _Tally())
            setattr(tally, kind, getattr(tally, kind) + 1)
        setattr(self.overall, kind, getattr(self.overall, kind) + 1)

    def _decider_scores(self) -> dict[str, float | int]:
        return _field_scores(self.deciders)

    def _legal_basis_scores(self) -> dict[str, float | int]:
        return _field_scores(self.legal_bases)

    def score_decider(self, doc_id: str, gold: dict[str, Any], match: ExtractedClaim) -> None:
        """Count one matched proposal whose gold says who decides (`decider` key, null allowed)."""
        good = authority_ok(gold["decider"], match.decider)
        self._score(self.deciders, "decider", doc_id, gold["decider"], match.decider, good, match)

    def score_legal_basis(self, doc_id: str, gold: dict[str, Any], match: ExtractedClaim) -> None:
        """Count one matched event whose gold names the law it was made under (`legal_basis`, null ok)."""
        good = laws_ok(gold["legal_basis"], match.legal_basis)
        self._score(
            self.legal_bases, "legal_basis", doc_id, gold["legal_basis"], match.legal_basis, good, match
        )

    def _score(
        self,
        counts: Counter[str],
        kind: str,
        doc_id: str,
        expected: str | None,
        got: str | None,
        good: bool,
        match: ExtractedClaim,
    ) -> None:
        counts["labelled"] += 1
        counts["correct"] += good
        counts["predicted"] += got is not None
        counts["gold"] += expected is not None
        counts["named_correct"] += good and got is not None
        if not good:
            self.errors.append(
                {
                    "kind": kind,
                    "doc_id": doc_id,
                    "jurisdiction": match.jurisdiction,
                    "organisation": match.organisation,
                    "action": match.action,
                    "gold": expected,
                    "predicted": got,
                    "evidence": match.evidence,
                    "rule": match.rule,
                }
            )

    def to_json(self) -> dict[str, Any]:
        """The report as a JSON-ready dict."""
        matched = self.dates["correct"] + self.dates["wrong"]
        return {
            "overall": self.overall.scores(),
            "by_action": {k: v.scores() for k, v in sorted(self.by_action.items())},
            "by_jurisdiction": {k: v.scores() for k, v in sorted(self.by_jurisdiction.items())},
            "date_accuracy": round(self.dates["correct"] / matched, 3) if matched else 0.0,
            "authority_accuracy": round(self.authorities["correct"] / matched, 3) if matched else 0.0,
            "matched": matched,
            "decider": self._decider_scores(),
            "legal_basis": self._legal_basis_scores(),
            "distractors": {
                "items": self.distractors["items"],
                "items_with_claims": self.distractors["flagged"],
                "false_positives": self.distractors["claims"],
            },
            "errors": self.errors,
        }


def _field_scores(counts: Counter[str]) -> dict[str, float | int]:
    """Accuracy over the labelled matched events; precision and recall of the values named."""
    named_ok = counts["named_correct"]
    return {
        "labelled": counts["labelled"],
        "accuracy": round(counts["correct"] / counts["labelled"], 3) if counts["labelled"] else 0.0,
        "precision": round(named_ok / counts["predicted"], 3) if counts["predicted"] else 0.0,
        "recall": round(named_ok / counts["gold"], 3) if counts["gold"] else 0.0,
        "correct": counts["correct"],
        "predicted": counts["predicted"],
        "gold": counts["gold"],
    }


def evaluate(
    items: Iterable[GoldItem],
    extract: Callable[[Document], list[ExtractedClaim]],
    org_key: Callable[[str], str],
) -> Report:
    """Run `extract` on every item and score it; `org_key` maps a gold name to an entity id or itself."""
    report = Report()
    for item in items:
        predicted = extract(item.document)
        if not item.events:
            report.distractors["items"] += 1
            report.distractors["flagged"] += bool(predicted)
            report.distractors["claims"] += len(predicted)
        unmatched = list(predicted)
        for gold in item.events:
            gold_key = org_key(gold["organisation"])
            candidates = [
                p
                for p in unmatched
                if p.jurisdiction == gold["jurisdiction"]
                and p.action == gold["action"]
                and same_org(gold_key, p.org_key(), gold["organisation"], p.organisation)
            ]
            # Several predictions fit: take the one whose date (then authority) also agrees.
            match = max(
                candidates,
                key=lambda p: (
                    date_ok(gold.get("date"), p.date),
                    authority_ok(gold.get("authority"), p.authority),
                ),
                default=None,
            )
            if match is None:
                report._count(gold["action"], gold["jurisdiction"], "fn")
                report.errors.append({"kind": "miss", "doc_id": item.document.id, **gold})
                continue
            unmatched.remove(match)
            report._count(gold["action"], gold["jurisdiction"], "tp")
            good_date = date_ok(gold.get("date"), match.date)
            report.dates["correct" if good_date else "wrong"] += 1
            report.authorities[
                "correct" if authority_ok(gold.get("authority"), match.authority) else "wrong"
            ] += 1
            if gold["action"].startswith("propose_") and "decider" in gold:
                report.score_decider(item.document.id, gold, match)
            if "legal_basis" in gold:
                report.score_legal_basis(item.document.id, gold, match)
            if not good_date:
                report.errors.append(
                    {
                        "kind": "date",
                        "doc_id": item.document.id,
                        "gold": gold.get("date"),
                        "predicted": match.date.iso() if match.date else None,
                        "evidence": match.evidence,
                        "rule": match.rule,
                    }
                )
        for claim in unmatched:
            report._count(claim.action, claim.jurisdiction, "fp")
            report.errors.append({"kind": "false_alarm", **claim.to_json()})
    return report
