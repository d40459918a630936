"""Plain text articles, with optional front matter or a sidecar ``<name>.json``.

Front matter is a block of ``key: value`` lines between two ``---`` lines at the
very top (keys: title, source, url, published).  The stored text, which every
offset refers to, is what follows the closing ``---`` line, verbatim.
"""
from __future__ import annotations

import json
from pathlib import Path

from claimledger.errors import InputError
from claimledger.model import Article
from claimledger.read.common import METADATA_FIELDS, decode, make_article, record_metadata

FENCE = "---"


def split_front_matter(text: str) -> tuple[dict, str]:
    """(metadata, body).  No front matter: ({}, text)."""
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        return {}, text
    try:
        close = next(i for i in range(1, len(lines)) if lines[i].rstrip() == FENCE)
    except StopIteration:
        raise InputError("front matter opened with '---' on line 1 is never closed") from None
    meta = {}
    for lineno, line in enumerate(lines[1:close], start=2):
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if not sep or not key:
            raise InputError(f"front matter line {lineno} is not 'key: value': {line.strip()[:60]!r}")
        if key not in METADATA_FIELDS:
            raise InputError(f"front matter line {lineno}: unknown key {key!r} (expected {', '.join(METADATA_FIELDS)})")
        meta[key] = _unquote(value.strip())
    return meta, "\n".join(lines[close + 1:])


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


SIDECAR_KEYS = set(METADATA_FIELDS) | {"date"}


def sidecar_metadata(path: Path) -> dict:
    """Fields from ``<name>.json`` beside the article, if there is one.

    A ``<name>.json`` that is empty, or a JSON object with none of the metadata keys (the output of
    ``claimledger analyze --json > <name>.json``: the shell creates the file before it is written),
    is not a sidecar: the article is read without it.  A sidecar with metadata keys that cannot be
    read is still an error, so that a mistyped date is not silently dropped."""
    sidecar = path.with_suffix(".json")
    if path.suffix == ".json" or not sidecar.is_file():
        return {}
    try:
        raw = sidecar.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"sidecar {sidecar.name} cannot be read: {err}") from None
    if not raw.strip():
        return {}
    try:
        data = json.loads(raw)
    except ValueError as err:
        raise InputError(f"sidecar {sidecar.name} is not valid JSON: {err}") from None
    if not isinstance(data, dict) or not SIDECAR_KEYS & set(data):
        return {}  # not metadata (e.g. an analysis written beside its article)
    return {k: v for k, v in record_metadata(data).items() if v is not None}


def read_txt(raw: bytes, path: str | None) -> Article:
    meta, body = split_front_matter(decode(raw))
    if path and path != "-":
        meta = {**sidecar_metadata(Path(path)), **meta}  # front matter wins over the sidecar
    return make_article(body, meta, path)
