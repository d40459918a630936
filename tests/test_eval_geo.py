"""Geo evaluation: layout detection and scoring on hand-made XML, and a run on a small shared subset."""

import pytest

from claimledger.evaluation import geo

LGL = """<articles><article docid="1"><text>Fire in Springfield, Illinois.</text><toponyms>
<toponym><start>8</start><end>19</end><phrase>Springfield</phrase>
<gaztag geonameid="4250542"><name>Springfield</name><lat>39.80</lat><lon>-89.64</lon></gaztag></toponym>
<toponym><start>21</start><end>29</end><phrase>Illinois</phrase></toponym>
</toponyms></article></articles>"""

GEOVIRUS = """<articles><article><source>x</source><text>Cases rose in Lima.</text><locations>
<location><name>Lima</name><start>14</start><end>18</end><lat>-12.05</lat><lon>-77.04</lon></location>
</locations></article></articles>"""

GWN = """<articles><article file="0"><title>t</title><text>Turkey said a Turkish town was hit.</text>
<toponym><extractedName>Turkey</extractedName><type>Metonymic</type><start>0</start><end>6</end>
<latitude>39.0</latitude><longitude>35.0</longitude></toponym>
<toponym><extractedName>Turkish</extractedName><type>Non_Literal_Modifier</type><start>14</start><end>21</end>
<latitude>39.0</latitude><longitude>35.0</longitude></toponym></article></articles>"""


@pytest.mark.parametrize("xml, layout, n", [(LGL, "lgl", 2), (GEOVIRUS, "geovirus", 1), (GWN, "gwn", 2)])
def test_read_layouts(tmp_path, xml, layout, n):
    path = tmp_path / "c.xml"
    path.write_text(xml, encoding="utf-8")
    got_layout, articles = geo.read_corpus(path)
    assert got_layout == layout
    assert len(articles[0].toponyms) == n
    for t in articles[0].toponyms:
        assert articles[0].text[t.start:t.end] == t.name


def _gwn_articles(tmp_path):
    path = tmp_path / "g.xml"
    path.write_text(GWN, encoding="utf-8")
    return geo.read_corpus(path)[1]


@pytest.mark.parametrize("preds, precision, recall, acc, as_metonym", [
    ([{"start": 0, "end": 6, "lat": 39.1, "lon": 35.1, "metonym": True}], 1.0, 1.0, 1.0, 1),
    ([{"start": 0, "end": 6, "lat": 10.0, "lon": 10.0, "metonym": False}], 1.0, 1.0, 0.0, 0),
    ([{"start": 0, "end": 6, "lat": None, "lon": None, "metonym": False}], 1.0, 1.0, 0.0, 0),  # unresolved: wrong
    ([{"start": 14, "end": 21, "lat": 39, "lon": 35, "metonym": False}], 0.0, 0.0, 0.0, 0),    # neutral only
    ([{"start": 27, "end": 31, "lat": 39, "lon": 35, "metonym": False}], 0.0, 0.0, 0.0, 0),    # false positive
    ([], 0.0, 0.0, 0.0, 0),
])
def test_score(tmp_path, preds, precision, recall, acc, as_metonym):
    result = geo.score("gwn", _gwn_articles(tmp_path), [preds])
    assert (result["precision"], result["recall"], result["acc_161km"]) == (precision, recall, acc)
    assert result["metonymy"]["as_metonym"] == as_metonym
    assert result["toponyms"] == 1
    assert result["predicted"] == (0 if preds and preds[0]["start"] == 14 else len(preds))


@pytest.mark.model
@pytest.mark.shared
def test_evaluate_small_subset(shared):
    result = geo.evaluate(shared / "data" / "geo" / "GWN.xml", limit=3)
    for key in ("precision", "recall", "f1", "acc_161km", "mean_km", "median_km", "toponyms"):
        assert key in result
    assert result["articles"] == 3 and result["toponyms"] > 0
    assert 0.0 < result["recall"] <= 1.0 and 0.0 <= result["acc_161km"] <= 1.0
