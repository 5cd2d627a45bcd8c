"""HTTP plumbing shared by the web pages and the JSON API: parameters, JSON bodies, ETags and caching.

Caching rule: every read response carries `ETag` = hash of the registry's content hash (which changes
whenever any claim is added), today's date (the default `at`), the request's base URL (the feeds' links
are absolute) and its path and sorted query, plus `Cache-Control: no-cache` so clients revalidate each
time. A matching `If-None-Match` gets `304` without running the query, and
rendered bodies are kept in a small in-process LRU keyed by that ETag, so a repeated read costs one
content-hash lookup.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from proscribe import clock
from proscribe.errors import InputError, NotFoundError, ProscribeError
from proscribe.model import parse_day
from proscribe.model.jurisdiction import is_jurisdiction_code

JSON_TYPE = "application/json"
PROBLEM_TYPE = "application/problem+json"
CACHE_CONTROL = "public, no-cache"


NUL = "\x00"


def refuse_nul(request: Request) -> None:
    """Refuse a request whose path or query holds a NUL character (U+0000), naming where.

    No name, id, code or day holds one, and PostgreSQL cannot even compare text with one (it
    fails the query), so such a request is an input error on every backend, said before any read.
    """
    if NUL in request.url.path:
        raise InputError("the path contains a NUL character (U+0000), which no name or id holds")
    for name, value in request.query_params.multi_items():
        if NUL in name or NUL in value:
            raise InputError(f"parameter {name.replace(NUL, '')!r}: contains a NUL character (U+0000)")


# Parameters common clients add that change nothing an API answer says: a cache-buster (`_=` with
# any value, as jQuery's `cache: false` sends) and `format=json` (the pages' JSON twins take it, and
# an API answer is JSON already).
# None: any value.
HARMLESS_PARAMETERS: dict[str, tuple[str, ...] | None] = {"_": None, "format": ("json",)}


def known_query_parameters(request: Request) -> None:
    """Refuse a query parameter the route does not take, or one given empty, naming it (400).

    For the JSON API, whose callers are programs: a misspelt `asof=2024-01-01` ignored, or an empty
    `as_of=` read as not given, would turn an audit of what was known then into an answer as known
    now without a word. (The pages take empty parameters: a form sends its blank fields.)
    """
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    taken = dict(_query_names(dependant))
    for name, value in request.query_params.multi_items():
        if _harmless(name, value):
            continue
        if name not in taken:
            offered = ", ".join(sorted(taken)) or "none"
            raise InputError(f"unknown parameter {name!r}: {request.url.path} takes {offered}")
        # A required one given empty is the route's to refuse, in its own words ("give an entity").
        if not value.strip() and not taken[name]:
            raise InputError(f"parameter {name!r} is empty: give a value or leave it out")


def _harmless(name: str, value: str) -> bool:
    """Whether a parameter the route does not declare is one of `HARMLESS_PARAMETERS`."""
    if name not in HARMLESS_PARAMETERS:
        return False
    values = HARMLESS_PARAMETERS[name]
    return values is None or value in values


def _query_names(dependant: Any) -> Iterator[tuple[str, bool]]:
    """The query parameter names (aliases) a route and its dependencies take, each with whether it
    is required."""
    for param in dependant.query_params:
        yield param.alias, bool(param.field_info.is_required())
    for sub in dependant.dependencies:
        yield from _query_names(sub)


# Where a window of changes starts when the caller gives no first day (or a blank one, as a form
# with an empty field sends): before any change the registry holds.
EPOCH = date(1900, 1, 1)


def day_param(value: str | None, name: str) -> date | None:
    """Parse an optional `YYYY-MM-DD` query parameter, naming the parameter when it is malformed."""
    if value is None or value == "":
        return None
    try:
        return parse_day(value)
    except InputError as exc:
        raise InputError(f"parameter {name!r}: {exc}") from None


def entity_param(value: str, name: str = "entity") -> str:
    """A required entity name parameter, which must not be blank."""
    if not value.strip():
        raise InputError(f"parameter {name!r}: give an entity id or name")
    return value


def window_params(
    since: str | None, until: str | None, names: tuple[str, str] = ("since", "until")
) -> tuple[date | None, date | None]:
    """The first and last days of a changes window (parameters `names`), the last not before the first."""
    first, last = names
    start, end = day_param(since, first), day_param(until, last)
    if start is not None and end is not None and end < start:
        raise InputError(f"parameter {last!r}: {end} is before parameter {first!r} {start}")
    return start, end


# The CLI options the core's messages about a window of changes name, and the parameters the web
# and the API take for them (`option_names`).
WINDOW_OPTIONS = {
    "--since": "since",
    "--until": "until",
    "--reported-since": "reported_since",
    "--reported-until": "reported_until",
}


def first_day(since: date | None, until: date | None, reported_since: date | None) -> date | None:
    """The first day of a window of changes: `since` as given, else, when the changes are not
    asked by the day reported alone, EPOCH, or `until` when that is earlier, so a default the
    caller never gave is never the day their `until` is said to come before."""
    if since is not None:
        return since
    if reported_since is not None:
        return None
    return min(EPOCH, until) if until is not None else EPOCH


def page_within(index: dict[str, Any], what: str) -> dict[str, Any]:
    """`index` (an answer with `page` and `pages`), or NotFoundError when it is a page past the last.

    A page beyond the end is a page that does not exist, as an unknown entity is: a 404 naming
    the last page, not an empty 200 a reader might take for "nothing is listed".
    """
    if index["page"] > index["pages"]:
        raise NotFoundError(
            f"page {index['page']} of {what} does not exist: the last is page {index['pages']}"
        )
    return index


def option_names(exc: ProscribeError, names: Mapping[str, str]) -> ProscribeError:
    """`exc` with the core's words for the CLI (`--date`, a temporary file's path) replaced by the
    API's (`snapshot_date`, the file's own name): the same error, said in the caller's terms."""
    exc.args = (public_text(str(exc), names),)
    return exc


