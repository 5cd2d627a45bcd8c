"""Adapter for OFAC's fixed-width text SDN list (`sdnlist.txt`), the format of OFAC's oldest archives.

Structure relied on (asserted; drift raises FormatError naming the file and line):
- paragraphs separated by blank lines, wrapped at a fixed width (a line ending in `-` continues
  the word on the next line);
- a first paragraph starting `ALPHABETICAL LISTING OF SPECIALLY DESIGNATED NATIONALS`, then
  notice paragraphs, then one paragraph per entry. An entry ends with its program tags and an
  optional relation, `... [SDGT] [FTO] (Linked To: X).`; every paragraph after the first entry
  must be one, except a rule of underscores and section markers `~(vessels):~` (the section's
  entries take the kind the `section` lookup gives);
- an entry opens with its name, then optionally its other names in parentheses, each with an
  `a.k.a.` / `f.k.a.` / `n.k.a.` prefix (the `alias_prefix` lookup; a quoted name is OFAC's weak
  a.k.a.), then free text: addresses, dates of birth, documents, and a kind marker such as
  `(individual)` (the `marker` lookup; entries without one are organisations). Where there is no
  alias list, a person's name is `SURNAME, Given names` and an organisation's name is the run of
  upper-case comma-separated parts before the mixed-case address.

The file has no entry numbers and repeats each entry under every one of its names, in
alphabetical order: `7TH OF TIR (a.k.a. SEVENTH OF TIR), ...` and `SEVENTH OF TIR (a.k.a. 7TH
OF TIR), ...` are one entry. Paragraphs with the same set of names and the same remaining text
are read as one record; its primary name is the name it is first listed under, and that name is
its key (made unique, with a warning, when two different entries share it). The file does not
say which name is the entry's own, so records say their primary name is not stated: it is no
stronger evidence of identity than their other names (`ANSAR ALLAH` is Hizballah's entry). The
file states no date: the snapshot date comes from the caller (`--date`). An individual's dates of
birth are its `;`-separated items `DOB 12 Jan 1962`, `alt. DOB circa 1962`, as in the CSV remarks
(read by `ofac_csv.read_ofac_birth`; one it cannot read is counted under `DOB`, once per entry),
and its nationalities its items `nationality Somalia`, `citizen Mexico`, as in the CSV remarks
(`ofac_csv.remark_nationalities`; an item in another form is counted under `nationality`, once
per entry).
A vessel's item `Vessel Registration Identification IMO 9187629` gives its IMO number, kept as an
`imo` identifier (`ofac_csv.vessel_imo`; one that is no valid IMO number is counted under
`Vessel Registration Identification`, once per entry); on another kind of entry it is a shipping
company's IMO company number, not read. Addresses, other documents and `Linked To` relations are
not read into claims.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from proscribe.model import EntityKind, PartialDate
from proscribe.model.birth import unique_births
from proscribe.sources.common import InputFile, format_error, matching_close, matching_open
from proscribe.sources.meta import SourceMeta
from proscribe.sources.ofac_csv import (
    read_ofac_birth,
    remark_birth_texts,
    remark_nationalities,
    remark_vessel_ids,
    vessel_imo,
)
from proscribe.sources.records import Counter, ListRecord, ParsedList, clean, make_names
from proscribe.sources.textio import decode_text

_TITLE = "ALPHABETICAL LISTING OF SPECIALLY DESIGNATED NATIONALS"
_BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")
_RULE = re.compile(r"^_{5,}$")
_SECTION = re.compile(r"^~\((?P<name>[^)]*)\):~$")
_LINKED = "(Linked To:"
_ALIAS_OPEN = re.compile(r" \((?=[a-z]\.k\.a\. )")
_ALIAS_PREFIX = re.compile(r"^(?P<prefix>[a-z]\.k\.a\.)\s+(?P<value>.*)$", re.DOTALL)
_MARKER = re.compile(r"\((?P<marker>[a-z]+)\)")
_LOWER = re.compile(r"[a-z]")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True, slots=True)
class _Entry:
    """One paragraph of the list, read: where it starts, its names and what else it says."""

    line: int
    kind: EntityKind
    head: str
    aliases: tuple[tuple[str, str], ...]
    programs: tuple[str, ...]
    rest: str
    # The dates of birth an individual's paragraph states, as written (`12 Jan 1962`).
    births: tuple[str, ...] = ()
    # The registration identifications a vessel's paragraph states, as written (`IMO 9187629`).
    vessel_ids: tuple[str, ...] = ()
    # An individual's free text without its kind marker, where its nationalities are read from.
    remarks: str = ""

    def group(self) -> tuple[frozenset[str], str]:
        """What makes two paragraphs the same entry: all its names, and the rest of its text."""
        names = {self.head.casefold(), *(value.casefold() for value, _ in self.aliases)}
        return frozenset(names), re.sub(r"\s+", "", self.rest)


def parse(meta: SourceMeta, files: Sequence[InputFile]) -> ParsedList:
    """Read one `sdnlist.txt` into records, one per entry however many names it is listed under."""
    if len(files) != 1:
        raise format_error(meta.id, "input", f"expects exactly one text file, got {len(files)}")
    source = files[0]
    text = decode_text(source.data, source.name, meta.encodings).replace("\r\n", "\n")
    counter = Counter()
    warnings: list[str] = []
    entries = _entries(meta, source.name, _paragraphs(text), counter)
    records = _records(meta, source.name, entries, warnings, counter)
    return ParsedList(meta.id, None, records, counter.counts, tuple(warnings))


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """(first line number, text joined into one line) for every paragraph of the file."""
    out: list[tuple[int, str]] = []
    line = 1
    position = 0
    for match in [*_BLANK_LINES.finditer(text), None]:
        end = match.start() if match else len(text)
        block = text[position:end]
        if block.strip():
            leading = len(block) - len(block.lstrip("\n"))
            out.append((line + block.count("\n", 0, leading), _join(block.strip())))
        if match is None:
            break
        line += text.count("\n", position, match.end())
        position = match.end()
    return out


def _join(block: str) -> str:
    """Undo the fixed-width wrapping: lines join with a space, or directly after a hyphen."""
    pieces: list[str] = []
    for line in block.split("\n"):
        line = line.strip()
        if pieces and not (pieces[-1].endswith("-") and not pieces[-1].endswith(" -")):
            pieces.append(" ")
        pieces.append(line)
    return "".join(pieces)


def _entries(
    meta: SourceMeta, name: str, paragraphs: list[tuple[int, str]], counter: Counter
) -> list[_Entry]:
    if not paragraphs or not paragraphs[0][1].startswith(_TITLE):
        raise format_error(name, "line 1", f"the file does not start with {_TITLE!r}")
    entries: list[_Entry] = []
    section_kind: EntityKind | None = None
    for line, paragraph in paragraphs[1:]:
        tail = _tail(paragraph)
        if tail is None:
            if _RULE.match(paragraph):
                continue
            section = _SECTION.match(paragraph)
            if section:
                section_kind = _kind(meta, "section", section["name"], counter)
                continue
            if not entries:
                continue  # the notice paragraphs before the first entry
            raise format_error(name, f"line {line}", "paragraph does not end with program tags like [SDGT].")
        entries.append(_entry(meta, name, line, paragraph, tail, section_kind, counter))
    return entries


def _kind(meta: SourceMeta, table: str, value: str, counter: Counter) -> EntityKind | None:
    """The entity kind a lookup gives `value` (its values are checked when metadata loads)."""
    mapped = meta.lookup(table, value)
    if mapped is None:
        counter.add(table, value)
        return None
    return cast(EntityKind, mapped)


def _entry(
    meta: SourceMeta,
    name: str,
    line: int,
    paragraph: str,
    tail: tuple[int, tuple[str, ...]],
    section_kind: EntityKind | None,
    counter: Counter,
) -> _Entry:
    start, programs = tail
    body = paragraph[:start]
    kind = section_kind or "organisation"
    for marker in _MARKER.finditer(body):
        # Only the markers the lookup knows are kinds: `(website)` and the like are plain text.
        if meta.lookup("marker", marker["marker"]) is not None:
            kind = _kind(meta, "marker", marker["marker"], counter) or kind
    aliases: list[tuple[str, str]] = []
    opened = _ALIAS_OPEN.search(body)
    if opened:
        head = body[: opened.start()]
        closing = matching_close(body, opened.end() - 1)
        if closing < 0:
            raise format_error(name, f"line {line}", "the list of other names is not closed")
        aliases = _aliases(meta, body[opened.end() : closing], counter)
        rest = body[closing + 1 :]
    else:
        head, rest = _plain_head(body, kind)
    head = clean(head.rstrip(" ,;"))
    if not head:
        raise format_error(name, f"line {line}", "entry has no name")
    # The kind marker ends the last item (`DOB 1975 (individual)`): it is not part of its value.
    unmarked = _MARKER.sub(lambda m: "" if meta.lookup("marker", m["marker"]) else m[0], rest)
    births = tuple(remark_birth_texts(unmarked)) if kind == "person" else ()
    ships = tuple(remark_vessel_ids(unmarked)) if kind == "vessel" else ()
    remarks = unmarked if kind == "person" else ""
    return _Entry(
        line, kind, head, tuple(aliases), programs, rest + paragraph[start:], births, ships, remarks
    )


def _tail(paragraph: str) -> tuple[int, tuple[str, ...]] | None:
    """Where an entry's closing `[TAG] [TAG2] (Linked To: X).` starts, and its tags; None without tags.

    Read backwards from the end, in one pass: a regular expression searching for the tags
    anywhere in the paragraph would take quadratic time on a hostile run of brackets.
    """
    end = paragraph.rstrip().removesuffix(".").rstrip()
    if end.endswith(")"):
        opening = matching_open(end)
        if opening >= 0 and end.startswith(_LINKED, opening):
            end = end[:opening].rstrip()
    stop = len(end)  # indices, not slices: each tag costs its own length only
    tags: list[str] = []
    while stop and end[stop - 1] == "]":
        opening = end.rfind("[", 0, stop)
        tag = end[opening + 1 : stop - 1].strip()
        if opening < 0 or "]" in tag or not tag:
            break
        tags.append(tag)
        stop = opening
        while stop and end[stop - 1].isspace():
            stop -= 1
    if not tags:
        return None
    return stop, tuple(reversed(tags))


def _aliases(meta: SourceMeta, inner: str, counter: Counter) -> list[tuple[str, str]]:
    """The (name, kind) pairs of an entry's list of other names."""
    grouped: list[tuple[str, list[str]]] = []  # (prefix, the `;`-separated pieces of its name)
    for part in inner.split(";"):
        part = part.strip()
        match = _ALIAS_PREFIX.match(part)
        if match is not None:
            grouped.append((match["prefix"], [match["value"].strip()]))
        elif grouped:
            grouped[-1][1].append(part)  # a `;` inside a name: it belongs to the name before it
        else:
            counter.add("alias", part)
    out: list[tuple[str, str]] = []
    for prefix, pieces in grouped:
        value = "; ".join(pieces)
        kind = meta.lookup("alias_prefix", prefix)
        if kind is None:
            counter.add("alias_prefix", prefix)
            kind = "alias"
        if len(value) > 1 and value.startswith('"') and value.endswith('"'):
            value, kind = value[1:-1], "weak_alias"
        out.append((value, kind))
    return out


