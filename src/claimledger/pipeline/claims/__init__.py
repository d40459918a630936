"""claimledger_claims: the propositions that statements bear on, and their status in the article.

A statement bears on a claim when its stance is one that takes a position on a proposition
(assert, confirm, deny, ...; not praise or promise).  The job is split by step:

- outlet.py: the outlet's own voice (headline, the lede's unattributed assertion) as statements;
- proposition.py: the clause a content states, and the claim's self-contained text (subject
  pronouns resolved through the actors' coreference); fragments found no claim;
- matching.py: which statements are about one proposition (predicate and arguments), references
  to an owner's claim, elaborations by the same side, and the claim's status;
- anaphora.py: contents that point at a claim ("that is incorrect") join it on their side;
- frame.py: the claim's frame (predicate, agent, patient, target, place, time, quantity,
  polarity, modality).

A content that carries a number is its own proposition: the count can be disputed apart from
the event.  Status within the article: disputed (support and denial), denied (only denials),
confirmed (a confirmation), else reported.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from claimledger.model import Claim, Statement, stable_id
from claimledger.pipeline import extensions  # noqa: F401
from claimledger.pipeline.base import DocComponent
from claimledger.pipeline.claims.anaphora import pointed_group, pointer_side
from claimledger.pipeline.claims.frame import claim_frame
from claimledger.pipeline.claims.matching import (
    MATCH_THRESHOLD, MIN_SHARED_ARGUMENTS, Group, Member, claim_status, content_concepts, content_predicates,
    content_span, join, member_of, quantity_key, settle_self_negation,
)
from claimledger.pipeline.claims.outlet import outlet_statements
from claimledger.pipeline.claims.proposition import claim_text, is_event, proposition_span
from claimledger.pipeline.claims.vocabulary import vocabulary

__all__ = ["MATCH_THRESHOLD", "MIN_SHARED_ARGUMENTS", "ClaimsComponent", "build_claims", "claim_status",
           "content_concepts", "content_predicates", "vocabulary"]


# assigns doc._.cl_statements too: it adds the outlet's statements and sets each statement's
# claim_id and claim_side
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
        statements = list(doc._.cl_statements or [])
        statements = sorted(statements + outlet_statements(doc, statements), key=lambda s: s.content["start"])
        doc._.cl_statements = statements
        return build_claims(doc, statements, self.match_threshold, self.min_shared_arguments)


def build_claims(doc: Doc, statements: list[Statement], match_threshold: float = MATCH_THRESHOLD,
                 min_shared_arguments: int = MIN_SHARED_ARGUMENTS) -> list[Claim]:
    vocab = vocabulary()
    groups: list[Group] = []
    pointers: list[tuple[Member, str]] = []
    for st in sorted(statements, key=lambda s: s.cue["start"]):
        if st.stance not in vocab["claim_stances"] or _names_a_document(doc, st):
            continue
        span = content_span(doc, st)
        member = member_of(doc, st)
        side = pointer_side(doc, st, span)
        if side is not None:  # "that is incorrect": takes a side on the claim it points at
            pointers.append((member, side))
            continue
        member.proposition = proposition_span(doc, span)
        quantity = quantity_key(doc, st)
        group, joined_side = join(doc, member, quantity, groups, match_threshold, min_shared_arguments)
        if group is None:
            if member.proposition is None and not is_event(span):
                continue  # a fragment ("to see", "asylum") founds no claim
            group = Group(quantity=quantity)
            groups.append(group)
        member.side = joined_side or member.side
        group.members.append(member)
    for member, side in pointers:
        group = pointed_group(member.statement, groups)
        if group is not None:
            member.side = side
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
    span = content_span(doc, st)
    if span is None:
        return True
    if st.stance != "assert":  # denying or dismissing "the report" does bear on its claim
        return False
    has_clause = any(t.pos_ in ("VERB", "AUX") for t in span)
    return not has_clause and span.root.lemma_.lower() in vocabulary()["reference_nouns"]


def _representative(group: Group) -> Member:
    """The member whose content gives the claim its text: a supporting proposition first."""
    ranked = sorted(group.members, key=lambda m: (m.proposition is None, m.side != "for",
                                                  m.statement.content["start"]))
    return ranked[0]


def _to_claim(doc: Doc, group: Group) -> Claim:
    settle_self_negation(group)
    first = _representative(group)
    st = first.statement
    concepts = set().union(*(m.concepts for m in group.members))
    for m in group.members:
        m.statement.claim_side = m.side
    return Claim(
        id=stable_id(doc._.article_id or doc.text[:200], "claim", st.cue["start"]),
        text=claim_text(doc, st, first.proposition),
        status=claim_status(group.statements),
        statement_ids=[s.id for s in group.statements],
        start=first.proposition.start_char if first.proposition is not None else st.content["start"],
        end=first.proposition.end_char if first.proposition is not None else st.content["end"],
        actors=sorted(c.split(":", 1)[1] for c in concepts if c.startswith("actor:")),
        places=sorted(c.split(":", 1)[1] for c in concepts if c.startswith("place:")),
        concepts=sorted(concepts),
        quantity=_quantity_of(doc, group.statements),
        frame=claim_frame(doc, st, first.proposition),
    )


def _quantity_of(doc: Doc, statements: list[Statement]) -> dict | None:
    for st in statements:
        for q in doc._.cl_quantities or []:
            if st.content["start"] <= q.start < st.content["end"]:
                return {"value": q.value, "unit": q.unit, "approximate": q.approximate, "country": q.country}
    return None
