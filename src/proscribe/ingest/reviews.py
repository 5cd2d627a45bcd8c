"""Apply an analyst's review of merge suggestions: a file of decisions, recorded in one transaction.

The review loop for many pairs at once: `proscribe identity suggest --format csv > review.csv`
writes the suggestions with an empty `decision` column; the analyst fills it in (`merge`,
`distinct`, or nothing to leave a pair undecided) and `proscribe identity review review.csv`
records every decision as a judgement, as `identity merge` and `identity distinct` would one by
one. Either every decision of the file is recorded or none is (the error names the line). A
decision already in force (the pair merged that way, or judged distinct) is counted, not recorded
twice, so applying the same file again changes nothing.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from proscribe.errors import FormatError, InputError, NotFoundError
from proscribe.ingest.judgements import JudgementReport, distinct_in, merge_in, require_reason
from proscribe.sources.textio import utf8_text
from proscribe.store import Store, judgements

MERGE, DISTINCT = "merge", "distinct"
DECISIONS = (MERGE, DISTINCT)
REQUIRED_COLUMNS = ("entity", "into", "decision")
# A review file is written by hand from a suggestion list: far below this.
MAX_REVIEW_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class Decision:
    """One row of a review file: what the analyst decided about a pair, and where it was written."""

    line: int
    entity_id: str
    other_id: str
    decision: str  # merge | distinct | "" (undecided)
    reason: str  # the row's own reason, or "" for the file's


@dataclass
class ReviewReport:
    """What applying a review file did: judgements recorded, decisions already in force, rows left open."""

    recorded: list[JudgementReport] = field(default_factory=list)
    already: list[int] = field(default_factory=list)  # lines whose decision was in force
    undecided: int = 0

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready view."""
        return {
            "merged": sum(1 for r in self.recorded if r.action == MERGE),
            "distinct": sum(1 for r in self.recorded if r.action == DISTINCT),
            "already": len(self.already),
            "undecided": self.undecided,
            "judgements": [r.as_dict() for r in self.recorded],
        }


def read_review(data: bytes, name: str) -> list[Decision]:
    """The decisions of a review file (CSV with `entity`, `into`, `decision` and optionally `reason`).

    Other columns (`kind`, `births`, `nationalities`, `why`: what `identity suggest` wrote; a file
    written before a column was added lacks it) are ignored. An unknown
    decision, a row missing an id or a pair decided twice is a FormatError naming the line.
    """
    if len(data) > MAX_REVIEW_BYTES:
        raise FormatError(f"{name}: {len(data):,} bytes; a review file holds at most {MAX_REVIEW_BYTES:,}")
    text = utf8_text(data, name)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, list[str]]] = []
    try:
        end = 0
        for cells in reader:
            start, end = end + 1, reader.line_num
            if any(cell.strip() for cell in cells):
                rows.append((start, cells))
    except csv.Error as exc:
        raise FormatError(f"{name}: line {end + 1}: malformed CSV ({exc})") from None
    if not rows:
        raise FormatError(f"{name}: the file is empty (no header row)")
    header = [cell.strip().casefold() for cell in rows[0][1]]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise FormatError(
            f"{name}: line {rows[0][0]}: no column {', '.join(map(repr, missing))} "
            f"(a review file has {', '.join(REQUIRED_COLUMNS)}: the CSV of `identity suggest`)"
        )
    at = {column: header.index(column) for column in (*REQUIRED_COLUMNS, "reason") if column in header}
    out: list[Decision] = []
    seen: dict[frozenset[str], int] = {}
    for line, cells in rows[1:]:

        def cell(column: str, cells: list[str] = cells) -> str:
            index = at.get(column)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        decision = cell("decision").casefold()
        if decision not in ("", *DECISIONS):
            raise FormatError(
                f"{name}: line {line}: decision {cell('decision')!r} is not one of "
                f"{', '.join(DECISIONS)} (or empty, to leave the pair undecided)"
            )
        entity_id, other_id = cell("entity"), cell("into")
        if not entity_id or not other_id:
            raise FormatError(f"{name}: line {line}: a row needs both an entity and an into id")
        pair = frozenset((entity_id, other_id))
        if decision and pair in seen:
            raise FormatError(
                f"{name}: line {line}: {entity_id} and {other_id} were already decided on line {seen[pair]}"
            )
        if decision:
            seen[pair] = line
        out.append(Decision(line, entity_id, other_id, decision, " ".join(cell("reason").split())))
    return out


def apply_review_file(store: Store, path: Path, reason: str, decided_by: str | None = None) -> ReviewReport:
    """`apply_review` of the file at `path`."""
    require_reason(reason)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_REVIEW_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    return apply_review(store, data, str(path), reason, decided_by)


def apply_review(
    store: Store, data: bytes, name: str, reason: str, decided_by: str | None = None
) -> ReviewReport:
    """Record every decision of a review file (`data`, called `name` in errors), in one transaction.

    `reason` is the file's reason, kept with each judgement whose row gives none. An error (an
    unknown id, a merge the rules refuse) names the line and records nothing.
    """
    why = require_reason(reason)
    decisions = read_review(data, name)
    store.require_initialised()
    report = ReviewReport()
    with store.begin() as conn:
        for decision in decisions:
            if not decision.decision:
                report.undecided += 1
                continue
            if _in_force(conn, decision):
                report.already.append(decision.line)
                continue
            apply = merge_in if decision.decision == MERGE else distinct_in
            try:
                report.recorded.append(
                    apply(conn, decision.entity_id, decision.other_id, decision.reason or why, decided_by)
                )
            except InputError as exc:
                message = f"{name}: line {decision.line}: {exc}; nothing was recorded"
                raise (NotFoundError if isinstance(exc, NotFoundError) else InputError)(message) from None
    return report


def _in_force(conn: Connection, decision: Decision) -> bool:
    """Whether the row's decision already holds: the pair is read as one (merge), or judged distinct."""
    merged = judgements.canonical_map(conn)
    one = merged.get(decision.entity_id, decision.entity_id)
    other = merged.get(decision.other_id, decision.other_id)
    if decision.decision == MERGE:
        return one == other
    return any(
        {found["entity_id"], found["other_id"]} == {one, other}
        for found in judgements.active(conn, judgements.DISTINCT, [one])
    )
