"""Measure the quality gate's figures and raise the floors in evaluation/floors.json.

    python scripts/measure_floors.py [--data ../shared/data] [--write] [--lower "reason"]

Floors are the measured figures rounded down (to 0.005 for ratios), on the subset named in the
floors file.  A floor is only raised, never lowered, unless --lower gives the reason (which is
recorded in the file and must be said in the commit message as well).
"""
from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

from claimledger.evaluation.gate import FLOORS_FILE, data_hash, load_floors
from claimledger.evaluation.run_all import evaluate, headline_figures
from claimledger.resources import shared_data

CORPORA = ["polnear/dev", "timebank", "geo", "stance/emergent-dev.csv", "stance/fnc-emergent-dev.jsonl",
           "stance/fnc-emergent-dev-pairs.csv", "ru/factrueval-dev"]
DEFAULT_SUBSET = {"geo.lgl": 300}


def rounded_down(value: float) -> float:
    if float(value).is_integer() and value > 1:
        return value
    return math.floor(value * 200) / 200


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=shared_data())
    ap.add_argument("--write", action="store_true", help="write the raised floors to the floors file")
    ap.add_argument("--lower", metavar="REASON", help="allow floors to go down, for this reason")
    args = ap.parse_args()
    old = load_floors() if FLOORS_FILE.exists() else {"floors": {}, "subset": DEFAULT_SUBSET}
    figures = headline_figures(evaluate(args.data, limits=old.get("subset", DEFAULT_SUBSET)))
    floors = dict(old["floors"])
    for name, value in figures.items():
        new = rounded_down(value)
        if name not in floors or new > floors[name] or args.lower:
            floors[name] = new
        print(f"{name:32} {value:10.4f}  floor {floors[name]}")
    doc = {
        "comment": "Quality floors: measured figures rounded down. Raise freely; lower only with a reason "
                   "(below and in the commit message). Measured by scripts/measure_floors.py.",
        "corpora": CORPORA,
        "data_hash": data_hash(args.data, CORPORA),
        "subset": old.get("subset", DEFAULT_SUBSET),
        "floors": floors,
        "lowered_because": args.lower or old.get("lowered_because"),
    }
    if args.write:
        FLOORS_FILE.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {FLOORS_FILE}")


if __name__ == "__main__":
    main()
