"""`claimledger check` scored as FNC-1 stance detection, over the ledger of the FNC-1 x Emergent bodies.

Pairs: the dev headline-body pairs (agree / disagree / discuss) of ``fnc-emergent-dev-pairs.csv``,
plus as many unrelated pairs, built by a fixed rule: the i-th pair of a claim (in file order) also
pairs its headline with a body of the next Emergent claim (claims in sorted id order, cyclic), the
(i mod n)-th of its n bodies in body-id order.  Each distinct headline goes once through
``reconcile.check.check`` (what the CLI calls) on the ledger of all bodies; a body's article listed as
for / against / discussing reads agree / disagree / discuss, a body not listed reads unrelated.

FNC-1 scoring: +0.25 for each pair whose related/unrelated call is right, +0.75 more when a related
pair's label is right; the score as a share of the maximum.  Macro-F1 over the four classes.  For
scale, the same pairs are labelled by a TF-IDF + refuting-words baseline.
"""
from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path

from claimledger.evaluation.tfidf import TfIdf, cosine

PAIRS_FILE = "fnc-emergent-dev-pairs.csv"
LABELS = ("agree", "disagree", "discuss", "unrelated")
LABEL_OF_SIDE = {"for": "agree", "against": "disagree", "discussing": "discuss"}
BASELINE_RELATED = 0.1  # TF-IDF cosine between headline and body above which the baseline calls a pair related


