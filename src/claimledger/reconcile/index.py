"""Weighted terms of a claim's statements and the inverted index that proposes candidate pairs.

Terms: the stems of a content's words (names included, lower-cased), each weighted by how rare the
word is in general English — ``ZIPF_CEILING`` minus its Zipf frequency from
``data/reconcile/word_frequency.tsv`` (derived from the wordfreq package's English table, see
ATTRIBUTION-wordfreq.md), so "said" weighs little and "sapphire" much.  The weights are fixed
data, never statistics of the ledger, so a pair's score does not change as articles are added,
and any ingest order gives the same decisions.

Index (prefix filtering, as in set-similarity joins): every term has a place in one global order,
rarest first (ties by the term itself).  A statement's *prefix* is its leading terms in that order
up to the point where the remaining terms weigh less than ``MIN_SHARED_WEIGHT``.  Two statements
that share at least that weight share a term in both prefixes: the first shared term in the global
order cannot lie in either suffix, which weighs too little to hold all the shared weight.  So
posting only prefix terms (and the anchors the frame matcher needs) gives every pair the scorer
could accept, and the postings are short because prefixes hold the rarest words.

Two refinements keep the postings short without losing a pair (``posted_terms``), both bounds on the
shared weight that hold for one statement whatever the other: the Dice threshold (a pair the scorer
accepts shares at least MIN_DICE / (2 - MIN_DICE) of each content's weight, so a long content needs
a shorter prefix), and the frame's labels (``FRAME_LABELS``: 'positive', 'asserted', 'hedged' are in
nearly every frame, so they are never posted; a content's prefix is taken over its other terms, with
the bound lowered by the weight of the labels it holds, which is all they could add to a pair).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

from claimledger.resources import read_tsv
from claimledger.reconcile.records import _stem, stop_words

# Zipf frequency: log10 of a word's occurrences per billion words (7: once in a hundred words; 3: once in a million)
ZIPF_CEILING = 7.0  # weight = ZIPF_CEILING - Zipf: 'people' 0.75, 'apple' 2.2, 'sapphire' 3.6
ZIPF_UNKNOWN = 1.5  # a word missing from the table (59,000 words, down to Zipf 2.4) counts as rarer than all
MIN_WORD_WEIGHT = 1.0  # words commoner than once in 1,000 words ('people', 'year') neither count nor index
MIN_WORD_LENGTH = 3
MIN_SHARED_WEIGHT = 10.0  # what two contents must share: two or three words rarer than once in a million
# ('sapphire', 'beheading' weigh about 4); the similarity threshold is in matching.py

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")


@lru_cache(maxsize=1)
def _stem_zipf() -> dict[str, float]:
    """Zipf frequency of each stem: its most frequent form's (one weight per inflected family)."""
    out: dict[str, float] = {}
    for row in read_tsv("reconcile/word_frequency.tsv"):
        stem = _stem(row["word"])
        zipf = float(row["zipf"])
        if zipf > out.get(stem, -1.0):
            out[stem] = zipf
    return out


@lru_cache(maxsize=262144)
def term_weight(term: str) -> float:
    """Weight of a stem: how much rarer than ``ZIPF_CEILING`` its family is in general English."""
    return round(max(0.0, ZIPF_CEILING - _stem_zipf().get(term, ZIPF_UNKNOWN)), 2)


@lru_cache(maxsize=65536)
def text_terms(text: str) -> frozenset[str]:
    """Stems of the content words of a text (function words, short words and common words out)."""
    stop = stop_words()
    out = set()
    for token in _WORD.findall(text or ""):
        low = token.lower().replace("’", "'")
        if len(low) < MIN_WORD_LENGTH or low in stop:
            continue
        stem = _stem(low)
        if term_weight(stem) >= MIN_WORD_WEIGHT:
            out.add(stem)
    return frozenset(out)


def frame_text(frame) -> str:
    """The words of a claim's ``frame`` (any nesting of dicts, lists and strings), as one text."""
    if frame is None:
        return ""
    if isinstance(frame, str):
        try:
            return frame_text(json.loads(frame)) if frame[:1] in "[{" else frame
        except ValueError:
            return frame
    if isinstance(frame, dict):
        return " ".join(frame_text(v) for k, v in sorted(frame.items()) if not str(k).endswith(("start", "end", "id")))
    if isinstance(frame, (list, tuple)):
        return " ".join(frame_text(v) for v in frame)
    return ""


def order_key(term: str) -> tuple[float, str]:
    """The global order: heaviest (rarest) first, ties by the term."""
    return (-term_weight(term), term)


def by_rarity(terms) -> list[str]:
    return sorted(terms, key=order_key)


def claim_vectors(claim) -> tuple[tuple[frozenset[str], object], ...]:
    """(terms, statement) a claim is compared by: one per statement content, and (terms, None) for its
    frame when it has one."""
    cached = claim.__dict__.get("_vectors")
    if cached is None:
        vectors, seen = [], set()
        for st in claim.statements:
            terms = text_terms(st.content.get("text") or "")
            if terms and (terms, st.predicate, st.subject) not in seen:
                seen.add((terms, st.predicate, st.subject))
                vectors.append((terms, st))
        terms = text_terms(frame_text(getattr(claim, "frame", None)))
        if terms:
            vectors.append((terms, None))
        cached = tuple(vectors)
        claim.__dict__["_vectors"] = cached
    return cached


class _Hundredths(dict):
    """term -> its weight in hundredths (an int), filled on first use."""

    def __missing__(self, term: str) -> int:
        value = self[term] = round(term_weight(term) * 100)
        return value


_HUNDREDTHS = _Hundredths()


def total_weight(terms) -> float:
    """Sum of the weights (in hundredths, so sums are exact and the prefix bound holds to the last digit)."""
    return sum(map(_HUNDREDTHS.__getitem__, terms)) / 100


def prefix(terms, min_shared: float = MIN_SHARED_WEIGHT) -> list[str]:
    """Leading terms (global order) until the rest weighs less than ``min_shared`` (see module doc)."""
    return _prefix(terms, round(min_shared * 100))


# the values of a frame's polarity and modality (pipeline/claims/frame.py): words of nearly every frame
FRAME_LABELS = frozenset(_stem(w) for w in ("positive", "negative", "asserted", "hedged", "rumoured"))


_hundredths = _HUNDREDTHS.__getitem__


def posted_terms(terms, min_dice: float = 0.0, min_shared: float = MIN_SHARED_WEIGHT) -> list[str]:
    """The terms a content is posted under: every content that shares at least ``min_shared`` with it, at a
    weighted Dice of at least ``min_dice``, shares one of these terms' postings (see module doc)."""
    total = sum(_hundredths(t) for t in terms)
    # Dice >= d and the other's weight >= shared give shared >= d / (2 - d) of this one's weight (one
    # hundredth of slack for the float arithmetic of the scorer)
    bound = max(round(min_shared * 100), int(min_dice * total / (2 - min_dice)) - 1)
    labels = terms & FRAME_LABELS
    lowered = bound - sum(_hundredths(t) for t in labels)
    if lowered <= 0:  # labels alone could be enough: every term (so the other's first shared term is met)
        return by_rarity(terms)
    return _prefix(terms - labels, lowered)


def _prefix(terms, bound: int) -> list[str]:
    """Leading terms (global order) until the rest weighs less than ``bound`` hundredths."""
    ordered = by_rarity(terms)
    rest = sum(_hundredths(t) for t in ordered)
    out = []
    for term in ordered:
        if rest < bound:
            break
        out.append(term)
        rest -= _hundredths(term)
    return out
