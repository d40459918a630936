"""Finding attributions on the dependency parse: cue, source and content spans.

A cue candidate is a token with a *content relation*: the dependency by which
its content hangs off it (``ccomp``: "said that ...", ``xcomp``: "plans to
...", ``dobj``: "praised the plan", ``prep:to``: "pointed to ...", ``that``:
a noun with a that-clause, "reports that ...").  Whether a (lemma, POS,
relation) triple is a cue at all is learned from PolNeAR's train split
(scripts/learn_cues.py -> data/cues.tsv); this module only finds the spans.

Spans follow PolNeAR's conventions: the cue keeps its auxiliaries, negation and
adverbs right before it ("has also said"); the source is the full subject
phrase; the content keeps a leading "that" and its quotation marks, and drops
the punctuation outside them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

QUOTES = set("\"'“”‘’«»")
OPEN_QUOTES = set("\"'“‘«")
CLOSE_QUOTES = set("\"'”’»")
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# cue-left modifiers PolNeAR folds into the cue ("has not yet said")
CUE_LEFT_DEPS = ("aux", "auxpass", "neg", "advmod")
CUE_POS = ("VERB", "NOUN", "AUX", "PROPN")
# participles and clauses that take their subject from the verb they hang off
INHERIT_SUBJECT_DEPS = ("advcl", "conj", "xcomp", "acl", "relcl", "pcomp")


@dataclass
class Found:
    """One attribution found on the parse (token indices, end exclusive)."""
    cue: Token                      # the cue's head token
    rel: str                        # content relation ("ccomp", "dobj", ...)
    cue_span: tuple[int, int]
    content_span: tuple[int, int]
    source: Token | None = None     # head token of the source phrase
    source_span: tuple[int, int] | None = None
    channel: Token | None = None    # head token of a relaying channel (quoted by, citing)
    extras: dict = field(default_factory=dict)


def content_relation(token: Token) -> tuple[str, Token] | None:
    """The (relation, content head) by which a candidate cue takes its content."""
    if token.pos_ not in CUE_POS:
        return None
    children = list(token.children)
    if token.pos_ in ("NOUN", "PROPN"):
        for child in children:
            if child.dep_ in ("acl", "ccomp", "appos") and _starts_with_that(child):
                return "that", child
        for child in children:
            if child.dep_ == "prep" and _pobj(child) is not None and child.i > token.i:
                return f"prep:{child.lower_}", child
        return None
    for dep in ("ccomp", "xcomp"):
        for child in children:
            if child.dep_ == dep and child.i != token.i:
                return dep, child
    for child in children:
        if child.dep_ == "prep" and child.lower_ == "as":
            for grand in child.children:
                if grand.dep_ == "pcomp":  # "quoted Kim as saying"
                    return "as", grand
    for child in children:
        if child.dep_ in ("dobj",) and child.pos_ != "PRON":
            return "dobj", child
    if token.dep_ in ("parataxis", "ccomp") and token.i > token.head.i and _subject(token) is not None:
        return "head", token.head  # "The plan failed, he said" parsed with said under failed
    for child in children:
        if child.dep_ == "prep" and _pobj(child) is not None and child.i > token.i:
            return f"prep:{child.lower_}", child
    return None


def _starts_with_that(token: Token) -> bool:
    left = token.left_edge
    return left.lower_ in ("that", "whether", "if") and left.i > token.head.i


def _pobj(prep: Token) -> Token | None:
    for child in prep.children:
        if child.dep_ in ("pobj", "pcomp"):
            return child
    return None


def _subject(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ in SUBJECT_DEPS:
            return child
    return None


def _agent(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "agent":
            return _pobj(child)
    return None


def subtree_bounds(token: Token) -> tuple[int, int]:
    return token.left_edge.i, token.right_edge.i + 1


def trim_punct(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop punctuation at both ends, but keep quotation marks that pair up."""
    while start < end and doc[start].is_punct and doc[start].text not in OPEN_QUOTES:
        start += 1
    while end > start and doc[end - 1].is_punct and doc[end - 1].text not in CLOSE_QUOTES:
        end -= 1
    return start, end


def extend_to_quotes(doc: Doc, start: int, end: int, limit_left: int, limit_right: int) -> tuple[int, int]:
    """Take in the quotation marks (and the comma or stop just inside them) around a content."""
    j = end
    while j < limit_right and doc[j].is_punct and doc[j].text not in OPEN_QUOTES:
        if doc[j].text in CLOSE_QUOTES:
            end = j + 1
            break
        j += 1
    if start > limit_left and doc[start - 1].text in OPEN_QUOTES:
        start -= 1
    return start, end


