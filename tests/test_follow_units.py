"""follow's small parts as tables: feed dates, canonical URLs, durations, which files a watched folder
ignores, feeds that are not feeds, entry content as text.  No network, no model."""
from __future__ import annotations

import pytest

from claimledger.errors import InputError
from claimledger.follow.feeds import canonical_url, html_to_text, local_path, parse_feed, parse_published
from claimledger.follow.poll import parse_every
from claimledger.follow.watch import ignored


@pytest.mark.parametrize("text,expected", [
    ("Mon, 28 Apr 2025 09:00:00 GMT", "2025-04-28T09:00:00+00:00"),
    ("Mon, 28 Apr 2025 09:00:00 -0400", "2025-04-28T13:00:00+00:00"),
    ("2025-04-28T09:00:00+02:00", "2025-04-28T07:00:00+00:00"),
    ("2025-04-28T09:00:00Z", "2025-04-28T09:00:00+00:00"),
    ("2025-04-28", "2025-04-28"),  # a day alone stays a day, as everywhere dates enter
    ("", None), (None, None),
])
def test_feed_dates(text, expected):
    assert parse_published(text) == expected


@pytest.mark.parametrize("text", ["next Tuesday", "2025-02-30", "Mon, 31 Feb 2025 09:00:00 GMT"])
def test_feed_dates_that_cannot_be_read_are_one_line_errors(text):
    with pytest.raises(InputError, match="published date .* cannot be read"):
        parse_published(text)


@pytest.mark.parametrize("url,expected", [
    ("HTTPS://Example.ORG/a/b?utm_source=x&id=3#top", "https://example.org/a/b?id=3"),
    ("http://example.org:80/a", "http://example.org/a"),
    ("https://example.org", "https://example.org/"),
    ("https://example.org/a?fbclid=1&gclid=2", "https://example.org/a"),
    ("/tmp/x.txt", "/tmp/x.txt"), (None, None),
])
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


@pytest.mark.parametrize("link,expected", [("file:///tmp/a%20b.txt", "/tmp/a b.txt"), ("/tmp/x.txt", "/tmp/x.txt"),
                                           ("https://example.org/x", None), (None, None)])
def test_local_path(link, expected):
    assert (str(local_path(link)) if local_path(link) else None) == expected


@pytest.mark.parametrize("text,seconds", [("15m", 900), ("30s", 30), ("1h", 3600), ("2d", 172800), ("90", 90),
                                          ("0.5m", 30)])
def test_every(text, seconds):
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["", "0m", "soon", "-5m", "15x"])
def test_every_refuses(text):
    with pytest.raises(ValueError, match="--every"):
        parse_every(text)


@pytest.mark.parametrize("name,skip", [
    ("story.txt", False), ("story.html", False), ("batch.jsonl", False),
    (".story.txt", True), ("~story.txt", True), ("story.txt~", True), ("#story.txt#", True),
    ("story.txt.part", True), ("story.html.crdownload", True), ("story.tmp", True), ("story.txt.swp", True),
    ("story.json", True), ("story.pdf", True), (".hidden/story.txt", True),
])
def test_watched_folder_ignores_hidden_temporary_and_foreign_files(tmp_path, name, skip):
    assert ignored(tmp_path / name) is skip


@pytest.mark.parametrize("raw", [b"", b"<html><body>not a feed</body></html>", b"\x00\x01garbage",
                                 b"<rss><channel><item><title>cut"])
def test_what_is_not_a_feed_is_one_line_error(raw):
    try:
        title, entries = parse_feed(raw)
    except InputError as err:
        assert "\n" not in str(err) and "feed" in str(err)
    else:  # feedparser recovered something: then it is entries, never an exception
        assert isinstance(entries, list)


