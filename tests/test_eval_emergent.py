"""Headline stance toward a claim (Emergent layout): the cue words and the scorer."""
from __future__ import annotations

import pytest

from claimledger.evaluation import emergent
from claimledger.reconcile.cues import text_stance

CLAIM = "A giant crab was photographed off the coast of Kent"


@pytest.mark.parametrize("headline, expected", [
    ("Giant crab photographed off Kent coast", "for"),
    ("Photos confirm giant crab lurking off Kent", "for"),
    ("Giant crab reportedly spotted off Kent", "observing"),
    ("Is this a giant crab off the coast of Kent?", "observing"),
    ("Rumour: giant crab seen off Kent", "observing"),
    ("Experts say giant crab picture may be real", "observing"),
    ("Giant crab picture is a hoax", "against"),
    ("No, there is no giant crab off Kent", "against"),
    ("Council denies giant crab sighting", "against"),
    ("Giant crab photo debunked", "against"),
])
def test_text_stance(headline, expected):
    assert text_stance(headline, CLAIM) == expected


def test_words_of_the_claim_do_not_count():
    assert text_stance("Man did not win the lottery twice, he says", "A man did not win the lottery twice") == \
        "observing"


def test_score_table():
    result = emergent.score(["for", "for", "against", "observing"], ["for", "against", "against", "for"])
    assert result["accuracy"] == 0.5
    assert result["confusion"]["for"]["against"] == 1
    assert result["per_class"]["against"] == {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "support": 1}
    assert result["per_class"]["observing"]["f1"] == 0.0


@pytest.mark.shared
def test_emergent_dev_reaches_the_published_accuracy(shared):
    path = shared / "data" / "stance" / "emergent-dev.csv"
    if not path.exists():
        pytest.skip("emergent-dev.csv not in shared data")
    result = emergent.evaluate(path)
    assert result["accuracy"] >= 0.73
    assert result["per_class"]["against"]["f1"] >= 0.6
