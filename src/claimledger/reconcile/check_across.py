"""``check`` across languages: which articles not in English bear on an English claim text, and by which of
their words.

check.py weighs the words a claim text shares with an English article; an article in another language
shares none.  For those articles the multilingual encoder (reconcile/multilingual.py) stands in: an
article bears on the text when one of its pieces of evidence (its statements' contents, its headline and
its own-voice sentences, as check.py cuts them) is within ``multilingual.MIN_SIMILARITY`` of the text;
its relatedness is the best similarity, and its evidence the pieces at or above the threshold, most
similar first.  The side then comes from those pieces' statements exactly as for an English article
(check.evidence_side: stances, hedges, refuting words), never from similarity.

Nothing here runs for a ledger of English articles only.  Reads only: stored vectors are read back, new
ones are kept in this process, not written.
"""
from __future__ import annotations

from claimledger.reconcile import multilingual

ENGLISH = multilingual.ENGLISH


def related_across(text: str, articles: list, db=None) -> dict[str, tuple[float, list[tuple[float, object]]]]:
    """article id -> (relatedness, [(similarity, evidence)] at or above the threshold, best first) for the
    articles not in English that bear on ``text``."""
    foreign = [a for a in articles if (getattr(a, "language", None) or ENGLISH) != ENGLISH]
    if not foreign:
        return {}
    with multilingual.using(_database(db), write=False) if db is not None else _nothing():
        multilingual.embed([text] + [e.quote for a in foreign for e in a.evidence])
        out = {}
        for a in foreign:
            scored = sorted(((multilingual.similarity(text, e.quote), e) for e in a.evidence if e.quote.strip()),
                            key=lambda x: (-x[0], x[1].start if x[1].start is not None else -1))
            near = [(w, e) for w, e in scored if w >= multilingual.MIN_SIMILARITY]
            if near:
                out[a.id] = (near[0][0], near)
    return out


def _database(db):
    from sqlite_utils import Database

    return db if isinstance(db, Database) else Database(db)


class _nothing:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False
