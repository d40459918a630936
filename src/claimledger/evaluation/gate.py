"""The quality gate: headline figures must not fall below their floors.

Floors live in floors.json beside this module, with the hash of the data they
were measured on and the subset (documents per corpus) the gate evaluates.  A
commit may raise a floor; lowering one needs a reason in the same commit.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

FLOORS_FILE = Path(__file__).with_name("floors.json")


@dataclass
class GateResult:
    figure: str
    value: float | None
    floor: float
    ok: bool


def load_floors(path: Path = FLOORS_FILE) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def check(figures: dict[str, float], floors: dict[str, float]) -> list[GateResult]:
    """Compare figures with floors; a missing figure fails its floor."""
    results = []
    for name, floor in sorted(floors.items()):
        value = figures.get(name)
        results.append(GateResult(name, value, floor, value is not None and value + 1e-9 >= floor))
    return results


def data_hash(root: Path, corpora: list[str]) -> str:
    """sha256 over the files of the named corpora under ``root`` (paths and bytes, sorted)."""
    digest = hashlib.sha256()
    for corpus in corpora:
        base = root / corpus
        files = sorted(p for p in (base.rglob("*") if base.is_dir() else [base]) if p.is_file())
        for path in files:
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def run_gate(root: Path, floors_doc: dict | None = None) -> tuple[list[GateResult], dict]:
    from claimledger.evaluation.run_all import evaluate, headline_figures
    floors_doc = floors_doc or load_floors()
    results = evaluate(root, limits=floors_doc.get("subset", {}))
    return check(headline_figures(results), floors_doc["floors"]), results
