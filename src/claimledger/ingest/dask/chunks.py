"""Chunks: runs of consecutive input articles, the unit of work sent to one worker.

The input is streamed (``ingest.core.read_articles``: directories walked and
globs matched one directory at a time, JSONL line by line); only the chunk
being cut is in memory.  Chunk boundaries depend on the input alone, and a
chunk's key names its shard, so a resumed run finds an interrupted run's work.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from claimledger.ingest.core import read_articles
from claimledger.model import PIPELINE_VERSION, Article


@dataclass
class Chunk:
    """A run of consecutive input articles: the unit of work sent to one worker."""
    index: int
    labels: list[str] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    known: list[bool] = field(default_factory=list)  # already in the ledger: skipped, not computed

    @property
    def key(self) -> str:
        """Names the chunk's shard: a hash of the articles to compute (ids and metadata) and the pipeline.

        Articles already in the ledger are left out, so a shard always holds exactly
        the chunk's remaining work and a stale shard is never taken for a new one.
        """
        digest = hashlib.sha256(PIPELINE_VERSION.encode())
        for _, a in self.todo():
            fields = (a.id, a.published, a.source, a.title, a.url, a.path)
            digest.update(("\x1e" + "\x1f".join(str(f or "") for f in fields)).encode())
        return digest.hexdigest()[:24]

    def todo(self) -> list[tuple[str, Article]]:
        return [(label, a) for label, a, known in zip(self.labels, self.articles, self.known) if not known]


def iter_chunks(paths: Iterable[str], size: int, is_known: Callable[[str], bool], published: str | None = None,
                source: str | None = None, errors: list | None = None) -> Iterator[Chunk]:
    """Consecutive chunks of ``size`` readable articles; unreadable inputs go to ``errors`` as (label, message).

    Chunk boundaries depend on the input only, never on the ledger, so a resumed
    run cuts the same chunks and finds the shards an interrupted run left.
    """
    chunk = Chunk(index=0)
    for label, article in read_articles(paths, published, source, errors if errors is not None else []):
        chunk.labels.append(label)
        chunk.articles.append(article)
        chunk.known.append(is_known(article.id))
        if len(chunk.articles) >= size:
            yield chunk
            chunk = Chunk(index=chunk.index + 1)
    if chunk.articles:
        yield chunk
