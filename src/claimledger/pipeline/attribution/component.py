"""claimledger_attribution: statements (who said what, how, when, relayed by whom).

Cues come from the parse (attribution_rules) filtered by the lexicon learned
from PolNeAR train (data/cues.tsv) and by the stance table (data/stance.tsv,
for stance-bearing verbs PolNeAR rarely saw).  Each attribution becomes a
model.Statement: the speaker is linked to the actor whose mention covers the
source's head (doc._.cl_entities, from claimledger_actors); channels, date,
hedges and negation are read off the same parse.
"""
from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc, Token

from claimledger.pipeline import extensions  # noqa: F401
from claimledger.model import Speaker, Statement, content_hash, stable_id
from claimledger.pipeline.attribution.lexicon import (
    channel_set,
    cue_lexicon,
    cue_thresholds,
    date_words,
    hedge_words,
    stance_of,
    stance_table,
)
from claimledger.pipeline.attribution import rules

log = logging.getLogger(__name__)

# A learned (lemma, POS, relation) is a cue when P(cue | it) and its count reach these
# (MIN_P only for relation groups that data/stance_cue_thresholds.tsv does not tune).
MIN_P = 0.5
MIN_CUE = 2
# Relations by which a stance-bearing lemma unseen in training is still taken as a cue.
FALLBACK_RELATIONS = ("ccomp", "that")
# only for stances other than plain "assert"; xcomp: a gerund complement ("denied losing the town"),
# to-infinitives fall in the "xcomp-inf" group, which the tuned thresholds keep out
FALLBACK_OBJECT_RELATIONS = ("dobj", "xcomp")


@Language.factory("claimledger_attribution", default_config={"min_p": MIN_P, "min_cue": MIN_CUE})
def make_attribution(nlp: Language, name: str, min_p: float, min_cue: int):
    return AttributionComponent(min_p=min_p, min_cue=min_cue)


class AttributionComponent:
    def __init__(self, min_p: float = MIN_P, min_cue: int = MIN_CUE):
        self.min_p = min_p
        self.min_cue = min_cue

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.cl_statements = statements(doc, self.min_p, self.min_cue)
        except (ValueError, IndexError, KeyError, AttributeError) as err:  # one bad document must not stop a batch
            log.warning("attribution failed on a document: %s", err)
            doc._.cl_statements = []
        return doc


# --- which tokens are cues ---------------------------------------------------

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


def candidates(doc: Doc, min_cue: int = MIN_CUE) -> list[tuple[rules.Found, str, float]]:
    """Every attribution the parse allows, with its relation group and cue score."""
    out = []
    quoted = rules.quoted_tokens(doc)
    headline_end = rules.first_line_end(doc)
    for token in doc:
        if token.i in quoted:  # "I think ..." inside a quotation is part of the quoted speech
            continue
        if token.i > 0 and doc[token.i - 1].text in ("<", "</"):  # markup left in the text: "<tweet author=...>"
            continue
        if token.lower_ == "according":
            hit, group, score = rules.according_to(doc, token), "according", 1.0
        elif token.lower_ == "in" and token.dep_ == "prep" and rules.in_source(doc, token) is not None:
            hit, group, score = rules.in_source(doc, token), "in-source", 1.0
        elif token.i < headline_end and token.is_title and rules.headline_verb(doc, token) is not None:
            hit, group, score = rules.headline_verb(doc, token), "headline-verb", 1.0
        elif token.text in rules.BYLINE_DASHES:
            hit, group, score = rules.dash_byline(doc, token), "byline", 1.0
        elif token.text == ":":
            hit, group, score = rules.headline_colon(doc, token), "colon", 1.0
            if hit is None:
                hit, group = rules.verb_colon(doc, token), "colon-verb"
        else:
            relation = rules.content_relation(token)
            if relation is not None and relation[0].startswith("prep:") and token.pos_ == "VERB" \
                    and rules.orphan_quote_cue(token) is not None:
                relation = None  # "“...,” Smith said in an interview": the quote is the content, not the interview
            if relation is None:
                score = cue_score(token, "ccomp", min_cue) if token.pos_ == "VERB" else None
                hit, group = (orphan(token) if score is not None else None), "orphan"
            else:
                score = cue_score(token, relation[0], min_cue)
                if score is None:
                    continue
                hit, group = rules.find_attribution(token, *relation), relation_group(relation[0])
                if rules.is_infinitive(token):
                    group += "-inf"  # "refused [to condemn] X": thresholds apart, the governor usually carries the cue
        if hit is not None and score is not None:
            join_light_verb(hit)
            out.append((hit, group, score))
    return out


