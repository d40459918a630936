"""Claims into clusters: the pairs that share a blocking key are compared (matching.compare), the matches
make connected components, and count claims are linked to the event claims they count.

Apart from matching.py, which decides about one pair; this module decides about a whole set of claims.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from claimledger.model import stable_id
from claimledger.reconcile.multilingual import prefetch
from claimledger.reconcile.matching import Match, _unit, anchors, claim_keys, compare, compare_statements
from claimledger.reconcile.records import ArticleClaim


@dataclass
class Cluster:
    id: str
    members: list[ArticleClaim]
    matches: list[Match]
    implied_by: list[str]  # ids of count clusters whose supporting statements also support this one

    @property
    def quantity_unit(self):
        return _unit(self.members[0])


def cluster(claims: list[ArticleClaim]) -> list[Cluster]:
    """Group per-article claims into ledger claims (deterministic, order-independent)."""
    ordered = sorted(claims, key=ArticleClaim.sort_key)
    pairs = _candidate_pairs(ordered)
    prefetch((ordered[i], ordered[j]) for i, j in pairs)  # texts of pairs across languages, encoded in batches
    matches = [m for i, j in pairs if (m := compare(ordered[i], ordered[j]))]
    clusters = components(ordered, matches)
    link_counts_to_events(clusters)
    return clusters


def components(claims: list[ArticleClaim], matches: list[Match]) -> list[Cluster]:
    """The connected components of the accepted pairs, each with its matches (canonical order) and an id
    that hashes its earliest member: a pure function of the claims and the pair decisions."""
    ordered = sorted(claims, key=ArticleClaim.sort_key)
    index = {c.key: i for i, c in enumerate(ordered)}
    parent = list(range(len(ordered)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    matches = sorted(matches, key=lambda m: (index[m.a], index[m.b]))
    for m in matches:
        ri, rj = find(index[m.a]), find(index[m.b])
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)  # the earlier claim is the root
    groups: dict[int, list[ArticleClaim]] = defaultdict(list)
    for i, c in enumerate(ordered):
        groups[find(i)].append(c)
    by_root = {}
    for root, members in groups.items():
        first = members[0]
        by_root[root] = Cluster(id=stable_id("ledger-claim", first.article_id, first.id), members=members,
                                matches=[], implied_by=[])
    for m in matches:
        by_root[find(index[m.a])].matches.append(m)
    return sorted(by_root.values(), key=lambda c: c.members[0].sort_key())


def _candidate_pairs(ordered: list[ArticleClaim]):
    """Pairs that share a key (claim_keys): every pair either score could accept."""
    by_key = defaultdict(set)
    for i, c in enumerate(ordered):
        for key in claim_keys(c):
            by_key[key].add(i)
    pairs = set()
    for members in by_key.values():
        ms = sorted(members)
        for x, i in enumerate(ms):
            for j in ms[x + 1:]:
                if ordered[i].article_id != ordered[j].article_id:
                    pairs.add((i, j))
    return sorted(pairs)


def link_counts_to_events(clusters: list[Cluster]) -> None:
    """A count claim ('14,000 troops were deployed') also supports the event claim it counts."""
    events = [c for c in clusters if c.quantity_unit is None]
    by_anchor = defaultdict(set)
    for n, event in enumerate(events):
        for concept in cluster_anchors(event):
            by_anchor[concept].add(n)
    for count in (c for c in clusters if c.quantity_unit is not None):
        candidates = sorted({n for concept in cluster_anchors(count) for n in by_anchor.get(concept, ())})
        best = best_event(count, [events[n] for n in candidates])
        if best is not None:
            best.implied_by.append(count.id)


def cluster_anchors(c: Cluster) -> set[str]:
    """The actors, places and regions a cluster's members are about (countries alone say too little)."""
    return {k for m in c.members for k in anchors(m.concepts) if not k.startswith("country:")}


def best_event(count: Cluster, events: list[Cluster]) -> Cluster | None:
    """The event claim a count claim counts: the best match among ``events`` (those sharing an anchor with
    it, earliest first: the earliest wins a tie)."""
    best, best_score = None, 0.0
    for event in events:
        score = _implied_score(count, event)
        if score > best_score:
            best, best_score = event, score
    return best


def _implied_score(count: Cluster, event: Cluster) -> float:
    """The best score of a member pair of the two clusters (0: none matches).  Only pairs that share a key
    are compared: no other pair can match (claim_keys), and a large event cluster is not compared whole."""
    by_key = event.__dict__.get("_by_key")
    if by_key is None:
        by_key = defaultdict(list)
        for n, b in enumerate(event.members):
            for key in claim_keys(b):
                by_key[key].append(n)
        event.__dict__["_by_key"] = by_key
    best = 0.0
    for a in count.members:
        for n in sorted({n for key in claim_keys(a) for n in by_key.get(key, ())}):
            b = event.members[n]
            m = compare(a, b, across_counts=True) if a.article_id != b.article_id else _same_article_implied(a, b)
            if m and m.score > best:
                best = m.score
    return best


def _same_article_implied(a: ArticleClaim, b: ArticleClaim) -> Match | None:
    """Within one article a count claim implies the event claim when two of their statements match."""
    best = None
    for sa in a.statements:
        for sb in b.statements:
            found = compare_statements(sa, sb)
            if found and found[1] == "same" and (best is None or found[2] > best[2]):
                best = found
    return Match(a.key, b.key, tuple(sorted(best[0])), best[2], "implied") if best else None
