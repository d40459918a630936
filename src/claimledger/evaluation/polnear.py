"""Attribution (source, cue, content) scored on PolNeAR.

Layout: ``DIR/<split>/text/<article>.txt`` and
``DIR/<split>/attributions/<article>_<annotator>.ann`` (brat standoff).  One
annotator per article: the first ``.ann`` in sorted order, so runs agree.

Scoring, per role, over the distinct spans of each article:

* ``exact``: a predicted span counts when it equals a gold span.  A span is a
  tuple of fragments; brat's discontinuous spans (``start end;start end``) keep
  their fragments, and each fragment is trimmed of surrounding white space.
  A discontinuous gold content (a quote broken by "he said") therefore needs
  the same set of fragments; a single predicted span covering only its first
  fragment does not count exactly, but does count by overlap.
  A quote that goes on after its cue ("“A,” she said. “B.”") is predicted as
  two fragments (``content["fragments"]``), as PolNeAR annotates it.
* ``overlap``: a predicted span counts when it shares at least one character
  with a gold span; predicted and gold spans are paired one to one (greedy, in
  text order) so one long prediction cannot match many gold spans.

PolNeAR annotates only the outermost of nested attributions, so statements
whose cue lies inside another statement's content are left out before scoring.
PolNeAR does not annotate the writer's own voice: statements of kind ``outlet``
(the headline, the lede's unattributed assertion) are never scored.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

ROLES = ("source", "cue", "content")

Fragments = tuple[tuple[int, int], ...]


@dataclass
class GoldAttribution:
    cue: Fragments | None
    source: Fragments | None
    content: Fragments | None
    kind: str = "Attribution"


@dataclass
class Article:
    name: str
    text: str
    attributions: list[GoldAttribution] = field(default_factory=list)


_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t?")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")


def parse_fragments(spec: str) -> Fragments:
    return tuple(tuple(int(x) for x in part.split()) for part in spec.strip().split(";"))  # type: ignore[misc]


def read_ann(path: Path) -> list[GoldAttribution]:
    """The attributions of one brat ``.ann`` file (span texts may run over several lines)."""
    spans: dict[str, Fragments] = {}
    events: list[tuple[str, dict[str, str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        t_match = _T_LINE.match(line)
        if t_match:
            try:
                spans[t_match.group(1)] = parse_fragments(t_match.group(3))
            except ValueError:
                continue
            continue
        e_match = _E_LINE.match(line)
        if e_match:
            args = [a.split(":", 1) for a in e_match.group(2).split() if ":" in a]
            if args:
                kind = args[0][0]
                events.append((kind, {role: ref for role, ref in args[1:]}))
    return [
        GoldAttribution(cue=spans.get(roles.get("Cue", "")), source=spans.get(roles.get("Source", "")),
                        content=spans.get(roles.get("Content", "")), kind=kind)
        for kind, roles in events
    ]


def read_split(data: Path, split: str = "dev", limit: int | None = None) -> list[Article]:
    text_dir = data / split / "text"
    ann_dir = data / split / "attributions"
    articles = []
    for text_path in sorted(text_dir.glob("*.txt")):
        anns = sorted(ann_dir.glob(f"{text_path.stem}_*.ann"))
        if not anns:
            continue
        articles.append(Article(text_path.stem, text_path.read_text(encoding="utf-8"), read_ann(anns[0])))
        if limit is not None and len(articles) >= limit:
            break
    return articles


def trim(text: str, fragments) -> Fragments | None:
    """Fragments with surrounding white space removed (empty ones dropped)."""
    out = []
    for start, end in fragments:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append((start, end))
    return tuple(out) or None


def gold_spans(article: Article) -> dict[str, set[Fragments]]:
    spans: dict[str, set[Fragments]] = {role: set() for role in ROLES}
    for att in article.attributions:
        for role in ROLES:
            frags = getattr(att, role)
            if frags:
                trimmed = trim(article.text, frags)
                if trimmed:
                    spans[role].add(trimmed)
    return spans


def outermost(statements) -> list:
    """Statements whose cue lies in no other statement's content (PolNeAR's convention)."""
    def inside(st, other):
        c = other.content
        return other is not st and c["start"] <= st.cue["start"] and st.cue["end"] <= c["end"]
    return [st for st in statements if not any(inside(st, o) for o in statements)]


def predicted_spans(text: str, statements) -> dict[str, set[Fragments]]:
    spans: dict[str, set[Fragments]] = {role: set() for role in ROLES}
    for st in outermost([s for s in statements if s.kind != "outlet"]):
        pairs = {"cue": [(st.cue["start"], st.cue["end"])],
                 "content": st.content.get("fragments") or [(st.content["start"], st.content["end"])]}
        if st.speaker is not None:
            pairs["source"] = [(st.speaker.start, st.speaker.end)]
        for role, fragments in pairs.items():
            trimmed = trim(text, fragments)
            if trimmed:
                spans[role].add(trimmed)
    return spans


def _extent(frags: Fragments) -> tuple[int, int]:
    return frags[0][0], frags[-1][1]


def _overlaps(a: Fragments, b: Fragments) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def count_overlap(pred: set[Fragments], gold: set[Fragments]) -> int:
    """One-to-one pairs of overlapping spans, greedily in text order."""
    free = sorted(gold, key=_extent)
    matched = 0
    for p in sorted(pred, key=_extent):
        for g in free:
            if _overlaps(p, g):
                free.remove(g)
                matched += 1
                break
    return matched


class Tally:
    def __init__(self):
        self.pred = self.gold = self.exact = self.overlap = 0

    def add(self, pred: set[Fragments], gold: set[Fragments]) -> None:
        self.pred += len(pred)
        self.gold += len(gold)
        self.exact += len(pred & gold)
        self.overlap += count_overlap(pred, gold)

    @staticmethod
    def prf(hits: int, pred: int, gold: int) -> dict:
        p = hits / pred if pred else 0.0
        r = hits / gold if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}

    def result(self) -> dict:
        return {"exact": self.prf(self.exact, self.pred, self.gold),
                "overlap": self.prf(self.overlap, self.pred, self.gold),
                "predicted": self.pred, "gold": self.gold}


# The attribution spans need the parse only: dates/actors feed speaker linking
# and statement dates, which PolNeAR does not score.
EXCLUDED_COMPONENTS = ("claimledger_dates", "claimledger_places", "claimledger_actors",
                       "claimledger_quantities", "claimledger_claims")


def score_docs(articles: list[Article], docs) -> dict:
    tallies = {role: Tally() for role in ROLES}
    for article, doc in zip(articles, docs):
        gold = gold_spans(article)
        pred = predicted_spans(article.text, doc._.cl_statements or [])
        for role in ROLES:
            tallies[role].add(pred[role], gold[role])
    result = {role: tallies[role].result() for role in ROLES}
    result["articles"] = len(articles)
    return result


def evaluate(data: Path, split: str = "dev", limit: int | None = None, nlp=None) -> dict:
    from claimledger.pipeline.build import build_pipeline

    articles = read_split(Path(data), split, limit)
    nlp = nlp or build_pipeline(exclude_components=EXCLUDED_COMPONENTS)
    docs = nlp.pipe((a.text for a in articles), batch_size=16)
    result = score_docs(articles, docs)
    result["split"] = split
    return result


def print_report(result: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"PolNeAR {result.get('split', '')} ({result['articles']} articles)")
    for col in ("role", "exact P", "exact R", "exact F1", "overlap P", "overlap R", "overlap F1", "pred", "gold"):
        table.add_column(col, justify="left" if col == "role" else "right")
    for role in ROLES:
        r = result[role]
        ex, ov = r["exact"], r["overlap"]
        table.add_row(role, *(f"{v:.3f}" for v in (ex["precision"], ex["recall"], ex["f1"],
                                                   ov["precision"], ov["recall"], ov["f1"])),
                      str(r["predicted"]), str(r["gold"]))
    Console().print(table)
