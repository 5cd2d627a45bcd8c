"""Compressed inputs (`.gz`, `.zip`): checked before anything is extracted, bounded when inflated.

- gzip: inflated in bounded steps; more than `max_bytes` of output, or more than `MAX_RATIO` times
  the compressed size (past the first MB), is refused (gzip bombs). Every member of a multi-member
  file (`cat a.gz b.gz`, as parallel compressors write) is read; other bytes after the data are an
  error, not dropped (zero padding excepted).
- zip: the central directory is checked first: at most `MAX_MEMBERS` files, no absolute or `..`
  paths, declared total size within `max_bytes` and a compression ratio below `MAX_RATIO`; members
  are then inflated with the same output bound, whatever their headers claim. An encrypted member,
  a compression method or zip feature Python does not read, or damaged data is a FormatError
  naming the archive and member.
Anything else is returned unchanged.
"""

from __future__ import annotations

import io
import lzma
import zipfile
import zlib
from pathlib import PurePosixPath

from proscribe.errors import FormatError, HostileInputError
from proscribe.sources.common import InputFile

MAX_INFLATED_BYTES = 512 * 1024 * 1024
MAX_MEMBERS = 32
MAX_RATIO = 200
_CHUNK = 1 << 20


def unpack(source: InputFile, max_bytes: int = MAX_INFLATED_BYTES) -> list[InputFile]:
    """The file itself, or the checked contents of a gzip or zip file (named `archive:member`)."""
    if source.data[:2] == b"\x1f\x8b":
        return [InputFile(source.name.removesuffix(".gz"), _gunzip(source, max_bytes))]
    if source.data[:4] == b"PK\x03\x04":
        return _unzip(source, max_bytes)
    if source.data[:4] == b"PK\x05\x06":  # an archive that is only its end record
        raise FormatError(f"{source.name}: an empty zip archive (no files in it)")
    return [source]


def _gunzip(source: InputFile, max_bytes: int) -> bytes:
    out = bytearray()
    member = source.data
    try:
        while True:
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            pending = member
            while pending and not inflater.eof:
                out += inflater.decompress(pending, _CHUNK)
                if len(out) > max_bytes:
                    raise HostileInputError(f"{source.name}: inflates beyond the limit of {max_bytes} bytes")
                if len(out) > max(_CHUNK, MAX_RATIO * len(source.data)):
                    raise HostileInputError(
                        f"{source.name}: compresses more than {MAX_RATIO}:1 (a gzip bomb?)"
                    )
                pending = inflater.unconsumed_tail
            out += inflater.flush()
            if not inflater.eof:
                raise FormatError(f"{source.name}: truncated gzip data")
            member = inflater.unused_data
            if not member.strip(b"\x00"):
                break  # the end, or the zero padding some tape-era tools leave
            if member[:2] != b"\x1f\x8b":
                offset = len(source.data) - len(member)
                raise FormatError(
                    f"{source.name}: bytes after the gzip data at offset {offset}, not a gzip member"
                )
    except zlib.error as exc:
        raise FormatError(f"{source.name}: corrupt gzip data: {exc}") from None
    if len(out) > max_bytes:
        raise HostileInputError(f"{source.name}: inflates beyond the limit of {max_bytes} bytes")
    if len(out) > max(_CHUNK, MAX_RATIO * len(source.data)):
        raise HostileInputError(f"{source.name}: compresses more than {MAX_RATIO}:1 (a gzip bomb?)")
    return bytes(out)


# What Python's zipfile raises on data it cannot read: damage found while seeking or inflating
# (BadZipFile, zlib/lzma/bz2 errors as OSError or ValueError, EOFError on a cut stream), a feature
# or method it does not implement, and RuntimeError for encryption.
_UNREADABLE = (
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    OSError,
    EOFError,
    ValueError,
    NotImplementedError,
    RuntimeError,
)


def _unzip(source: InputFile, max_bytes: int) -> list[InputFile]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(source.data))
    except _UNREADABLE as exc:
        raise FormatError(f"{source.name}: corrupt zip: {exc}") from None
    members = [info for info in archive.infolist() if not info.is_dir()]
    if not members:
        raise FormatError(f"{source.name}: an empty zip archive (no files in it)")
    for info in members:
        if info.flag_bits & 0x1:
            raise FormatError(
                f"{source.name}: member {info.filename!r} is encrypted; proscribe cannot read it"
            )
    if len(members) > MAX_MEMBERS:
        raise HostileInputError(f"{source.name}: {len(members)} members exceed the limit of {MAX_MEMBERS}")
    declared = sum(info.file_size for info in members)
    if declared > max_bytes:
        raise HostileInputError(f"{source.name}: declares {declared} bytes, over the limit of {max_bytes}")
    for info in members:
        path = PurePosixPath(info.filename)
        if path.is_absolute() or ".." in path.parts:
            raise HostileInputError(f"{source.name}: member {info.filename!r} escapes the archive")
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
            raise HostileInputError(
                f"{source.name}: member {info.filename!r} compresses more than {MAX_RATIO}:1"
            )
    out = []
    budget = max_bytes
    for info in members:
        try:
            with archive.open(info) as handle:
                data = handle.read(budget + 1)
        except _UNREADABLE as exc:
            raise FormatError(f"{source.name}: unreadable member {info.filename!r}: {exc}") from None
        if len(data) > budget:
            raise HostileInputError(f"{source.name}: inflates beyond the limit of {max_bytes} bytes")
        budget -= len(data)
        out.append(InputFile(f"{source.name}:{info.filename}", data))
    return out
