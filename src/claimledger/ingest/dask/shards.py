"""Shards: one chunk's results as a gzipped JSON Lines file, named by the chunk's key.

A shard holds one record a line, in input order: ``{"label", "analysis"}``
(the full ``asdict`` of an Analysis, article text included, so the ledger can be
rebuilt from it) or ``{"label", "error"}``.  Shards are written to a temporary
name and renamed, so a shard on disk is always complete: a resumed run merges
it instead of computing the chunk again.
"""
from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

from claimledger.model import (
    Analysis,
    Article,
    Claim,
    DateValue,
    Entity,
    Mention,
    Place,
    Quantity,
    Span,
    Speaker,
    Statement,
)

SUFFIX = ".jsonl.gz"


def shard_dir(db_path: str | Path) -> Path:
    """Shards live next to the ledger: ``<db>.shards/``."""
    return Path(f"{db_path}.shards")


def shard_path(directory: Path, key: str) -> Path:
    return directory / f"{key}{SUFFIX}"


def encode_records(records: list[dict]) -> bytes:
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    return gzip.compress(lines.encode("utf-8"), compresslevel=3)


def write_shard(path: Path, payload: bytes) -> None:
    """Atomic: a crash leaves either no shard or the whole shard."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(payload)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def read_shard(path: Path) -> Iterator[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def analysis_record(label: str, analysis: Analysis) -> dict:
    return {"label": label, "analysis": asdict(analysis)}


def error_record(label: str, message: str) -> dict:
    return {"label": label, "error": message}


def analysis_from_dict(data: dict) -> Analysis:
    """The inverse of ``dataclasses.asdict`` for an Analysis."""
    art = dict(data["article"])
    art["captions"] = [Span(**c) for c in art.get("captions") or []]
    return Analysis(
        article=Article(**art),
        entities=[Entity(**{**e, "mentions": [Mention(**m) for m in e.get("mentions") or []]})
                  for e in data.get("entities") or []],
        statements=[Statement(**{**s, "speaker": Speaker(**s["speaker"]) if s.get("speaker") else None})
                    for s in data.get("statements") or []],
        claims=[Claim(**c) for c in data.get("claims") or []],
        places=[Place(**p) for p in data.get("places") or []],
        dates=[DateValue(**d) for d in data.get("dates") or []],
        quantities=[Quantity(**q) for q in data.get("quantities") or []],
        model=data.get("model", ""),
        pipeline_version=data.get("pipeline_version", ""),
    )
