"""Bulk screening: CSV of names in, CSV of hits out, streaming, on all cores, with a progress bar.

Rows are read and screened in batches of `BATCH` so memory stays flat however long the file is. Worker
processes are forked after the screener is built (or loaded from the screening cache), so each shares
the parent's index instead of rebuilding it; with a loaded index each worker normalises the names its
queries make candidates as it meets them, at most once each. The output has one row per hit (the input
line the record starts on, the record's id when an id column is named, query, entity, matched name,
score, detail, designations, the entity's listed dates of birth, and the entities it may be: suggested
pairs no analyst has decided, each marked when it is another hit of the same name, see
proscribe.screen.pairs); a name without hits writes nothing, unless `every_name` asks for a row for
every record: then it gets one row with an empty entity and the detail `no match at or above 0.80`, so
the output alone shows that every record was screened (what an auditor asks of a batch).
With a date-of-birth column, each name's date is weighed against the listed ones
(proscribe.screen.births); a date that cannot be read leaves the name screened by name alone, with a
note saying so at the end of each hit's detail, or on a row of its own when there is no hit. A strong
match the filters left out (proscribe.screen.service, `left_out`) is noted the same way. A name that
is not screened (an empty
cell, one longer than MAX_QUERY_CHARS, or one holding a line break) gets one row with an empty entity
and a detail saying why, so nothing is dropped silently. A cell a spreadsheet would run as a formula
(a query such as `=HYPERLINK(...)`) is written as text (see `proscribe.spreadsheet`).

Nothing is written until the whole input has been read: the output goes to a temporary file beside
`--out` and is renamed into place only when the run succeeds, so a failed run leaves an existing
results file as it was, and the input can never be the output.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import multiprocessing
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tqdm import tqdm

from proscribe.errors import FormatError, HostileInputError, InputError
from proscribe.screen.births import birth_text, read_stated_birth
from proscribe.screen.match import DEFAULT_LIMIT, DEFAULT_THRESHOLD, MAX_QUERY_CHARS
from proscribe.screen.pairs import pairs_cell
from proscribe.screen.service import Screener, check_parameters, designation_label, has_name, printable
from proscribe.spreadsheet import safe_cell

BATCH = 20_000
CHUNK = 500
TOO_LONG = f"not screened: longer than {MAX_QUERY_CHARS} characters"
EMPTY = "not screened: no name"
NO_LETTERS = "not screened: no letter or digit"
LINE_BREAK = "not screened: the cell holds a line break (an unclosed quote?)"


def no_match(threshold: float) -> str:
    """The detail of a record screened without a hit (with `every_name`): the threshold as given
    (0.80, 0.8549), never rounded to one that was not the one tested."""
    shown = f"{threshold:.2f}" if round(threshold, 2) == threshold else f"{threshold:g}"
    return f"no match at or above {shown}"


MAX_CELL_CHARS = 1 << 20  # a longer cell is not a CSV a person made; refused with its line
MAX_RECORD_LINES = 100  # a record spanning more lines is an unclosed quote, not a name
OUTPUT_COLUMNS = (
    "line",
    "id",
    "query",
    "entity_id",
    "name",
    "matched_name",
    "score",
    "detail",
    "designations",
    "birth_dates",
    "may_be_same_as",
)

_WORKER: tuple[Screener, float, int, bool] | None = None
Record = tuple[int, str, str, str]  # (file line the record starts on, id, name, date of birth or "")


@dataclass(frozen=True, slots=True)
class BulkReport:
    """What a bulk run did."""

    rows: int
    hits: int
    rows_with_hits: int
    skipped: int
    workers: int
    birth_dates_unread: int = 0  # rows screened by name alone: their date of birth could not be read
    matches_not_shown: int = 0  # rows with a strong match the filters left out (noted in the output)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "rows": self.rows,
            "hits": self.hits,
            "rows_with_hits": self.rows_with_hits,
            "skipped": self.skipped,
            "workers": self.workers,
            "birth_dates_unread": self.birth_dates_unread,
            "matches_not_shown": self.matches_not_shown,
        }


@dataclass(frozen=True, slots=True)
class Screened:
    """One chunk's output rows, with the counts of the summary they feed."""

    rows: list[tuple[str, ...]]
    skipped: int = 0  # records not screened (no name, too long, a line break)
    unread: int = 0  # records whose date of birth could not be read (screened by name alone)
    not_shown: int = 0  # records with a strong match the filters left out


