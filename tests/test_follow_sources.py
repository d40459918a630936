"""follow with real parts: a threaded HTTP server on loopback serving RSS and Atom feeds that change between
polls (ETag and 304, a 500, a timeout, a malformed feed), and a real watchdog observer on a temporary
folder with a file written in several chunks.  Nothing is taken twice; every good entry is stored."""
from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time

import pytest
from follow_server import Route, Site, atom, example, page, rss, serve, wikinews

from claimledger.follow import Follower
from claimledger.follow.fetch import Fetcher
from claimledger.ledger import Ledger

UTC = dt.timezone.utc


def _log(db, status: str) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in db.execute("SELECT source, message FROM follow_log WHERE status = ? ORDER BY seq",
                                             [status])]


@pytest.fixture()
def site():
    s = Site()
    server, base = serve(s)
    yield s, base
    server.shutdown()
    server.server_close()


def test_feeds_polled_three_times(tmp_path, nlp, site):
    site, base = site
    kursk = {n: example(f"kursk-followups/{name}") for n, name in
             (("k1", "1-kremlin-saturday.txt"), ("k2", "2-kyiv-sunday.txt"), ("k3", "3-kcna-monday.txt"))}
    for key, (meta, text) in kursk.items():
        site.routes[f"/{key}"] = Route(page(meta["title"], text))
    site.routes["/syndicated"] = Route(page(kursk["k1"][0]["title"], kursk["k1"][1]))  # the same wire copy
    site.routes["/k2"].status = 500  # the page fails: the entry's own text is stored
    site.routes["/k3"].delay = 2.0  # the page times out: the entry's own text is stored
    wiki = wikinews(["3806", "127226", "4980"])
    for n, w in enumerate(wiki):
        site.routes[f"/w{n}"] = Route(page(w["title"], w["text"]))
    day = dt.datetime(2025, 4, 26, 9, tzinfo=UTC)
    rss_items = [{"guid": key, "title": meta["title"], "link": f"{base}/{key}", "date": day + dt.timedelta(days=n),
                  "text": text} for n, (key, (meta, text)) in enumerate(kursk.items())]
    atom_items = [{"guid": f"urn:w{n}", "title": w["title"], "link": f"{base}/w{n}", "date": day, "text": ""}
                  for n, w in enumerate(wiki)]
    site.routes["/rss.xml"] = Route(rss("Wire", rss_items), content_type="application/rss+xml")
    site.routes["/atom.xml"] = Route(atom("Wiki", atom_items[:2]), content_type="application/atom+xml", etag='"v1"')
    site.routes["/broken.xml"] = Route(b"oops", status=500, content_type="text/plain")
    site.routes["/slow.xml"] = Route(rss("Slow", rss_items), delay=2.0)
    site.routes["/malformed.xml"] = Route(b"<<<\x00 this is no feed", content_type="application/rss+xml")
    feeds = [f"{base}/{name}" for name in ("broken.xml", "rss.xml", "slow.xml", "atom.xml", "malformed.xml")]
    fetcher = Fetcher(timeout=0.5, retries=1, backoff=0.05, host_delay=0.0)
    lines = []
    with Ledger(tmp_path / "f.db") as ledger:
        follower = Follower(ledger, feeds, nlp=nlp, fetcher=fetcher, notify=lines.append)
        first = follower.poll_feeds()
        assert first.added == 5 and first.errors == []
        # the feeds change: the wire re-lists its first story under a tracking URL and a new GUID, and
        # a second outlet carries the same copy; the Atom feed gains an entry and a new ETag
        site.routes["/rss.xml"].body = rss("Wire", rss_items + [
            {**rss_items[0], "guid": "k1-again", "link": f"{base}/k1?utm_source=feed"},
            {**rss_items[0], "guid": "syndicated", "link": f"{base}/syndicated"}])
        site.routes["/atom.xml"] = Route(atom("Wiki", atom_items), content_type="application/atom+xml", etag='"v2"')
        second = follower.poll_feeds()
        assert second.added == 1
        third = follower.poll_feeds()
        assert third.added == 0
        db = ledger.db
        assert db["articles"].count == 6
        urls = {r[0] for r in db.execute("SELECT url FROM articles")}
        assert urls == {f"{base}/{k}" for k in ("k1", "k2", "k3", "w0", "w1", "w2")}
        k2 = db.execute("SELECT text, published FROM articles WHERE url = ?", [f"{base}/k2"]).fetchone()
        assert kursk["k2"][1].split("\n")[0] in k2[0] and k2[1].startswith("2025-04-27")
        entries = dict(db.execute("SELECT guid, article_id FROM feed_entries").fetchall())
        assert entries["k1-again"] == entries["k1"] == entries["syndicated"]
        assert len(entries) == 8 and None not in entries.values()
        # the three bad feeds failed on every poll, and the others went on
        errors = _log(db, "error")
        for name, why in (("broken.xml", "HTTP 500"), ("slow.xml", "timed out"), ("malformed.xml", "not a readable feed")):
            mine = [m for s, m in errors if s.endswith(name)]
            assert len(mine) == 3 and all(why in m for m in mine), (name, mine)
        assert {s.rsplit("/", 1)[1] for s, _m in _log(db, "fallback")} == {"k2", "k3"}
        assert [s for s, _m in _log(db, "unchanged")] == [f"{base}/atom.xml"]
    # conditional requests, a clear User-Agent, each page fetched once
    atom_hits = site.hits("/atom.xml")
    assert [h.get("if-none-match") for h in atom_hits] == [None, '"v1"', '"v2"']
    assert all("claimledger/" in h["user-agent"] for _p, h in site.requests)
    assert len(site.hits("/k1")) == 1 and len(site.hits("/w2")) == 1 and len(site.hits("/k3")) == 2  # one retry
    assert any(line.startswith("change: ") for line in lines)


