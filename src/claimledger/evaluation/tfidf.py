"""Plain TF-IDF over a set of texts: the baselines the claim-level figures are compared with."""
from __future__ import annotations

import math
from collections import Counter


class TfIdf:
    """Unit vectors of log term frequency times smoothed idf, idf fitted on ``counts`` (key -> word counts)."""

    def __init__(self, counts: dict[str, Counter]):
        self.df = Counter(w for c in counts.values() for w in c)
        self.n = len(counts)
        self.vectors = {key: self.vector(c) for key, c in counts.items()}

    def vector(self, counts: Counter) -> dict[str, float]:
        vec = {w: (1 + math.log(k)) * math.log((1 + self.n) / (1 + self.df[w])) for w, k in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {w: v / norm for w, v in vec.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    small, large = (a, b) if len(a) < len(b) else (b, a)
    return sum(v * large.get(w, 0.0) for w, v in small.items())