def test_feed_entries_rss_atom_and_json():
    rss = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
      <item><guid>g1</guid><title>One</title><link>https://Example.org/one?utm_medium=rss</link>
      <pubDate>Mon, 28 Apr 2025 09:00:00 GMT</pubDate><description>&lt;p&gt;Body one.&lt;/p&gt;</description></item>
      <item><title>No guid</title><link>https://example.org/two</link></item></channel></rss>"""
    title, entries = parse_feed(rss, "https://example.org/feed.xml")
    assert title == "Wire"
    assert [(e.guid, e.link, e.published, e.source) for e in entries] == [
        ("https://example.org/g1", "https://example.org/one", "2025-04-28T09:00:00+00:00", "Wire"),  # feedparser: against the base
        ("https://example.org/two", "https://example.org/two", None, "Wire")]
    atom = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
      <id>urn:a</id><updated>2025-04-28T09:00:00Z</updated><entry><id>urn:e1</id><title>E</title>
      <link href="https://example.org/e1"/><updated>2025-04-28T10:00:00+02:00</updated>
      <content type="html">&lt;p&gt;Para one.&lt;/p&gt;&lt;p&gt;Para two.&lt;/p&gt;</content></entry></feed>"""
    _t, (entry,) = parse_feed(atom)
    assert (entry.guid, entry.published) == ("urn:e1", "2025-04-28T08:00:00+00:00")
    assert html_to_text(entry.content) == "Para one.\nPara two."
    jsonfeed = (b'{"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [{"id": "j1", '
                b'"url": "https://example.org/j1", "content_text": "Text.", "date_published": "2025-04-28T09:00:00Z"}]}')
    _t, (jentry,) = parse_feed(jsonfeed)
    assert (jentry.guid, jentry.link, jentry.published) == ("j1", "https://example.org/j1", "2025-04-28T09:00:00+00:00")


def test_the_bundled_feed_lists_the_examples_and_ingest_does_not_read_it():
    from pathlib import Path

    from claimledger.read.paths import expand_paths

    examples = Path(__file__).resolve().parents[1] / "examples"
    feed = examples / "feeds" / "kursk.xml"
    title, entries = parse_feed(feed.read_bytes(), str(feed))
    assert len(entries) == 4 and all(local_path(e.link).is_file() for e in entries)
    assert {local_path(e.link).resolve() for e in entries} == {
        p.resolve() for p in [examples / "kursk.txt", *(examples / "kursk-followups").glob("*.txt")]}
    walked = list(expand_paths([str(examples)]))
    assert walked and not any(p.endswith(".xml") for p in walked)


def test_on_change_runs_the_command_with_the_change_on_stdin(tmp_path):
    import json

    from claimledger.follow import Follower
    from claimledger.ledger import Ledger

    out = tmp_path / "got.json"
    change = {"id": "x1", "kind": "status", "before": "reported", "after": "disputed", "claim_id": "c1",
              "claim_text": "Russian forces expelled Ukrainian troops"}
    with Ledger(tmp_path / "l.db") as ledger:
        follower = Follower(ledger, [], on_change=f"cat > {out}")
        follower._run_hook(change)
        assert json.loads(out.read_text()) == change
        follower.on_change = "echo broken >&2; exit 3"
        follower._run_hook(change)
        (status, message), = ledger.db.execute("SELECT status, message FROM follow_log").fetchall()
    assert status == "error" and "exited 3: broken" in message


def test_a_known_text_from_another_outlet_in_a_watched_folder_is_a_new_carrier(tmp_path):
    """Syndication through `follow` as through `ingest`: the same text under another outlet is recorded as a
    carrier of the stored article (a relay), not dropped as already known; nothing is analysed again."""
    from test_ledger_store import TEXT, sample

    from claimledger.follow import Follower
    from claimledger.ledger import Ledger

    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "copy.txt").write_text(f"---\nsource: Another Wire\nurl: https://another.example/troops\n---\n{TEXT}",
                                     encoding="utf-8")
    with Ledger(tmp_path / "l.db") as ledger:
        ledger.store(sample())
        report = Follower(ledger, [str(folder)]).poll_folders()
        assert (report.added, report.carriers, report.skipped) == (0, 1, 0)
        assert sorted(c["source"] for c in ledger.carriers(sample().article.id)) == ["Another Wire", "Wire"]