def _designation_text(screener: Screener, entity_id: str) -> str:
    rows = (screener.designations or {}).get(entity_id, [])
    return "; ".join(designation_label(d) for d in rows)


def _screen_rows(batch: list[Record]) -> Screened:
    """Screen a chunk of records: one row per hit, or one row saying why there is none to show."""
    if _WORKER is None:
        raise RuntimeError("bulk worker used before the screener was set")
    screener, threshold, limit, every_name = _WORKER
    out: list[tuple[str, ...]] = []
    skipped = unread = not_shown = 0
    for line, ident, given, birth in batch:
        if "\n" in given or "\r" in given:
            # Echoed with its line breaks (the cell shows what was refused), each line printable.
            shown = "\n".join(printable(part) for part in given.splitlines())
            out.append((str(line), ident, shown, "", "", "", "", LINE_BREAK, "", "", ""))
            skipped += 1
            continue
        # Screened, and written back, without terminal escapes or control characters (as list
        # names are stored): kept, they would sink the score and act on the terminal showing --out.
        text = printable(given)
        if not text:
            out.append((str(line), ident, "", "", "", "", "", EMPTY, "", "", ""))
            skipped += 1
            continue
        if not has_name(text):
            out.append((str(line), ident, text, "", "", "", "", NO_LETTERS, "", "", ""))
            skipped += 1
            continue
        if len(text) > MAX_QUERY_CHARS:
            out.append((str(line), ident, text[:MAX_QUERY_CHARS], "", "", "", "", TOO_LONG, "", "", ""))
            skipped += 1
            continue
        notes: list[str] = []
        weighed = birth or None
        if birth:
            try:
                read_stated_birth(birth)
            except InputError as error:
                # Screened all the same, by name: a typo in a date must not let a listed name through.
                notes.append(f"{error}; screened by name alone")
                weighed = None
                unread += 1
        hits, hidden = screener.screen_hits(text, threshold, limit, weighed)
        if hidden:
            notes.extend(screener.left_out(hidden)[1])
            not_shown += 1
        note = "; ".join(notes)
        if not hits and every_name:
            note = "; ".join([no_match(threshold), *notes])
        if not hits and note:
            # No hit to carry the note: a row of its own, so a name screened differently from what
            # was asked (or hiding a filtered-out match) is never silent.
            out.append((str(line), ident, text, "", "", "", "", note, "", "", ""))
            continue
        found = {hit.entity_id for hit in hits} if screener.pairs else ()
        for hit in hits:
            out.append(
                (
                    str(line),
                    ident,
                    text,
                    hit.entity_id,
                    hit.name,
                    hit.matched_name,
                    f"{hit.score:.4f}",
                    f"{hit.detail}; {note}" if note else hit.detail,
                    _designation_text(screener, hit.entity_id),
                    birth_text(screener.births.get(hit.entity_id, ())),
                    pairs_cell(screener.pairs, hit.entity_id, found),
                )
            )
    return Screened(out, skipped, unread, not_shown)


@contextlib.contextmanager
def _field_limit(limit: int) -> Iterator[None]:
    old = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(old)


