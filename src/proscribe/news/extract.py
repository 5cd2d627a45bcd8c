"""Extraction: one article in, designation claims out, each with its evidence sentence, span and rule.

Per sentence: triggers (patterns.py) state an act; modality.py decides whether it is stated,
proposed or denied, by whom and when; choose.py picks the organisations it acts on (with
enumerations expanded) and the jurisdictions whose lists change. With no organisation named, a
reference ("it", "the group") points to the article's last or main organisation, an act on unnamed
groups waits for a roster sentence to name them, and "this revocation" restates the last act. The
article keeps a little state across sentences (its first claim's jurisdiction, its last act) and a
dateline sets the day relative dates count from. A proposal records who decides it (deciders.py):
the body it is submitted to in its clause, or one the article says must decide it. Finally repeated
mentions of one act are merged (claims.merge). docs/extraction.md walks through every rule.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from proscribe.model import Entity, PartialDate
from proscribe.news.choose import (
    acts_forward,
    choose_jurisdictions,
    choose_orgs,
    extend_enumeration,
    has_part_object,
    is_origin,
    requesters,
)
from proscribe.news.claims import Analysed, DeciderHit, ExtractedClaim, keep_template, merge
from proscribe.news.dates import DateFinder
from proscribe.news.deciders import (
    DeciderNote,
    apply_notes,
    clause_decider,
    decided_by,
    decider_bodies,
    find_deciders,
    grants_act,
    in_sentence,
    notes,
    suppressed,
)
from proscribe.news.discourse import act_date, act_law, dateline, opening
from proscribe.news.document import Document, Sentence, fold, sentences
from proscribe.news.gazetteer import (
    JurisdictionGazetteer,
    Mention,
    OrgGazetteer,
    Spellings,
    apposition,
    branches,
    find_authorities,
    find_laws,
    generic_name,
    name_neighbours,
    same_name,
    unknown_orgs,
)
from proscribe.news.modality import (
    authority_of,
    country_programme,
    date_of,
    effective_date,
    legal_basis_of,
    modality,
    post_cue,
    refers_back,
    reported,
)
from proscribe.news.patterns import TriggerHit, clause_of, clauses, find_triggers
from proscribe.news.rules import load_rules
from proscribe.news.ruletypes import Rules
from proscribe.news.spans import inside_any, overlaps_any, without_possessor

__all__ = ["ExtractedClaim", "Extractor", "merge"]


# What a warning about a doubtful publication date asks, by where the date came from (Document.dated_by).
_DATE_QUESTIONS = {
    "given": "is the publication date (--published) right?",
    "dateline": "is the date of the dateline opening the text right?",
    "page": "is the publication date the article states right?",
}


class Extractor:
    """Turns documents into claims using the registry entities the caller supplies."""

    def __init__(self, entities: Iterable[Entity], rules: Rules | None = None) -> None:
        self.rules = rules or load_rules()
        self.places = JurisdictionGazetteer(self.rules)
        self.orgs = OrgGazetteer(
            entities,
            generic_name(self.rules, self.places),
            name_neighbours(self.rules, self.places),
            Spellings(self.rules.spellings),
        )
        self.dates = DateFinder(self.rules)

    def done_after(self, claim: ExtractedClaim, published: date | None) -> bool:
        """True when `claim` reports a decision as done on a day after `published`.

        An article cannot report as done what had not happened when it appeared, so its publication
        date (a mistyped `--published`, say) or the date read is wrong. An act the article reports
        as lying ahead ("will designate X on Tuesday", a future cue in the claim's rule) or dated by
        when it takes effect ("effective February 16") may well come later.
        """
        when = claim.date.earliest if claim.date else None
        if published is None or when is None or when <= published:
            return False
        if claim.action.startswith("propose_") or claim.effective:
            return False
        if self.rules.effective.search(fold(claim.evidence)):
            return False  # "Effective 16 November, X is removed": a day of effect, however worded
        future = {cue.id for cue in self.rules.cues if cue.kind == "future"}
        return not future.intersection(claim.rule.split("+")[1:])

    def doubtful_dates(self, document: Document, claims: Sequence[ExtractedClaim]) -> list[str]:
        """One line per claim of `document` reporting a decision as done after its publication date
        (`done_after`): that date, or the one read, must be wrong."""
        published = document.pub_date
        # Ask about the date where it came from: --published only decides when the article gives none.
        question = _DATE_QUESTIONS.get(document.dated_by or "given", _DATE_QUESTIONS["page"])
        return [
            f"{document.id}: reports a {claim.action} of {self.named(claim)} "
            f"({claim.jurisdiction}) on {claim.date.iso()} as done, after its publication date "
            f"{published}: {question} Answers --as-of count the claim from {published}"
            for claim in claims
            if claim.date is not None and self.done_after(claim, published)
        ]

    def named(self, claim: ExtractedClaim) -> str:
        """How a message names a claim's organisation: a registry entity by its display name
        ("Hamas"), one the registry does not hold by the article's words, quoted and said to be
        unknown ("the unknown organisation 'Foobar Liberation Front'")."""
        entity = self.orgs.entities.get(claim.entity_id) if claim.entity_id else None
        if entity is not None:
            return entity.name
        return f"the unknown organisation {claim.organisation!r}"

    def org_key_of(self, name: str) -> str:
        """The entity id a name (or its part before a bracket) denotes, else the folded name (for scoring)."""
        return self.orgs.lookup(name) or self.orgs.lookup(name.split(" (")[0]) or fold(name)

    def analyse(self, sentence: Sentence) -> Analysed:
        """Every mention, time expression and trigger of one sentence (offsets relative to it).

        Sentences with no trigger (and not naming a roster) only need their registry organisations,
        for salience, and their decider statements when a cheap test says they may hold one; the rest
        of the analysis is skipped for speed.
        """
        text = sentence.text
        folded = fold(text)
        known = branches(text, self.orgs.find(text), self.rules, self.places)
        triggers = find_triggers(folded, self.rules)
        if not triggers and not self.rules.roster.match(folded) and not self._names_a_similar_act(folded):
            return Analysed(sentence, folded, known, [], [], [], [], self._statements(text, folded, known))
        authorities = find_authorities(text, self.rules)
        laws = find_laws(text, self.rules)
        others = [
            m
            for m in unknown_orgs(text, known, self.rules)
            if not overlaps_any(m, authorities)
            and not overlaps_any(m, laws)
            and not apposition(m, known, text)
        ]
        places = self.places.find(text)
        others = [without_possessor(m, places) for m in others if not any(same_name(m, p) for p in places)]
        orgs = sorted(known + others, key=lambda m: m.start)
        places = [m for m in places if not overlaps_any(m, orgs)]
        authorities = [m for m in authorities if not overlaps_any(m, orgs)]
        triggers = [
            t
            for t in triggers
            if not inside_any(t.start, orgs)
            and (not t.rule.after_body or any(a.end <= t.start for a in authorities))
        ]
        times = self.dates.find(text)  # (a trigger, a roster or a similar act is in the sentence)
        origins = [p for p in places if not is_origin(p, text, orgs, triggers, self.rules)]
        deciders = find_deciders(
            text,
            folded,
            decider_bodies(text, authorities, orgs, self.rules),
            clauses(folded, self.rules),
            origins,
            triggers,
            self.rules,
        )
        laws = [m for m in laws if not overlaps_any(m, orgs)]
        return Analysed(sentence, folded, orgs, places, authorities, times, triggers, deciders, laws)

    def _names_a_similar_act(self, folded: str) -> bool:
        """True for a sentence about the last act done or proposed elsewhere ("Kazakhstan took a similar
        step"), which needs its states and dates though it has no trigger of its own."""
        rules = self.rules
        return any(p.search(folded) for p in (rules.similar_acts, rules.similar_proposed, rules.similar_done))

    def _statements(self, text: str, folded: str, known: list[Mention]) -> list[DeciderHit]:
        """Decider statements of a sentence with no trigger ("The order requires approval from
        Parliament"), looked for only when the sentence passes the rules' cheap prefilter."""
        if not self.rules.deciders.prefilter.search(folded):
            return []
        authorities = [m for m in find_authorities(text, self.rules) if not overlaps_any(m, known)]
        bodies = decider_bodies(text, authorities, known, self.rules)
        places = [p for p in self.places.find(text) if not is_origin(p, text, known, [], self.rules)]
        return find_deciders(text, folded, bodies, clauses(folded, self.rules), places, [], self.rules)

    def extract(self, document: Document) -> list[ExtractedClaim]:
        """All designation claims of one document, repeated mentions of one act merged."""
        analysed = [self.analyse(s) for s in sentences(document.text, self.rules)]
        _name_introduced_acronyms(analysed)
        counts = Counter(m.value for a in analysed for m in a.orgs if m.kind != "person")
        main = counts.most_common(1)[0][0] if counts else None
        place_counts = Counter(
            m.value
            for a in analysed
            if a.triggers
            for m in a.jurisdictions
            if not is_origin(m, a.sentence.text, a.orgs, a.triggers, self.rules)
        )
        state = _DocState(main=main, recent=None, jurisdiction=None)
        if place_counts:
            state.jurisdiction = place_counts.most_common(1)[0][0]
        else:
            state.jurisdiction = self._dateline_state(analysed)
        reference = dateline(self.rules, self.dates, analysed) or document.pub_date
        if reference != document.pub_date:
            document = Document(document.id, document.text, reference, document.url, document.title)
        claims: list[ExtractedClaim] = []
        pending: list[DeciderNote] = []
        for index, item in enumerate(analysed):
            following = analysed[index + 1] if index + 1 < len(analysed) else None
            state.previous = analysed[index - 1].sentence.text if index else None
            dated = act_date(self.rules, self.dates, document.pub_date, item, state.last)
            if dated is not None and dated.effective and dated.span[1] <= item.sentence.start:
                # The evidence runs on to the sentence that dates the act ("The decision took effect on
                # ..."), so a reader sees where the date comes from.
                span = (dated.span[0], item.sentence.end)
                dated = replace(dated, span=span, evidence=document.text[span[0] : span[1]])
            if dated is not None and state.last in claims:
                claims[claims.index(state.last)] = dated
                state.last = dated
            law = act_law(self.rules, item, state.last)
            if law is not None and state.last is not None:
                # The act just reported, on each organisation it named ("banned A and its affiliates B
                # and C. Invoking the UAPA to effect the ban, ..."): all of them were made under the law.
                act = state.last
                for position, claim in enumerate(claims):
                    if claim.legal_basis is None and _one_act(claim, act):
                        claims[position] = replace(claim, legal_basis=law)
                state.last = replace(act, legal_basis=law)
            state.named.update(m.value for m in item.orgs if m.kind != "person")
            spans = clauses(item.folded, self.rules) if item.triggers else []
            found = [
                c
                for position in range(len(item.triggers))
                for c in self._claims(document, item, following, position, spans, state)
            ]
            unnamed = [c for c in found if c.org_kind == "unnamed"]
            found = [c for c in found if c.org_kind != "unnamed"]
            if not item.triggers and state.last and self.rules.roster.match(item.folded):
                found = self._roster(item, state.last)
            last = found[-1] if found else state.last
            if last is not None and last.org_kind != "unnamed":
                # (after an act on organisations not named yet, "did the same" follows that one)
                found += self._similar(item, claims, found, document.pub_date)
            found = in_sentence(item, found)
            referent = state.referent()
            pending += notes(item, found, self.rules, referent, state.last, len(claims), self._org_key)
            claims.extend(found)
            if found:
                state.last = found[-1]
                state.first = state.first or found[0]
                state.group = list(dict.fromkeys(c.entity_id or c.organisation for c in found))
            elif item.triggers and state.last is not None and state.last.org_kind == "unnamed":
                state.last = self._restate(document, item, following, state.last)
            elif unnamed:
                state.last = keep_template(state.last, unnamed[-1])
            # "it", "the network": the organisation the sentence's last act was on, else the last one
            # it names, never a person (the minister who announced the act).
            groups = [m for m in item.orgs if m.kind != "person"]
            if found:
                state.recent = found[-1].entity_id or found[-1].organisation
            elif groups:
                state.recent = groups[-1].value
        return decided_by(merge(apply_notes(claims, pending)))

    def _dateline_state(self, analysed: list[Analysed]) -> str | None:
        """The state of the city or country a dateline opens the text with ("LONDON, 5 July 2025 --"):
        the article's own state when its act sentences name none."""
        first = opening(analysed)
        found = self.rules.dateline.match(first.sentence.text) if first is not None else None
        if found is None:
            return None
        place = _DATELINE_PLACE_END.split(found.group(0), maxsplit=1)[0].strip().title()
        code, kind = self.places.table.get(place, (None, None))
        return code if kind in ("capital", "city", "name") else None

    def _org_key(self, value: str) -> str:
        """The key (`ExtractedClaim.org_key`) of a claim made on an organisation mention's value."""
        return value if value in self.orgs.entities else fold(value)

    def _claims(
        self,
        document: Document,
        item: Analysed,
        following: Analysed | None,
        position: int,
        spans: list[tuple[int, int]],
        state: _DocState,
    ) -> list[ExtractedClaim]:
        hit = item.triggers[position]
        clause = clause_of(spans, hit.start)
        # Triggers are in text order and never overlap: the segment of this one runs from the end
        # of the trigger before it to the start of the one after it, within its clause. (Looking
        # only at the neighbours keeps a sentence of many triggers linear, not quadratic.)
        before = item.triggers[position - 1].end if position > 0 else clause[0]
        after = item.triggers[position + 1].start if position + 1 < len(item.triggers) else clause[1]
        segment = (max(clause[0], before), min(clause[1], after))
        if item.sentence.text.rstrip("\"'”’) ").endswith("?"):
            return []  # a question asserts nothing
        if refers_back(self.rules, item, hit):
            return []
        post = post_cue(self.rules, item, hit, clause)
        if post is not None and post.kind in ("negate", "speculate"):
            return []
        # "it will now join A and B in designating X": the subject's act is as the clause of "join" says
        # (here a proposal), and A and B, who have done it, are not the subject (`_joined_claims`).
        joined = self._joined(item, hit)
        verb, joined_places = joined if joined is not None else (hit, [])
        verb_clause = clause_of(spans, verb.start) if joined is not None else clause
        action, future, cue_id = modality(self.rules, item, following, verb, verb_clause)
        if action is None:
            return []
        if action.startswith("propose_") and suppressed(item, clause):
            # A rule of procedure ("X can be removed only by decision of the court"), not a proposal; an
            # act the clause states ("the court banned X because only the court can") still counts.
            return []
        if country_programme(self.rules, item, hit):
            return []
        tied = self._tied(item, state, cue_id)
        if tied is not None:
            action, future = hit.rule.action, True
        blocked = item.jurisdictions + item.authorities
        orgs = choose_orgs(
            item.sentence.text, item.folded, item.orgs, hit, clause, segment, self.rules, blocked
        )
        confidence = hit.rule.confidence
        act = self._act_reference(item, hit, clause, state)
        if not orgs and act is not None:
            # "this revocation", "that decision": the act the article just reported.
            return self._restated(document, item, following, hit, clause, segment, act, action, future)
        if not orgs and has_part_object(item.sentence.text, item.orgs, hit, segment, self.rules):
            return []  # the act is on a part of an organisation ("Hamas' military wing")
        if not orgs:
            anaphor = self._anaphor(item, hit, clause, segment) or _ban_reference(item, hit)
            # A reference binds to an organisation its own sentence named before it ("X has challenged
            # a tribunal confirming the ban imposed on it") before one an earlier sentence named.
            own = [m for m in item.orgs if anaphor is not None and m.kind == "known" and m.end <= anaphor[0]]
            referent = own[-1].value if own else state.referent()
            # "lifted the ban on six groups", "declared 14 organisations unlawful associations"
            unnamed = self.rules.unnamed.search(item.folded, hit.end, segment[1]) or (
                None
                if hit.rule.org == "after"
                else self.rules.unnamed.search(item.folded, segment[0], hit.start)
            )
            if anaphor is not None and referent is not None:
                text = item.sentence.text[anaphor[0] : anaphor[1]]
                # "The US designated A and B. Canada is considering listing the cartels": each of them.
                group = (
                    state.group if not own and len(state.group) > 1 and _PLURAL.search(text) else [referent]
                )
                orgs = [Mention(anaphor[0], anaphor[1], text, value, "anaphor") for value in group]
                confidence *= 0.85
            elif unnamed is not None:
                # "lifted the ban on six groups": no one named yet; a roster sentence may name them.
                orgs = [Mention(unnamed.start(), unnamed.end(), unnamed.group(0), "", "unnamed")]
            else:
                return []
        authority = authority_of(item, hit, clause)
        running = state.first.jurisdiction if state.first else None
        if joined is None:
            places = choose_jurisdictions(
                item.sentence.text, item, hit, clause, segment, authority, running, self.rules
            )
        else:
            subject = replace(item, jurisdictions=[p for p in item.jurisdictions if p not in joined_places])
            places = choose_jurisdictions(
                item.sentence.text, subject, verb, verb_clause, verb_clause, authority, running, self.rules
            )
        if not places:
            # The article's own designating state; never the organisation's home country, which says
            # where it comes from, not who designates it.
            if state.jurisdiction is None or state.jurisdiction in requesters(
                item.sentence.text, item, self.rules
            ):
                return []
            places = [state.jurisdiction]
            confidence *= 0.8
        if post is not None and post.kind == "propose" and not action.startswith("propose_"):
            # "subject to parliamentary approval": an order laid, dated as a proposal is.
            action, future, cue_id = (
                ("propose_list" if action == "list" else "propose_delist"),
                False,
                post.id,
            )
        when = (
            tied.date
            if tied
            else date_of(self.rules, document.pub_date, item, following, hit, clause, segment, action, future)
        )
        took_effect = None if tied else effective_date(self.rules, document.pub_date, item, hit, action)
        rule = hit.rule.id if cue_id is None else f"{hit.rule.id}+{cue_id}"
        speaker = self._quote_speaker(item, state.previous) if authority is None else None
        absorbed = cue_id is not None and any(c.id == cue_id and c.absorbed for c in self.rules.cues)
        out: list[ExtractedClaim] = []
        for org in orgs:
            entity = self.orgs.entities.get(org.value)
            for place in places:
                credited = authority_of(item, hit, clause, place, owner=org.value) or speaker
                basis = legal_basis_of(self.rules, item, hit, clause, place)
                decider = clause_decider(item, clause, place) if action.startswith("propose_") else None
                claim = ExtractedClaim(
                    doc_id=document.id,
                    jurisdiction=place,
                    organisation=entity.name if entity else org.value,
                    entity_id=entity.id if entity else None,
                    org_mention=org.text,
                    org_kind="known" if entity else org.kind,
                    action=action,
                    date=when,
                    authority=credited.value if credited else None,
                    evidence=item.sentence.text,
                    span=(item.sentence.start, item.sentence.end),
                    rule=rule,
                    confidence=confidence * (1.0 if entity else 0.85),
                    absorbed=absorbed,
                    decider=decider.body.value if decider else None,
                    decider_kind=decider.rule.kind if decider else None,
                    effective=took_effect is not None and not action.startswith("propose_"),
                    confirms=hit.rule.confirms,
                    entry=hit.rule.entry,
                    legal_basis=basis,
                )
                out.append(claim)
                if decider is not None and grants_act(item, decider):
                    # "The court granted the prosecutor's request to exclude X": the court's act too.
                    decided = hit.rule.action
                    out.append(
                        replace(
                            claim,
                            action=decided,
                            date=date_of(
                                self.rules,
                                document.pub_date,
                                item,
                                following,
                                hit,
                                clause,
                                segment,
                                decided,
                                False,
                            ),
                            authority=decider.body.value,
                            rule=f"{hit.rule.id}+granted",
                            confidence=claim.confidence * 0.9,
                            absorbed=False,
                            decider=None,
                            decider_kind=None,
                        )
                    )
        return out + self._joined_claims(out, joined_places)

    def _quote_speaker(self, item: Analysed, previous: str | None) -> Mention | None:
        """The body of the speaker of a quotation a pronoun says ('"X may be removed," he said.'): the one
        body the sentence before names in the subject of its reporting verb ("Deputy head of the State
        Commission, A. B., said ..."), else None. (Its offsets are the sentence before's.)"""
        if previous is None or not self.rules.quote_speaker[0].search(item.folded):
            return None
        found = self.rules.quote_speaker[1].match(fold(previous))
        if found is None:
            return None
        bodies = {
            (m.value, m.kind): m
            for m in find_authorities(previous, self.rules)
            if m.end <= found.end("subject")
        }
        return next(iter(bodies.values())) if len(bodies) == 1 else None

    def _joined(self, item: Analysed, hit: TriggerHit) -> tuple[TriggerHit, list[Mention]] | None:
        """The verb "join" and the states it joins, when the trigger ends "join A and B in ...ing" ("it will
        join Britain and the US in designating X", references.yaml `joined`), else None."""
        found = self.rules.joined.search(item.folded, max(0, hit.start - 240), hit.start)
        if found is None:
            return None
        places = [
            p
            for p in item.jurisdictions
            if found.start("states") <= p.start < found.end("states")
            and not is_origin(p, item.sentence.text, item.orgs, item.triggers, self.rules)
        ]
        if not places:
            return None
        return TriggerHit(found.start("verb"), found.end("verb"), hit.rule), places

    def _joined_claims(self, out: list[ExtractedClaim], places: list[Mention]) -> list[ExtractedClaim]:
        """The act of the states a subject joins ("joined A and B in listing X"), stated as done: by no
        body the sentence names, on no date it gives (it dates the subject's act)."""
        claims = [c for c in out if c.rule.split("+")[-1] != "granted"]
        seen: set[tuple[str, str]] = set()
        extra: list[ExtractedClaim] = []
        for claim in claims:
            for place in places:
                if (place.value, claim.organisation) in seen or place.value == claim.jurisdiction:
                    continue
                seen.add((place.value, claim.organisation))
                extra.append(
                    replace(
                        claim,
                        jurisdiction=place.value,
                        action=claim.action.removeprefix("propose_"),
                        date=None,
                        authority=None,
                        legal_basis=None,
                        decider=None,
                        decider_kind=None,
                        effective=False,
                        absorbed=False,
                        rule=f"{claim.rule.split('+')[0]}+joined",
                        confidence=claim.confidence * 0.8,
                    )
                )
        return extra

    def _similar(
        self,
        item: Analysed,
        claims: list[ExtractedClaim],
        found: list[ExtractedClaim],
        published: date | None,
    ) -> list[ExtractedClaim]:
        """Claims for "similar steps are being discussed in X" and "X is considering the same move": the
        last act, proposed in X; for "X took a similar step in December 2023": the last act, done in X
        (dated by the sentence).

        The act followed is the last one another state did ("Russia, which has listed X since 2020, said
        it would follow suit" follows the act before Russia's), or the last one of the state the phrase
        names ("followed Washington's lead").
        """
        times = [t for t in item.times if not reported(self.rules, item, t)]

        def when(position: int) -> PartialDate | None:
            # The time after the phrase ("X removed it in December 2023, and Y did the same in September
            # 2024"), else the sentence's first.
            after = [t for t in times if t.start >= position]
            chosen = after[0] if after else (times[0] if times else None)
            return chosen.resolve(published) if chosen else None

        similar: list[tuple[ExtractedClaim, str, str, PartialDate | None]] = []  # (act, state, action, date)

        def earlier(position: int) -> list[ExtractedClaim]:
            # The sentence's own acts come before the phrase only when a trigger does ("Canada
            # followed in 2002, and Britain banned X in 2019" follows the act before the sentence).
            before = any(h.start < position for h in item.triggers)
            return [*claims, *found] if before else claims

        for pattern, done in ((self.rules.similar_proposed, False), (self.rules.similar_done, True)):
            for match in pattern.finditer(item.folded):
                subject = [p for p in item.jurisdictions if p.end <= match.start()]
                named = [p.value for p in item.jurisdictions if match.start() <= p.start < match.end()]
                if not subject:
                    continue
                act = _followed(earlier(match.start()), {subject[-1].value}, named[-1] if named else None)
                if act is not None:
                    action = act.action.removeprefix("propose_") if done else _proposed(act.action)
                    similar.append((act, subject[-1].value, action, when(match.start()) if done else None))
        for match in self.rules.similar_acts.finditer(item.folded):
            places = [p.value for p in item.jurisdictions if match.start() <= p.start < match.end()]
            act = _followed(earlier(match.start()), set(places), None) if places else None
            if act is not None:
                similar += [(act, place, _proposed(act.action), None) for place in places]
        return [
            replace(
                act,
                jurisdiction=state,
                action=action,
                date=day,
                authority=None,
                decider=None,
                decider_kind=None,
                legal_basis=None,
                evidence=item.sentence.text,
                span=(item.sentence.start, item.sentence.end),
                rule="similar-act",
                confidence=act.confidence * 0.7,
                effective=False,
            )
            for act, state, action, day in similar
        ]

    def _restate(
        self, document: Document, item: Analysed, following: Analysed | None, last: ExtractedClaim
    ) -> ExtractedClaim:
        """A sentence restating an act on unnamed organisations may date it or name its authority."""
        for hit in item.triggers:
            if hit.rule.action in last.action:
                clause = clause_of(clauses(item.folded, self.rules), hit.start)
                when = date_of(
                    self.rules, document.pub_date, item, following, hit, clause, clause, last.action, False
                )
                authority = authority_of(item, hit, clause, last.jurisdiction)
                basis = legal_basis_of(self.rules, item, hit, clause, last.jurisdiction)
                return replace(
                    last,
                    date=last.date or when,
                    authority=last.authority or (authority.value if authority else None),
                    legal_basis=last.legal_basis or basis,
                )
        return last

    def _roster(self, item: Analysed, last: ExtractedClaim) -> list[ExtractedClaim]:
        """Claims for a sentence listing the members of the group the previous act concerned."""
        named = [m for m in item.orgs if m.kind != "person"]
        if not named:
            return []
        named = extend_enumeration(
            named, item.sentence.text, item.jurisdictions + item.authorities + named, self.rules
        )
        if len(named) < 2:
            return []
        out = []
        for org in named:
            entity = self.orgs.entities.get(org.value)
            out.append(
                replace(
                    last,
                    organisation=entity.name if entity else org.value,
                    entity_id=entity.id if entity else None,
                    org_mention=org.text,
                    org_kind="known" if entity else org.kind,
                    evidence=item.sentence.text,
                    span=(item.sentence.start, item.sentence.end),
                    rule=f"{last.rule}+roster",
                    confidence=last.confidence * 0.8,
                )
            )
        return out

    def _tied(self, item: Analysed, state: _DocState, cue_id: str | None) -> ExtractedClaim | None:
        """The dated decision a future act is tied to ("Along with the removal, X will designate Y")."""
        last = state.last
        future = any(c.id == cue_id and c.kind == "future" for c in self.rules.cues)
        if not future or last is None or last.date is None or last.action.startswith("propose_"):
            return None
        return last if self.rules.act_ties.match(item.folded) else None

    def _anaphor(
        self, item: Analysed, hit: TriggerHit, clause: tuple[int, int], segment: tuple[int, int]
    ) -> tuple[int, int] | None:
        """A reference to an organisation ("it", "the group") the trigger governs, not a capitalised name."""
        forward = acts_forward(item.folded, hit)
        start = hit.start if forward else clause[0]
        for match in self.rules.anaphors.finditer(item.folded, start, segment[1]):
            words = item.sentence.text[match.start() : match.end()].split()
            if len(words) > 1 and words[-1][:1].isupper():
                continue  # "the Foreign Terrorist Organization" is a name, not a reference
            if any(m.start < match.end() and match.start() < m.end for m in item.orgs):
                continue  # "the Islamic State group": a name with its head noun
            if self.rules.part_nouns.match(item.folded[match.end() : match.end() + 60]):
                continue  # "the group's military wing", "its leaders": a part of it, not the group
            copula = _COPULA.match(item.folded, match.end())
            if len(words) == 1 and match.end() <= hit.start and copula is None:
                continue  # "they are developing ..." is the subject of another verb
            if len(words) == 1 and match.start() >= hit.end and (not forward or match.start() - hit.end > 25):
                continue  # a pronoun after a noun, or far after a verb, belongs to something else
            return match.start(), match.end()
        return None

    def _act_reference(
        self, item: Analysed, hit: TriggerHit, clause: tuple[int, int], state: _DocState
    ) -> ExtractedClaim | None:
        """The article's last claim, when the trigger sits in a demonstrative reference to an act."""
        if state.last is None or state.last.org_kind == "unnamed":
            return None
        start = max(clause[0], hit.start - 30)
        for match in self.rules.act_anaphors.finditer(item.folded[: hit.end], start):
            if match.start() <= hit.start < match.end():
                return state.last
        return None

    def _restated(
        self,
        document: Document,
        item: Analysed,
        following: Analysed | None,
        hit: TriggerHit,
        clause: tuple[int, int],
        segment: tuple[int, int],
        act: ExtractedClaim,
        action: str,
        future: bool,
    ) -> list[ExtractedClaim]:
        """A restatement of an earlier act, which may add its date (merged later with the act)."""
        if action.removeprefix("propose_") != act.action.removeprefix("propose_"):
            return []
        when = date_of(
            self.rules, document.pub_date, item, following, hit, clause, segment, act.action, future
        )
        took_effect = effective_date(self.rules, document.pub_date, item, hit, act.action)
        basis = legal_basis_of(self.rules, item, hit, clause, act.jurisdiction)
        span = (item.sentence.start, item.sentence.end)
        rule = f"{hit.rule.id}+act-reference"
        return [
            replace(
                act,
                date=when or act.date,
                legal_basis=act.legal_basis or basis,
                effective=took_effect is not None or (when is None and act.effective),
                evidence=item.sentence.text,
                span=span,
                rule=rule,
            )
        ]


def _one_act(claim: ExtractedClaim, act: ExtractedClaim) -> bool:
    """True for a claim the same act made (same state, action and date; the act's sentence or its roster)."""
    return (claim.jurisdiction, claim.action, claim.date) == (act.jurisdiction, act.action, act.date) and (
        claim.span == act.span or claim.rule == f"{act.rule}+roster"
    )


# Where a dateline's place ends: "NEW DELHI:", "ASTANA, June 3", "MOSCOW (AP) --".
_DATELINE_PLACE_END = re.compile(r"\s*(?:,|:|\(|--|—|–|\s-\s)")
# A removal of "the ban" or "its designation" names no organisation: it undoes the ban just reported
# ("Pakistan banned X in April but lifted the ban in November").
_BAN_REFERENCE = re.compile(
    r"\b(?:the|its|their|this|that)\s+(?:[\w-]+\s+)?(?:ban|bans|designation|designations|listing|proscription)$"
)
# ... or right after it ("suspended the ban").
_BAN_AFTER = re.compile(
    r"\s+(?:the|its|their|this|that)\s+(?:[\w-]+\s+)?(?:ban|bans|designation|designations|listing|proscription)\b"
)


def _ban_reference(item: Analysed, hit: TriggerHit) -> tuple[int, int] | None:
    """The span of "the ban" a removal or a confirmation governs ("lifted the ban", "suspended the ban",
    "the tribunal confirmed the ban") when no one is named after it."""
    if hit.rule.action not in ("delist", "suspend") and not hit.rule.confirms:
        return None
    inside = _BAN_REFERENCE.search(item.folded, hit.start, hit.end)
    after = None if inside else _BAN_AFTER.match(item.folded, hit.end)
    found = inside or after
    if found is None:
        return None
    governed = re.match(r"\s+(?:on|of|against|for|imposed)\s+", item.folded[found.end() : found.end() + 14])
    if governed and not any(t.start == found.end() + governed.end() for t in item.times):
        return None  # "lifted the ban on six groups": the ban of whoever follows ("on April 17" is a date)
    start = found.start() + (len(found.group(0)) - len(found.group(0).lstrip()))
    return start, found.end()


@dataclass(slots=True)
class _DocState:
    """What extraction remembers across one article's sentences."""

    main: str | None
    recent: str | None
    jurisdiction: str | None
    last: ExtractedClaim | None = None
    first: ExtractedClaim | None = None
    group: list[str] = field(default_factory=list)  # the organisations of the last sentence's claims
    named: set[str] = field(default_factory=set)  # the organisations named so far
    previous: str | None = None  # the text of the sentence before the one being read

    def referent(self) -> str | None:
        """What "it" or "the group" points to with no organisation before it in its sentence: the last
        one an act was on or named, else the article's most frequent one once it has been named (a
        reference never points ahead to an organisation only named later)."""
        return self.recent or (self.main if self.main in self.named else None)


# An unknown organisation introduced with its acronym: "Tehreek-e-Labbaik Pakistan (TLP)".
_INTRODUCED_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9-]{1,8})\)$")


