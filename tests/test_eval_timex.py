"""TempEval-3 style timex scoring: TimeML reading and matching on synthetic files, and a small real run."""
from pathlib import Path

import pytest

from claimledger.evaluation.timex import GoldTimex, TimeMLDoc, evaluate, read_tml, score
from claimledger.model import DateValue

# A synthetic TimeML document (own text, not from TimeBank).
TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>TEST1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2025-04-28" temporalFunction="false" functionInDocument="CREATION_TIME">20250428</TIMEX3></DCT>
<TEXT>
The mayor <EVENT eid="e1" class="REPORTING">said</EVENT> on <TIMEX3 tid="t1" type="DATE" value="2025-04-26">Saturday</TIMEX3> that repairs &amp; tests would take <TIMEX3 tid="t2" type="DURATION" value="P3W">three weeks</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_read_tml(tmp_path):
    path = tmp_path / "doc.tml"
    path.write_text(TML, encoding="utf-8")
    doc = read_tml(path)
    assert doc.dct == "2025-04-28"
    assert [(t.text, t.value) for t in doc.timexes] == [("Saturday", "2025-04-26"), ("three weeks", "P3W")]
    for t in doc.timexes:
        assert doc.text[t.start:t.end] == t.text
    assert "&amp;" not in doc.text and "repairs & tests" in doc.text


def _pred(text, doc_text, value):
    start = doc_text.index(text)
    return DateValue(text, start, start + len(text), value, "day", timex=value)


def test_score_strict_relaxed_value():
    text = "on Saturday for three weeks and now"
    gold = [GoldTimex(3, 11, "Saturday", "DATE", "2025-04-26"), GoldTimex(16, 27, "three weeks", "DURATION", "P3W")]
    doc = TimeMLDoc("x", text, "2025-04-28", gold)
    preds = [_pred("on Saturday", text, "2025-04-26"), _pred("three weeks", text, "P2W"), _pred("now", text, "PRESENT_REF")]
    result = score([doc], [preds])
    assert result["strict"] == {"precision": round(1 / 3, 4), "recall": 0.5, "f1": 0.4}
    assert result["relaxed"]["recall"] == 1.0
    assert result["value"]["precision"] == round(1 / 3, 4)
    assert any(m["text"] == "three weeks" and m["predicted"] == "P2W" for m in result["worst_misses"])


@pytest.mark.model
@pytest.mark.shared
def test_evaluate_on_a_few_timebank_documents(shared):
    result = evaluate(shared / "data" / "timebank", limit=15)
    for key in ("strict_f1", "relaxed_f1", "value_f1", "documents", "timexes", "strict", "relaxed", "value", "worst_misses"):
        assert key in result
    assert result["documents"] == 15
    assert result["timexes"] > 20
    assert 0.0 <= result["value_f1"] <= result["relaxed_f1"] <= 1.0
    assert result["strict_f1"] <= result["relaxed_f1"]
    assert result["relaxed_f1"] > 0.6  # a broken extractor scores near 0