def _records(path: Path) -> Iterator[tuple[int, int, list[str]]]:
    """(first line, last line, cells) of every non-blank CSV record, in strict mode.

    An unclosed quote either meets a later quote in the wrong place or runs to the end of the file
    (both csv.Error in strict mode), or swallows lines until a quote closes it: a record spanning
    more than MAX_RECORD_LINES lines is taken for that. Every error names the line the record starts on.
    """
    with path.open(encoding="utf-8-sig", newline="") as handle, _field_limit(MAX_CELL_CHARS):
        reader = csv.reader(handle, strict=True)
        end = 0
        while True:
            start = end + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                if "field larger than field limit" in str(exc):
                    raise FormatError(
                        f"{path}: line {start}: a cell longer than {MAX_CELL_CHARS:,} characters"
                    ) from None
                if "unexpected end of data" in str(exc):
                    raise FormatError(
                        f"{path}: line {start}: a quote opened here is never closed (the file ends inside it)"
                    ) from None
                raise FormatError(
                    f"{path}: line {start}: malformed CSV ({exc}); an unclosed or stray quote?"
                ) from None
            end = reader.line_num
            if end - start + 1 > MAX_RECORD_LINES:
                raise FormatError(
                    f"{path}: line {start}: a quoted cell runs over {end - start + 1} lines "
                    f"(to line {end}); an unclosed quote?"
                )
            if cells:
                yield start, end, cells


def _read(
    path: Path, column: str, id_column: str | None, birth_column: str | None = None
) -> Iterator[Record]:
    """The records of `path` as (line, id, name, date of birth), once its header is checked (eagerly,
    before any output)."""
    records = _records(path)
    first = next(records, None)
    if first is None:
        raise FormatError(f"{path}: the file is empty (no header row)")
    header = [cell.strip() for cell in first[2]]
    wanted = [column] + [name for name in (id_column, birth_column) if name is not None]
    for name in wanted:
        if name not in header:
            raise FormatError(f"{path}: no column {name!r} (columns: {', '.join(header)})")
    at = header.index(column)
    id_at = header.index(id_column) if id_column is not None else None
    birth_at = header.index(birth_column) if birth_column is not None else None
    return _rows(records, at, id_at, birth_at)


def _rows(
    records: Iterator[tuple[int, int, list[str]]], at: int, id_at: int | None, birth_at: int | None
) -> Iterator[Record]:
    for start, _end, cells in records:
        text = cells[at].strip() if at < len(cells) else ""
        ident = cells[id_at].strip() if id_at is not None and id_at < len(cells) else ""
        birth = cells[birth_at].strip() if birth_at is not None and birth_at < len(cells) else ""
        yield start, ident, text, birth


_UTF16_BOMS = {codecs.BOM_UTF16_LE: "UTF-16 (little-endian)", codecs.BOM_UTF16_BE: "UTF-16 (big-endian)"}


def _check_and_count_rows(path: Path) -> int:
    """The number of lines after the header (for the progress bar), once the file is known to be UTF-8 text.

    Checked before any output is written, so a file saved in another encoding, or not text at
    all, is refused with the line it goes wrong on rather than half screened.
    """
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    lines = 0
    text = False
    with path.open("rb") as handle:
        start = handle.read(2)
        if start in _UTF16_BOMS:
            raise FormatError(f"{path}: the file is {_UTF16_BOMS[start]} text; save it as UTF-8")
        handle.seek(0)
        for block in iter(lambda: handle.read(1 << 20), b""):
            if b"\0" in block:
                at = lines + block[: block.index(b"\0")].count(b"\n") + 1
                raise HostileInputError(
                    f"{path}: line {at}: binary content (NUL bytes) where CSV text was expected "
                    "(UTF-16 without a byte order mark? save it as UTF-8)"
                )
            try:
                decoded = decoder.decode(block)
            except UnicodeDecodeError as exc:
                # The decoder's input is this block after any bytes of a character the last one cut.
                raw = bytes(exc.object)
                at = lines + raw[: exc.start].count(b"\n") + 1
                byte = raw[exc.start]
                raise FormatError(
                    f"{path}: line {at}: not UTF-8 text (byte {byte:#04x}); save it as UTF-8"
                ) from None
            text = text or bool(decoded.strip())
            lines += block.count(b"\n")
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise FormatError(
                f"{path}: line {lines + 1}: ends inside a UTF-8 character (cut short?)"
            ) from None
    if not text:
        raise FormatError(f"{path}: the file is empty (no header row)")
    return max(0, lines - 1)


