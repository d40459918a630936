"""Which tokens are cues, and which of the attributions found on the parse stand.

A token whose (lemma, POS, content relation) the learned lexicon (data/cues.tsv,
from PolNeAR train) scores high enough is a cue; stance-bearing verbs the
lexicon never saw (data/stance.tsv) are cues by some relations; the fixed
constructions (constructions.py) are cues by construction.  The attributions
kept are then folded: a colon reading replaces the parse's, "according to"
folds into the statement it hangs off, "citing X" and "as saying" into the
statement that carries them, a contrasting clause ends the content before it.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from claimledger.pipeline.attribution.constructions import (
    BYLINE_DASHES,
    according_to,
    dash_byline,
    headline_colon,
    headline_verb,
    in_source,
    orphan_quote_cue,
    verb_colon,
)
from claimledger.pipeline.attribution.layout import first_line_end
from claimledger.pipeline.attribution.lexicon import channel_set, cue_lexicon, cue_thresholds
from claimledger.stances import stance_of, stance_table
from claimledger.pipeline.attribution.parse import content_relation, contrast_clause, is_infinitive, prep_object
from claimledger.pipeline.attribution.quotes import quoted_tokens
from claimledger.pipeline.attribution.sources import orphan_subject, phrase_bounds
from claimledger.pipeline.attribution.spans import Found, cue_bounds, find_attribution, trim_punct


# A learned (lemma, POS, relation) is a cue when P(cue | it) and its count reach these
# (MIN_P only for relation groups that data/stance_cue_thresholds.tsv does not tune).
MIN_P = 0.5
MIN_CUE = 2
# Relations by which a stance-bearing lemma unseen in training is still taken as a cue.
FALLBACK_RELATIONS = ("ccomp", "that")
# only for stances other than plain "assert"; xcomp: a gerund complement ("denied losing the town"),
# to-infinitives fall in the "xcomp-inf" group, which the tuned thresholds keep out
FALLBACK_OBJECT_RELATIONS = ("dobj", "xcomp")


def cue_score(token: Token, rel: str, min_cue: int = MIN_CUE) -> float | None:
    """P(cue | lemma, POS, relation) from the learned lexicon; 1.0 for a stance-bearing
    lemma the lexicon never saw; None when the token is no cue candidate."""
    lemma = token.lemma_.lower()
    entry = cue_lexicon().get((lemma, token.pos_, rel))
    if entry is not None:
        return entry.p if entry.cue >= min_cue else None
    if lemma not in stance_table():
        return None
    if rel in FALLBACK_RELATIONS or rel in FALLBACK_OBJECT_RELATIONS and stance_of(lemma) != "assert":
        return 1.0
    return None


def relation_group(rel: str) -> str:
    """Thresholds are tuned per kind of content relation (all prepositions together)."""
    return "prep" if rel.startswith("prep:") else rel


def candidates(doc: Doc, min_cue: int = MIN_CUE) -> list[tuple[Found, str, float]]:
    """Every attribution the parse allows, with its relation group and cue score."""
    out = []
    quoted = quoted_tokens(doc)
    headline_end = first_line_end(doc)
    for token in doc:
        if token.i in quoted:  # "I think ..." inside a quotation is part of the quoted speech
            continue
        if token.i > 0 and doc[token.i - 1].text in ("<", "</"):  # markup left in the text: "<tweet author=...>"
            continue
        if token.lower_ == "according":
            hit, group, score = according_to(doc, token), "according", 1.0
        elif token.lower_ == "in" and token.dep_ == "prep" and in_source(doc, token) is not None:
            hit, group, score = in_source(doc, token), "in-source", 1.0
        elif token.i < headline_end and token.is_title and headline_verb(doc, token) is not None:
            hit, group, score = headline_verb(doc, token), "headline-verb", 1.0
        elif token.text in BYLINE_DASHES:
            hit, group, score = dash_byline(doc, token), "byline", 1.0
        elif token.text == ":":
            hit, group, score = headline_colon(doc, token), "colon", 1.0
            if hit is None:
                hit, group = verb_colon(doc, token), "colon-verb"
        else:
            relation = content_relation(token)
            if relation is not None and relation[0].startswith("prep:") and token.pos_ == "VERB" \
                    and orphan_quote_cue(token) is not None:
                relation = None  # "“...,” Smith said in an interview": the quote is the content, not the interview
            if relation is None:
                score = cue_score(token, "ccomp", min_cue) if token.pos_ == "VERB" else None
                hit, group = (orphan(token) if score is not None else None), "orphan"
            else:
                score = cue_score(token, relation[0], min_cue)
                if score is None:
                    continue
                hit, group = find_attribution(token, *relation), relation_group(relation[0])
                if is_infinitive(token):
                    group += "-inf"  # "refused [to condemn] X": thresholds apart, the governor usually carries the cue
        if hit is not None and score is not None:
            join_light_verb(hit)
            out.append((hit, group, score))
    return out


def find_attributions(doc: Doc, min_p: float = MIN_P, min_cue: int = MIN_CUE) -> list[Found]:
    thresholds = cue_thresholds()
    kept = [f for f, group, score in candidates(doc, min_cue) if score >= thresholds.get(group, min_p)]
    return cut_trailing_statements(fold_according(drop_folded(drop_before_colon(kept))))


def cut_trailing_statements(found: list[Found]) -> list[Found]:
    """"X estimated that A had fled, while agencies warned that B": the parser hangs the
    contrasting clause inside X's content, but it is a statement of its own (with its own speaker):
    X's content ends before it."""
    for f in found:
        start, end = f.content_span
        for g in found:
            if g is f or not (start < g.cue.i < end) or not contrast_clause(g.cue):
                continue
            if g.source is None or not (start <= g.source.i < end):
                continue
            left = min(g.cue.left_edge.i, g.source_span[0] if g.source_span else g.cue.i)
            if left <= start:
                continue
            cut, _ = trim_punct(f.cue.doc, start, left)[1], None
            end = min(end, cut)
        if end != f.content_span[1]:
            f.content_span = (start, end)
    return found


