"""The Dask runner: chunks out to the cluster, shards back, one writer into the ledger.

Flow: the client streams the input (readers), cuts it into chunks of
``chunk_size`` articles, skips articles already in the ledger, and submits
each remaining chunk as one task, keeping at most ``window`` tasks in flight
(bounded client and scheduler memory).  A finished task's shard is written to
``<db>.shards/`` at once; shards are merged into the ledger strictly in input
order by this process alone, so the ledger is the same as a single-process
ingest of the same input.  A chunk whose task still fails after its retries
is reported article by article.  Shards on disk from an interrupted run are
merged instead of computed again.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from claimledger.errors import ClaimledgerError
from claimledger.ingest.core import AnalysisFailed, IngestReport, progress_bar, reconcile, store_or_record
from claimledger.ingest.dask.chunks import Chunk, iter_chunks
from claimledger.ingest.dask.shards import analysis_from_dict, read_shard, shard_dir, shard_path, write_shard
from claimledger.ingest.dask.tasks import analyze_chunk
from claimledger.ledger import Ledger

DEFAULT_CHUNK_SIZE = 100  # articles per task: ~10-60 s of work, so scheduling overhead is negligible
DEFAULT_RETRIES = 2

# Dask's defaults suit many short tasks; ours are few and long and CPU-bound, often on a
# machine with few cores.  By default every worker's statistical profiler samples the
# pipeline every 10 ms, every process ticks its event loop every 20 ms, the scheduler tries
# work stealing every 100 ms (not needed: tasks are queued on the scheduler and handed to
# free workers), and monitors run several times a second.  Measured on an idle 2-worker
# local cluster: 10.3% of a core with the defaults, 2.0% with these.  Same settings for a
# remote cluster: docs/scaling.md.
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "200ms",
    "distributed.scheduler.work-stealing": False,
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
}


@dataclass
class RunStats(IngestReport):
    """The single-process report's counts, plus what the cluster run did."""
    chunks: int = 0
    computed: int = 0      # chunks sent to the cluster
    from_shards: int = 0   # chunks merged from shards an earlier run left
    failed: int = 0        # chunks given up after their retries
    articles_computed: int = 0
    read_seconds: float = 0.0   # client time reading and cutting the input
    merge_seconds: float = 0.0  # client time merging shards into the ledger (the single writer)
    reconcile_seconds: float = 0.0  # client time rebuilding the cross-article claims at the end


@dataclass
class Pending:
    """What the client keeps of a chunk until it is merged (no article text)."""
    index: int
    shard: Path | None = None
    known: set[str] = field(default_factory=set)
    labels: list[str] = field(default_factory=list)  # of the articles to compute, for error reports
    failures: list[tuple[str, str]] = field(default_factory=list)


class OrderedMerger:
    """Merges finished chunks into the ledger in chunk order, whatever order they finish in."""

    def __init__(self, ledger: Ledger, stats: RunStats):
        self.ledger, self.stats = ledger, stats
        self.ready: dict[int, Pending] = {}
        self.next_index = 0

    def add(self, pending: Pending) -> None:
        self.ready[pending.index] = pending
        while self.next_index in self.ready:
            self.merge(self.ready.pop(self.next_index))
            self.next_index += 1

    def merge(self, pending: Pending) -> None:
        self.stats.errors.extend(pending.failures)
        if pending.shard is None:
            return
        start = time.perf_counter()
        tally = IngestReport()
        try:
            # one transaction for the whole shard (each article in its own savepoint): a run
            # killed mid-merge leaves none of the chunk stored, so the rerun finds the same
            # chunk and merges this same shard instead of computing a new one
            with self.ledger.db.atomic():
                for record in read_shard(pending.shard):
                    self.merge_record(record, pending.known, tally)
        except (OSError, EOFError, ValueError, TypeError, KeyError) as err:  # unreadable shard: rolled back
            reason = f"shard {pending.shard.name} unreadable ({type(err).__name__}: {err}); computed again next run"
            tally = IngestReport(errors=[(label, reason) for label in pending.labels])
        pending.shard.unlink(missing_ok=True)  # merged (or useless): the ledger holds it now
        self.stats.added += tally.added
        self.stats.skipped += tally.skipped
        self.stats.words += tally.words
        self.stats.errors.extend(tally.errors)
        self.stats.unanalysed.extend(tally.unanalysed)
        self.stats.merge_seconds += time.perf_counter() - start

    def merge_record(self, record: dict, known: set[str], tally: IngestReport) -> None:
        if "error" in record:
            result = AnalysisFailed(record["error"])
        else:
            result = analysis_from_dict(record["analysis"])
        store_or_record(self.ledger, record["label"], result, tally, known)


