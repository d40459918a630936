"""Cue and content spans of an attribution found on the parse, and the record that holds them.

Spans follow PolNeAR's conventions: the cue keeps its auxiliaries, negation and
adverbs right before it ("has also said"); the source is the full subject
phrase; the content keeps a leading "that" and its quotation marks, and drops
the punctuation outside them.  :func:`find_attribution` puts cue, content and
source together for a cue the parse gives a content relation.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from claimledger.pipeline.attribution.lexicon import channel_set, cue_preps
from claimledger.pipeline.attribution.quotes import (
    CLOSE_QUOTES,
    OPEN_QUOTES,
    balance_quotes,
    complete_quote,
    extend_to_quotes,
    quote_continuation,
)
from claimledger.pipeline.attribution.parse import (
    name_read_as_adverb,
    prep_object,
    reported_conjunct,
    subject_of,
    subtree_bounds,
)
from claimledger.pipeline.attribution.sources import find_source, phrase_bounds, relayed_speaker


# cue-left modifiers PolNeAR folds into the cue ("has not yet said")
CUE_LEFT_DEPS = ("aux", "auxpass", "neg", "advmod")


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
    more_content: list[tuple[int, int]] = field(default_factory=list)  # quote continued after the cue
    also_via: list[Token] = field(default_factory=list)  # further channels ("X said ..., according to Y")
    lead_content: tuple[int, int] | None = None  # "[Trump] is expected [to win]": the passive subject, a first fragment


def trim_punct(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop punctuation at both ends, but keep quotation marks that pair up."""
    while start < end and (doc[start].is_space or doc[start].is_punct and doc[start].text not in OPEN_QUOTES):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct and doc[end - 1].text not in CLOSE_QUOTES):
        end -= 1
    return start, end


def cue_bounds(token: Token, content_head: Token, rel: str) -> tuple[int, int]:
    """The cue with its left auxiliaries/negation/adverbs and, for prepositional
    content, the preposition; an adjective cue starts at its copula ("has been critical of")."""
    left_of = token
    if (token.pos_ == "ADJ" and token.dep_ == "acomp" and token.head.i < token.i
            and all(t.dep_ in ("neg", "advmod") for t in token.doc[token.head.i + 1:token.i])):
        left_of = token.head
    return cue_left(left_of), cue_right(token, content_head, rel)


def cue_left(token: Token) -> int:
    start = token.i
    lefts = sorted((c for c in token.children if c.dep_ in CUE_LEFT_DEPS and c.i < token.i), key=lambda c: -c.i)
    for child in lefts:
        if child.i == start - 1 and child.n_rights == 0 and child.tag_ != "WRB" \
                and not name_read_as_adverb(child):  # not "when asked"; not the name So in "So said"
            start = child.i
    return start


def cue_right(token: Token, content_head: Token, rel: str) -> int:
    doc = token.doc
    end = token.i + 1
    for child in token.children:  # "pointed out", "said repeatedly"
        if child.dep_ in ("prt", "advmod") and child.i == end and child.n_rights == 0 and child.tag_ != "WRB":
            end = child.i + 1
    if end < len(doc) and doc[end].text == ":" and content_head.i > end:  # "said:" PolNeAR keeps the colon
        end += 1
    if rel.startswith("prep:") and content_head.i >= end:
        between = doc[end:content_head.i]
        if all(t.dep_ in ("prt", "advmod") for t in between):
            end = content_head.i + 1
    elif end == token.i + 1 and end < len(doc) and _takes_prep(token, doc[end]):
        end += 1  # "called on [X to act]": PolNeAR's habit for this verb and preposition
    return end


CUE_PREP_MIN_P = 0.5


def _takes_prep(verb: Token, prep: Token) -> bool:
    if prep.dep_ != "prep" or prep.head.i != verb.i or verb.pos_ != "VERB":
        return False
    return cue_preps().get((verb.lemma_.lower(), prep.lower_), 0.0) > CUE_PREP_MIN_P


OBJECT_COMPLEMENT_DEPS = ("prep", "advmod", "dative", "oprd", "acomp")


