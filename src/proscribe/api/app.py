"""The application factory: the JSON API, the feeds, the web pages and their static assets on one app."""

from __future__ import annotations

from fastapi import Depends, FastAPI
from fastapi.responses import HTMLResponse
from starlette.middleware.gzip import GZipMiddleware

from proscribe.api import exports, feeds, news, problems, read, write
from proscribe.store import Store
from proscribe.web import pages
from proscribe.web.assets import Assets
from proscribe.web.http import HeadAsGet, ResponseCache, refuse_nul
from proscribe.web.render import render

DESCRIPTION = """\
Sourced timelines of which jurisdictions (ISO 3166-1 alpha-2, `UN`, `EU`) designate which organisations.

* Dates are `YYYY-MM-DD`. `at` is valid time (the state in force that day); `as_of` is knowledge time
  (only sources published by that day).
* Reads return an `ETag`; send it back in `If-None-Match` to get `304 Not Modified`.
* Errors are `application/problem+json` documents whose `detail` says what was wrong.
* Write endpoints need `Authorization: Bearer <token>` (create one with `proscribe token create NAME`).
"""

GZIP_MINIMUM = 1024  # bytes: smaller bodies are sent as they are


def create_app(store: Store, cache_size: int = 512) -> FastAPI:
    """Build the whole HTTP surface over `store` (which must be initialised)."""
    store.require_initialised()
    app = FastAPI(
        title="proscribe",
        version="1",
        description=DESCRIPTION,
        docs_url=None,  # FastAPI's Swagger UI loads from a CDN; /docs is rendered here instead
        redoc_url=None,
        dependencies=[Depends(refuse_nul)],  # every route, pages and feeds included
    )
    app.state.store = store  # read by the token check of the write endpoints
    cache = ResponseCache(cache_size)
    problems.install(app)
    app.include_router(read.read_router(store, cache))
    app.include_router(write.write_router(store))
    app.include_router(news.news_router(store))
    app.include_router(feeds.feed_router(store, cache))
    app.include_router(exports.export_router(store))
    app.include_router(pages.page_router(store, cache))
    app.mount("/static", Assets(), name="static")
    # Large reads (a jurisdiction with OFAC's list, the whole matrix) run to megabytes of JSON.
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MINIMUM, compresslevel=6)
    app.add_middleware(HeadAsGet)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        """The API reference, rendered server-side from the OpenAPI document."""
        return HTMLResponse(render("api_docs.html", spec=app.openapi(), nav="/docs"))

    return app
