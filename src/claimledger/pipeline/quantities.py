"""claimledger_quantities: numbers with their unit, hedge and the actor they count.

"some 14,000 North Korean troops" → value 14000, approximate, unit "troops", country KP.
Candidates are the model's CARDINAL/QUANTITY/MONEY/PERCENT entities; the unit is
the noun the number modifies in the parse; the country comes from a demonym or
country name modifying that noun.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claimledger.pipeline import extensions  # noqa: F401
from claimledger.pipeline.base import DocComponent
from claimledger.countries import country_code
from claimledger.model import Quantity
from claimledger.resources import read_json

NUMERIC_LABELS = {"CARDINAL", "QUANTITY", "MONEY", "PERCENT"}
_DIGITS = re.compile(r"^[\d.,]+$")


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    return read_json("quantities/quantities.json")


@Language.factory("claimledger_quantities", assigns=["doc._.cl_quantities"],
                  requires=["doc.ents", "token.tag", "token.dep", "token.head"])
def make_quantities(nlp: Language, name: str):
    return QuantitiesComponent(name)


class QuantitiesComponent(DocComponent):
    attribute = "cl_quantities"

    def find(self, doc: Doc) -> list[Quantity]:
        return [q for ent in doc.ents if ent.label_ in NUMERIC_LABELS if (q := quantity_from_entity(ent)) is not None]


_DECIMAL_COMMA = re.compile(r"^(\d+),(\d{1,2})$")  # "1,8" (Russian, German ...); "14,000" groups thousands


def parse_number(words: list[str]) -> float | None:
    """Value of a number phrase: "14,000", "1.5 million", "eight", "two hundred", "$3bn"."""
    vocab = vocabulary()
    total, current, seen = 0.0, 0.0, False
    for raw in words:
        word = _DECIMAL_COMMA.sub(r"\1.\2", raw.lower().strip("$€£¥")).replace(",", "")
        if not word:
            continue
        m = re.match(r"^(\d+(?:\.\d+)?)(m|bn|k)?$", word)
        if m:
            current += float(m.group(1)) * vocab["scale_words"].get(m.group(2) or "", 1)
            seen = True
        elif word in vocab["number_words"]:
            current += vocab["number_words"][word]
            seen = True
        elif word in vocab["scale_words"]:
            current = (current or 1) * vocab["scale_words"][word]
            if vocab["scale_words"][word] >= 1000:
                total, current = total + current, 0.0
            seen = True
        elif word in vocab["vague_counts"]:
            current += vocab["vague_counts"][word]
            seen = True
    return total + current if seen else None


def quantity_from_entity(ent: Span) -> Quantity | None:
    hedge, number_tokens = _split_hedge(ent)
    value = parse_number([t.text for t in number_tokens])
    if value is None:
        return None
    doc = ent.doc
    head = _counted_noun(ent)
    unit = _unit(ent, head)
    start_tok = _hedge_start(ent, hedge)
    end_tok = head.i + 1 if head is not None and head.i >= ent.end else ent.end
    span = doc[start_tok:end_tok]
    return Quantity(
        text=span.text, start=span.start_char, end=span.end_char, value=value,
        approximate=hedge is not None or any(t.lower_ in vocabulary()["vague_counts"] for t in ent),
        unit=unit, country=_country_of(head), hedge=hedge,
    )


def _split_hedge(ent: Span) -> tuple[str | None, list[Token]]:
    """Hedge words inside the entity ("some 14,000") or just before it ("about 300")."""
    hedges = vocabulary()["hedges"]
    tokens = list(ent)
    for n in (3, 2, 1):
        inside = " ".join(t.lower_ for t in tokens[:n])
        if len(tokens) > n and inside in hedges:
            return inside, tokens[n:]
        before = ent.doc[max(ent.start - n, 0):ent.start]
        if len(before) == n and " ".join(t.lower_ for t in before) in hedges:
            return before.text.lower(), tokens
    return None, tokens


def _hedge_start(ent: Span, hedge: str | None) -> int:
    if hedge is None:
        return ent.start
    before = ent.doc[max(ent.start - len(hedge.split()), 0):ent.start]
    return before.start if before.text.lower() == hedge else ent.start


def _counted_noun(ent: Span) -> Token | None:
    """The noun the number counts: the head of a nummod, or a following noun."""
    root = ent.root
    if root.dep_ in ("nummod", "quantmod", "amod", "compound") and root.head.pos_ in ("NOUN", "PROPN") and root.head.i >= ent.end:
        return root.head
    if root.lower_ in vocabulary()["scale_words"]:  # "76 тысяч человек": the scale word heads the counted noun
        counted = [c for c in root.rights if c.pos_ == "NOUN" and c.i >= ent.end]
        if not counted and ent.end < len(ent.doc) and ent.doc[ent.end].pos_ == "NOUN":
            counted = [ent.doc[ent.end]]  # the parse missed it: the noun right after the number
        if counted:
            return counted[0]
    if root.pos_ in ("NOUN",) and not _DIGITS.match(root.text):
        return root
    return None


def _unit(ent: Span, head: Token | None) -> str | None:
    if ent.label_ == "PERCENT":
        return "percent"
    if ent.label_ == "MONEY":
        currencies = vocabulary()["currency_units"]
        for t in ent:
            for key in (t.text.lower(), t.text[:1]):
                if key in currencies:
                    return currencies[key]
        return "money"
    return head.text.lower() if head is not None else None


def _country_of(head: Token | None) -> str | None:
    if head is None:
        return None
    modifiers = [t for t in head.lefts if t.dep_ in ("amod", "compound", "poss", "nmod")]
    for mod in modifiers:
        phrase = " ".join(t.text for t in mod.subtree if t.i < head.i)
        for candidate in (phrase, mod.text):
            code = country_code(candidate)
            if code:
                return code
    # "North Korean" is split over two tokens with only "Korean" as amod
    span_text = head.doc[head.left_edge.i:head.i].text
    for n in range(len(span_text.split()), 0, -1):
        code = country_code(" ".join(span_text.split()[-n:]))
        if code:
            return code
    return None