def _name_introduced_acronyms(analysed: list[Analysed]) -> None:
    """Mark, in every sentence, the acronym an unknown organisation was introduced with ("Tehreek-e-Labbaik
    Pakistan (TLP)" ... "The TLP was added to the list"): the same organisation, as the article says."""
    named: dict[str, str] = {}
    for item in analysed:
        for mention in item.orgs:
            found = _INTRODUCED_ACRONYM.search(mention.text) if mention.kind == "unknown" else None
            if found is not None:
                named.setdefault(found.group(1), mention.value)
    if not named:
        return
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, named)) + r")(?![\w-])")
    for item in analysed:
        taken = item.orgs + item.jurisdictions + item.authorities
        added = [
            Mention(m.start(), m.end(), m.group(0), named[m.group(0)], "unknown")
            for m in pattern.finditer(item.sentence.text)
            if not any(o.start < m.end() and m.start() < o.end for o in taken)
        ]
        if added:
            item.orgs[:] = sorted(item.orgs + added, key=lambda m: m.start)


# A reference to several organisations: "they", "them", "these groups", "the cartels".
_PLURAL = re.compile(r"^(?:they|them)$|s$", re.IGNORECASE)


_COPULA = re.compile(
    r"\s+(?:also\s+|still\s+|now\s+)?(?:is|are|was|were|has been|have been|had been|will be|would be|be)"
    r"\s+(?:[\w-]+\s+)?[\w-]+(?:ed|en|wn)\b"
)


def _followed(earlier: list[ExtractedClaim], states: set[str], named: str | None) -> ExtractedClaim | None:
    """The act a "same step" phrase refers to: the last one of the state it names, else the last one
    done outside `states` (the states said to follow it)."""
    acts = [c for c in earlier if c.org_kind != "unnamed"]
    if named is not None and named not in states:
        own = [c for c in acts if c.jurisdiction == named]
        if own:
            return own[-1]
    others = [c for c in acts if c.jurisdiction not in states]
    return others[-1] if others else None


def _proposed(action: str) -> str:
    """The proposal of the same kind as an act ("delist" -> "propose_delist")."""
    return "propose_delist" if action in ("delist", "suspend", "propose_delist") else "propose_list"
