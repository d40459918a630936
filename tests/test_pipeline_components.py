"""The components as spaCy sees them: declared requirements, config, and errors that raise.

A component that fails raises through spaCy's error handler (it used to return
an empty list, so a bug read as "nothing found"); the ingest still isolates the
article that raised.
"""
import pytest
import spacy
from spacy.util import raise_error

from claimledger.ingest import ingest_paths
from claimledger.ledger import Ledger
from claimledger.pipeline import components  # noqa: F401  (registers the factories)
from claimledger.pipeline.claims import MATCH_THRESHOLD
from claimledger.pipeline.places.toponyms import Thresholds

TEXT = "Moscow said on Friday that some 14,000 North Korean troops had been sent to Kursk."

# (component, module attribute its work goes through): patched to raise, the component must raise too
WORK = [
    ("claimledger_dates", "claimledger.pipeline.dates.component.find_dates"),
    ("claimledger_places", "claimledger.pipeline.places.component.find_places"),
    ("claimledger_actors", "claimledger.pipeline.actors.component.extract_entities"),
    ("claimledger_quantities", "claimledger.pipeline.quantities.quantity_from_entity"),
    ("claimledger_attribution", "claimledger.pipeline.attribution.component.statements"),
    ("claimledger_claims", "claimledger.pipeline.claims.build_claims"),
]


def _broken(*args, **kwargs):
    raise RuntimeError("a bug")


@pytest.mark.model
def test_every_requirement_is_met_by_an_earlier_component(nlp):
    analysis = nlp.analyze_pipes()
    assert not any(analysis["problems"].values()), analysis["problems"]
    ours = [name for name in nlp.pipe_names if name.startswith("claimledger_")]
    assert len(ours) == 7 and all(analysis["summary"][name]["assigns"] for name in ours)


@pytest.mark.model
@pytest.mark.parametrize("component, work", WORK, ids=[c for c, _ in WORK])
def test_a_failing_component_raises(nlp, monkeypatch, component, work):
    monkeypatch.setattr(work, _broken)
    with pytest.raises(RuntimeError, match="a bug"):
        nlp(TEXT)


@pytest.mark.model
def test_the_error_handler_decides_what_a_failure_does(nlp, monkeypatch):
    monkeypatch.setattr("claimledger.pipeline.quantities.quantity_from_entity", _broken)
    seen = []
    quantities = nlp.get_pipe("claimledger_quantities")
    quantities.set_error_handler(lambda name, proc, docs, err: seen.append((name, docs[0].text, str(err))))
    try:
        docs = list(nlp.pipe([TEXT, "Nobody said anything."]))
    finally:
        quantities.set_error_handler(raise_error)
    assert seen == [("claimledger_quantities", TEXT, "a bug")]
    assert [d.text for d in docs] == ["Nobody said anything."]  # spaCy's Pipe.pipe drops the failed Doc


@pytest.mark.model
def test_ingest_records_the_article_that_raised_and_stores_the_others(nlp, monkeypatch, tmp_path):
    from claimledger.pipeline import claims

    real = claims.build_claims

    def fails_on_one(doc, *args):
        if "Kursk" in doc.text:
            raise RuntimeError("claims failed")
        return real(doc, *args)

    monkeypatch.setattr(claims, "build_claims", fails_on_one)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("The minister said on Monday that the talks in Geneva had ended.", encoding="utf-8")
    (folder / "b.txt").write_text(TEXT, encoding="utf-8")
    (folder / "c.txt").write_text("Officials said the bridge in Vienna would reopen in May.", encoding="utf-8")
    report = ingest_paths([str(folder)], str(tmp_path / "l.db"), progress=False, nlp=nlp)
    [(label, message)] = report.errors
    assert label.endswith("b.txt") and message == "analysis failed: RuntimeError: claims failed"
    assert report.added == 2
    stored = sorted(row["path"].rsplit("/", 1)[-1] for row in Ledger(str(tmp_path / "l.db")).db["articles"].rows)
    assert stored == ["a.txt", "c.txt"]
    assert Ledger(str(tmp_path / "l.db")).db["statements"].count >= 2


def test_thresholds_reach_the_component_through_its_config():
    nlp = spacy.blank("en")
    claims = nlp.add_pipe("claimledger_claims", config={"min_shared_arguments": 3})
    assert (claims.match_threshold, claims.min_shared_arguments) == (MATCH_THRESHOLD, 3)
    places = nlp.add_pipe("claimledger_places", config={"focus_km": 50.0})
    assert places.thresholds == Thresholds(focus_km=50.0)
    assert nlp.config["components"]["claimledger_places"]["context_rounds"] == Thresholds().context_rounds
