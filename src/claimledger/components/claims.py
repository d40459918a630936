"""claimledger_claims: the propositions that statements bear on, and their status in the article.

A statement bears on a claim when its stance is one that takes a position on a
proposition (assert, confirm, deny, ...; not praise or promise).  Statements are
grouped into one claim when their contents share enough *concepts*: actors
(by entity or country), places, and predicate/participant lemmas mapped through
the concept classes in data/claims.json.  A statement whose content points at
another actor's claim ("dismissed Russia's claims") joins that actor's claim.
A content that carries a number (a quantity) is its own proposition: the count
can be disputed apart from the event.

Status within the article: confirmed (a confirmation and no denial), disputed
(support and denial), denied (only denials), else reported.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from .. import extensions  # noqa: F401
from ..countries import country_code
from ..model import Claim, Statement, stable_id
from ..paths import DATA_DIR

MATCH_THRESHOLD = 0.5  # share of the smaller concept set two contents must have in common
MIN_SHARED = 2


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    with open(DATA_DIR / "claims.json", encoding="utf-8") as fh:
        vocab = json.load(fh)
    vocab["concept_of"] = {lemma: cls for cls, lemmas in vocab["concept_classes"].items() for lemma in lemmas}
    return vocab


@Language.factory("claimledger_claims")
def make_claims(nlp: Language, name: str):
    return ClaimsComponent()


class ClaimsComponent:
    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.cl_claims = build_claims(doc, list(doc._.cl_statements or []))
        except Exception:  # one odd document must not kill a batch
            doc._.cl_claims = []
        return doc


@dataclass
class _Group:
    statements: list[Statement] = field(default_factory=list)
    concepts: set[str] = field(default_factory=set)
    quantity: str | None = None
    speakers: set[str] = field(default_factory=set)


def build_claims(doc: Doc, statements: list[Statement]) -> list[Claim]:
    vocab = vocabulary()
    groups: list[_Group] = []
    for st in sorted(statements, key=lambda s: s.cue["start"]):
        if st.stance not in vocab["claim_stances"]:
            continue
        concepts = content_concepts(doc, st)
        quantity = _quantity_key(doc, st)
        group = _referenced_group(doc, st, groups) or _best_group(concepts, quantity, groups)
        if group is None:
            group = _Group(quantity=quantity)
            groups.append(group)
        group.statements.append(st)
        group.concepts |= concepts
        group.speakers |= _speaker_keys(st)
    claims = [_to_claim(doc, g) for g in groups]
    for claim, group in zip(claims, groups):
        for st in group.statements:
            st.claim_id = claim.id
    return claims


def content_concepts(doc: Doc, st: Statement) -> set[str]:
    """Concepts of a statement's content: actors, countries, places and predicate classes."""
    span = doc.char_span(st.content["start"], st.content["end"], alignment_mode="expand")
    if span is None:
        return set()
    concept_of = vocabulary()["concept_of"]
    concepts: set[str] = set()
    for tok in span:
        if tok.is_stop or tok.is_punct or tok.pos_ not in ("NOUN", "VERB", "PROPN", "ADJ"):
            continue
        lemma = tok.lemma_.lower()
        concepts.add(concept_of.get(lemma) or concept_of.get(tok.lower_) or f"lemma:{lemma}")
        code = country_code(tok.text) if tok.pos_ in ("PROPN", "ADJ") else None
        if code:
            concepts.add(f"country:{code}")
    concepts |= _actor_concepts(doc, span.start_char, span.end_char)
    concepts |= _place_concepts(doc, span)
    return concepts


def _actor_concepts(doc: Doc, start: int, end: int) -> set[str]:
    found = set()
    for ent in doc._.cl_entities or []:
        if any(start <= m.start < end for m in ent.mentions):
            found.add(f"actor:{ent.id}")
            if ent.country:
                found.add(f"country:{ent.country}")
    return found


def _place_concepts(doc: Doc, span) -> set[str]:
    places = doc._.cl_places or []
    found = {f"place:{p.geonames_id or p.name.lower()}" for p in places if span.start_char <= p.start < span.end_char}
    anaphors = set(vocabulary()["anaphoric_places"])
    refers_back = any(t.lower_ in anaphors and t.i > span.start and doc[t.i - 1].lower_ == "the" for t in span)
    if refers_back and not found:
        earlier = [p for p in places if p.end <= span.start_char]
        if earlier:
            p = earlier[-1]
            found.add(f"place:{p.geonames_id or p.name.lower()}")
    return found