def read_pairs(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return [{"headline": r["headline"], "body_id": str(r["body_id"]), "stance": r["stance"],
                 "claim": r["emergent_claim_id"]} for r in csv.DictReader(fh)]


def with_unrelated(pairs: list[dict], bodies: list[dict]) -> list[dict]:
    """The related pairs and, for each, one unrelated pair by the fixed rule of the module docstring."""
    by_claim: dict[str, list[str]] = defaultdict(list)
    for b in sorted(bodies, key=lambda b: int(b["body_id"]) if str(b["body_id"]).isdigit() else str(b["body_id"])):
        by_claim[b["emergent_claim_id"]].append(str(b["body_id"]))
    claims = sorted(by_claim)
    seen: Counter = Counter()
    out = list(pairs)
    for p in pairs:
        other = claims[(claims.index(p["claim"]) + 1) % len(claims)] if p["claim"] in by_claim else claims[0]
        pool = by_claim[other]
        out.append({"headline": p["headline"], "body_id": pool[seen[p["claim"]] % len(pool)], "stance": "unrelated",
                    "claim": other})
        seen[p["claim"]] += 1
    return out


def fnc_scores(gold: list[str], predicted: list[str]) -> dict:
    score = best = 0.0
    for g, p in zip(gold, predicted):
        best += 0.25 + (0.75 if g != "unrelated" else 0.0)
        if (g == "unrelated") == (p == "unrelated"):
            score += 0.25
            if g != "unrelated" and g == p:
                score += 0.75
    per_class = {}
    for label in LABELS:
        tp = sum(g == p == label for g, p in zip(gold, predicted))
        n_pred, n_gold = predicted.count(label), gold.count(label)
        prec, rec = (tp / n_pred if n_pred else 0.0), (tp / n_gold if n_gold else 0.0)
        per_class[label] = {"precision": round(prec, 4), "recall": round(rec, 4),
                            "f1": round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0, "gold": n_gold}
    return {"weighted": round(score / best, 4) if best else 0.0, "pairs": len(gold),
            "macro_f1": round(sum(c["f1"] for c in per_class.values()) / len(LABELS), 4),
            "disagree_f1": per_class["disagree"]["f1"], "per_class": per_class,
            "confusion": {g: dict(Counter(p for gg, p in zip(gold, predicted) if gg == g)) for g in LABELS}}


def article_of_body(db_path: Path, bodies: list[dict], body_url) -> dict[str, str]:
    """body id -> ledger article id (by the URL ``body_url(body_id)`` each body was ingested under; a body
    whose text was already stored under another URL is the same article)."""
    import sqlite3

    db = sqlite3.connect(db_path)
    try:
        by_url = {url: a for a, url in db.execute("SELECT id, url FROM articles")}
        by_text = {text: a for a, text in db.execute("SELECT id, text FROM articles")}
    finally:
        db.close()
    out = {}
    for b in bodies:
        found = by_url.get(body_url(b["body_id"])) or by_text.get(b["text"]) or by_text.get(b["text"].strip())
        if found:
            out[str(b["body_id"])] = found
    return out


def check_labels(db_path: Path, pairs: list[dict], bodies: list[dict], body_url) -> list[str]:
    """The label of each pair from `check` on the ledger at ``db_path``."""
    from claimledger.ledger import Ledger
    from claimledger.reconcile.check import check

    article = article_of_body(db_path, bodies, body_url)
    headlines = sorted({p["headline"] for p in pairs})
    with Ledger(db_path) as ledger:
        results = check(ledger.db, headlines)
    side_of = {(h, a["article_id"]): a["side"] for h, r in zip(headlines, results) for a in r["articles"]}
    return [LABEL_OF_SIDE.get(side_of.get((p["headline"], article.get(p["body_id"]))), "unrelated") for p in pairs]


def baseline_labels(pairs: list[dict], bodies: list[dict]) -> list[str]:
    """TF-IDF cosine (log tf, smoothed idf over the bodies) for relatedness; a related body with a refuting
    word (hoax, fake: data/reconcile/sources_contrary.json) that the headline lacks disagrees, one with a
    hedge (the hedges table) discusses, others agree."""
    from claimledger.reconcile.cues import words
    from claimledger.reconcile.matching import contrary_vocabulary
    from claimledger.stances import hedge_words

    refuting, hedges = contrary_vocabulary()["refuting_words"], hedge_words()
    counts = {str(b["body_id"]): Counter(words(b["text"])) for b in bodies}
    tfidf = TfIdf(counts)
    out = []
    for p in pairs:
        body = counts.get(p["body_id"], Counter())
        h = tfidf.vector(Counter(words(p["headline"])))
        if cosine(h, tfidf.vectors.get(p["body_id"], {})) <= BASELINE_RELATED:
            out.append("unrelated")
        elif any(w in refuting for w in body) and not set(words(p["headline"])) & refuting:
            out.append("disagree")
        elif any(w in hedges for w in body):
            out.append("discuss")
        else:
            out.append("agree")
    return out


def evaluate_on_ledger(root: Path, db_path: Path, bodies: list[dict], body_url) -> dict:
    """The claim-check figures over the ledger at ``db_path`` holding ``bodies`` (ingested under ``body_url``)."""
    known = {str(b["body_id"]) for b in bodies}
    pairs = [p for p in read_pairs(Path(root) / PAIRS_FILE) if p["body_id"] in known]
    pairs = with_unrelated(pairs, bodies)
    gold = [p["stance"] for p in pairs]
    return {**fnc_scores(gold, check_labels(db_path, pairs, bodies, body_url)),
            "baseline": fnc_scores(gold, baseline_labels(pairs, bodies))}


def report_lines(result: dict) -> list[str]:
    base = result["baseline"]
    per_class = ", ".join(f"{k} {v['f1']:.3f}" for k, v in result["per_class"].items())
    return [
        f"claim check (FNC-1 scoring, {result['pairs']} pairs: dev pairs + as many unrelated): "
        f"weighted {result['weighted']:.1%}, disagree F1 {result['disagree_f1']:.3f}, "
        f"macro-F1 {result['macro_f1']:.3f} (per class: {per_class})",
        f"for scale, TF-IDF + refuting words: weighted {base['weighted']:.1%}, "
        f"disagree F1 {base['disagree_f1']:.3f}, macro-F1 {base['macro_f1']:.3f}",
    ]