def _batches(rows: Iterator[Record], size: int) -> Iterator[list[Record]]:
    batch: list[Record] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def check_paths(source: Path, target: Path) -> None:
    """Refuse an output that cannot be written, or that is the input, before any work is done."""
    if not source.is_file():
        raise InputError(f"{source}: no such file")
    if target.is_dir():
        raise InputError(f"--out {target}: is a directory; give a file name")
    parent = target.parent
    if not parent.is_dir():
        raise InputError(f"--out {target}: no such directory {str(parent)!r}")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise InputError(f"--out {target}: cannot write in {str(parent)!r}")
    if target.exists() and os.path.samefile(source, target):
        raise InputError(f"--out {target} is the input file --file {source}; give another name")


def _new_file_mode(target: Path) -> int:
    if target.exists():
        return target.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def screen_file(
    screener: Screener,
    source: Path,
    target: Path,
    column: str = "name",
    threshold: float = DEFAULT_THRESHOLD,
    limit: int = DEFAULT_LIMIT,
    workers: int | None = None,
    progress: bool = True,
    id_column: str | None = None,
    birth_column: str | None = None,
    every_name: bool = False,
) -> BulkReport:
    """Screen every name in column `column` of `source`, writing one CSV row per hit to `target`.

    `target` is replaced only when the run succeeds; with `id_column`, each output row carries that
    column of its input record as `id`; with `birth_column`, each name's date of birth in that
    column (empty: none) is weighed against the listed ones (proscribe.screen.births); with
    `every_name`, a record without a hit gets a row saying so (`no match at or above 0.80`).
    """
    global _WORKER
    check_parameters(threshold, limit)
    if workers is not None and workers < 1:
        raise InputError(f"workers must be at least 1, got {workers}")
    check_paths(source, target)
    total = _check_and_count_rows(source)
    rows = _read(source, column, id_column, birth_column)
    workers = workers or os.cpu_count() or 1
    screener.index.hash_keys()  # before forking: every worker shares the one key table
    _WORKER = (screener, threshold, limit, every_name)
    hits = rows_with_hits = skipped = unread = not_shown = count = 0
    mode = _new_file_mode(target)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed, then renamed or removed below
        "w", encoding="utf-8", newline="", dir=target.parent, prefix=f".{target.name}.", delete=False
    )
    bar = tqdm(total=total, unit="names", file=sys.stderr, disable=not progress)
    context = multiprocessing.get_context("fork")
    pool = context.Pool(workers) if workers > 1 else None
    done = False
    try:
        with handle:
            writer = csv.writer(handle)
            writer.writerow(OUTPUT_COLUMNS)
            for batch in _batches(rows, BATCH):
                chunks = [batch[i : i + CHUNK] for i in range(0, len(batch), CHUNK)]
                results = pool.imap(_screen_rows, chunks) if pool else map(_screen_rows, chunks)
                for chunk, screened in zip(chunks, results, strict=True):
                    writer.writerows([[safe_cell(cell) for cell in row] for row in screened.rows])
                    found = [row for row in screened.rows if row[3]]
                    hits += len(found)
                    rows_with_hits += len({row[0] for row in found})
                    skipped += screened.skipped
                    unread += screened.unread
                    not_shown += screened.not_shown
                    count += len(chunk)
                    bar.update(len(chunk))
        os.chmod(handle.name, mode)
        os.replace(handle.name, target)
        done = True
        # The total was counted in lines; blank lines and quoted line breaks make rows fewer.
        bar.total = count
        bar.refresh()
    finally:
        if not done:
            with contextlib.suppress(OSError):
                os.unlink(handle.name)
        if pool is not None:
            pool.close()
            pool.join()
        bar.close()
        _WORKER = None
    return BulkReport(count, hits, rows_with_hits, skipped, workers, unread, not_shown)
