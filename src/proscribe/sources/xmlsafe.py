"""Hardened XML parsing for official list files: no entities, no network, no DTD, bounded size.

Every adapter that reads XML goes through `parse_xml`, so the safety rules live in one place:
- entity resolution is off and any DOCTYPE (internal subset or external DTD) is refused, which
  rejects XXE and billion-laughs documents before a single entity could be expanded;
- the parser never touches the network and `huge_tree` stays off (libxml2's own depth and text
  node limits apply);
- input larger than `max_bytes` is refused before parsing;
- syntax errors become FormatError naming the file and the line, and saying when the document
  stops before its root element is closed (a cut download); bytes that do not open as XML does
  (a CSV given to an XML format) are said to be no XML, not a damaged document.
"""

from __future__ import annotations

import re

from lxml import etree

from proscribe.errors import FormatError, HostileInputError

MAX_XML_BYTES = 256 * 1024 * 1024

# A DOCTYPE may only appear in the prolog; looking for it anywhere before the root is enough.
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_ROOT_START = re.compile(rb"<[^?!]")


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(data: bytes, name: str, max_bytes: int = MAX_XML_BYTES) -> etree._Element:
    """Parse `data` (the bytes of the file called `name`) into its root element, refusing hostile input."""
    if len(data) > max_bytes:
        raise HostileInputError(f"{name}: {len(data)} bytes exceeds the XML size limit of {max_bytes} bytes")
    if _DOCTYPE.search(data[: _prolog_end(data)]):
        raise HostileInputError(f"{name}: XML with a DOCTYPE or entity declarations is refused (XXE guard)")
    if data[-1:].isspace():
        # Trailing padding is no content, but past 10 MB libxml2 refuses it as one huge text node.
        data = data.rstrip()
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        if not _starts_as_xml(data):
            # Not XML at all (a CSV, a text file): no syntax error inside it is worth naming.
            begins = data[:40].decode("utf-8", "replace").splitlines()[0] if data.strip() else ""
            raise FormatError(
                f"{name}: line 1: not XML: the file begins {begins!r}, not with a tag"
            ) from None
        line = exc.lineno if exc.lineno else "?"
        cut = "; the root element is never closed: the file looks cut short" if _unclosed(data) else ""
        raise FormatError(f"{name}: line {line}: malformed XML: {exc.msg}{cut}") from None
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise HostileInputError(f"{name}: XML with a DOCTYPE is refused (XXE guard)")
    return root


_ROOT_NAME = re.compile(rb"<([^\s/>?!]+)")
# Byte order marks of UTF-16 and UTF-32, whose markup the bytes alone do not show as `<`.
_WIDE_MARKS = (b"\xff\xfe", b"\xfe\xff")


def _starts_as_xml(data: bytes) -> bool:
    """True when the bytes open as an XML document does: with `<` after a UTF-8 byte order mark and
    white space, or in a wide encoding (a UTF-16 or UTF-32 mark, NUL bytes among the first four)."""
    head = data.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")
    return head.startswith(b"<") or data.startswith(_WIDE_MARKS) or b"\x00" in data[:4]


def _unclosed(data: bytes) -> bool:
    """True when the document does not end with its root element's end tag (a cut download)."""
    start = _ROOT_NAME.search(data, _prolog_end(data))
    if start is None:
        return False
    ending = data.rstrip()
    return not (ending.endswith(b"</" + start.group(1) + b">") or ending.endswith(b"/>"))


def _prolog_end(data: bytes) -> int:
    """Offset of the root element's start tag (the end of the prolog), or the whole input if none."""
    match = _ROOT_START.search(data)
    return match.start() if match else len(data)


def local(tag: object) -> str:
    """The local name of an element tag, without its `{namespace}`."""
    text = str(tag)
    return text.rsplit("}", 1)[-1]


def text_of(element: etree._Element | None) -> str:
    """The element's text with surrounding whitespace stripped ("" when absent or empty)."""
    if element is None or element.text is None:
        return ""
    return element.text.strip()
