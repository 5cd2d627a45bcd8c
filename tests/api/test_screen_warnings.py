"""`POST /api/screen` over the bundled registry: a date of birth it cannot read leaves that name
screened by name alone with a warning (the batch goes on, as the CLI's bulk screening does), a
malformed request is still refused whole, and a strong match the filters leave out is noted."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import httpx

    from conftest import Live

UNREAD = (
    "date of birth '1999-13-01' not read: give it as YYYY-MM-DD, YYYY-MM or YYYY (a date such as "
    "03/04/1970 reads differently in Europe and the United States); screened by name alone"
)


def _post(http: httpx.Client, body: dict[str, Any]) -> list[dict[str, Any]]:
    answer = http.post("/api/screen", json=body)
    assert answer.status_code == 200, answer.text
    entries: list[dict[str, Any]] = answer.json()["results"]
    return entries


def test_an_unreadable_date_of_birth_screens_that_name_by_name_alone_with_a_warning(live: Live) -> None:
    body = {
        "names": ["Hamas", "Taliban", "Hamas"],
        "birth_dates": [None, "1999-13-01", "1962"],
        "at": "2024-01-01",
    }
    with live.client() as http:
        entries = _post(http, body)
        alone = _post(http, {"names": ["Taliban"], "at": "2024-01-01"})[0]
    assert [[r["entity_id"] for r in e["results"]] for e in entries] == [["hamas"], ["taliban"], ["hamas"]]
    assert [e["warnings"] for e in entries] == [
        [],
        [{"position": 1, "value": "1999-13-01", "message": UNREAD}],
        [],
    ]
    # Screened as if no date were given: the same results, and a receipt without one.
    assert entries[1]["results"] == alone["results"]
    assert "birth_date" not in entries[1]["receipt"]["parameters"]
    assert entries[2]["receipt"]["parameters"]["birth_date"] == "1962"


def test_an_ambiguous_date_is_a_warning_but_a_malformed_request_is_refused_whole(live: Live) -> None:
    with live.client() as http:
        (ambiguous,) = _post(http, {"names": ["Hamas"], "birth_dates": ["03/04/1970"]})
        short = http.post("/api/screen", json={"names": ["Hamas", "Taliban"], "birth_dates": ["1971"]})
        typed = http.post("/api/screen", json={"names": ["Hamas"], "birth_dates": [1971]})
        names = http.post("/api/screen", json={"names": "Hamas"})
        marks = http.post("/api/screen", json={"names": ["Hamas", "..."]})
        long = http.post("/api/screen", json={"names": ["Hamas", "Taliban", "Hezbollah " * 50]})
        blank = http.post("/api/screen", json={"names": ["Taliban", "  "]})
        misspelt = http.post("/api/screen", json={"names": ["Taliban"], "asOf": "2024-01-01"})
        pasted = http.post("/api/screen", json={"names": ["Hamas", "Taliban\nHezbollah"]})
    assert [r["entity_id"] for r in ambiguous["results"]] == ["hamas"]
    assert [w["position"] for w in ambiguous["warnings"]] == [0]
    assert ambiguous["warnings"][0]["message"].startswith("date of birth '03/04/1970' not read")
    assert short.status_code == 400
    assert short.json()["detail"] == "birth_dates must give one value (or null) per name: 1 for 2 names"
    # Wrong JSON types fail validation (422, the API's convention for a body it cannot take).
    assert (typed.status_code, names.status_code) == (422, 422)
    # A name with no letter or digit would find nothing: refused, not answered as a clean result.
    assert (marks.status_code, marks.json()["detail"]) == (
        400,
        "names[1] ('...') has no letter or digit: nothing to screen",
    )
    assert (blank.status_code, blank.json()["detail"]) == (
        400,
        "names[1] is empty: give a name to screen (names counted from 0)",
    )
    # Two names pasted as one would be screened as one, and could read as clean: refused by position.
    assert (pasted.status_code, pasted.json()["detail"]) == (
        400,
        "names[1] ('Taliban\\nHezbollah') holds a line break: one name each (names counted from 0)",
    )
    # A field the body does not take is refused, not ignored: `asOf` for `as_of` would screen as of now.
    assert misspelt.status_code == 422
    assert "asOf" in misspelt.text and "Extra inputs are not permitted" in misspelt.text
    # Nor is a name too long to screen answered without it: refused by its position.
    assert (long.status_code, long.json()["detail"]) == (
        400,
        "names[2] has 499 characters (it starts 'Hezbollah Hezbollah Hezbollah '): a name to screen "
        "has at most 400 (names counted from 0; nothing was screened)",
    )


def test_a_strong_match_the_filters_leave_out_is_noted(live: Live) -> None:
    """In KZ on 2024-03-01 the Taliban's listing is `uncertain`: not a result, but said to exist."""
    with live.client() as http:
        (kz,) = _post(http, {"names": ["Taliban"], "jurisdictions": ["KZ"], "at": "2024-03-01"})
        (anyway,) = _post(
            http, {"names": ["Taliban"], "jurisdictions": ["KZ"], "at": "2024-03-01", "any_state": True}
        )
    assert kz["results"] == []
    assert kz["not_shown"] == [
        {"entity_id": "taliban", "name": "Taliban", "score": 1.0, "reason": "state uncertain on 2024-03-01"}
    ]
    assert kz["notes"] == [
        "1 strong match not shown (taliban): state uncertain on 2024-03-01, and the screening counts "
        "only listed, suspended"
    ]
    assert [r["entity_id"] for r in anyway["results"]] == ["taliban"]
    assert (anyway["not_shown"], anyway["notes"]) == ([], [])
