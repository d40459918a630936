"""Readers: bytes/paths in, Article out.  All input validation lives here.

- ``read_one(path) -> Article`` raises ``InputError`` (one-line message).
- ``iter_articles(paths)`` yields ``(label, Article | InputError)`` so a batch
  goes on past bad input.  Directories are walked recursively and globs
  matched (``read.paths``); ``-`` is stdin; JSONL is streamed line by line
  with labels ``file.jsonl:LINE``.

Formats by suffix: .txt, .text, .md (and anything unknown) as text with optional front
matter or sidecar ``<name>.json``; .html/.htm through trafilatura; .jsonl one
article a line; .json one article object.  Size limit: see common.DEFAULT_MAX_BYTES.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from claimledger.errors import InputError
from claimledger.model import Article
from claimledger.read.common import binary_kind, check_input_size, decode, max_input_bytes
from claimledger.read.html import read_html
from claimledger.read.jsonl import article_from_record, iter_jsonl, parse_line
from claimledger.read.paths import ARTICLE_SUFFIXES, HTML_SUFFIXES, STDIN, expand_paths
from claimledger.read.txt import read_txt

__all__ = ["read_one", "iter_articles", "count_inputs", "expand_paths", "ARTICLE_SUFFIXES"]


def read_one(path: str) -> Article:
    """One article from a file (or ``-`` for stdin); ``file.jsonl:LINE`` picks one JSONL line."""
    if path == STDIN:
        return _read_bytes(_read_stdin(), STDIN)
    p = Path(path)
    if not p.exists() and ":" in path:
        return _read_jsonl_line(*path.rsplit(":", 1))
    suffix = p.suffix.lower()
    raw = _read_file(p, "html" if suffix in HTML_SUFFIXES else "text")
    if suffix in HTML_SUFFIXES:
        return read_html(raw, path)
    if suffix == ".jsonl":
        return _single_jsonl_article(raw, path)
    if suffix == ".json":
        return _json_article(raw, path)
    return read_txt(raw, path)


def iter_articles(paths: Iterable[str], skipped: list[str] | None = None) -> Iterator[tuple[str, Article | InputError]]:
    """``skipped``: files a directory walk left out as not articles are appended to it."""
    for path in expand_paths(paths, skipped):
        if path == STDIN:
            yield from _iter_stdin()
        elif Path(path).suffix.lower() == ".jsonl":
            yield from _iter_jsonl_file(Path(path), path)
        else:
            yield path, _read_or_error(path)


def count_inputs(paths: Iterable[str]) -> int | None:
    """How many items iter_articles will yield (JSONL lines counted), or None for stdin."""
    total = 0
    for path in expand_paths(paths):
        if path == STDIN:
            return None
        if Path(path).suffix.lower() == ".jsonl" and Path(path).is_file():
            with open(path, "rb") as fh:
                total += max(1, sum(1 for line in fh if line.strip()))
        else:
            total += 1
    return total


def _read_or_error(label: str) -> Article | InputError:
    try:
        return read_one(label)
    except InputError as err:
        return err


def _read_file(p: Path, kind: str = "text") -> bytes:
    if not p.exists():
        raise InputError("no such file or directory")
    if p.is_dir():
        raise InputError("is a directory")
    check_input_size(p.stat().st_size, kind)
    try:
        return p.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror or err}") from None


def _read_stdin() -> bytes:
    limit = max_input_bytes("html")  # the kind is known only once read
    raw = sys.stdin.buffer.read(limit + 1)  # one byte over the limit is enough to reject
    check_input_size(len(raw), "html")
    return raw


def _sniff(raw: bytes) -> str:
    head = raw.lstrip()[:512].lower()
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<article", b"<p")):
        return "html"
    lines = [line for line in raw.splitlines() if line.strip()]
    if lines and all(line.lstrip().startswith(b"{") for line in lines[:5]):
        return "jsonl"
    return "txt"


def _read_bytes(raw: bytes, label: str) -> Article:
    kind = _sniff(raw)
    if kind == "html":
        return read_html(raw, label)
    if kind == "jsonl":
        return _single_jsonl_article(raw, label)
    return read_txt(raw, label)


def _iter_stdin() -> Iterator[tuple[str, Article | InputError]]:
    head = sys.stdin.buffer.peek(512)[:512] if hasattr(sys.stdin.buffer, "peek") else b""
    if head and _sniff(head) == "jsonl":
        yield from iter_jsonl(sys.stdin.buffer, STDIN)
        return
    try:
        yield STDIN, _read_bytes(_read_stdin(), STDIN)
    except InputError as err:
        yield STDIN, err


def _iter_jsonl_file(p: Path, label: str) -> Iterator[tuple[str, Article | InputError]]:
    if not p.is_file():
        yield label, InputError("no such file or directory")
        return
    try:
        with p.open("rb") as fh:
            what = binary_kind(fh.read(8192))
            if what:
                yield label, InputError(f"binary input ({what}): not JSON Lines")
                return
            fh.seek(0)
            yield from iter_jsonl(fh, label)
    except OSError as err:
        yield label, InputError(f"cannot read: {err.strerror or err}")


def _single_jsonl_article(raw: bytes, label: str) -> Article:
    items = list(iter_jsonl(raw.splitlines(), label))
    if len(items) != 1:
        raise InputError(f"holds {len(items)} articles: use 'claimledger ingest', or name one as {label}:LINE")
    item = items[0][1]
    if isinstance(item, InputError):
        raise item
    return item


def _read_jsonl_line(path: str, line: str) -> Article:
    p = Path(path)
    if not line.isdigit() or not p.is_file():
        raise InputError("no such file or directory")
    wanted = int(line)
    label = f"{path}:{wanted}"
    with p.open("rb") as fh:
        raw = next((r for i, r in enumerate(fh, start=1) if i == wanted), b"")
    if not raw.strip():
        raise InputError(f"no article on line {wanted} of {path}")
    return parse_line(raw, label)


def _json_article(raw: bytes, label: str) -> Article:
    try:
        record = json.loads(decode(raw))
    except ValueError as err:
        raise InputError(f"not valid JSON: {err}") from None
    return article_from_record(record, label)
