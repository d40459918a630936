"""Input paths as the files to read: directories walked, globs matched, the rest as given.

The one directory walker of claimledger: the readers (and so both ingest
runners and ``count_inputs``) expand their paths here.  It streams: one
directory's entries are in memory at a time, so a tree of a million files or a
quoted glob over it never becomes a list.  Order is sorted path order, the
order of ``sorted(Path.rglob("*"))``: entries sorted by name at every level, a
directory's files before the next sibling's.  Entries whose name starts with a
dot are skipped, and, as ``rglob`` does, symlinked directories are not entered
(a link to a parent would never end).
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from fnmatch import fnmatchcase
from pathlib import Path

STDIN = "-"
GLOB_MAGIC = re.compile(r"[*?[]")
HTML_SUFFIXES = {".html", ".htm"}
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
# what a directory walk picks up (.json are sidecars); other files are named in ``skipped``
ARTICLE_SUFFIXES = TEXT_SUFFIXES | {".jsonl"} | HTML_SUFFIXES


def expand_paths(paths: Iterable[str], skipped: list[str] | None = None) -> Iterator[str]:
    """Each input path as files the readers take: directories walked, globs matched, others as given.

    A path that is neither a file, a directory nor a glob is passed on as given,
    so that the reader reports it (missing file, ``file.jsonl:LINE``).  Files a directory
    walk leaves out (not articles by their suffix, sidecars aside) are appended to ``skipped``.
    """
    for path in paths:
        if path == STDIN or Path(path).is_file():
            yield path
        elif Path(path).is_dir():
            yield from walk_articles(Path(path), skipped)
        elif GLOB_MAGIC.search(path):
            yield from match_glob(path)
        else:
            yield path


def walk_articles(root: Path, skipped: list[str] | None = None) -> Iterator[str]:
    """Article files under root (by suffix: ARTICLE_SUFFIXES), in sorted path order; the others, sidecars
    (``<name>.json`` beside an article) aside, go to ``skipped``."""
    for p in _walk_files(root, strip_root=False):
        path = Path(p)
        if path.suffix.lower() in ARTICLE_SUFFIXES:
            yield p
        elif skipped is not None and not _is_sidecar(path):
            skipped.append(p)


def _is_sidecar(path: Path) -> bool:
    return path.suffix.lower() == ".json" and any(
        path.with_suffix(s).is_file() for s in ARTICLE_SUFFIXES | {s.upper() for s in ARTICLE_SUFFIXES})


def match_glob(pattern: str) -> Iterator[str]:
    """Files matching a glob (``**`` for any depth), in sorted order, found by walking its fixed prefix."""
    parts = Path(pattern).parts
    fixed = next((i for i, part in enumerate(parts) if GLOB_MAGIC.search(part)), len(parts))
    root = Path(*parts[:fixed]) if fixed else Path(".")
    for path in _walk_files(root, strip_root=fixed == 0):
        if glob_match(path, pattern):
            yield path


def glob_match(path: str, pattern: str) -> bool:
    """Shell glob semantics part by part: ``*`` stays within one name, ``**`` matches any run of names."""
    def match(ps: tuple, qs: tuple) -> bool:
        if not qs:
            return not ps
        if qs[0] == "**":
            return any(match(ps[i:], qs[1:]) for i in range(len(ps) + 1))
        return bool(ps) and fnmatchcase(ps[0], qs[0]) and match(ps[1:], qs[1:])

    return match(Path(path).parts, Path(pattern).parts)


def _walk_files(root: Path, strip_root: bool) -> Iterator[str]:
    """Files under root, depth first in name order; ``strip_root`` (a glob walked from ".") leaves out the "./"."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:  # unreadable directory: nothing to read there
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        p = Path(entry.name) if strip_root else root / entry.name
        if entry.is_dir(follow_symlinks=False):
            yield from _walk_files(p, strip_root=False)
        elif entry.is_file():
            yield str(p)