def find_attributions(doc: Doc, min_p: float = MIN_P, min_cue: int = MIN_CUE) -> list[rules.Found]:
    thresholds = cue_thresholds()
    kept = [f for f, group, score in candidates(doc, min_cue) if score >= thresholds.get(group, min_p)]
    return cut_trailing_statements(fold_according(drop_folded(drop_before_colon(kept))))


def cut_trailing_statements(found: list[rules.Found]) -> list[rules.Found]:
    """"X estimated that A had fled, while agencies warned that B": the parser hangs the
    contrasting clause inside X's content, but it is a statement of its own (with its own speaker):
    X's content ends before it."""
    for f in found:
        start, end = f.content_span
        for g in found:
            if g is f or not (start < g.cue.i < end) or not rules.contrast_clause(g.cue):
                continue
            if g.source is None or not (start <= g.source.i < end):
                continue
            left = min(g.cue.left_edge.i, g.source_span[0] if g.source_span else g.cue.i)
            if left <= start:
                continue
            cut, _ = rules.trim_punct(f.cue.doc, start, left)[1], None
            end = min(end, cut)
        if end != f.content_span[1]:
            f.content_span = (start, end)
    return found


def drop_before_colon(found: list[rules.Found]) -> list[rules.Found]:
    """A verb whose clause ends in a colon speaks what follows it, not its own object
    ("released the following statement: ..."): that reading replaces the parse's."""
    colon_verbs = {f.cue.i for f in found if f.rel == "colon-verb"}
    return [f for f in found if f.rel == "colon-verb" or f.cue.i not in colon_verbs]


def fold_according(found: list[rules.Found]) -> list[rules.Found]:
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


def drop_folded(found: list[rules.Found]) -> list[rules.Found]:
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
                owner = rules._pobj(child)
                if owner is not None:
                    return owner
    return noun


def orphan(token: Token) -> rules.Found | None:
    """A speech verb standing alone after the quote it introduces ("…?” Rubio said.")."""
    content = rules.orphan_quote_cue(token)
    if content is None:
        return None
    cue_span = rules.cue_bounds(token, token, "orphan")
    found = rules.Found(cue=token, rel="orphan", cue_span=cue_span, content_span=content)
    source = rules.orphan_subject(token)
    if source is not None:
        found.source, found.source_span = source, rules.phrase_bounds(source)
    return found


def join_light_verb(found: rules.Found) -> None:
    """"gave the first official confirmation that ...": the carrying verb joins the nominal cue."""
    cue = found.cue
    if cue.pos_ == "NOUN" and cue.dep_ == "dobj" and cue.head.lemma_ in channel_set("light") and cue.head.i < cue.i:
        found.cue_span = (cue.head.i, found.cue_span[1])


# --- from parse to Statement -------------------------------------------------

def statements(doc: Doc, min_p: float = MIN_P, min_cue: int = MIN_CUE) -> list[Statement]:
    doc_id = doc._.article_id or content_hash(doc.text)
    entities = doc._.cl_entities or []
    found = find_attributions(doc, min_p, min_cue)
    contents = [f.content_span for f in found]
    return [to_statement(doc, doc_id, f, entities, contents) for f in found]


def to_statement(doc: Doc, doc_id: str, found: rules.Found, entities,
                 contents: list[tuple[int, int]] = ()) -> Statement:
    cue = doc[found.cue_span[0]:found.cue_span[1]]
    content = doc[found.content_span[0]:found.content_span[1]]
    source, channels = speaker_and_channels(doc, found)
    speaker = make_speaker(doc, source, entities)
    return Statement(
        id=stable_id(doc_id, cue.start_char),
        speaker=speaker,
        cue={"text": cue.text, "lemma": found.cue.lemma_.lower(), "start": cue.start_char, "end": cue.end_char},
        content=content_record(doc, found),
        kind=quote_kind(content),
        stance=stance_of(found.cue.lemma_),
        via=relays(doc, channels, speaker, entities),
        date=statement_date(doc, found, [c for c in contents if c != found.content_span]),
        hedges=hedges(doc, found),
        negated=content_negated(doc, found),
    )


