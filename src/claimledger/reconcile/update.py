"""Keeping the ledger claims current: a full rebuild, or adding new articles at the cost of their candidates.

``rebuild(db)`` brings the cross-article tables up to date.  When they reflect
a subset of the stored articles under the same rules (``reconcile_articles``,
the ``rules`` fingerprint), only the new articles are reconciled:

1. their claims' blocking keys (matching.claim_keys) are looked up in
   ``reconcile_keys``: the stored claims sharing a key are the only ones any
   pair decision could accept (index.py);
2. each new claim is compared with those candidates and with the other new
   claims — the same pure pair decisions a full rebuild makes;
3. the stored ledger claims that a new claim joined are taken apart and,
   with the new claims, regrouped from their stored matches plus the new ones
   (connected components: clusters.components);
4. count claims near the regrouped event claims (a shared anchor) choose
   again which event claim they support, and every ledger claim whose members
   or supporting counts changed is written again.

The work grows with the new articles' candidates and the ledger claims they
touch, not with the ledger.  Since pair decisions depend only on the two
claims and clusters are components, the tables equal a full rebuild's in any
ingest order (tests/test_reconcile_incremental.py checks row for row).  Any
other change (an article removed or re-analysed, new rules or vocabularies)
rebuilds in full.
"""
from __future__ import annotations

from collections import defaultdict

from sqlite_utils import Database

from claimledger.ledger.queries import json_column
from claimledger.reconcile import _ledger_claim, reconcile
from claimledger.reconcile.clusters import Cluster, best_event, cluster_anchors, components
from claimledger.reconcile.matching import Match, claim_keys, compare
from claimledger.reconcile.multilingual import prefetch, using
from claimledger.reconcile.records import ArticleClaim
from claimledger.reconcile.tables import (
    DERIVED_TABLES,
    INDEX_TABLES,
    chunks,
    delete_claims,
    fingerprint,
    insert,
    insert_rows,
    is_current,
    load_article_claims,
    migrate,
    rules_fingerprint,
    set_state,
    state,
)


def ensure_current(db: Database) -> None:
    migrate(db)
    if not is_current(db):
        rebuild(db)


def rebuild(db: Database, full: bool = False) -> dict:
    """Bring the ledger claims up to date (one transaction): incrementally when only articles were added,
    else (or with ``full``) from every stored article.  Returns what was done."""
    migrate(db)
    with db.atomic(), using(db):  # sentence vectors of claims across languages: read back, new ones kept
        if not full and _can_add(db):
            stats = _add_new(db)
        else:
            stats = _rebuild_all(db)
        set_state(db, fingerprint=fingerprint(db), rules=rules_fingerprint())
    return stats


def _can_add(db: Database) -> bool:
    if state(db, "rules") != rules_fingerprint():
        return False
    gone = db.execute(
        "SELECT count(*) FROM reconcile_articles r LEFT JOIN articles a ON a.id = r.id AND "
        "a.pipeline_version IS r.pipeline_version AND a.model IS r.model WHERE a.id IS NULL").fetchone()[0]
    return gone == 0


def _rebuild_all(db: Database) -> dict:
    claims = load_article_claims(db)
    result = reconcile(claims)
    for name in DERIVED_TABLES + INDEX_TABLES:
        db.execute(f"DELETE FROM [{name}]")
    insert(db, result)
    _index(db, claims)
    db.execute("INSERT INTO reconcile_articles SELECT id, pipeline_version, model FROM articles")
    by_id = {c["id"]: c for c in result}
    insert_rows(db, "reconcile_implied",
                [{"count_id": count, "event_id": c["id"]} for c in result for count in c["implied_by"] if count in by_id])
    return {"mode": "full", "articles": len({c.article_id for c in claims}), "claims": len(result)}


def _index(db: Database, claims: list[ArticleClaim]) -> None:
    insert_rows(db, "reconcile_keys",
                ({"key": key, "article_id": c.article_id, "claim_id": c.id} for c in claims for key in claim_keys(c)))


