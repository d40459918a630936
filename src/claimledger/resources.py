"""Where files live: the package's data tables (data/, by stage) and the shared evaluation data.

Every file under data/ is read through these readers, once per process (they are cached), so that
all tables follow one format:

* ``.tsv``: UTF-8, tab-separated, no quoting (a ``"`` is an ordinary character); lines that are
  blank or start with ``#`` are comments.  ``read_tsv`` takes the first other line as the header
  and gives one dict a row; ``read_rows`` gives the fields of every line (tables without a header).
* ``.json``: one document; keys starting with ``_`` are comments by convention.

Names are paths below data/, e.g. ``read_tsv("attribution/stance.tsv")``.  What the readers return
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


def iter_tsv(name: str) -> Iterator[dict[str, str]]:
    """Rows of a headed table, streamed: for the big ones that are read once into an index."""
    yield from csv.DictReader(_content_lines(name), delimiter="\t", quoting=csv.QUOTE_NONE)


@lru_cache(maxsize=None)
def read_tsv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a headed table (header line -> keys)."""
    return tuple(iter_tsv(name))


@lru_cache(maxsize=None)
def read_rows(name: str) -> tuple[tuple[str, ...], ...]:
    """Fields of every line of a table without a header (kind<TAB>word<TAB>...)."""
    return tuple(tuple(row) for row in csv.reader(_content_lines(name), delimiter="\t", quoting=csv.QUOTE_NONE))


@lru_cache(maxsize=None)
def read_json(name: str):
    with data_path(name).open(encoding="utf-8") as fh:
        return json.load(fh)


def shared_dir() -> Path:
    """Where shared evaluation data lives: $CLAIMLEDGER_SHARED, else ../shared beside the repository."""
    env = os.environ.get("CLAIMLEDGER_SHARED")
    if env:
        return Path(env)
    return REPO_ROOT.parent / "shared"


def shared_data(*parts: str) -> Path:
    return shared_dir().joinpath("data", *parts)
