"""The words an amendment claim carries: which names a list added, removed, renamed or re-classed."""

from __future__ import annotations

import json

from proscribe.resolve.snapshots import amend_note


def _names(*pairs: tuple[str, str]) -> str:
    return json.dumps([list(pair) for pair in pairs], ensure_ascii=False)


def test_a_new_primary_name_reads_as_a_rename_and_other_names_as_added_or_removed() -> None:
    before = _names(("primary", "OLD NAME"), ("alias", "Kept"), ("alias", "Dropped"))
    after = _names(("primary", "NEW NAME"), ("alias", "Kept"), ("weak_alias", "Fresh"))
    assert amend_note(before, after) == (
        'renamed "OLD NAME" -> "NEW NAME"; '
        'names added: "Fresh" (weak alias); names removed: "Dropped" (alias)'
    )


def test_a_name_under_another_kind_is_re_classed_not_added_and_removed() -> None:
    before = _names(("primary", "P"), ("alias", "Abu X"), ("alias", "Y"))
    after = _names(("primary", "P"), ("weak_alias", "Abu X"), ("alias", "Y"), ("former", "Z"))
    assert (
        amend_note(before, after)
        == 'names added: "Z" (former); names re-classed: "Abu X" alias -> weak alias'
    )


def test_two_primary_names_at_once_are_listed_not_paired() -> None:
    before = _names(("primary", "A"))
    after = _names(("primary", "B"), ("primary", "C"))
    assert (
        amend_note(before, after) == 'names added: "B" (primary), "C" (primary); names removed: "A" (primary)'
    )


def test_long_changes_are_cut_with_a_count() -> None:
    before = _names(("primary", "P"))
    after = _names(("primary", "P"), *((("alias", f"N{i}")) for i in range(13)))
    note = amend_note(before, after, most=10)
    assert note is not None
    assert note.endswith('"N9" (alias) and 3 more')


def test_nothing_to_say_when_names_are_unknown_or_the_same() -> None:
    same = _names(("primary", "P"), ("alias", "Q"))
    assert amend_note(None, same) is None
    assert amend_note(same, None) is None
    # Same names in another order: the lists changed, not the names.
    assert amend_note(same, _names(("alias", "Q"), ("primary", "P"))) is None


def test_a_name_written_again_in_other_capitals_or_spacing_is_the_same_name() -> None:
    before = _names(("primary", "IraqI NEWS AGENCY"), ("alias", "Abu  Maryam al-Zahrani"))
    retyped = _names(("primary", "IRAQI NEWS AGENCY"), ("alias", "ABU MARYAM AL-ZAHRANI"))
    assert amend_note(before, retyped) is None
    # A real change beside a retyped one: only the real change is told.
    changed = _names(("primary", "IRAQI NEWS AGENCY"), ("alias", "ABU MARYAM AL-SAUDI"))
    assert amend_note(before, changed) == (
        'names added: "ABU MARYAM AL-SAUDI" (alias); names removed: "Abu  Maryam al-Zahrani" (alias)'
    )
    # Re-classed and retyped at once is still a re-classing.
    weak = _names(("primary", "IRAQI NEWS AGENCY"), ("weak_alias", "ABU MARYAM AL-ZAHRANI"))
    assert amend_note(before, weak) == 'names re-classed: "ABU MARYAM AL-ZAHRANI" alias -> weak alias'
