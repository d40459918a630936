"""Two reports of one story: their articles' main claims compared through their leads (reconcile/leads.py).

Apart from matching.py because it needs the word index (index.py) and leads.py must not: records.py reads
leads.py while it builds the claims the index weighs.
"""
from __future__ import annotations

from claimledger.reconcile.index import by_rarity, rare_weight, text_terms, total_weight
from claimledger.reconcile.leads import days_apart, other_events
from claimledger.reconcile.records import ArticleClaim

LEAD_MIN_SHARED = 10.0  # what two articles' leads must share (rare-word weight, as MIN_SHARED_WEIGHT) ...
LEAD_MIN_DICE = 0.25  # ... and their weighted Dice, for their main claims to be one story
LEAD_MIN_RARE = 6.0  # ... of it in rare words (a lead is longer than a claim: more of its weight is news words)
LEAD_MAX_DAYS = 7  # ... published within a week of each other, when both dates are known (a story is news for days)
SHOWN_WORDS = 8  # shared words a match's reason lists (rarest first)


def lead_vector(claim: ArticleClaim) -> tuple[frozenset[str], float]:
    """(terms, total weight) of the claim's article lead (empty unless it is its article's main claim)."""
    cached = claim.__dict__.get("_lead")
    if cached is None:
        terms = text_terms(claim.article_lead) if claim.article_lead else frozenset()
        cached = claim.__dict__["_lead"] = (terms, total_weight(terms))
    return cached


def compare_leads(a: ArticleClaim, b: ArticleClaim):
    """(shared words, "lead", Dice) when both are their articles' main claims and the two leads tell one
    story (reconcile/leads.py): they share at least ``LEAD_MIN_SHARED`` rare-word weight and
    ``LEAD_MIN_DICE`` of their mean weight; within ``LEAD_MAX_DAYS``; neither names another event."""
    if not a.article_lead or not b.article_lead:
        return None
    (la, wa), (lb, wb) = lead_vector(a), lead_vector(b)
    shared = la & lb
    weight = total_weight(shared)
    if weight < LEAD_MIN_SHARED or 2 * weight < LEAD_MIN_DICE * (wa + wb) or rare_weight(shared) < LEAD_MIN_RARE:
        return None
    if days_apart(a.published, b.published) > LEAD_MAX_DAYS or other_events(a, b):
        return None
    return (frozenset(f"word:{w}" for w in by_rarity(shared)[:SHOWN_WORDS]), "lead", 2 * weight / (wa + wb))
