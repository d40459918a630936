"""What an ingest changed, as rows of the changes table; their Atom feed; `claimledger changes`; the
explorer's /-/ledger/changes.atom.  Hand-built analyses stored through Ledger.store (no NLP)."""
from __future__ import annotations

import asyncio
import datetime as dt
import json
import random
from urllib.parse import urlsplit

import feedparser
import pytest
from click.testing import CliRunner
from test_reconcile_history import MON, NEGATED, SAT, SUN, TUE

from claimledger.cli import main
from claimledger.ingest.core import IngestReport, reconcile
from claimledger.ledger import Ledger
from claimledger.output.atom import changes_atom
from claimledger.reconcile.changes import change_rows, parse_since

EXPULSION = "Russian forces had expelled Ukrainian troops from the Kursk region"


def _ingest(ledger: Ledger, analyses) -> list[dict]:
    """Store a batch and reconcile it the way every ingest does (ingest.core.reconcile)."""
    report = IngestReport()
    for a in analyses:
        report.added += ledger.store(a)
    reconcile(ledger, report)
    assert report.errors == []
    return report.changes


def _plain(changes) -> list[tuple]:
    return sorted((c["claim_id"], c["kind"], c["before"], c["after"], c["article_id"], c["id"]) for c in changes)


def test_a_denial_turns_a_reported_claim_disputed_with_its_source_and_contradiction(tmp_path):
    with Ledger(tmp_path / "l.db") as ledger:
        first = _ingest(ledger, [SAT])
        assert [(c["kind"], c["after"]) for c in first] == [("new", "reported")]
        claim = first[0]["claim_id"]
        second = _ingest(ledger, [SUN])
        kinds = {(c["kind"], c["before"], c["after"]) for c in second if c["claim_id"] == claim}
        assert ("status", "reported", "disputed") in kinds
        assert ("source", None, "against: Government of Ukraine") in kinds
        assert any(k == "contradiction" for k, _b, _a in kinds)
        assert all(c["article_id"] == SUN.article.id for c in second)
        stored = change_rows(ledger.db)
        assert len(stored) == len(first) + len(second)
        assert _ingest(ledger, []) == []  # nothing new: nothing changed


def test_an_old_denial_paired_anew_is_no_new_contradiction(tmp_path):
    with Ledger(tmp_path / "l.db") as ledger:
        _ingest(ledger, [SAT, SUN])
        again = _ingest(ledger, [NEGATED])  # Kyiv again, negating: one new contradiction, no new source
        assert [c["kind"] for c in again] == ["contradiction"]
        assert again[0]["article_id"] == NEGATED.article.id


@pytest.mark.parametrize("seed", range(4))
def test_the_changes_of_a_batch_do_not_depend_on_its_order(tmp_path, seed):
    batch = [SUN, MON, TUE, NEGATED]
    expected = None
    for n, order in enumerate((batch, random.Random(seed).sample(batch, len(batch)))):
        with Ledger(tmp_path / f"l{n}.db") as ledger:
            _ingest(ledger, [SAT])
            got = _plain(_ingest(ledger, order))
        expected = expected or got
        assert got == expected


def test_articles_stored_by_an_interrupted_run_count_in_the_next_batch(tmp_path):
    with Ledger(tmp_path / "whole.db") as ledger:
        _ingest(ledger, [SAT])
        whole = _plain(_ingest(ledger, [SUN, MON]))
    with Ledger(tmp_path / "cut.db") as ledger:
        _ingest(ledger, [SAT])
        ledger.store(SUN)  # stored, then the process died before reconciling
        assert _plain(_ingest(ledger, [MON])) == whole


def test_a_failed_reconcile_writes_no_changes(tmp_path, monkeypatch):
    import claimledger.reconcile.store as store

    def broken(db, full=False):
        db.execute("DELETE FROM ledger_claims")
        raise RuntimeError("boom")
    with Ledger(tmp_path / "l.db") as ledger:
        _ingest(ledger, [SAT])
        monkeypatch.setattr(store, "rebuild", broken)
        report = IngestReport(added=int(ledger.store(SUN)))
        reconcile(ledger, report)
        assert report.errors and report.changes == []
        assert len(change_rows(ledger.db)) == 1 and ledger.db["ledger_claims"].count > 0  # rolled back, whole


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    path = tmp_path_factory.mktemp("changes") / "story.db"
    with Ledger(path) as ledger:
        _ingest(ledger, [SAT])
        _ingest(ledger, [SUN])
        _ingest(ledger, [MON, TUE])
    return str(path)


