"""Who decides a proposal: kept per source on the proposal, and sources naming different bodies are a
conflict (resolver rule 14, events rule 7)."""

from __future__ import annotations

from dataclasses import replace as dataclass_replace
from datetime import date

import pytest

from proscribe.model import Claim, Decider, PartialDate, claim_id
from proscribe.resolve.timeline import resolve_timeline
from proscribe.store.codec import timeline_from_json, timeline_to_json

_counter = iter(range(10_000))


def proposal(when: str, decider: str | None, action: str = "propose_delist", tier: int = 3) -> Claim:
    return Claim(
        kind="event",
        entity_id="taliban",
        jurisdiction="RU",
        list_id="ru-terrorist",
        date=PartialDate.parse(when),
        source_id=f"src-{next(_counter)}",
        record_key="r",
        action=action,  # type: ignore[arg-type]
        authority="Ministry of Foreign Affairs and Ministry of Justice",
        decider=decider,
        tier=tier,
    )


def listing() -> Claim:
    return Claim(
        kind="event",
        entity_id="taliban",
        jurisdiction="RU",
        list_id="ru-terrorist",
        date=PartialDate.parse("2003-02-14"),
        source_id="src-court",
        record_key="r",
        action="list",
        authority="Supreme Court of the Russian Federation",
        tier=2,
    )


def resolve(*claims: Claim):  # type: ignore[no-untyped-def]
    return resolve_timeline("taliban", "RU", "ru-terrorist", claims)


def test_reports_naming_different_deciders_are_one_proposal_and_a_decider_conflict() -> None:
    president, court = proposal("2024-05-27", "President"), proposal("2024-05-28", "Supreme Court of Russia")
    timeline = resolve(listing(), president, court)
    [made] = timeline.proposals
    assert made.deciders == (
        Decider("President of Russia", (president.id,)),
        Decider("Supreme Court of the Russian Federation", (court.id,)),
    )
    [conflict] = [c for c in timeline.conflicts if c.kind == "decider"]
    assert conflict.description == (
        "sources disagree on who decides the propose_delist of 2024-05-27: "
        "President of Russia (1 source) vs Supreme Court of the Russian Federation (1 source)"
    )
    assert conflict.claim_ids == (president.id, court.id)
    assert conflict.window == PartialDate.parse("2024-05-27")
    [pending] = timeline.pending_at(date(2024, 6, 1))
    assert [d.name for d in pending.deciders] == [
        "President of Russia",
        "Supreme Court of the Russian Federation",
    ]


def test_the_disagreement_changes_no_state() -> None:
    plain = resolve(listing(), proposal("2024-05-27", None), proposal("2024-05-28", None))
    disputed = resolve(
        listing(), proposal("2024-05-27", "President"), proposal("2024-05-28", "Supreme Court")
    )
    assert disputed.intervals == plain.intervals
    assert [c.kind for c in plain.conflicts] == []
    assert [c.kind for c in disputed.conflicts] == ["decider"]


def test_one_body_worded_two_ways_is_one_decider_and_no_conflict() -> None:
    first, second, silent = (
        proposal("2024-05-27", "Vladimir Putin"),
        proposal("2024-05-27", "President"),
        proposal("2024-05-27", None),
    )
    timeline = resolve(first, second, silent)
    [made] = timeline.proposals
    assert made.deciders == (Decider("President of Russia", tuple(sorted((first.id, second.id)))),)
    assert timeline.conflicts == ()


def test_a_source_counts_once_and_an_undated_proposal_says_so() -> None:
    """Two claims of one article count as one source; an undated proposal has no window."""
    court = proposal("unknown", "Supreme Court")
    same_article = Claim(
        kind="event",
        entity_id="taliban",
        jurisdiction="RU",
        list_id="ru-terrorist",
        date=PartialDate.unknown(),
        source_id=court.source_id,
        record_key="r2",
        action="propose_delist",
        decider="Supreme Court of Russia",
    )
    president = proposal("unknown", "President")
    [conflict] = resolve(court, same_article, president).conflicts
    assert conflict.description == (
        "sources disagree on who decides the undated propose_delist: "
        "Supreme Court of the Russian Federation (1 source) vs President of Russia (1 source)"
    )
    assert conflict.window is None


def test_proposals_of_different_dates_are_not_compared() -> None:
    """A ministry's report to the president in 2024 and a prosecutor's petition to the court in 2025
    are two proposals, each with its own decider: nothing disagrees."""
    timeline = resolve(proposal("2024-05-27", "President"), proposal("2025-03-31", "Supreme Court"))
    assert [[d.name for d in p.deciders] for p in timeline.proposals] == [
        ["President of Russia"],
        ["Supreme Court of the Russian Federation"],
    ]
    assert timeline.conflicts == ()


def test_only_a_proposal_names_who_decides_it() -> None:
    with pytest.raises(ValueError, match="only a proposal names who decides it, not 'delist'"):
        proposal("2024-05-27", "President", action="delist")
    with pytest.raises(ValueError, match="not 'listed'"):
        Claim(
            kind="state",
            entity_id="taliban",
            jurisdiction="RU",
            list_id="ru-terrorist",
            date=PartialDate.parse("2024-05-27"),
            source_id="s",
            record_key="r",
            state="listed",
            decider="President",
        )


def test_a_claim_without_a_decider_keeps_the_id_it_always_had() -> None:
    """Stored claims from before deciders existed must keep their ids, or a re-import would duplicate them."""
    plain = proposal("2024-05-27", None)
    assert plain.id == claim_id(
        plain.source_id,
        "r",
        "event",
        "taliban",
        "RU",
        "ru-terrorist",
        "propose_delist",
        "2024-05-27",
        "Ministry of Foreign Affairs and Ministry of Justice",
        None,
    )
    named = Claim(**{**_fields(plain), "decider": "President", "id": ""})
    assert named.id != plain.id


def test_deciders_survive_the_stored_form() -> None:
    timeline = resolve(proposal("2024-05-27", "President"), proposal("2024-05-27", "Supreme Court"))
    assert timeline_from_json(timeline_to_json(timeline)) == timeline


def _fields(claim: Claim) -> dict[str, object]:
    return {name: getattr(claim, name) for name in Claim.__dataclass_fields__}


def test_a_generic_wording_is_the_one_named_body_it_can_mean() -> None:
    """ "the court" and "Supreme Court" beside the Supreme Court of Kazakhstan are that court; beside two
    courts, "the court" could be either and stays apart."""
    kz = [
        Claim(
            kind="event",
            entity_id="hizb-ut-tahrir",
            jurisdiction="KZ",
            list_id="kz-terrorist",
            date=PartialDate.parse("2005-03-17"),
            source_id=f"src-{next(_counter)}",
            record_key="r",
            action="propose_list",
            decider=decider,
        )
        for decider in ("court", "Supreme Court", "Supreme Court of Kazakhstan")
    ]
    timeline = resolve_timeline("hizb-ut-tahrir", "KZ", "kz-terrorist", kz)
    [made] = timeline.proposals
    assert made.deciders == (Decider("Supreme Court of Kazakhstan", tuple(sorted(c.id for c in kz))),)
    assert timeline.conflicts == ()
    two_courts = [*kz[:1], dataclass_replace(kz[2], decider="Constitutional Court", id="")]
    names = [
        d.name
        for d in resolve_timeline("x", "KZ", "kz-terrorist", [*two_courts, kz[2]]).proposals[0].deciders
    ]
    assert names == ["court", "Constitutional Court", "Supreme Court of Kazakhstan"]
