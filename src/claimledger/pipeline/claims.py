"""claimledger_claims: the propositions that statements bear on, and their status in the article.

A statement bears on a claim when its stance is one that takes a position on a
proposition (assert, confirm, deny, ...; not praise or promise).  Two statements
are about one proposition when their contents share the *predicate* (the main
verb or event noun, mapped through the concept classes in data/claims/claims.json, so
"expelled" and "retake" match) and enough *arguments* (actors, countries,
places and their regions, participant classes such as military personnel).
Besides that:

- a statement whose content points at another actor's claim ("dismissed
  Russia's claims") joins that actor's claim;
- a statement that elaborates another in the same sentence by a speaker of the
  same side ("Kyiv denied ..., with Zelensky stressing that ...") joins the
  governing statement's claim on the same side;
- a content that carries a number is its own proposition: the count can be
  disputed apart from the event.

Status within the article: disputed (support and denial), denied (only
denials), confirmed (a confirmation), else reported.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claimledger.pipeline import extensions  # noqa: F401
from claimledger.pipeline.base import DocComponent
from claimledger.countries import country_code
from claimledger.stances import AGAINST, claim_stances, stance_side
from claimledger.model import Claim, Statement, stable_id
from claimledger.resources import read_json

# Two contents are about one proposition when they share at least MIN_SHARED_ARGUMENTS arguments
# and MATCH_THRESHOLD of the smaller argument set (the factory's default_config).
MATCH_THRESHOLD = 0.5
MIN_SHARED_ARGUMENTS = 2


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    vocab = dict(read_json("claims/claims.json"))
    vocab["claim_stances"] = claim_stances()  # data/attribution/stance_sides.tsv
    vocab["concept_of"] = {lemma: cls for cls, lemmas in vocab["concept_classes"].items() for lemma in lemmas}
    return vocab


# assigns doc._.cl_statements too: it sets each statement's claim_id and claim_side
@Language.factory(
    "claimledger_claims",
    assigns=["doc._.cl_claims", "doc._.cl_statements"],
    requires=["doc._.cl_statements", "doc._.cl_entities", "doc._.cl_places", "doc._.cl_quantities",
              "token.tag", "token.lemma", "token.dep", "token.head"],
    default_config={"match_threshold": MATCH_THRESHOLD, "min_shared_arguments": MIN_SHARED_ARGUMENTS},
)
def make_claims(nlp: Language, name: str, match_threshold: float, min_shared_arguments: int):
    return ClaimsComponent(name, match_threshold, min_shared_arguments)


class ClaimsComponent(DocComponent):
    attribute = "cl_claims"

    def __init__(self, name: str, match_threshold: float = MATCH_THRESHOLD,
                 min_shared_arguments: int = MIN_SHARED_ARGUMENTS):
        super().__init__(name)
        self.match_threshold = match_threshold
        self.min_shared_arguments = min_shared_arguments

    def find(self, doc: Doc) -> list[Claim]:
        return build_claims(doc, list(doc._.cl_statements or []), self.match_threshold, self.min_shared_arguments)


@dataclass
class _Member:
    statement: Statement
    predicates: set[str]
    arguments: set[str]
    concepts: set[str]
    side: str


@dataclass
class _Group:
    members: list[_Member] = field(default_factory=list)
    quantity: str | None = None

    @property
    def statements(self) -> list[Statement]:
        return [m.statement for m in self.members]

    def speakers(self) -> set[str]:
        return set().union(*(_speaker_keys(m.statement) for m in self.members))


def build_claims(doc: Doc, statements: list[Statement], match_threshold: float = MATCH_THRESHOLD,
                 min_shared_arguments: int = MIN_SHARED_ARGUMENTS) -> list[Claim]:
    vocab = vocabulary()
    groups: list[_Group] = []
    for st in sorted(statements, key=lambda s: s.cue["start"]):
        if st.stance not in vocab["claim_stances"] or _names_a_document(doc, st):
            continue
        member = _member(doc, st)
        quantity = _quantity_key(doc, st)
        group, side = _join(doc, member, quantity, groups, match_threshold, min_shared_arguments)
        if group is None:
            group = _Group(quantity=quantity)
            groups.append(group)
        member.side = side or member.side
        group.members.append(member)
    claims = [_to_claim(doc, g) for g in groups]
    for claim, group in zip(claims, groups):
        for m in group.members:
            m.statement.claim_id = claim.id
            m.statement.claim_side = m.side
    return claims


def _names_a_document(doc: Doc, st: Statement) -> bool:
    """'KCNA published a statement': the content is a bare document noun, not a proposition;
    such an act relays whatever the document says and bears on no claim by itself."""
    span = _content_span(doc, st)
    if span is None:
        return True
    if st.stance != "assert":  # denying or dismissing "the report" does bear on its claim
        return False
    has_clause = any(t.pos_ in ("VERB", "AUX") for t in span)
    return not has_clause and span.root.lemma_.lower() in vocabulary()["reference_nouns"]


def _member(doc: Doc, st: Statement) -> _Member:
    span = _content_span(doc, st)
    concepts = content_concepts(doc, st) if span is not None else set()
    predicates = content_predicates(span) if span is not None else set()
    arguments = {c for c in concepts if c.split(":", 1)[0] in ("actor", "country", "place", "admin1", "name")
                 or c in vocabulary()["participant_classes"]}
    return _Member(st, predicates, arguments, concepts, _side(st))


def _join(doc: Doc, member: _Member, quantity: str | None, groups: list[_Group], match_threshold: float,
          min_shared_arguments: int) -> tuple[_Group | None, str | None]:
    referenced = _referenced_group(doc, member.statement, groups)
    if referenced is not None:
        return referenced, None
    governing = _governing_group(doc, member.statement, groups)
    if governing is not None:
        return governing
    return _best_group(member, quantity, groups, match_threshold, min_shared_arguments), None


def _content_span(doc: Doc, st: Statement) -> Span | None:
    return doc.char_span(st.content["start"], st.content["end"], alignment_mode="expand")


def content_concepts(doc: Doc, st: Statement) -> set[str]:
    """Concepts of a statement's content: actors, countries, places and lemma classes."""
    span = _content_span(doc, st)
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
        elif tok.pos_ == "PROPN":  # a name the gazetteer or actor data did not resolve still identifies
            concepts.add(f"name:{tok.lower_}")
    concepts |= _actor_concepts(doc, span.start_char, span.end_char)
    concepts |= _place_concepts(doc, span)
    return concepts


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


