"""Contents that point at another claim instead of stating one.

"It has been rumored Kim had ankle surgery, but So said that is incorrect": the denial's
content ("that is incorrect") states nothing of its own; it takes a side on the claim it
points at.  Two shapes, read off the parse with the word lists of data/claims/claims.json:

- a *truth clause*: an anaphoric subject (that, this, it, "the reports"; or none left in the
  content, as when the parser took "that" for a complementizer) with a truth predicate
  ("incorrect", "false", "true"); the side is the predicate's, turned by a negation
  ("is not true") and by a cue that stands against ("denied that it was true");
- a *reference phrase*: the content is a claim noun with no clause of its own ("dismissed the
  claims", "confirmed the reports"); the side is the cue's.

The claim pointed at is the nearest one stated before the pointer (else the first after it).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from claimledger.model import Statement
from claimledger.pipeline.claims.matching import Group, effective_stance
from claimledger.pipeline.claims.proposition import SUBJECT_DEPS
from claimledger.pipeline.claims.vocabulary import vocabulary
from claimledger.stances import AGAINST, stance_side


def _flip(side: str) -> str:
    return "for" if side == "against" else "against"


def _truth_word(root: Token) -> Token | None:
    words = vocabulary()["truth_predicates"]
    known = set(words["for"]) | set(words["against"])
    for tok in [root, *(c for c in root.children if c.dep_ in ("acomp", "attr", "dobj"))]:
        if tok.lemma_.lower() in known or tok.lower_ in known:
            return tok
    return None


def _anaphoric_subject(root: Token, span: Span) -> bool:
    vocab = vocabulary()
    subjects = [c for c in root.children if c.dep_ in SUBJECT_DEPS]
    inside = [c for c in subjects if span.start <= c.i < span.end]
    if any(c.dep_ in ("ccomp", "csubj") for c in root.children):  # "it is true that ...": states a clause
        return False
    if not inside:
        return True
    subject = inside[0]
    return subject.lower_ in vocab["anaphoric_subjects"] or subject.lemma_.lower() in vocab["reference_nouns"]


def pointer_side(doc: Doc, st: Statement, span: Span | None) -> str | None:
    """The side a content that points at another claim takes on it; None when it states its own."""
    if span is None:
        return None
    root = span.root
    against_cue = stance_side(effective_stance(st)) == AGAINST and not st.negated
    truth = _truth_word(root)
    if truth is not None and _anaphoric_subject(root, span):
        side = "against" if truth.lemma_.lower() in vocabulary()["truth_predicates"]["against"] \
            or truth.lower_ in vocabulary()["truth_predicates"]["against"] else "for"
        if any(c.dep_ == "neg" for c in (*root.children, *truth.children)):
            side = _flip(side)
        return _flip(side) if against_cue else side
    has_clause = any(t.pos_ in ("VERB", "AUX") for t in span)
    if not has_clause and root.pos_ in ("NOUN", "PROPN") and root.lemma_.lower() in vocabulary()["reference_nouns"] \
            and st.stance != "assert":
        return "against" if stance_side(effective_stance(st)) == AGAINST else "for"
    return None


def pointed_group(st: Statement, groups: list[Group]) -> Group | None:
    """The claim a pointer points at: the one stated nearest before it, else the first after it."""
    where = min(st.cue["start"], st.content["start"])
    best, best_at = None, -1
    for group in groups:
        starts = [m.statement.content["start"] for m in group.members if m.proposition is not None]
        before = [s for s in starts if s < where]
        if before and max(before) > best_at:
            best, best_at = group, max(before)
    if best is not None:
        return best
    after = [(min(m.statement.content["start"] for m in g.members), i) for i, g in enumerate(groups) if g.members]
    return groups[min(after)[1]] if after else None
