"""Where files live: the package's data tables (data/, by stage) and the shared evaluation data.

Every file under data/ is read through these readers, once per process (they are cached), so that
all tables follow one format:

* ``.tsv``: UTF-8, tab-separated, no quoting (a ``"`` is an ordinary character); lines that are
  blank or start with ``#`` are comments.  ``read_tsv`` takes the first other line as the header
  and gives one dict a row; ``read_rows`` gives the fields of every line (tables without a header).
* ``.json``: one document; keys starting with ``_`` are comments by convention.

Names are paths below data/, e.g. ``read_tsv("attribution/stance.tsv")``.

Vocabularies of other languages sit beside the English ones as ``data/<stage>/<language>/<file>``
(e.g. ``attribution/ru/cues.tsv``), with the same header or keys.  The readers add them to the
English table: a table keyed by words serves every language at once (Cyrillic lemmas never meet
Latin ones), so the stages need no language switch and the English path pays nothing.  A JSON
overlay extends the lists and dicts of the English document (scalars stay English).  What the readers return
is shared by every caller: build new structures from it, never modify it.
"""
from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = Path(__file__).resolve().parent / "data"


def data_path(*parts: str) -> Path:
    """Path of a data file below data/: data_path("places", "aliases.tsv") or data_path("places/aliases.tsv")."""
    return DATA_DIR.joinpath(*parts)


def _content_lines(name: str) -> Iterator[str]:
    with data_path(name).open(encoding="utf-8", newline="") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                yield line


OVERLAY_LANGUAGES = ("ru",)  # languages whose vocabularies extend the English tables


@lru_cache(maxsize=None)
def overlays(name: str) -> tuple[str, ...]:
    """The other languages' files for a data file: ("attribution/ru/cues.tsv", ...) where they exist."""
    stage, _, file = name.rpartition("/")
    found = []
    for language in OVERLAY_LANGUAGES:
        other = f"{stage}/{language}/{file}" if stage else f"{language}/{file}"
        if data_path(other).exists():
            found.append(other)
    return tuple(found)


def iter_tsv(name: str) -> Iterator[dict[str, str]]:
    """Rows of a headed table, streamed: for the big ones that are read once into an index."""
    for part in (name, *overlays(name)):
        yield from csv.DictReader(_content_lines(part), delimiter="\t", quoting=csv.QUOTE_NONE)


@lru_cache(maxsize=None)
def read_tsv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a headed table (header line -> keys)."""
    return tuple(iter_tsv(name))


@lru_cache(maxsize=None)
def read_rows(name: str) -> tuple[tuple[str, ...], ...]:
    """Fields of every line of a table without a header (kind<TAB>word<TAB>...)."""
    return tuple(tuple(row) for part in (name, *overlays(name))
                 for row in csv.reader(_content_lines(part), delimiter="\t", quoting=csv.QUOTE_NONE))


@lru_cache(maxsize=None)
def read_json(name: str):
    with data_path(name).open(encoding="utf-8") as fh:
        document = json.load(fh)
    for part in overlays(name):
        with data_path(part).open(encoding="utf-8") as fh:
            document = _extend(document, json.load(fh))
    return document


def _extend(base, extra):
    """base extended by extra: lists concatenated, dicts merged key by key, other values kept."""
    if isinstance(base, dict) and isinstance(extra, dict):
        merged = dict(base)
        for key, value in extra.items():
            merged[key] = _extend(base[key], value) if key in base else value
        return merged
    if isinstance(base, list) and isinstance(extra, list):
        return base + [v for v in extra if v not in base]
    return base


def shared_dir() -> Path:
    """Where shared evaluation data lives: $CLAIMLEDGER_SHARED, else ../shared beside the repository."""
    env = os.environ.get("CLAIMLEDGER_SHARED")
    if env:
        return Path(env)
    return REPO_ROOT.parent / "shared"


def shared_data(*parts: str) -> Path:
    return shared_dir().joinpath("data", *parts)
