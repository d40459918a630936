"""Score an analysis against a hand-made gold file in the seed's format (see shared/seed/GOLD.md).

- A statement is found when a predicted cue overlaps the gold cue, the speaker
  matches the gold actor by name or alias and by country, and the stance is one
  of the gold stances; its date is right when value and precision match (or both
  are absent).
- A date is right when a predicted date overlapping the gold span has the same
  value and precision.
- A place is right when a predicted place overlapping the gold span lies within
  ``max_km`` of the reference point with the same country.
- A claim is right when the predicted claim holding most of its gold statements
  has one of the gold statuses.
"""
from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

from claimledger.model import Analysis


def haversine_km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def _overlaps(a_start, a_end, b_start, b_end) -> bool:
    return a_start < b_end and b_start < a_end


def _speaker_matches(speaker, actor: dict) -> bool:
    if speaker is None:
        return False
    names = {n.lower() for n in actor["names"]}
    return speaker.name.lower() in names and speaker.country == actor["country"]


def score_statements(result: Analysis, gold: dict) -> list[dict]:
    rows = []
    for g in gold["statements"]:
        actor = gold["actors"][g["speaker"]]
        cands = [s for s in result.statements if _overlaps(s.cue["start"], s.cue["end"], g["cue"]["start"], g["cue"]["end"])]
        best = next((s for s in cands if _speaker_matches(s.speaker, actor) and s.stance in g["stance"]), None)
        shown = best or (cands[0] if cands else None)
        date_ok = best is not None and _date_matches(best.date, g.get("date"))
        rows.append({
            "id": g["id"], "cue": g["cue"]["text"], "found": best is not None, "date_ok": date_ok,
            "ok": best is not None and date_ok,
            "predicted": None if shown is None else {
                "speaker": shown.speaker and f"{shown.speaker.name} ({shown.speaker.country})",
                "stance": shown.stance, "date": shown.date, "cue": shown.cue["text"]},
            "gold": {"speaker": f"{actor['names'][0]} ({actor['country']})", "stance": g["stance"], "date": g.get("date")},
        })
    return rows


def _date_matches(pred: dict | None, gold: dict | None) -> bool:
    if not gold:
        return not pred  # the text gives no date for this statement: none may be invented
    return bool(pred) and pred.get("value") == gold["value"] and pred.get("precision") == gold["precision"]


def score_dates(result: Analysis, gold: dict) -> list[dict]:
    rows = []
    for g in gold["dates"]:
        cands = [d for d in result.dates if _overlaps(d.start, d.end, g["start"], g["end"])]
        ok = any(d.value == g["value"] and d.precision == g["precision"] for d in cands)
        rows.append({"text": g["text"], "ok": ok, "gold": g["value"], "predicted": [(d.value, d.precision) for d in cands]})
    return rows


def score_places(result: Analysis, gold: dict) -> list[dict]:
    rows = []
    for g in gold["places"]:
        cands = [p for p in result.places if _overlaps(p.start, p.end, g["start"], g["end"]) and p.lat is not None]
        dists = [haversine_km(p.lat, p.lon, g["lat"], g["lon"]) for p in cands if p.country == g["country"]]
        ok = any(d <= g["max_km"] for d in dists)
        rows.append({"text": g["text"], "ok": ok, "km": min(dists) if dists else None,
                     "predicted": [(p.name, p.country, p.lat, p.lon) for p in cands]})
    return rows


def score_claims(result: Analysis, gold: dict) -> list[dict]:
    gold_statements = {s["id"]: s for s in gold["statements"]}
    matched = _matched_statement_ids(result, gold)
    claims_by_id = {c.id: c for c in result.claims}
    rows = []
    for g in gold["claims"]:
        members = [sid for sid, s in gold_statements.items() if s.get("claim") == g["id"]]
        votes = Counter(claims_by_id[p].id for sid in members for p in matched.get(sid, []) if p in claims_by_id)
        best = claims_by_id[votes.most_common(1)[0][0]] if votes else None
        rows.append({"id": g["id"], "about": g["about"], "ok": best is not None and best.status in g["status"],
                     "gold": g["status"], "predicted": best and {"status": best.status, "text": best.text}})
    return rows


def _matched_statement_ids(result: Analysis, gold: dict) -> dict[str, list[str]]:
    """gold statement id → claim ids of the predicted statements whose cue overlaps it."""
    out: dict[str, list[str]] = {}
    for g in gold["statements"]:
        out[g["id"]] = [s.claim_id for s in result.statements
                        if s.claim_id and _overlaps(s.cue["start"], s.cue["end"], g["cue"]["start"], g["cue"]["end"])]
    return out


def evaluate(gold_path: Path, result: Analysis | None = None) -> dict:
    """Analyse the gold's article (unless given) and score it."""
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    if result is None:
        from claimledger.pipeline.analysis import analyze
        from claimledger.model import Article
        text = (Path(gold_path).parent / gold["article"]["file"]).read_text(encoding="utf-8")
        result = analyze(Article(text=text, published=gold["article"]["published"]))
    statements = score_statements(result, gold)
    dates, places, claims = score_dates(result, gold), score_places(result, gold), score_claims(result, gold)
    return {
        "statements_ok": sum(r["ok"] for r in statements), "statements": len(statements),
        "dates_ok": sum(r["ok"] for r in dates), "dates": len(dates),
        "places_ok": sum(r["ok"] for r in places), "places": len(places),
        "claims_ok": sum(r["ok"] for r in claims), "claims": len(claims),
        "details": {"statements": statements, "dates": dates, "places": places, "claims": claims},
    }
