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

The Dice threshold shortens the postings further without losing a pair (``posted_terms``): a pair the
scorer accepts shares at least MIN_DICE / (2 - MIN_DICE) of each content's weight, whatever the other,
so a long content needs a shorter prefix.

A frame's words are those of its phrases (predicate, agent, patient, place, ...), never its labels
(``FRAME_LABEL_KEYS``: polarity, modality, the quantity's unit): 'positive', 'asserted' and 'usd' are in
nearly every frame, so as words they would make frames about different stories share rare-looking weight
(and post long lists).  Whether two claims say the same or the opposite is the statements' business
(stance, negation), not a shared word.
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
RARE_WEIGHT = 2.0  # a word rarer than once in 100,000 ('market', 'world', 'plan' are commoner): it can name a story
MIN_RARE_SHARED = 4.0  # of the shared weight, what rare words must carry

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


FRAME_LABEL_KEYS = ("polarity", "modality", "unit", "approximate")  # a frame's labels, not words of the claim


def frame_text(frame) -> str:
    """The words of a claim's ``frame`` (any nesting of dicts, lists and strings), as one text: its phrases,
    not its labels (``FRAME_LABEL_KEYS``) nor offsets and ids."""
    if frame is None:
        return ""
    if isinstance(frame, str):
        try:
            return frame_text(json.loads(frame)) if frame[:1] in "[{" else frame
        except ValueError:
            return frame
    if isinstance(frame, dict):
        return " ".join(frame_text(v) for k, v in sorted(frame.items())
                        if not str(k).endswith(("start", "end", "id")) and k not in FRAME_LABEL_KEYS)
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


def rare_weight(terms) -> float:
    """The weight of the rare terms (``RARE_WEIGHT`` or more) among ``terms``."""
    return sum(w for w in map(_HUNDREDTHS.__getitem__, terms) if w >= _RARE) / 100


_RARE = round(RARE_WEIGHT * 100)


def posted_terms(terms, min_dice: float = 0.0, min_shared: float = MIN_SHARED_WEIGHT,
                 min_rare: float = MIN_RARE_SHARED) -> list[str]:
    """The terms a content is posted under: every content that shares at least ``min_shared`` with it, at a
    weighted Dice of at least ``min_dice``, ``min_rare`` of it in rare words, shares one of these terms'
    postings (see module doc)."""
    total = sum(map(_HUNDREDTHS.__getitem__, terms))
    # Dice >= d and the other's weight >= shared give shared >= d / (2 - d) of this one's weight (one
    # hundredth of slack for the float arithmetic of the scorer)
    posted = _prefix(terms, max(round(min_shared * 100), int(min_dice * total / (2 - min_dice)) - 1))
    if min_rare > 0:  # the first shared term is rare, and within the rare terms' own prefix
        rare = _prefix([t for t in terms if _HUNDREDTHS[t] >= _RARE], round(min_rare * 100))
        posted = posted[:len(rare)]  # both lists lead the one global order (rare terms first)
    return posted


def _prefix(terms, bound: int) -> list[str]:
    """Leading terms (global order) until the rest weighs less than ``bound`` hundredths."""
    ordered = by_rarity(terms)
    rest = sum(map(_HUNDREDTHS.__getitem__, ordered))
    out = []
    for term in ordered:
        if rest < bound:
            break
        out.append(term)
        rest -= _HUNDREDTHS[term]
    return out
