"""Russian named entities (PER / ORG / LOC) scored on FactRuEval-2016, names convention.

Gold (shared/data/ru/README.md, "names", the natasha / naeval convention): a Person mention is one
span from the first to the last character of its spans; an Org gives ORG for each ``org_name`` span
(descriptors such as "мэрия" are not names); a Location or LocOrg gives LOC for each ``loc_name``
span; of overlapping spans the earlier, longer one is kept.

Predicted, two readings of the Russian pipeline's output:

* ``exact`` / ``overlap``: the Doc's entities (natasha's NER snapped to razdel tokens; PERSON -> PER,
  ORG -> ORG, GPE -> LOC), what every stage reads;
* ``ledger``: what the ledger stores: the actors' person and organisation mentions and the places.

Exact: same start, end and type.  Overlap: a one-to-one pairing of same-type spans that share a
character.  Micro: over the three types together.
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

TYPES = ("PER", "ORG", "LOC")
DOC_LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}
LEDGER_TYPES = {"person": "PER", "organisation": "ORG", "media": "ORG", "government": "ORG", "military": "ORG",
                "party": "ORG", "group": "ORG"}

Span = tuple[int, int, str]


def read_gold(base: Path) -> list[Span]:
    """PER / ORG / LOC spans of one document (``base`` is the path without its extension)."""
    spans: dict[str, tuple[str, int, int]] = {}
    for line in base.with_suffix(".spans").read_text(encoding="utf-8").splitlines():
        fields = line.split("#")[0].split()
        if len(fields) >= 4:
            spans[fields[0]] = (fields[1], int(fields[2]), int(fields[2]) + int(fields[3]))
    found: list[Span] = []
    for line in base.with_suffix(".objects").read_text(encoding="utf-8").splitlines():
        fields = line.split("#")[0].split()
        if len(fields) < 3:
            continue
        kind, parts = fields[1], [spans[s] for s in fields[2:] if s in spans]
        if kind == "Person" and parts:
            found.append((min(p[1] for p in parts), max(p[2] for p in parts), "PER"))
        elif kind == "Org":
            found += [(s, e, "ORG") for t, s, e in parts if t == "org_name"]
        elif kind in ("Location", "LocOrg"):
            found += [(s, e, "LOC") for t, s, e in parts if t == "loc_name"]
    return _drop_overlaps(found)


def _drop_overlaps(spans: list[Span]) -> list[Span]:
    kept: list[Span] = []
    for span in sorted(set(spans), key=lambda s: (s[0], -(s[1] - s[0]))):
        if not any(span[0] < k[1] and k[0] < span[1] for k in kept):
            kept.append(span)
    return kept


def doc_spans(doc) -> list[Span]:
    return [(e.start_char, e.end_char, DOC_LABELS[e.label_]) for e in doc.ents if e.label_ in DOC_LABELS]


def ledger_spans(doc) -> list[Span]:
    found = [(m.start, m.end, LEDGER_TYPES[e.type]) for e in doc._.cl_entities or []
             if e.type in LEDGER_TYPES for m in e.mentions if m.start is not None]
    found += [(p.start, p.end, "LOC") for p in doc._.cl_places or []]
    return _drop_overlaps(found)


def score(pairs: list[tuple[list[Span], list[Span]]]) -> dict:
    """{"exact": {type: {p, r, f1}, "micro": ...}, "overlap": {...}} over (gold, predicted) per document."""
    result = {}
    for mode in ("exact", "overlap"):
        counts = defaultdict(lambda: [0, 0, 0])  # matched, predicted, gold
        for gold, pred in pairs:
            for label in TYPES:
                g = [s for s in gold if s[2] == label]
                p = [s for s in pred if s[2] == label]
                matched = _matches(g, p, mode)
                for key in (label, "micro"):
                    counts[key][0] += matched
                    counts[key][1] += len(p)
                    counts[key][2] += len(g)
        result[mode] = {key: _prf(*counts[key]) for key in (*TYPES, "micro")}
    return result


def _matches(gold: list[Span], pred: list[Span], mode: str) -> int:
    if mode == "exact":
        return len(set(gold) & set(pred))
    used, matched = set(), 0
    for g in gold:
        for i, p in enumerate(pred):
            if i not in used and p[0] < g[1] and g[0] < p[1]:
                used.add(i)
                matched += 1
                break
    return matched


def _prf(matched: int, n_pred: int, n_gold: int) -> dict:
    p = matched / n_pred if n_pred else 0.0
    r = matched / n_gold if n_gold else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "gold": n_gold, "predicted": n_pred}


def documents(data: Path) -> list[Path]:
    books = sorted(data.glob("book_*.txt"), key=lambda p: int(re.sub(r"\D", "", p.stem) or 0))
    if not books:
        from claimledger.errors import InputError
        raise InputError(f"{data}: no FactRuEval book_N.txt files")
    return [b.with_suffix("") for b in books]


def evaluate(data: Path, limit: int | None = None) -> dict:
    from claimledger.pipeline.analysis import prepare_doc
    from claimledger.pipeline.build import nlp_for
    from claimledger.model import Article

    nlp = nlp_for("ru")
    bases = documents(Path(data))[:limit] if limit else documents(Path(data))
    articles = [Article(text=b.with_suffix(".txt").read_text(encoding="utf-8"), language="ru") for b in bases]
    docs = nlp.pipe(prepare_doc(nlp, a) for a in articles)
    on_doc, on_ledger = [], []
    for base, doc in zip(bases, docs):
        gold = read_gold(base)
        on_doc.append((gold, doc_spans(doc)))
        on_ledger.append((gold, ledger_spans(doc)))
    result = score(on_doc)
    result["ledger"] = score(on_ledger)
    result["documents"] = len(bases)
    result["data"] = str(data)
    return result


def print_report(result: dict) -> None:
    print(f"FactRuEval names convention, {result['documents']} documents: {result['data']}")
    for title, block in (("doc entities", result), ("ledger", result["ledger"])):
        for mode in ("exact", "overlap"):
            cells = "  ".join(f"{k} {block[mode][k]['f1']:.3f}" for k in (*TYPES, "micro"))
            print(f"  {title:13} {mode:8} F1  {cells}")