def public_text(text: str, names: Mapping[str, str]) -> str:
    """`text` with every key of `names` replaced by its value (longest first)."""
    for word in sorted(names, key=len, reverse=True):
        text = text.replace(word, names[word])
    return text


def code_params(values: Iterable[str], name: str = "in") -> tuple[str, ...]:
    """Jurisdiction codes from a repeatable and/or comma-separated parameter, upper-cased and checked."""
    out: list[str] = []
    for value in values:
        for part in value.split(","):
            code = part.strip().upper()
            if not code:
                continue
            if not is_jurisdiction_code(code):
                raise InputError(
                    f"parameter {name!r}: {part.strip()!r} is not a jurisdiction code (e.g. RU, UN)"
                )
            if code not in out:
                out.append(code)
    return tuple(out)


def list_params(values: Iterable[str]) -> tuple[str, ...]:
    """Values of a repeatable and/or comma-separated parameter, stripped, without repeats."""
    out: list[str] = []
    for value in values:
        for part in value.split(","):
            item = part.strip()
            if item and item not in out:
                out.append(item)
    return tuple(out)


def json_bytes(data: object) -> bytes:
    """Serialise a JSON-ready value compactly, keeping non-ASCII names readable."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def etag_for(version: str, request: Request) -> str:
    """A strong ETag for `request` against the registry content `version`.

    The base URL (scheme, host, port) is part of it: the feeds build absolute links from it, so a
    response rendered for one `Host` is never served, from the cache or by a 304, to another."""
    query = "&".join(sorted(f"{k}={v}" for k, v in request.query_params.multi_items()))
    text = f"{version}\x1f{request.base_url}\x1f{request.url.path}\x1f{query}"
    return '"' + hashlib.sha256(text.encode()).hexdigest()[:32] + '"'


class ResponseCache:
    """A bounded, thread-safe LRU of rendered bodies keyed by ETag."""

    def __init__(self, size: int = 512) -> None:
        self._size = size
        self._items: OrderedDict[str, tuple[bytes, str]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple[bytes, str] | None:
        """The cached (body, media type) for `key`, refreshing its recency."""
        with self._lock:
            item = self._items.get(key)
            if item is not None:
                self._items.move_to_end(key)
            return item

    def put(self, key: str, value: tuple[bytes, str]) -> None:
        """Remember a rendered body, evicting the least recently used beyond the bound."""
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)


def none_match(header: str, tag: str) -> bool:
    """Whether an `If-None-Match` header matches `tag` (RFC 9110 13.1.2): the weak comparison, so
    `W/"x"` matches `"x"`, and `*` matches any current representation."""
    for part in header.split(","):
        candidate = part.strip()
        if candidate == "*":
            return True
        if candidate.removeprefix("W/") == tag.removeprefix("W/"):
            return True
    return False


class HeadAsGet:
    """ASGI middleware answering HEAD like GET, headers only (RFC 9110 9.3.2).

    FastAPI registers a `GET` route for GET alone; this runs the GET handler (so the status, ETag,
    Content-Type and Content-Length are the GET's) and drops the body. A route without GET still
    answers 405."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


def read_headers(request: Request, version: str) -> dict[str, str]:
    """The caching headers of a read of `request` against the registry content `version`."""
    tag = etag_for(f"{version}|{clock.today().isoformat()}", request)
    return {"ETag": tag, "Cache-Control": CACHE_CONTROL}


def not_modified(request: Request, headers: Mapping[str, str]) -> Response | None:
    """`304 Not Modified` when the client's copy (If-None-Match) is the one `headers` describe."""
    if none_match(request.headers.get("if-none-match", ""), headers["ETag"]):
        return Response(status_code=304, headers=dict(headers))
    return None


def cached_response(
    request: Request,
    version: str,
    cache: ResponseCache,
    render: Callable[[], tuple[bytes, str]],
) -> Response:
    """Answer a read: 304 when the client's copy is current, else the (cached) rendered body."""
    headers = read_headers(request, version)
    tag = headers["ETag"]
    unchanged = not_modified(request, headers)
    if unchanged is not None:
        return unchanged
    hit = cache.get(tag)
    if hit is None:
        hit = render()
        cache.put(tag, hit)
    body, media_type = hit
    return Response(content=body, media_type=media_type, headers=headers)


def wants_json(request: Request, name: str) -> tuple[str, bool]:
    """Split a page path parameter into (name, json?) for JSON twins: `taliban.json` or `?format=json`."""
    if name.endswith(".json"):
        return name[: -len(".json")], True
    return name, request.query_params.get("format") == "json"
