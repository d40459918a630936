"""Scale-out: ingest on a Dask cluster (the optional ``claimledger[dask]`` extra).

``claimledger ingest PATH... --workers N`` (a local cluster of N single-threaded
worker processes) or ``--scheduler ADDRESS`` (an existing cluster) end up in
``ingest_with_dask``.  This module imports Dask only when called, so the
default install never needs it.  See docs/scaling.md.
"""
from __future__ import annotations

import os
from dataclasses import fields

from claimledger.errors import ClaimledgerError
from claimledger.ingest.core import IngestReport, require_dask


def ingest_with_dask(paths, db_path, published=None, source=None, workers=None, scheduler=None,
                     progress=True, **options) -> IngestReport:
    """Same contract as ``claimledger.ingest.ingest_paths``; returns an IngestReport.

    ``options`` go to ``runner.run_ingest`` (chunk_size, retries, window, client, on_shard).
    """
    require_dask()
    if workers is not None and workers < 1 and not scheduler:
        raise ClaimledgerError(f"--workers must be at least 1, not {workers}")
    from claimledger.ingest.dask.runner import run_ingest

    options.setdefault("chunk_size", chunk_size_setting())

    stats = run_ingest(paths, str(db_path), published=published, source=source, workers=workers,
                       scheduler=scheduler, progress=progress, **options)
    return IngestReport(**{f.name: getattr(stats, f.name) for f in fields(IngestReport)})


def chunk_size_setting() -> int:
    """Articles per task: CLAIMLEDGER_CHUNK_SIZE, else the runner's default."""
    from claimledger.ingest.dask.runner import DEFAULT_CHUNK_SIZE

    raw = os.environ.get("CLAIMLEDGER_CHUNK_SIZE")
    if not raw:
        return DEFAULT_CHUNK_SIZE
    if not raw.isdigit() or int(raw) < 1:
        raise ClaimledgerError(f"CLAIMLEDGER_CHUNK_SIZE must be a whole number of articles (1 or more), not {raw!r}")
    return int(raw)
