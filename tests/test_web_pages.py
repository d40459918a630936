"""The explorer's pages through Datasette's in-process client, on a hand-built ledger (Ledger.store)."""
from __future__ import annotations

import asyncio
import re

import pytest

pytest.importorskip("datasette")

from web_ledger import PAYLOAD, build, expulsion_analysis, hostile_analysis  # noqa: E402

from claimledger.web.board import BoardFilters, page_plan  # noqa: E402
from claimledger.web.server import make_datasette, prepare  # noqa: E402


@pytest.fixture(scope="module", params=["per-article", "reconciled"])
def ledger(tmp_path_factory, request):
    """The same two articles, without and with the reconcile layer's cross-article tables."""
    path = tmp_path_factory.mktemp("web") / "ledger.db"
    build(path, [expulsion_analysis(), hostile_analysis()])
    if request.param == "reconciled":
        assert prepare(path) is None
    return str(path)


@pytest.fixture(scope="module")
def ds(ledger):
    return make_datasette(ledger)


def get(ds, path):
    return asyncio.run(ds.client.get(path))


def claim_key(ds, words: str) -> str:
    """The key of the board's claim whose text starts with ``words``."""
    html = get(ds, "/-/ledger").text
    return re.search(r'href="/-/ledger/claim/([^"#?]+)">' + re.escape(words), html).group(1)


def expulsion_key(ds) -> str:
    return claim_key(ds, "Russian military expelled")


PAGE_CASES = [
    # (path, texts the page must show)
    ("/-/ledger", ["Claim board", "disputed", "Russian military expelled Ukrainian soldiers from the Kursk region"]),
    ("/-/ledger?status=confirmed", ["No claims match these filters."]),
    ("/-/ledger?actor=Kyiv", ["Russian military expelled"]),
    ("/-/ledger?place=Kursk", ["Russian military expelled"]),
    ("/-/ledger?from=2025-04-28&to=2025-04-28", ["Russian military expelled"]),
    ("/-/ledger/timeline", ["2025-04-26", "On Saturday", "Russian military expelled"]),
    ("/-/ledger/map", ["Kursk", "leaflet.js", 'id="map-data"']),
]


@pytest.mark.parametrize("path,texts", PAGE_CASES)
def test_page_shows(ds, path, texts):
    response = get(ds, path)
    assert response.status_code == 200
    for text in texts:
        assert text in response.text


FILTERED_OUT = [
    "/-/ledger?actor=Nobody+Of+That+Name",
    "/-/ledger?place=Atlantis",
    "/-/ledger?from=2030-01-01",
]


@pytest.mark.parametrize("path", FILTERED_OUT)
def test_filters_can_exclude_the_claim(ds, path):
    assert "Russian military expelled" not in get(ds, path).text


def test_board_counts_sources_for_and_against(ds):
    html = get(ds, "/-/ledger?place=Kursk").text
    row = html[html.index("Russian military expelled"):]
    assert re.search(r'class="num n-for">1<', row) and re.search(r'class="num n-against">1<', row)
    assert "for: the Kremlin" in row and "against: Kyiv" in row


def test_claim_page_shows_history_sides_contradiction_and_highlighted_evidence(ds):
    html = get(ds, f"/-/ledger/claim/{expulsion_key(ds)}").text
    assert "status-disputed" in html
    history = html[html.index('class="cl-history"'):html.index("</ol>", html.index('class="cl-history"'))]
    assert history.index("2025-04-26") < history.index("2025-04-28")  # dated, in order
    assert re.search(r'sources-for.*the Kremlin.*kind-party', html, re.S)
    assert re.search(r'sources-against.*Kyiv.*kind-party', html, re.S)
    contradiction = re.search(r'class="contradiction">(.*?)</li>', html, re.S).group(1)
    assert "Kyiv" in contradiction and "the Kremlin" in contradiction
    assert '<mark class="hl hl-cue" data-kinds="cue" title="cue: deny">denied</mark>' in html
    assert '<mark class="hl hl-speaker" data-kinds="speaker" title="speaker: Kyiv">Kyiv</mark>' in html
    assert f'/-/ledger/article/{expulsion_analysis().article.id}#st-s2' in html


def test_article_page_marks_every_kind_of_extraction(ds):
    html = get(ds, f"/-/ledger/article/{expulsion_analysis().article.id}").text
    for kind in ("speaker", "cue", "content", "actor", "place", "date", "quantity"):
        assert f'data-kinds="{kind}' in html or f" {kind}\"" in html, kind
    assert '<span class="anchor" id="st-s1"></span>' in html
    assert "some 14,000 troops" in html and "~14000.0 troops" in html


@pytest.mark.parametrize("path", ["/-/ledger/claim/nope.nope", "/-/ledger/claim/bad", "/-/ledger/article/0000"])
def test_unknown_claim_or_article_is_404(ds, path):
    assert get(ds, path).status_code == 404


def hostile_pages(ds) -> list[str]:
    hostile = hostile_analysis().article.id
    key = claim_key(ds, "Something &lt;script&gt;")
    return ["/-/ledger", f"/-/ledger/claim/{key}", f"/-/ledger/article/{hostile}", "/-/ledger/map",
            "/-/ledger/timeline", "/-/ledger?actor=Evil", "/-/ledger?check=Officials+said+it+happened+in+Mariupol"]


