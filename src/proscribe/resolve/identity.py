"""Identity: link the records of an official list to entities, by identifiers then by names.

Rules, applied in order for each record (pure; the caller supplies entities and earlier links):
1. **Earlier snapshot**: a record key this source already linked keeps its entity (stable ids).
2. **Identifiers**: a record identifier (`un:QDe.137`, `ofac:36`) held by exactly one entity links
   to it; held by several is *ambiguous*. So is an entity that identifiers would give two records
   of the snapshot (or one, when another record already holds it from an earlier snapshot): each
   record it would have gone to by identifier is reported and becomes its own entity. Records of a
   compilation (the CSL) rival each other only when they come from one list it gathers.
3. **Names** (organisations, vessels, aircraft; never people, whose names are too common to link
   without an identifier): the record's primary name, normalised with `proscribe.model.name_key`
   (the store's lookup key), matching the names of exactly one entity of the same kind (an
   organisation and an entry of a kind its file leaves unsaid count as one kind) links to
   it; failing that, its aliases matching exactly one entity do (an entity's acronyms and weak
   aliases are not matched: too short or too shared to identify it). A record whose file does
   not say which of its names is its own (`ListRecord.primary_stated`: OFAC's old text list)
   has no primary name here: all its names count as aliases. A primary name matching several
   entities links to the one whose own (canonical) name it is, if exactly one (`own name`: OFAC's
   YASA PART is the UK's YASA PART, not the UK company that absorbed its aliases). Of several
   candidates otherwise, one holding
   at least two of the record's names and at least twice as many as any other links (`most
   names`, reported with the counts: the text list's ANSAR ALLAH entry shares two names with the
   registry's Hizballah, HIZBALLAH and PARTY OF GOD, and one with the Houthis); otherwise they
   are *ambiguous*. An entity the dataset keeps apart from one of the record's numbers
   (`list_numbers.yaml`, `kept_apart`: OFAC's FARC-EP dissidents, 33983, are not the FARC) is no
   candidate. An entity already linked to another record of the same snapshot is not a
   candidate (for a compilation's record, only one linked to a record of the same gathered list),
   and an entity that two records of the snapshot claim by name is ambiguous for all,
   unless exactly one of them matches it by primary name or, failing that, exactly one of them
   bears the entity's own name (OFAC's AL QAEDA, not its AL-JIHAD, whose primary name
   al-Qaeda's record lists as an alias, having absorbed Egyptian Islamic Jihad), or failing
   that, one holds at least two of the entity's names and twice as many as any other. Two
   records of a snapshot (of one gathered list, in a compilation) never both link to one entity
   by name, unless they are rows of a list writing one designee in several rows
   (`DesignationList.several_rows`: BIS's Denied Persons List, a row per address) that all name
   it by their primary names or all bear one primary name: then all of them link, and an entity
   another row of such a list holds is still a candidate for a row's primary name (not for its
   aliases). A name's bracket variants
   (proscribe.sources.variants: "TEHRIK-E TALIBAN PAKISTAN (TTP)" is also "TEHRIK-E TALIBAN
   PAKISTAN") count as that name; the acronyms stored as names (`TTP`) do not. An entity whose
   list places it only in states the record's addresses are not in (`vocab.country_codes`) is
   no candidate, and the record is reported: the UN's North Korean "MINISTRY OF DEFENCE" is not
   the UK's Syrian one. A side with no known country is no bar. An untyped record (kind `other`:
   the CSL's Commerce and State rows) may be an organisation's entry; two untyped entries one
   snapshot shows are never joined by name alone (either may be a person). A compilation's
   untyped records that nothing links then link by name, by the same rules, to the entity of one
   of its organisations from another gathered list (`_gathered_links`), so that whether OFAC's
   files came first does not decide which entity the Entity List's row of an SDN company joins.
4. Otherwise, or when ambiguous, the record becomes its own entity with an id derived from the
   source and the record key (`un-qdi-317`, `ofac-36`). Ambiguities are reported, never guessed.
5. **An earlier first snapshot** (`relinks`): a record kept by rule 1 on the entity minted for it,
   arriving in a snapshot older than any held one showing it (imported out of date order), is
   linked as that snapshot would have linked it, had it come first: rules 2 and 3 among the
   records the snapshot is now the first of (the others' entities taken). OFAC's 2024 `sdn.csv`,
   sent without its alias file, names ETA only "EUZKADI TA ASKATASUNA" (the number the dataset now
   gives `eta` links it whatever comes first; an entity with no number still needs this rule); the
   2019 set, imported
   after it, adds "BASQUE FATHERLAND AND LIBERTY", the registry's `eta`. In date order the 2019
   record links to `eta`; the caller records the link as a merge (an identity judgement), as the
   minted entity and its claims already exist. A snapshot imported in date order relinks nothing.
   A minted entity other entries joined is a group: it moves by name only when the other entity
   holds at least two of the record's names and the group does not hold two and twice as many.
   The other way round (`lent_relinks`): names such a snapshot gives an existing entity link the
   records of other lists, first shown after it and minted an entity since, that they would have
   linked in date order (Canada's "Gazprombank OAO", by the name OFAC's 2018 entry gives the bank).

A record linked to an entity that already exists (rules 1-3) lends it its names and identifiers
(`names_lent`): the UN's aliases of QDe.137 become names of `hts`, and a name a list adds to a
record in a later snapshot becomes searchable and screenable. The record's primary name is lent
as an alias: the entity keeps its own canonical name.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from proscribe.model import DesignationList, Entity, Identifier, Name, name_key
from proscribe.sources.records import ListRecord
from proscribe.sources.variants import with_variants
from proscribe.vocab import country_codes, lists

_SLUG = re.compile(r"[^a-z0-9]+")
# The longest entity id the store keeps (proscribe.store.schema: entities.id).
ENTITY_ID_MAX = 120
# The kinds of entity a record's names may link it to (others: its own kind only). A record of
# kind `other` is one its file does not type (the CSL's Commerce and State rows: a company and a
# person alike); by name, people never link, so it may be an organisation's entry on another list.
_KINDS_MATCHED = {"organisation": ("organisation", "other"), "other": ("other", "organisation")}


def entity_id_for(prefix: str, key: str) -> str:
    """The id of an entity minted for an unlinked record: `un` + `QDi.317` -> `un-qdi-317`.

    Within ENTITY_ID_MAX characters (the store's column): a longer one (OFAC's text list keys its
    entries by name, and some names run past 150 characters) keeps the start of the slug and ends
    with a digest of the whole key, so it stays one id per key, the same on every import."""
    slug = _SLUG.sub("-", key.casefold()).strip("-")
    minted = f"{prefix}-{slug}"
    if len(minted) <= ENTITY_ID_MAX:
        return minted
    digest = hashlib.sha256(key.encode()).hexdigest()[:12]
    return f"{minted[: ENTITY_ID_MAX - len(digest) - 1].rstrip('-')}-{digest}"


@dataclass(frozen=True, slots=True)
class Link:
    """How one record was linked: the entity and the rule that decided it."""

    key: str
    entity_id: str
    how: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class IdentityResult:
    """Links for every record, the entities minted for unlinked records, and the ambiguities found."""

    links: dict[str, Link]
    new_entities: tuple[Entity, ...]
    ambiguous: tuple[str, ...] = field(default_factory=tuple)

    def entity_of(self, key: str) -> str:
        """The entity id a record key links to."""
        return self.links[key].entity_id


class EntityIndex:
    """Entities looked up by identifier key and by normalised name (with their kind)."""

    def __init__(
        self, entities: Iterable[Entity], apart: Mapping[Identifier, Iterable[str]] | None = None
    ) -> None:
        # Identifier key -> entities a record bearing it is known not to be (the dataset's
        # `kept_apart` numbers): never its candidates by name.
        self.apart = {ident.key(): frozenset(ids) for ident, ids in (apart or {}).items()}
        self.by_identifier: dict[str, set[str]] = {}
        self.by_name: dict[str, set[str]] = {}
        self.kind: dict[str, str] = {}
        # Each entity's own (canonical) name, normalised: the strongest name evidence there is.
        self.canonical: dict[str, str] = {}
        # The states each entity's list places it in (`vocab.country_codes`), where any is known.
        self.countries: dict[str, frozenset[str]] = {}
        for entity in entities:
            self.kind[entity.id] = entity.kind
            self.canonical[entity.id] = name_key(entity.name)
            codes = country_codes(entity.country)
            if codes:
                self.countries[entity.id] = codes
            for identifier in entity.identifiers:
                self.by_identifier.setdefault(identifier.key(), set()).add(entity.id)
            for name in entity.all_names():
                # An acronym is made up from a name and short; a weak alias is one its source says is
                # low quality or shared with others (Libya's "Revolutionary Guard Corps" is not the
                # IRGC): neither is enough to link an official record by.
                if name.kind in ("acronym", "weak_alias"):
                    continue
                key = name_key(name.value)
                if key:
                    self.by_name.setdefault(key, set()).add(entity.id)

    def by_names(self, names: Iterable[Name], kind: str) -> set[str]:
        """Entities of a kind `kind` may be (see `_KINDS_MATCHED`) holding any of `names` (normalised)."""
        kinds = _KINDS_MATCHED.get(kind, (kind,))
        out: set[str] = set()
        for name in names:
            out |= {e for e in self.by_name.get(name_key(name.value), ()) if self.kind.get(e) in kinds}
        return out


class Taken:
    """Entities records of the snapshot already hold, and on which lists: no candidates by name there.

    A record holds its entity on its designating lists (`designating_lists`); an entity given
    `everywhere` is taken whatever list a record is on (rule 5's conservative view).
    """

    def __init__(self, everywhere: Iterable[str] = ()) -> None:
        self.everywhere = set(everywhere)
        self.by_list: dict[str, set[str]] = {}

    def hold(self, entity_id: str, lists: Iterable[str]) -> None:
        """Record that a record on `lists` holds `entity_id`."""
        for list_id in lists:
            self.by_list.setdefault(list_id, set()).add(entity_id)

    def blocks(self, entity_id: str, lists: frozenset[str] | None) -> bool:
        """Whether `entity_id` is taken for a record on `lists` (None: on any list)."""
        if entity_id in self.everywhere:
            return True
        if lists is None:
            return any(entity_id in held for held in self.by_list.values())
        return any(entity_id in self.by_list.get(i, ()) for i in lists)


def link_records(
    records: Sequence[ListRecord],
    index: EntityIndex,
    previous: Mapping[str, str],
    prefix: str,
) -> IdentityResult:
    """Link every record to an entity following the module's rules; see the module docstring."""
    links: dict[str, Link] = {}
    ambiguous: list[str] = []
    for record in records:
        if record.key in previous:
            links[record.key] = Link(record.key, previous[record.key], "earlier snapshot")
            continue
        found: set[str] = set()
        for identifier in record.identifiers:
            found |= index.by_identifier.get(identifier.key(), set())
        if len(found) == 1:
            links[record.key] = Link(record.key, found.pop(), "identifier")
        elif found:
            ambiguous.append(f"{record.key}: identifiers match several entities: {', '.join(sorted(found))}")
    _drop_shared_identifier_links(links, ambiguous, {record.key: record for record in records})
    taken = Taken()
    by_key = {record.key: record for record in records}
    for link in links.values():
        taken.hold(link.entity_id, designating_lists(by_key[link.key]))
    unlinked = [r for r in records if r.key not in links and not _is_ambiguous(r.key, ambiguous)]
    by_name = _name_links(unlinked, index, taken, ambiguous)
    for link in by_name.values():
        taken.hold(link.entity_id, designating_lists(by_key[link.key]))
    links |= by_name
    links |= _gathered_links(records, links, taken, prefix, ambiguous)
    minted: list[Entity] = []
    for record in records:
        if record.key not in links:
            entity = _mint(record, prefix)
            minted.append(entity)
            links[record.key] = Link(record.key, entity.id, "new", _kept_apart(record, index))
    return IdentityResult(links, tuple(minted), tuple(ambiguous))


def _gathered_links(
    records: Sequence[ListRecord], links: Mapping[str, Link], taken: Taken, prefix: str, ambiguous: list[str]
) -> dict[str, Link]:
    """Rule 3 within a compilation's snapshot: its untyped records (kind `other`) that nothing
    linked, linked by name to the entity of one of its organisations from another gathered list.

    The CSL's Entity List row "Gazprom, OAO" and its SDN row for PJSC Gazprom (which names it so)
    are one designee's entries on two lists. Imported after OFAC's files, the untyped row joins
    OFAC's entity by name (rule 3) and the SDN row by number; imported before them, only this
    joins the two, so which entity a row lands on does not depend on what came first. The
    snapshot's organisations stand in as entities (one per entity they link to, or the entity
    to be minted for them), and rule 3 runs on them as on stored ones.
    """
    gathered = [r for r in records if any(_is_compilation(lists().get(i)) for i in r.list_ids)]
    untyped = [
        r
        for r in gathered
        if r.kind == "other" and r.key not in links and not _is_ambiguous(r.key, ambiguous)
    ]
    if not untyped:
        return {}
    names: dict[str, list[Name]] = {}
    keys: dict[str, list[str]] = {}
    countries: dict[str, list[str]] = {}
    for record in gathered:
        if record.kind != "organisation":
            continue
        target = links[record.key].entity_id if record.key in links else entity_id_for(prefix, record.key)
        names.setdefault(target, []).extend(_linking_names(record))
        keys.setdefault(target, []).append(record.key)
        if record.country:
            countries.setdefault(target, []).append(record.country)
    standing = EntityIndex(
        Entity(
            target, held[0].value, names=tuple(held[1:]), country="; ".join(countries.get(target, [])) or None
        )
        for target, held in names.items()
    )
    found = _name_links(untyped, standing, taken, ambiguous)
    return {
        key: replace(
            link,
            detail=f"its names match {', '.join(keys[link.entity_id])}, of another list the snapshot gathers",
        )
        for key, link in found.items()
    }


def _kept_apart(record: ListRecord, index: EntityIndex) -> str:
    """Why a record that names an entity the dataset keeps apart from it is not linked there ('' if none)."""
    numbers = [i.key() for i in record.identifiers if i.key() in index.apart]
    if not numbers or record.kind == "person":
        return ""
    named = index.by_names(with_variants(_linking_names(record)), record.kind)
    kept = sorted(e for key in numbers for e in index.apart[key] & named)
    if not kept:
        return ""
    return f"its names match {', '.join(kept)}, which the dataset keeps apart from {', '.join(numbers)}"


def _by_names(record: ListRecord, index: EntityIndex, taken: Taken) -> tuple[set[str], set[str], set[str]]:
    """Rule 3's candidates: the entities the primary name matches, those the record links to by
    name (the primary name's, or failing those, the aliases'), and those matched by name but
    placed in another state than the record (kept apart)."""
    here = country_codes(record.country)
    excluded = set().union(*(index.apart.get(i.key(), ()) for i in record.identifiers))
    lists = designating_lists(record)
    # Another row of a list writing a designee in several rows may hold the entity the record's
    # primary name matches: the record is one more of its rows (`_claim_winners`).
    lists_one_row = frozenset(i for i in lists if not _writes_several_rows(i))

    def blocked(entity_id: str, on: frozenset[str]) -> bool:
        # Two untyped entries may be one person, whom no name links: from two lists of a
        # compilation, they are not joined by name alone.
        untyped = record.kind == "other" and index.kind.get(entity_id) == "other"
        return taken.blocks(entity_id, None if untyped else on)

    def matching(names: Iterable[Name], on: frozenset[str] = lists) -> tuple[set[str], set[str]]:
        found = {
            e for e in index.by_names(with_variants(names), record.kind) - excluded if not blocked(e, on)
        }
        if not here:
            return found, set()
        elsewhere = {e for e in found if not here & index.countries.get(e, here)}
        return found - elsewhere, elsewhere

    primary: set[str] = set()
    apart: set[str] = set()
    if record.primary_stated:
        primary, apart = matching(record.names[:1], lists_one_row)
        if primary:
            return primary, primary, apart
    others, apart_too = matching(_linking_names(record))
    return primary, others, apart | apart_too


def _linking_names(record: ListRecord) -> list[Name]:
    """The record's names that may link it: all but its acronyms and weak aliases."""
    return [n for n in record.names if n.kind not in ("acronym", "weak_alias")]


def _shared_names(record: ListRecord, index: EntityIndex, entity_ids: Iterable[str]) -> dict[str, int]:
    """How many of the record's linking names (bracket variants folded in) each of `entity_ids` holds."""
    keys = {name_key(name.value) for name in with_variants(_linking_names(record))} - {""}
    return {e: sum(1 for key in keys if e in index.by_name.get(key, ())) for e in entity_ids}


def _own_name_holder(
    record: ListRecord, index: EntityIndex, found: set[str], by_primary: set[str]
) -> str | None:
    """Of several entities the record's primary name matches, the one whose own (canonical) name it is.

    An entity's own name is the strongest name evidence there is, and counting names can mislead
    where one entity absorbed a network's names: OFAC lists YASA PART with the names of ten Iranian
    front companies as aliases, and once its old text-list entry, filed under them alike, had
    joined the UK's IRAN SAFFRON COMPANY (two of its names), its 2019 entry YASA PART went there
    too (eleven names to one) rather than to the UK's YASA PART.
    """
    if len(found) < 2 or found != by_primary:
        return None
    keys = {name_key(name.value) for name in with_variants(record.names[:1])} - {""}
    owners = [entity_id for entity_id in found if index.canonical.get(entity_id) in keys]
    return owners[0] if len(owners) == 1 else None


def _dominant(shared: Mapping[str, int]) -> str | None:
    """The entity holding at least two of a record's names and at least twice as many as any other.

    One candidate sharing most of a record's names with it, the others one stray name each, is
    no real ambiguity: OFAC's old text list files Hizballah under its alias ANSAR ALLAH, which is
    the Houthis' name; the entry's other names (HIZBALLAH, PARTY OF GOD, ...) are Hizballah's.
    """
    ranked = sorted(shared.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < 2:
        return None
    best, count = ranked[0]
    if len(ranked) > 1 and count < 2 * ranked[1][1]:
        return None
    return best


@dataclass(frozen=True, slots=True)
class Relinks:
    """Rule 5's outcome: the records to move, and those whose names point elsewhere but stay."""

    # (record key, the entity minted for it, the entity rules 2-3 link it to)
    found: list[tuple[str, str, str]]
    # Each record whose names match another entity but stays on its minted entity: (the minted
    # entity, the other, the report line saying why).
    kept: list[tuple[str, str, str]]


def relinks(
    records: Sequence[ListRecord],
    index: EntityIndex,
    links: Mapping[str, Link],
    prefix: str,
    company: Mapping[str, Sequence[Name] | None] | None = None,
) -> Relinks:
    """Rule 5 for `records`, the records this snapshot is now the first of, kept on their minted
    entities by rule 1: which move to the entity rules 2-3 link them to.

    `company` gives, for a minted entity that other list entries joined since (by identifier or
    by name), the names those entries state (None: not all known). Such an entity is a group of
    records in its own right: a record found by name elsewhere takes the group with it only when
    the other entity holds at least two of its names and its companions do not hold two and twice
    as many; else one shared name would move a whole group. Imported newest first, the UN's ANSAR
    AL-ISLAM (QDe.098, Iraq) is joined by OFAC's entry of that name, 7472, with its Kurdish
    aliases; the UN's 2020 snapshot, then its first, shares one name, ANSAR AL-ISLAM, with OFAC's
    ANSARUL ISLAM (23803, Burkina Faso), which lists it as an alias, and twelve with 7472. It
    stays, and the report says why. The UN's AFGHAN SUPPORT COMMITTEE, joined by the UK's entry,
    shares four names with the EU's entry and six with the UK's: the three are one, and it moves.
    """
    taken = {link.entity_id for link in links.values()}
    minted = {record.key: entity_id_for(prefix, record.key) for record in records}
    mine = [
        record
        for record in records
        if record.key in links
        and links[record.key].how == "earlier snapshot"
        and links[record.key].entity_id == minted[record.key]
    ]
    targets: dict[str, str] = {}
    ambiguous: list[str] = []
    for record in mine:
        held = set().union(*(index.by_identifier.get(i.key(), set()) for i in record.identifiers)) - taken
        if len(held) == 1:
            targets[record.key] = next(iter(held))
        elif held:
            ambiguous.append(f"{record.key}: identifiers match several entities: {', '.join(sorted(held))}")
    by_identifier = dict(targets)
    _drop_shared_identifier_links(
        {key: Link(key, entity_id, "identifier") for key, entity_id in by_identifier.items()},
        ambiguous,
        {record.key: record for record in mine},
    )
    targets = {key: entity_id for key, entity_id in targets.items() if not _is_ambiguous(key, ambiguous)}
    claimed = Taken(taken | set(targets.values()))
    unlinked = [r for r in mine if r.key not in targets and not _is_ambiguous(r.key, ambiguous)]
    by_name = {key: link.entity_id for key, link in _name_links(unlinked, index, claimed, ambiguous).items()}
    kept: list[tuple[str, str, str]] = []
    by_key = {record.key: record for record in mine}
    for key, entity_id in sorted(by_name.items()):
        why = _kept_by_company(
            by_key[key], minted[key], entity_id, index, (company or {}).get(minted[key], ())
        )
        if why:
            kept.append((minted[key], entity_id, why))
        else:
            targets[key] = entity_id
    return Relinks(sorted((key, minted[key], entity_id) for key, entity_id in targets.items()), kept)


def lent_relinks(
    records: Sequence[tuple[ListRecord, str]],
    index: EntityIndex,
    company: Mapping[str, Sequence[Name] | None],
) -> Relinks:
    """Rule 5 the other way round: records of other lists that the names this snapshot gives
    existing entities would have linked, had it come in date order; which of them move, from the
    entity minted for them, to the entity their names now name.

    Each record comes rebuilt from its first snapshot (see the caller), with the entity minted for
    it; all its names count as aliases (the store keeps names, not which was the entry's own), so
    a record whose names match several entities stays where it is. `index` holds the entities the
    records' names match, with the names this snapshot gives them. A minted entity other entries
    joined since moves only as in `relinks` (`company`).
    """
    found: list[tuple[str, str, str]] = []
    kept: list[tuple[str, str, str]] = []
    for record, minted in records:
        linked = _name_links([record], index, Taken([minted]), [])
        if record.key not in linked:
            continue
        target = linked[record.key].entity_id
        why = _kept_by_company(record, minted, target, index, company.get(minted, ()))
        if why:
            kept.append((minted, target, why))
        else:
            found.append((record.key, minted, target))
    return Relinks(found, kept)


def _kept_by_company(
    record: ListRecord, minted: str, found: str, index: EntityIndex, company: Sequence[Name] | None
) -> str:
    """Why `record` stays on `minted`, the entity other entries joined, rather than move to `found`
    by its names ('' when it moves): see `relinks`."""
    if company is not None and not company:
        return ""
    elsewhere = _shared_names(record, index, [found])[found]
    if company is None:
        return (
            f"record {record.key}: its names match {found}, but {minted}, minted for it before, holds "
            "other entries whose names this store does not keep: not merged; if they are one, "
            f"`proscribe identity merge {minted} {found} --reason ...`"
        )
    theirs = {name_key(name.value) for name in with_variants(company)} - {""}
    mine = {name_key(name.value) for name in with_variants(_linking_names(record))} - {""}
    together = len(mine & theirs)
    if not together or (elsewhere >= 2 and _dominant({found: elsewhere, minted: together}) != minted):
        return ""
    return (
        f"record {record.key}: {elsewhere} of its names {'matches' if elsewhere == 1 else 'match'} {found}, "
        "but the other entries on "
        f"{minted}, minted for it before, share {together}: not merged; if they are one, "
        f"`proscribe identity merge {minted} {found} --reason ...`"
    )


def _name_links(
    records: Sequence[ListRecord], index: EntityIndex, taken: Taken, ambiguous: list[str]
) -> dict[str, Link]:
    """Rule 3 for `records` (people never link by name): the link of each record linked, by record key.

    An entity `taken` for the record's lists is no candidate. Of several candidates, one holding at
    least two of the record's names and at least twice as many as any other links (`most names`);
    otherwise they are reported in `ambiguous`. So is an entity several records claim (records of a
    compilation only when they come from one list it gathers), unless exactly one of them
    claims it by its primary name, or failing that, exactly one of them bears the entity's own
    name, or failing that, one of them holds at least two of its names and twice as many as any other.
    """
    by_primary: dict[str, set[str]] = {}
    candidates: dict[str, set[str]] = {}
    name_keys: dict[str, set[str]] = {}
    by_key = {record.key: record for record in records}
    details: dict[str, str] = {}
    owned: set[str] = set()  # records linked by their primary name being an entity's own
    for record in records:
        if record.kind == "person":
            continue
        name_keys[record.key] = {name_key(name.value) for name in with_variants(record.names)}
        by_primary[record.key], found, apart = _by_names(record, index, taken)
        if apart and not found:
            here = ", ".join(sorted(country_codes(record.country)))
            placed = ", ".join(f"{e} ({', '.join(sorted(index.countries[e]))})" for e in sorted(apart))
            ambiguous.append(
                f"{record.key}: names match {placed}, which its list places in other states than "
                f"the record's ({here}): kept apart"
            )
        own = _own_name_holder(record, index, found, by_primary[record.key])
        if own is not None:
            others = ", ".join(sorted(found - {own}))
            details[record.key] = (
                f"its primary name matches several entities; linked to {own}, whose own name it is "
                f"(another name of {others})"
            )
            found = {own}
            owned.add(record.key)
        if len(found) > 1:
            shared = _shared_names(record, index, found)
            best = _dominant(shared)
            if best is None:
                ambiguous.append(f"{record.key}: names match several entities: {', '.join(sorted(found))}")
                continue
            counts = ", ".join(f"{e} {shared[e]}" for e in sorted(found, key=lambda e: (-shared[e], e)))
            details[record.key] = (
                f"names match several entities; linked to {best}, which holds most ({counts})"
            )
            found = {best}
        candidates[record.key] = found
    claimants: dict[str, list[str]] = {}
    for key, found in candidates.items():
        for entity_id in found:
            claimants.setdefault(entity_id, []).append(key)
    gathered = {key: designating_lists(by_key[key]) for key in candidates}
    verdicts: dict[tuple[str, tuple[str, ...]], _Verdict] = {}
    linked: dict[str, Link] = {}
    for key, found in candidates.items():
        if not found:
            continue
        entity_id = next(iter(found))
        # Records of a compilation claim an entity apart when they come from different lists it gathers.
        rivals = tuple(k for k in claimants[entity_id] if gathered[k] & gathered[key])
        if (entity_id, rivals) not in verdicts:
            verdicts[entity_id, rivals] = _claim_winners(
                entity_id, rivals, by_primary, name_keys, by_key, index
            )
        verdict = verdicts[entity_id, rivals]
        if key in verdict.winners:
            detail = "; ".join(part for part in (details.get(key, ""), verdict.why) if part)
            how = "own name" if key in owned else "most names" if detail and not verdict.rows else "name"
            linked[key] = Link(key, entity_id, how, detail)
        else:
            listed = ", ".join(sorted(rivals))
            because = f" ({details[key]})" if key in details else ""
            ambiguous.append(f"{key}: entity {entity_id} is matched by several records: {listed}{because}")
    return linked


@dataclass(frozen=True, slots=True)
class _Verdict:
    """Which of the records claiming one entity by name link to it, and why, if disputed."""

    winners: frozenset[str]
    why: str = ""
    # The winners are one designee's rows on a list writing it in several (`several_rows`).
    rows: bool = False


def _claim_winners(
    entity_id: str,
    rivals: Sequence[str],
    by_primary: Mapping[str, set[str]],
    name_keys: Mapping[str, set[str]],
    by_key: Mapping[str, ListRecord],
    index: EntityIndex,
) -> _Verdict:
    """Which of the records claiming `entity_id` by name link to it (none: ambiguous for all).

    The only claimant; or the only one claiming it by its primary name; or every one claiming it
    by its primary name, or failing any, every one when all bear one primary name, when they are
    rows of one list writing a designee in several rows (`_rows_of_one_designee`: the Denied
    Persons List's 12 rows for AL NASER AIRLINES, an address each); or the only one bearing the
    entity's own name; or the one sharing at least two names with it, twice as many as any other.
    """
    if len(rivals) == 1:
        return _Verdict(frozenset(rivals))
    primary = [k for k in rivals if entity_id in by_primary.get(k, set())]
    if len(primary) == 1:
        return _Verdict(frozenset(primary))
    rows = _rows_of_one_designee(primary or rivals, by_key, same_name=not primary)
    if rows:
        return _Verdict(frozenset(primary or rivals), rows, rows=True)
    canonical = index.canonical.get(entity_id)
    named = [k for k in rivals if canonical in name_keys[k]]
    if len(named) == 1:
        return _Verdict(frozenset(named))
    shared = {k: _shared_names(by_key[k], index, [entity_id])[entity_id] for k in rivals}
    best = _dominant(shared)
    if best is None:
        return _Verdict(frozenset())
    counts = ", ".join(f"{k} {shared[k]}" for k in sorted(rivals, key=lambda k: (-shared[k], k)))
    return _Verdict(
        frozenset([best]),
        f"of the records claiming {entity_id} by name, this one holds most of its names ({counts})",
    )


def _rows_of_one_designee(keys: Sequence[str], by_key: Mapping[str, ListRecord], same_name: bool) -> str:
    """Why `keys` are one designee's rows on a list writing it in several (`several_rows`), or ''.

    They are when they all stand on such a list and either all name the entity by their primary
    names or (`same_name`) all bear one primary name: BIS's two Entity List rows for Ukraine
    Mediterranean Airlines, one per address, are one airline whichever of its names links it.
    """
    on = frozenset.intersection(*(designating_lists(by_key[k]) for k in keys))
    several = sorted(list_id for list_id in on if _writes_several_rows(list_id))
    if not several:
        return ""
    if same_name and len({name_key(by_key[k].names[0].value) for k in keys}) > 1:
        return ""
    named = "bearing one primary name" if same_name else "naming it by their primary names"
    on_lists = " and ".join(several)
    return f"one of {len(keys)} rows of {on_lists}, which writes a designee in several rows, {named}"


def _writes_several_rows(list_id: str) -> bool:
    found = lists().get(list_id)
    return found is not None and found.several_rows


def _drop_shared_identifier_links(
    links: dict[str, Link], ambiguous: list[str], records: Mapping[str, ListRecord]
) -> None:
    """Rule 2's proviso: records of one snapshot that an identifier would join into one entity are ambiguous.

    One list holds one record per designee, so two of its records reaching the same entity (both by
    identifiers, or one by an identifier and the other through an earlier snapshot) mean a shared or
    mistyped reference: each record linked by identifier is reported and minted its own entity
    instead. A link kept from an earlier snapshot stands (rule 1). A compilation holds a designee
    once per list it gathers: two of its records rival each other only when they come from one
    gathered list (the CSL's SDN row and SSI row for TEKHNOPROMEKSPORT, OFAC's 18962 and 18771,
    are one company on two lists).
    """
    claimants: dict[str, list[str]] = {}
    for link in links.values():
        claimants.setdefault(link.entity_id, []).append(link.key)
    for rivals in claimants.values():
        if len(rivals) < 2:
            continue
        gathered = {key: designating_lists(records[key]) for key in rivals}
        for key in sorted(rivals):
            link = links[key]
            sharing = sorted(other for other in rivals if gathered[other] & gathered[key])
            if link.how == "identifier" and len(sharing) > 1:
                del links[key]
                listed = ", ".join(sharing)
                ambiguous.append(f"{key}: entity {link.entity_id} is matched by several records: {listed}")


def designating_lists(record: ListRecord) -> frozenset[str]:
    """The lists on which `record` is its designee's one entry: its lists but the compilations
    gathering them (`DesignationList.compilation`), or all its lists when it is on compilations only."""
    return designating(record.list_ids)


def designating(list_ids: Iterable[str]) -> frozenset[str]:
    """`designating_lists` of a record on `list_ids`."""
    known = lists()
    on = frozenset(list_ids)
    return frozenset(list_id for list_id in on if not _is_compilation(known.get(list_id))) or on


def _is_compilation(found: DesignationList | None) -> bool:
    return found is not None and found.compilation


def names_lent(
    records: Sequence[ListRecord], result: IdentityResult
) -> tuple[dict[str, list[Name]], dict[str, list[Identifier]]]:
    """The names and identifiers records give the existing entities they link to (by entity id)."""
    names: dict[str, list[Name]] = {}
    identifiers: dict[str, list[Identifier]] = {}
    for record in records:
        link = result.links[record.key]
        if link.how == "new":
            continue
        names.setdefault(link.entity_id, []).extend(
            Name(n.value, "alias", n.script, n.lang) if n.kind == "primary" else n for n in record.names
        )
        identifiers.setdefault(link.entity_id, []).extend(record.identifiers)
    return names, identifiers


def _is_ambiguous(key: str, ambiguous: list[str]) -> bool:
    return any(message.startswith(f"{key}: ") for message in ambiguous)


def _mint(record: ListRecord, prefix: str) -> Entity:
    return Entity(
        id=entity_id_for(prefix, record.key),
        name=record.name,
        kind=record.kind,
        names=record.names[1:],
        identifiers=record.identifiers,
        country=record.country,
    )