def drop_before_colon(found: list[Found]) -> list[Found]:
    """A verb whose clause ends in a colon speaks what follows it, not its own object
    ("released the following statement: ..."): that reading replaces the parse's."""
    colon_verbs = {f.cue.i for f in found if f.rel == "colon-verb"}
    return [f for f in found if f.rel == "colon-verb" or f.cue.i not in colon_verbs]


def fold_according(found: list[Found]) -> list[Found]:
    """"X said Y, according to a post by Z": the clause already has a speech cue, so Z is the
    channel of X's statement, not the source of a second one whose content holds "said".
    Words inside an according-to source ("a post on its channel") are never cues themselves."""
    according = [f for f in found if f.rel == "according"]
    in_sources = {i for f in according for i in range(*f.source_span)} if according else set()
    others = [f for f in found if f.rel != "according" and f.cue.i not in in_sources]
    keep = list(others)
    speech_acts = stance_table()
    for f in according:
        # only a speech act that "according to" hangs off: "officers saw ..., according to police"
        # and "plans to visit, according to an aide" stay the source's statements (PolNeAR nests them)
        host = next((o for o in others if o.cue.i == f.cue.head.i and o.cue.lemma_.lower() in speech_acts), None)
        if host is None:
            keep.append(f)
        else:
            host.also_via.append(message_owner(f.source))
    keep.sort(key=lambda f: f.cue.i)
    return keep


def drop_folded(found: list[Found]) -> list[Found]:
    """Leave out cues already folded into another statement as its channel or
    complement: "citing officials" (the source of "reported") and the "saying"
    of "quoted Kim as saying"."""
    cue_tokens = {f.cue.i for f in found}
    keep = []
    for f in found:
        cue = f.cue
        citing = cue.lemma_.lower() in channel_set("citing") and cue.head.i in cue_tokens and cue.dep_ != "ROOT"
        as_saying = cue.dep_ == "pcomp" and cue.head.lower_ == "as" and cue.head.head.i in cue_tokens
        if not (citing or as_saying):
            keep.append(f)
    return keep


def message_owner(noun: Token) -> Token:
    """"a statement by the governor" relays through the governor; any other phrase is itself the channel."""
    if noun.lemma_.lower() in channel_set("message"):
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in ("by", "from", "on"):
                owner = prep_object(child)
                if owner is not None:
                    return owner
    return noun


def orphan(token: Token) -> Found | None:
    """A speech verb standing alone after the quote it introduces ("…?” Rubio said.")."""
    content = orphan_quote_cue(token)
    if content is None:
        return None
    cue_span = cue_bounds(token, token, "orphan")
    found = Found(cue=token, rel="orphan", cue_span=cue_span, content_span=content)
    source = orphan_subject(token)
    if source is not None:
        found.source, found.source_span = source, phrase_bounds(source)
    return found


def join_light_verb(found: Found) -> None:
    """"gave the first official confirmation that ...": the carrying verb joins the nominal cue."""
    cue = found.cue
    if cue.pos_ == "NOUN" and cue.dep_ == "dobj" and cue.head.lemma_ in channel_set("light") and cue.head.i < cue.i:
        found.cue_span = (cue.head.i, found.cue_span[1])
