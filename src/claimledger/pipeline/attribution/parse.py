"""Reading the dependency parse: the relation by which a cue takes its content.

A cue candidate is a token with a *content relation*: the dependency by which
its content hangs off it (``ccomp``: "said that ...", ``xcomp``: "plans to
...", ``dobj``: "praised the plan", ``prep:to``: "pointed to ...", ``that``:
a noun with a that-clause, "reports that ...").  Whether a (lemma, POS,
relation) triple is a cue at all is learned from PolNeAR's train split
(scripts/learn_cues.py -> data/cues.tsv); the other modules of this package
find the spans.  Also here: the subject, agent and object look-ups they share.
"""
from __future__ import annotations

from spacy.tokens import Token

from claimledger.pipeline.attribution.lexicon import cue_lexicon, date_words
from claimledger.stances import stance_table
from claimledger.pipeline.attribution.quotes import CLOSE_QUOTES


SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
CUE_POS = ("VERB", "NOUN", "AUX", "PROPN", "ADJ")
# participles and clauses that take their subject from the verb they hang off
INHERIT_SUBJECT_DEPS = ("advcl", "conj", "xcomp", "acl", "relcl", "pcomp")


def content_relation(token: Token) -> tuple[str, Token] | None:
    """The (relation, content head) by which a candidate cue takes its content."""
    if token.pos_ not in CUE_POS:
        return None
    children = list(token.children)
    if token.pos_ == "ADJ":
        return predicate_relation(token)
    if token.pos_ in ("NOUN", "PROPN"):
        for child in children:
            if child.dep_ in ("acl", "ccomp", "appos") and _starts_with_that(child):
                return "that", child
        for child in children:
            if child.dep_ == "relcl" and _complement_clause(token, child):
                return "that", child
        for child in children:  # "her decision not to fund", "a proposal to ban"
            if child.dep_ == "acl" and child.i > token.i and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                return "to", child
        for child in children:
            if child.dep_ == "prep" and prep_object(child) is not None and child.i > token.i:
                return f"prep:{child.lower_}", child
        return None
    for dep in ("ccomp", "xcomp"):
        for child in children:
            if child.dep_ == dep and child.i != token.i:
                return dep, child
    misparsed = complement_under_prep(token)
    if misparsed is not None:
        return "ccomp", misparsed
    for child in children:
        if child.dep_ == "prep" and child.lower_ == "as":
            for grand in child.children:
                if grand.dep_ == "pcomp":  # "quoted Kim as saying"
                    return "as", grand
    for child in children:
        if child.dep_ == "oprd":  # "called him a loser"
            return "oprd", child
    for child in children:
        if child.dep_ in ("dobj",) and child.pos_ != "PRON":
            return "dobj", child
    for child in children:
        if child.dep_ == "nsubjpass" and child.i < token.i:  # "[The plan] was criticized (by X)"
            return "passive", child
    if subject_of(token) is not None and (token.dep_ == "parataxis" or token.dep_ in ("ccomp", "advcl", "conj") and _set_off(token)):
        return "head", token.head  # "The plan failed, he said" / "If so, he said, it fails" parsed with said under the clause
    for child in children:
        if child.dep_ == "prep" and prep_object(child) is not None and child.i > token.i:
            return f"prep:{child.lower_}", child
    for child in children:
        if child.dep_ == "dobj":  # "praised him": learned apart from "said it"
            return "dobj-pron", child
    return None


def _set_off(token: Token) -> bool:
    """A clause after its head and set off by a comma ("The plan failed, he said"),
    unlike a true complement ("says he doesn't believe it")."""
    doc = token.doc
    left = token.left_edge.i
    if token.i < token.head.i or left == 0:
        return False
    before = doc[left - 1].text
    return before in (",", "—", "–") or before in CLOSE_QUOTES and left > 1 and doc[left - 2].text in (",", "?", "!")


