"""What runs on a worker: analyse one chunk, return its shard.

The pipeline is loaded once per worker process (``load_pipeline`` is cached
per process) and reused by every chunk the worker runs.  An article that
makes the pipeline raise becomes an error record; the rest of the chunk goes
on.  Only a failure of the whole task (a worker killed, out of memory) makes
Dask retry the chunk.
"""
from __future__ import annotations

from claimledger.ingest.core import AnalysisFailed, analyse_batch
from claimledger.ingest.dask.shards import analysis_record, encode_records, error_record
from claimledger.model import Article

# Docs per nlp.pipe batch.  4, not the single-process 16: the same results (each doc is
# analysed on its own), ~190 MB less peak memory per worker on long articles.
BATCH_SIZE = 4


def analyze_chunk(items: list[tuple[str, Article]]) -> bytes:
    """``(label, article)`` pairs in, the gzipped JSONL shard out (records in input order)."""
    return encode_records([error_record(label, str(result)) if isinstance(result, AnalysisFailed)
                           else analysis_record(label, result)
                           for label, result in analyse_batch(items, batch_size=BATCH_SIZE)])


def worker_peak_rss_mb() -> float:
    """Peak resident memory of this process in MB (for the benchmark, via ``client.run``)."""
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker_cpu_seconds() -> float:
    """CPU time this process has used (for the benchmark: per-core throughput independent of machine load)."""
    import resource
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
