"""The word lists attribution needs (the stances themselves are claimledger.stances, shared with the ledger).

All vocabularies are data files in claimledger/data/attribution (read through claimledger.resources):

* stance_channels.tsv relay cues, citing participles, publishing verbs, message nouns, light verbs
* stance_cue_preps.tsv  whether a cue verb's cue takes the preposition after it ("called on"), from PolNeAR train
* stance_dates.tsv    where on the parse a statement's date is looked for
* cues.tsv            the cue lexicon learned from PolNeAR train (scripts/learn_cues.py)
* stance_cue_thresholds.tsv  per-relation minimum P(cue), tuned on PolNeAR train
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from claimledger.resources import data_path, read_tsv


def read_table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of one of the attribution tables (data/attribution/NAME)."""
    return read_tsv(f"attribution/{name}")


def _words_by_kind(name: str, column: str) -> dict[str, frozenset[str]]:
    """A kind<TAB>word table as {kind: words}."""
    kinds: dict[str, set[str]] = defaultdict(set)
    for row in read_table(name):
        kinds[row["kind"]].add(row[column])
    return {kind: frozenset(words) for kind, words in kinds.items()}


@lru_cache(maxsize=1)
def channel_words() -> dict[str, frozenset[str]]:
    return _words_by_kind("stance_channels.tsv", "lemma")


def channel_set(kind: str) -> frozenset[str]:
    return channel_words().get(kind, frozenset())


@dataclass(frozen=True)
class CueEntry:
    cue: int
    total: int
    p: float


@lru_cache(maxsize=1)
def cue_preps() -> dict[tuple[str, str], float]:
    """(cue verb lemma, preposition after it) -> share of PolNeAR cues that include the preposition."""
    return {(r["lemma"], r["prep"]): float(r["p"]) for r in read_table("stance_cue_preps.tsv")}


@lru_cache(maxsize=1)
def cue_lexicon() -> dict[tuple[str, str, str], CueEntry]:
    """(lemma, POS, content relation) -> counts learned from PolNeAR train."""
    return {(r["lemma"], r["pos"], r["rel"]): CueEntry(int(r["cue"]), int(r["total"]), float(r["p"]))
            for r in read_table("cues.tsv")}


@lru_cache(maxsize=1)
def date_words() -> dict[str, frozenset[str]]:
    return _words_by_kind("stance_dates.tsv", "word")


@lru_cache(maxsize=1)
def cue_thresholds() -> dict[str, float]:
    """Per-relation minimum P(cue), tuned on PolNeAR train (scripts/learn_cues.py --tune)."""
    if not data_path("attribution", "stance_cue_thresholds.tsv").exists():
        return {}
    return {row["group"]: float(row["min_p"]) for row in read_table("stance_cue_thresholds.tsv")}
