"""The adapter registry: format name (from a source's metadata) -> the pure function that reads it.

An adapter takes the source's metadata and the input files (name + bytes) and returns a
ParsedList. `parse_files` is the one entry point the ingest layer calls: it reads the files with
the size limit, dispatches on the source's format and checks the adapter kept its promises.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from proscribe.errors import DataError, FormatError, ProscribeError
from proscribe.sources import (
    ca_sema,
    eu_fsf,
    eu_fsf_csv,
    ftm,
    ofac_csv,
    ofac_enhanced,
    ofac_txt,
    ofac_xml,
    uk_fcdo,
    uk_hmt,
    un_xml,
    us_csl,
)
from proscribe.sources.archive import unpack
from proscribe.sources.common import InputFile
from proscribe.sources.meta import SourceMeta, all_sources, source_meta
from proscribe.sources.records import ParsedList, controls_warning, noting_controls, scrub_controls
from proscribe.sources.textio import read_bytes

Adapter = Callable[[SourceMeta, Sequence[InputFile]], ParsedList]
# Adapters that can skip records whose bytes match a digest the caller holds (record key -> digest).
SkippingAdapter = Callable[[SourceMeta, Sequence[InputFile], Mapping[str, str]], ParsedList]

ADAPTERS: dict[str, Adapter] = {
    "ca_sema": ca_sema.parse,
    "eu_fsf": eu_fsf.parse,
    "eu_fsf_csv": eu_fsf_csv.parse,
    "ftm": ftm.parse,
    "un_xml": un_xml.parse,
    "us_csl": us_csl.parse,
    "ofac_csv": ofac_csv.parse,
    "ofac_enhanced": ofac_enhanced.parse,
    "ofac_txt": ofac_txt.parse,
    "ofac_xml": ofac_xml.parse,
    "uk_fcdo": uk_fcdo.parse,
    "uk_hmt": uk_hmt.parse,
}


SKIPPING: dict[str, SkippingAdapter] = {
    "un_xml": un_xml.parse,
}


def adapter_for(meta: SourceMeta) -> Adapter:
    """The adapter for a source's format; DataError when the metadata names an unknown format."""
    if meta.format not in ADAPTERS:
        raise DataError(
            f"data/sources/{meta.id}.yaml: unknown format {meta.format!r}; known: {sorted(ADAPTERS)}"
        )
    return ADAPTERS[meta.format]


def delta_version(file_name: str) -> str | None:
    """The version a delta file's name states (deltas are change sets, applied in version order)."""
    return ftm.delta_version(file_name)


def read_inputs(paths: Sequence[Path]) -> list[InputFile]:
    """Read input files (size-limited; gzip and zip checked and unpacked) named by their path."""
    return [item for path in paths for item in unpack(InputFile(str(path), read_bytes(path)))]


def parse_files(
    source_name: str, files: Sequence[InputFile], known: Mapping[str, str] | None = None
) -> ParsedList:
    """Parse one snapshot (a file or a file set) of the named source.

    Control characters and terminal escape sequences are removed from every value read (see
    `proscribe.sources.records.without_controls`), and a warning names the values that held any.

    With `known` (record key -> digest of its bytes in an earlier file), adapters able to tell
    leave identical records unbuilt and list their keys in `ParsedList.unchanged`.
    """
    meta = source_meta(source_name)
    where = ", ".join(file.name for file in files) or source_name
    try:
        with noting_controls() as noted:
            if known and meta.format in SKIPPING:
                parsed = SKIPPING[meta.format](meta, files, known)
            else:
                parsed = adapter_for(meta)(meta, files)
            parsed = scrub_controls(parsed, where)
    except FormatError as error:
        readers = sources_reading(files, besides=meta.id)
        if not readers:
            raise
        raise wrong_source(source_name, meta.format, files, readers, error) from error
    removed = controls_warning(where, noted)
    if removed:
        parsed = dataclasses.replace(parsed, warnings=(*parsed.warnings, removed))
    return within_limits(parsed, where)


def wrong_source(
    source_name: str, fmt: str, files: Sequence[InputFile], readers: Sequence[str], error: Exception
) -> FormatError:
    """The error for files of another source: that first, with the command to use, then what the
    named source's adapter said of them.

    The adapter's own complaint ("malformed XML", "the root element is never closed") is about
    a file it was never meant to read: led with, it sends the user looking for damage that is
    not there.
    """
    message = str(error)
    named = next((file.name for file in files if message.startswith(f"{file.name}: ")), None)
    where = named or ", ".join(file.name for file in files)
    detail = message.removeprefix(f"{named}: ") if named else message
    return FormatError(
        f"{where}: wrong source: {source_name} ({fmt}) does not read the file, but {_either(readers)}: "
        f"`proscribe ingest list {readers[0]} FILE...` ({fmt} read it as: {detail})"
    )


def sources_reading(files: Sequence[InputFile], besides: str) -> list[str]:
    """The sources (other than the one named `besides`) that read `files` into at least one record.

    Only asked once the named source's own adapter has refused the files, so a file given to
    the wrong source gets an error that names the right one (the EU CSV given to `eu-fsf`,
    whose format is the legacy XML, names `eu-fsf-csv`).
    """
    readers: list[str] = []
    for meta in sorted(all_sources().values(), key=lambda meta: meta.id):
        if meta.id == besides or meta.format not in ADAPTERS:
            continue
        try:
            # Each source on its own: an adapter may refuse a file by its name for one source of
            # its format and read it for another (OFAC's sdn.xml and consolidated.xml).
            if ADAPTERS[meta.format](meta, files).records:
                readers.append(meta.id)
        except (ProscribeError, ValueError):
            # Another adapter's complaint (its encoding, its limits) is no answer to the user's
            # question: only the one the named source gave is reported.
            continue
    return readers


def _either(source_ids: Sequence[str]) -> str:
    """'source X does' or 'sources X, Y and Z do'."""
    if len(source_ids) == 1:
        return f"source {source_ids[0]} does"
    return "sources " + ", ".join(source_ids[:-1]) + f" and {source_ids[-1]} do"


# How long a value of a record may be: the widths the store keeps them in (proscribe.store.schema),
# and for a name, well under what a PostgreSQL index entry holds (about 2,700 bytes). Real lists
# stay far below (the longest name on OFAC's April 2024 SDN list has 165 characters): a value
# beyond is refused here, naming the record, rather than failing PostgreSQL's first write (where
# the import would end in a database error) or being kept whole by SQLite.
LIMITS = {"record key": 200, "identifier": 200, "name": 1000, "name language": 8}


def within_limits(parsed: ParsedList, where: str) -> ParsedList:
    """`parsed`, once every record key, identifier, name and language tag is within LIMITS; else
    a FormatError naming the file, the record and the value."""
    for key in parsed.removed:
        _check(where, "record key", key, key)
    for record in parsed.records:
        _check(where, "record key", record.key, record.key)
        for identifier in record.identifiers:
            _check(where, "identifier", identifier.value, record.key)
        for name in record.names:
            _check(where, "name", name.value, record.key)
            _check(where, "name language", name.lang or "", record.key)
    return parsed


def _check(where: str, what: str, value: str, record: str) -> None:
    limit = LIMITS[what]
    if len(value) > limit:
        shown = value if len(value) <= 60 else value[:57] + "..."
        raise FormatError(
            f"{where}: record {record[:60]!r}: {what} {shown!r} has {len(value)} characters; "
            f"the registry keeps at most {limit}"
        )
