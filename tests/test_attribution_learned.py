"""The learned cue decision (pipeline/attribution/learned.py) over hand-built Docs: its features,
a model trained on them that must separate cues from non-cues, and the shipped model's loading."""
import pytest

pycrfsuite = pytest.importorskip("pycrfsuite")

from claimledger.pipeline.attribution import learned  # noqa: E402
from claimledger.pipeline.attribution.cues import candidates  # noqa: E402
from handmade import parsed  # noqa: E402

SAID_THAT = ("He has not said that it failed.",
             "He/PRON/nsubj/3 has/AUX/aux/3 not/PART/neg/3 said/VERB/ROOT/3/say/VBN that/SCONJ/mark/6 "
             "it/PRON/nsubj/6 failed/VERB/ccomp/3/fail/VBD ./PUNCT/punct/3")
QUOTE_THEN_CUE = ("“We will win,” she said.",
                  "“/PUNCT/punct/7 We/PRON/nsubj/3 will/AUX/aux/3 win/VERB/ccomp/7 ,/PUNCT/punct/3 "
                  "”/PUNCT/punct/7 she/PRON/nsubj/7 said/VERB/ROOT/7/say/VBD ./PUNCT/punct/7")
SMITH_SAID = ("Smith said taxes rose.",
              "Smith/PROPN/nsubj/1 said/VERB/ROOT/1/say/VBD taxes/NOUN/nsubj/3/tax rose/VERB/ccomp/1/rise/VBD "
              "./PUNCT/punct/1")
MADE_DECISION = ("Smith made a decision.",
                 "Smith/PROPN/nsubj/1 made/VERB/ROOT/1/make/VBD a/DET/det/3 decision/NOUN/dobj/1 ./PUNCT/punct/1")
ACCORDING = ("Taxes rose, according to officials.",
             "Taxes/NOUN/nsubj/1/tax rose/VERB/ROOT/1/rise/VBD ,/PUNCT/punct/1 according/VERB/prep/1 "
             "to/ADP/prep/3 officials/NOUN/pobj/4/official ./PUNCT/punct/1")


def features(spec):
    doc = parsed(*spec)
    cands = candidates(doc)
    assert cands, "the rules propose no candidate"
    return learned.sequence_features(doc, cands)[0]


FEATURES = [
    ("a ccomp cue: relation, lemma and its group", SAID_THAT, {"content_root_lemma": "fail", "group": "ccomp", "lemma": "say", "lemma_group": "say|ccomp"}),
    ("a negated cue", SAID_THAT, {"neg": 1.0, "source": "PRON", "source_lemma": "he", "source_side": "before"}),
    ("a that-clause content", SAID_THAT, {"content_first": "that", "content_after": "1"}),
    ("a quotation before its cue", QUOTE_THEN_CUE, {"content_after": "0", "content_quote_start": 1.0,
                                                    "content_has_quote": 1.0}),
    ("a named source", SMITH_SAID, {"source": "PROPN", "nested": "0", "first_sent": "1"}),
    ("a fixed construction", ACCORDING, {"group": "according", "p": 1.0, "source": "NOUN"}),
]


@pytest.mark.parametrize("what,spec,expected", FEATURES, ids=[f[0] for f in FEATURES])
def test_candidate_features(what, spec, expected):
    feats = features(spec)
    assert {k: feats.get(k) for k in expected} == expected


def test_no_source_is_a_feature():
    doc = parsed(*MADE_DECISION)
    feats = learned.sequence_features(doc, [(f, g, s) for f, g, s in candidates(doc)])[0]
    assert feats["group"] == "dobj" and feats["source"] == "PROPN" and feats["lemma"] == "make"


def test_nested_flags():
    doc = parsed(*SMITH_SAID)
    (found, group, score), = candidates(doc)
    inner = parsed(*SMITH_SAID)  # a second candidate whose cue lies in the first one's content
    (other, _, _), = candidates(inner)
    other.cue = doc[3]
    assert learned.nested_flags([(found, group, score), (other, group, score)]) == [False, True]


@pytest.fixture
def toy_model(tmp_path):
    """A CRF trained on hand-built Docs: "say" candidates are cues, "make" ones are not."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for spec, label in [(SMITH_SAID, "cue"), (SAID_THAT, "cue"), (MADE_DECISION, "no")] * 5:
        doc = parsed(*spec)
        cands = candidates(doc)
        trainer.append(learned.sequence_features(doc, cands), [label] * len(cands))
    trainer.set_params({"c2": 0.1, "max_iterations": 50})
    path = tmp_path / "toy.crfsuite"
    trainer.train(str(path))
    return learned.CueModel(path, threshold=0.5)


@pytest.mark.parametrize("spec,kept", [(SMITH_SAID, 1), (MADE_DECISION, 0)], ids=["say stands", "make does not"])
def test_trained_model_decides(toy_model, spec, kept):
    doc = parsed(*spec)
    cands = candidates(doc)
    probs = toy_model.probabilities(doc, cands)
    assert all(0.0 <= p <= 1.0 for p in probs)
    assert len(toy_model.keep(doc, cands)) == kept
    assert len(learned.find_attributions(doc, toy_model)) == kept


def test_statements_from_model(toy_model):
    doc = parsed(*SMITH_SAID)
    (st,) = learned.statements(doc, toy_model)
    assert (st.cue["text"], st.content["text"], st.speaker.name) == ("said", "taxes rose", "Smith")


def test_no_candidates_no_probabilities(toy_model):
    assert toy_model.probabilities(parsed(*MADE_DECISION), []) == []


def test_shipped_models_load():
    model = learned.shipped_model()
    assert 0.0 < model.threshold < 1.0 and model.extent is not None
    assert learned.model_path().stat().st_size < 4 * 2 ** 20  # small enough to ship


def test_shipped_model_on_a_plain_statement():
    doc = parsed(*SMITH_SAID)
    (st,) = learned.statements(doc, learned.shipped_model())
    assert (st.cue["text"], st.content["text"], st.speaker.name) == ("said", "taxes rose", "Smith")


@pytest.mark.parametrize("flag,uses_model", [(True, True), (False, False)], ids=["learned", "rules"])
def test_component_switch(flag, uses_model):
    from claimledger.pipeline.attribution.component import AttributionComponent

    component = AttributionComponent("claimledger_attribution", learned=flag)
    assert (component.model is not None) == uses_model
    (st,) = component.find(parsed(*SMITH_SAID))
    assert st.cue["text"] == "said"
