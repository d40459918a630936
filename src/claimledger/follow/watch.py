"""A watched folder for ``follow``: watchdog reports files created, written or moved in; a file is taken
once it has stopped growing (same size and time for ``settle`` seconds), once per content.

Hidden files (a leading dot), editors' and browsers' temporary files (``~``, ``#…#``, ``.tmp``,
``.part``, ``.crdownload``, ``.swp``…) and files the readers do not take (by suffix, as ``ingest``
walks a folder) are ignored.
"""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from claimledger.read.paths import ARTICLE_SUFFIXES, walk_articles

TEMP_SUFFIXES = (".tmp", ".temp", ".part", ".partial", ".crdownload", ".download", ".swp", ".swx", ".lock")


def ignored(path: str | Path) -> bool:
    """Hidden, temporary, or not an article file."""
    p = Path(path)
    name = p.name
    if any(part.startswith(".") for part in p.parts[-3:-1]) or name.startswith((".", "~")):
        return True
    if name.endswith("~") or (name.startswith("#") and name.endswith("#")) or name.lower().endswith(TEMP_SUFFIXES):
        return True
    return p.suffix.lower() not in ARTICLE_SUFFIXES


class FolderWatch:
    """Files of a folder that are ready to read: new or rewritten, and no longer growing."""

    def __init__(self, folder: str | Path, settle: float = 1.0):
        self.folder = Path(folder)
        self.settle = settle
        self._pending: dict[str, tuple[int, int, float]] = {}  # path -> (size, mtime_ns, since)
        self._done: dict[str, tuple[int, int]] = {}  # path -> (size, mtime_ns) taken
        self._lock = threading.Lock()
        self._observer = None

    # -- watchdog -----------------------------------------------------------------------------
    def start(self) -> None:
        """Watch the folder (recursively) and count the files already there as new."""
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        watch = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event):
                if event.is_directory or event.event_type not in ("created", "modified", "moved", "closed"):
                    return
                watch.touch(getattr(event, "dest_path", None) or event.src_path)

        self._observer = Observer()
        self._observer.schedule(Handler(), str(self.folder), recursive=True)
        self._observer.start()
        self.scan()

    def stop(self) -> None:
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=5)
            self._observer = None

    # -- bookkeeping -------------------------------------------------------------------------------
    def scan(self) -> None:
        for path in walk_articles(self.folder):
            self.touch(path)

    def touch(self, path) -> None:
        """A file was (maybe) written: wait for it to settle."""
        path = str(path)
        if ignored(path):
            return
        stat = _stat(path)
        if stat is None:
            return
        with self._lock:
            if self._done.get(path) == stat:
                return
            before = self._pending.get(path)
            if before is None or before[:2] != stat:
                self._pending[path] = (*stat, time.monotonic())

    def ready(self, now: float | None = None) -> list[str]:
        """The pending files whose size and time have not changed for ``settle`` seconds (taken: not again)."""
        now = time.monotonic() if now is None else now
        out = []
        with self._lock:
            for path, (size, mtime, since) in list(self._pending.items()):
                stat = _stat(path)
                if stat is None:
                    del self._pending[path]
                elif stat != (size, mtime):
                    self._pending[path] = (*stat, now)  # still growing
                elif now - since >= self.settle and size > 0:
                    del self._pending[path]
                    self._done[path] = stat
                    out.append(path)
        return sorted(out)


def _stat(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns
