"""Following a story: feeds polled and folders watched, new articles stored through the ingest core, and
what they changed in the ledger recorded (``reconcile.changes``) and announced.

``feeds.py`` (feedparser; an entry's full text or its own content), ``fetch.py`` (HTTP: User-Agent,
conditional requests, per-host delay, retries), ``watch.py`` (watchdog; files taken once settled),
``poll.py`` (the ``Follower``: rounds, log, reconcile, ``--on-change`` hooks).
"""
from __future__ import annotations

from claimledger.follow.poll import Follower, describe, parse_every

__all__ = ["Follower", "describe", "parse_every"]