def _add_new(db: Database) -> dict:
    new_ids = [r[0] for r in db.execute(
        "SELECT a.id FROM articles a LEFT JOIN reconcile_articles r ON r.id = a.id WHERE r.id IS NULL")]
    if not new_ids:
        return {"mode": "incremental", "articles": 0, "candidates": 0, "touched": 0}
    new_claims = load_article_claims(db, new_ids)
    keys = {c.key: claim_keys(c) for c in new_claims}
    # 1. candidates: stored claims sharing a key
    stored_by_key = defaultdict(set)
    for batch in chunks(sorted(set().union(*keys.values()))):
        marks = ",".join("?" * len(batch))
        for key, article_id, claim_id in db.execute(
                f"SELECT key, article_id, claim_id FROM reconcile_keys WHERE key IN ({marks})", batch):
            stored_by_key[key].add((article_id, claim_id))
    candidate_keys = set().union(*stored_by_key.values()) if stored_by_key else set()
    loaded = Loaded(db)
    loaded.need(candidate_keys)
    new_by_key = defaultdict(list)
    for c in new_claims:
        for key in keys[c.key]:
            new_by_key[key].append(c)
    # 2. pair decisions: new with stored candidates, new with new
    seen = set()
    for key, news in new_by_key.items():
        others = [k for k in stored_by_key.get(key, ()) if k in loaded] + [c.key for c in news]
        for c in news:
            seen.update((c.key, d) for d in others if d[0] != c.article_id)
    claim = {**loaded, **{c.key: c for c in new_claims}}
    pairs = [sorted((claim[x], claim[y]), key=ArticleClaim.sort_key)
             for x, y in sorted({tuple(sorted(p)) for p in seen})]
    prefetch(pairs)
    matches = [m for a, b in pairs if (m := compare(a, b))]
    # 3. regroup the stored ledger claims the new claims joined
    stored_matched = {k for m in matches for k in (m.a, m.b) if k in loaded}
    touched = _cluster_of(db, stored_matched)
    old_members = _members(db, touched)
    loaded.need({k for ks in old_members.values() for k in ks})
    old_matches = _matches(db, touched)
    regrouped = components(new_claims + [loaded[k] for ks in old_members.values() for k in ks],
                           old_matches + matches)
    # 4. count claims choose their event claim again; write what changed
    implied_changes = _relink_counts(db, regrouped, set(touched), loaded)
    _write(db, regrouped, set(touched), implied_changes, loaded)
    _index(db, new_claims)
    db["reconcile_articles"].insert_all(db.query(
        f"SELECT id, pipeline_version, model FROM articles WHERE id IN ({','.join('?' * len(new_ids))})", new_ids)
        if len(new_ids) <= 500 else db.query(
        "SELECT a.id, a.pipeline_version, a.model FROM articles a LEFT JOIN reconcile_articles r ON r.id = a.id "
        "WHERE r.id IS NULL"), replace=True)
    return {"mode": "incremental", "articles": len(new_ids), "claims": len(new_claims),
            "candidates": len(candidate_keys), "touched": len(touched), "regrouped": len(regrouped)}


# -- reading stored clusters ----------------------------------------------------------------------

class Loaded(dict):
    """ArticleClaims by key, each built once per update (only the claims needed, not whole articles)."""

    def __init__(self, db: Database):
        super().__init__()
        self.db = db

    def need(self, claim_keys_) -> None:
        missing = set(claim_keys_) - set(self)
        if missing:
            self.update({c.key: c for c in load_article_claims(self.db, {a for a, _c in missing}, missing)})


def _where_in(db: Database, sql: str, values) -> list:
    out = []
    for batch in chunks(sorted(set(values))):
        out += db.execute(sql.format(marks=",".join("?" * len(batch))), batch).fetchall()
    return out


def _cluster_of(db: Database, claim_keys_: set) -> list[str]:
    ids = set()
    by_article = defaultdict(set)
    for a, c in claim_keys_:
        by_article[a].add(c)
    for article_id, claim_id, cluster_id in _where_in(
            db, "SELECT article_id, article_claim_id, claim_id FROM ledger_claim_members WHERE article_id IN ({marks})",
            by_article):
        if claim_id in by_article[article_id]:
            ids.add(cluster_id)
    return sorted(ids)


def _members(db: Database, cluster_ids) -> dict[str, list[tuple[str, str]]]:
    out = defaultdict(list)
    for cid, a, c in _where_in(
            db, "SELECT claim_id, article_id, article_claim_id FROM ledger_claim_members WHERE claim_id IN ({marks})",
            cluster_ids):
        out[cid].append((a, c))
    return dict(out)


def _matches(db: Database, cluster_ids) -> list[Match]:
    return [Match((a1, c1), (a2, c2), tuple(json_column(shared, [])), score, kind)
            for a1, c1, a2, c2, kind, shared, score in _where_in(
                db, "SELECT a_article_id, a_claim_id, b_article_id, b_claim_id, kind, shared, score "
                    "FROM ledger_claim_matches WHERE claim_id IN ({marks})", cluster_ids)]


def _stored_clusters(db: Database, cluster_ids, loaded: dict) -> dict[str, Cluster]:
    members = _members(db, cluster_ids)
    loaded.need({k for ks in members.values() for k in ks})
    matches = defaultdict(list)
    for m in _matches(db, cluster_ids):
        matches[m.a].append(m)
    out = {}
    for cid, keys in members.items():
        ordered = sorted((loaded[k] for k in keys), key=ArticleClaim.sort_key)
        (c,) = components(ordered, [m for k in keys for m in matches.get(k, [])])
        out[cid] = c
    return out