def balance_quotes(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a lone closing or opening quote left at an edge with no partner inside."""
    inner = [t.text for t in doc[start:end]]
    opens = sum(1 for q in inner if q in "“‘«")
    closes = sum(1 for q in inner if q in "”’»")
    if end > start and doc[end - 1].text in "”»" and closes > opens:
        end -= 1
    if end > start and doc[start].text in "“«" and opens > closes:
        start += 1
    return start, end


def cue_bounds(token: Token, content_head: Token, rel: str) -> tuple[int, int]:
    """The cue with its left auxiliaries/negation/adverbs and, for prepositional content, the preposition."""
    start, end = token.i, token.i + 1
    lefts = sorted((c for c in token.children if c.dep_ in CUE_LEFT_DEPS and c.i < token.i), key=lambda c: -c.i)
    for child in lefts:
        if child.i == start - 1 and child.n_rights == 0:
            start = child.i
    for child in token.children:
        if child.dep_ == "prt" and child.i == end:
            end = child.i + 1
    if rel.startswith("prep:") and content_head.i >= end:
        between = token.doc[end:content_head.i]
        if all(t.dep_ in ("prt", "advmod") for t in between):
            end = content_head.i + 1
    return start, end


def content_bounds(doc: Doc, cue: Token, rel: str, head: Token, cue_span: tuple[int, int]) -> tuple[int, int] | None:
    sent = cue.sent
    if rel == "head":
        start, end = subtree_bounds(head)
        # the content is the head clause up to where the cue's own clause begins
        cue_left = min(cue.left_edge.i, cue_span[0])
        end = min(end, cue_left)
    elif rel.startswith("prep:"):
        pobj = _pobj(head)
        if pobj is None:
            return None
        start, end = subtree_bounds(pobj)
    else:
        start, end = subtree_bounds(head)
    start, end = max(start, sent.start), min(end, sent.end)
    # never let the content swallow its own cue or source
    if start <= cue_span[0] < end:
        if cue_span[0] - start > end - cue_span[1]:
            end = cue_span[0]
        else:
            start = cue_span[1]
    start, end = trim_punct(doc, start, end)
    if start >= end:
        return None
    limit_right = sent.end if end > cue.i else cue_span[0]
    limit_left = sent.start if start < cue.i else cue_span[1]
    start, end = extend_to_quotes(doc, start, end, limit_left, limit_right)
    start, end = balance_quotes(doc, start, end)
    return (start, end) if start < end else None


def find_source(cue: Token, rel: str) -> tuple[Token | None, str]:
    """The head of the source phrase and how it was found."""
    subject = _subject(cue)
    if subject is not None and subject.dep_ == "nsubjpass":
        agent = _agent(cue)
        if agent is not None:
            return agent, "agent"
        if rel != "head":
            return None, "passive"
    if subject is not None:
        return subject, "subject"
    if cue.pos_ in ("NOUN", "PROPN"):
        return noun_source(cue)
    return inherited_source(cue)


def noun_source(noun: Token) -> tuple[Token | None, str]:
    """Source of a nominal cue: its possessor or modifier ("Trump's claim", "intelligence reports"),
    else the subject of the verb it is the object of ("X gave confirmation that")."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child, "poss"
    for child in noun.children:
        if child.dep_ == "compound" and child.pos_ in ("PROPN", "NOUN") and child.i < noun.i:
            return child, "compound"
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            pobj = _pobj(child)
            if pobj is not None:
                return pobj, "from"
    if noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX"):
        subject = _subject(noun.head)
        if subject is not None:
            return subject, "verb-subject"
    if noun.dep_ in SUBJECT_DEPS:
        return None, "none"
    return None, "none"


def inherited_source(cue: Token) -> tuple[Token | None, str]:
    """A participle or conjunct takes the subject of the clause it hangs off ("..., adding that")."""
    node = cue
    for _ in range(4):
        if node.dep_ not in INHERIT_SUBJECT_DEPS or node.head is node:
            return None, "none"
        head = node.head
        if head.pos_ in ("NOUN", "PROPN") and node.dep_ in ("acl", "relcl"):
            if node.dep_ == "relcl":
                return head, "relcl"
            source, how = noun_source(head)  # "a statement from X confirming that"
            if source is not None:
                return source, how
            return head, "acl"
        subject = _subject(head)
        if subject is not None and subject.dep_ != "nsubjpass":
            return subject, "inherited"
        node = head
    return None, "none"


def phrase_bounds(token: Token) -> tuple[int, int]:
    """The full noun phrase of a source head, trimmed of edge punctuation."""
    start, end = subtree_bounds(token)
    return trim_punct(token.doc, start, end)


def according_to(doc: Doc, token: Token) -> Found | None:
    """"according to X": X is the source, the clause it modifies the content."""
    if token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to" and c.dep_ == "prep"), None)
    source = _pobj(to) if to is not None else None
    if source is None:
        return None
    clause = token.head
    while clause.dep_ in ("prep", "pobj") and clause.head is not clause:
        clause = clause.head
    sent = token.sent
    start, end = subtree_bounds(clause)
    start, end = max(start, sent.start), min(end, sent.end)
    a_start, a_end = subtree_bounds(token)
    if a_start <= start:
        start = a_end
    elif a_end >= end:
        end = a_start
    else:  # mid-clause: keep the longer side
        if a_start - start >= end - a_end:
            end = a_start
        else:
            start = a_end
    start, end = trim_punct(doc, start, end)
    if start >= end:
        return None
    return Found(cue=token, rel="according", cue_span=(token.i, to.i + 1), content_span=(start, end),
                 source=source, source_span=phrase_bounds(source))


def find_attribution(token: Token, rel: str, head: Token) -> Found | None:
    doc = token.doc
    cue_span = cue_bounds(token, head, rel)
    content = content_bounds(doc, token, rel, head, cue_span)
    if content is None:
        return None
    found = Found(cue=token, rel=rel, cue_span=cue_span, content_span=content)
    if rel == "as":  # "KCNA quoted Kim as saying": Kim speaks, KCNA relays
        obj = next((c for c in token.children if c.dep_ == "dobj"), None)
        found.channel = _subject(token)
        source = obj
    else:
        source, _how = find_source(token, rel)
    if source is not None and not (content[0] <= source.i < content[1]):
        found.source = source
        found.source_span = phrase_bounds(source)
        if found.source_span[0] < cue_span[1] <= found.source_span[1]:
            found.source_span = (found.source_span[0], cue_span[0])
    return found
