"""Bulk screening: CSV of names in, CSV of hits out, streaming, on all cores, with a progress bar.

Rows are read and screened in batches of `BATCH` so memory stays flat however long the file is. Worker
processes are forked after the screener is built, so each shares the parent's index instead of
rebuilding it. The output has one row per hit (input row number, query, entity, matched name, score,
detail, designations); a name without hits writes nothing. A cell longer than MAX_QUERY_CHARS is not
screened: it gets one row with an empty entity and the detail TOO_LONG, so nothing is dropped silently.
"""

from __future__ import annotations

import codecs
import csv
import multiprocessing
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tqdm import tqdm

from proscribe.errors import FormatError, HostileInputError, InputError
from proscribe.screen.match import DEFAULT_LIMIT, DEFAULT_THRESHOLD, MAX_QUERY_CHARS, match
from proscribe.screen.service import Screener

BATCH = 20_000
CHUNK = 500
TOO_LONG = f"not screened: longer than {MAX_QUERY_CHARS} characters"
OUTPUT_COLUMNS = ("row", "query", "entity_id", "name", "matched_name", "score", "detail", "designations")

_WORKER: tuple[Screener, float, int] | None = None


@dataclass(frozen=True, slots=True)
class BulkReport:
    """What a bulk run did."""

    rows: int
    hits: int
    rows_with_hits: int
    skipped: int
    workers: int

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "rows": self.rows,
            "hits": self.hits,
            "rows_with_hits": self.rows_with_hits,
            "skipped": self.skipped,
            "workers": self.workers,
        }


def _designation_text(screener: Screener, entity_id: str) -> str:
    rows = (screener.designations or {}).get(entity_id, [])
    return "; ".join(f"{d.get('jurisdiction')}:{d.get('list')}:{d.get('state')}" for d in rows)


def _screen_rows(batch: list[tuple[int, str]]) -> list[tuple[str, ...]]:
    if _WORKER is None:
        raise RuntimeError("bulk worker used before the screener was set")
    screener, threshold, limit = _WORKER
    allowed = None if screener.designations is None else screener.designations.keys()
    out: list[tuple[str, ...]] = []
    for number, text in batch:
        if len(text) > MAX_QUERY_CHARS:
            out.append((str(number), text[:MAX_QUERY_CHARS], "", "", "", "", TOO_LONG, ""))
            continue
        for hit in match(screener.index, text, threshold, limit, allowed):
            score = f"{hit.score:.4f}"
            designations = _designation_text(screener, hit.entity_id)
            out.append(
                (
                    str(number),
                    text,
                    hit.entity_id,
                    hit.name,
                    hit.matched_name,
                    score,
                    hit.detail,
                    designations,
                )
            )
    return out


def _read(path: Path, column: str) -> Iterator[tuple[int, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        try:
            if column not in (reader.fieldnames or []):
                raise FormatError(f"{path}: no column {column!r} (columns: {reader.fieldnames})")
            for number, row in enumerate(reader, start=1):
                yield number, (row[column] or "").strip()
        except csv.Error as exc:  # a cell over the csv module's size limit, say
            raise FormatError(f"{path}: line {reader.line_num}: {exc}") from None


def _check_and_count_rows(path: Path) -> int:
    """The number of data rows (for the progress bar), once the whole file is known to be UTF-8 text.

    Checked before any output is written, so a file saved in another encoding, or not text at
    all, is refused with the line it goes wrong on rather than half screened.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    lines = 0
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            if b"\0" in block:
                at = lines + block[: block.index(b"\0")].count(b"\n") + 1
                raise HostileInputError(
                    f"{path}: line {at}: binary content (NUL bytes) where CSV text was expected"
                )
            try:
                decoder.decode(block)
            except UnicodeDecodeError as exc:
                # The decoder's input is this block after any bytes of a character the last one cut.
                decoded = bytes(exc.object)
                at = lines + decoded[: exc.start].count(b"\n") + 1
                byte = decoded[exc.start]
                raise FormatError(
                    f"{path}: line {at}: not UTF-8 text (byte {byte:#04x}); save it as UTF-8"
                ) from None
            lines += block.count(b"\n")
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise FormatError(
                f"{path}: line {lines + 1}: ends inside a UTF-8 character (cut short?)"
            ) from None
    return max(0, lines - 1)


def _batches(rows: Iterator[tuple[int, str]], size: int) -> Iterator[list[tuple[int, str]]]:
    batch: list[tuple[int, str]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def screen_file(
    screener: Screener,
    source: Path,
    target: Path,
    column: str = "name",
    threshold: float = DEFAULT_THRESHOLD,
    limit: int = DEFAULT_LIMIT,
    workers: int | None = None,
    progress: bool = True,
) -> BulkReport:
    """Screen every name in column `column` of `source`, writing one CSV row per hit to `target`."""
    global _WORKER
    if not source.is_file():
        raise InputError(f"{source}: no such file")
    workers = workers or os.cpu_count() or 1
    _WORKER = (screener, threshold, limit)
    rows = hits = rows_with_hits = skipped = 0
    bar = tqdm(total=_check_and_count_rows(source), unit="names", file=sys.stderr, disable=not progress)
    context = multiprocessing.get_context("fork")
    pool = context.Pool(workers) if workers > 1 else None
    try:
        with target.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(OUTPUT_COLUMNS)
            for batch in _batches(_read(source, column), BATCH):
                chunks = [batch[i : i + CHUNK] for i in range(0, len(batch), CHUNK)]
                results = pool.imap(_screen_rows, chunks) if pool else map(_screen_rows, chunks)
                for chunk, out in zip(chunks, results, strict=True):
                    writer.writerows(out)
                    found = [row for row in out if row[2]]
                    hits += len(found)
                    rows_with_hits += len({row[0] for row in found})
                    skipped += len(out) - len(found)
                    rows += len(chunk)
                    bar.update(len(chunk))
        # The total was counted in lines; blank lines and quoted line breaks make rows fewer.
        bar.total = rows
        bar.refresh()
    finally:
        if pool is not None:
            pool.close()
            pool.join()
        bar.close()
        _WORKER = None
    return BulkReport(rows, hits, rows_with_hits, skipped, workers)
