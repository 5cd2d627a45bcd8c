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
from dataclasses import dataclass, field
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
    distractors: Counter[str] = field(default_factory=Counter)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def _count(self, action: str, jurisdiction: str, kind: str) -> None:
        for table, key in ((self.by_action, action), (self.by_jurisdiction, jurisdiction)):
            tally = table.setdefault(key, _Tally())
            setattr(tally, kind, getattr(tally, kind) + 1)
        setattr(self.overall, kind, getattr(self.overall, kind) + 1)

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
            "distractors": {
                "items": self.distractors["items"],
                "items_with_claims": self.distractors["flagged"],
                "false_positives": self.distractors["claims"],
            },
            "errors": self.errors,
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
