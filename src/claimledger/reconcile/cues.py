"""The position a text takes toward a claim it reports: for, against or observing.

Used for headlines (the Emergent evaluation) and for statement contents in the
ledger (a content that calls a report "fake" stands against it whatever its
cue).  The vocabulary is data (data/reconcile/sources_stance_cues.json), to which the
attribution component's stance tables add their deny/dismiss and confirm cue lemmas and hedges.
"""
from __future__ import annotations

import re
from functools import lru_cache

from claimledger import stances
from claimledger.stances import AGAINST, FOR
from claimledger.resources import read_json

OBSERVING = "observing"
SIDES = (FOR, AGAINST, OBSERVING)

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|\?")


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, frozenset[str]]:
    """Word sets by side; the attribution stance table adds its cue lemmas (as stems) and hedges."""
    raw = read_json("reconcile/sources_stance_cues.json")
    vocab = {key: set(raw[key]) for key in ("refuting", "hedging", "supporting")}
    vocab["refuting_stems"], vocab["supporting_stems"] = set(), set()
    table, hedges = _stance_lexicon()
    for lemma, stance in table.items():
        if stances.stance_side(stance) == AGAINST and stance != "question":
            vocab["refuting_stems"].add(_stem(lemma))
        elif stance == "confirm":
            vocab["supporting_stems"].add(_stem(lemma))
    vocab["hedging"] |= hedges
    vocab["hedging"].add(raw.get("question_mark", "?"))
    return {key: frozenset(words) for key, words in vocab.items()}


def _stance_lexicon() -> tuple[dict[str, str], set[str]]:
    """Cue lemma -> stance (one-word cues), and hedge words, from the attribution component's tables."""
    table = {k.lower(): v for k, v in stances.stance_table().items() if " " not in k}
    return table, set(stances.hedge_words())


def _stem(word: str) -> str:
    from claimledger.reconcile.records import _stem as stem
    return stem(word)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'").replace("‘", "'"))


def text_stance(text: str, claim: str | None = None) -> str:
    """for / against / observing of ``text`` toward ``claim`` (words the claim itself uses don't count)."""
    vocab = vocabulary()
    own = set(words(claim)) if claim else set()
    toks = [w for w in words(text) if w not in own]
    stems = [_stem(w) for w in toks]
    if any(w in vocab["refuting"] for w in toks) or any(s in vocab["refuting_stems"] for s in stems):
        return AGAINST
    if any(w in vocab["supporting"] for w in toks) or any(s in vocab["supporting_stems"] for s in stems):
        return FOR
    if any(w in vocab["hedging"] for w in toks):
        return OBSERVING
    return FOR


def refutes(text: str, claim: str | None = None) -> bool:
    """Whether the text calls the claim false (a refuting word the claim does not itself contain)."""
    own = set(words(claim)) if claim else set()
    return any(w in vocabulary()["refuting"] and w not in own for w in words(text))
