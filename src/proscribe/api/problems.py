"""Errors as RFC 9457 `application/problem+json` (API, feeds, JSON twins) or an HTML page (browsers).

Each kind of proscribe error maps to one HTTP status; the problem's `detail` is the error's own
message, which already names the parameter, file or entity at fault.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from proscribe.errors import (
    AmbiguousError,
    DataError,
    FetchError,
    FormatError,
    HostileInputError,
    InputError,
    NotFoundError,
    ProscribeError,
    StoreError,
)
from proscribe.web.http import PROBLEM_TYPE, json_bytes
from proscribe.web.render import render

# Most specific first: the first class the error is an instance of decides.
STATUS_BY_ERROR: tuple[tuple[type[ProscribeError], int, str], ...] = (
    (NotFoundError, 404, "Not found"),
    (AmbiguousError, 400, "Ambiguous name"),
    (InputError, 400, "Invalid input"),
    (HostileInputError, 422, "Input refused"),
    (FormatError, 422, "Unreadable input"),
    (FetchError, 502, "Download failed"),
    (StoreError, 503, "Database unavailable"),
    (DataError, 500, "Invalid bundled data"),
)


def problem(
    status: int, title: str, detail: str, headers: dict[str, str] | None = None, **extra: Any
) -> Response:
    """An `application/problem+json` response."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    return Response(json_bytes(body), status_code=status, media_type=PROBLEM_TYPE, headers=headers)


def _wants_html(request: Request) -> bool:
    """Browsers asking for a page (not the API, a feed or a JSON twin) get an HTML error page."""
    path = request.url.path
    if path.startswith(("/api/", "/feeds/")) or path.endswith(".json"):
        return False
    if request.query_params.get("format") == "json":
        return False
    return "text/html" in request.headers.get("accept", "")


def _respond(
    request: Request,
    status: int,
    title: str,
    detail: str,
    *,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> Response:
    headers = dict(headers or {})
    if status == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="proscribe"'
    if _wants_html(request):
        candidates = _named(request, extra.get("candidates", []))
        page = render("error.html", title=title, detail=detail, candidates=candidates)
        return HTMLResponse(page, status_code=status, headers=headers)
    return problem(status, title, detail, headers, **extra)


def _named(request: Request, ids: list[str]) -> list[dict[str, str]]:
    """Candidate entities as `{"id", "name"}`, so a person can tell them apart (the id alone when the
    registry cannot be read)."""
    if not ids:
        return []
    try:
        names = request.app.state.store.reader().entity_names(ids)
    except ProscribeError:
        names = {}
    return [{"id": i, "name": names.get(i, i)} for i in ids]


async def _proscribe_error(request: Request, exc: Exception) -> Response:
    for kind, status, title in STATUS_BY_ERROR:
        if isinstance(exc, kind):
            extra: dict[str, Any] = {"candidates": exc.candidates} if isinstance(exc, AmbiguousError) else {}
            return _respond(request, status, title, str(exc), **extra)
    return _respond(request, 500, "Internal error", str(exc))


METHODS = ("DELETE", "GET", "PATCH", "POST", "PUT")


def _allowed(request: Request) -> str:
    """The methods some route at the request's path answers (GET implies HEAD, see `HeadAsGet`):
    each is tried against the routes, since one path may be served by routes of several routers."""
    routes = request.app.router.routes
    methods = [
        method
        for method in METHODS
        if any(route.matches({**request.scope, "method": method})[0] == Match.FULL for route in routes)
    ]
    if "GET" in methods:
        methods.append("HEAD")
    return ", ".join(sorted(methods))


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    title = {401: "Unauthorized", 404: "Not found", 405: "Method not allowed"}.get(
        exc.status_code, "HTTP error"
    )
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = _allowed(request) or headers.get("Allow", "")
    return _respond(request, exc.status_code, title, str(exc.detail), headers=headers)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    messages = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error.get("loc", ()) if part not in ("body", "query"))
        messages.append(f"{where or 'request'}: {error.get('msg', 'invalid')}")
    return _respond(request, 422, "Invalid request", "; ".join(messages))


async def _unexpected(request: Request, exc: Exception) -> Response:
    """A bug: answer with a problem document that leaks nothing (uvicorn still logs the traceback)."""
    return _respond(request, 500, "Internal error", "the server failed to answer; the error has been logged")


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into a problem document (or an HTML page)."""
    app.add_exception_handler(ProscribeError, _proscribe_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected)
