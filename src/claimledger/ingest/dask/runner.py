"""The Dask runner: chunks out to the cluster, shards back, one writer into the ledger.

Flow: the client streams the input (readers), cuts it into chunks of
``chunk_size`` articles, keeps back the articles already in the ledger (or
earlier in this run), and submits each chunk's remaining articles as one task,
keeping at most ``window`` tasks in flight (bounded client and scheduler memory).  A finished task's shard is written to
``<db>.shards/`` at once; shards are merged into the ledger strictly in input
order by this process alone, so the ledger is the same as a single-process
ingest of the same input.  A known article is never sent: when its chunk is
merged, at its place among the chunk's results, its new carrier is recorded or
its corrected metadata applied (``core.record_known``); a second copy of a text
within the run is recorded after the last merge (``core.record_again``), as
the single-process runner does.  A chunk whose task still fails after its retries
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
from claimledger.ingest.core import (
    AnalysisFailed,
    IngestReport,
    progress_bar,
    reconcile,
    record_again,
    record_known,
    store_or_record,
)
from claimledger.ingest.dask.chunks import AGAIN, KNOWN, Chunk, iter_chunks
from claimledger.ingest.dask.shards import analysis_from_dict, read_shard, shard_dir, shard_path, write_shard
from claimledger.ingest.dask.tasks import analyze_chunk
from claimledger.ledger import CARRIER_FIELDS, Ledger

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
class Carried:
    """A known article as recording its carrier needs it (``Ledger.record_carrier``): its id and metadata, no text."""
    id: str
    source: str | None = None
    url: str | None = None
    path: str | None = None
    title: str | None = None
    published: str | None = None
    published_original: str | None = None

    @classmethod
    def of(cls, article) -> Carried:
        return cls(article.id, **{name: getattr(article, name) for name in CARRIER_FIELDS})


@dataclass
class Pending:
    """What the client keeps of a chunk until it is merged (no article text)."""
    index: int
    shard: Path | None = None
    # KNOWN articles as (results before it, label, carrier), in input order: recorded at that place in the merge
    known: list[tuple[int, str, Carried]] = field(default_factory=list)
    again: list[Carried] = field(default_factory=list)  # AGAIN articles: recorded after the run's last merge
    labels: list[str] = field(default_factory=list)  # of the articles to compute, for error reports
    failures: list[tuple[str, str]] = field(default_factory=list)


class OrderedMerger:
    """Merges finished chunks into the ledger in chunk order, whatever order they finish in."""

    def __init__(self, ledger: Ledger, stats: RunStats):
        self.ledger, self.stats = ledger, stats
        self.ready: dict[int, Pending] = {}
        self.next_index = 0
        self.again: list[Carried] = []  # in input order, for ``finish``

    def add(self, pending: Pending) -> None:
        self.ready[pending.index] = pending
        while self.next_index in self.ready:
            self.merge(self.ready.pop(self.next_index))
            self.next_index += 1

    def merge(self, pending: Pending) -> None:
        self.stats.errors.extend(pending.failures)
        self.again.extend(pending.again)
        if pending.shard is None and not pending.known:
            return
        start = time.perf_counter()
        tally = IngestReport()
        try:
            # one transaction for the whole shard (each article in its own savepoint): a run
            # killed mid-merge leaves none of the chunk stored, so the rerun finds the same
            # chunk and merges this same shard instead of computing a new one
            with self.ledger.db.atomic():
                self.merge_records(pending, read_shard(pending.shard) if pending.shard else (), tally)
        except (OSError, EOFError, ValueError, TypeError, KeyError) as err:  # unreadable shard: rolled back
            reason = f"shard {pending.shard.name} unreadable ({type(err).__name__}: {err}); computed again next run"
            tally = IngestReport(errors=[(label, reason) for label in pending.labels])
            with self.ledger.db.atomic():  # the known articles need no shard
                self.merge_records(pending, (), tally)
        if pending.shard is not None:
            pending.shard.unlink(missing_ok=True)  # merged (or useless): the ledger holds it now
        self.count(tally)
        self.stats.merge_seconds += time.perf_counter() - start

    def merge_records(self, pending: Pending, records, tally: IngestReport) -> None:
        """The shard's records and the chunk's known articles, in input order."""
        known = iter(pending.known)
        waiting = next(known, None)
        for done, record in enumerate(records):
            while waiting is not None and waiting[0] <= done:
                record_known(self.ledger, waiting[1], waiting[2], tally)
                waiting = next(known, None)
            self.merge_record(record, tally)
        while waiting is not None:
            record_known(self.ledger, waiting[1], waiting[2], tally)
            waiting = next(known, None)

    def merge_record(self, record: dict, tally: IngestReport) -> None:
        if "error" in record:
            result = AnalysisFailed(record["error"])
        else:
            result = analysis_from_dict(record["analysis"])
        store_or_record(self.ledger, record["label"], result, tally)

    def finish(self) -> None:
        """After the last merge: each second copy of a text within the run, a carrier of its first copy."""
        if not self.again:
            return
        start = time.perf_counter()
        tally = IngestReport()
        with self.ledger.db.atomic():
            for carried in self.again:
                record_again(self.ledger, carried, tally)
        self.again = []
        self.count(tally)
        self.stats.merge_seconds += time.perf_counter() - start

    def count(self, tally: IngestReport) -> None:
        for name in ("added", "skipped", "words", "carriers", "updated"):
            setattr(self.stats, name, getattr(self.stats, name) + getattr(tally, name))
        self.stats.errors.extend(tally.errors)
        self.stats.unanalysed.extend(tally.unanalysed)


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
        chunks = iter_chunks(paths, chunk_size, ledger.has_article, published, source, stats.errors,
                             stats.not_articles)
        for chunk in _timed(chunks, stats):
            runner.take(chunk, shard_path(shards, chunk.key))
        runner.drain()
        merger.finish()
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
        pending = Pending(chunk.index, labels=[label for label, _ in todo])
        computed_before = 0  # of the chunk's articles to compute, those before this one: its place in the shard
        for label, article, arrival in zip(chunk.labels, chunk.articles, chunk.arrivals):
            if arrival == KNOWN:
                pending.known.append((computed_before, label, Carried.of(article)))
            elif arrival == AGAIN:
                pending.again.append(Carried.of(article))
            else:
                computed_before += 1
        self.tick(len(chunk.articles) - len(todo))
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

