"""The multilingual sentence encoder that joins claims across languages: does it find the translation, and where
does the threshold lie?

    python benchmarks/bench_multilingual.py [--bsnlp DIR] [--json]

1. tests/data/crosslingual_claims.tsv (30 English claims, their Russian translations and 30 Russian sentences of
   the same stories stating other claims, all written for the project): for each English claim, is its translation
   the nearest of the 60 Russian sentences, by what margin over the next, and how do translations (positives) and
   same-story other claims (negatives) fall around ``multilingual.MIN_SIMILARITY``.
2. With --bsnlp (the BSNLP Russian news of ../shared/data/ru, development only): the first line (headline) of every
   article; pairs of headlines of one topic (one story, often one event) against pairs of different topics (never
   one claim): the share at or above the threshold.  Russian–Russian: the pairs a Russian ledger compares.
3. Speed: sentences per second, encoded in batches (the way reconcile encodes).
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

import numpy as np  # noqa: E402

from claimledger.reconcile import multilingual  # noqa: E402

PAIRS = REPO / "tests" / "data" / "crosslingual_claims.tsv"


def read_pairs() -> list[dict]:
    with PAIRS.open(encoding="utf-8") as fh:
        return list(csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"))


def encode(texts: list[str]) -> np.ndarray:
    return np.asarray(multilingual._encoder().encode(texts))


def translations(threshold: float) -> dict:
    rows = read_pairs()
    en = encode([r["en"] for r in rows])
    ru = encode([r["ru"] for r in rows] + [r["ru_other"] for r in rows])
    sims = np.round(en @ ru.T, 3)
    n = len(rows)
    top1 = sum(int(np.argmax(sims[i]) == i) for i in range(n))
    margins = [float(sims[i, i] - np.max(np.delete(sims[i], i))) for i in range(n)]
    positives = [float(sims[i, i]) for i in range(n)]
    same_story = [float(sims[i, n + i]) for i in range(n)]
    others = [float(sims[i, j]) for i in range(n) for j in range(2 * n) if j not in (i, n + i)]
    return {
        "pairs": n, "top1": top1, "mean_margin": round(float(np.mean(margins)), 3),
        "min_margin": round(min(margins), 3),
        "positive": {"min": min(positives), "mean": round(float(np.mean(positives)), 3),
                     "at_or_above": sum(p >= threshold for p in positives)},
        "same_story_other_claim": {"max": max(same_story), "mean": round(float(np.mean(same_story)), 3),
                                   "at_or_above": sum(s >= threshold for s in same_story)},
        "other_story": {"max": max(others), "mean": round(float(np.mean(others)), 3),
                        "at_or_above": sum(s >= threshold for s in others), "of": len(others)},
    }


def bsnlp(folder: Path, threshold: float, per_topic: int = 40, seed: int = 7) -> dict:
    rng = random.Random(seed)
    heads = {}
    for topic in sorted(p for p in folder.iterdir() if (p / "raw").is_dir()):
        files = sorted((topic / "raw").glob("*.txt"))
        lines = [f.read_text(encoding="utf-8").strip().splitlines()[0].strip() for f in files]
        lines = sorted({line for line in lines if len(line.split()) >= 4})
        heads[topic.name] = rng.sample(lines, min(per_topic, len(lines)))
    names = sorted(heads)
    vectors = {t: encode(heads[t]) for t in names}
    same, diff = [], []
    for a, ta in enumerate(names):
        s = np.round(vectors[ta] @ vectors[ta].T, 3)
        same += [float(s[i, j]) for i in range(len(s)) for j in range(i + 1, len(s))]
        for tb in names[a + 1:]:
            diff += np.round(vectors[ta] @ vectors[tb].T, 3).ravel().tolist()
    return {"topics": len(names), "headlines": sum(len(h) for h in heads.values()),
            "same_topic": {"pairs": len(same), "mean": round(float(np.mean(same)), 3),
                           "at_or_above": round(sum(x >= threshold for x in same) / len(same), 4)},
            "different_topic": {"pairs": len(diff), "mean": round(float(np.mean(diff)), 3),
                                "max": max(diff),
                                "at_or_above": round(sum(x >= threshold for x in diff) / len(diff), 4)}}


def speed() -> dict:
    rows = read_pairs()
    texts = [r[k] for r in rows for k in ("en", "ru", "ru_other")] * 4
    encode(texts[:8])
    start = time.process_time()
    encode(texts)
    cpu = time.process_time() - start
    return {"sentences": len(texts), "sentences_per_cpu_second": round(len(texts) / cpu, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bsnlp", type=Path, help="the BSNLP folder of ../shared/data/ru (development only)")
    parser.add_argument("--threshold", type=float, default=multilingual.MIN_SIMILARITY)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    out = {"encoder": multilingual.ENCODER, "threshold": args.threshold, "translations": translations(args.threshold),
           "speed": speed()}
    if args.bsnlp:
        out["bsnlp"] = bsnlp(args.bsnlp, args.threshold)
    print(json.dumps(out, ensure_ascii=False, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