def _counts_among(db: Database, cluster_ids) -> set[str]:
    """The count claims (a quantity with a unit) among stored ledger claims."""
    return {cid for cid, quantity in _where_in(db, "SELECT id, quantity FROM ledger_claims WHERE id IN ({marks})",
                                                cluster_ids)
            if json_column(quantity, {}).get("unit")}


# -- counts and events --------------------------------------------------------------------------

def _anchored(db: Database, anchors: set, removed: set) -> dict[str, set[str]]:
    """anchor -> stored ledger claims (not among ``removed``) with a member about it."""
    by_claim = defaultdict(set)
    for key, a, c in _where_in(db, "SELECT key, article_id, claim_id FROM reconcile_keys WHERE key IN ({marks})",
                               anchors):
        by_claim[(a, c)].add(key)
    out = defaultdict(set)
    for article_id, claim_id, cluster_id in _where_in(
            db, "SELECT article_id, article_claim_id, claim_id FROM ledger_claim_members WHERE article_id IN ({marks})",
            {a for a, _c in by_claim}):
        if cluster_id not in removed:
            for key in by_claim.get((article_id, claim_id), ()):
                out[key].add(cluster_id)
    return out


def _relink_counts(db: Database, regrouped: list[Cluster], removed: set, loaded) -> dict[str, str | None]:
    """count id -> event id it now supports (None: none), for every count claim whose choice may change."""
    events_new = [c for c in regrouped if c.quantity_unit is None]
    counts = {c.id: c for c in regrouped if c.quantity_unit is not None}
    near_by_anchor = _anchored(db, set().union(*(cluster_anchors(e) for e in events_new)), removed)
    near = set().union(*near_by_anchor.values()) if near_by_anchor else set()
    near |= {r[0] for r in _where_in(db, "SELECT count_id FROM reconcile_implied WHERE event_id IN ({marks})",
                                     removed)} - removed
    stored_counts = _counts_among(db, near - set(counts))
    counts.update(_stored_clusters(db, sorted(stored_counts), loaded))
    anchors_of = {cid: cluster_anchors(c) for cid, c in counts.items()}
    stored_by_anchor = _anchored(db, set().union(*anchors_of.values()) if anchors_of else set(), removed)
    stored_events = set().union(*stored_by_anchor.values()) if stored_by_anchor else set()
    stored_events -= _counts_among(db, stored_events) | set(counts)
    events_by_id = _stored_clusters(db, sorted(stored_events), loaded)
    new_by_anchor = defaultdict(set)
    for n, e in enumerate(events_new):
        for a in cluster_anchors(e):
            new_by_anchor[a].add(n)
    choice = {}
    for cid, count in counts.items():
        ids = {i for a in anchors_of[cid] for i in stored_by_anchor.get(a, ()) if i in events_by_id}
        near_new = sorted({n for a in anchors_of[cid] for n in new_by_anchor.get(a, ())})
        events = [events_by_id[i] for i in ids] + [events_new[n] for n in near_new]
        events.sort(key=lambda e: e.members[0].sort_key())
        best = best_event(count, events)
        choice[cid] = best.id if best else None
    return choice


def _write(db: Database, regrouped: list[Cluster], removed: set, choice: dict, loaded: dict) -> None:
    old_targets = {r[0] for r in _where_in(db, "SELECT event_id FROM reconcile_implied WHERE count_id IN ({marks})",
                                           set(choice) | removed)}
    for batch in chunks(sorted(set(choice) | removed)):
        marks = ",".join("?" * len(batch))
        db.execute(f"DELETE FROM reconcile_implied WHERE count_id IN ({marks})", batch)
        db.execute(f"DELETE FROM reconcile_implied WHERE event_id IN ({marks})", batch)
    insert_rows(db, "reconcile_implied", [{"count_id": k, "event_id": v} for k, v in choice.items() if v])
    new_ids = {c.id for c in regrouped}
    rerender_stored = ({v for v in choice.values() if v} | old_targets) - new_ids - removed
    stored = _stored_clusters(db, sorted(rerender_stored), loaded)
    clusters = {**stored, **{c.id: c for c in regrouped}}
    implied_of = defaultdict(list)
    for count_id, event_id in _where_in(
            db, "SELECT count_id, event_id FROM reconcile_implied WHERE event_id IN ({marks})", clusters):
        implied_of[event_id].append(count_id)
    needed_counts = {i for ids in implied_of.values() for i in ids} - set(clusters)
    clusters_counts = _stored_clusters(db, sorted(needed_counts), loaded)
    every = {**clusters_counts, **clusters}
    result = []
    for cid, c in clusters.items():
        c.implied_by = sorted(implied_of.get(cid, []))
        result.append(_ledger_claim(c, [every[i] for i in c.implied_by]))
    delete_claims(db, removed | set(clusters))
    insert(db, result)
