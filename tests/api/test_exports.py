"""`GET /api/export/ftm`: the FollowTheMoney export over HTTP, the same lines the CLI writes, with an
ETag, problem documents for bad parameters, and the download links of the jurisdiction page."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import orjson

if TYPE_CHECKING:
    from conftest import Live


def _schemas(body: bytes) -> Counter[str]:
    """How many exported objects of each FtM schema a body holds (one JSON object per line)."""
    lines = body.decode().splitlines()
    assert lines and all(lines), "an export is non-empty lines of JSON"
    return Counter(orjson.loads(line)["schema"] for line in lines)


def test_the_export_streams_json_lines_to_download(http: httpx.Client) -> None:
    response = http.get("/api/export/ftm", params={"in": "RU", "at": "2024-06-01"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/x-ndjson"
    assert response.headers["content-disposition"] == 'attachment; filename="proscribe-2024-06-01.ftm.json"'
    # The bundled dataset's Russian designations in force on 2024-06-01 (the jurisdiction page's rows
    # that day): 10 on the terrorist list, 4 extremist, 1 Rosfinmonitoring, of 14 organisations (Meta
    # is on two lists).
    assert _schemas(response.content) == Counter({"Sanction": 15, "Organization": 14})
    taliban = [
        orjson.loads(line)
        for line in response.content.splitlines()
        if orjson.loads(line)["properties"].get("entity") == ["taliban"]
    ]
    assert [(s["properties"]["programId"], s["properties"]["startDate"]) for s in taliban] == [
        (["ru-terrorist"], ["2003-02-14"])
    ]


def test_the_export_is_what_the_command_writes(live: Live, http: httpx.Client) -> None:
    script = Path(sys.executable).with_name("proscribe")
    written = subprocess.run(
        [str(script), "--db", live.db_url, "export", "ftm", "--state", "listed", "--state", "uncertain"],
        capture_output=True,
        check=True,
    )
    served = http.get("/api/export/ftm", params={"state": "listed,uncertain"})
    assert served.content == written.stdout
    assert served.headers["content-disposition"] == 'attachment; filename="proscribe.ftm.json"'
    # Compressed on the wire when asked, the same lines once inflated.
    raw = httpx.get(
        f"{live.url}/api/export/ftm",
        params={"state": "listed,uncertain"},
        headers={"Accept-Encoding": "gzip"},
        trust_env=False,
    )
    assert raw.headers["content-encoding"] == "gzip"
    assert raw.content == written.stdout


def test_a_current_copy_is_not_sent_again(http: httpx.Client) -> None:
    first = http.get("/api/export/ftm", params={"in": "KZ"})
    tag = first.headers["etag"]
    assert first.headers["cache-control"] == "public, no-cache"
    again = http.get("/api/export/ftm", params={"in": "KZ"}, headers={"If-None-Match": tag})
    assert again.status_code == 304
    assert again.content == b""
    assert http.get("/api/export/ftm", params={"in": "KG"}).headers["etag"] != tag


def test_bad_parameters_are_problems_before_any_line_is_sent(http: httpx.Client) -> None:
    cases = {
        (("list", "no-such-list"),): (
            404,
            "unknown list 'no-such-list': list ids look like us-sdn or ru-terrorist",
        ),
        (("in", "XX"),): (404, "unknown jurisdiction 'XX': use an ISO 3166-1 alpha-2 code, UN or EU"),
        (("state", "gone"),): (
            400,
            "cannot export the state(s) gone: a designation is one of listed, suspended, uncertain",
        ),
        (("at", "2024-13-01"),): (400, None),
    }
    for params, (status, detail) in cases.items():
        response = http.get("/api/export/ftm", params=list(params))
        assert response.status_code == status, params
        assert response.headers["content-type"] == "application/problem+json"
        problem = response.json()
        if detail is not None:
            assert problem["detail"] == detail
        else:
            assert problem["detail"].startswith("parameter 'at':"), problem


def test_the_jurisdiction_page_links_to_its_export(http: httpx.Client) -> None:
    page = http.get("/jurisdictions/RU", params={"at": "2024-06-01", "list": "ru-terrorist"}).text
    links = re.findall(r'<a href="(/api/export/ftm\?[^"]+)" download>', page)
    assert [link.replace("&amp;", "&") for link in links] == [
        "/api/export/ftm?in=RU&list=ru-terrorist&at=2024-06-01",
        "/api/export/ftm?in=RU&list=ru-terrorist",
    ]
    in_force = http.get(links[0].replace("&amp;", "&"))
    # On the Russian terrorist list alone that day: 10 of the 15 listings.
    assert _schemas(in_force.content)["Sanction"] == 10
    history = http.get(links[1].replace("&amp;", "&"))
    # The whole history adds one stretch: the Taliban's listing ended when the Supreme Court
    # suspended it on 2025-04-17, and the suspension since.
    sanctions = [
        (p["entity"][0], p["status"][0], p.get("startDate", [None])[0], p.get("endDate", [None])[0])
        for line in history.content.splitlines()
        if (item := orjson.loads(line))["schema"] == "Sanction" and (p := item["properties"])
    ]
    assert len(sanctions) == 11
    assert [s for s in sanctions if s[0] == "taliban"] == [
        ("taliban", "listed", "2003-02-14", "2025-04-17"),
        ("taliban", "suspended", "2025-04-17", None),
    ]


def test_the_entity_page_links_to_its_designations_alone(live: Live, http: httpx.Client) -> None:
    page = http.get("/entities/taliban").text
    (link,) = re.findall(r'<a href="(/api/export/ftm\?[^"]+)" download>', page)
    assert link == "/api/export/ftm?entity=taliban"
    script = Path(sys.executable).with_name("proscribe")
    written = subprocess.run(
        [str(script), "--db", live.db_url, "export", "ftm", "--entity", "Талибан"],
        capture_output=True,
        check=True,
    )
    served = http.get(link)
    assert served.content == written.stdout
    # The Taliban and its nine designations (tests/query/test_ftm_export.py lists them).
    assert _schemas(served.content) == Counter({"Sanction": 9, "Organization": 1})
    # Read as known on a day, the page links to the export as known then.
    known = http.get("/entities/taliban", params={"as_of": "2024-05-28"}).text
    (then,) = re.findall(r'<a href="(/api/export/ftm\?[^"]+)" download>', known)
    assert then == "/api/export/ftm?entity=taliban&amp;as_of=2024-05-28"
    unknown = http.get("/api/export/ftm", params={"entity": "no-such-group"})
    assert (unknown.status_code, unknown.json()["detail"]) == (404, "unknown entity 'no-such-group'")
