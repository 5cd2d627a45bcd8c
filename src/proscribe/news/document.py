"""Documents: main text from plain text or HTML, boilerplate dropped, sentences with character offsets.

Offsets always refer to `Document.text`, so every claim's evidence is a verbatim substring of it.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

from proscribe.errors import FormatError, HostileInputError
from proscribe.model import PartialDate
from proscribe.news.rules import load_rules
from proscribe.news.ruletypes import Rules

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "«": '"', "»": '"'})
_QUOTES.update({ord(c): "-" for c in "–—‐‑‒−"})
_QUOTES.update({ord(c): " " for c in "\u00a0\u2009\u202f\u200b"})

# A sentence ends at . ! ? (plus closing quotes/brackets) followed by space and a capital, digit or quote.
_END = re.compile(
    r"(?:[.!?؟]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9\u0400-\u04FF\u0600-\u06FF\u0900-\u097F])|[।॥]+\s*)"
)
MAX_SENTENCE = 1500  # characters; longer runs are cut (see _add)
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "sr",
        "jr",
        "gen",
        "sen",
        "rep",
        "gov",
        "lt",
        "col",
        "capt",
        "prof",
        "inc",
        "ltd",
        "co",
        "corp",
        "no",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "u.s",
        "u.k",
        "u.n",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "approx",
        "dept",
        "est",
        "fig",
    ]
)
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
)
_NOISE_ATTR = re.compile(
    r"cookie|consent|banner|comment|share|social|related|footer|nav|menu|sidebar|subscribe|newsletter|advert|promo",
    re.IGNORECASE,
)
_BLOCKS = frozenset(
    [
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "div",
        "blockquote",
        "td",
        "th",
        "tr",
        "br",
        "section",
        "article",
        "figcaption",
        "dd",
        "dt",
        "pre",
    ]
)
_META_DATES = (
    "article:published_time",
    "og:published_time",
    "datePublished",
    "date",
    "pubdate",
    "publishdate",
    "dc.date",
    "dcterms.created",
)
_TEXT_DATE = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})\b")
_URL_DATE = re.compile(r"/(20\d{2}|19\d{2})/?(\d{2})/?(\d{2})(?:/|\b)")
_URL_MONTH = re.compile(r"/(20\d{2}|19\d{2})/(\d{2})/")


def fold(text: str) -> str:
    """Lower-case and make quotes, dashes and spaces plain, keeping every offset (same length)."""
    plain = text.translate(_QUOTES)
    lowered = plain.lower()
    if len(lowered) == len(plain):
        return lowered
    return "".join(low if len(low := char.lower()) == 1 else char for char in plain)


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its offsets in the document text and the text itself."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Document:
    """An article: id, main text, publication date, URL and title, and where the date comes from."""

    id: str
    text: str
    pub_date: date | None = None
    url: str | None = None
    title: str | None = None
    # Where `pub_date` comes from: "page", "text", "url" or "record" (the article's own date), "dateline"
    # (the full date of a dateline opening its text), "given" (--published); None when unknown.
    dated_by: str | None = None


def check_text(data: bytes, name: str, max_bytes: int, declared: str | None = None) -> str:
    """Decode `data` as text, refusing oversize or binary input with a HostileInputError, and text
    in an encoding it cannot know with a FormatError naming the byte.

    UTF-8 is read as such; so is UTF-16 with its byte order mark (what editors save as "Unicode"),
    and the encoding a page declares (`declared`: a response's `charset`; else an HTML page's
    `<meta charset>`). Any other text is refused, naming its first byte that is not UTF-8: guessed,
    an article's encoding goes wrong without a sign (Windows-1252 read as Central European), and its
    names with it, so the evidence kept would not be what the article says.
    """
    if len(data) > max_bytes:
        raise HostileInputError(f"{name}: {len(data)} bytes is over the {max_bytes}-byte limit")
    text = _utf16_or_none(data, name)
    if text is None:
        if b"\x00" in data[:65536]:
            raise HostileInputError(f"{name}: binary data (NUL bytes), not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            text = _declared_text(data, name, declared or _meta_charset(data), exc)
    text = _without_nul(text, name)
    controls = sum(1 for char in text[:65536] if ord(char) < 32 and char not in "\n\r\t\f")
    if controls > max(8, len(text[:65536]) // 100):
        raise HostileInputError(f"{name}: binary data ({controls} control characters), not text")
    return text


def _utf16_or_none(data: bytes, name: str) -> str | None:
    """`data` as UTF-16 when it opens with a byte order mark and is UTF-16 text; None otherwise.

    Text in UTF-16 holds NUL bytes (the high byte of every space, digit and line break, in any
    script): after a mark, bytes without one are 8-bit text that only begins with those two bytes
    (`\\xff\\xfe` then ASCII), whose reading as UTF-16 would be a page of CJK characters.
    """
    if data[:2] not in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) or b"\x00" not in data[2:65536]:
        return None
    try:
        return data.decode("utf-16").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise FormatError(f"{name}: marked as UTF-16 but byte {exc.start} is not valid UTF-16") from None


def _without_nul(text: str, name: str) -> str:
    """`text`, refused if it holds a NUL character (past the first 64 KB, or in UTF-16 text): no
    article holds one, and PostgreSQL cannot store it."""
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise HostileInputError(f"{name}: line {line}: binary data (NUL bytes), not text")
    return text


def _declared_text(data: bytes, name: str, declared: str | None, error: UnicodeDecodeError) -> str:
    """`data` in the encoding the page declares; else a FormatError naming the first byte that is
    not UTF-8 (its offset, its line) and what to do."""
    if declared:
        try:
            return data.decode(codecs.lookup(declared).name)
        except LookupError:
            pass  # an encoding no codec knows declares nothing usable: refused as undeclared
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise FormatError(
                f"{name}: line {line}: byte {data[exc.start]:#04x} at offset {exc.start} is not "
                f"{declared} text, the encoding declared"
            ) from None
    line = data[: error.start].count(b"\n") + 1
    raise FormatError(
        f"{name}: line {line}: not UTF-8 text (byte {data[error.start]:#04x} at offset {error.start}); "
        "save it as UTF-8, or name its encoding (--encoding)"
    )


# An HTML page's own statement of its encoding, in its first bytes (where browsers look for it):
# `<meta charset="windows-1251">` or `<meta http-equiv="Content-Type" content="text/html; charset=...">`.
_META_CHARSET = re.compile(rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def _meta_charset(data: bytes) -> str | None:
    found = _META_CHARSET.search(data[:4096])
    return found.group(1).decode("ascii") if found else None


# Terminal escape sequences (ECMA-48), removed whole: a control sequence (ESC [, parameters, a
# final byte: `ESC[2J` clears the screen), a control string (OSC, DCS, SOS, PM, APC, up to BEL or
# the string terminator) or an escape with intermediate bytes (`ESC(B`). Any other escape loses the
# escape only: the letter after it may be the article's own. The same rules as a list's values
# (`proscribe.sources.records`), which this layer may not import.
_ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[!-/]+[0-~]")
# C0 control characters that are no white space, and DEL, are removed; the line-breaking ones
# (those `str.splitlines` breaks at: vertical tab, form feed, the file, group and record separators)
# become a line break, the unit separator a space; tab, line feed and carriage return stay. A C1
# character is a Windows-1252 character read as Latin-1 on the text's way (U+0092 for the
# apostrophe of "Xi'an"), and read as that one; the five bytes Windows-1252 leaves undefined go.
_C0_AND_DEL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")
_LINE_CONTROLS = re.compile(r"[\x0b\x0c\x1c-\x1e]")
_ANY_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_C1_AS_WINDOWS_1252 = {code: bytes([code]).decode("cp1252", "ignore") or None for code in range(0x80, 0xA0)}


def without_controls(text: str) -> str:
    """`text` without terminal escape sequences and control characters (see above for which become
    a line break, a space or a Windows-1252 character).

    Kept, they would be stored in the claims' evidence and shown by every command that prints it
    (`ESC[2J` clears the reader's terminal), and a name they split ("Tali\\x07ban") is found by
    no rule; so the text a claim's offsets refer to is the text without them.
    """
    if _ANY_CONTROL.search(text) is None:
        return text
    kept = _C0_AND_DEL.sub("", _ESCAPE.sub("", text)).translate(_C1_AS_WINDOWS_1252)
    return _LINE_CONTROLS.sub("\n", kept).replace("\x1f", " ")


def looks_like_html(text: str) -> bool:
    """True when the text starts like an HTML page or fragment."""
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html", "<head", "<body", "<article", "<div", "<p>", "<p "))


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """What HTML extraction yields: main text plus the page's own metadata."""

    text: str
    title: str | None
    published: date | None
    url: str | None


def _block_text(root: etree._Element, out: list[str]) -> None:
    """Append the text under `root` to `out`, a line break around each block element.

    A walk with its own stack, not recursion: pages of unclosed inline tags nest thousands deep.
    """
    stack: list[tuple[etree._Element, bool]] = [(root, True)]
    while stack:
        node, entering = stack.pop()
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _BLOCKS:
            out.append("\n")
        if entering:
            if node.text and tag:
                out.append(node.text)
            stack.append((node, False))
            stack.extend((child, True) for child in reversed(node))
        elif node is not root and node.tail:
            out.append(node.tail)


def _meta_date(tree: etree._Element) -> date | None:
    for node in tree.iter("meta", "time"):
        key = node.get("property") or node.get("name") or node.get("itemprop") or ""
        value = node.get("content") or node.get("datetime") or ""
        if (node.tag == "time" or key in _META_DATES) and (
            found := re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
        ):
            try:
                return date(int(found[1]), int(found[2]), int(found[3]))
            except ValueError:
                continue
    return None


def _drop(node: etree._Element) -> None:
    """Remove a node and its children, keeping the text that follows it."""
    parent = node.getparent()
    if parent is None:
        return
    if node.tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


def html_to_text(source: str, name: str) -> HtmlPage:
    """Extract the main text of an HTML page: scripts, navigation, cookie banners and comments dropped."""
    # huge_tree lifts libxml2's nesting limit from 256 to 2,048 elements: the HTML parser recovers
    # from errors, so past the limit it silently drops the rest of the page, and old pages of
    # unclosed <font> or <b> tags nest that deep. The input is bounded before it gets here.
    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=True)
    try:
        tree = lxml_html.document_fromstring(source, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise FormatError(f"{name}: not parseable HTML: {exc}") from None
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        raise FormatError(
            f"{name}: HTML nested deeper than the parser reads (2,048 elements): "
            "the text past that point would be lost"
        )
    title_node = tree.find(".//meta[@property='og:title']")
    title = title_node.get("content") if title_node is not None else tree.findtext(".//title")
    canonical = tree.find(".//link[@rel='canonical']")
    published = _meta_date(tree)
    for node in list(tree.iter(*_DROP_TAGS)):
        _drop(node)
    for node in list(tree.iter()):
        attrs = f"{node.get('class', '')} {node.get('id', '')}"
        if node.getparent() is not None and node.tag not in ("html", "body") and _NOISE_ATTR.search(attrs):
            _drop(node)
    main = next(
        (
            node
            for node in (tree.find(".//article"), tree.find(".//main"), tree.find(".//body"))
            if node is not None
        ),
        tree,
    )
    parts: list[str] = []
    _block_text(main, parts)
    lines = (re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in "".join(parts).split("\n"))
    text = "\n".join(line for line in lines if line)
    url = canonical.get("href") if canonical is not None else None
    return HtmlPage(text, title.strip() if title else None, published, url)


def date_from_text(text: str, url: str | None) -> date | None:
    """Publication date from a `date YYYY-MM-DD` prefix or a full date in the URL path; None otherwise."""
    found = _TEXT_DATE.match(text)
    candidates = [found.group(1).split("-")] if found else []
    if url and (in_url := _URL_DATE.search(url)):
        candidates.append([in_url[1], in_url[2], in_url[3]])
    for year, month, day in candidates:
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            continue
    return None


def url_month(url: str | None) -> PartialDate | None:
    """The month a `/YYYY/MM/` URL path dates its page to (many outlets file articles so), or None."""
    found = _URL_MONTH.search(urlsplit(url).path) if url else None
    if found is None or not 1 <= int(found[2]) <= 12:
        return None
    return PartialDate.parse(f"{found[1]}-{found[2]}")


_INITIALS = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")


def _is_abbreviation(text: str, end: int) -> bool:
    word = re.search(r"(\S+)$", text[:end])
    if word is None:
        return False
    token = word.group(1).lstrip("(\"'“‘").rstrip(".").lower()
    # Dotted initials ("E.O.", "U.A.E.") abbreviate, whatever they stand for.
    return (
        token in _ABBREVIATIONS
        or (len(token) == 1 and token.isalpha())
        or _INITIALS.fullmatch(token) is not None
    )


def _ordinal_date(text: str, stop: int, after: int, rules: Rules) -> bool:
    """True for a German-style ordinal day before a month name ("am 6. Januar"), not a sentence end."""
    number = re.search(r"(?<!\d)\d{1,2}$", text[:stop])
    month = re.match(r"\w+", text[after:])
    return bool(number and month and month.group(0).casefold() in rules.months)


def is_boilerplate(line: str, rules: Rules) -> str | None:
    """The id of the boilerplate rule the whole line matches, or None."""
    stripped = line.strip()
    for rule_id, regex in rules.boilerplate:
        if regex.fullmatch(stripped):
            return rule_id
    return None


def sentences(text: str, rules: Rules | None = None) -> list[Sentence]:
    """Split `text` into sentences with offsets, skipping boilerplate lines and blank space."""
    active = rules or load_rules()
    out: list[Sentence] = []
    offset = 0
    for line in text.split("\n"):
        line_start, offset = offset, offset + len(line) + 1
        if not line.strip() or is_boilerplate(line, active):
            continue
        prefix = _TEXT_DATE.match(line)
        start = prefix.end() if prefix else 0
        for match in _END.finditer(line):
            if match.group(0)[0] == "." and _is_abbreviation(line, match.start()):
                continue
            if match.group(0)[0] == "." and _ordinal_date(line, match.start(), match.end(), active):
                continue
            _add(out, line, line_start, start, match.start() + len(match.group(0).rstrip()))
            start = match.end()
        _add(out, line, line_start, start, len(line))
    return out


def _add(out: list[Sentence], line: str, base: int, start: int, end: int) -> None:
    while end - start > MAX_SENTENCE:
        # Runaway "sentences" (no punctuation, pasted lists) are cut at a break near the limit, so
        # the work per sentence, and so per document, stays linear.
        window = line[start : start + MAX_SENTENCE]
        cut = max(window.rfind("; "), window.rfind(", "), window.rfind(" "))
        stop = start + (cut + 1 if cut > MAX_SENTENCE // 2 else MAX_SENTENCE)
        _add(out, line, base, start, stop)
        start = stop
    piece = line[start:end]
    lead = len(piece) - len(piece.lstrip())
    piece = piece.strip()
    if piece:
        out.append(Sentence(base + start + lead, base + start + lead + len(piece), piece))