def predicate_relation(adj: Token) -> tuple[str, Token] | None:
    """"is critical of X", "are not confident that ...": an adjective after a copula."""
    if adj.dep_ != "acomp":
        return None
    for child in adj.children:
        if child.dep_ in ("ccomp", "xcomp"):  # "certain that ...", "ready to follow"
            return child.dep_, child
    for child in adj.children:
        if child.dep_ == "prep" and child.i == adj.i + 1 and prep_object(child) is not None:
            return f"prep:{child.lower_}", child
    return None


def complement_under_prep(token: Token) -> Token | None:
    """"confirmed for the first time that it had sent troops": the parser hangs the
    that-clause as a relative clause on "time"; a "that" which is no argument of
    its clause (advmod/mark, not nsubj/dobj) is a complementizer, so the clause
    is the verb's complement."""
    for prep in token.children:
        if prep.dep_ != "prep" or prep.i < token.i:
            continue
        pobj = prep_object(prep)
        if pobj is None:
            continue
        for clause in pobj.children:
            left = clause.left_edge
            if clause.dep_ == "relcl" and left.lower_ == "that" and left.dep_ in ("advmod", "mark"):
                return clause
    return None


def reported_conjunct(content_head: Token) -> Token | None:
    """"denied its forces had been expelled ... and dismissed Russia's claims": the
    parser often coordinates a second speech verb inside the first one's content;
    a subjectless conjunct that is itself a cue belongs to the speaker instead."""
    for child in content_head.children:
        if child.dep_ == "conj" and child.pos_ == "VERB" and subject_of(child) is None and child.lemma_.lower() in speech_lemmas():
            return child
    return None


_SPEECH_LEMMAS: set[str] = set()


def speech_lemmas() -> set[str]:
    if not _SPEECH_LEMMAS:
        _SPEECH_LEMMAS.update(stance_table())
        _SPEECH_LEMMAS.update(l for (l, pos, rel), e in cue_lexicon().items() if pos == "VERB" and e.p >= 0.5 and e.cue >= 5)
    return _SPEECH_LEMMAS


def _complement_clause(noun: Token, clause: Token) -> bool:
    """"confirmation that the ship had sunk" parsed as a relative clause: for a
    noun of saying, a that-clause whose "that" is not its subject is its content."""
    left = clause.left_edge
    return (left.lower_ == "that" and left.dep_ not in ("nsubj", "nsubjpass")
            and noun.lemma_.lower() in stance_table())


def _starts_with_that(token: Token) -> bool:
    left = token.left_edge
    return left.lower_ in ("that", "whether", "if") and left.i > token.head.i


def prep_object(prep: Token) -> Token | None:
    for child in prep.children:
        if child.dep_ in ("pobj", "pcomp"):
            return child
    return None


def subject_of(token: Token) -> Token | None:
    subjects = [child for child in token.children if child.dep_ in SUBJECT_DEPS]
    # "state news agency TASS quoted ...": the small model can parse the appositive name as a
    # second subject; the proper name is the one that names the speaker
    names = [s for s in subjects if s.pos_ == "PROPN"]
    if len(subjects) > 1 and names:
        return names[0]
    return subjects[0] if subjects else None


def agent_of(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "agent":
            return prep_object(child)
    return None


def is_infinitive(token: Token) -> bool:
    """A to-infinitive hanging off another word ("refused to condemn")."""
    return token.dep_ in ("xcomp", "advcl", "acl", "relcl", "ccomp", "conj") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def subtree_bounds(token: Token) -> tuple[int, int]:
    return token.left_edge.i, token.right_edge.i + 1


def contrast_clause(verb: Token) -> bool:
    """An adverbial clause opened by a contrasting "while"/"whereas" (data/stance_dates.tsv: contrast_mark)."""
    marks = date_words().get("contrast_mark", frozenset())
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks for c in verb.children)


def name_read_as_adverb(token: Token) -> bool:
    """A capitalised word inside a sentence that the parser took for an adverb of the verb after it:
    "..., but So said that is incorrect" (the name So). Not at a sentence's start, where "So" or
    "Also" are capitalised anyway."""
    return (token.dep_ == "advmod" and token.pos_ == "ADV" and token.head.i == token.i + 1
            and token.is_title and token.is_alpha and token.i > token.sent.start)