def object_complements_end(verb: Token, end: int) -> int:
    """Extend an object content over the verb's dependents that directly follow it
    ("blamed [the media for ignoring them]"), but not over dates or times."""
    doc = verb.doc
    while end < len(doc):
        nxt = doc[end]
        if nxt.head.i != verb.i or nxt.dep_ not in OBJECT_COMPLEMENT_DEPS:
            break
        sub = doc[nxt.left_edge.i:nxt.right_edge.i + 1]
        if any(t.ent_type_ in ("DATE", "TIME") for t in sub):
            break
        end = nxt.right_edge.i + 1
    return end


def xcomp_object_start(cue: Token, head: Token, cue_span: tuple[int, int]) -> int:
    """"urged [him to resign]", "called on [X to act]": the object of the cue (or of the
    preposition the cue takes in) is who is to act, part of the content."""
    for child in cue.children:
        if not cue.i < child.i < head.i:
            continue
        if child.dep_ == "dobj":
            return child.left_edge.i
        if child.dep_ == "prep" and child.i < cue_span[1] and prep_object(child) is not None and prep_object(child).i < head.i:
            return prep_object(child).left_edge.i
    return head.left_edge.i


# Only relative clauses: on PolNeAR train, cutting a trailing participle or apposition lost more than it won.
TRAILING_ASIDE_DEPS = ("relcl",)
QUOTE_MARKS = ("“", "”", '"', "''", "``")


def content_bounds(doc: Doc, cue: Token, rel: str, head: Token, cue_span: tuple[int, int]) -> tuple[int, int] | None:
    sent = cue.sent
    if rel == "head":
        start, end = subtree_bounds(head)
        # the content is the head clause up to where the cue's own clause begins
        cue_left = min(cue.left_edge.i, cue_span[0])
        end = min(end, cue_left)
    elif rel.startswith("prep:"):
        pobj = prep_object(head)
        if pobj is None:
            return None
        start, end = subtree_bounds(pobj)
    elif rel == "oprd":  # "called [him a loser]": object and predicate together
        obj = next((c for c in cue.children if c.dep_ == "dobj" and cue.i < c.i < head.i), None)
        start = obj.left_edge.i if obj is not None else head.left_edge.i
        end = head.right_edge.i + 1
    elif rel == "dobj":  # "expressed [regret for joining ...]": the object with what the verb adds to it
        start, end = subtree_bounds(head)
        end = object_complements_end(cue, end)
    else:
        if rel == "as":  # "quoted Kim as saying [the deal was done]"
            head = next((c for c in head.children if c.dep_ == "ccomp"), head)
        start, end = subtree_bounds(head)
        if rel == "xcomp":
            start = min(start, xcomp_object_start(cue, head, cue_span))
        conjunct = reported_conjunct(head) if rel == "ccomp" else None
        if conjunct is not None:
            cut = conjunct.i
            while cut > start and doc[cut - 1].dep_ in ("cc", "punct"):
                cut -= 1
            end = min(end, cut)
    start, end = max(start, sent.start), min(end, sent.end)
    # never let the content swallow its own cue or source
    if start <= cue_span[0] < end:
        if cue_span[0] - start > end - cue_span[1]:
            end = cue_span[0]
        else:
            start = cue_span[1]
    end = cut_trailing_aside(doc, start, end)
    start, end = trim_punct(doc, start, end)
    if start >= end:
        return None
    limit_right = sent.end if end > cue.i else cue_span[0]
    limit_left = sent.start if start < cue.i else cue_span[1]
    start, end = extend_to_quotes(doc, start, end, limit_left, limit_right)
    start, end = complete_quote(doc, start, end, cue_span)
    start, end = balance_quotes(doc, start, end)
    return (start, end) if start < end else None


def cut_trailing_aside(doc: Doc, start: int, end: int) -> int:
    """"predicted a Cruz win in Texas, which votes on March 1": a relative clause set off by a
    comma at the content's end is the writer's aside, not part of what was said (PolNeAR
    leaves it out).  Inside a quotation everything is what was said."""
    for t in doc[start + 1:end]:
        if t.dep_ not in TRAILING_ASIDE_DEPS or t.right_edge.i + 1 < end or t.head.i >= t.i:
            continue
        left = t.left_edge.i
        if start < left and doc[left - 1].text == "," and not any(q.text in QUOTE_MARKS for q in doc[left:end]):
            return left - 1
    return end