def _quantity_key(doc: Doc, st: Statement) -> str | None:
    for q in doc._.cl_quantities or []:
        if st.content["start"] <= q.start < st.content["end"]:
            return f"{q.unit}"
    return None


def _speaker_keys(st: Statement) -> set[str]:
    if st.speaker is None:
        return set()
    keys = {st.speaker.name.lower()}
    if st.speaker.entity_id:
        keys.add(st.speaker.entity_id)
    return keys


def _referenced_group(doc: Doc, st: Statement, groups: list[_Group]) -> _Group | None:
    """'dismissed Russia's claims': the content names a claim noun owned by an actor who made one."""
    span = doc.char_span(st.content["start"], st.content["end"], alignment_mode="expand")
    if span is None:
        return None
    nouns = set(vocabulary()["reference_nouns"])
    for tok in span:
        if tok.lower_ not in nouns:
            continue
        owners = [c for c in tok.children if c.dep_ == "poss"]
        for owner in owners:
            keys = _owner_keys(doc, owner)
            for group in reversed(groups):
                if keys & group.speakers:
                    return group
    return None


def _owner_keys(doc: Doc, owner) -> set[str]:
    keys = {owner.text.lower()}
    code = country_code(owner.text)
    for ent in doc._.cl_entities or []:
        if any(m.start <= owner.idx < m.end for m in ent.mentions):
            keys |= {ent.id, ent.name.lower()}
        elif code and ent.country == code and ent.type == "government":
            keys |= {ent.id, ent.name.lower()}
    return keys


def _best_group(concepts: set[str], quantity: str | None, groups: list[_Group]) -> _Group | None:
    best, best_score = None, 0.0
    for group in groups:
        if group.quantity != quantity:
            continue
        shared = concepts & group.concepts
        if len(shared) < MIN_SHARED:
            continue
        score = len(shared) / max(1, min(len(concepts), len(group.concepts)))
        if score >= MATCH_THRESHOLD and score > best_score:
            best, best_score = group, score
    return best


def claim_status(statements: list[Statement]) -> str:
    vocab = vocabulary()
    stances = [_effective_stance(s) for s in statements]
    against = any(s in vocab["against_stances"] for s in stances)
    support = any(s in vocab["support_stances"] for s in stances)
    confirmed = any(s == "confirm" for s in stances)
    if against and support:
        return "disputed"
    if against:
        return "denied"
    if confirmed:
        return "confirmed"
    return "reported"


def _effective_stance(st: Statement) -> str:
    """A negated assertion ('said troops were not sent') stands against the proposition."""
    if st.negated and st.stance in ("assert", "claim"):
        return "deny"
    return st.stance


def _to_claim(doc: Doc, group: _Group) -> Claim:
    support = [s for s in group.statements if _effective_stance(s) in vocabulary()["support_stances"]]
    first = (support or group.statements)[0]
    text = _claim_text(first)
    return Claim(
        id=stable_id(doc._.article_id or doc.text[:200], "claim", first.cue["start"]),
        text=text,
        status=claim_status(group.statements),
        statement_ids=[s.id for s in group.statements],
        start=first.content["start"],
        end=first.content["end"],
        actors=sorted(c.split(":", 1)[1] for c in group.concepts if c.startswith("actor:")),
        places=sorted(c.split(":", 1)[1] for c in group.concepts if c.startswith("place:")),
        concepts=sorted(group.concepts),
        quantity=_quantity_of(doc, group.statements),
    )


def _quantity_of(doc: Doc, statements: list[Statement]) -> dict | None:
    for st in statements:
        for q in doc._.cl_quantities or []:
            if st.content["start"] <= q.start < st.content["end"]:
                return {"value": q.value, "unit": q.unit, "approximate": q.approximate, "country": q.country}
    return None


def _claim_text(st: Statement) -> str:
    text = st.content["text"].strip().strip("“”\"'‘’ ")
    for lead in ("that ", "That "):
        if text.startswith(lead):
            text = text[len(lead):]
    return text[:1].upper() + text[1:]
