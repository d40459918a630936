"""The stance vocabulary, shared by the pipeline and the ledger: which stance a cue takes, which side a stance takes.

Data files in claimledger/data/attribution (read through claimledger.resources):

* stance.tsv          cue lemma -> stance (one of model.STANCES); others "assert"
* stance_sides.tsv    stance -> the side it takes on a claim (for / against), and whether it bears on one
* stance_hedges.tsv   hedging words ("reportedly", "may")

The attribution stage reads the cue side; the ledger, reconcile and web layers read the sides
without importing the pipeline (or spaCy).
"""
from __future__ import annotations

from functools import lru_cache

from claimledger.model import STANCES
from claimledger.resources import read_tsv

DEFAULT_STANCE = "assert"
FOR, AGAINST = "for", "against"


@lru_cache(maxsize=1)
def stance_table() -> dict[str, str]:
    table = {}
    for row in read_tsv("attribution/stance.tsv"):
        if row["stance"] not in STANCES:
            raise ValueError(f"stance.tsv: unknown stance {row['stance']!r} for {row['lemma']!r}")
        table[row["lemma"]] = row["stance"]
    return table


def stance_of(lemma: str) -> str:
    return stance_table().get(lemma.lower(), DEFAULT_STANCE)


@lru_cache(maxsize=1)
def _stance_sides() -> dict[str, dict[str, str]]:
    rows = {row["stance"]: row for row in read_tsv("attribution/stance_sides.tsv")}
    if set(rows) != set(STANCES) or any(row["side"] not in (FOR, AGAINST) for row in rows.values()):
        raise ValueError("stance_sides.tsv: one row per stance of model.STANCES, side 'for' or 'against'")
    return rows


def stance_side(stance: str | None) -> str | None:
    """'for' or 'against': the side a statement of this stance takes on what it reports (None: no stance)."""
    row = _stance_sides().get(stance)
    return row["side"] if row else None


def stances_on(side: str) -> frozenset[str]:
    """The stances that take ``side`` ('for' or 'against')."""
    return frozenset(stance for stance, row in _stance_sides().items() if row["side"] == side)


def claim_stances() -> frozenset[str]:
    """The stances by which a statement bears on a proposition, and so joins a claim."""
    return frozenset(stance for stance, row in _stance_sides().items() if row["on_claim"] == "yes")


@lru_cache(maxsize=1)
def hedge_words() -> frozenset[str]:
    return frozenset(row["word"] for row in read_tsv("attribution/stance_hedges.tsv"))
