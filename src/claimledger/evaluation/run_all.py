"""Every evaluation in one go, for `claimledger eval all` and the README's results table."""
from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

# Published figures of other tools, shown beside ours (see README for sources).
PUBLISHED = {
    "timex.value_f1": "HeidelTime 0.776 (TempEval-3)",
    "geo.GWN.acc_161km": "Mordecai 3 0.94",
    "geo.lgl.acc_161km": "Mordecai 3 0.83; CLAVIN 0.71",
    "polnear.source.exact.f1": "CofeNet 0.83; annotators 0.78",
    "polnear.cue.exact.f1": "CofeNet 0.75; annotators 0.71",
    "polnear.content.exact.f1": "CofeNet 0.73; annotators 0.69",
    "emergent.accuracy": "Ferreira & Vlachos 0.73",
    "check.fnc_weighted": "FNC-1 winners 0.82",
    "check.macro_f1": "FNC-1 winners 0.58-0.60",
    "factru.exact.micro.f1": "natasha 1.6 NewsNERTagger 0.868",
    "factru.overlap.PER.f1": "natasha 1.6 NewsNERTagger 0.958",
    "factru.overlap.micro.f1": "natasha 1.6 NewsNERTagger 0.910",
}

GEO_FILES = ("GWN.xml", "lgl.xml", "GeoVirus.xml")


def evaluate(root: Path, limits: dict | None = None) -> dict:
    """Run each scorer on the data under ``root`` (shared/data); ``limits`` caps documents per corpus."""
    from claimledger.evaluation import geo, polnear, timex
    limits = limits or {}
    results: dict = {}
    if (root / "polnear").is_dir():
        results["polnear"] = polnear.evaluate(root / "polnear", split="dev", limit=limits.get("polnear"))
    if (root / "timebank").is_dir():
        results["timex"] = timex.evaluate(root / "timebank", limit=limits.get("timex"))
    for name in GEO_FILES:
        path = root / "geo" / name
        if path.exists():
            results.setdefault("geo", {})[path.stem] = geo.evaluate(path, limit=limits.get(f"geo.{path.stem}"))
    emergent_csv = root / "stance" / "emergent-dev.csv"
    if emergent_csv.exists():
        from claimledger.evaluation import emergent
        results["emergent"] = emergent.evaluate(emergent_csv, limit=limits.get("emergent"))
    if (root / "stance" / "fnc-emergent-dev.jsonl").exists() and (root / "stance" / "fnc-emergent-dev-pairs.csv").exists():
        from claimledger.evaluation import across
        results["across"] = across.evaluate(root / "stance", limit=limits.get("across"))
    if (root / "ru" / "factrueval-dev").is_dir():
        from claimledger.evaluation import factru
        results["factru"] = factru.evaluate(root / "ru" / "factrueval-dev", limit=limits.get("factru"))
    seed_gold = root.parent / "seed" / "kursk.gold.json"
    if seed_gold.exists():
        from claimledger.evaluation import seed
        scored = seed.evaluate(seed_gold)
        results["seed"] = {k: v for k, v in scored.items() if k != "details"}
    return results


def headline_figures(results: dict) -> dict[str, float]:
    """The flat figures that the quality gate guards, e.g. 'timex.value_f1'."""
    figures: dict[str, float] = {}
    pol = results.get("polnear")
    if pol:
        for role in ("source", "cue", "content"):
            figures[f"polnear.{role}.exact.f1"] = pol[role]["exact"]["f1"]
    tx = results.get("timex")
    if tx:
        for key in ("value_f1", "relaxed_f1", "strict_f1"):
            figures[f"timex.{key}"] = tx[key]
    for corpus, res in (results.get("geo") or {}).items():
        figures[f"geo.{corpus}.acc_161km"] = res["acc_161km"]
        figures[f"geo.{corpus}.f1"] = res["f1"]
    em = results.get("emergent")
    if em:
        figures["emergent.accuracy"] = em["accuracy"]
        figures["emergent.macro_f1"] = em["macro_f1"]
        figures["emergent.against_f1"] = em["per_class"]["against"]["f1"]
    ac = results.get("across")
    if ac:
        figures["across.same_claim_f1"] = ac["same_claim_pairs"]["f1"]
        checked = ac["claim_check"]
        figures["check.fnc_weighted"] = checked["weighted"]
        figures["check.disagree_f1"] = checked["disagree_f1"]
        figures["check.macro_f1"] = checked["macro_f1"]
    fr = results.get("factru")
    if fr:
        for mode in ("exact", "overlap"):
            for label in ("PER", "ORG", "LOC", "micro"):
                figures[f"factru.{mode}.{label}.f1"] = fr[mode][label]["f1"]
    seed = results.get("seed")
    if seed:
        for key in ("statements_ok", "dates_ok", "places_ok", "claims_ok"):
            figures[f"seed.{key}"] = seed[key]
    return figures


def print_report(results: dict, console: Console | None = None) -> None:
    console = console or Console()
    table = Table(title="claimledger quality")
    table.add_column("figure")
    table.add_column("claimledger", justify="right")
    table.add_column("published, for scale")
    for name, value in headline_figures(results).items():
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        table.add_row(name, shown, PUBLISHED.get(name, ""))
    console.print(table)