def test_untrusted_text_is_escaped_on_every_page(ds):
    for path in hostile_pages(ds):
        response = get(ds, path)
        html = response.text
        assert response.status_code == 200, path
        # the payload's tags never reach the page as markup, only escaped
        assert "<script>window.__pwned" not in html, path
        assert "<img src=x" not in html and "<svg onload" not in html, path
        assert 'href="javascript:' not in html, path
        assert "&lt;script&gt;window.__pwned" in html or "\\u003cscript\\u003ewindow.__pwned" in html, path
        # only our own scripts, from our own files
        scripts = re.findall(r"<script([^>]*)>", html)
        assert all('src="/-/ledger/static/' in s or 'type="application/json"' in s for s in scripts), (path, scripts)
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_board_search_box_checks_a_claim(ds):
    html = get(ds, "/-/ledger?check=The+Russian+military+expelled+Ukrainian+soldiers+from+the+Kursk+region").text
    found = html[html.index('class="cl-checked"'):html.index("</section>", html.index('class="cl-checked"'))]
    assert 'name="check"' in html
    against = found[found.index('class="check-articles side-against"'):]
    assert "Kremlin says Kursk retaken; Kyiv denies" in against and "Kyiv denied" in against
    assert f"/-/ledger/article/{expulsion_analysis().article.id}#st-s2" in against


def test_board_search_box_shows_the_text_as_text(ds):
    html = get(ds, "/-/ledger?check=%3Cscript%3Ealert(1)%3C%2Fscript%3E").text
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "No article in this ledger bears on it." in html


def test_payload_source_is_the_one_we_test():
    assert "<script>" in PAYLOAD and "onerror=" in PAYLOAD and "javascript:" in PAYLOAD


def test_tiles_setting_reaches_the_map_and_the_policy(ledger):
    ds = make_datasette(ledger, tiles="https://{s}.tile.example.org/{z}/{x}/{y}.png", tiles_attribution="© Example")
    response = get(ds, "/-/ledger/map")
    assert "https://*.tile.example.org" in response.headers["content-security-policy"]
    assert "tile.example.org/{z}/{x}/{y}.png" in response.text


def test_datasette_own_tables_and_json_are_still_there(ds):
    db = [name for name in ds.databases if name != "_internal"][0]
    assert get(ds, f"/{db}/claims?status=disputed").status_code == 200
    data = get(ds, f"/{db}/claims.json?_shape=array&status=disputed").json()
    assert len(data) == 2


def test_served_read_only(ds, ledger):
    """The default serves the file mode=ro (writes refused, commits seen); --immutable opens it immutable."""
    import sqlite3

    db = [d for name, d in ds.databases.items() if name != "_internal"][0]
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        asyncio.run(db.execute("DELETE FROM claims"))
    snapshot = make_datasette(ledger, live=False)
    assert [d for name, d in snapshot.databases.items() if name != "_internal"][0].is_mutable is False


PLAN_CASES = [
    # (counts, status, offset, limit, expected slices)
    ({"disputed": 3, "denied": 0, "retracted": 0, "confirmed": 5, "reported": 10}, None, 0, 5,
     [("disputed", 0, 3), ("confirmed", 0, 2)]),
    ({"disputed": 3, "denied": 0, "retracted": 0, "confirmed": 5, "reported": 10}, None, 5, 5,
     [("confirmed", 2, 3), ("reported", 0, 2)]),
    ({"disputed": 3, "denied": 0, "retracted": 0, "confirmed": 5, "reported": 10}, "reported", 5, 50,
     [("reported", 5, 5)]),
    ({"disputed": 3, "denied": 0, "retracted": 0, "confirmed": 0, "reported": 0}, None, 50, 50, []),
]


@pytest.mark.parametrize("counts,status,offset,limit,expected", PLAN_CASES)
def test_page_plan(counts, status, offset, limit, expected):
    assert page_plan(counts, status, offset, limit) == expected


def test_the_board_reads_the_source_it_is_given(ledger):
    """One board over either row source: the per-article claims are there whether or not the ledger
    also has claims across articles; pages.claim_source picks the reconciled ones when it has."""
    import sqlite3

    from claimledger.web.board import board
    from claimledger.web.pages import PER_ARTICLE, RECONCILED, claim_source

    conn = sqlite3.connect(ledger)
    per_article = board(conn, PER_ARTICLE, BoardFilters())
    assert not per_article["reconciled"] and per_article["counts"]["disputed"] == 2
    assert all("." in c["key"] for c in per_article["claims"])
    reconciled = "ledger_claims" in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert claim_source(conn) is (RECONCILED if reconciled else PER_ARTICLE)
    assert claim_source(conn, per_article["claims"][0]["key"]) is PER_ARTICLE


def test_filters_keep_only_what_is_set():
    assert BoardFilters(actor="Kyiv", date_to="2025-05-01").query_args() == {"actor": "Kyiv", "to": "2025-05-01"}


def test_live_mode_reads_but_cannot_write(ledger):
    import sqlite3

    ds = make_datasette(ledger, live=True)
    assert "Russian military expelled" in get(ds, "/-/ledger").text
    db = [d for name, d in ds.databases.items() if name != "_internal"][0]
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        asyncio.run(db.execute("DELETE FROM claims"))
