"""eval across: same-claim body pairs, scored pairwise (hand-made bodies; the ingest itself is tested elsewhere)."""
import sqlite3

import pytest

from claimledger.evaluation import across

BODIES = [
    {"body_id": 1, "emergent_claim_id": "a", "text": "Kim Jong Un had ankle surgery, a doctor in Pyongyang said."},
    {"body_id": 2, "emergent_claim_id": "a", "text": "Reports say Kim Jong Un had surgery on his ankle."},
    {"body_id": 3, "emergent_claim_id": "b", "text": "A spider burrowed into a tourist's skin in Bali."},
    {"body_id": 4, "emergent_claim_id": "b", "text": "The tourist's skin was home to a spider for days, Bali doctors say."},
]


def test_gold_pairs_are_bodies_of_one_claim():
    assert across.gold_pairs(BODIES) == {("1", "2"), ("3", "4")}


@pytest.mark.parametrize("predicted, expected", [
    ({("1", "2"), ("3", "4")}, (1.0, 1.0, 1.0)),
    ({("1", "2")}, (1.0, 0.5, 0.6667)),
    ({("1", "2"), ("1", "3")}, (0.5, 0.5, 0.5)),
    (set(), (0.0, 0.0, 0.0)),
    ({("1", "9")}, (0.0, 0.0, 0.0)),  # a body outside the data is ignored, not counted wrong
])
def test_pair_scores(predicted, expected):
    s = across.pair_scores(predicted, across.gold_pairs(BODIES), {"1", "2", "3", "4"})
    assert (s["precision"], s["recall"], s["f1"]) == expected


def test_tfidf_baseline_groups_bodies_sharing_rare_words():
    assert across.tfidf_pairs(BODIES, threshold=0.15) == {("1", "2"), ("3", "4")}


def test_ledger_pairs_come_from_claims_that_list_two_bodies(tmp_path):
    db_path = tmp_path / "l.db"
    db = sqlite3.connect(db_path)
    db.execute("create table articles (id text, url text)")
    db.execute("create table ledger_claim_members (claim_id text, article_id text)")
    db.executemany("insert into articles values (?, ?)", [(f"art{i}", across.body_url(i)) for i in (1, 2, 3)])
    db.executemany("insert into ledger_claim_members values (?, ?)",
                   [("c1", "art1"), ("c1", "art2"), ("c2", "art3"), ("c3", "art1"), ("c3", "art1")])
    db.commit()
    db.close()
    assert across.ledger_pairs(db_path) == {("1", "2")}
