"""``follow``: poll feeds and watch folders, store what is new through the ingest core, record what changed.

One ``Follower`` per process: the spaCy pipeline is loaded once, at the first article.  A round takes
every feed once (or the files of a watched folder that are ready), stores each new article in its own
transaction together with its feed entry (GUID, canonical URL, article id), then reconciles once
(ingest.core.reconcile, which records the changes).  A feed's ETag/Last-Modified are saved after its
entries are stored, so a process killed mid-round reads the feed again on restart and only stores the
rest.  Every source's outcome goes to the terminal (``notify``) and to the ``follow_log`` table; one
failing source never stops the others.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from claimledger.errors import ClaimledgerError, InputError
from claimledger.follow.feeds import (
    FeedEntry,
    article_from_entry,
    article_from_page,
    local_path,
    parse_feed,
    with_entry_metadata,
)
from claimledger.follow.fetch import Fetcher, FetchError
from claimledger.follow.watch import FolderWatch
from claimledger.ingest.core import (IngestReport, analyse_batch, read_articles, reconcile, record_known,
                                     store_or_record)
from claimledger.ledger import Ledger
from claimledger.model import Article

DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.I)


def parse_every(text: str) -> float:
    """``15m``, ``30s``, ``1h``, ``2d`` (or plain seconds) as seconds; ValueError otherwise."""
    m = DURATION.match(text or "")
    if not m or float(m.group(1)) <= 0:
        raise ValueError(f"--every {text!r}: give a duration such as 30s, 15m or 1h")
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2).lower()]


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


@dataclass
class Pending:
    """An article read from a source, waiting for analysis; ``entry`` when it came from a feed."""
    label: str
    article: Article
    feed: str | None = None
    entry: FeedEntry | None = None


class Follower:
    def __init__(self, ledger: Ledger, sources: list[str], nlp=None, fetcher: Fetcher | None = None,
                 notify: Callable[[str], None] = lambda line: None, on_change: str | None = None,
                 settle: float = 1.0):
        self.ledger, self.db = ledger, ledger.db
        self.nlp = nlp
        self.fetcher = fetcher or Fetcher()
        self.notify, self.on_change = notify, on_change
        self.feeds = [s for s in sources if is_url(s) or not Path(s).is_dir()]
        self.folders = [FolderWatch(s, settle) for s in sources if not is_url(s) and Path(s).is_dir()]
        self.changes: list[dict] = []  # every change recorded by this follower

    # -- logging --------------------------------------------------------------------------------------------
    def log(self, source: str, status: str, message: str) -> None:
        self.notify(f"{status}: {source}: {message}")
        with self.db.atomic():
            self.db["follow_log"].insert({"time": _now(), "source": source, "status": status, "message": message})

    # -- rounds ---------------------------------------------------------------------------------------------
    def poll_feeds(self) -> IngestReport:
        """Every feed once, then one reconcile."""
        report = IngestReport()
        for feed in self.feeds:
            try:
                self._poll_feed(feed, report)
            except Exception as err:  # noqa: BLE001 - one failing feed never stops the others
                self.log(feed, "error", f"{type(err).__name__}: {err}" if not isinstance(err, ClaimledgerError)
                         else str(err))
        self._reconcile(report)
        return report

    def poll_folders(self, ready: list[str] | None = None) -> IngestReport:
        """The folder files given (or every article file of the watched folders), then one reconcile."""
        report = IngestReport()
        if ready is None:
            ready = [p for w in self.folders for p in _all_files(w)]
        if ready:
            items, taken = [], set()
            for label, article in read_articles(ready, None, None, report.errors):
                if article.id in taken:
                    report.skipped += 1
                elif self.ledger.has_article(article.id):
                    record_known(self.ledger, label, article, report)  # another carrier, a correction, or a skip
                else:
                    taken.add(article.id)
                    items.append(Pending(label, article))
            for label, message in report.errors:
                self.log(label, "error", message)
            self._store(items, report)
            self._reconcile(report)
        return report

    def run(self, every: float = 900.0, once: bool = False, stop: threading.Event | None = None) -> None:
        """Poll the feeds every ``every`` seconds and take folder files as they settle, until ``stop``
        (or after one round with ``once``)."""
        stop = stop or threading.Event()
        if once:
            if self.feeds:
                self.poll_feeds()
            if self.folders:
                self.poll_folders()
            return
        for w in self.folders:
            w.start()
        try:
            next_poll = 0.0
            while not stop.is_set():
                if self.feeds and time.monotonic() >= next_poll:
                    self.poll_feeds()
                    next_poll = time.monotonic() + every
                ready = [p for w in self.folders for p in w.ready()]
                if ready:
                    self.poll_folders(ready)
                stop.wait(0.1)
        finally:
            for w in self.folders:
                w.stop()

    # -- one feed -------------------------------------------------------------------------------------------
    def _poll_feed(self, feed: str, report: IngestReport) -> None:
        state = self.db.execute("SELECT etag, last_modified FROM feed_state WHERE source = ?", [feed]).fetchone()
        etag, modified = state if state else (None, None)
        if is_url(feed):
            got = self.fetcher.get(feed, etag, modified)
            if got.status == 304:
                self.log(feed, "unchanged", "304 Not Modified")
                return
            raw, etag, modified = got.body, got.etag, got.last_modified
        else:
            path = local_path(feed)
            try:
                raw = path.read_bytes()
                stamp = str(path.stat().st_mtime_ns)
            except OSError as err:
                raise InputError(f"cannot read the feed: {err.strerror}") from None
            if modified == stamp:
                self.log(feed, "unchanged", "file not modified")
                return
            etag, modified = None, stamp
        title, entries = parse_feed(raw, feed)
        items, taken, retry = [], set(), False
        new = 0
        for entry in entries:
            if self._known(entry):
                continue
            new += 1
            try:
                article = self._article(entry)
            except InputError as err:
                self._record_entry(entry, feed, None, "skipped")
                self.log(entry.link or entry.guid, "skipped", str(err))
                continue
            except FetchError as err:  # no page and no content: try again at the next poll
                self.log(entry.link or entry.guid, "error", str(err))
                retry = True
                continue
            if self.ledger.has_article(article.id):  # the same text from another outlet or URL: a carrier (a relay)
                record_known(self.ledger, entry.link or entry.guid, article, report)
                self._record_entry(entry, feed, article.id, "ok")
                continue
            if article.id in taken:
                self._record_entry(entry, feed, article.id, "ok")
                continue
            taken.add(article.id)
            items.append(Pending(entry.link or entry.guid, article, feed, entry))
        stored_before = report.added
        self._store(items, report)
        self.log(feed, "ok", f"{len(entries)} entries, {new} new, {report.added - stored_before} stored")
        if not retry:
            with self.db.atomic():
                self.db["feed_state"].upsert({"source": feed, "etag": etag, "last_modified": modified,
                                              "checked_at": _now(), "status": "ok"}, pk="source")

    def _known(self, entry: FeedEntry) -> bool:
        if self.db.execute("SELECT 1 FROM feed_entries WHERE guid = ?", [entry.guid]).fetchone():
            return True
        if entry.link:
            row = self.db.execute("SELECT article_id, status FROM feed_entries WHERE url = ?", [entry.link]).fetchone()
            if row:
                self._record_entry(entry, None, row[0], row[1])
                return True
        return False

    def _record_entry(self, entry: FeedEntry, feed: str | None, article_id: str | None, status: str) -> None:
        with self.db.atomic():
            self.db["feed_entries"].insert({"guid": entry.guid, "url": entry.link, "feed": feed,
                                            "article_id": article_id, "status": status}, pk="guid", ignore=True)

    def _article(self, entry: FeedEntry) -> Article:
        """The entry's full text from its link, else its own content (InputError when neither reads)."""
        if entry.date_error:
            self.log(entry.link or entry.guid, "warning", entry.date_error)
        page_error = None
        path = local_path(entry.link)
        if path is not None:
            from claimledger.read import read_one
            try:
                return with_entry_metadata(read_one(str(path)), entry)
            except InputError as err:
                page_error = err
        elif entry.link:
            try:
                got = self.fetcher.get(entry.link)
                return article_from_page(got.body, got.content_type, entry)
            except (FetchError, InputError) as err:
                page_error = err
        try:
            article = article_from_entry(entry)
        except InputError:
            if isinstance(page_error, FetchError):
                raise page_error from None
            raise page_error or InputError("the entry has no link and no content") from None
        if page_error is not None:
            self.log(entry.link or entry.guid, "fallback", f"{page_error}; the entry's own content is stored")
        return article

    # -- storing and reconciling ----------------------------------------------------------------------------
    def _store(self, items: list[Pending], report: IngestReport) -> None:
        if not items:
            return
        if self.nlp is None:
            from claimledger.pipeline.build import load_pipeline
            self.nlp = load_pipeline()  # once per process
        errors_before = len(report.errors)
        for pending, (label, result) in zip(items, analyse_batch([(p.label, p.article) for p in items], self.nlp)):
            with self.db.atomic():  # the article and its feed entry: both or neither
                store_or_record(self.ledger, label, result, report)
                if pending.entry is not None:
                    ok = self.ledger.has_article(pending.article.id)
                    self._record_entry(pending.entry, pending.feed, pending.article.id if ok else None,
                                       "ok" if ok else "failed")
        for label, message in report.errors[errors_before:]:
            self.log(label, "error", message)

    def _reconcile(self, report: IngestReport) -> None:
        errors_before = len(report.errors)
        reconcile(self.ledger, report)
        for label, message in report.errors[errors_before:]:
            self.log(label, "error", message)
        if not report.changes:
            return
        self.changes += report.changes
        for change in report.changes:
            self.notify(f"change: {describe(change)}")
        if self.on_change:
            for change in report.changes:
                self._run_hook(change)

    def _run_hook(self, change: dict) -> None:
        try:
            done = subprocess.run(self.on_change, shell=True, input=json.dumps(change, ensure_ascii=False),
                                  text=True, capture_output=True, timeout=60, env={**os.environ})
        except subprocess.TimeoutExpired:
            self.log("on-change", "error", f"{self.on_change!r} ran over 60 s")
            return
        if done.returncode:
            tail = (done.stderr or "").strip().splitlines()[-1:] or [""]
            self.log("on-change", "error", f"{self.on_change!r} exited {done.returncode}: {tail[0]}")


def describe(change: dict) -> str:
    """One line for a change."""
    text = (change.get("claim_text") or "")[:90]
    kind = change["kind"]
    if kind == "new":
        return f"new claim [{change['after']}] {text!r}"
    if kind == "status":
        return f"{change['before']} -> {change['after']}: {text!r}"
    if kind == "source":
        return f"new source {change['after']}: {text!r}"
    return f"contradiction on {text!r}: {change['after']}"


def _all_files(watch: FolderWatch) -> list[str]:
    from claimledger.follow.watch import ignored
    from claimledger.read.paths import walk_articles
    return [p for p in walk_articles(watch.folder) if not ignored(p)]


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