PASSIVE_LEAD_RELS = ("xcomp", "oprd", "prep:as", "acomp", "attr")


def lead_passive_subject(found: Found) -> None:
    """"[Trump] is expected [to deliver a speech]", "[a group] called [the Foundation]": with a
    passive cue the subject is part of what is said about it; PolNeAR marks it as the first
    fragment of the content."""
    cue = found.cue
    if found.rel not in PASSIVE_LEAD_RELS or found.content_span[0] < cue.i:
        return
    raising = cue.lemma_.lower() in channel_set("raising")
    subject = next((c for c in cue.children if c.i < cue.i and (c.dep_ == "nsubjpass" or raising and c.dep_ == "nsubj")), None)
    if subject is not None:
        found.lead_content = phrase_bounds(subject)
    elif cue.dep_ == "acl" and cue.tag_ == "VBN" and cue.head.i < cue.i:  # "a group [called] X"
        found.lead_content = trim_punct(cue.doc, cue.head.left_edge.i, cue.i)


PASSIVE_AGENT_PREPS = ("by",)


def passive_reason(found: Found) -> None:
    """"[Trump] has been criticized [for failing to campaign]": after a passive cue whose subject
    is the content, the cue's first preposition (not the agent's "by") says what about it."""
    cue = found.cue
    if found.rel != "passive" or found.content_span[1] > cue.i:
        return
    prep = next((c for c in cue.children if c.dep_ == "prep" and c.i > cue.i), None)
    if prep is None or prep.lower_ in PASSIVE_AGENT_PREPS or prep_object(prep) is None:
        return
    if any(t.ent_type_ in ("DATE", "TIME") for t in prep.subtree):
        return
    first = max(prep.i, found.cue_span[1])  # "was accused of [X]": a preposition in the cue stays there
    start, end = trim_punct(cue.doc, first, prep.right_edge.i + 1)
    if start < end:
        found.more_content.insert(0, (start, end))


def find_attribution(token: Token, rel: str, head: Token) -> Found | None:
    doc = token.doc
    cue_span = cue_bounds(token, head, rel)
    content = content_bounds(doc, token, rel, head, cue_span)
    if content is None and rel == "head":
        rest = head_clause_rest(doc, token, head)
        content = rest[0] if rest else None
        rel = "head-rest"
    if content is None:
        return None
    found = Found(cue=token, rel=rel, cue_span=cue_span, content_span=content)
    found.more_content = quote_continuation(doc, content, cue_span)
    if rel == "head":
        found.more_content = found.more_content or head_clause_rest(doc, token, head)
    lead_passive_subject(found)
    passive_reason(found)
    quoted = relayed_speaker(token)
    how = "relayed"
    if quoted is not None:  # "KCNA quoted Kim as saying": Kim speaks, KCNA relays
        found.channel = subject_of(token)
        source = quoted
    else:
        source, how = find_source(token, rel)
    if found.lead_content and source is not None and found.lead_content[0] <= source.i < found.lead_content[1]:
        source = None  # the passive subject is what is expected, not who expects it
    if source is not None and not (content[0] <= source.i < content[1]):
        found.source = source
        found.source_span = phrase_bounds(source)
        if how == "compound":  # "[Western intelligence] reports": the modifiers before the compound
            mods = [c.i for c in token.children if c.dep_ in ("amod", "nmod") and c.i < source.i]
            if mods:
                found.source_span = (min(mods + [found.source_span[0]]), found.source_span[1])
        if found.source_span[0] < cue_span[1] <= found.source_span[1]:
            found.source_span = (found.source_span[0], cue_span[0])
    return found


def head_clause_rest(doc: Doc, cue: Token, head: Token) -> list[tuple[int, int]]:
    """"For black voters, he said, their experience told them ...": the clause resumes after the cue."""
    start = cue.right_edge.i + 1
    end = min(head.right_edge.i + 1, cue.sent.end)
    start, end = trim_punct(doc, start, end)
    if start >= end or head.i < cue.i and not any(t.head.i == head.i or t.i == head.i for t in doc[start:end]):
        return []
    return [extend_to_quotes(doc, start, end, start, cue.sent.end)]
