"""The claims component's word lists (data/claims/claims.json), read once."""
from __future__ import annotations

from functools import lru_cache

from claimledger.resources import read_json
from claimledger.stances import claim_stances


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    vocab = dict(read_json("claims/claims.json"))
    vocab["claim_stances"] = claim_stances()  # data/attribution/stance_sides.tsv
    vocab["concept_of"] = {lemma: cls for cls, lemmas in vocab["concept_classes"].items() for lemma in lemmas}
    return vocab