def test_atom_feed_is_valid_with_an_entry_per_change_linking_to_the_claim(story):
    with Ledger(story) as ledger:
        rows = change_rows(ledger.db)
    xml = changes_atom(rows, lambda cid: f"http://127.0.0.1:8001/-/ledger/claim/{cid}",
                       "http://127.0.0.1:8001/-/ledger/changes.atom")
    feed = feedparser.parse(xml)
    assert not feed.bozo, feed.get("bozo_exception")
    assert len(feed.entries) == len(rows)
    status = [e for e in feed.entries if e.title.startswith("reported → disputed")]
    assert len(status) == 1 and EXPULSION in status[0].title
    claim_id = next(r["claim_id"] for r in rows if r["kind"] == "status")
    assert status[0].link.endswith(f"/-/ledger/claim/{claim_id}")
    assert len({e.id for e in feed.entries}) == len(rows)


CLI_CASES = [
    # (options, kinds expected among the rows)
    ([], {"new", "status", "source", "contradiction"}),
    (["--kind", "status"], {"status"}),
    (["--about", "Kursk region", "--kind", "new"], {"new"}),
    (["--since", "1h"], {"new", "status", "source", "contradiction"}),
    (["--since", "2099-01-01"], set()),
]


@pytest.mark.parametrize("options,kinds", CLI_CASES)
def test_changes_command_filters(story, options, kinds):
    result = CliRunner().invoke(main, ["changes", "--db", story, "--json", *options])
    assert result.exit_code == 0, result.output
    assert {r["kind"] for r in json.loads(result.output)} == kinds


def test_changes_command_atom_and_table(story):
    atom = CliRunner().invoke(main, ["changes", "--db", story, "--atom", "--kind", "status"])
    feed = feedparser.parse(atom.output.encode())
    assert not feed.bozo and [e.title.split(":")[0] for e in feed.entries] == ["reported → disputed"]
    table = CliRunner().invoke(main, ["changes", "--db", story, "--kind", "status"])
    assert table.exit_code == 0 and "disputed" in table.output
    bad = CliRunner().invoke(main, ["changes", "--db", story, "--since", "yesterday-ish"])
    assert bad.exit_code == 2 and "--since" in bad.output and "Traceback" not in bad.output


def test_explorer_serves_the_changes_as_atom(story):
    pytest.importorskip("datasette")
    from claimledger.web.server import make_datasette

    ds = make_datasette(story)

    def get(path):
        return asyncio.run(ds.client.get(path))
    response = get("/-/ledger/changes.atom?kind=status")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo and len(feed.entries) == 1
    claim_page = get(urlsplit(feed.entries[0].link).path)
    assert claim_page.status_code == 200 and "disputed" in claim_page.text
    assert len(feedparser.parse(get("/-/ledger/changes.atom").content).entries) > 1
    assert len(feedparser.parse(get("/-/ledger/changes.atom?about=zzzz-nothing").content).entries) == 0
    assert get("/-/ledger/changes.atom?kind=bogus").status_code == 400
    assert get("/-/ledger/changes.atom?since=bogus").status_code == 400


NOW = dt.datetime(2025, 4, 28, 12, 0, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize("text,expected", [
    ("24h", "2025-04-27T12:00:00+00:00"), ("30m", "2025-04-28T11:30:00+00:00"), ("7d", "2025-04-21T12:00:00+00:00"),
    ("2025-04-01", "2025-04-01T00:00:00+00:00"), ("2025-04-01T10:00:00+02:00", "2025-04-01T08:00:00+00:00"),
    (None, None),
])
def test_since(text, expected):
    assert parse_since(text, NOW) == expected


@pytest.mark.parametrize("text", ["yesterday", "h24", "-3h"])
def test_since_refuses_what_it_cannot_read(text):
    with pytest.raises(ValueError, match="--since"):
        parse_since(text, NOW)


def test_claims_rewritten_in_place_are_compared_too(tmp_path):
    """The triggers see rows updated in place as well as replaced (however update.py writes them)."""
    from claimledger.reconcile.changes import recording_changes

    with Ledger(tmp_path / "l.db") as ledger:
        _ingest(ledger, [SAT])
        ledger.store(SUN)
        (claim_id,) = ledger.db.execute("SELECT id FROM ledger_claims").fetchone()
        with recording_changes(ledger.db) as recorded:
            ledger.db.execute("UPDATE ledger_claims SET status = 'disputed' WHERE id = ?", [claim_id])
            ledger.db.execute("UPDATE ledger_claim_members SET article_id = article_id WHERE claim_id = ?", [claim_id])
            ledger.db.execute("INSERT INTO ledger_claim_members (claim_id, article_id, article_claim_id) "
                              "VALUES (?, ?, 'x')", [claim_id, SUN.article.id])
        assert [(c["kind"], c["before"], c["after"]) for c in recorded.rows] == [("status", "reported", "disputed")]
        assert ledger.db.execute("SELECT name FROM sqlite_temp_master").fetchall() == []  # triggers gone
