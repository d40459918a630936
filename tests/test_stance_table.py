"""The stance table and word lists are data: every entry must be usable."""
import pytest

from claimledger.model import STANCES
from claimledger.pipeline.attribution.lexicon import channel_set, cue_lexicon
from claimledger.stances import claim_stances, hedge_words, stance_of, stance_side, stance_table, stances_on


@pytest.mark.parametrize("lemma, stance", [
    ("say", "assert"), ("announce", "assert"), ("stress", "assert"),
    ("thank", "praise"), ("hail", "praise"),
    ("confirm", "confirm"), ("acknowledge", "confirm"),
    ("deny", "deny"), ("reject", "deny"), ("refute", "deny"),
    ("dismiss", "dismiss"),
    ("promise", "promise"), ("vow", "promise"), ("pledge", "promise"),
    ("accuse", "accuse"), ("blame", "accuse"),
    ("warn", "warn"), ("threaten", "warn"),
    ("claim", "claim"), ("insist", "claim"),
    ("question", "question"),
    ("frobnicate", "assert"),  # unknown lemmas default to assert
    ("Confirm", "confirm"),  # case does not matter
])
def test_stance_of(lemma, stance):
    assert stance_of(lemma) == stance


def test_every_stance_is_in_the_closed_set():
    assert set(stance_table().values()) <= set(STANCES)


def test_every_stance_takes_one_side():
    """One table says how a stance bears on a claim (data/attribution/stance_sides.tsv)."""
    assert stances_on("for") | stances_on("against") == set(STANCES)
    assert stances_on("against") == {"deny", "dismiss", "question"}
    assert stance_side("confirm") == "for" and stance_side(None) is None
    assert claim_stances() == set(STANCES) - {"praise", "promise"}


def test_word_lists_load():
    assert {"reportedly", "allegedly", "may"} <= hedge_words()
    assert "quote" in channel_set("relay_cue")
    assert "statement" in channel_set("message")
    assert channel_set("no such kind") == frozenset()


def test_learned_cue_lexicon_has_the_common_cues():
    lexicon = cue_lexicon()
    say = lexicon[("say", "VERB", "ccomp")]
    assert say.p > 0.8 and say.cue > 1000
    assert all(0.0 <= e.p <= 1.0 and e.cue <= e.total for e in lexicon.values())