@contextmanager
def cluster_client(workers: int | None, scheduler: str | None):
    """A Client on an existing scheduler, or on a LocalCluster of ``workers`` single-threaded processes."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as err:
            raise ClaimledgerError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from None
        with client:
            yield client
        return
    import dask

    with dask.config.set(LOCAL_CLUSTER_CONFIG), \
            LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True, dashboard_address=":0",
                         silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def cluster_threads(client) -> int:
    return sum(client.nthreads().values())


def run_ingest(paths: Iterable[str], db_path: str, published: str | None = None, source: str | None = None,
               workers: int | None = None, scheduler: str | None = None, progress: bool = True,
               chunk_size: int = DEFAULT_CHUNK_SIZE, retries: int = DEFAULT_RETRIES, window: int | None = None,
               client=None, on_shard: Callable[[Path], None] | None = None, task=analyze_chunk) -> RunStats:
    """Ingest ``paths`` into the ledger at ``db_path`` on a Dask cluster; see the module docstring.

    ``client``: an existing ``distributed.Client`` (else one is made from workers/scheduler);
    ``on_shard(path)`` is called as each computed shard lands; ``task`` is what a worker runs
    on a chunk (tests replace it).
    """
    stats = RunStats()
    shards = shard_dir(db_path)
    with (nullcontext(client) if client else cluster_client(workers, scheduler)) as dask_client, \
            Ledger(db_path) as ledger, progress_bar(progress, "ingest (dask)") as tick:
        merger = OrderedMerger(ledger, stats)
        runner = _Submitter(dask_client, merger, stats, retries, window, on_shard, tick, task)
        chunks = iter_chunks(paths, chunk_size, ledger.has_article, published, source, stats.errors)
        for chunk in _timed(chunks, stats):
            runner.take(chunk, shard_path(shards, chunk.key))
        runner.drain()
        start = time.perf_counter()
        reconcile(ledger, stats)  # cross-article claims, once for the run, as a single-process ingest does
        stats.reconcile_seconds = time.perf_counter() - start
    if shards.is_dir() and not any(shards.iterdir()):
        shards.rmdir()
    return stats


def _timed(chunks, stats: RunStats):
    """The chunks, adding the time spent producing each to stats.read_seconds."""
    while True:
        start = time.perf_counter()
        chunk = next(chunks, None)
        stats.read_seconds += time.perf_counter() - start
        if chunk is None:
            return
        yield chunk


class _Submitter:
    """Keeps the cluster busy with at most ``window`` chunks in flight."""

    def __init__(self, client, merger: OrderedMerger, stats: RunStats, retries: int, window: int | None,
                 on_shard, tick, task):
        from distributed import as_completed
        self.client, self.merger, self.stats, self.task = client, merger, stats, task
        self.retries, self.fixed_window, self.on_shard, self.tick = retries, window, on_shard, tick
        self.running = as_completed()
        self.in_flight: dict[str, Pending] = {}

    def window(self) -> int:
        # recomputed each time: workers may join or leave an adaptive cluster during the run
        return self.fixed_window or max(2, 2 * cluster_threads(self.client))

    def take(self, chunk: Chunk, shard: Path) -> None:
        self.stats.chunks += 1
        todo = chunk.todo()
        known = {a.id for a, k in zip(chunk.articles, chunk.known) if k}
        self.stats.skipped += len(chunk.articles) - len(todo)
        self.tick(len(chunk.articles) - len(todo))
        pending = Pending(chunk.index, known=known, labels=[label for label, _ in todo])
        if not todo:
            self.merger.add(pending)
        elif shard.exists():
            self.stats.from_shards += 1
            pending.shard = shard
            self.tick(len(todo))
            self.merger.add(pending)
        else:
            self.submit(pending, shard, todo)
        while self.running.count() >= self.window():
            self.finish(next(self.running))

    def submit(self, pending: Pending, shard: Path, todo) -> None:
        key = f"claimledger-chunk-{pending.index}-{shard.name.split('.')[0]}"
        future = self.client.submit(self.task, todo, key=key, retries=self.retries, pure=False)
        pending.shard = shard
        self.in_flight[future.key] = pending
        self.running.add(future)
        self.stats.computed += 1
        self.stats.articles_computed += len(todo)

    def finish(self, future) -> None:
        pending = self.in_flight.pop(future.key)
        labels = pending.labels
        try:
            write_shard(pending.shard, future.result())
        except Exception as err:  # noqa: BLE001 - retries spent (or worker lost too often): report, never drop
            self.stats.failed += 1
            reason = f"chunk {pending.index} failed after {self.retries} retries: {type(err).__name__}: {err}"
            pending.shard, pending.failures = None, [(label, reason) for label in labels]
        finally:
            future.release()
        self.tick(len(labels))
        if pending.shard is not None and self.on_shard:
            self.on_shard(pending.shard)
        self.merger.add(pending)

    def drain(self) -> None:
        for future in self.running:
            self.finish(future)

