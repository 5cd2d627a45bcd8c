"""News endpoints: `/api/extract` reads an article and returns its claims without storing them;
`/api/ingest/news` (bearer token required) stores them as news-tier evidence.

An article is given as text (plain or HTML) or as a public http(s) URL, which the server fetches with
the news layer's guards (size cap, content type, no private or loopback hosts).
"""

from __future__ import annotations

import hashlib
import threading
from datetime import date
from typing import Any

from fastapi import APIRouter, Depends
from pydantic import Field

from proscribe.api.auth import Authorised
from proscribe.api.bodies import RequestBody
from proscribe.errors import HostileInputError, InputError
from proscribe.ingest.news import ingest_news
from proscribe.news.document import Document
from proscribe.news.extract import Extractor
from proscribe.news.inputs import FetchOptions, document_from, fetch_url, unused_dates
from proscribe.store import Store
from proscribe.web.http import day_param, known_query_parameters, option_names, public_text

MAX_TEXT_CHARS = 500_000


# The CLI's words in the core's messages, as the API names the same thing.
API_NAMES = {"--published": "published_on", "--as-of": "as_of"}

PRIVATE_REFUSAL = {
    "refused (pass --allow-private to fetch from private networks)": (
        "refused: the server fetches only from public addresses"
    )
}


class Article(RequestBody):
    """An article: its text (plain or HTML) or its URL, and optionally its title and publication day."""

    text: str | None = Field(default=None, max_length=MAX_TEXT_CHARS, description="Plain text or HTML")
    url: str | None = Field(default=None, description="Where it was published; fetched when no text is given")
    title: str | None = None
    published_on: str | None = Field(default=None, description="Publication day (YYYY-MM-DD)")


def document(article: Article, fetch: FetchOptions) -> Document:
    """The Document for a request: the given text, else the page at its URL."""
    published = day_param(article.published_on, "published_on")
    if article.text and article.text.strip():
        raw, url, html = article.text, article.url, None
    elif article.url:
        try:
            raw, kind, url = fetch_url(article.url, fetch)
        except HostileInputError as exc:
            # The CLI may be told to fetch from private networks; the server never is.
            raise option_names(exc, PRIVATE_REFUSAL) from None
        html = kind != "text/plain"
    else:
        raise InputError("give the article's text or its URL")
    doc_id = "doc-" + hashlib.sha256(raw.encode()).hexdigest()[:16]
    return document_from(doc_id, raw, url, published, article.title, html)


class ExtractorCache:
    """The extractor over the registry's current content, rebuilt only when that content changes.

    Building one indexes every entity name (seconds for a registry holding whole official lists), so
    it is kept, keyed by `Reader.content_hash()`, like the screeners. One build runs at a time:
    requests arriving meanwhile wait for it rather than building their own."""

    def __init__(self) -> None:
        self._version = ""
        self._extractor: Extractor | None = None
        self._lock = threading.Lock()

    def get(self, store: Store) -> Extractor:
        """An extractor over the registry content as it is now."""
        reader = store.reader()
        version = reader.content_hash()
        with self._lock:
            if self._extractor is None or self._version != version:
                self._extractor = Extractor(reader.entities())
                self._version = version
            return self._extractor


def news_router(store: Store, fetch: FetchOptions | None = None) -> APIRouter:
    """Build the router of the news endpoints over `store` (`fetch` sets how URLs are fetched)."""
    router = APIRouter(prefix="/api", tags=["news"], dependencies=[Depends(known_query_parameters)])
    options = fetch or FetchOptions()
    extractors = ExtractorCache()

    @router.post("/extract", summary="Extract designation claims from an article (nothing is stored)")
    def extract(article: Article) -> dict[str, Any]:
        doc = document(article, options)
        extractor = extractors.get(store)
        claims = extractor.extract(doc)
        # A day given that the article's own overrides, and acts it reports as done after the day
        # it was published: check that day.
        warnings = [*unused_dates([doc], _published(article)), *extractor.doubtful_dates(doc, claims)]
        return {
            "document": {"id": doc.id, "url": doc.url, "title": doc.title, "published_on": _day(doc)},
            "text": doc.text,
            "claims": [c.to_json() for c in claims],
            "warnings": [public_text(line, API_NAMES) for line in warnings],
        }

    @router.post("/ingest/news", tags=["ingest"], summary="Store an article's claims (token required)")
    def ingest(article: Article, token_name: Authorised) -> dict[str, Any]:
        doc = document(article, options)
        report = ingest_news(store, [doc])
        report.warnings[:0] = unused_dates([doc], _published(article))
        report.warnings = [public_text(line, API_NAMES) for line in report.warnings]
        return {"token": token_name, "report": report.as_dict()}

    return router


def _published(article: Article) -> date | None:
    return day_param(article.published_on, "published_on")


def _day(doc: Document) -> str | None:
    return doc.pub_date.isoformat() if doc.pub_date else None
