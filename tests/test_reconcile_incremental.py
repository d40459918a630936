"""Adding articles reconciles only their candidates, and the tables equal a full rebuild's in any order.

Also the index's promise (every pair the word score could accept shares a prefix term) and the word
score itself, on hand-built analyses.
"""
from __future__ import annotations

import itertools
import json
import random

import pytest
from reconcile_helpers import article
from test_reconcile_history import MON, NEGATED, SAT, SUN, TUE

from claimledger.ledger import Ledger
from claimledger.reconcile import reconcile_analyses
from claimledger.reconcile.index import (
    MIN_RARE_SHARED,
    MIN_SHARED_WEIGHT,
    RARE_WEIGHT,
    posted_terms,
    prefix,
    rare_weight,
    term_weight,
    text_terms,
    total_weight,
)
from claimledger.reconcile.matching import FRAME_MIN_SHARED, MIN_DICE
from claimledger.reconcile.tables import DERIVED_TABLES, INDEX_TABLES
from claimledger.reconcile.update import rebuild


def _said(text, content, published, actor="reuters", speaker="Reuters"):
    return article(text, published, [(actor, speaker, "reported", "assert", content, None, [], False)])


SAPPHIRE_A = _said("Screens. Reuters reported that Apple will use sapphire screens made by GT Advanced in the next "
                   "iPhone.",
                   "Apple will use sapphire screens made by GT Advanced in the next iPhone", "2014-09-01")
SAPPHIRE_B = _said("Rumour. Reuters reported that the next iPhone gets a sapphire screen from GT Advanced, people "
                   "said.",
                   "the next iPhone gets a sapphire screen from GT Advanced", "2014-09-03")
UNRELATED = _said("Weather. Reuters reported that it will rain in the afternoon.", "it will rain in the afternoon",
                  "2014-09-02")
ALL = [SAT, SUN, MON, TUE, NEGATED, SAPPHIRE_A, SAPPHIRE_B, UNRELATED]


def _tables(db) -> dict:
    return {name: sorted(json.dumps(r, sort_keys=True) for r in db[name].rows)
            for name in DERIVED_TABLES + INDEX_TABLES}


def _full(tmp_path, analyses) -> dict:
    with Ledger(tmp_path / "full.db") as ledger:
        for a in analyses:
            ledger.store(a)
        assert rebuild(ledger.db, full=True)["mode"] == "full"
        return _tables(ledger.db)


@pytest.mark.parametrize("seed, step", [(0, 1), (1, 1), (2, 3), (3, 2), (4, 5)])
def test_adding_articles_in_any_order_equals_a_full_rebuild(tmp_path, seed, step):
    expected = _full(tmp_path, ALL)
    order = ALL[:]
    random.Random(seed).shuffle(order)
    with Ledger(tmp_path / f"steps{seed}.db") as ledger:
        for n in range(0, len(order), step):
            for a in order[n:n + step]:
                ledger.store(a)
            done = rebuild(ledger.db)
            assert done["mode"] == ("full" if n == 0 else "incremental")
        assert _tables(ledger.db) == expected


def test_an_unrelated_article_touches_no_stored_claim(tmp_path):
    with Ledger(tmp_path / "l.db") as ledger:
        for a in (SAT, SUN, MON, TUE):
            ledger.store(a)
        rebuild(ledger.db)
        ledger.store(UNRELATED)
        done = rebuild(ledger.db)
    # its lead shares "Reuters" with a stored lead (a candidate, reconcile/leads.py) but matches nothing
    assert done == {"mode": "incremental", "articles": 1, "claims": 1, "candidates": 1, "touched": 0,
                    "regrouped": 1}


def test_a_related_article_regroups_only_its_claim(tmp_path):
    with Ledger(tmp_path / "l.db") as ledger:
        for a in (SAT, MON, TUE, SAPPHIRE_A, UNRELATED):
            ledger.store(a)
        rebuild(ledger.db)
        ledger.store(SAPPHIRE_B)
        done = rebuild(ledger.db)
    assert (done["touched"], done["regrouped"]) == (1, 1)


