"""Which statements are about one proposition: predicates, arguments, references and sides.

Two statements are about one proposition when their contents share the *predicate* (the main
verb or event noun, mapped through the concept classes in data/claims/claims.json, so
"expelled" and "retake" match) and enough *arguments* (actors, countries, places and their
regions, participant classes such as military personnel).  A content that names another
actor's claim ("dismissed Russia's claims") joins that actor's claim; a statement whose cue
hangs under another's cue by a speaker of the same side joins the governing claim.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from claimledger.countries import country_code
from claimledger.model import Statement
from claimledger.pipeline.claims.vocabulary import vocabulary
from claimledger.stances import AGAINST, stance_side

# Two contents are about one proposition when they share at least MIN_SHARED_ARGUMENTS arguments
# and MATCH_THRESHOLD of the smaller argument set (the factory's default_config).
MATCH_THRESHOLD = 0.5
MIN_SHARED_ARGUMENTS = 2


@dataclass
class Member:
    statement: Statement
    predicates: set[str]
    arguments: set[str]
    concepts: set[str]
    side: str
    # the proposition the content states (proposition.proposition_span), None for a fragment
    proposition: Span | None = None


@dataclass
class Group:
    members: list[Member] = field(default_factory=list)
    quantity: str | None = None

    @property
    def statements(self) -> list[Statement]:
        return [m.statement for m in self.members]

    def speakers(self) -> set[str]:
        return set().union(*(speaker_keys(m.statement) for m in self.members))


def member_of(doc: Doc, st: Statement) -> Member:
    span = content_span(doc, st)
    concepts = content_concepts(doc, st) if span is not None else set()
    predicates = content_predicates(span) if span is not None else set()
    arguments = {c for c in concepts if c.split(":", 1)[0] in ("actor", "country", "place", "admin1", "name")
                 or c in vocabulary()["participant_classes"]}
    return Member(st, predicates, arguments, concepts, side_of(st))


def join(doc: Doc, member: Member, quantity: str | None, groups: list[Group], match_threshold: float,
          min_shared_arguments: int) -> tuple[Group | None, str | None]:
    referenced = referenced_group(doc, member.statement, groups)
    if referenced is not None:
        return referenced, None
    governing = governing_group(doc, member.statement, groups)
    if governing is not None:
        return governing
    return best_group(member, quantity, groups, match_threshold, min_shared_arguments), None


def content_span(doc: Doc, st: Statement) -> Span | None:
    return doc.char_span(st.content["start"], st.content["end"], alignment_mode="expand")


def content_concepts(doc: Doc, st: Statement) -> set[str]:
    """Concepts of a statement's content: actors, countries, places and lemma classes."""
    span = content_span(doc, st)
    if span is None:
        return set()
    concept_of = vocabulary()["concept_of"]
    concepts: set[str] = set()
    for tok in span:
        if tok.is_stop or tok.is_punct or tok.pos_ not in ("NOUN", "VERB", "PROPN", "ADJ"):
            continue
        lemma = tok.lemma_.lower()
        concepts.add(concept_of.get(lemma) or concept_of.get(tok.lower_) or f"lemma:{lemma}")
        code = _country_of(doc, tok) if tok.pos_ in ("PROPN", "ADJ") else None
        if code:
            concepts.add(f"country:{code}")
        elif tok.pos_ == "PROPN":  # a name the gazetteer or actor data did not resolve still identifies
            concepts.add(f"name:{tok.lower_}")
    concepts |= _actor_concepts(doc, span.start_char, span.end_char)
    concepts |= _place_concepts(doc, span)
    return concepts


def _country_of(doc: Doc, tok: Token) -> str | None:
    """The country a name or national adjective names; in an inflecting language by its lemma
    ("украинские" -> "украинский" -> UA, data/countries/ru/)."""
    code = country_code(tok.text)
    if code is None and doc.lang_ != "en" and tok.lemma_ != tok.text:
        code = country_code(tok.lemma_)
    return code


def content_predicates(span: Span) -> set[str]:
    """The content's predicate: its main verb(s) and event nouns in subject/object slots, as classes."""
    concept_of = vocabulary()["concept_of"]
    roots = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head.i == t.i]
    heads: list[Token] = []
    for root in roots:
        heads.append(root)
        heads.extend(t for t in root.children if t.dep_ == "conj" and t.pos_ == "VERB")
        heads.extend(t for t in root.children if t.dep_ in ("nsubj", "nsubjpass", "dobj") and t.pos_ == "NOUN"
                     and t.lemma_.lower() in concept_of)
    predicates = set()
    for tok in heads:
        lemma = tok.lemma_.lower()
        cls = concept_of.get(lemma) or concept_of.get(tok.lower_)
        if cls not in vocabulary()["participant_classes"]:
            predicates.add(cls or f"lemma:{lemma}")
    return predicates


def _actor_concepts(doc: Doc, start: int, end: int) -> set[str]:
    found = set()
    for ent in doc._.cl_entities or []:
        if any(start <= m.start < end for m in ent.mentions):
            found.add(f"actor:{ent.id}")
            if ent.country:
                found.add(f"country:{ent.country}")
    return found


