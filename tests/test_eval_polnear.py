"""PolNeAR scoring: brat reading, span matching rules, and a smoke run on a few dev articles."""
import pytest

from claimledger.evaluation import polnear
from claimledger.model import Speaker, Statement

TEXT = "“The plan is dead,” she said. “We start again.” The mayor said that the road was closed."
#       0         1         2         3         4         5         6         7         8
ANN = (
    "T1\tContent 0 19;30 47\t“The plan is dead,” “We start again.”\n"
    "T2\tSource 20 23\tshe\n"
    "T3\tCue 24 28\tsaid\n"
    "T4\tAttribution 24 28\tsaid\n"
    "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2\n"
    "T5\tSource 48 57\tThe mayor\n"
    "T6\tCue 58 62\tsaid\n"
    "T7\tContent 63 87\tthat the road was\nclosed\n"   # span text may run over lines
    "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5\n"
    "T8\tAttribution 58 62\tsaid\n"                     # referenced before it is defined
    "T9\tCue 0 1\t“\n"
    "E3\tAttribution-no-source:T9 Cue:T9\n"
)


def _article(tmp_path):
    (tmp_path / "dev" / "text").mkdir(parents=True)
    (tmp_path / "dev" / "attributions").mkdir()
    (tmp_path / "dev" / "text" / "a1.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "dev" / "attributions" / "a1_zz.ann").write_text("", encoding="utf-8")  # later annotator
    (tmp_path / "dev" / "attributions" / "a1_aa.ann").write_text(ANN, encoding="utf-8")
    return tmp_path


def test_read_ann_and_first_annotator(tmp_path):
    (article,) = polnear.read_split(_article(tmp_path), "dev")
    assert article.name == "a1"
    kinds = [a.kind for a in article.attributions]
    assert kinds == ["Attribution", "Attribution", "Attribution-no-source"]
    first, second, third = article.attributions
    assert first.content == ((0, 19), (30, 47)) and first.source == ((20, 23),)
    assert second.content == ((63, 87),) and second.cue == ((58, 62),)
    assert third.source is None
    gold = polnear.gold_spans(article)
    assert gold["cue"] == {((24, 28),), ((58, 62),), ((0, 1),)}


def _statement(cue, content, source, fragments=None):
    content_rec = {"text": "", "start": content[0], "end": content[1]}
    if fragments:
        content_rec["fragments"] = fragments
    return Statement(id="x", speaker=Speaker("s", None, None, *source), cue={"text": "", "lemma": "say",
                     "start": cue[0], "end": cue[1]}, content=content_rec, kind="indirect", stance="assert")


@pytest.mark.parametrize("statements, exact, overlap", [
    # fragments must all match for an exact content; a first fragment alone overlaps
    ([_statement((24, 28), (0, 19), (20, 23), [[0, 19], [30, 47]])], 1, 1),
    ([_statement((24, 28), (0, 19), (20, 23))], 0, 1),
    # surrounding white space does not matter
    ([_statement((58, 62), (62, 87), (48, 57))], 1, 1),
    # one long prediction cannot pair with two gold spans
    ([_statement((24, 28), (0, 87), (20, 23))], 0, 1),
])
def test_content_matching(tmp_path, statements, exact, overlap):
    (article,) = polnear.read_split(_article(tmp_path), "dev")
    tally = polnear.Tally()
    tally.add(polnear.predicted_spans(article.text, statements)["content"], polnear.gold_spans(article)["content"])
    assert (tally.exact, tally.overlap) == (exact, overlap)


def test_the_outlets_own_voice_is_not_scored():
    outlet = _statement((0, 0), (0, 19), (0, 0))
    outlet.kind = "outlet"
    said = _statement((24, 28), (0, 19), (20, 23))
    assert polnear.predicted_spans("x" * 90, [outlet])["content"] == set()
    assert polnear.predicted_spans("x" * 90, [outlet, said])["cue"] == {((24, 28),)}


def test_nested_statements_are_left_out():
    outer = _statement((58, 62), (63, 87), (48, 57))
    inner = _statement((70, 74), (75, 87), (63, 69))
    assert polnear.outermost([outer, inner]) == [outer]


def test_prf():
    assert polnear.Tally.prf(2, 4, 8) == {"precision": 0.5, "recall": 0.25, "f1": 0.3333}
    assert polnear.Tally.prf(0, 0, 3) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


@pytest.mark.model
def test_smoke_on_dev(shared):
    result = polnear.evaluate(shared / "data" / "polnear", split="dev", limit=3)
    assert result["articles"] == 3
    for role in polnear.ROLES:
        for mode in ("exact", "overlap"):
            scores = result[role][mode]
            assert 0.0 <= scores["precision"] <= 1.0 and 0.0 <= scores["f1"] <= 1.0
        assert result[role]["overlap"]["f1"] >= result[role]["exact"]["f1"]
    assert result["cue"]["exact"]["f1"] > 0.4  # a real run, not an empty one
