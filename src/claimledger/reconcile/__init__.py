"""Reconciliation across articles: one ledger claim per proposition, with every source for and
against it, its dated history, its status and its contradictions.

``reconcile(article_claims)`` is a pure function of the per-article claims (in
any order); ``rebuild(db)`` recomputes the ledger's cross-article tables from
everything stored, so the result never depends on the order or repetition of
ingests.
"""
from __future__ import annotations

from claimledger.reconcile.history import (
    contradictions,
    evidence,
    first_confirmed,
    history,
    independent_sources,
    names,
    status,
)
from claimledger.reconcile.clusters import cluster
from claimledger.reconcile.multilingual import english_reference
from claimledger.reconcile.records import ArticleClaim, claims_from_analyses, claims_from_rows

__all__ = ["reconcile", "reconcile_analyses", "claims_from_rows", "claims_from_analyses", "ArticleClaim"]


def reconcile(article_claims: list[ArticleClaim]) -> list[dict]:
    """Ledger claims (plain dicts) from per-article claims."""
    clusters = cluster(article_claims)
    by_id = {c.id: c for c in clusters}
    return [_ledger_claim(c, [by_id[i] for i in sorted(c.implied_by)]) for c in clusters]


def reconcile_analyses(analyses) -> list[dict]:
    return reconcile(claims_from_analyses(analyses))


def _ledger_claim(c, implied) -> dict:
    items = evidence(c, implied)
    entries = history(items)
    keys = independent_sources(items)
    members = c.members
    own = {m.key for m in members}
    reference = next((e for e in items if e.side == "for" and e.claim.key in own and e.why != "implied"), None)
    wording = english_reference(members, reference.claim if reference else members[0])  # English when one exists
    return {
        "id": c.id,
        "text": wording.text,
        "status": status(entries, items),
        "for": names(items, "for"),
        "against": names(items, "against"),
        "sources": len(set(keys["for"]) | set(keys["against"])),
        "sources_by_side": {side: len(k) for side, k in keys.items()},
        "source_keys": keys,
        "first_reported": next((e for e in entries if e["event"] == "first_reported"), None),
        "first_confirmed": first_confirmed(entries),
        "history": entries,
        "contradictions": contradictions(c, items),
        "quantity": members[0].quantity,
        "concepts": sorted(set().union(*(m.concepts for m in members))),
        "members": [{"article_id": m.article_id, "claim_id": m.id, "text": m.text, "published": m.published,
                     "title": m.title} for m in members],
        "matches": [{"a": list(m.a), "b": list(m.b), **m.reason()} for m in c.matches],
        "implied_by": sorted(c.implied_by),
        "names": sorted({n for m in members for n in m.names}),
        "places": _places(members),
        "articles": sorted({m.article_id for m in members}),
    }


def _places(members) -> list[dict]:
    seen, out = set(), []
    for m in members:
        for p in m.places:
            key = p.get("geonames_id") or p.get("name")
            if key not in seen:
                seen.add(key)
                out.append({k: p.get(k) for k in ("name", "lat", "lon", "country", "admin1", "geonames_id", "feature")})
    return out
