"""Geoparsing evaluation on LGL, GeoVirus and GeoWebNews (XML, layout detected).

Scores the claimledger_places component:

* recognition: precision, recall and F1 of toponym spans (a prediction and a
  gold toponym match when their character spans overlap);
* resolution: over the gold toponyms with coordinates that were recognised,
  the share geocoded within 161 km (100 miles; found but unresolved counts as
  wrong), the mean error in km over those given a point, and the median
  error with unresolved ones counted as infinitely far;
* GeoWebNews only: how gold Metonymic toponyms were treated (metonym vs
  place), and how many literal ones were wrongly taken for metonyms.

Both doc._.cl_places and doc._.cl_metonyms count as recognised toponyms (a
metonym is still a toponym; its point is the place it names).

GeoWebNews annotates many kinds of expressions.  The scored gold set is the
names of places used for a place or for its people/government (Literal,
Literal_Modifier, Mixed, Embedded_Literal, Coercion, Metonymic, with
coordinates).  Predictions that overlap any other annotation (demonyms,
"Irish" modifiers, names embedded in organisations, homonyms) are neither
right nor wrong: they are left out of precision.

The model's parse of each corpus is cached (spaCy DocBin, in the claimledger
cache folder) so that re-scoring after a change to the places component only
re-runs that component.
"""
from __future__ import annotations

import hashlib
import os
import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from claimledger.pipeline.places.gazetteer import haversine_km

KM_161 = 161.0
GWN_SCORED = {"Literal", "Literal_Modifier", "Mixed", "Embedded_Literal", "Coercion", "Metonymic"}
# components the places component does not need
AFTER_PLACES = ("claimledger_dates", "claimledger_actors", "claimledger_quantities",
                "claimledger_attribution", "claimledger_claims")


@dataclass
class GoldToponym:
    start: int
    end: int
    name: str
    lat: float | None
    lon: float | None
    kind: str = "Literal"   # GeoWebNews type; Literal elsewhere
    scored: bool = True     # counts in recall/accuracy; False: neutral for precision


@dataclass
class GoldArticle:
    text: str
    toponyms: list[GoldToponym]


# ---------------------------------------------------------------- reading

