"""The identity review page over HTTP: its review file (/identity/review.csv), its JSON twin, paging,
and the API's `offset` for the suggestions. The browser side is in tests/web/test_identity_page.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from proscribe.api.tokens import create_token

if TYPE_CHECKING:
    from conftest import Live

# The review file of the five people of tests/fixtures/lists/people, one per way their dates of
# birth compare, in rank order (checked by hand against the UN and OFSI fixtures); neither list
# states their nationalities.
PEOPLE_REVIEW = (
    "entity,into,kind,births,nationalities,why,decision\n"
    "un-qdi-961,gb-hmt-9301,person,same_day,unknown,same name 'KARIM EXAMPLE AL-MUSTERI'; "
    "same date of birth 1971-03-14,\n"
    "un-qdi-962,gb-hmt-9302,person,same,unknown,same name 'NADIR SAMPLEZADEH'; same date of birth 1980,\n"
    "un-qdi-965,gb-hmt-9305,person,agree,unknown,same name 'SAMIR BETWEENSON'; "
    "dates of birth that can be one (1959 to 1961; 1960),\n"
    "un-qdi-963,gb-hmt-9303,person,unknown,unknown,same name 'OMAR TESTOVIC'; no date of birth to compare,\n"
    "un-qdi-964,gb-hmt-9304,person,differ,unknown,same name 'YUSUF PLACEHOLDI'; "
    "but their dates of birth differ (1955; 1962),\n"
)


def test_the_review_file_is_a_csv_download_of_every_suggestion(pairs: Live) -> None:
    with pairs.client() as http:
        people = http.get("/identity/review.csv", params={"kind": "person"})
        assert people.status_code == 200
        assert people.headers["content-type"] == "text/csv; charset=utf-8"
        assert people.headers["content-disposition"] == 'attachment; filename="identity-review-person.csv"'
        assert people.text == PEOPLE_REVIEW
        again = http.get(
            "/identity/review.csv",
            params={"kind": "person"},
            headers={"If-None-Match": people.headers["etag"]},
        )
        assert again.status_code == 304

        every = http.get("/identity/review.csv")
        assert every.headers["content-disposition"] == 'attachment; filename="identity-review.csv"'
        rows = [line.split(",")[:3] for line in every.text.splitlines()[1:]]
        assert [row[2] for row in rows] == ["person"] * 3 + ["organisation"] * 2 + [
            "person",
            "organisation",
            "person",
        ]
        assert rows[3:5] == [
            ["un-nae-001", "gb-hmt-9103", "organisation"],
            ["un-nae-001", "gb-hmt-9104", "organisation"],
        ]
        # An empty kind (the page's "every kind") is every kind.
        assert http.get("/identity/review.csv", params={"kind": ""}).text == every.text

        for path in ("/identity/review.csv", "/identity"):
            refused = http.get(path, params={"kind": "people"})
            assert refused.status_code == 400, path
            assert "kind 'people' is not one of organisation, person, vessel, aircraft, other" in refused.text


def test_the_api_pages_suggestions_with_offset(pairs: Live) -> None:
    with pairs.client() as http:
        whole = http.get("/api/identity/suggestions").json()
        page = http.get("/api/identity/suggestions", params={"offset": 3, "limit": 2}).json()
        beyond = http.get("/api/identity/suggestions", params={"offset": 8}).json()
        negative = http.get("/api/identity/suggestions", params={"offset": -1})
    assert whole["count"] == 8
    assert page == {"count": 8, "suggestions": whole["suggestions"][3:5]}
    assert beyond == {"count": 8, "suggestions": []}
    assert negative.status_code == 422


def test_the_page_says_why_a_pair_is_doubted(pairs: Live) -> None:
    with pairs.client() as http:
        found = http.get("/api/identity/suggestions").json()["suggestions"]
        page = http.get("/identity").text
    cautions = {(s["entity"]["id"], s["into"]["id"]): s["cautions"] for s in found if s["cautions"]}
    assert cautions == {
        ("gb-hmt-9104", "gb-hmt-9103"): [
            "uk-hmt-ofsi-consolidated lists them as separate records (9103, 9104)"
        ],
        ("un-qdi-964", "gb-hmt-9304"): ["their dates of birth differ (1955; 1962)"],
    }
    assert page.count('class="doubted"') == 2
    assert "their dates of birth differ (1955; 1962)" in page


def test_the_page_shows_real_suggestions_a_hundred_at_a_time(un_sdn_live: Live) -> None:
    with un_sdn_live.client() as http:
        first = http.get("/identity", params={"format": "json"}).json()
        fifth = http.get("/identity", params={"page": 5, "format": "json"}).json()
        api = http.get("/api/identity/suggestions", params={"offset": 400, "limit": 100}).json()
        html = http.get("/identity", params={"page": 2}).text
        people = http.get("/identity", params={"kind": "person", "format": "json"}).json()
    # 494 pairs: 467 of people, 26 of organisations, 1 of vessels (counted by kind below); the IMU
    # and ETIM, which the UN's ETIM aliases would pair, are judged distinct by the dataset.
    assert first["count"] == 494
    assert (len(first["suggestions"]), first["offset"]) == (100, 0)
    assert (len(fifth["suggestions"]), fifth["offset"]) == (94, 400)
    assert fifth["suggestions"] == api["suggestions"]
    assert people["count"] == 467
    assert "Page 2 of 5" in html
    assert 'href="/identity?page=1" rel="prev"' in html and 'href="/identity?page=3" rel="next"' in html
    assert "showing 101 to 200" in html


def test_a_birthday_in_common_outweighs_differing_nationalities_in_the_rank(un_sdn_live: Live) -> None:
    # The UN's SOi.009 and OFAC's 15718 are both OMAR, Hassan Mahat, born 1979-04-10; the UN gives
    # Kenya, OFAC Ethiopia. The doubt is said, but the pair ranks among the 240 pairs born the same
    # day (183rd overall: after those with a nationality in common), before every other doubted pair.
    with un_sdn_live.client() as http:
        every = http.get("/api/identity/suggestions", params={"limit": 500}).json()["suggestions"]
    doubted = [i for i, s in enumerate(every) if s["cautions"]]
    omar = every[doubted[0]]
    assert (doubted[0], omar["entity"]["id"], omar["into"]["id"]) == (182, "ofac-12824", "un-soi-009")
    assert omar["cautions"] == ["their lists give different nationalities (Kenya; Ethiopia)"]
    assert omar["nationalities"] == {"verdict": "differ", "entity": ["Kenya"], "into": ["Ethiopia"]}
    assert [s["birth_dates"]["verdict"] for s in every[:183]] == ["same_day"] * 183
    # The other 70 doubted pairs are the last 70.
    assert doubted[1:] == list(range(len(every) - 70, len(every)))


def test_an_entity_says_whom_it_may_be_until_an_analyst_decides(pairs: Live) -> None:
    _, secret = create_token(pairs.store, "analyst")
    with pairs.client() as http:
        pending = http.get("/api/identity/suggestions").json()["suggestions"]
        front = http.get("/api/entities/un-nae-001").json()
        assert front["suggested"] == [
            s for s in pending if "un-nae-001" in (s["entity"]["id"], s["into"]["id"])
        ]
        assert [s["into"]["id"] for s in front["suggested"]] == ["gb-hmt-9103", "gb-hmt-9104"]
        assert http.get("/api/entities/taliban").json()["suggested"] == []  # the bundled data: none
        page = http.get("/entities/un-nae-001").text
        assert 'id="may-be"' in page
        assert "May be the same organisation as 2\nentities kept apart, not yet reviewed" in page
        assert page.count('<li><a href="/entities/gb-hmt-910') == 2

        # A decision moves the registry's content hash, so neither side names the pair any more.
        decided = http.post(
            "/api/identity/judgements",
            json={
                "judgement": "distinct",
                "entity_id": "gb-hmt-9104",
                "other_id": "un-nae-001",
                "reason": "OFSI lists 9104 apart from 9103, which is the UN's front",
            },
            headers={"Authorization": f"Bearer {secret}"},
        )
        assert decided.status_code == 200, decided.text
        after = http.get("/api/entities/un-nae-001").json()["suggested"]
        assert [s["into"]["id"] for s in after] == ["gb-hmt-9103"]
        assert [s["entity"]["id"] for s in http.get("/api/entities/gb-hmt-9104").json()["suggested"]] == [
            "gb-hmt-9104"
        ]  # still paired with 9103, its namesake on OFSI's own list
        assert http.get("/api/identity/suggestions").json()["count"] == 7
