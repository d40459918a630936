"""Input at scale: articles cut into chunks.

Nothing here holds the whole input: the readers expand directories and globs
one directory at a time (``read.paths``) and stream JSONL files line by line.
Only one chunk of articles is in memory while it is being cut.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from claimledger.errors import InputError
from claimledger.model import PIPELINE_VERSION, Article
from claimledger.read import iter_articles


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


def with_defaults(article: Article, label: str, published: str | None, source: str | None) -> Article:
    """Fill path, --published and --source where the article carries none, as ``ingest_paths`` does."""
    article.path = article.path or label
    article.published = article.published or published
    article.source = article.source or source
    return article


def iter_chunks(paths: Iterable[str], size: int, is_known, published: str | None = None,
                source: str | None = None, errors: list | None = None) -> Iterator[Chunk]:
    """Consecutive chunks of ``size`` readable articles; unreadable inputs go to ``errors`` as (label, message).

    Chunk boundaries depend on the input only, never on the ledger, so a resumed
    run cuts the same chunks and finds the shards an interrupted run left.
    """
    chunk = Chunk(index=0)
    for label, item in iter_articles(paths):
        if isinstance(item, InputError):
            if errors is not None:
                errors.append((label, str(item)))
            continue
        article = with_defaults(item, label, published, source)
        chunk.labels.append(label)
        chunk.articles.append(article)
        chunk.known.append(is_known(article.id))
        if len(chunk.articles) >= size:
            yield chunk
            chunk = Chunk(index=chunk.index + 1)
    if chunk.articles:
        yield chunk
