"""Hand-built Docs for rule tests where the parse is not the point (as spaCy's own tests build them).

``parsed(text, arcs)``: the words and spaces come from the blank English tokenizer
run on ``text``; ``arcs`` gives each token as ``word/POS/dep/head`` with an
optional ``/lemma`` and ``/tag`` (head: absolute token index; lemma: the lower-cased
word when left out).  The words of ``arcs`` must be the tokenizer's.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.tokens import Doc


@lru_cache(maxsize=1)
def _blank():
    return spacy.blank("en")


def tokens(text: str) -> Doc:
    """The text tokenized, with no annotation at all."""
    return _blank().make_doc(text)


def parsed(text: str, arcs: str) -> Doc:
    plain = tokens(text)
    rows = [a.split("/") for a in arcs.split()]
    words = [t.text for t in plain if not t.is_space]
    if [r[0] for r in rows] != words:
        raise ValueError(f"arcs {[r[0] for r in rows]} do not match the tokens {words}")
    if any(t.is_space for t in plain):
        raise ValueError("use parsed() on single-line texts; tokens() for layout")
    return Doc(
        _blank().vocab,
        words=words,
        spaces=[bool(t.whitespace_) for t in plain],
        pos=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        heads=[int(r[3]) for r in rows],
        lemmas=[r[4] if len(r) > 4 and r[4] else r[0].lower() for r in rows],
        tags=[r[5] if len(r) > 5 else r[1] for r in rows],
    )