def content_record(doc: Doc, found: rules.Found) -> dict:
    """The content span; a quote continued after the cue also lists its fragments."""
    content = doc[found.content_span[0]:found.content_span[1]]
    record = {"text": content.text, "start": content.start_char, "end": content.end_char}
    if found.more_content or found.lead_content:
        lead = [doc[found.lead_content[0]:found.lead_content[1]]] if found.lead_content else []
        spans = lead + [content] + [doc[s:e] for s, e in found.more_content]
        record["fragments"] = [[span.start_char, span.end_char] for span in spans]
    return record


def speaker_and_channels(doc: Doc, found: rules.Found) -> tuple[tuple[Token, tuple[int, int]] | None, list[Token]]:
    """The speaker's head and phrase, and the channels that relayed the statement."""
    source = (found.source, found.source_span) if found.source is not None else None
    channels: list[Token] = []
    if found.channel is not None:
        channels.append(found.channel)
    channels.extend(found.also_via)
    cited = citing_source(found.cue)
    if cited is not None and source is not None:  # "Reuters reported, citing officials"
        channels.append(source[0])
        source = (cited, rules.phrase_bounds(cited))
    publisher = publishing_channel(found.cue)
    if publisher is not None:
        channels.append(publisher)
    channels.extend(message_channels(found.cue))
    if rules._subject(found.cue) is None and found.cue.dep_ in rules.INHERIT_SUBJECT_DEPS:
        channels.extend(message_channels(found.cue.head))  # "said in a statement released by X, adding"
    if source is not None:
        channels = [c for c in channels if c.i != source[0].i]
    seen, unique = set(), []
    for c in channels:
        if c.i not in seen:
            seen.add(c.i)
            unique.append(c)
    return source, unique


