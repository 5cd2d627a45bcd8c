"""The web pages: `/`, `/entities` (A to Z), `/entities/{id}`, `/jurisdictions` (with every list; `/lists`
leads there), `/jurisdictions/{code}`, `/changes`, `/documents`, `/screen`, `/news`,
`/identity` (with its review file `/identity/review.csv`), `/official-sources` and
`/official-sources/{source}`.

Each page is server-rendered from the same query call as its JSON twin (`/entities/taliban.json` or
`?format=json`), so what a person sees and what a program reads cannot drift apart. `/screen` and
`/news` also answer POST, where their forms go when no script sends them: nothing sent is read.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, get_args
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from proscribe import clock, query, vocab
from proscribe.errors import InputError
from proscribe.model import EntityKind, filing_key
from proscribe.query.documents import documents_held
from proscribe.query.identity import judgement_list, merge_suggestions, review_csv
from proscribe.query.jurisdictions import jurisdiction_index
from proscribe.query.official import official_sources, snapshots_held
from proscribe.screen.match import MAX_QUERY_CHARS
from proscribe.store import Reader, Store
from proscribe.web import geometry
from proscribe.web.http import (
    ResponseCache,
    cached_response,
    code_params,
    day_param,
    first_day,
    json_bytes,
    list_params,
    page_within,
    wants_json,
    window_params,
)
from proscribe.web.render import feed_query, jurisdiction_name, render
from proscribe.web.views import (
    latest_changes,
    list_sections,
    name_search,
    snapshot_windows,
    successor,
    window_changes,
)

HTML_TYPE = "text/html; charset=utf-8"
SVG_TYPE = "image/svg+xml"
SCREEN_MAX_NAMES = 1000
HOME_ENTITIES = 200  # the home page lists every organisation up to this many
INDEX_PAGE = 500
DOCUMENTS_PAGE = 500  # the documents page shows this many, latest first, and says when more match
SUGGESTIONS_PAGE = 100  # the identity page shows this many suggestions a page, strongest first
JUDGEMENTS_SHOWN = 50  # and the latest this many judgements in force
REVIEW_FILE_MAX = 20_000  # a review file holds every suggestion up to this many
CSV_TYPE = "text/csv; charset=utf-8"
# How the identity page words `compare_births`' verdicts on two people's dates of birth.
BIRTH_VERDICTS = {
    "same_day": "same day",
    "same": "same date",
    "agree": "can be one",
    "unknown": "none to compare",
    "differ": "differ",
}

# How the identity page words `compare_nationalities`' verdicts on two people's nationalities.
NATIONALITY_VERDICTS = {
    "same": "same",
    "unknown": "none to compare",
    "differ": "differ",
}

Page = Callable[[Reader], tuple[str, dict[str, Any]]]


def page_router(store: Store, cache: ResponseCache) -> APIRouter:
    """Build the router of HTML pages and their JSON twins over `store`."""
    router = APIRouter(include_in_schema=False)

    def respond(request: Request, as_json: bool, build: Page) -> Response:
        """Render `build`'s (template, context) as HTML, or its context's `data` as JSON."""
        reader = store.reader()
        version = reader.content_hash()

        def render_body() -> tuple[bytes, str]:
            template, context = build(reader)
            if as_json:
                return json_bytes(context["data"]), "application/json"
            html = render(template, version=version, **context)
            return html.encode(), HTML_TYPE

        return cached_response(request, version, cache, render_body)

    @router.get("/")
    def home(request: Request, q: str = "", page: Annotated[int, Query(ge=1)] = 1) -> Response:
        return home_page(request, q, page, request.query_params.get("format") == "json")

    @router.get("/index.json")
    def home_json(request: Request, q: str = "", page: Annotated[int, Query(ge=1)] = 1) -> Response:
        return home_page(request, q, page, True)

    def home_page(request: Request, q: str, page: int, as_json: bool) -> Response:
        def build(reader: Reader) -> tuple[str, dict[str, Any]]:
            found = name_search(reader, q, page)
            changes = latest_changes(reader, 20)
            # A registry holding whole official lists has tens of thousands: the home page names
            # them only while they fit, and otherwise leads to the A-Z index.
            index = query.entity_index(reader, size=HOME_ENTITIES)
            entities = index["entities"] if index["pages"] == 1 else []
            data = {
                "query": q,
                **found,
                "latest_changes": changes,
                "entities_total": index["total"],
                "entities": entities,
            }
            return "home.html", {
                "data": data,
                "q": q,
                "search": found,
                "results": found["results"],
                "starting": _starting_count(reader, q) if found["pages"] > 1 else 0,
                "changes": changes,
                "entities": entities,
                "index": index,
                "nav": "/",
                "json_url": _twin(request),
            }

        return respond(request, as_json, build)

    @router.get("/entities")
    def entities_page(
        request: Request,
        starting: str = "",
        page: Annotated[int, Query(ge=1)] = 1,
        format: str | None = None,
    ) -> Response:
        prefix = filing_key(starting)
        if starting.strip() and not prefix:
            # Names are filed under their first letter or digit: a filter with none would match
            # every entity while its heading claimed a narrower list.
            raise InputError(
                f"parameter 'starting': {starting.strip()!r} holds no letter or digit, and names are "
                "filed under their first letter or digit (OFAC's 'ABBAS, Rim with the A's): "
                "give one, e.g. ?starting=a"
            )

        def build(reader: Reader) -> tuple[str, dict[str, Any]]:
            index = page_within(
                query.entity_index(reader, page=page, size=INDEX_PAGE, starting=starting), "the index"
            )
            return "entities.html", {
                "data": index,
                "index": index,
                # Shown when punctuation before the first letter was set aside, as filing does.
                "filed_as": prefix.strip() if prefix.strip() != starting.strip().casefold() else "",
                "nav": "/",
                "json_url": _twin(request),
            }

        return respond(request, format == "json", build)

    @router.get("/entities/{name:path}")  # any name, even one holding "/"
    def entity_page(request: Request, name: str, at: str | None = None, as_of: str | None = None) -> Response:
        ident, as_json = wants_json(request, name)
        reader = store.reader()
        entity = reader.resolve_entity(ident)
        if entity.id != ident:
            suffix = ".json" if name.endswith(".json") else ""
            target = f"/entities/{entity.id}{suffix}"
            return RedirectResponse(target + (f"?{request.url.query}" if request.url.query else ""), 307)
        day = day_param(at, "at") or clock.today()
        known = day_param(as_of, "as_of")

        def build(reader: Reader) -> tuple[str, dict[str, Any]]:
            timeline = query.timeline(reader, entity.id, as_of=known)
            status = query.status(reader, entity.id, at=day, as_of=known)
            codes = sorted({row["jurisdiction"] for row in timeline["timelines"]} | {"UN", "EU"})
            detail = query.entity_detail(reader, entity.id)
            page_data = {
                "entity": detail,
                "at": day.isoformat(),
                "today": clock.today().isoformat(),
                "names": {code: jurisdiction_name(code) for code in codes},
                "timeline": timeline,
            }
            return "entity.html", {
                "data": {**page_data, "status": status},
                "entity": detail,
                "status": status,
                "at": day.isoformat(),
                "as_of": known.isoformat() if known else "",
                "today": clock.today().isoformat(),
                "page_data": page_data,
                "static_map": "/assets/world.svg",
                "json_url": f"/entities/{entity.id}.json",
            }

        return respond(request, as_json, build)

    @router.get("/jurisdictions")
    def jurisdictions_page(
        request: Request, at: str | None = None, as_of: str | None = None, format: str | None = None
    ) -> Response:
        day, known = day_param(at, "at") or clock.today(), day_param(as_of, "as_of")

        def build(reader: Reader) -> tuple[str, dict[str, Any]]:
            index = jurisdiction_index(reader, at=day, as_of=known)
            return "jurisdictions.html", {
                "data": index,
                "index": index,
                "at": day.isoformat(),
                # Each jurisdiction's page is linked for the same day, as known on the same day.
                "dates": _dates(day, known),
                "today": clock.today().isoformat(),
                "nav": "/jurisdictions",
                "json_url": _twin(request),
            }

        return respond(request, format == "json", build)

    @router.get("/lists")
    def lists_page(request: Request) -> Response:
        # Every designation list is shown with its jurisdiction, on the jurisdictions page.
        query_string = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse("/jurisdictions" + query_string, 308)

    @router.get("/jurisdictions/{name}")
    def jurisdiction_page(
        request: Request,
        name: str,
        at: str | None = None,
        as_of: str | None = None,
        list_: Annotated[str | None, Query(alias="list")] = None,
        page: Annotated[int, Query(ge=1)] = 1,
    ) -> Response:
        code, as_json = wants_json(request, name)
        code = vocab.jurisdiction(code.upper()).code
        day = day_param(at, "at") or clock.today()
        known = day_param(as_of, "as_of")
        if list_ and list_ not in {item.id for item in vocab.lists_of(code)}:
            raise InputError(f"list {list_!r} is not a list of {code}")
        if page > 1 and not list_:
            # Only one list at a time is paged: without it, page 2 would quietly show page 1.
            example = next((item for item in vocab.lists_of(code) if item.closed_on is None), None)
            hint = f" (e.g. ?list={example.id}&page={page})" if example else ""
            raise InputError(f"parameter 'page' pages one list: give 'list' too{hint}")

        def build(reader: Reader) -> tuple[str, dict[str, Any]]:
            overview = query.jurisdiction_overview(reader, code, at=day, as_of=known)
            sections = list_sections(overview, list_, page)
            for section in sections:
                page_within(section, f"the list {section['id']} on {day.isoformat()}")
            dates = _dates(day, known)  # what every link of the page keeps
            return "jurisdiction.html", {
                "data": overview,
                "code": code,
                "name": jurisdiction_name(code),
                "overview": overview,
                "sections": sections,
                "only": list_ or "",
                "changes": overview["changes"],
                "at": day.isoformat(),
                "as_of": known.isoformat() if known else "",
                "dates": dates,
                "today": clock.today().isoformat(),
                "json_url": f"/jurisdictions/{code}.json?{dates}",
            }

        return respond(request, as_json, build)

    @router.get("/changes")
    def changes_page(
        request: Request,
        since: str | None = None,
        until: str | None = None,
        in_: Annotated[tuple[str, ...], Query(alias="in")] = (),
        list_: Annotated[tuple[str, ...], Query(alias="list")] = (),
        entity: Annotated[tuple[str, ...], Query()] = (),
        cursor: str | None = None,
        order: Annotated[str, Query(pattern="^(newest|oldest|reported)$")] = "newest",
        format: str | None = None,
        reported_since: str | None = None,
        reported_until: str | None = None,
    ) -> Response:
        first, end = window_params(since, until)
        reported = window_params(reported_since, reported_until, ("reported_since", "reported_until"))
        # Asked only by the day reported, the changes may have taken effect on any day.
        start = first_day(first, end, reported[0])
        codes = code_params(in_)
        lists = list_params(list_)
        entities = list_params(entity)

        def build(reader: Reader) -> tuple[str, dict[str, Any]]:
            result = window_changes(reader, start, end, reported, codes, lists, entities, 100, cursor, order)
            filters = {
                "since": since or "",
                "until": until or "",
                "in": ",".join(codes),
                "list": ",".join(lists),
                "entity": ",".join(entities),
                # A feed reads newest first; of the page's orders it also takes the order by report.
                "order": "reported" if order == "reported" else "",
            }
            asked = {
                **filters,
                "reported_since": reported_since or "",
                "reported_until": reported_until or "",
            }
            more = result.get("next_cursor")
            return "changes.html", {
                "data": result,
                "changes": result["changes"],
                "next_url": "?" + feed_query({**asked, "order": order, "cursor": more}) if more else None,
                # The feeds take the window of effect, not of reports: their links leave the latter out.
                "filters": filters,
                "reported": {"since": reported_since or "", "until": reported_until or ""},
                "order": order,
                "lists": sorted(vocab.lists().values(), key=lambda item: item.id),
                "nav": "/changes",
                "json_url": _twin(request),
            }

        return respond(request, format == "json", build)

    @router.get("/official-sources")
    def official_sources_page(request: Request, format: str | None = None) -> Response:
        def build(reader: Reader) -> tuple[str, dict[str, Any]]:
            data = official_sources(reader)
            return "official_sources.html", {
                "data": data,
                "sources": data["sources"],
                "successors": {s["source"]: successor(s["succeeded_by"]) for s in data["sources"]},
                "nav": "/official-sources",
                "json_url": _twin(request),
            }

        return respond(request, format == "json", build)

    @router.get("/documents")
    def documents_page(
        request: Request,
        kind: Annotated[str, Query(pattern="^(news|curated|all)$")] = "news",
        since: str | None = None,
        until: str | None = None,
        entity: str | None = None,
        format: str | None = None,
    ) -> Response:
        first, last = window_params(since, until)
        about = entity.strip() if entity and entity.strip() else None

        def build(reader: Reader) -> tuple[str, dict[str, Any]]:
            data = documents_held(reader, kind, first, last, about, DOCUMENTS_PAGE)
            filters = {"kind": kind, "since": since or "", "until": until or "", "entity": about or ""}
            named = sorted({e for document in data["documents"] for e in document["entities"]})
            return "documents.html", {
                "data": data,
                "documents": data["documents"],
                "names": reader.entity_names(named),
                "filters": filters,
                "limit": DOCUMENTS_PAGE,
                "nav": "/official-sources",
                "json_url": _twin(request),
            }

        return respond(request, format == "json", build)

    @router.get("/official-sources/{name}")
    def official_source_page(request: Request, name: str) -> Response:
        source, as_json = wants_json(request, name)

        def build(reader: Reader) -> tuple[str, dict[str, Any]]:
            held = snapshots_held(reader, source)
            return "official_source.html", {
                "data": held,
                "held": held,
                "successor": successor(held["succeeded_by"]),
                "between": snapshot_windows(held),
                "nav": "/official-sources",
                "json_url": f"/official-sources/{source}.json",
            }

        return respond(request, as_json, build)

    screen_data = {
        "endpoint": "/api/screen",
        "method": "POST",
        "max_names": SCREEN_MAX_NAMES,
        "max_name_chars": MAX_QUERY_CHARS,
    }
    news_data = {"extract": "/api/extract", "ingest": "/api/ingest/news", "auth": "Bearer token"}

    @router.get("/screen")
    def screen_page(request: Request, format: str | None = None) -> Response:
        def build(reader: Reader) -> tuple[str, dict[str, Any]]:
            context = {"data": screen_data, "nav": "/screen", "json_url": _twin(request), **screen_data}
            return "screen.html", {**context, "unread": False}

        return respond(request, format == "json", build)

    @router.post("/screen")
    def screen_sent_without_script(request: Request) -> Response:
        """The screening page again, saying nothing was screened: its form is sent here only when
        the browser runs no JavaScript (the page's script sends the names to /api/screen itself).
        The form posts, so the names never stand in a URL or a server log, and they are not read."""
        context = {"data": screen_data, "nav": "/screen", **screen_data, "unread": True}
        return _page_response(store, "screen.html", context)

    @router.get("/news")
    def news_page(request: Request, format: str | None = None) -> Response:
        def build(reader: Reader) -> tuple[str, dict[str, Any]]:
            context = {"data": news_data, "nav": "/news", "json_url": _twin(request)}
            return "news.html", {**context, "unread": False}

        return respond(request, format == "json", build)

    @router.post("/news")
    def news_sent_without_script(request: Request) -> Response:
        """The news page again, saying nothing was read: as `/screen`'s form, its form is sent here
        only without JavaScript, and posts so that an article's text never stands in a URL."""
        context = {"data": news_data, "nav": "/news", "unread": True}
        return _page_response(store, "news.html", context)

    @router.get("/identity")
    def identity_page(
        request: Request,
        kind: str = "",
        page: Annotated[int, Query(ge=1)] = 1,
        format: str | None = None,
    ) -> Response:
        offset = (page - 1) * SUGGESTIONS_PAGE
        kind = _entity_kind(kind)

        def build(reader: Reader) -> tuple[str, dict[str, Any]]:
            found = merge_suggestions(reader, SUGGESTIONS_PAGE, kind or None, offset)
            decided = judgement_list(reader)["judgements"][-JUDGEMENTS_SHOWN:][::-1]
            data = {**found, "kind": kind or None, "offset": offset, "judgements": decided}
            pages = max(1, -(-found["count"] // SUGGESTIONS_PAGE))
            page_within({"page": page, "pages": pages}, "the suggestions")
            return "identity.html", {
                "data": data,
                "suggestions": found["suggestions"],
                "judgements": decided,
                "kind": kind,
                "kinds": get_args(EntityKind),
                "page": page,
                "pages": pages,
                "offset": offset,
                "review_url": "/identity/review.csv" + (f"?{urlencode({'kind': kind})}" if kind else ""),
                "previous_url": _identity_url(kind, page - 1) if page > 1 else None,
                "next_url": _identity_url(kind, page + 1) if page < pages else None,
                "birth_verdicts": BIRTH_VERDICTS,
                "nationality_verdicts": NATIONALITY_VERDICTS,
                "nav": "/identity",
                "json_url": _twin(request),
            }

        return respond(request, format == "json", build)

    @router.get("/identity/review.csv")
    def identity_review_file(request: Request, kind: str = "") -> Response:
        kind = _entity_kind(kind)
        reader = store.reader()

        def render_body() -> tuple[bytes, str]:
            return review_csv(merge_suggestions(reader, REVIEW_FILE_MAX, kind or None)).encode(), CSV_TYPE

        response = cached_response(request, reader.content_hash(), cache, render_body)
        name = f"identity-review-{kind}.csv" if kind else "identity-review.csv"
        response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    @router.get("/assets/world.svg")
    def world_map(request: Request) -> Response:
        names = {code: j.name for code, j in vocab.jurisdictions().items()}
        headers = {"Cache-Control": "public, max-age=86400", "Vary": "Accept-Encoding"}
        if "gzip" in request.headers.get("accept-encoding", ""):
            headers["Content-Encoding"] = "gzip"
            return Response(geometry.world_svg_gzip(names), media_type=SVG_TYPE, headers=headers)
        return Response(geometry.world_svg(names), media_type=SVG_TYPE, headers=headers)

    return router


def _entity_kind(text: str) -> str:
    """`text` as a kind of entity, "" for every kind (what the page's "every kind" option sends)."""
    kind = text.strip()
    if kind and kind not in get_args(EntityKind):
        raise InputError(f"kind {kind!r} is not one of {', '.join(get_args(EntityKind))}")
    return kind


def _identity_url(kind: str, page: int) -> str:
    """The identity page's URL for one page of suggestions of one kind."""
    return "/identity?" + urlencode({"kind": kind, "page": page} if kind else {"page": page})


def _page_response(store: Store, template: str, context: dict[str, Any]) -> Response:
    """A page rendered for one request, not cached (the answer to a form sent without JavaScript)."""
    html = render(template, version=store.reader().content_hash(), **context)
    return Response(html.encode(), media_type=HTML_TYPE, headers={"Cache-Control": "no-store"})


def _dates(day: date, known: date | None) -> str:
    """The query string of a day and, when asked, the knowledge day (`at=...&as_of=...`), which
    links from one dated page to another keep."""
    return urlencode({"at": day.isoformat(), **({"as_of": known.isoformat()} if known else {})})


def _starting_count(reader: Reader, text: str) -> int:
    """How many entities the A-Z index files under names starting with `text` (0 for a text with
    no letter or digit, which the index refuses)."""
    if not filing_key(text):
        return 0
    total: int = query.entity_index(reader, size=1, starting=text)["total"]
    return total


def _twin(request: Request) -> str:
    """The URL of the JSON twin of the page being served (same path and filters, `format=json`)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "format"]
    params.append(("format", "json"))
    return request.url.path + "?" + urlencode(params)
