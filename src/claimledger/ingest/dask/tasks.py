"""What runs on a worker: analyse one chunk, return its shard.

The pipeline is loaded once per worker process (``load_pipeline`` is cached
per process) and reused by every chunk the worker runs.  An article that
makes the pipeline raise becomes an error record; the rest of the chunk goes
on.  Only a failure of the whole task (a worker killed, out of memory) makes
Dask retry the chunk.
"""
from __future__ import annotations

from claimledger.model import Article
from claimledger.ingest.dask.shards import analysis_record, encode_records, error_record

# Docs per nlp.pipe batch.  4, not the single-process 16: the same results (each doc is
# analysed on its own), ~190 MB less peak memory per worker on long articles.
BATCH_SIZE = 4


def analyze_chunk(items: list[tuple[str, Article]]) -> bytes:
    """``(label, article)`` pairs in, the gzipped JSONL shard out (records in input order)."""
    return encode_records(chunk_records(items))


def chunk_records(items: list[tuple[str, Article]]) -> list[dict]:
    # imported here, not at the top: the client imports this module to name the task,
    # and has no use for spaCy
    from claimledger.pipeline.analysis import analyze_many
    from claimledger.pipeline.build import load_pipeline

    nlp = load_pipeline()
    labels = {id(article): label for label, article in items}
    try:
        return [analysis_record(labels[id(article)], analysis)
                for article, analysis in analyze_many([a for _, a in items], nlp=nlp, batch_size=BATCH_SIZE)]
    except Exception:  # noqa: BLE001 - one bad article broke the batch: redo the chunk one by one
        return [one_record(nlp, label, article) for label, article in items]


def one_record(nlp, label: str, article: Article) -> dict:
    from claimledger.pipeline.analysis import analyze

    try:
        return analysis_record(label, analyze(article, nlp=nlp))
    except Exception as err:  # noqa: BLE001 - reported with the article's label, never dropped
        return error_record(label, f"analysis failed: {type(err).__name__}: {err}")


def worker_peak_rss_mb() -> float:
    """Peak resident memory of this process in MB (for the benchmark, via ``client.run``)."""
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker_cpu_seconds() -> float:
    """CPU time this process has used (for the benchmark: per-core throughput independent of machine load)."""
    import resource
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
