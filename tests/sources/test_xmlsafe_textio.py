"""Hardening: XXE and billion laughs refused, size limits, encodings detected with clear errors."""

from __future__ import annotations

import re

import pytest
from adapter_helpers import FIXTURES

from proscribe.errors import FormatError, HostileInputError
from proscribe.sources.textio import decode_text
from proscribe.sources.xmlsafe import parse_xml


@pytest.mark.parametrize("fixture", ["xxe.xml", "billion_laughs.xml"])
def test_doctype_is_refused(fixture: str) -> None:
    data = (FIXTURES / "hostile" / fixture).read_bytes()
    with pytest.raises(
        HostileInputError, match=f"{fixture}: XML with a DOCTYPE or entity declarations is refused"
    ):
        parse_xml(data, fixture)


def test_oversize_xml_is_refused_before_parsing() -> None:
    with pytest.raises(
        HostileInputError, match=re.escape("big.xml: 11 bytes exceeds the XML size limit of 10 bytes")
    ):
        parse_xml(b"<a>xxxx</a>", "big.xml", max_bytes=10)


def test_undeclared_latin1_in_utf8_xml_is_a_format_error() -> None:
    data = (FIXTURES / "hostile" / "bad_encoding.xml").read_bytes()
    with pytest.raises(FormatError, match=re.escape("bad_encoding.xml: line 2: malformed XML")):
        parse_xml(data, "bad_encoding.xml")


def test_decode_text_prefers_utf8_then_declared_encodings() -> None:
    assert decode_text("Zürich".encode(), "a.csv") == "Zürich"
    assert decode_text("\ufeffZürich\r\n\x1a".encode(), "a.csv") == "Zürich"
    assert decode_text("Café £5".encode("cp1252"), "b.csv", ("cp1252",)) == "Café £5"


def test_decode_text_refuses_nul_bytes() -> None:
    with pytest.raises(HostileInputError, match=re.escape("c.csv: binary content")):
        decode_text(b"abc\x00def", "c.csv")
    # Anywhere in the file, not only in the first 64 KB that are checked before decoding: a list
    # holding one would fail its import on PostgreSQL at the first write (and store it on SQLite).
    late = b"Name,Group ID\n" + b"MULLER,7001\n" * 6000 + b"MU\x00LLER,7002\n"
    with pytest.raises(HostileInputError, match=re.escape("d.csv: line 6002: binary content (NUL bytes)")):
        decode_text(late, "d.csv")
    wide = "Name,Group ID\nMU\x00LLER,7001\n".encode("utf-16-le")
    with pytest.raises(HostileInputError, match=re.escape("e.csv: line 2: binary content (NUL bytes)")):
        decode_text(b"\xff\xfe" + wide, "e.csv")


def test_trailing_padding_after_the_root_is_no_content() -> None:
    """A valid file padded with 12 MB of newlines parses (libxml2 refused it as one huge text node)."""
    padded = b'<?xml version="1.0"?>\n<list><entry>A</entry></list>' + b"\n" * 12_000_000
    root = parse_xml(padded, "padded.xml")
    assert [child.text for child in root] == ["A"]


def test_utf16_text_with_its_byte_order_mark_is_read() -> None:
    text = "Name 6,Group ID\nMÜLLER,7001\n"
    for encoding in ("utf-16-le", "utf-16-be"):
        bom = b"\xff\xfe" if encoding.endswith("le") else b"\xfe\xff"
        assert decode_text(bom + text.encode(encoding), "list.csv") == text.rstrip("\n")
    with pytest.raises(HostileInputError, match="binary content"):
        decode_text(text.encode("utf-16-le"), "list.csv")  # no mark: NUL bytes, not knowably text
