"""Claims: deterministic ids (idempotent re-imports), validation, knowledge time."""

from __future__ import annotations

from datetime import date

import pytest

from proscribe.model import Claim, PartialDate, detect_script, name_key


def make(**changes: object) -> Claim:
    fields: dict[str, object] = {
        "kind": "event",
        "entity_id": "taliban",
        "jurisdiction": "RU",
        "list_id": "ru-terrorist",
        "date": PartialDate.parse("2003-02-14"),
        "source_id": "src-1",
        "record_key": "row-1",
        "action": "list",
    }
    fields.update(changes)
    return Claim(**fields)  # type: ignore[arg-type]


def test_same_content_same_id_and_different_content_different_id() -> None:
    assert make().id == make().id
    assert make().id.startswith("clm-")
    assert make(date=PartialDate.parse("2003")).id != make().id
    assert make(source_id="src-2").id != make().id
    # Free text that does not change the assertion does not change the id.
    assert make(note="a remark").id == make().id


def test_event_and_state_claims_are_validated() -> None:
    with pytest.raises(ValueError, match="action"):
        make(action="ban")
    with pytest.raises(ValueError, match="state"):
        make(kind="state", action=None, state="banned")
    assert make(kind="state", action=None, state="listed").effect == "listed"
    assert make(action="suspend").effect == "suspended"
    assert make(action="propose_delist").effect is None


def test_knowledge_time_uses_publication_else_event_date() -> None:
    published = make(
        known_from=date(2024, 6, 3), date=PartialDate.parse("2024-05-27"), action="propose_delist"
    )
    assert not published.known_by(date(2024, 6, 2))
    assert published.known_by(date(2024, 6, 3))
    undated = make(date=PartialDate.parse("2003"))
    assert not undated.known_by(date(2002, 12, 31))
    assert undated.known_by(date(2003, 1, 1))


def test_scripts_and_name_keys() -> None:
    assert [detect_script(t) for t in ("Taliban", "Талибан", "طالبان", "Ταλιμπάν", "123")] == [
        "Latn",
        "Cyrl",
        "Arab",
        "Grek",
        "Zyyy",
    ]
    assert name_key("Al-Qa'ida") == name_key("al qaida") == "al qaida"
    assert name_key("ТАЛИБАН") == name_key("талибан")
    assert name_key("Ḥizballāh") == "hizballah"
