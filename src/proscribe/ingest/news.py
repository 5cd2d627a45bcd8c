"""News ingest: extracted claims -> a news-tier Source plus event Claims -> one ClaimBatch per article.

Each article becomes one Source (kind "news": URL, outlet, publication date, sha256 of the text) and
one event Claim per extracted claim on a registry organisation (record key: the article's key, the
id of the document it was first read from, then the evidence span; evidence, span, rule and
confidence kept; known from the publication date). An undated listing ("X is banned in Y") in a
dated article is stored as a state claim: listed as of the publication date. The claim's list is
chosen by `list_for`. Claims on organisations the registry does not know are reported in the
batch's warnings and `unmapped` counts, not stored. All articles are written in one transaction.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import date
from typing import cast
from urllib.parse import urlsplit

from sqlalchemy import Connection

from proscribe import clock, vocab
from proscribe.errors import InputError
from proscribe.ingest.core import IngestReport, ingest_batch
from proscribe.model import Action, Claim, ClaimBatch, DesignationList, Entity, PartialDate, Source, source_id
from proscribe.news.document import Document, url_month
from proscribe.news.extract import ExtractedClaim, Extractor
from proscribe.news.rules import load_rules
from proscribe.store import Store, schema, withdrawals, writer


def list_for(
    jurisdiction: str,
    evidence: str,
    entity: Entity | None,
    held: Collection[str] = (),
    legal_basis: str | None = None,
) -> DesignationList | None:
    """The registry list a news claim is about, from the law it names or the wording of its evidence.

    Among the jurisdiction's lists: the one list made under the claim's law (`legal_basis`: a US
    designation under Executive Order 13224 is a Specially Designated Global Terrorist's, one under
    the Immigration and Nationality Act a Foreign Terrorist Organization's); else one of the kind the
    evidence names (extremist, sanctions, terrorist), preferring a list whose name mentions the
    organisation (the UN's "1988 Sanctions List (Taliban)"), then the one list of them the entity is
    already on (`held`: a person on the UN's 1267 list, removed "from its sanctions list"), then the
    first in registry order; the jurisdiction's first list otherwise.
    """
    candidates = vocab.lists_of(jurisdiction)
    if not candidates:
        return None
    under = _made_under(candidates, legal_basis)
    if under is not None:
        return under
    kinds = [kind for kind, words in load_rules().list_kinds if words.search(evidence)]
    for kind in kinds or ["terrorist"]:
        of_kind = [item for item in candidates if item.kind == kind]
        if of_kind:
            return _naming(of_kind, entity) or _the_one_held(of_kind, held) or of_kind[0]
    return _naming(candidates, entity) or _the_one_held(candidates, held) or candidates[0]


def _made_under(candidates: list[DesignationList], legal_basis: str | None) -> DesignationList | None:
    """The one list whose own legal basis the claim's laws name (or are part of: "Criminal Code" of
    "Criminal Code Act 1995 Division 102"); None when none or several are."""
    if not legal_basis:
        return None
    laws = [law.strip().casefold() for law in legal_basis.split(";") if law.strip()]
    made = [
        item
        for item in candidates
        if item.legal_basis
        and any(law in item.legal_basis.casefold() or item.legal_basis.casefold() in law for law in laws)
    ]
    return made[0] if len(made) == 1 else None


def _the_one_held(candidates: list[DesignationList], held: Collection[str]) -> DesignationList | None:
    on = [item for item in candidates if item.id in held]
    return on[0] if len(on) == 1 else None


def _naming(candidates: list[DesignationList], entity: Entity | None) -> DesignationList | None:
    if entity is None:
        return None
    names = [n.value.casefold() for n in entity.all_names() if len(n.value) > 3]
    return next((item for item in candidates if any(name in item.name.casefold() for name in names)), None)


def news_source(document: Document) -> Source:
    """The news-tier Source of one article (deterministic id from its URL or text hash)."""
    sha = hashlib.sha256(document.text.encode("utf-8")).hexdigest()
    uri = document.url or f"urn:sha256:{sha}"
    outlet = urlsplit(document.url).hostname if document.url else None
    return Source(
        id=source_id("news", uri, sha),
        kind="news",
        uri=uri,
        title=document.title or document.id,
        publisher=outlet,
        published_on=document.pub_date,
        sha256=sha,
    )


def news_batch(
    documents: Sequence[Document],
    extractor: Extractor,
    lists_held: Callable[[str], Collection[str]] = lambda _entity_id: (),
    keys: Mapping[str, str] | None = None,
) -> ClaimBatch:
    """Extract every document and build one batch of sources and claims.

    `lists_held(entity_id)` gives the lists the registry already has the entity on, so a report
    that names no regime goes to the list the entity is on. An article's claims are filed under
    one key (their record key: the key, then the evidence span): `keys` gives the key of each
    article held already (by source id), and an article new to the store takes the id of the
    first document of the batch with its text. So the same text read under another file name
    makes the same claims.
    """
    sources: list[Source] = []
    claims: list[Claim] = []
    warnings: list[str] = []
    unmapped: Counter[str] = Counter()
    filed = dict(keys or {})
    for document in documents:
        source = news_source(document)
        sources.append(source)
        key = filed.setdefault(source.id, document.id)
        known_from = _known_from(source)
        if source.published_on is None:
            warnings.append(
                f"{document.id}: no publication date (give --published, a pub_date, a dated URL or a "
                "dateline opening the text): "
                f"answers --as-of count its claims from {known_from}"
            )
        extracted = extractor.extract(document)
        warnings.extend(extractor.doubtful_dates(document, extracted))
        for found in extracted:
            if found.entity_id is None:
                unmapped[found.organisation] += 1
                warnings.append(
                    f"{document.id}: unknown organisation {found.organisation!r} ({found.action}, "
                    f"{found.jurisdiction}) not stored"
                )
                continue
            entity = extractor.orgs.entities.get(found.entity_id)
            claims.extend(_claims(found, source, entity, lists_held(found.entity_id), known_from, key))
    return ClaimBatch(tuple(sources), (), tuple(claims), tuple(warnings), dict(unmapped))


def _known_from(source: Source) -> date:
    """The first day proscribe could have known an article's claims, for answers `--as-of` a day.

    Its publication date; else the last day of the month its URL files it under (surely out by
    then); else the day it is imported. An undated article must not count as known since forever:
    "what did we know on K" would then show reports written long after K.
    """
    today = clock.today()
    if source.published_on is not None:
        return source.published_on
    month = url_month(source.uri)
    if month is not None and month.latest is not None:
        return min(month.latest, today)
    return today


def _claims(
    found: ExtractedClaim,
    source: Source,
    entity: Entity | None,
    held: Collection[str],
    known_from: date,
    key: str,
) -> list[Claim]:
    """The claims of one extracted act: one per list when the laws it names make several ("revoking the
    designations of X as a Foreign Terrorist Organization under the Immigration and Nationality Act and
    as a Specially Designated Global Terrorist pursuant to Executive Order 13224"), else one."""
    laws = [law.strip() for law in (found.legal_basis or "").split(";") if law.strip()]
    lists = [made for law in laws if (made := _made_under(vocab.lists_of(found.jurisdiction), law))]
    if len({item.id for item in lists}) < 2:
        return [
            _claim(
                found,
                source,
                list_for(found.jurisdiction, found.evidence, entity, held, found.legal_basis),
                known_from,
                key,
            )
        ]
    return [_claim(found, source, item, known_from, key) for item in dict.fromkeys(lists)]


def _claim(
    found: ExtractedClaim, source: Source, chosen: DesignationList | None, known_from: date, key: str
) -> Claim:
    assert found.entity_id is not None
    # A body's dated confirmation ("the court upheld the ban on 3 May") says the listing stands that
    # day: a state, not a new listing whose date would contradict the first one.
    confirmed = found.confirms and found.action == "list" and found.date is not None
    undated = found.date is None and found.action == "list" and source.published_on is not None
    stative = confirmed or undated
    when = PartialDate.day(source.published_on) if undated and source.published_on else found.date
    return Claim(
        kind="state" if stative else "event",
        state="listed" if stative else None,
        entity_id=found.entity_id,
        jurisdiction=found.jurisdiction,
        list_id=chosen.id if chosen else None,
        date=when or PartialDate.unknown(),
        source_id=source.id,
        record_key=f"{key}:{found.span[0]}-{found.span[1]}",
        action=None if stative else cast(Action, found.action),
        authority=found.authority,
        legal_basis=found.legal_basis,
        decider=found.decider,
        original=found.org_mention,
        evidence=found.evidence,
        span=found.span,
        rule=found.rule,
        confidence=found.confidence,
        known_from=known_from,
        tier=source.tier,
    )


def ingest_news(store: Store, documents: Sequence[Document]) -> IngestReport:
    """Extract and store every document in one transaction; the latest reading of an article is its word.

    Re-ingesting the same text with the same extractor adds nothing (claim ids are deterministic).
    Read again by an extractor that reads it differently (a later version; a registry that now
    knows the list the organisation is on), the claims the article gave before and no longer
    gives are set aside: stored, like every claim, and counted by no read at any `as_of`
    (`superseded_claims`, with the reason and when), so one article never argues with itself. A
    claim it gives again counts again. The report counts both and names each in its warnings.
    An article with no text is refused (InputError) and nothing of the run stored: it would be a
    source without a claim, which no list of documents shows (`document_from` refuses it first).
    """
    blank = [document.id for document in documents if not document.text.strip()]
    if blank:
        raise InputError(f"{', '.join(blank)}: no article text to read claims from; nothing was stored")
    store.require_initialised()
    reader = store.reader()
    extractor = Extractor(reader.entities())
    held = reader.sources_by_id(news_source(document).id for document in documents)
    documents = [_dated_as_held(document, held) for document in documents]
    reading = {news_source(document).id: document.id for document in documents}
    # Read again with another publication date (a mistyped --published put right; a date found
    # for an article stored undated): the article and its claims take it.
    redated = {
        source.id: (held[source.id].published_on, source.published_on)
        for source in map(news_source, documents)
        if source.id in held and source.published_on and source.published_on != held[source.id].published_on
    }

    @functools.cache
    def lists_held(entity_id: str) -> frozenset[str]:
        # What an article read before said must not steer how it is read now.
        claims = reader.claims(entity_id)
        return frozenset(c.list_id for c in claims if c.list_id and c.source_id not in reading)

    batch = news_batch(documents, extractor, lists_held, _keys_held(reader.record_keys_of(held)))
    changed: list[tuple[list[Claim], list[Claim]]] = []

    def supersede(conn: Connection) -> list[tuple[str, str]]:
        now = clock.now()
        reason = f"no longer read from the article (read again on {now.date().isoformat()})"
        scope = schema.claims.c.source_id.in_(sorted(reading))
        aside, restored = withdrawals.supersede_claims(conn, scope, {c.id for c in batch.claims}, reason, now)
        if aside or restored:
            marker = "\x1f".join(["news-reading", now.isoformat(), *(c.id for c in (*aside, *restored))])
            writer.note_change(conn, marker)
        changed.append((aside, restored))
        keys = [(claim.entity_id, claim.list_id or "") for claim in (*aside, *restored)]
        for redated_id, (_before, published_on) in sorted(redated.items()):
            assert published_on is not None
            keys += writer.redate_source(conn, redated_id, published_on)
        return keys

    report = ingest_batch(store, batch, extra=supersede)
    aside, restored = changed[0] if changed else ([], [])
    report.claims_superseded, report.claims_restored = len(aside), len(restored)
    report.warnings.extend(
        f"{reading[claim.source_id]}: no longer read from the article, set aside: {_told(claim)}"
        for claim in aside
    )
    report.warnings.extend(
        f"{reading[claim.source_id]}: read from the article again, counted again: {_told(claim)}"
        for claim in restored
    )
    report.sources_redated = len(redated)
    report.warnings.extend(
        f"{reading[redated_id]}: publication date now {after} "
        f"(stored {f'as {before}' if before else 'undated'}): answers --as-of count its claims from {after}"
        for redated_id, (before, after) in sorted(redated.items())
    )
    return report


def _keys_held(record_keys: Mapping[str, Sequence[tuple[str, bool]]]) -> dict[str, str]:
    """The key each held article's claims are filed under (by source id).

    A news claim's record key is the article's key, then the evidence span (`key:start-end`). The
    key of the claims that stand (not set aside by a later reading: counted, or rejected by an
    analyst, whose rejection must keep holding them) wins; the first in order on a tie.
    """
    out: dict[str, str] = {}
    for held_id, keys in record_keys.items():
        ranked = sorted((superseded, record_key.rpartition(":")[0]) for record_key, superseded in keys)
        if ranked and ranked[0][1]:
            out[held_id] = ranked[0][1]
    return out


def _dated_as_held(document: Document, held: Mapping[str, Source]) -> Document:
    """An article given no publication date this time keeps the one it was stored with.

    Without it, its undated listings would be read as of no day, and the report would warn that
    answers count its claims from today when they count them from the stored date.
    """
    stored = held.get(news_source(document).id)
    if document.pub_date is not None or stored is None or stored.published_on is None:
        return document
    return dataclasses.replace(document, pub_date=stored.published_on)


def _told(claim: Claim) -> str:
    """One line for a claim: what it asserts, of whom, where, when, and its id."""
    what = claim.action or f"{claim.state} (state)"
    where = claim.list_id or claim.jurisdiction
    return f"{what} of {claim.entity_id} on {where}, {claim.date.iso() or 'undated'} ({claim.id})"
