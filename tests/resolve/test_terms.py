"""Resolver rule 15: a listing past its fixed term with no renewal on record is shown, still listed."""

from __future__ import annotations

from datetime import date

from proscribe.model import Claim, Lapse, PartialDate
from proscribe.resolve.terms import anniversary
from proscribe.resolve.timeline import resolve_timeline

AU_TERM = (3, "Criminal Code Act 1995 s 102.1(3)")
_counter = iter(range(10_000))


def _claim(kind: str, what: str, when: str, list_id: str = "au-terrorist", known: str | None = None) -> Claim:
    return Claim(
        kind=kind,  # type: ignore[arg-type]
        entity_id="org",
        jurisdiction=list_id[:2].upper(),
        list_id=list_id,
        date=PartialDate.parse(when),
        source_id=f"src-{next(_counter)}",
        record_key="r",
        action=what if kind == "event" else None,  # type: ignore[arg-type]
        state=what if kind == "state" else None,  # type: ignore[arg-type]
        tier=2,
        known_from=date.fromisoformat(known) if known else None,
    )


def _lapses(
    *claims: Claim, list_id: str = "au-terrorist", **kwargs: object
) -> list[tuple[str, str | None, str]]:
    timeline = resolve_timeline("org", list_id[:2].upper(), list_id, claims, **kwargs)  # type: ignore[arg-type]
    return [
        (
            lapse.from_day.isoformat(),
            lapse.until_day.isoformat() if lapse.until_day else None,
            lapse.renewed.isoformat(),
        )
        for lapse in timeline.lapses
    ]


def test_the_term_runs_from_the_last_renewal_and_the_listing_stays_listed() -> None:
    """Al-Shabaab in Australia: listed 2009-08-21, re-listed 2012-08-18, nothing since."""
    claims = (_claim("event", "list", "2009-08-21"), _claim("event", "relist", "2012-08-18"))
    assert _lapses(*claims) == [("2015-08-18", None, "2012-08-18")]
    timeline = resolve_timeline("org", "AU", "au-terrorist", claims)
    assert timeline.lapse_at(date(2015, 8, 17)) is None
    lapse = timeline.lapse_at(date(2015, 8, 18))
    assert lapse == Lapse(date(2015, 8, 18), None, date(2012, 8, 18), *AU_TERM)
    assert lapse.note == (
        "3-year term (Criminal Code Act 1995 s 102.1(3)) ran out 2015-08-18 with no renewal on record "
        "since 2012-08-18: renewed unreported, or lapsed"
    )
    # A missing renewal is no evidence of a lapse: the state stays listed, in one interval.
    assert timeline.state_at(date(2026, 1, 1)) == "listed"
    assert [(i.state, i.from_day) for i in timeline.intervals] == [
        ("not_listed", None),
        ("listed", date(2009, 8, 21)),
    ]


def test_a_later_renewal_closes_the_stretch_without_one_and_starts_a_new_term() -> None:
    """Hamas in Australia: a listing dated only to November 2003, then 2021-08-04: the term surely
    ran at least to the month's last day's third anniversary, and ends where the renewal may begin."""
    claims = (_claim("event", "list", "2003-11"), _claim("event", "relist", "2021-08-04"))
    assert _lapses(*claims) == [
        ("2006-11-30", "2021-08-04", "2003-11-30"),
        ("2024-08-04", None, "2021-08-04"),
    ]
    month = (_claim("event", "list", "2009-08-21"), _claim("event", "relist", "2014-03"))
    assert _lapses(*month) == [("2012-08-21", "2014-03-01", "2009-08-21"), ("2017-03-31", None, "2014-03-31")]


def test_renewals_within_the_term_leave_no_stretch_until_the_last_one_runs_out() -> None:
    claims = (
        _claim("event", "list", "2010-05-01"),
        _claim("event", "relist", "2013-04-30"),
        _claim("event", "relist", "2016-04-29"),
    )
    assert _lapses(*claims) == [("2019-04-29", None, "2016-04-29")]


def test_a_sighting_on_the_list_shows_it_in_force() -> None:
    """Seen listed on a day past the term: renewed by then; the next term ends three years later at
    the latest, so the stretch without a renewal starts no earlier than that."""
    claims = (_claim("event", "list", "2009-08-21"), _claim("state", "listed", "2013-01-10"))
    assert _lapses(*claims) == [
        ("2012-08-21", "2013-01-10", "2009-08-21"),
        ("2016-01-10", None, "2013-01-10"),
    ]
    seen = {claims[1].id: (date(2013, 1, 10), date(2014, 6, 1))}
    assert _lapses(*claims, seen=seen) == [
        ("2012-08-21", "2013-01-10", "2009-08-21"),
        ("2017-06-01", None, "2014-06-01"),
    ]


def test_a_delisting_ends_the_listing_and_its_term() -> None:
    within = (_claim("event", "list", "2009-08-21"), _claim("event", "delist", "2011-02-01"))
    assert _lapses(*within) == []
    after = (_claim("event", "list", "2009-08-21"), _claim("event", "delist", "2014-02-01"))
    assert _lapses(*after) == [("2012-08-21", "2014-02-01", "2009-08-21")]
    # Listed again: a new term from the new listing.
    again = (*after, _claim("event", "list", "2020-06-01"))
    assert _lapses(*again) == [("2012-08-21", "2014-02-01", "2009-08-21"), ("2023-06-01", None, "2020-06-01")]


def test_new_zealand_designations_lapse_after_three_years_too_and_a_leap_day_runs_to_1_march() -> None:
    assert _lapses(_claim("event", "list", "2024-02-29", list_id="nz-terrorist"), list_id="nz-terrorist") == [
        ("2027-03-01", None, "2024-02-29")
    ]
    assert anniversary(date(2024, 2, 29), 4) == date(2028, 2, 29)


def test_a_list_without_a_term_has_no_lapses() -> None:
    claims = (_claim("event", "list", "2001-03-29", list_id="gb-proscribed"),)
    assert _lapses(*claims, list_id="gb-proscribed") == []


def test_as_known_on_a_day_a_renewal_reported_later_does_not_count() -> None:
    """What we knew on 2016-01-01: no renewal; the one reported in 2017 closes the stretch only after."""
    claims = (
        _claim("event", "list", "2009-08-21", known="2009-08-21"),
        _claim("event", "relist", "2012-08-18", known="2017-03-01"),
    )
    assert _lapses(*claims, as_of=date(2016, 1, 1)) == [("2012-08-21", None, "2009-08-21")]
    assert _lapses(*claims) == [("2015-08-18", None, "2012-08-18")]