def test_prefixes_meet_for_every_pair_that_shares_enough_weight():
    words = [w for w in ("sapphire screen iphone apple advanced supplier report crystal glass phone display "
                         "beheading journalist militant video kobani border fighter town siege claim "
                         "people said year new time company market").split()]
    rng = random.Random(7)
    sets = [frozenset(rng.sample(words, rng.randint(2, 12))) for _ in range(300)]
    checked = 0
    for a, b in itertools.combinations(sets, 2):
        if total_weight(a & b) >= MIN_SHARED_WEIGHT:
            checked += 1
            assert set(prefix(a)) & set(prefix(b)), (sorted(a), sorted(b))
    assert checked > 100


@pytest.mark.parametrize("min_shared", [MIN_SHARED_WEIGHT, FRAME_MIN_SHARED])
def test_posted_terms_meet_for_every_pair_the_word_score_could_accept(min_shared):
    """Posting neither the commoner end of the prefix for long contents (the Dice bound) nor any term after the
    rare terms' own prefix (the rare-weight bound) loses a pair that shares enough weight, enough of it rare, at
    the Dice threshold -- and words commoner than RARE_WEIGHT are posted under no key."""
    words = sorted(text_terms("sapphire screen iphone apple advanced supplier report crystal glass phone display "
                              "beheading journalist militant video kobani border fighter town siege market "
                              "stock fall world today price share trade plan land test set"))
    assert sum(term_weight(w) < RARE_WEIGHT for w in words) >= 8  # common words the rare bound must leave out
    rng = random.Random(11)
    short = [frozenset(rng.sample(words, rng.randint(2, 14))) for _ in range(400)]
    long = [frozenset(rng.sample(words, rng.randint(24, 28))) for _ in range(60)]  # the Dice bound shortens these
    sets = short + long
    posted = {s: set(posted_terms(s, MIN_DICE, min_shared)) for s in sets}
    checked = 0
    for a, b in itertools.combinations(sets, 2):
        shared = a & b
        weight = total_weight(shared)
        if (weight >= min_shared and rare_weight(shared) >= MIN_RARE_SHARED
                and 2 * weight / (total_weight(a) + total_weight(b)) >= MIN_DICE):
            checked += 1
            assert posted[a] & posted[b], (sorted(a), sorted(b))
    assert checked > 100
    assert all(term_weight(t) >= RARE_WEIGHT for s in sets for t in posted[s])
    assert all(set(posted[s]) <= set(prefix(s, min_shared)) for s in sets)
    assert sum(len(posted[s]) for s in long) < sum(len(prefix(s, min_shared)) for s in long)


@pytest.mark.parametrize("word, rare", [("said", False), ("people", False), ("sapphire", True),
                                        ("beheading", True), ("kobani", True)])
def test_rare_words_weigh_more(word, rare):
    assert any(term_weight(t) >= 3 for t in text_terms(word)) == rare


@pytest.mark.parametrize("a, b, same", [
    (SAPPHIRE_A, SAPPHIRE_B, True),  # one rumour in other words: shared rare words
    (SAPPHIRE_A, UNRELATED, False),
    (SAT, MON, False),  # expelled from Kursk / fought in Kursk: shared words, different main predicates
    (SAT, TUE, False),  # a count claim joins only counts of its unit (it may support the event: implied_by)
])
def test_word_score(a, b, same):
    claims = reconcile_analyses([a, b])
    assert any(len(c["articles"]) == 2 for c in claims) == same
    if same:
        [joined] = [c for c in claims if len(c["articles"]) == 2]
        assert joined["matches"][0]["kind"] == "similar"
        assert "word:sapphir" in joined["matches"][0]["shared"]


def _said_by(side, key, resolved=True):
    from types import SimpleNamespace
    return SimpleNamespace(side=side, key=key, statement=SimpleNamespace(entity_id="e-" + key if resolved else None))


@pytest.mark.parametrize("items, expected", [
    ([_said_by("for", "kremlin"), _said_by("against", "kyiv")], "disputed"),
    ([_said_by("for", "chrysler"), _said_by("against", "chrysler")], "reported"),  # one source both ways
    ([_said_by("for", "obama"), _said_by("against", "i", resolved=False)], "reported"),  # 'I' is no identified source
    ([_said_by("for", "we", resolved=False), _said_by("against", "lockheed")], "denied"),
])
def test_a_dispute_needs_two_identified_sources(items, expected):
    from claimledger.reconcile.history import status
    entries = [{"event": "reported", "side": e.side, "stance": "assert", "source_kind": "other"} for e in items]
    assert status(entries, items) == expected
