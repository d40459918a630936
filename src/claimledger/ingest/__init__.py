"""Ingest: articles in, analyses stored in the ledger, cross-article claims reconciled.

``ingest_paths`` picks the runner: this process (``ingest.local``) or a Dask
cluster (``ingest.dask``, the optional ``claimledger[dask]`` extra) when
``workers`` or ``scheduler`` is given.  Both drive the same steps
(``ingest.core``) and write the same ledger.
"""
from __future__ import annotations

from claimledger.ingest.core import IngestReport
from claimledger.ingest.local import ingest_locally
from claimledger.read.published import parse_published

__all__ = ["ingest_paths", "IngestReport"]


def ingest_paths(paths, db_path, published=None, source=None, workers=None, scheduler=None,
                 progress=True, nlp=None, batch_size: int = 16) -> IngestReport:
    """Add the articles under ``paths`` (files, directories, globs, ``-``) to the ledger at ``db_path``.

    ``nlp`` and ``batch_size`` are for the single-process runner; a Dask worker loads its own pipeline.
    An unreadable ``published`` raises InputError before the ledger is opened.
    """
    parse_published(published)
    if workers or scheduler:
        from claimledger.ingest.dask import ingest_with_dask  # the optional runner, only when asked for
        return ingest_with_dask(paths, db_path, published=published, source=source, workers=workers,
                                scheduler=scheduler, progress=progress)
    return ingest_locally(paths, db_path, published=published, source=source, progress=progress, nlp=nlp,
                          batch_size=batch_size)