def _plain_head(body: str, kind: EntityKind) -> tuple[str, str]:
    """Split an entry with no alias list into its name and the rest (see the module docstring)."""
    cut = len(body)
    for stop in (";", " ("):
        found = body.find(stop)
        if 0 <= found < cut:
            cut = found
    parts = body[:cut].split(",")
    if kind == "person":
        taken = min(2, len(parts))
    else:
        taken = 1
        while taken < len(parts) and not _LOWER.search(parts[taken]):
            taken += 1
    head = ",".join(parts[:taken])
    return head, body[len(head) :]


def _records(
    meta: SourceMeta, name: str, entries: list[_Entry], warnings: list[str], counter: Counter
) -> tuple[ListRecord, ...]:
    """Merge the paragraphs of each entry and give every record a unique key."""
    firsts: dict[tuple[frozenset[str], str], _Entry] = {}
    for entry in entries:
        firsts.setdefault(entry.group(), entry)
    records: list[ListRecord] = []
    taken: dict[str, int] = {}
    for entry in firsts.values():
        key = entry.head
        slug = _NOT_ALNUM.sub("-", key.casefold()).strip("-")
        times = taken.get(slug, 0) + 1
        taken[slug] = times
        if times > 1:
            key = f"{key} [{times}]"
            warnings.append(
                f"{name}: line {entry.line}: another entry is also named {entry.head!r}; key {key!r}"
            )
        records.append(
            ListRecord(
                key=key,
                kind=entry.kind,
                list_ids=_lists(meta, entry.programs, counter),
                names=make_names(entry.head, entry.aliases),
                # Read from the entry's first paragraph only, so a number not read is counted once.
                identifiers=vessel_imo(entry.vessel_ids, counter),
                primary_stated=False,
                birth_dates=_births(entry.births, counter),
                nationalities=remark_nationalities(entry.remarks, counter),
            )
        )
    return tuple(records)


def _births(texts: tuple[str, ...], counter: Counter) -> tuple[str, ...]:
    """An entry's dates of birth as stored; each one not read is counted (once: the entry's first
    paragraph stands for those listing it under its other names)."""
    found: list[PartialDate | None] = []
    for text in texts:
        found.append(read_ofac_birth(text))
        if found[-1] is None:
            counter.add("DOB", text)
    return unique_births(found)


def _lists(meta: SourceMeta, programs: tuple[str, ...], counter: Counter) -> tuple[str, ...]:
    """The source's own list, and those the program tags add (unknown tags are counted)."""
    list_ids = [meta.list]
    for tag in programs:
        mapped = meta.lookup("program", tag)
        if mapped is None:
            counter.add("program", tag)
        elif mapped not in list_ids:
            list_ids.append(mapped)
    return tuple(list_ids)