def _side(st: Statement) -> str:
    return "against" if stance_side(_effective_stance(st)) == AGAINST else "for"


def _referenced_group(doc: Doc, st: Statement, groups: list[_Group]) -> _Group | None:
    """'dismissed Russia's claims': the content names a claim noun owned by an actor who made one."""
    span = _content_span(doc, st)
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


def _governing_group(doc: Doc, st: Statement, groups: list[_Group]) -> tuple[_Group, str] | None:
    """A statement whose cue hangs under another's cue in the same sentence, by a speaker of the
    same side, elaborates that statement: it joins its claim on the same side."""
    cue = doc.char_span(st.cue["start"], st.cue["end"], alignment_mode="expand")
    if cue is None or st.speaker is None:
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


def _best_group(member: _Member, quantity: str | None, groups: list[_Group], match_threshold: float,
                min_shared_arguments: int) -> _Group | None:
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
    sides = [s.claim_side or _side(s) for s in statements]
    against = "against" in sides
    support = "for" in sides
    if against and support:
        return "disputed"
    if against:
        return "denied"
    if any(s.stance == "confirm" for s in statements):
        return "confirmed"
    return "reported"


def _effective_stance(st: Statement) -> str:
    """A negated assertion ('said troops were not sent') stands against the proposition."""
    if st.negated and st.stance in ("assert", "claim"):
        return "deny"
    return st.stance


def _to_claim(doc: Doc, group: _Group) -> Claim:
    _settle_self_negation(group)
    support = [m.statement for m in group.members if m.side == "for"]
    first = (support or group.statements)[0]
    concepts = set().union(*(m.concepts for m in group.members))
    return Claim(
        id=stable_id(doc._.article_id or doc.text[:200], "claim", first.cue["start"]),
        text=_claim_text(first),
        status=claim_status([_with_side(m) for m in group.members]),
        statement_ids=[s.id for s in group.statements],
        start=first.content["start"],
        end=first.content["end"],
        actors=sorted(c.split(":", 1)[1] for c in concepts if c.startswith("actor:")),
        places=sorted(c.split(":", 1)[1] for c in concepts if c.startswith("place:")),
        concepts=sorted(concepts),
        quantity=_quantity_of(doc, group.statements),
    )


def _settle_self_negation(group: _Group) -> None:
    """A speaker cannot dispute themselves: a negated assertion stands against the claim only when
    someone else supports it; otherwise the negation is part of the proposition."""
    for m in group.members:
        if m.side == "against" and m.statement.stance in ("assert", "claim"):
            others = [o for o in group.members if o is not m and o.side == "for"
                      and not (_speaker_keys(o.statement) & _speaker_keys(m.statement))]
            if not others:
                m.side = "for"


def _with_side(m: _Member) -> Statement:
    m.statement.claim_side = m.side
    return m.statement


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
