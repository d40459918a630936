"""A claim's frame: who did what to whom, where, when, how many, said how.

Read off the parse of the claim's proposition (proposition.py): the predicate's lemma (with
its particle: "break up"; a copula's complement: "dead"), agent (the subject, or a passive's
"by" phrase), patient (the object, or a passive's subject), target (the object of a directional
preposition: "sent troops *to Russia*"), place, time and quantity (the places, dates and
quantities components' records inside it), polarity (a negation on the predicate) and modality:
"rumoured" when the statement that bears it is a rumour (data/claims/claims.json rumour_words on
its cue or the noun its content hangs from), "hedged" when a hedge or modal softens it
(data/attribution/stance_hedges.tsv), else "asserted".
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from claimledger.model import Statement
from claimledger.pipeline.claims.proposition import render, resolved_tokens, subject_of
from claimledger.pipeline.claims.vocabulary import vocabulary
from claimledger.stances import hedge_words

PHRASE_CUT_DEPS = ("relcl", "acl", "appos", "advcl", "punct", "parataxis", "ccomp", "cc", "conj", "dep")
FRAME_KEYS = ("predicate", "agent", "patient", "target", "place", "time", "quantity", "polarity", "modality")


def empty_frame() -> dict:
    return {key: None for key in FRAME_KEYS} | {"polarity": "positive", "modality": "asserted"}


def _phrase_tokens(tok: Token) -> list[int]:
    out = [tok.i]
    for child in tok.children:
        if child.dep_ in PHRASE_CUT_DEPS:
            continue
        out.extend(_phrase_tokens(child))
    return out


def phrase(doc: Doc, tok: Token, replacements: dict[int, str]) -> str:
    """The noun phrase a token heads, without its relative clauses and appositions."""
    idx = sorted(_phrase_tokens(tok))
    end = idx[-1] + 1
    text = doc[idx[0]:end].text
    while end < len(doc) and end <= tok.sent.end - 1 and _unbalanced(text):  # "The Islamic State (ISIS)"
        end += 1
        text = doc[idx[0]:end].text
    text = render(doc, doc[idx[0]:end], replacements)
    first = doc[idx[0]]
    if first.i not in replacements and first.text[:1].islower():
        text = text[:1].lower() + text[1:]
    return text


def _unbalanced(text: str) -> bool:
    return text.count("(") > text.count(")") or text.count('"') % 2 == 1 or text.count("“") > text.count("”")


def _predicate(root: Token) -> str:
    if root.lemma_.lower() == "be":
        for child in root.children:
            if child.dep_ in ("acomp", "attr"):
                return child.lemma_.lower()
    particle = next((c.lower_ for c in root.children if c.dep_ == "prt"), None)
    return f"{root.lemma_.lower()} {particle}" if particle else root.lemma_.lower()


def _inside(span: Span, start: int) -> bool:
    return span.start_char <= start < span.end_char


def modality(doc: Doc, st: Statement, span: Span | None) -> str:
    vocab = vocabulary()
    rumour = set(vocab["rumour_words"])
    content = doc.char_span(st.content["start"], st.content["end"], alignment_mode="expand")
    if st.cue.get("lemma", "").lower() in rumour or (content is not None and content.root.lemma_.lower() in rumour):
        return "rumoured"
    hedges = hedge_words()
    if [h for h in st.hedges if h != "not"]:
        return "hedged"
    if span is not None and any(t.lower_ in hedges for t in span
                                if t.dep_ in ("aux", "advmod") and t.head.i == span.root.i):
        return "hedged"
    return "asserted"


def claim_frame(doc: Doc, st: Statement, span: Span | None) -> dict:
    frame = empty_frame()
    frame["modality"] = modality(doc, st, span)
    if span is None:
        return frame
    root = span.root
    replacements = resolved_tokens(doc, span, st)
    frame["predicate"] = _predicate(root)
    subject = subject_of(root, span)
    objects = [c for c in root.children if c.dep_ in ("dobj", "attr") and c.i in range(span.start, span.end)]
    if subject is not None and subject.dep_ == "nsubjpass":
        frame["patient"] = phrase(doc, subject, replacements)
        by = next((c for c in root.children if c.dep_ == "agent"), None)
        pobj = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
        if pobj is not None:
            frame["agent"] = phrase(doc, pobj, replacements)
    elif subject is not None and subject.dep_ != "expl":
        frame["agent"] = phrase(doc, subject, replacements)
    if objects and frame["patient"] is None and root.lemma_.lower() != "be":
        frame["patient"] = phrase(doc, objects[0], replacements)
    directions = set(vocabulary()["target_prepositions"])
    for prep in (c for c in root.children if c.dep_ in ("prep", "dative") and c.lower_ in directions):
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        when = pobj is not None and (pobj.ent_type_ in ("DATE", "TIME")
                                     or any(d.start <= pobj.idx < d.end for d in doc._.cl_dates or []))
        if pobj is not None and span.start <= pobj.i < span.end and not when:
            frame["target"] = phrase(doc, pobj, replacements)
            break
    places = [p for p in doc._.cl_places or [] if _inside(span, p.start)]
    if places:
        frame["place"] = places[0].name
    dates = [d for d in doc._.cl_dates or [] if _inside(span, d.start)]
    if dates:
        frame["time"] = {"text": dates[0].text, "value": dates[0].value}
    quantities = [q for q in doc._.cl_quantities or [] if _inside(span, q.start)]
    if quantities:
        q = quantities[0]
        frame["quantity"] = {"value": q.value, "unit": q.unit, "approximate": q.approximate}
    negations = [c for c in root.children if c.dep_ == "neg"]
    if negations:
        frame["polarity"] = "negative"
    return frame