def citing_source(cue: Token) -> Token | None:
    for child in cue.children:
        if child.dep_ in ("advcl", "xcomp", "conj") and child.lemma_.lower() in channel_set("citing") and child.tag_ == "VBG":
            obj = next((c for c in child.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj
    return None


def publishing_channel(cue: Token) -> Token | None:
    """"KCNA published a statement from X ... confirming that": KCNA carried X's statement."""
    node = cue
    for _ in range(3):
        if node.head.i == node.i:
            return None
        head = node.head
        if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in channel_set("publish"):
            return rules._subject(head)
        if node.dep_ not in rules.INHERIT_SUBJECT_DEPS + ("dobj",):
            return None
        node = head
    return None


def message_channels(cue: Token) -> list[Token]:
    """"said in a statement released by the Kremlin": the Kremlin relayed it."""
    out = []
    for prep in cue.children:
        if prep.dep_ != "prep":
            continue
        noun = rules._pobj(prep)
        if noun is None or noun.lemma_.lower() not in channel_set("message"):
            continue
        for child in noun.children:
            if child.dep_ in ("acl", "relcl"):
                agent = rules._agent(child)
                if agent is not None:
                    out.append(agent)
            elif child.dep_ == "prep" and child.lower_ in ("by", "from", "on"):
                pobj = rules._pobj(child)
                if pobj is not None:
                    out.append(pobj)
    return out


def linked_entity(doc: Doc, head: Token, span: tuple[int, int], entities):
    """The actor whose mention covers the source head, else any mention inside the source phrase."""
    head_start, head_end = head.idx, head.idx + len(head.text)
    start, end = doc[span[0]].idx, doc[span[1] - 1].idx + len(doc[span[1] - 1].text)
    inside = []
    for entity in entities:
        for m in entity.mentions:
            if m.start <= head_start and head_end <= m.end:
                return entity
            if start <= m.start and m.end <= end:
                inside.append((_is_possessor(doc, m), m.start, entity))
    # "Russia's state news agency TASS": the possessor only qualifies the phrase; TASS names it
    return min(inside, key=lambda c: (c[0], c[1]))[2] if inside else None


def _is_possessor(doc: Doc, mention) -> bool:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and (span[-1].dep_ == "poss" or (span.end < len(doc) and doc[span.end].tag_ == "POS"))


def make_speaker(doc: Doc, source, entities) -> Speaker | None:
    if source is None:
        return None
    head, span = source
    phrase = doc[span[0]:span[1]]
    entity = linked_entity(doc, head, span, entities)
    if entity is None:
        return Speaker(name=phrase.text, entity_id=None, country=None, start=phrase.start_char, end=phrase.end_char)
    return Speaker(name=entity.name, entity_id=entity.id, country=entity.country,
                   start=phrase.start_char, end=phrase.end_char)


def relays(doc: Doc, channels: list[Token], speaker: Speaker | None, entities) -> list[str]:
    """Channel names, less the speaker itself ("on its own channel" relays nothing)."""
    names = [channel_name(doc, c, entities) for c in channels]
    own = speaker.name if speaker is not None else None
    return list(dict.fromkeys(n for n in names if n != own))


def channel_name(doc: Doc, token: Token, entities) -> str:
    entity = linked_entity(doc, token, rules.phrase_bounds(token), entities)
    if entity is not None:
        return entity.name
    if token.pos_ == "PROPN":  # the name itself, not "North Korean state news agency KCNA"
        start = end = token.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i == token.i:
            start -= 1
        return doc[start:end + 1].text
    span = rules.phrase_bounds(token)
    words = [t for t in doc[span[0]:span[1]] if t.dep_ != "det" or t.i > token.i]
    return " ".join(t.text for t in words) if words else token.text


# --- kind, hedges, negation, date ------------------------------------------

def quote_kind(content) -> str:
    quotes = [t for t in content if t.text in rules.QUOTES and t.text != "'" or (t.text == "'" and t.is_quote)]
    if not quotes:
        return "indirect"
    if content[0].text in rules.OPEN_QUOTES and content[-1].text in rules.CLOSE_QUOTES and len(quotes) == 2:
        return "direct"
    return "mixed"


def content_root(doc: Doc, found: rules.Found) -> Token:
    return doc[found.content_span[0]:found.content_span[1]].root


def hedges(doc: Doc, found: rules.Found) -> list[str]:
    words = hedge_words()
    out = [c.lower_ for c in found.cue.children if c.dep_ in ("advmod", "aux") and c.lower_ in words]
    if any(c.dep_ == "neg" for c in found.cue.children):
        out.append("not")  # a negated cue ("did not confirm") weakens what is said
    root = content_root(doc, found)
    out += [c.lower_ for c in root.children if c.dep_ in ("advmod", "aux") and c.lower_ in words]
    return list(dict.fromkeys(out))


def content_negated(doc: Doc, found: rules.Found) -> bool:
    root = content_root(doc, found)
    return any(c.dep_ == "neg" for c in root.children)


def date_governors(cue: Token, contents: list[tuple[int, int]] = ()) -> list[Token]:
    """The cue and the verbs whose time it shares: the verb a participle hangs off
    ("published ... on Monday confirming"), the main clause of an as/while clause --
    but never a verb inside another statement's content ("estimated that X had fled
    since April, while agencies warned ...": April is not when they warned)."""
    marks = date_words().get("shared_time_mark", frozenset())
    out = [cue]
    node = cue
    for _ in range(3):
        if node.head.i == node.i or any(s <= node.head.i < e for s, e in contents):
            break
        participle = node.tag_ in ("VBG", "VBN") and rules._subject(node) is None
        shares_time = node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks for c in node.children)
        if not (participle and node.dep_ in rules.INHERIT_SUBJECT_DEPS or shares_time or node.pos_ == "NOUN"):
            break
        node = node.head
        out.append(node)
    return out


def statement_date(doc: Doc, found: rules.Found, contents: list[tuple[int, int]] = ()) -> dict | None:
    dates = [d for d in (doc._.cl_dates or []) if d.value]
    if not dates:
        return None
    deps = date_words().get("date_dep", frozenset())
    c_start = doc[found.content_span[0]].idx
    c_end = doc[found.content_span[1] - 1].idx + len(doc[found.content_span[1] - 1].text)
    for governor in date_governors(found.cue, contents):
        for child in governor.children:
            if child.dep_ not in deps:
                continue
            anchor = rules._pobj(child) if child.dep_ == "prep" else child
            if anchor is None or c_start <= anchor.idx < c_end:  # never from inside the content
                continue
            for d in dates:  # the date must be this dependent itself, not a clause below it
                if d.start <= anchor.idx < d.end:
                    return {"value": d.value, "precision": d.precision}
    return None

