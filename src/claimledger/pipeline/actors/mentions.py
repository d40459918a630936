"""Candidate actor mentions: the record the finders return, and what they share about a Doc.

The finders (people.py, governments.py, organisations.py) each return
`Candidate`s; claimledger_actors merges candidates that share a key into one
entity.  Keys: ("person", normalised name) — merged later by name containment —,
("government"|"military", country), and ("named", normalised name) for
organisations, media and groups.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from claimledger.pipeline.actors import known as data
from claimledger.pipeline.actors import lexicon as lex


@dataclass
class Candidate:
    key: tuple
    type: str
    name: str
    country: str | None
    start: int  # character offsets of the mention
    end: int
    text: str
    head: int  # token index of the mention's syntactic head
    role: str | None = None
    is_name: bool = True  # False for pronouns and descriptions (not aliases)


# where the credit of a caption starts: a credit label, or a "/" between agency and photographer
CREDIT_LABEL = re.compile(r"\b(?:photo(?:graph)?s?|images?|pictures?|credits?|illustration|footage|video)\s*:|/",
                          re.IGNORECASE)


@dataclass
class Context:
    """What the finders share about one document."""

    doc: Doc
    day: str | None
    captions: list[tuple[int, int]]
    in_quote: list[bool]
    country_refs: list[tuple[int, str]]  # (token index, alpha-2) of every country reference, in order
    place_like_persons: list[Span]
    ents: list[Span]  # doc.ents, built once (the property builds new spans on every access)
    sentence_of: list[int]  # token index -> sentence number
    person_tokens: set = None  # tokens taken as person names (other finders leave them alone)

    def in_caption(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.captions)

    def in_credit(self, start: int) -> bool:
        """Whether a position lies in the credit part of a caption ('Photo: EPA-EFE/JOHN DOE')."""
        for s, e in self.captions:
            if s <= start < e:
                label = CREDIT_LABEL.search(self.doc.text, s, e)
                return label is not None and label.start() <= start
        return False

    def focus_country(self, before: int) -> str | None:
        """The country in focus: the nearest country reference before token `before`."""
        found = None
        for i, code in self.country_refs:
            if i >= before:
                break
            found = code
        return found


def _quote_flags(doc: Doc) -> list[bool]:
    flags, inside = [], False
    for token in doc:
        text = token.text
        if text in ("“", "‘"):
            inside = True
        elif text in ("”", "’") and token.tag_ != "POS":
            flags.append(inside)
            inside = False
            continue
        elif text == '"':
            inside = not inside
        flags.append(inside)
    return flags


def _captions(doc: Doc) -> list[tuple[int, int]]:
    spans = doc._.captions
    if spans is None:
        from claimledger.read.captions import find_captions  # readers own caption detection

        spans = [(c.start, c.end) for c in find_captions(doc.text)]
    return [(s.start, s.end) if hasattr(s, "start") else tuple(s) for s in spans]


def _country_refs(doc: Doc) -> list[tuple[int, str]]:
    refs, i = [], 0
    while i < len(doc):
        token = doc[i]
        if token.is_title or token.is_upper:
            hit = lex.country_at(doc, i)
            if hit and hit[1] >= i:
                refs.append((hit[1], hit[0]))
                i = hit[2]
                continue
            capital = data.capitals().get(data.normalise_name(token.text)) if token.ent_type_ else None
            if capital:
                refs.append((i, capital))
        i += 1
    return refs


def make_context(doc: Doc) -> Context:
    published = doc._.published
    return Context(
        doc=doc,
        day=str(published)[:10] if published else None,
        captions=_captions(doc),
        in_quote=_quote_flags(doc),
        country_refs=_country_refs(doc),
        place_like_persons=[],
        ents=list(doc.ents),
        sentence_of=_sentence_numbers(doc),
        person_tokens=set(),
    )


def _sentence_numbers(doc: Doc) -> list[int]:
    numbers = [0] * len(doc)
    if not doc.has_annotation("SENT_START"):
        return numbers
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            numbers[i] = n
    return numbers


def candidate(span: Span, key: tuple, etype: str, name: str, country: str | None, head: Token,
              role: str | None = None, is_name: bool = True) -> Candidate:
    return Candidate(key, etype, name, country, span.start_char, span.end_char, span.text, head.i, role, is_name)


# --- agent position -------------------------------------------------------------------------

def is_agent_position(token: Token) -> bool:
    """Whether a noun acts: subject of a verb, possessor of a report noun, by-agent, source of a report."""
    dep, head = token.dep_, token.head
    if dep == "conj" and head.i != token.i:
        return is_agent_position(head)
    if dep == "nsubj":
        if head.lemma_ == "be":  # 'Moscow was ready for talks' acts; 'Russia is vast' does not
            return any(c.dep_ == "acomp" and c.lower_ in lex.rule_words("stance_adjectives") for c in head.children)
        return head.pos_ in ("VERB", "AUX") and head.lemma_ not in lex.rule_words("agent_verbs_excluded")
    if dep == "poss":
        return head.lower_ in lex.rule_words("report_nouns")
    if dep == "compound":
        return head.lower_ in lex.rule_words("report_nouns") and head.dep_ != "compound"
    if dep == "pobj":
        prep = head
        if prep.lower_ == "by" and prep.dep_ == "agent":
            return True
        if prep.lower_ == "from" and prep.head.lower_ in lex.rule_words("report_nouns"):
            return True
        if prep.lower_ == "to" and prep.head.lower_ == "according":
            return True
    return False


LOCATIVE_PREPOSITIONS = ("in", "at", "to", "from", "near", "into", "across", "outside", "inside")


def government_key(country: str, etype: str = "government") -> tuple:
    return (etype, country)


def collective_name(etype: str, country: str) -> str:
    pattern = data.rules()["collective_names"].get(etype, "{country}")
    return pattern.format(country=data.country_short_name(country))


def government(span: Span, country: str, head: Token, etype: str = "government") -> Candidate:
    return candidate(span, government_key(country, etype), etype, collective_name(etype, country), country, head)


def named_key(name: str) -> tuple:
    """Organisations, media and groups are one actor per normalised name without its legal form
    ('Apple Inc.' = 'Apple'); the type is settled when the entity is built."""
    words = data.normalise_name(name).split()
    while len(words) > 1 and words[-1] in lex.rule_words("legal_forms"):
        words.pop()
    return ("named", " ".join(words))
