"""Article inputs: files, directories, JSONL records and URLs, read safely into Documents.

Safety: every input is size-capped (`MAX_BYTES`) and refused when binary; URLs are fetched with
httpx (timeouts, size cap, content-type check, at most five redirects, none from HTTPS down to
plain HTTP), and a host that resolves to a loopback, private, link-local or otherwise non-public
address is refused unless `allow_private`.
The transport and the resolver are injectable so tests need no network.
"""

from __future__ import annotations

import ipaddress
import json
import socket
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from proscribe import clock
from proscribe.errors import FetchError, FormatError, HostileInputError, InputError
from proscribe.model import PartialDate
from proscribe.news.discourse import text_dateline
from proscribe.news.document import (
    Document,
    check_text,
    date_from_text,
    html_to_text,
    looks_like_html,
    without_controls,
)
from proscribe.redirects import redirect_target, refused_redirect

MAX_BYTES = 10 * 1024 * 1024
TIMEOUT = httpx.Timeout(20.0, connect=10.0)
_TEXT_TYPES = ("text/html", "text/plain", "application/xhtml+xml")
_SUFFIXES = (".txt", ".text", ".html", ".htm", ".jsonl", ".md")
Resolver = Callable[[str], list[str]]


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How URLs are fetched: private addresses allowed?, transport and resolver (for tests), limits."""

    allow_private: bool = False
    transport: httpx.BaseTransport | None = None
    resolver: Resolver | None = None
    max_bytes: int = MAX_BYTES
    # The encoding of local files that are not UTF-8 (`--encoding cp1251`), as a page's charset
    # declares one: never guessed.
    encoding: str | None = None


def _system_resolver(host: str) -> list[str]:
    try:
        return sorted({str(info[4][0]) for info in socket.getaddrinfo(host, None)})
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}") from None


def check_host(url: str, options: FetchOptions) -> None:
    """Refuse a URL whose host is not public (loopback, private, link-local...) unless allowed."""
    try:
        parts = urlsplit(url)
        hostname = parts.hostname  # parsed on access: a bad bracketed (IPv6) host fails here
    except ValueError as exc:
        raise InputError(f"{url}: not a valid URL: {exc}") from None
    if parts.scheme not in ("http", "https") or not hostname:
        raise InputError(f"{url}: only http and https URLs can be fetched")
    if options.allow_private:
        return
    addresses = (options.resolver or _system_resolver)(hostname)
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global or ip.is_multicast:
            raise HostileInputError(
                f"{url}: host {hostname} resolves to non-public address {ip}; "
                "refused (pass --allow-private to fetch from private networks)"
            )


def fetch_url(url: str, options: FetchOptions) -> tuple[str, str, str]:
    """Fetch `url` and return (text, content type, final URL), enforcing every guard."""
    with httpx.Client(transport=options.transport, timeout=TIMEOUT, follow_redirects=False) as client:
        current = url
        for _hop in range(6):
            check_host(current, options)
            try:
                with client.stream("GET", current, headers={"User-Agent": "proscribe/0.1"}) as response:
                    target = redirect_target(current, response)
                    if target is not None:
                        reason = refused_redirect(current, target)
                        if reason is not None:
                            raise FetchError(f"{url}: {reason}")
                        current = target
                        continue
                    if response.status_code != 200:
                        raise FetchError(f"{current}: HTTP {response.status_code}")
                    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
                    charset = response.charset_encoding
                    if kind not in _TEXT_TYPES:
                        raise HostileInputError(
                            f"{current}: content type {kind or 'missing'!r} is not HTML or text"
                        )
                    data = bytearray()
                    for chunk in response.iter_bytes():
                        data.extend(chunk)
                        if len(data) > options.max_bytes:
                            raise HostileInputError(
                                f"{current}: response over the {options.max_bytes}-byte limit"
                            )
            except httpx.InvalidURL as exc:
                raise InputError(f"{current}: not a valid URL: {exc}") from None
            except httpx.HTTPError as exc:
                raise FetchError(f"{current}: {exc}") from None
            return check_text(bytes(data), current, options.max_bytes, charset), kind, current
    raise FetchError(f"{url}: too many redirects")


class EmptyArticleError(InputError):
    """A news input with no article text: refused by an ingest, skipped with a warning by `extract`."""


def document_from(
    doc_id: str,
    raw: str,
    url: str | None,
    published: date | None,
    title: str | None = None,
    html: bool | None = None,
    stated: date | None = None,
    name: str | None = None,
) -> Document:
    """A Document from raw text or HTML: main text extracted, and its publication date.

    The date the article states (its page's metadata, a leading `date YYYY-MM-DD` line or a full
    date in its URL, a JSONL record's `stated` pub_date), else the full date of a dateline opening
    its text ("Moscow, 12 March 2026."), the day it was written, which its relative dates count
    from too; `published` (--published) only stands in for an article that gives none.
    Control characters are removed from its text and title (`without_controls`). An article with
    no text (an empty file, white space only, a page of scripts and navigation) is an InputError
    naming `name` (the file, record or URL it came from; `doc_id` by default): stored, it would be
    a source that says nothing, which no list of documents shows.
    """
    is_html = looks_like_html(raw) if html is None else html
    text, page_date = raw, None
    if is_html:
        page = html_to_text(raw, doc_id)
        text, page_date, title, url = page.text, page.published, title or page.title, url or page.url
    text = without_controls(text)
    title = without_controls(title) if title else title
    if not text.strip():
        what = (
            "a page with no article text (only markup, scripts or navigation)"
            if is_html
            else "empty (or only white space)"
        )
        raise EmptyArticleError(f"{name or doc_id}: {what}: no article text to read claims from")
    in_text = date_from_text(text, None)
    in_url = date_from_text("", url) if in_text is None else None
    found = (
        (page_date, "page"),
        (in_text, "text"),
        (in_url, "url"),
        (stated, "record"),
        (_dateline_day(text) if not (page_date or in_text or in_url or stated) else None, "dateline"),
        (published, "given"),
    )
    day, dated_by = next(((day, by) for day, by in found if day is not None), (None, None))
    return Document(doc_id, text, day, url, title, dated_by)


def _read_file(path: Path, max_bytes: int, encoding: str | None = None) -> str:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise HostileInputError(f"{path}: {size} bytes is over the {max_bytes}-byte limit")
        return check_text(path.read_bytes(), str(path), max_bytes, encoding)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc}") from None


def _records(
    path: Path, text: str, published: date | None, skipped: list[str] | None = None
) -> Iterator[Document]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            body = record.get("text") if record.get("text") is not None else record["html"]
            pub = record.get("pub_date")
            day = PartialDate.parse(pub).earliest if pub else None
            doc_id = str(record.get("id") or f"{path.stem}-{number}")
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError, InputError) as exc:
            raise FormatError(
                f"{path}: line {number}: expected a JSON record with text or html: {exc}"
            ) from None
        except RecursionError:  # the decoder recurses per level of nesting
            raise FormatError(f"{path}: line {number}: JSON nested too deep to read") from None
        if not isinstance(body, str):
            raise FormatError(f"{path}: line {number}: `text`/`html` must be a string")
        for field in ("url", "title"):
            if not isinstance(record.get(field, ""), str | None):
                raise FormatError(f"{path}: line {number}: `{field}` must be a string")
        # JSON can spell a NUL character (\u0000): no article holds one, PostgreSQL cannot store it.
        fields = (
            ("id", doc_id),
            ("text/html", body),
            ("url", record.get("url")),
            ("title", record.get("title")),
        )
        for field, value in fields:
            if value and "\x00" in value:
                raise FormatError(f"{path}: line {number}: `{field}` holds a NUL character (\\u0000)")
        try:
            yield document_from(
                doc_id,
                body,
                record.get("url"),
                published,
                record.get("title"),
                html="text" not in record,
                stated=day,
                name=f"{path}: line {number}",
            )
        except EmptyArticleError as exc:
            if skipped is None:
                raise
            skipped.append(str(exc))


def _dateline_day(text: str) -> date | None:
    """The day of a dateline opening `text`, unless it is after today: an article cannot have been
    published in the future, so such a date ("March 10, 2062") is a typo, and not its publication date."""
    day = text_dateline(text)
    return day if day is not None and day <= clock.today() else None


def unused_dates(documents: Sequence[Document], published: date | None) -> list[str]:
    """A line for each document that dates itself otherwise than `published`.

    `--published` only stands in for a date the document lacks: its page's metadata, a leading
    `date YYYY-MM-DD` line, a full date in its URL or a record's `pub_date` wins. Said, so that a
    date given to put one right is not taken for applied.
    """
    if published is None:
        return []
    return [
        f"{document.id}: --published {published} not used: the article dates itself {document.pub_date} "
        + (
            "(from the dateline opening its text)"
            if document.dated_by == "dateline"
            else "(from its page, text, URL or record)"
        )
        for document in documents
        if document.pub_date is not None and document.pub_date != published
    ]


def dateline_dates(documents: Sequence[Document], published: date | None = None) -> list[str]:
    """A line for each document dated by the dateline opening its text, which states no other date.

    Said, because the day then decides both what its relative dates ("on Tuesday") mean and from
    when answers `--as-of` count its claims: a reader should see where it came from. A document
    whose dateline overrode another `published` day is left out: `unused_dates` says so already.
    """
    return [
        f"{document.id}: publication date {document.pub_date} read from the dateline opening its text: "
        f"its relative dates count from it, and answers --as-of count its claims from it"
        for document in documents
        if document.dated_by == "dateline" and (published is None or published == document.pub_date)
    ]


def load_documents(
    inputs: Sequence[str], published: date | None, options: FetchOptions, skipped: list[str] | None = None
) -> list[Document]:
    """Every document named by `inputs` (files, directories, JSONL files, URLs), in order.

    An input with no article text is an error (`EmptyArticleError`), unless `skipped` is given:
    then it is left out and the reason added there (`extract` reads the others; an ingest stores
    nothing of a run holding one).
    """
    documents: list[Document] = []

    def add(doc_id: str, raw: str, url: str | None, name: str, html: bool | None = None) -> None:
        try:
            documents.append(document_from(doc_id, raw, url, published, html=html, name=name))
        except EmptyArticleError as exc:
            if skipped is None:
                raise
            skipped.append(str(exc))

    for item in inputs:
        if item.startswith(("http://", "https://")):
            text, kind, final = fetch_url(item, options)
            add(final, text, final, item, html=kind != "text/plain")
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in _SUFFIXES)
        elif path.is_file():
            files = [path]
        else:
            raise InputError(f"{item}: no such file, directory or URL")
        for file in files:
            text = _read_file(file, options.max_bytes, options.encoding)
            if file.suffix.lower() == ".jsonl":
                documents.extend(_records(file, text, published, skipped))
            else:
                add(file.stem, text, None, str(file))
    return documents
