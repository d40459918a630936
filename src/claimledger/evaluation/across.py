"""Claims across sources on real multi-source news: FNC-1 article bodies grouped by Emergent claim.

``fnc-emergent-dev.jsonl`` holds real news bodies (``body_id``, ``emergent_claim_id``, ``claim``,
``text``), several per rumoured claim.  All bodies are ingested into one fresh ledger, as a user
would; then two bodies are predicted to be about the same claim when some ledger claim lists both
articles.  Scored pairwise against the Emergent claim ids: precision, recall and F1 over all pairs
of bodies.  For scale, the same pairs are scored for plain TF-IDF cosine between whole bodies.

On the same ledger, ``claimledger check`` is scored as FNC-1 stance detection over the dev
headline-body pairs plus as many unrelated pairs (evaluation/claim_check.py).
"""
from __future__ import annotations

import itertools
import json
import re
import sqlite3
import tempfile
from collections import Counter
from pathlib import Path

from claimledger.evaluation import claim_check
from claimledger.evaluation.tfidf import TfIdf, cosine

BODIES_FILE = "fnc-emergent-dev.jsonl"
TFIDF_THRESHOLD = 0.15  # cosine above which the baseline calls two bodies "same claim" (best on the dev half)
_WORD = re.compile(r"[a-z][a-z'-]+")


def read_bodies(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def body_url(body_id) -> str:
    """The URL each body is ingested under: how a ledger article is traced back to its body."""
    return f"https://fnc-1.example/body/{body_id}"


def gold_pairs(bodies: list[dict]) -> set[tuple[str, str]]:
    claim_of = {str(b["body_id"]): b["emergent_claim_id"] for b in bodies}
    return {p for p in itertools.combinations(sorted(claim_of), 2) if claim_of[p[0]] == claim_of[p[1]]}


def pair_scores(predicted: set, gold: set, universe: set[str]) -> dict:
    predicted = {p for p in predicted if p[0] in universe and p[1] in universe}
    tp = len(predicted & gold)
    precision = tp / len(predicted) if predicted else 0.0
    recall = tp / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "predicted_pairs": len(predicted), "gold_pairs": len(gold)}


def ledger_pairs(db_path: Path) -> set[tuple[str, str]]:
    """Body pairs that share a ledger claim."""
    db = sqlite3.connect(db_path)
    try:
        body_of = {a: url.rsplit("/", 1)[-1] for a, url in db.execute("select id, url from articles")}
        members: dict[str, set[str]] = {}
        for claim_id, article_id in db.execute("select claim_id, article_id from ledger_claim_members"):
            if article_id in body_of:
                members.setdefault(claim_id, set()).add(body_of[article_id])
    finally:
        db.close()
    return {p for bodies in members.values() for p in itertools.combinations(sorted(bodies), 2)}


def ingest_bodies(bodies: list[dict], db_path: Path, nlp=None) -> dict:
    from claimledger.ingest import ingest_paths

    feed = db_path.with_suffix(".jsonl")
    with open(feed, "w", encoding="utf-8") as fh:
        for b in bodies:
            fh.write(json.dumps({"text": b["text"], "url": body_url(b["body_id"]),
                                 "source": f"outlet {b['body_id']}"}) + "\n")
    report = ingest_paths([str(feed)], db_path, progress=False, nlp=nlp)
    return {"added": report.added, "skipped": report.skipped, "errors": len(report.errors)}


def tfidf_pairs(bodies: list[dict], threshold: float = TFIDF_THRESHOLD) -> set[tuple[str, str]]:
    """Baseline: body pairs whose TF-IDF cosine (log tf, smoothed idf) is above ``threshold``."""
    vectors = TfIdf({str(b["body_id"]): Counter(_WORD.findall(b["text"].lower())) for b in bodies}).vectors
    return {(a, b) for a, b in itertools.combinations(sorted(vectors), 2) if cosine(vectors[a], vectors[b]) > threshold}


def evaluate(root: Path, limit: int | None = None, nlp=None) -> dict:
    """``root``: the stance data folder holding fnc-emergent-dev.jsonl."""
    bodies = read_bodies(Path(root) / BODIES_FILE)[:limit] if limit else read_bodies(Path(root) / BODIES_FILE)
    gold = gold_pairs(bodies)
    universe = {str(b["body_id"]) for b in bodies}
    with tempfile.TemporaryDirectory(prefix="claimledger-across-") as tmp:
        db_path = Path(tmp) / "across.db"
        ingest = ingest_bodies(bodies, db_path, nlp=nlp)
        pairs = pair_scores(ledger_pairs(db_path), gold, universe)
        checked = claim_check.evaluate_on_ledger(Path(root), db_path, bodies, body_url)
    return {"bodies": len(bodies), "claims": len({b["emergent_claim_id"] for b in bodies}), "ingest": ingest,
            "same_claim_pairs": pairs, "tfidf_baseline": pair_scores(tfidf_pairs(bodies), gold, universe),
            "claim_check": checked}


def print_report(result: dict) -> None:
    from rich.console import Console

    pairs, base = result["same_claim_pairs"], result["tfidf_baseline"]
    Console().print(
        f"Claims across sources: {result['bodies']} real news bodies about {result['claims']} claims\n"
        f"same-claim body pairs: precision {pairs['precision']:.3f}, recall {pairs['recall']:.3f}, "
        f"F1 {pairs['f1']:.3f} ({pairs['predicted_pairs']} pairs predicted, {pairs['gold_pairs']} gold)\n"
        f"for scale, TF-IDF cosine > {TFIDF_THRESHOLD} between whole bodies: F1 {base['f1']:.3f}\n"
        + "\n".join(claim_check.report_lines(result["claim_check"])))
