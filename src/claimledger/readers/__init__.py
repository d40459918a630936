"""Readers: bytes/paths in, Article out.  All input validation lives here.

Placeholder API (to be implemented):
- read_one(path) -> Article                     (raises InputError with a one-line message)
- iter_articles(paths) -> Iterator[tuple[str, Article | InputError]]   (label, article-or-error)
"""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..model import Article


def read_one(path: str) -> Article:
    p = Path(path)
    if not p.exists():
        raise InputError("no such file")
    return Article(text=p.read_text(encoding="utf-8"), path=str(p))
