"""Export the ledger's cross-article claims: JSON lines, CSV, GeoJSON, schema.org Claim / ClaimReview.

- jsonl: one ledger claim a line, with its history and contradictions.
- csv: one row per history entry (claim, date, source, stance, side, article).
- geojson: a Feature per place a claim is about, with the claim's id, text and status.
- claimreview: schema.org ``Claim`` objects, one per attribution (who claimed what, when, where it
  appeared); a ``ClaimReview`` only where the ledger has a verdict (confirmed, denied, retracted),
  never for merely reported or disputed claims.
"""
from __future__ import annotations

import csv
import io
import json

FORMATS = ("jsonl", "csv", "geojson", "claimreview")
VERDICTS = {  # ledger status -> (alternateName, ratingValue on a 1..5 scale, 5 = true)
    "confirmed": ("Confirmed by a party", 5),
    "denied": ("Denied", 1),
    "retracted": ("Retracted by its source", 1),
}
CSV_COLUMNS = ["claim_id", "claim", "status", "date", "date_source", "event", "source", "source_kind", "stance",
               "side", "article_id", "statement_id"]


def export(db, fmt: str, status: str | None = None, about: str | None = None) -> str:
    from claimledger.reconcile.store import claim_dossier, claim_rows

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    claims = [claim_dossier(db, c["id"]) for c in claim_rows(db, status=status, about=about)]
    articles = _articles(db)
    return {"jsonl": to_jsonl, "csv": to_csv, "geojson": to_geojson, "claimreview": to_claimreview}[fmt](
        claims, articles)


def _articles(db) -> dict[str, dict]:
    return {r["id"]: r for r in db.query("SELECT id, title, source, url, published FROM articles")}


def to_jsonl(claims: list[dict], articles: dict) -> str:
    return "".join(json.dumps(c, ensure_ascii=False, sort_keys=True) + "\n" for c in claims)


def to_csv(claims: list[dict], articles: dict) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for c in claims:
        for h in c["evidence"]:
            writer.writerow({"claim_id": c["id"], "claim": c["text"], "status": c["status"],
                             **{k: h.get(k) for k in CSV_COLUMNS[3:] if k in h},
                             "event": _event_of(c, h)})
    return out.getvalue()


def _event_of(claim: dict, evidence: dict) -> str | None:
    for h in claim["history"]:
        if h["statement_id"] == evidence["statement_id"] and h["article_id"] == evidence["article_id"]:
            return h["event"]
    return None


def to_geojson(claims: list[dict], articles: dict) -> str:
    features = []
    for c in claims:
        for p in c["places"]:
            if p.get("lat") is None or p.get("lon") is None:
                continue
            features.append({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [p["lon"], p["lat"]]},
                "properties": {"claim_id": c["id"], "claim": c["text"], "status": c["status"],
                               "place": p.get("name"), "country": p.get("country"),
                               "geonames_id": p.get("geonames_id"), "for": c["for"], "against": c["against"],
                               "first_date": c["first_date"], "last_date": c["last_date"]},
            })
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=2)


def to_claimreview(claims: list[dict], articles: dict) -> str:
    items = []
    for c in claims:
        attributions = [_schema_claim(c, e, articles.get(e["article_id"], {})) for e in c["evidence"]]
        items.extend(attributions)
        if c["status"] in VERDICTS:
            items.append(_claim_review(c, attributions))
    return json.dumps({"@context": "https://schema.org", "@graph": items}, ensure_ascii=False, indent=2)


def _schema_claim(claim: dict, e: dict, article: dict) -> dict:
    obj = {
        "@type": "Claim",
        "@id": f"urn:claimledger:{claim['id']}:{e['article_id']}:{e['statement_id']}",
        "text": e["quote"],
        "about": claim["text"],
        "author": {"@type": "Organization" if e["source_kind"] in ("party", "relay") else "Thing",
                   "name": e["source"]},
        "datePublished": e["date"],
        "appearance": {"@type": "NewsArticle", "headline": article.get("title"), "url": article.get("url"),
                       "datePublished": article.get("published"),
                       "publisher": {"@type": "Organization", "name": article.get("source")}
                       if article.get("source") else None},
        "claimledger:stance": e["stance"], "claimledger:side": e["side"],
        "claimledger:offsets": [e["start"], e["end"]], "claimledger:dateSource": e["date_source"],
    }
    return obj


def _claim_review(claim: dict, attributions: list[dict]) -> dict:
    name, value = VERDICTS[claim["status"]]
    return {
        "@type": "ClaimReview",
        "@id": f"urn:claimledger:{claim['id']}:review",
        "claimReviewed": claim["text"],
        "itemReviewed": {"@id": attributions[0]["@id"]} if attributions else None,
        "author": {"@type": "SoftwareApplication", "name": "claimledger"},
        "datePublished": claim["last_date"],
        "reviewRating": {"@type": "Rating", "ratingValue": value, "bestRating": 5, "worstRating": 1,
                         "alternateName": name},
        "claimledger:basis": {"for": claim["for"], "against": claim["against"], "sources": claim["sources"]},
    }
