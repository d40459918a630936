"""Temporal expressions scored as TempEval-3 does, on TimeML (.tml) files.

Each document's raw TEXT is run through the pipeline with its document creation
time (DCT) as the publication date; the predicted ``doc._.cl_dates`` are matched
against the gold TIMEX3 spans (the DCT's own TIMEX3 is not scored):

- strict extraction: the predicted span equals the gold span;
- relaxed extraction: the spans overlap (one-to-one, largest overlap first);
- value: among relaxed matches, the TimeML value is right.  As in TempEval-3's
  scorer, value precision = right values / predicted timexes, value recall =
  right values / gold timexes, value F1 their harmonic mean.
"""
from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATES_COMPONENT = "claimledger_dates"

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class TimeMLDoc:
    name: str
    text: str
    dct: str | None
    timexes: list[GoldTimex] = field(default_factory=list)


def read_tml(path: Path) -> TimeMLDoc:
    """The raw TEXT of a TimeML file, its DCT value and the gold TIMEX3 with offsets into that text."""
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r"<DCT>\s*<TIMEX3([^>]*)>", raw)
    dct = _ATTR_dict(dct_match.group(1)).get("value") if dct_match else None
    body = raw.split("<TEXT>", 1)[1].split("</TEXT>", 1)[0]
    text_parts: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict]] = []
    timexes: list[GoldTimex] = []
    pos = 0
    for tag in _TAG.finditer(body):
        piece = html.unescape(body[pos:tag.start()])
        text_parts.append(piece)
        length += len(piece)
        pos = tag.end()
        closing, name = tag.group(1) == "/", tag.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex.append((length, _ATTR_dict(tag.group(3))))
        elif open_timex:
            start, attrs = open_timex.pop()
            timexes.append(GoldTimex(start, length, "", attrs.get("type", ""), attrs.get("value", "")))
    text_parts.append(html.unescape(body[pos:]))
    text = "".join(text_parts)
    for t in timexes:
        t.text = text[t.start:t.end]
    timexes = [t for t in timexes if t.end > t.start]
    timexes.sort(key=lambda t: t.start)
    return TimeMLDoc(path.stem, text, _dct_date(dct), timexes)


def _ATTR_dict(attrs: str) -> dict:
    return dict(_ATTR.findall(attrs))


def _dct_date(value: str | None) -> str | None:
    """The DCT as an ISO date (some DCTs carry a time: 1998-02-06T22:19:00)."""
    if not value:
        return None
    return value if re.match(r"^\d{4}-\d{2}-\d{2}", value) else None


def tml_files(data: Path) -> list[Path]:
    if data.is_file():
        return [data]
    return sorted(data.rglob("*.tml"))


def load_corpus(data: Path, limit: int | None = None) -> list[TimeMLDoc]:
    files = tml_files(data)
    if limit is not None:
        files = files[:limit]
    return [read_tml(p) for p in files]


@lru_cache(maxsize=1)
def timex_pipeline():
    """The model plus the dates component only (cached: one load per process)."""
    from claimledger.pipeline.build import COMPONENTS, build_pipeline
    return build_pipeline(exclude_components=tuple(c for c in COMPONENTS if c != DATES_COMPONENT))


def predict(docs: list[TimeMLDoc], nlp=None) -> list[list]:
    """The predicted DateValues of each document, through ``nlp.pipe``."""
    nlp = nlp or timex_pipeline()
    made = []
    for d in docs:
        doc = nlp.make_doc(d.text)
        doc._.published = d.dct
        made.append(doc)
    return [list(doc._.cl_dates or []) for doc in nlp.pipe(made, batch_size=8)]


def timeml_value(date) -> str | None:
    """The TimeML value of a predicted DateValue."""
    return getattr(date, "timex", None) or date.value


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def match(gold: list[GoldTimex], predicted: list) -> list[tuple[GoldTimex, object]]:
    """One-to-one relaxed matches (overlapping spans), largest overlap first."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            ov = _overlap(g.start, g.end, p.start, p.end)
            if ov:
                pairs.append((ov, gi, pi))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_g, used_p, out = set(), set(), []
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gold[gi], predicted[pi]))
    return out


def _same_value(gold: str, predicted: str | None) -> bool:
    return predicted is not None and gold.strip().upper() == predicted.strip().upper()


def _prf(correct: int, n_pred: int, n_gold: int) -> dict:
    p = correct / n_pred if n_pred else 0.0
    r = correct / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def score(docs: list[TimeMLDoc], predictions: list[list]) -> dict:
    counts = Counter()
    misses: Counter = Counter()
    for d, preds in zip(docs, predictions):
        counts["gold"] += len(d.timexes)
        counts["predicted"] += len(preds)
        pairs = match(d.timexes, preds)
        matched_gold = {id(g) for g, _ in pairs}
        for g, p in pairs:
            counts["relaxed"] += 1
            if (g.start, g.end) == (p.start, p.end):
                counts["strict"] += 1
            if _same_value(g.value, timeml_value(p)):
                counts["value"] += 1
            else:
                misses[(g.text, g.value, str(timeml_value(p)))] += 1
        for g in d.timexes:
            if id(g) not in matched_gold:
                misses[(g.text, g.value, "(not found)")] += 1
    strict = _prf(counts["strict"], counts["predicted"], counts["gold"])
    relaxed = _prf(counts["relaxed"], counts["predicted"], counts["gold"])
    value = _prf(counts["value"], counts["predicted"], counts["gold"])
    return {
        "strict_f1": strict["f1"],
        "relaxed_f1": relaxed["f1"],
        "value_f1": value["f1"],
        "strict": strict,
        "relaxed": relaxed,
        "value": value,
        "documents": len(docs),
        "timexes": counts["gold"],
        "predicted": counts["predicted"],
        "worst_misses": [
            {"text": text, "gold": gold, "predicted": pred, "count": n}
            for (text, gold, pred), n in misses.most_common(25)
        ],
    }


def evaluate(data: Path, limit: int | None = None, nlp=None) -> dict:
    docs = load_corpus(Path(data), limit=limit)
    return score(docs, predict(docs, nlp=nlp))


def print_report(result: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=f"TempEval-3 timex scores ({result['documents']} documents, {result['timexes']} gold TIMEX3)")
    for col in ("", "precision", "recall", "F1"):
        table.add_column(col, justify="right" if col else "left")
    for key, label in (("strict", "strict extraction"), ("relaxed", "relaxed extraction"), ("value", "value")):
        row = result[key]
        table.add_row(label, f"{row['precision']:.3f}", f"{row['recall']:.3f}", f"{row['f1']:.3f}")
    console.print(table)
    misses = Table(title="Worst misses")
    for col in ("count", "text", "gold value", "predicted"):
        misses.add_column(col)
    for m in result["worst_misses"]:
        misses.add_row(str(m["count"]), m["text"], m["gold"], m["predicted"])
    console.print(misses)
