"""Identity linking and snapshot diffs, on hand-built records (pure functions, no store)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from proscribe.model import Entity, Identifier, Name, Source
from proscribe.resolve.identity import (
    EntityIndex,
    Link,
    Relinks,
    entity_id_for,
    lent_relinks,
    link_records,
    names_lent,
)
from proscribe.resolve.snapshots import (
    absence_claims,
    decode_fingerprint,
    diff_claims,
    encode_fingerprint,
    listing_claims,
    span_claims,
    view_of,
)
from proscribe.sources.records import ListRecord, make_names

JURISDICTIONS = {"l1": "UN", "l2": "EU"}
REGISTRY = [
    Entity("front", "Example Front", names=(Name("Jabhat al-Mithal"), Name("جبهة المثال"))),
    # "Twin Group" is another name of each: neither's own (which would decide, see below).
    Entity("twin-a", "Twin Group Alpha", names=(Name("Twin Group"),)),
    Entity("twin-b", "Twin Group Organisation", names=(Name("Twin Group"),)),
    Entity("carrier", "Sea Carrier", kind="vessel", identifiers=(Identifier("ofac", "12"),)),
]


def record(
    key: str, name: str, *aliases: str, kind: str = "organisation", lists: tuple[str, ...] = ("l1",)
) -> ListRecord:
    return ListRecord(
        key=key,
        kind=kind,  # type: ignore[arg-type]
        list_ids=lists,
        names=make_names(name, [(a, "alias") for a in aliases]),
        identifiers=(Identifier("un", key),),
    )


def source(day: str) -> Source:
    return Source(
        id=f"src-{day}",
        kind="official_list",
        uri="https://example.org/list.xml",
        publisher="UN",
        published_on=date.fromisoformat(day),
    )


def test_entity_ids_are_derived_from_prefix_and_key() -> None:
    assert entity_id_for("un", "QDi.317") == "un-qdi-317"
    assert entity_id_for("ofac", "36") == "ofac-36"


def test_an_entity_id_fits_the_store_however_long_the_key() -> None:
    """OFAC's text list keys its entries by name, and 12 names of the April 2024 SDN list run past
    110 characters (the longest has 165): such an id keeps the slug's start and ends with a digest
    of the key, one id per key, within the 120 characters the store keeps."""
    name = (
        "AUTONOMOUS NONCOMMERCIAL ORGANIZATION FOR THE STUDY AND DEVELOPMENT OF INTERNATIONAL "
        "COOPERATION IN THE ECONOMIC SPHERE INTERNATIONAL AGENCY OF SOVEREIGN DEVELOPMENT"
    )
    minted = entity_id_for("ofac-txt", name)
    assert len(minted) == 120
    assert minted.startswith("ofac-txt-autonomous-noncommercial-organization-for-the-study-")
    assert minted == entity_id_for("ofac-txt", name)
    # Two keys alike for 150 characters are two entities.
    assert entity_id_for("ofac-txt", name + " [2]") != minted
    # An id that fits is the plain slug, as ever (ids already stored stay the same), up to 120.
    assert entity_id_for("ofac-txt", "X" * 111) == "ofac-txt-" + "x" * 111
    longer = entity_id_for("ofac-txt", "X" * 112)
    assert len(longer) == 120 and longer.startswith("ofac-txt-xxx") and longer != "ofac-txt-" + "x" * 111


def test_alias_links_organisation_and_person_is_never_linked_by_name() -> None:
    records = [
        record("QDe.1", "EXAMPLE FRONT FOR THE PEOPLE", "Jabhat al-Mithal"),
        record("QDi.2", "Example Front", kind="person"),
    ]
    result = link_records(records, EntityIndex(REGISTRY), {}, "un")
    assert {k: (v.entity_id, v.how) for k, v in result.links.items()} == {
        "QDe.1": ("front", "name"),
        "QDi.2": ("un-qdi-2", "new"),
    }
    assert [e.id for e in result.new_entities] == ["un-qdi-2"]
    assert result.ambiguous == ()


def test_ambiguous_name_is_reported_and_a_new_entity_minted() -> None:
    result = link_records([record("QDe.3", "TWIN GROUP")], EntityIndex(REGISTRY), {}, "un")
    assert result.links["QDe.3"].entity_id == "un-qde-3"
    assert result.ambiguous == ("QDe.3: names match several entities: twin-a, twin-b",)


def test_an_acronym_stored_as_a_name_does_not_link() -> None:
    # "NEN" was read off "NORTHERN EXAMPLE NETWORK (NEN)": a record that merely shares the
    # letters is another organisation until an identifier or a full name says otherwise.
    network = Entity("nen", "NORTHERN EXAMPLE NETWORK (NEN)", names=(Name("NEN", "acronym"),))
    result = link_records([record("QDe.9", "NOVA ENERGY NETWORK", "NEN")], EntityIndex([network]), {}, "un")
    assert (result.links["QDe.9"].entity_id, result.ambiguous) == ("un-qde-9", ())
    stated = link_records(
        [record("QDe.9", "NEN")], EntityIndex([replace(network, names=(Name("NEN"),))]), {}, "un"
    )
    assert stated.links["QDe.9"].entity_id == "nen"


def test_a_weak_alias_on_either_side_does_not_link() -> None:
    # Iran's IRGC is also called "Revolutionary Guard Corps", as was a Libyan unit the UK listed.
    guards = Entity("guards", "Islamic Guard Corps", names=(Name("Guard Corps", "weak_alias"),))
    result = link_records([record("G.1", "GUARD CORPS")], EntityIndex([guards]), {}, "un")
    assert (result.links["G.1"].entity_id, result.ambiguous) == ("un-g-1", ())
    weak_on_record = ListRecord(
        "G.2", "organisation", ("l1",), make_names("OTHER GUARDS", [("Islamic Guard Corps", "weak_alias")])
    )
    assert link_records([weak_on_record], EntityIndex([guards]), {}, "un").links["G.2"].how == "new"
    # The full name still links.
    assert (
        link_records([record("G.3", "ISLAMIC GUARD CORPS")], EntityIndex([guards]), {}, "un")
        .links["G.3"]
        .entity_id
        == "guards"
    )


def test_a_name_does_not_link_records_their_lists_place_in_different_states() -> None:
    """The UN's North Korean "MINISTRY OF NATIONAL DEFENCE" (a.k.a. "MINISTRY OF DEFENCE") against
    the UK's Syrian "MINISTRY OF DEFENCE": two bodies of one name, kept apart and reported. A
    record with an address in a state the entity has too, or either side placed nowhere, links."""
    syria = Entity("gb-1", "MINISTRY OF DEFENCE", country="Syria")
    iraq = Entity("gb-2", "SAMPLE TRADING LLC", country="Iraq")
    unplaced = Entity("gb-3", "OTHER MINISTRY", country="Sudan/South Sudan")

    def placed(key: str, name: str, alias: str, country: str | None) -> ListRecord:
        return replace(record(key, name, alias), country=country)

    records = [
        placed(
            "KPe.1",
            "MINISTRY OF NATIONAL DEFENCE",
            "MINISTRY OF DEFENCE",
            "Democratic People's Republic of Korea",
        ),
        placed("IQe.2", "SAMPLE TRADING LLC", "X", "United Arab Emirates; Iraq"),
        placed("KPe.3", "OTHER MINISTRY", "Y", "DPRK"),
    ]
    result = link_records(records, EntityIndex([syria, iraq, unplaced]), {}, "un")
    assert {k: (v.entity_id, v.how) for k, v in result.links.items()} == {
        "KPe.1": ("un-kpe-1", "new"),
        "IQe.2": ("gb-2", "name"),
        "KPe.3": ("gb-3", "name"),
    }
    assert result.ambiguous == (
        "KPe.1: names match gb-1 (SY), which its list places in other states than the record's (KP): "
        "kept apart",
    )
    # No country on the record: the name alone links, as before.
    alone = link_records([record("KPe.1", "MINISTRY OF DEFENCE")], EntityIndex([syria]), {}, "un")
    assert (alone.links["KPe.1"].entity_id, alone.ambiguous) == ("gb-1", ())
    # A namesake in the record's own state is the one it links to.
    home = Entity("kp-1", "MINISTRY OF DEFENCE", country="Korea, North")
    both = link_records(records[:1], EntityIndex([syria, home]), {}, "un")
    assert (both.links["KPe.1"].entity_id, both.ambiguous) == ("kp-1", ())


def test_two_records_claiming_one_entity_by_alias_are_both_ambiguous() -> None:
    records = [record("QDe.4", "ALPHA", "Jabhat al-Mithal"), record("QDe.5", "BETA", "جبهة المثال")]
    result = link_records(records, EntityIndex(REGISTRY), {}, "un")
    assert [result.links[k].how for k in ("QDe.4", "QDe.5")] == ["new", "new"]
    assert result.ambiguous == (
        "QDe.4: entity front is matched by several records: QDe.4, QDe.5",
        "QDe.5: entity front is matched by several records: QDe.4, QDe.5",
    )


def test_of_two_records_claiming_one_entity_the_one_bearing_its_own_name_links() -> None:
    # OFAC's al-Qaeda record lists "AL-JIHAD" (Egyptian Islamic Jihad, which merged into it) as an
    # alias, and lent it to the entity; the list's own AL-JIHAD record then matches it too, by its
    # primary name. The record bearing the entity's own name is the entity; the other is reported.
    qaeda = Entity("al-qaeda", "al-Qaeda", names=(Name("AL-JIHAD"), Name("Qa'idat al-Jihad")))
    records = [record("QDe.4", "AL QAEDA", "THE BASE"), record("QDe.3", "AL-JIHAD", "NEW JIHAD")]
    result = link_records(records, EntityIndex([qaeda]), {}, "un")
    assert [(result.links[k].entity_id, result.links[k].how) for k in ("QDe.4", "QDe.3")] == [
        ("al-qaeda", "name"),
        ("un-qde-3", "new"),
    ]
    assert result.ambiguous == ("QDe.3: entity al-qaeda is matched by several records: QDe.3, QDe.4",)
    # When both or neither bear it, both are reported, as before.
    twins = [record("QDe.6", "X", "al-Qaeda"), record("QDe.7", "Y", "AL QAEDA")]
    assert [link_records(twins, EntityIndex([qaeda]), {}, "un").links[k].how for k in ("QDe.6", "QDe.7")] == [
        "new",
        "new",
    ]


def test_identifier_and_earlier_snapshot_links_come_first() -> None:
    vessel = ListRecord("12", "vessel", ("us-sdn",), make_names("OTHER NAME"), (Identifier("ofac", "12"),))
    result = link_records(
        [vessel, record("QDe.1", "Example Front")], EntityIndex(REGISTRY), {"QDe.1": "un-qde-1"}, "x"
    )
    assert {k: (v.entity_id, v.how) for k, v in result.links.items()} == {
        "12": ("carrier", "identifier"),
        "QDe.1": ("un-qde-1", "earlier snapshot"),
    }


def test_two_records_reaching_one_entity_by_identifier_are_both_ambiguous() -> None:
    # Two records of one snapshot citing the same reference: a list error, not one designee.
    records = [
        ListRecord("7", "vessel", ("us-sdn",), make_names("FIRST"), (Identifier("ofac", "12"),)),
        ListRecord("8", "vessel", ("us-sdn",), make_names("SECOND"), (Identifier("ofac", "12"),)),
    ]
    result = link_records(records, EntityIndex(REGISTRY), {}, "x")
    assert {k: (v.entity_id, v.how) for k, v in result.links.items()} == {
        "7": ("x-7", "new"),
        "8": ("x-8", "new"),
    }
    assert result.ambiguous == (
        "7: entity carrier is matched by several records: 7, 8",
        "8: entity carrier is matched by several records: 7, 8",
    )


def test_a_compilation_holds_one_designee_once_per_list_it_gathers() -> None:
    # The CSL gathers OFAC's lists: its SDN row and its SSI row for one company cite two OFAC
    # numbers that one entity holds. Two lists, one designee each: both link. Two rows of one
    # gathered list reaching one entity are still a duplicate, and both are reported.
    company = Entity(
        "tpe",
        "TEKHNOPROMEKSPORT",
        identifiers=(Identifier("ofac", "18962"), Identifier("ofac", "18771")),
    )

    def row(key: str, gathered: str, number: str) -> ListRecord:
        ids = (Identifier("csl", key), Identifier("ofac", number))
        return ListRecord(key, "organisation", ("us-csl", gathered), make_names(f"ROW {key}"), ids)

    apart = [row("a1", "us-sdn", "18962"), row("b2", "us-ofac-cons", "18771")]
    result = link_records(apart, EntityIndex([company]), {}, "csl")
    assert {k: (v.entity_id, v.how) for k, v in result.links.items()} == {
        "a1": ("tpe", "identifier"),
        "b2": ("tpe", "identifier"),
    }
    assert result.ambiguous == ()
    same = [row("a1", "us-sdn", "18962"), row("c3", "us-sdn", "18771")]
    result = link_records(same, EntityIndex([company]), {}, "csl")
    assert {k: v.how for k, v in result.links.items()} == {"a1": "new", "c3": "new"}
    assert result.ambiguous == (
        "a1: entity tpe is matched by several records: a1, c3",
        "c3: entity tpe is matched by several records: a1, c3",
    )
    # A list that gathers nothing holds one record per designee, whatever else its records are on.
    un = [
        ListRecord(
            "QDe.1", "organisation", ("l1", "us-sdn"), make_names("P"), (Identifier("ofac", "18962"),)
        ),
        ListRecord("QDe.2", "organisation", ("l1", "l2"), make_names("Q"), (Identifier("ofac", "18771"),)),
    ]
    assert [link_records(un, EntityIndex([company]), {}, "un").links[k].how for k in ("QDe.1", "QDe.2")] == [
        "new",
        "new",
    ]


def test_a_compilations_untyped_rows_join_its_organisation_of_another_gathered_list_by_name() -> None:
    # Nothing stored yet: the CSL's SDN row for a company mints its entity, and the untyped rows
    # of other gathered lists naming it join that entity, whichever file came first elsewhere.
    def row(key: str, kind: str, gathered: str, name: str, country: str | None = None) -> ListRecord:
        lists = ("us-csl", gathered)
        return ListRecord(key, kind, lists, make_names(name), (Identifier("csl", key),), country=country)  # type: ignore[arg-type]

    records = [
        row("900", "organisation", "us-sdn", "NORTHWIND MACHINE WORKS", "RU"),
        row("e1", "other", "us-bis-entity-list", "Northwind Machine Works", "RU"),
        row("t1", "other", "us-state-itar-debarred", "NORTHWIND MACHINE WORKS"),
        row("u1", "other", "us-bis-uvl", "Northwind Machine Works", "Belarus"),
        row("d1", "other", "us-bis-dpl", "EXAMPLE, John Q."),
        row("t2", "other", "us-state-itar-debarred", "EXAMPLE, John Q."),
    ]
    result = link_records(records, EntityIndex([]), {}, "csl")
    assert {k: (v.entity_id, v.how) for k, v in result.links.items()} == {
        "900": ("csl-900", "new"),
        "e1": ("csl-900", "name"),
        "t1": ("csl-900", "name"),
        "u1": ("csl-u1", "new"),  # placed in another state
        "d1": ("csl-d1", "new"),  # two untyped rows: never joined by name alone
        "t2": ("csl-t2", "new"),
    }
    assert result.links["e1"].detail == "its names match 900, of another list the snapshot gathers"
    assert result.ambiguous == (
        "u1: names match csl-900 (RU), which its list places in other states than the record's (BY): "
        "kept apart",
    )
    # Two rows of one gathered list that holds a designee once naming it are two entries: neither joins.
    twice = [
        records[0],
        row("m1", "other", "us-bis-meu", "Northwind Machine Works"),
        row("m2", "other", "us-bis-meu", "NORTHWIND MACHINE WORKS"),
    ]
    again = link_records(twice, EntityIndex([]), {}, "csl")
    assert [again.links[k].how for k in ("m1", "m2")] == ["new", "new"]
    assert again.ambiguous == (
        "m1: entity csl-900 is matched by several records: m1, m2",
        "m2: entity csl-900 is matched by several records: m1, m2",
    )


def csl_row(key: str, gathered: str, name: str, *aliases: str, country: str | None = None) -> ListRecord:
    """An untyped row of the CSL (a Commerce or State list's), as its file gives it."""
    names = make_names(name, [(a, "alias") for a in aliases])
    return ListRecord(key, "other", ("us-csl", gathered), names, (Identifier("csl", key),), country=country)


def test_rows_of_a_list_writing_a_designee_in_several_rows_all_join_the_entity_their_primary_names_name() -> (
    None
):
    # The Denied Persons List writes a row per address: AL NASER AIRLINES has rows in Iraq, Jordan
    # and the Emirates, spelled three ways, each naming the airline OFAC lists by its primary name.
    airline = Entity(
        "naser",
        "AL NASER AIRLINES",
        names=(Name("AL-NASER AIRLINES"), Name("ALNASER AIRLINES"), Name("AL NASER WINGS AIRLINES")),
    )
    rows = [
        csl_row("d1", "us-bis-dpl", "AL NASER AIRLINES", "AL NASER WINGS AIRLINES", country="IQ"),
        csl_row("d2", "us-bis-dpl", "AL-NASER AIRLINES", country="JO"),
        csl_row("d3", "us-bis-dpl", "ALNASER AIRLINES", "AL NASER AIRLINES", country="AE"),
        # Another list's row naming the airline by an alias only: one entry there, linked as ever.
        csl_row("u1", "us-bis-uvl", "Naser Wings", "AL NASER WINGS AIRLINES"),
    ]
    result = link_records(rows, EntityIndex([airline]), {}, "csl")
    assert {k: (v.entity_id, v.how) for k, v in result.links.items()} == {
        "d1": ("naser", "name"),
        "d2": ("naser", "name"),
        "d3": ("naser", "name"),
        "u1": ("naser", "name"),
    }
    assert result.links["d2"].detail == (
        "one of 3 rows of us-bis-dpl, which writes a designee in several rows, "
        "naming it by their primary names"
    )
    assert result.ambiguous == ()
    # A row of the list naming it by an alias only, beside those rows, is not known to be one of them.
    stray = [*rows[:3], csl_row("d4", "us-bis-dpl", "Wings Cargo", "AL NASER WINGS AIRLINES")]
    result = link_records(stray, EntityIndex([airline]), {}, "csl")
    assert [result.links[k].how for k in ("d1", "d2", "d3", "d4")] == ["name", "name", "name", "new"]
    assert result.ambiguous == ("d4: entity naser is matched by several records: d1, d2, d3, d4",)


def test_rows_bearing_one_primary_name_join_the_entity_an_alias_names_on_a_list_writing_several_rows() -> (
    None
):
    # The Entity List's two rows for Ukraine Mediterranean Airlines (Tehran and Kiev; Damascus)
    # bear one name, and name OFAC's UKRAINIAN-MEDITERRANEAN AIRLINES by its alias UM AIR.
    airline = Entity("um", "UKRAINIAN-MEDITERRANEAN AIRLINES", names=(Name("UM AIR"),))
    rows = [
        csl_row("e1", "us-bis-entity-list", "Ukraine Mediterranean Airlines", "UM Air", country="IR; UA"),
        csl_row("e2", "us-bis-entity-list", "Ukraine Mediterranean Airlines", "UM Air", country="SY"),
    ]
    result = link_records(rows, EntityIndex([airline]), {}, "csl")
    assert {k: (v.entity_id, v.how) for k, v in result.links.items()} == {
        "e1": ("um", "name"),
        "e2": ("um", "name"),
    }
    assert result.ambiguous == ()
    # Rows of two names, neither the entity's primary name, are not known to be one designee's.
    other = [rows[0], csl_row("e3", "us-bis-entity-list", "UM Air Cargo LLC", "UM Air", country="UA")]
    result = link_records(other, EntityIndex([airline]), {}, "csl")
    assert [result.links[k].how for k in ("e1", "e3")] == ["new", "new"]
    # A later snapshot's new row joins the entity another row holds from an earlier one, by its
    # primary name; by an alias alone it does not (the list may hold the entity once more).
    later = [
        rows[0],
        csl_row("e4", "us-bis-entity-list", "UKRAINIAN-MEDITERRANEAN AIRLINES", country="BY"),
        csl_row("e5", "us-bis-entity-list", "Ukrainian Mediterranean Air Cargo", "UM Air"),
    ]
    result = link_records(later, EntityIndex([airline]), {"e1": "um"}, "csl")
    assert {k: (v.entity_id, v.how) for k, v in result.links.items()} == {
        "e1": ("um", "earlier snapshot"),
        "e4": ("um", "name"),
        "e5": ("csl-e5", "new"),
    }


def test_an_identifier_cannot_take_an_entity_an_earlier_snapshot_gave_another_record() -> None:
    records = [
        ListRecord("7", "vessel", ("us-sdn",), make_names("SEA CARRIER"), ()),
        ListRecord("8", "vessel", ("us-sdn",), make_names("OTHER NAME"), (Identifier("ofac", "12"),)),
    ]
    result = link_records(records, EntityIndex(REGISTRY), {"7": "carrier"}, "x")
    assert {k: (v.entity_id, v.how) for k, v in result.links.items()} == {
        "7": ("carrier", "earlier snapshot"),
        "8": ("x-8", "new"),
    }
    assert result.ambiguous == ("8: entity carrier is matched by several records: 7, 8",)


def test_linked_records_lend_their_names_and_identifiers_new_ones_do_not() -> None:
    records = [
        record("QDe.1", "EXAMPLE FRONT", "Example Liberation Assembly"),  # linked by name
        record("QDe.2", "Renamed Group", "Old Group"),  # linked by an earlier snapshot
        record("QDe.3", "Unheard Of Group"),  # minted
    ]
    result = link_records(records, EntityIndex(REGISTRY), {"QDe.2": "un-qde-2"}, "un")
    names, identifiers = names_lent(records, result)
    assert {entity: [(n.value, n.kind) for n in lent] for entity, lent in names.items()} == {
        # The record's primary name is lent as an alias: the entity keeps its canonical name.
        "front": [("EXAMPLE FRONT", "alias"), ("Example Liberation Assembly", "alias")],
        "un-qde-2": [("Renamed Group", "alias"), ("Old Group", "alias")],
    }
    assert identifiers == {"front": [Identifier("un", "QDe.1")], "un-qde-2": [Identifier("un", "QDe.2")]}


def test_diff_gives_delist_list_and_amend_within_the_window() -> None:
    jan = [record("A", "ALPHA"), record("B", "BRAVO"), record("C", "CHARLIE", lists=("l1", "l2"))]
    feb = [record("A", "ALPHA", "ALFA"), record("C", "CHARLIE"), record("D", "DELTA")]
    links = {r.key: f"e-{r.key.lower()}" for r in jan + feb}
    s1, s2 = source("2020-01-31"), source("2020-02-29")
    v1 = view_of(s1, date(2020, 1, 31), jan, links)
    v2 = view_of(s2, date(2020, 2, 29), feb, links)
    claims = diff_claims(v1, v2, s2, JURISDICTIONS)
    assert [(c.action, c.record_key, c.list_id, c.date.iso(), c.source_id) for c in claims] == [
        ("delist", "B", "l1", "2020-02-01/2020-02-29", "src-2020-02-29"),
        ("delist", "C", "l2", "2020-02-01/2020-02-29", "src-2020-02-29"),
        ("list", "D", "l1", "2020-02-01/2020-02-29", "src-2020-02-29"),
        ("amend", "A", "l1", "2020-02-01/2020-02-29", "src-2020-02-29"),
    ]
    # C kept its names and left l2: that delisting is the change; its l1 entry is not amended.
    assert [c.note for c in claims if c.action == "amend"] == ['names added: "ALFA" (alias)']
    assert [c.jurisdiction for c in claims] == ["UN", "EU", "UN", "UN"]
    assert all(c.tier == 1 and c.known_from == date(2020, 2, 29) for c in claims)


def test_a_row_dropped_while_another_row_keeps_its_entity_on_the_list_is_no_delisting() -> None:
    # Two rows (addresses) of one designee; the later list drops one: the designee stays listed.
    # Whether the earlier file held the whole list or a part of it, no delisting follows.
    jan = [record("A1", "ALPHA"), record("A2", "ALPHA"), record("B", "BRAVO")]
    feb = [record("A2", "ALPHA")]
    links = {"A1": "e-a", "A2": "e-a", "B": "e-b"}
    s1, s2 = source("2020-01-31"), source("2020-02-29")
    v1 = view_of(s1, date(2020, 1, 31), jan, links)
    v2 = view_of(s2, date(2020, 2, 29), feb, links)
    assert [(c.action, c.record_key) for c in diff_claims(v1, v2, s2, JURISDICTIONS)] == [("delist", "B")]
    assert [(c.action, c.record_key) for c in absence_claims(v1, v2, s2, JURISDICTIONS)] == [("delist", "B")]


def test_a_side_stating_no_aliases_is_compared_on_primary_names_only() -> None:
    jan = [record("A", "ALPHA", "ALFA"), record("B", "BRAVO", "BRAVE"), record("C", "CHARLIE")]
    feb = [record("A", "ALPHA"), record("B", "BRAVO TWO"), record("C", "CHARLIE")]
    links = {r.key: f"e-{r.key.lower()}" for r in jan}
    s1, s2 = source("2020-01-31"), source("2020-02-29")
    v1 = view_of(s1, date(2020, 1, 31), jan, links)
    v2 = replace(view_of(s2, date(2020, 2, 29), feb, links), unstated=frozenset({"aliases"}))
    claims = diff_claims(v1, v2, s2, JURISDICTIONS)
    # A lost its alias only in the sense that February does not state aliases: no amend.
    assert [(c.action, c.record_key, c.note) for c in claims] == [
        (
            "amend",
            "B",
            'renamed "BRAVO" -> "BRAVO TWO"; aliases not compared (the snapshot of 2020-02-29 does not '
            "state them)",
        )
    ]
    # Stated names unknown on one side (runs stored before runs kept names): nothing to compare.
    unknown = replace(v1, names={})
    assert diff_claims(unknown, v2, s2, JURISDICTIONS) == []
    # Both sides stating aliases: every name counts, as before.
    assert [c.record_key for c in diff_claims(v1, replace(v2, unstated=frozenset()), s2, JURISDICTIONS)] == [
        "A",
        "B",
    ]


def test_names_retyped_in_other_capitals_are_no_amendment() -> None:
    jan = [record("A", "Jund Al Aqsa", "Jund  al-Aqsa"), record("B", "BRAVO", "Brave")]
    feb = [record("A", "JUND AL AQSA", "JUND AL-AQSA"), record("B", "BRAVO TWO", "BRAVE")]
    links = {r.key: f"e-{r.key.lower()}" for r in jan}
    s1, s2 = source("2020-01-31"), source("2020-02-29")
    v1 = view_of(s1, date(2020, 1, 31), jan, links)
    v2 = view_of(s2, date(2020, 2, 29), feb, links)
    assert [(c.action, c.record_key, c.note) for c in diff_claims(v1, v2, s2, JURISDICTIONS)] == [
        ("amend", "B", 'renamed "BRAVO" -> "BRAVO TWO"')
    ]
    # Compared on primary names alone (February states no aliases): the same.
    bare = replace(v2, unstated=frozenset({"aliases"}))
    assert [(c.record_key, c.note) for c in diff_claims(v1, bare, s2, JURISDICTIONS)] == [
        (
            "B",
            'renamed "BRAVO" -> "BRAVO TWO"; aliases not compared (the snapshot of 2020-02-29 does not '
            "state them)",
        )
    ]


def test_dated_additions_rely_on_the_file_date() -> None:
    dated = ListRecord("D", "person", ("l1",), make_names("DELTA"), listed_on=date(2020, 2, 24))
    s1, s2 = source("2020-01-31"), source("2020-02-29")
    v1 = view_of(s1, date(2020, 1, 31), [], {})
    v2 = view_of(s2, date(2020, 2, 29), [dated], {"D": "e-d"})
    assert diff_claims(v1, v2, s2, JURISDICTIONS) == []
    where = (s2, JURISDICTIONS, date(2020, 2, 29), "D", "e-d", encode_fingerprint(dated))
    claims = span_claims(*where) + listing_claims(*where)
    assert [(c.kind, c.state or c.action, c.date.iso()) for c in claims] == [
        ("state", "listed", "2020-02-29"),
        ("event", "list", "2020-02-24"),
    ]


def test_fingerprint_round_trip_and_content() -> None:
    rec = ListRecord("A", "person", ("l1", "l2"), make_names("ALPHA"), listed_on=date(2019, 1, 1))
    stored = encode_fingerprint(rec)
    assert decode_fingerprint(stored) == (rec.fingerprint(), ("l1", "l2"), True)
    # A corrected listing date keeps the names (no amendment) but ends a run of identical readings.
    moved = ListRecord("A", "person", ("l1", "l2"), make_names("ALPHA"), listed_on=date(2019, 1, 2))
    assert moved.fingerprint() == rec.fingerprint() and encode_fingerprint(moved) != stored


def test_a_list_the_file_leaves_undated_gets_no_listing_event() -> None:
    """l1 dated 2020-02-24, l2 named undated: the run's first snapshot gives l1 a `list` event only."""
    s2 = source("2020-02-29")
    record = ListRecord(
        "D",
        "organisation",
        ("l1", "l2"),
        make_names("DATED"),
        listed_on=date(2020, 2, 24),
        list_dates=(("l2", None),),
    )
    where = (s2, JURISDICTIONS, date(2020, 2, 29), "D", "e-d", encode_fingerprint(record))
    assert [(c.list_id, c.kind, c.date.iso()) for c in listing_claims(*where)] == [
        ("l1", "event", "2020-02-24")
    ]
    view = view_of(s2, date(2020, 2, 29), [record], {"D": "e-d"})
    assert dict(view.stated) == {("D", "l1"): date(2020, 2, 24)}


def test_a_list_claim_names_the_body_whose_list_it_is_not_the_file_it_was_read_in() -> None:
    from proscribe.resolve.snapshots import list_authority

    ofac = Source(id="s", kind="official_list", uri="u", publisher="U.S. Department of the Treasury, OFAC")
    aggregator = Source(id="a", kind="curated", uri="u", publisher="OpenSanctions")
    # The FTO list is the State Department's, even read in OFAC's SDN file.
    assert list_authority("us-fto", ofac) == "U.S. Department of State"
    assert list_authority("eu-terrorist", aggregator) == "Council of the European Union"
    # A list the vocabulary names no body for: the official publisher, or nobody for an aggregator.
    assert list_authority("il-terrorist", aggregator) is None
    assert list_authority("il-terrorist", ofac) == "U.S. Department of the Treasury, OFAC"


def test_a_record_naming_one_entity_by_most_of_its_names_links_to_it_and_says_so() -> None:
    # OFAC's old text list prints Hizballah's entry under each of its names alike, the first
    # alphabetically being ANSAR ALLAH, the Houthis' name: that first name is no primary name.
    party = Entity("party", "Party of Example", names=(Name("Hizb al-Mithal"),))
    index = EntityIndex([party, Entity("ansar", "Ansar al-Mithal"), Entity("jihad", "Example Jihad")])
    stated = record("QDe.8", "ANSAR AL-MITHAL", "HIZB AL-MITHAL", "PARTY OF EXAMPLE", "EXAMPLE JIHAD")
    unstated = replace(stated, primary_stated=False)
    assert link_records([stated], index, {}, "un").links["QDe.8"] == Link("QDe.8", "ansar", "name")
    result = link_records([unstated], index, {}, "un")
    assert result.links["QDe.8"].entity_id == "party"
    assert result.links["QDe.8"].how == "most names"
    assert result.links["QDe.8"].detail == (
        "names match several entities; linked to party, which holds most (party 2, ansar 1, jihad 1)"
    )
    assert result.ambiguous == ()


def test_most_names_must_be_two_and_twice_any_other_candidates() -> None:
    first = Entity("first", "First Example", names=(Name("Alpha Mithal"), Name("Beta Mithal")))
    second = Entity("second", "Second Example", names=(Name("Gamma Mithal"), Name("Delta Mithal")))
    index = EntityIndex([first, second])
    cases = {
        ("ALPHA MITHAL", "BETA MITHAL", "GAMMA MITHAL"): "first",  # 2 against 1
        ("ALPHA MITHAL", "BETA MITHAL", "GAMMA MITHAL", "DELTA MITHAL"): None,  # 2 against 2
        ("ALPHA MITHAL", "BETA MITHAL", "FIRST EXAMPLE", "GAMMA MITHAL", "DELTA MITHAL"): None,  # 3 to 2
        ("ALPHA MITHAL", "GAMMA MITHAL"): None,  # 1 against 1
    }
    for names, expected in cases.items():
        unstated = replace(record("QDe.9", *names), primary_stated=False)
        result = link_records([unstated], index, {}, "un")
        assert result.links["QDe.9"].entity_id == (expected or "un-qde-9"), names
        assert bool(result.ambiguous) == (expected is None), names


def test_of_records_claiming_one_entity_by_aliases_the_one_holding_most_of_its_names_links() -> None:
    movement = Entity("movement", "Example Movement", names=(Name("Mithal Brigades"), Name("Mithal Army")))
    records = [
        record("QDe.11", "ALPHA", "MITHAL BRIGADES", "MITHAL ARMY"),
        record("QDe.12", "BETA", "MITHAL ARMY"),
    ]
    result = link_records(records, EntityIndex([movement]), {}, "un")
    assert result.links["QDe.11"] == Link(
        "QDe.11",
        "movement",
        "most names",
        "of the records claiming movement by name, this one holds most of its names (QDe.11 2, QDe.12 1)",
    )
    assert result.links["QDe.12"].entity_id == "un-qde-12"
    assert result.ambiguous == ("QDe.12: entity movement is matched by several records: QDe.11, QDe.12",)


def test_two_records_claiming_one_entity_never_both_link_to_it() -> None:
    # One claims it by its primary name, the other bears the entity's own name as an alias: the
    # primary name decides, and the other is reported (one list holds one record per designee).
    front = Entity("front", "Example Front", names=(Name("Mithal"),))
    records = [record("QDe.13", "MITHAL"), record("QDe.14", "ZETA", "EXAMPLE FRONT")]
    result = link_records(records, EntityIndex([front]), {}, "un")
    assert [result.links[k].entity_id for k in ("QDe.13", "QDe.14")] == ["front", "un-qde-14"]
    assert result.ambiguous == ("QDe.14: entity front is matched by several records: QDe.13, QDe.14",)


def test_a_record_whose_number_is_kept_apart_from_an_entity_never_links_to_it_by_name() -> None:
    offshoot = record("QDe.20", "EXAMPLE FRONT - PEOPLE'S WING", "JABHAT AL-MITHAL")
    apart = EntityIndex(REGISTRY, apart={Identifier("un", "QDe.20"): ["front"]})
    assert link_records([offshoot], EntityIndex(REGISTRY), {}, "un").links["QDe.20"].entity_id == "front"
    result = link_records([offshoot], apart, {}, "un")
    assert (result.links["QDe.20"].entity_id, result.ambiguous) == ("un-qde-20", ())
    assert (
        result.links["QDe.20"].detail == "its names match front, which the dataset keeps apart from un:QDe.20"
    )
    # Only that record: another naming the entity still links.
    other = record("QDe.21", "JABHAT AL-MITHAL")
    assert link_records([other], apart, {}, "un").links["QDe.21"].entity_id == "front"


def test_a_primary_name_matching_several_entities_links_to_the_one_whose_own_name_it_is() -> None:
    # A network filed under one entry: the front company's entity absorbed the others' names (as
    # the UK's IRAN SAFFRON COMPANY took OFAC's YASA PART entry's), so it holds most of the new
    # record's names; the record's primary name is the other entity's own name, and that decides.
    part = Entity("part", "Mithal Part")
    saffron = Entity(
        "saffron",
        "Mithal Saffron Company",
        names=(Name("Mithal Part"), Name("Mithal Paint"), Name("Mithal Trading")),
    )
    index = EntityIndex([part, saffron])
    entry = record("900", "MITHAL PART", "MITHAL PAINT", "MITHAL TRADING", "MITHAL SAFFRON COMPANY")
    result = link_records([entry], index, {}, "ofac")
    assert result.links["900"] == Link(
        "900",
        "part",
        "own name",
        "its primary name matches several entities; linked to part, whose own name it is "
        "(another name of saffron)",
    )
    assert result.ambiguous == ()
    # Only a primary name counts: a file that does not say which name is the entry's own goes by
    # the most names, and an alias that is an entity's own name does not decide either.
    unstated = link_records([replace(entry, primary_stated=False)], index, {}, "ofac")
    assert (unstated.links["900"].entity_id, unstated.links["900"].how) == ("saffron", "most names")
    by_alias = record("901", "MITHAL HOLDING", "MITHAL PART", "MITHAL PAINT")
    assert link_records([by_alias], index, {}, "ofac").links["901"].entity_id == "saffron"


def test_names_given_out_of_order_move_a_minted_record_only_to_the_one_entity_they_name() -> None:
    bank = Entity("bank", "Mithal Bank", names=(Name("Mithal Bank OAO"),))
    other = Entity("other", "Other Example", names=(Name("Mithal Trust"),))
    minted = Entity("ca-1", "Mithal Bank OAO")
    index = EntityIndex([bank, other, minted])
    alone = replace(record("1", "MITHAL BANK OAO"), primary_stated=False)
    assert lent_relinks([(alone, "ca-1")], index, {}) == Relinks([("1", "ca-1", "bank")], [])
    # Names matching two entities alike move nothing (all of a rebuilt record's names are aliases).
    torn = replace(record("2", "MITHAL BANK OAO", "MITHAL TRUST"), primary_stated=False)
    assert lent_relinks([(torn, "ca-2")], index, {}) == Relinks([], [])
    # A minted entity joined by other entries sharing more of the record's names stays, and says so.
    crowd = replace(record("3", "MITHAL BANK OAO", "MITHAL GROUP", "MITHAL HOLDING"), primary_stated=False)
    company = {"ca-3": [Name("MITHAL GROUP"), Name("MITHAL HOLDING"), Name("MITHAL BANK OAO")]}
    result = lent_relinks([(crowd, "ca-3")], EntityIndex([bank, other]), company)
    assert result.found == []
    assert result.kept == [
        (
            "ca-3",
            "bank",
            "record 3: 1 of its names matches bank, but the other entries on ca-3, minted for it before, "
            "share 3: not merged; if they are one, `proscribe identity merge ca-3 bank --reason ...`",
        )
    ]
