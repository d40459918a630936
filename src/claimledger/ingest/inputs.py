"""Input at scale: paths, directory trees and globs expanded lazily, articles cut into chunks.

Nothing here holds the whole input: directories are walked one directory at a
time (entries sorted, so the order is the same on every run and matches
``sorted(Path.rglob("*"))``), a glob is matched during that walk, and JSONL
files are streamed line by line by the readers.  Only one chunk of articles
is in memory while it is being cut.
"""
from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path

from claimledger.errors import InputError
from claimledger.model import PIPELINE_VERSION, Article
from claimledger.read import ARTICLE_SUFFIXES, iter_articles

STDIN = "-"
GLOB_MAGIC = re.compile(r"[*?[]")


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


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Each input path as files the readers take: directories walked, globs matched, others as given."""
    for path in paths:
        if path == STDIN or Path(path).is_file():
            yield path
        elif Path(path).is_dir():
            yield from walk_articles(Path(path))
        elif GLOB_MAGIC.search(path):
            yield from match_glob(path)
        else:
            yield path  # missing: the reader reports it as one error


def walk_articles(root: Path) -> Iterator[str]:
    """Article files under root in sorted path order, hidden entries skipped, one directory in memory at a time."""
    return (p for p in _walk_files(root, prefix=False) if Path(p).suffix.lower() in ARTICLE_SUFFIXES)


def match_glob(pattern: str) -> Iterator[str]:
    """Files matching a glob (``**`` for any depth), in sorted order, found by walking its fixed prefix."""
    parts = Path(pattern).parts
    fixed = next((i for i, part in enumerate(parts) if GLOB_MAGIC.search(part)), len(parts))
    root = Path(*parts[:fixed]) if fixed else Path(".")
    for path in _walk_files(root, prefix=fixed == 0):
        if glob_match(path, pattern):
            yield path


def _walk_files(root: Path, prefix: bool) -> Iterator[str]:
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        p = Path(entry.name) if prefix else root / entry.name
        if entry.is_dir():
            yield from _walk_files(p, prefix=False)
        elif entry.is_file():
            yield str(p)


def glob_match(path: str, pattern: str) -> bool:
    """Shell glob semantics part by part: ``*`` stays within one name, ``**`` matches any run of names."""
    def match(ps: tuple, qs: tuple) -> bool:
        if not qs:
            return not ps
        if qs[0] == "**":
            return any(match(ps[i:], qs[1:]) for i in range(len(ps) + 1))
        return bool(ps) and fnmatchcase(ps[0], qs[0]) and match(ps[1:], qs[1:])

    return match(Path(path).parts, Path(pattern).parts)


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
    for label, item in iter_articles(expand_paths(paths)):
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