def _place_concepts(doc: Doc, span: Span) -> set[str]:
    places = [p for p in doc._.cl_places or [] if span.start_char <= p.start < span.end_char]
    anaphors = set(vocabulary()["anaphoric_places"])
    refers_back = any(t.lower_ in anaphors and t.i > span.start and doc[t.i - 1].lower_ == "the" for t in span)
    if refers_back and not places:
        earlier = [p for p in doc._.cl_places or [] if p.end <= span.start_char]
        places = earlier[-1:]
    found = set()
    for p in places:
        found.add(f"place:{p.geonames_id or p.name.lower()}")
        if p.admin1:  # a city and its region are one place for matching: Kursk ~ Kursk region
            found.add(f"admin1:{p.admin1}")
    return found


def quantity_key(doc: Doc, st: Statement) -> str | None:
    for q in doc._.cl_quantities or []:
        if st.content["start"] <= q.start < st.content["end"]:
            return f"{q.unit}"
    return None


def speaker_keys(st: Statement) -> set[str]:
    if st.speaker is None:
        return set()
    keys = {st.speaker.name.lower()}
    if st.speaker.entity_id:
        keys.add(st.speaker.entity_id)
    return keys


def side_of(st: Statement) -> str:
    return "against" if stance_side(effective_stance(st)) == AGAINST else "for"


def referenced_group(doc: Doc, st: Statement, groups: list[Group]) -> Group | None:
    """'dismissed Russia's claims': the content names a claim noun owned by an actor who made one."""
    span = content_span(doc, st)
    if span is None:
        return None
    nouns = set(vocabulary()["reference_nouns"])
    for tok in span:
        if tok.lower_ not in nouns:
            continue
        for owner in (c for c in tok.children if c.dep_ == "poss"):
            keys = _owner_keys(doc, owner)
            for group in reversed(groups):
                if keys & group.speakers():
                    return group
    return None


def _owner_keys(doc: Doc, owner: Token) -> set[str]:
    keys = {owner.text.lower()}
    code = country_code(owner.text)
    for ent in doc._.cl_entities or []:
        if any(m.start <= owner.idx < m.end for m in ent.mentions):
            keys |= {ent.id, ent.name.lower()}
        elif code and ent.country == code and ent.type == "government":
            keys |= {ent.id, ent.name.lower()}
    return keys


def governing_group(doc: Doc, st: Statement, groups: list[Group]) -> tuple[Group, str] | None:
    """A statement whose cue hangs under another's cue in the same sentence, by a speaker of the
    same side, elaborates that statement: it joins its claim on the same side."""
    cue = doc.char_span(st.cue["start"], st.cue["end"], alignment_mode="expand")
    if cue is None or not len(cue) or st.speaker is None:  # the outlet's own voice has no cue
        return None
    cue_tokens = {}
    for group in groups:
        for m in group.members:
            for tok in doc.char_span(m.statement.cue["start"], m.statement.cue["end"], alignment_mode="expand") or []:
                cue_tokens[tok.i] = (group, m)
    tok = cue.root
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.i in cue_tokens:
            group, governor = cue_tokens[tok.i]
            if governor.statement.speaker and governor.statement.speaker.country == st.speaker.country:
                return group, governor.side
            return None
    return None


def best_group(member: Member, quantity: str | None, groups: list[Group], match_threshold: float,
                min_shared_arguments: int) -> Group | None:
    best, best_score = None, 0.0
    for group in groups:
        if group.quantity != quantity:
            continue
        for other in group.members:
            if not member.predicates & other.predicates:
                continue
            shared = member.arguments & other.arguments
            if len(shared) < min_shared_arguments:
                continue
            score = len(shared) / max(1, min(len(member.arguments), len(other.arguments)))
            if score >= match_threshold and score > best_score:
                best, best_score = group, score
    return best


def claim_status(statements: list[Statement]) -> str:
    """Status from the sides the statements take (a statement's own claim_side wins over its stance)."""
    sides = [s.claim_side or side_of(s) for s in statements]
    against = "against" in sides
    support = "for" in sides
    if against and support:
        return "disputed"
    if against:
        return "denied"
    if any(s.stance == "confirm" for s in statements):
        return "confirmed"
    return "reported"


def effective_stance(st: Statement) -> str:
    """A negated assertion ('said troops were not sent') stands against the proposition."""
    if st.negated and st.stance in ("assert", "claim"):
        return "deny"
    return st.stance


def settle_self_negation(group: Group) -> None:
    """A speaker cannot dispute themselves: a negated assertion stands against the claim only when
    someone else supports it; otherwise the negation is part of the proposition."""
    for m in group.members:
        if m.side == "against" and m.statement.stance in ("assert", "claim"):
            others = [o for o in group.members if o is not m and o.side == "for"
                      and not (speaker_keys(o.statement) & speaker_keys(m.statement))]
            if not others:
                m.side = "for"
