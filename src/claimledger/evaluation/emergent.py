"""Emergent (Ferreira & Vlachos, NAACL 2016): a headline's stance toward a rumoured claim.

Each row pairs a claim headline with an article headline labelled for / against /
observing.  We predict with reconcile.cues.text_stance, the same words the
ledger uses to side a statement with or against a claim, and score accuracy,
macro-F1, per-class precision/recall/F1 and the confusion matrix.
"""
from __future__ import annotations

import csv
from pathlib import Path

from claimledger.reconcile.cues import SIDES, text_stance

LABELS = SIDES  # ("for", "against", "observing")


def read_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh) if r.get("articleHeadlineStance") in LABELS]


def predict(claim: str, headline: str) -> str:
    return text_stance(headline, claim)


def score(gold: list[str], predicted: list[str]) -> dict:
    confusion = {g: {p: 0 for p in LABELS} for g in LABELS}
    for g, p in zip(gold, predicted):
        confusion[g][p] += 1
    per_class = {}
    for label in LABELS:
        tp = confusion[label][label]
        n_pred = sum(confusion[g][label] for g in LABELS)
        n_gold = sum(confusion[label].values())
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {"precision": round(precision, 4), "recall": round(recall, 4),
                            "f1": round(f1, 4), "support": n_gold}
    correct = sum(confusion[label][label] for label in LABELS)
    return {
        "rows": len(gold),
        "accuracy": round(correct / len(gold), 4) if gold else 0.0,
        "macro_f1": round(sum(c["f1"] for c in per_class.values()) / len(LABELS), 4),
        "per_class": per_class,
        "confusion": confusion,  # confusion[gold][predicted]
    }


def evaluate(path: Path, limit: int | None = None) -> dict:
    rows = read_rows(Path(path))[:limit] if limit else read_rows(Path(path))
    gold = [r["articleHeadlineStance"] for r in rows]
    predicted = [predict(r["claimHeadline"], r["articleHeadline"]) for r in rows]
    result = score(gold, predicted)
    result["data"] = str(path)
    result["published"] = {"accuracy": 0.73, "system": "Ferreira & Vlachos 2016 (logistic regression)"}
    return result


def print_report(result: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    console.print(f"Emergent headline stance: {result['rows']} rows, accuracy {result['accuracy']:.3f}, "
                  f"macro-F1 {result['macro_f1']:.3f} (published: accuracy 0.73)")
    table = Table(title="Per class")
    for col in ("class", "precision", "recall", "F1", "support"):
        table.add_column(col)
    for label, c in result["per_class"].items():
        table.add_row(label, f"{c['precision']:.3f}", f"{c['recall']:.3f}", f"{c['f1']:.3f}", str(c["support"]))
    console.print(table)
    matrix = Table(title="Confusion (rows: gold, columns: predicted)")
    matrix.add_column("gold")
    for label in LABELS:
        matrix.add_column(label)
    for g in LABELS:
        matrix.add_row(g, *[str(result["confusion"][g][p]) for p in LABELS])
    console.print(matrix)
