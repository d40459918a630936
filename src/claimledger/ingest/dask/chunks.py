"""Chunks: runs of consecutive input articles, the unit of work sent to one worker.

The input is streamed (``ingest.core.read_articles``: directories walked and
globs matched one directory at a time, JSONL line by line); only the chunk
being cut is in memory.  Chunk boundaries depend on the input alone, and a
chunk's key names its shard, so a resumed run finds an interrupted run's work.

Each article is sorted as it is read, by the single-process runner's rule
(``ingest.local``): NEW (analysed on a worker), KNOWN (in the ledger before this
run: its carrier is recorded or its metadata corrected, ``core.record_known``,
when its chunk is merged) or AGAIN (its text came earlier in this run: a carrier
of that first copy, recorded once the run's articles are stored).  Only the NEW
ones are sent to the cluster.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from claimledger.ingest.core import read_articles
from claimledger.model import PIPELINE_VERSION, Article

NEW, KNOWN, AGAIN = "new", "known", "again"


@dataclass
class Chunk:
    """A run of consecutive input articles: the unit of work sent to one worker."""
    index: int
    labels: list[str] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    arrivals: list[str] = field(default_factory=list)  # NEW (to compute), KNOWN or AGAIN (not computed)

    @property
    def key(self) -> str:
        """Names the chunk's shard: a hash of the articles to compute (ids and metadata) and the pipeline.

        Articles already in the ledger (or earlier in the run) are left out, so a shard always holds exactly
        the chunk's remaining work and a stale shard is never taken for a new one.
        """
        digest = hashlib.sha256(PIPELINE_VERSION.encode())
        for _, a in self.todo():
            fields = (a.id, a.published, a.source, a.title, a.url, a.path)
            digest.update(("\x1e" + "\x1f".join(str(f or "") for f in fields)).encode())
        return digest.hexdigest()[:24]

    def todo(self) -> list[tuple[str, Article]]:
        return [(label, a) for label, a, arrival in zip(self.labels, self.articles, self.arrivals) if arrival == NEW]


def iter_chunks(paths: Iterable[str], size: int, is_known: Callable[[str], bool], published: str | None = None,
                source: str | None = None, errors: list | None = None,
                skipped: list[str] | None = None) -> Iterator[Chunk]:
    """Consecutive chunks of ``size`` readable articles; unreadable inputs go to ``errors`` as (label, message),
    files a directory walk leaves out to ``skipped``.

    Chunk boundaries depend on the input only, never on the ledger, so a resumed
    run cuts the same chunks and finds the shards an interrupted run left.
    ``is_known(id)``: in the ledger; asked only of ids not yet seen in this run, so
    the answer is the ledger's before the run, whatever merges meanwhile.
    """
    seen: set[str] = set()  # NEW ids of this run (as ingest.local's _new_articles)
    chunk = Chunk(index=0)
    for label, article in read_articles(paths, published, source, errors if errors is not None else [],
                                        skipped=skipped):
        chunk.labels.append(label)
        chunk.articles.append(article)
        if article.id in seen:
            chunk.arrivals.append(AGAIN)
        elif is_known(article.id):
            chunk.arrivals.append(KNOWN)
        else:
            seen.add(article.id)
            chunk.arrivals.append(NEW)
        if len(chunk.articles) >= size:
            yield chunk
            chunk = Chunk(index=chunk.index + 1)
    if chunk.articles:
        yield chunk
