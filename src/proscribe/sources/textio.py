"""Reading text inputs: bounded size, binary refused, encoding detected with a clear error.

Official CSV files come in UTF-8 (with or without BOM), Windows-1252 (HM Treasury) and the odd
DOS end-of-file byte (OFAC). `decode_text` tries UTF-8 first, then the encodings the source's
metadata declares, then charset-normalizer's best guess, and names the file when all fail.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from charset_normalizer import from_bytes

from proscribe.errors import FormatError, HostileInputError

MAX_TEXT_BYTES = 256 * 1024 * 1024
_DOS_EOF = "\x1a"


def read_bytes(path: Path, max_bytes: int = MAX_TEXT_BYTES) -> bytes:
    """Read a whole input file, refusing one larger than `max_bytes` before reading it."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise FormatError(f"{path}: cannot read: {exc.strerror}") from None
    if size > max_bytes:
        raise HostileInputError(f"{path}: {size} bytes exceeds the size limit of {max_bytes} bytes")
    return path.read_bytes()


def decode_text(data: bytes, name: str, encodings: tuple[str, ...] = ()) -> str:
    """Decode `data` (the file called `name`) to text; strip a BOM and a trailing DOS EOF byte.

    UTF-16 with its byte order mark (what spreadsheets save as "Unicode text") is unambiguous and
    read as such; NUL bytes anywhere else mean binary content.
    """
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        try:
            wide = data.decode("utf-16").removeprefix("\ufeff").rstrip("\r\n" + _DOS_EOF)
        except UnicodeDecodeError as exc:
            raise FormatError(f"{name}: marked as UTF-16 but byte {exc.start} is not valid UTF-16") from None
        return _without_nul(wide, name)
    if b"\x00" in data[:65536]:  # early, before guessing the encoding of binary content
        raise HostileInputError(f"{name}: binary content (NUL bytes) where text was expected")
    text = _utf8_or_none(data, name)
    if text is None:
        text = _try_decode(data, encodings)
    if text is None:
        best = from_bytes(data[:1_000_000]).best()
        if best is None or best.encoding is None:
            raise FormatError(
                f"{name}: cannot detect the text encoding (not UTF-8 nor {', '.join(encodings)})"
            )
        text = _try_decode(data, (best.encoding,))
        if text is None:
            raise FormatError(f"{name}: bytes are not valid {best.encoding} text")
    if text.startswith("\ufeff"):
        text = text[1:]
    return _without_nul(text.rstrip("\r\n" + _DOS_EOF), name)


def _without_nul(text: str, name: str) -> str:
    """`text`, refused if it holds a NUL character anywhere: no list states one, and a value holding
    one cannot be stored in PostgreSQL (the import would fail at its first write)."""
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise HostileInputError(f"{name}: line {line}: binary content (NUL bytes) where text was expected")
    return text


def _utf8_or_none(data: bytes, name: str) -> str | None:
    """`data` as UTF-8 text, None when it is not; an error when it is UTF-8 cut inside its last character.

    A download cut mid-file ends, more often than not, inside a multi-byte character. Read in
    another encoding, that last character would become a wrong one and the cut go unnoticed; left
    to the encoding guess, it reads "not valid UTF-8", which sends the user the wrong way. Only
    text that is UTF-8 up to there, with some non-ASCII (so the encoding is not in doubt), counts.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        head = data[: exc.start]
        if exc.reason == "unexpected end of data" and not head.isascii():
            line = head.count(b"\n") + 1
            raise FormatError(
                f"{name}: line {line}: the file ends inside a UTF-8 character: it looks cut short "
                "(an interrupted download?); fetch it again"
            ) from None
        return None


def _try_decode(data: bytes, encodings: tuple[str, ...]) -> str | None:
    for encoding in encodings:
        try:
            codecs.lookup(encoding)
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return None


def utf8_text(data: bytes, name: str) -> str:
    """`data` as UTF-8 text (a BOM dropped), or an error naming the line it stops being that.

    For inputs people make themselves (name lists, labelled pairs) rather than official files:
    guessing their encoding from a few short names goes wrong too often (Windows-1252 read as
    Central European), so the file is asked for in UTF-8 instead.
    """
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise HostileInputError(f"{name}: line {line}: binary content (NUL bytes) where text was expected")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start]
        raise FormatError(
            f"{name}: line {line}: not UTF-8 text (byte {byte:#04x}); save it as UTF-8"
        ) from None