def _float(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def detect_layout(root: ET.Element) -> str:
    if root.find(".//toponym/extractedName") is not None:
        return "gwn"
    if root.find(".//location") is not None:
        return "geovirus"
    return "lgl"


def read_corpus(path: Path) -> tuple[str, list[GoldArticle]]:
    root = ET.parse(path).getroot()
    layout = detect_layout(root)
    reader = {"lgl": _lgl, "geovirus": _geovirus, "gwn": _gwn}[layout]
    return layout, [reader(a) for a in root.iter("article")]


def _lgl(article: ET.Element) -> GoldArticle:
    tops = []
    for t in article.iter("toponym"):
        gaz = t.find("gaztag")
        lat = _float(gaz.findtext("lat")) if gaz is not None else None
        lon = _float(gaz.findtext("lon")) if gaz is not None else None
        tops.append(GoldToponym(int(t.findtext("start")), int(t.findtext("end")), t.findtext("phrase") or "", lat, lon))
    return GoldArticle(article.findtext("text") or "", tops)


def _geovirus(article: ET.Element) -> GoldArticle:
    tops = [GoldToponym(int(t.findtext("start")), int(t.findtext("end")), t.findtext("name") or "",
                        _float(t.findtext("lat")), _float(t.findtext("lon")))
            for t in article.iter("location")]
    return GoldArticle(article.findtext("text") or "", tops)


def _gwn(article: ET.Element) -> GoldArticle:
    tops = []
    for t in article.iter("toponym"):
        kind = t.findtext("type") or ""
        lat, lon = _float(t.findtext("latitude")), _float(t.findtext("longitude"))
        scored = kind in GWN_SCORED and lat is not None
        tops.append(GoldToponym(int(t.findtext("start")), int(t.findtext("end")), t.findtext("extractedName") or "",
                                lat, lon, kind, scored))
    return GoldArticle(article.findtext("text") or "", tops)


# ---------------------------------------------------------------- running

def _cache_dir() -> Path:
    return Path(os.environ.get("CLAIMLEDGER_CACHE", Path.home() / ".cache" / "claimledger"))


def parse_texts(texts: list[str]):
    """Docs after the places component; the model's parse is cached per corpus."""
    from spacy.tokens import DocBin

    from claimledger.pipeline.build import build_pipeline, model_version

    nlp = build_pipeline(exclude_components=AFTER_PLACES)
    places = nlp.get_pipe("claimledger_places")
    key = hashlib.sha1(("\x1e".join(texts) + model_version(nlp)).encode("utf-8")).hexdigest()[:16]
    path = _cache_dir() / f"geo-parse-{key}.spacy"
    docs = None
    if path.exists():
        try:
            docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        except (OSError, ValueError):
            docs = None
    if docs is None:
        with nlp.select_pipes(disable=["claimledger_places"]):
            docs = list(nlp.pipe(texts, batch_size=16))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            DocBin(store_user_data=False, docs=docs).to_disk(path)
        except OSError:
            pass
    return [places(doc) for doc in docs]


def predictions(doc) -> list[dict]:
    """Recognised toponyms: literal places and metonyms.  Seats of government (the Kremlin,
    the White House) are left out: the corpora annotate them as organisations, not toponyms."""
    from claimledger.pipeline.places.component import SEAT_FEATURE

    out = [{"start": p.start, "end": p.end, "lat": p.lat, "lon": p.lon, "metonym": False}
           for p in doc._.cl_places or [] if p.feature != SEAT_FEATURE]
    out += [{"start": m["start"], "end": m["end"], "lat": m.get("lat"), "lon": m.get("lon"), "metonym": True}
            for m in doc._.cl_metonyms or [] if m.get("feature") != SEAT_FEATURE]
    return out


def _overlaps(a, b) -> bool:
    return a["start"] < b.end and b.start < a["end"]


# ---------------------------------------------------------------- scoring

def evaluate(path: Path, limit: int | None = None) -> dict:
    layout, articles = read_corpus(Path(path))
    if limit is not None:
        articles = articles[:limit]
    docs = parse_texts([a.text for a in articles])
    return score(layout, articles, [predictions(d) for d in docs], str(path))


def score(layout: str, articles: list[GoldArticle], preds: list[list[dict]], data: str = "") -> dict:
    tp_pred = n_pred = 0
    n_gold = found = 0
    errors: list[float] = []
    unresolved = 0
    meto = {"gold_metonymic": 0, "found": 0, "as_metonym": 0, "as_place": 0,
            "literal_found": 0, "literal_as_metonym": 0}
    for art, pred in zip(articles, preds):
        scored = [g for g in art.toponyms if g.scored]
        for p in pred:
            if any(_overlaps(p, g) for g in scored):
                tp_pred += 1
                n_pred += 1
            elif not any(_overlaps(p, g) for g in art.toponyms):
                n_pred += 1  # overlapping an unscored annotation: neutral
        for g in scored:
            n_gold += 1
            match = next((p for p in pred if _overlaps(p, g)), None)
            if g.kind == "Metonymic":
                meto["gold_metonymic"] += 1
            if match is None:
                continue
            found += 1
            _count_metonymy(meto, g, match)
            if g.lat is None:
                continue
            if match["lat"] is None:
                unresolved += 1
                errors.append(float("inf"))
            else:
                errors.append(haversine_km(match["lat"], match["lon"], g.lat, g.lon))
    precision = tp_pred / n_pred if n_pred else 0.0
    recall = found / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    finite = [e for e in errors if e != float("inf")]
    result = {
        "data": data, "layout": layout, "articles": len(articles),
        "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
        "acc_161km": round(sum(e <= KM_161 for e in errors) / len(errors), 4) if errors else 0.0,
        "mean_km": round(statistics.fmean(finite), 1) if finite else None,
        "median_km": round(statistics.median(errors), 1) if errors and statistics.median(errors) != float("inf") else None,
        "toponyms": n_gold, "found": found, "geocoded_scored": len(errors), "unresolved": unresolved,
        "predicted": n_pred,
    }
    if layout == "gwn":
        result["metonymy"] = meto
    return result


def _count_metonymy(meto: dict, g: GoldToponym, match: dict) -> None:
    if g.kind == "Metonymic":
        meto["found"] += 1
        meto["as_metonym" if match["metonym"] else "as_place"] += 1
    elif g.kind == "Literal":
        meto["literal_found"] += 1
        meto["literal_as_metonym"] += int(match["metonym"])


def print_report(result: dict) -> None:
    print(f"Geoparsing ({result['layout']}, {result['articles']} articles, {result['toponyms']} gold toponyms): {result['data']}")
    print(f"  recognition  P {result['precision']:.3f}  R {result['recall']:.3f}  F1 {result['f1']:.3f}"
          f"  ({result['found']} found, {result['predicted']} predicted)")
    print(f"  resolution   acc@161km {result['acc_161km']:.3f} over {result['geocoded_scored']} found"
          f" ({result['unresolved']} unresolved)  mean {result['mean_km']} km  median {result['median_km']} km")
    if "metonymy" in result:
        m = result["metonymy"]
        print(f"  metonymy     gold metonymic {m['gold_metonymic']}, found {m['found']}: {m['as_metonym']} as metonym,"
              f" {m['as_place']} as place; literal found {m['literal_found']}, {m['literal_as_metonym']} taken for metonyms")
