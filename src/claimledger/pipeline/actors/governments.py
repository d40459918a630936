"""Governments and militaries: toponyms standing for a government, seats of government, collectives.

"Pyongyang confirmed", "the Kremlin announced", the places component's metonyms
(doc._.cl_metonyms), "the Russian military", "North Korea's leadership".
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from claimledger.pipeline.actors import known as data
from claimledger.pipeline.actors import lexicon as lex
from claimledger.pipeline.actors.mentions import (
    LOCATIVE_PREPOSITIONS,
    Candidate,
    Context,
    government,
    is_agent_position,
)


def reported_metonyms(ctx: Context) -> list[Candidate]:
    """Toponyms the places component found standing for a government (doc._.cl_metonyms)."""
    found = []
    for item in ctx.doc._.cl_metonyms or []:
        get = item.get if isinstance(item, dict) else (lambda k, _i=item: getattr(_i, k, None))
        start, end, country = get("start"), get("end"), get("country")
        span = ctx.doc.char_span(start, end, alignment_mode="expand") if start is not None else None
        if span is None or not country or any(t.i in ctx.person_tokens for t in span):
            continue
        # only a country's name or capital stands for its government ('the West' is no region of Cameroon)
        if lex.government_country(lex.strip_determiner(lex.strip_possessive(span)).text) == country:
            found.append(government(span, country, span.root))
    return found


def _literal_place(token: Token) -> bool:
    """A seat of government used as a place: after a locative preposition or as the object of a
    verb of movement."""
    if token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPOSITIONS:
        return True
    return token.dep_ == "dobj" and token.head.lemma_ in data.rules()["place_verbs"]


def seat_candidates(ctx: Context, matcher) -> list[Candidate]:
    """Seats of government: 'the Kremlin announced' -> Government of Russia."""
    found = []
    seats = data.seat_metonyms()
    for _, start, end in matcher(ctx.doc):
        span = ctx.doc[start:end]
        if _literal_place(span.root):
            continue  # 'leaves Downing Street', 'talks at the White House': the building itself
        country, etype = seats[" ".join(t.text for t in span)]
        if start > 0 and ctx.doc[start - 1].lower_ == "the":
            span = ctx.doc[start - 1:end]
        found.append(government(span, country, span.root, etype))
    return found


def _unlabelled_toponyms(doc: Doc) -> list[Span]:
    """Capitalised country names / capitals the entity recogniser left out ('Kyiv later denied')."""
    found, i = [], 0
    while i < len(doc):
        token = doc[i]
        if token.ent_type_ or not token.is_title or token.pos_ != "PROPN":
            i += 1
            continue
        two = doc[i:i + 2]
        if len(two) == 2 and not two[1].ent_type_ and lex.government_country(two.text):
            found.append(two)
            i += 2
            continue
        if lex.government_country(token.text):
            found.append(doc[i:i + 1])
        i += 1
    return found


def toponym_agents(ctx: Context) -> list[Candidate]:
    """Country names and capitals in agent position: 'Pyongyang confirmed', 'Russia's claims'."""
    found = []
    spans = [e for e in ctx.ents if e.label_ == "GPE"] + ctx.place_like_persons + _unlabelled_toponyms(ctx.doc)
    for ent in spans:
        if ent.start in ctx.person_tokens:
            continue
        span = lex.strip_possessive(ent)
        span = lex.strip_determiner(span)
        country = lex.government_country(span.text)
        if country and is_agent_position(span.root):
            found.append(government(span, country, span.root))
    return found


def _modifier_country(ctx: Context, head: Token) -> tuple[str | None, int]:
    """Country of a collective noun from its modifiers ('the Russian military', "North Korea's
    leadership", "the country's Central Military Commission"), and the phrase's first token."""
    doc, left = ctx.doc, head.i
    for child in head.lefts:
        if child.dep_ in ("amod", "compound", "poss", "nmod", "det"):
            left = min(left, child.left_edge.i)
    country = None
    for child in head.lefts:
        if child.dep_ == "poss" and child.lower_ == "country" and any(t.lower_ == "the" for t in child.lefts):
            country = ctx.focus_country(child.i)
        elif child.dep_ in ("amod", "compound", "poss", "nmod"):
            phrase = doc[child.left_edge.i:child.right_edge.i + 1]
            countries = lex.countries_in(phrase)
            country = country or (countries[0] if countries else _leader_country(phrase, ctx.day))
    return country, left


def _leader_country(phrase: Span, day: str | None) -> str | None:
    """'the Obama administration': the country a known head of government led."""
    if phrase.root.ent_type_ != "PERSON":
        return None
    known = data.lookup_actor(lex.strip_possessive(phrase).text, day, etype="person")
    return known.country if known is not None and known.role == "GOV" else None


def collective_candidates(ctx: Context) -> list[Candidate]:
    """'the Russian military' -> Military of Russia; "North Korea's leadership" -> Government of North Korea."""
    heads = data.rules()["collective_heads"]
    found = []
    for token in ctx.doc:
        if token.pos_ not in ("NOUN", "PROPN") or token.dep_ == "compound":
            continue
        word = token.lower_
        prev = token.nbor(-1).lower_ if token.i > 0 else ""
        etype = heads.get(f"{prev} {word}") or heads.get(word)
        if not etype or word.startswith("_"):
            continue
        country, left = _modifier_country(ctx, token)
        if country:
            span = ctx.doc[left:token.i + 1]
            found.append(government(span, country, token, etype))
    return found