def _write_in_chunks(path, text: str, pieces: int = 4, pause: float = 0.3) -> None:
    step = len(text) // pieces + 1
    with open(path, "w", encoding="utf-8") as f:
        for i in range(0, len(text), step):
            f.write(text[i:i + step])
            f.flush()
            time.sleep(pause)


def test_watched_folder_takes_a_file_once_it_stops_growing(tmp_path, nlp):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "old.txt").write_text(example("kursk-followups/1-kremlin-saturday.txt")[1], encoding="utf-8")
    meta, text = example("kursk-followups/2-kyiv-sunday.txt")
    w = wikinews(["127226"])[0]
    db_path = tmp_path / "w.db"
    stop, done = threading.Event(), {}

    def follow():  # the follower's thread owns its ledger connection, as a process would
        with Ledger(db_path) as ledger:
            follower = Follower(ledger, [str(folder)], nlp=nlp, settle=1.0)
            follower.run(stop=stop)
            done["changes"] = follower.changes

    def articles() -> list[tuple[str, str]]:
        if not db_path.exists():
            return []
        with sqlite3.connect(db_path) as conn:
            try:
                return conn.execute("SELECT path, text FROM articles ORDER BY path").fetchall()
            except sqlite3.OperationalError:  # not created yet
                return []

    runner = threading.Thread(target=follow, daemon=True)
    runner.start()
    try:
        time.sleep(1.0)
        _write_in_chunks(folder / "kyiv.txt", text)  # each chunk within the settle time
        (folder / ".hidden.txt").write_text(w["text"], encoding="utf-8")
        (folder / "draft.txt.part").write_text(w["text"], encoding="utf-8")
        (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
        time.sleep(0.2)
        (folder / "draft.txt.part").rename(folder / "gm.txt")  # a download finished: moved into place
        deadline = time.monotonic() + 90
        while len(articles()) < 3 and time.monotonic() < deadline:
            time.sleep(0.2)
        _write_in_chunks(folder / "kyiv.txt", text, pieces=2, pause=0.1)  # rewritten, same text
        time.sleep(2.5)
    finally:
        stop.set()
        runner.join(timeout=30)
    rows = dict((path.rsplit("/", 1)[1], body) for path, body in articles())
    assert sorted(rows) == ["gm.txt", "kyiv.txt", "old.txt"]
    assert rows["kyiv.txt"].strip() == text.strip()  # whole: not the first chunk
    assert done["changes"]  # the reconcile after each arrival recorded what it changed
