"""Identity rule 3 on the real files: a name links records only when their lists place them in one state."""

from __future__ import annotations

from pathlib import Path

from ingest_helpers import fresh_store, shared
from sqlalchemy import select

from proscribe.ingest.lists import ingest_list
from proscribe.query.identity import merge_suggestions
from proscribe.store import Store, schema


def _entity_of(store: Store, source: str, key: str) -> str:
    runs = schema.record_spans
    query = select(runs.c.entity_id).where(runs.c.source_name == source, runs.c.record_key == key).distinct()
    with store.engine.connect() as conn:
        [entity_id] = conn.execute(query).scalars().all()
    return str(entity_id)


def test_namesakes_of_other_states_are_kept_apart_and_addresses_in_one_state_still_link(
    tmp_path: Path,
) -> None:
    """The UN's North Korean defence ministry (KPe.054) is a.k.a. "MINISTRY OF DEFENCE", the UK's
    name for Syria's (group 12691): imported after the UK list it linked to it, and North Korea's
    listing read as the Syrian ministry's. Now it is an entity of its own, and the import says why.
    IQe.197 (addresses in the UAE and Iraq) still links to the UK's group 8276 (Iraq), and KPe.017,
    in Hong Kong, to the UK's group 12848 (China): a territory is in its state too."""
    store = fresh_store(tmp_path)
    ingest_list(
        store,
        "uk-hmt-ofsi-consolidated",
        [shared("uk-hmt-ofsi-consolidated", "hmt-sanctionsconlist_2014-04-02.csv")],
    )
    ingest_list(
        store,
        "uk-hmt-ofsi-consolidated",
        [shared("uk-hmt-ofsi-consolidated", "hmt-sanctionsconlist_2016-02-12_excerpt.csv")],
        partial=True,
    )
    report = ingest_list(
        store, "un-sc-consolidated", [shared("un-sc-consolidated", "un-consolidated_2026-02-27.xml")]
    )
    assert _entity_of(store, "un-sc-consolidated", "KPe.054") == "un-kpe-054"
    assert [line for line in report.ambiguous if "other states" in line] == [
        "KPe.054: names match gb-hmt-12691 (SY), which its list places in other states than the record's "
        "(KP): kept apart"
    ]
    assert _entity_of(store, "un-sc-consolidated", "IQe.197") == "gb-hmt-8276"
    assert _entity_of(store, "un-sc-consolidated", "KPe.017") == "gb-hmt-12848"

    # `identity suggest` still offers the pair (the analyst decides), saying why it is doubtful,
    # among the namesakes at the end.
    suggestions = merge_suggestions(store.reader(), limit=100, kind="organisation")["suggestions"]
    [pair] = [s for s in suggestions if s["entity"]["id"] == "un-kpe-054"]
    assert (pair["into"]["id"], pair["why"]) == (
        "gb-hmt-12691",
        "same name 'MINISTRY OF DEFENCE'; but their lists place them in different states (KP; SY)",
    )
    doubtful = [i for i, s in enumerate(suggestions) if "; but " in s["why"]]
    assert suggestions.index(pair) in doubtful and doubtful == list(range(doubtful[0], len(suggestions)))


def test_the_eu_legacy_files_alpha3_countries_tell_two_branches_apart(tmp_path: Path) -> None:
    """The EU's legacy XML of 2016 lists two Al-Haramain Islamic Foundations: 924 in Bosnia and
    Herzegovina (`BIH`) and 925 in Somalia (`SOM`). Both names match the UK's group 6991, in Bosnia.
    Unread, the alpha-3 codes barred nothing: both were candidates for 6991 and neither linked.
    Read, 924 joins the UK's record and 925 stays apart, with the reason in the report."""
    store = fresh_store(tmp_path)
    ingest_list(
        store,
        "uk-hmt-ofsi-consolidated",
        [shared("uk-hmt-ofsi-consolidated", "hmt-sanctionsconlist_2014-04-02.csv")],
    )
    report = ingest_list(
        store, "eu-fsf", [shared("eu-fsf", "eu-fsf-legacy-global_2016-02-11_excerpt.xml")], partial=True
    )
    assert _entity_of(store, "eu-fsf", "924") == "gb-hmt-6991"
    assert _entity_of(store, "eu-fsf", "925") == "eu-fsf-925"
    assert (
        "925: names match gb-hmt-6991 (BA), which its list places in other states than the record's "
        "(SO): kept apart" in report.ambiguous
    )
    assert not [line for line in report.ambiguous if "924" in line.split(":")[0]]
