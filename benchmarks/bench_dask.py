"""Scale-out on Dask: throughput with 1 and 2 workers on the same input, in one run.

    python benchmarks/bench_dask.py [--n 200] [--workers 1 2] [--chunk-size 5] [--repeat 1] [--json]

Texts: the Wikinews demo corpus in examples/ extended to --n distinct articles
(as benchmarks/bench_ingest.py does).  For each worker count: a fresh
LocalCluster of single-threaded worker processes, the pipeline loaded on every
worker first (load time reported apart), then claimledger.scale's run_ingest
into a new ledger, timed from the first read to the end of the final reconcile.
Measured: articles/s and words/s, the speed-up of each run over the 1-worker
run, each worker's peak memory (ru_maxrss, reported by the worker itself), and
the client's CPU seconds per article (reading + merging: the single writer's
share, which bounds how many workers one client can feed), and the workers'
CPU seconds, whose words per CPU-second is the per-core throughput on an idle
core even when the machine is shared (the wall-clock speed-up is not).
Targets: 2 workers >= 1.6 x 1 worker on a 2-core machine, end to end (the
speed-up without the final single-threaded reconcile step is shown beside it);
peak memory per worker < 1 GB.  Wall-clock figures need an otherwise idle
machine: printed with them are the load average and, before and after, how
much more work N spinning processes do than one (the machine's own ceiling
for any speed-up at that moment; ~2.0 on an idle 2-core machine).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_ingest import corpus_records, words

TARGET_SPEEDUP = 1.6
TARGET_PEAK_MB = 1024


def client_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _spin(seconds: float, out) -> None:
    end, n = time.perf_counter() + seconds, 0
    while time.perf_counter() < end:
        n += 1
    out.put(n)


def machine_speedup(processes: int, seconds: float = 3.0) -> float:
    """How much more pure-Python work ``processes`` spinning processes do than one, right now.

    The ceiling for any speed-up on this machine at this moment: on an idle 2-core
    machine it is ~2.0; when other jobs hold the cores it drops towards 1.0, and the
    Dask speed-up with it.
    """
    import multiprocessing as mp

    def work(n: int) -> int:
        out = mp.Queue()
        procs = [mp.Process(target=_spin, args=(seconds, out)) for _ in range(n)]
        for p in procs:
            p.start()
        total = sum(out.get() for _ in procs)
        for p in procs:
            p.join()
        return total

    return round(work(processes) / work(1), 2)


def idle_wall(run: dict, cores: int | None = None) -> float:
    """Wall-clock seconds the run would take on an idle machine, from the CPU seconds it used.

    The workers' CPU spread over the workers, or all CPU (workers and client, the final
    reconcile excepted) spread over the cores, whichever is longer, then the reconcile,
    which runs alone.  No tail effects: an upper bound on the speed-up, not a measurement.
    """
    cores = cores or os.cpu_count() or 1
    reconcile = run["client_reconcile_seconds"]
    shared = run["worker_cpu_seconds"] + run["client_cpu_seconds"] - reconcile
    return max(run["worker_cpu_seconds"] / run["workers"], shared / cores) + reconcile


def best_of(trials: list[dict]) -> dict:
    best = dict(max(trials, key=lambda t: t["words_per_s"]))
    best["worker_peak_mb"] = max((t["worker_peak_mb"] for t in trials), key=max)
    best["trials_words_per_s"] = [t["words_per_s"] for t in trials]
    return best


def ledger_bytes(db: Path) -> int:
    return sum(p.stat().st_size for p in (db, Path(f"{db}-wal")) if p.exists())


def _warm_up() -> bool:
    from claimledger.pipeline.build import load_pipeline
    return bool(load_pipeline()("Warm-up: the minister said on Monday that talks in Geneva had ended."))


def run_with_workers(n_workers: int, feed: Path, chunk_size: int, tmp: Path) -> dict:
    from claimledger.ingest.dask.runner import cluster_client, run_ingest
    from claimledger.ingest.dask.tasks import worker_cpu_seconds, worker_peak_rss_mb

    with cluster_client(n_workers, None) as client:  # the cluster `claimledger ingest --workers N` makes
        start = time.perf_counter()
        client.run(_warm_up)  # one model load (and its lazy data) per worker, before the clock starts
        load_s = time.perf_counter() - start
        workers_cpu0 = client.run(worker_cpu_seconds)
        cpu0, start = client_cpu_seconds(), time.perf_counter()
        db = tmp / f"ledger-{n_workers}-{time.time_ns()}.db"  # a new ledger for every trial
        stats = run_ingest([str(feed)], str(db), client=client, progress=False,
                           chunk_size=chunk_size)
        seconds = time.perf_counter() - start
        client_cpu = client_cpu_seconds() - cpu0
        workers_cpu = sum(client.run(worker_cpu_seconds).values()) - sum(workers_cpu0.values())
        peaks = client.run(worker_peak_rss_mb)
    return {
        "workers": n_workers, "seconds": round(seconds, 2), "load_seconds": round(load_s, 2),
        "added": stats.added, "errors": len(stats.errors), "chunks": stats.chunks,
        "articles_per_s": round(stats.added / seconds, 2), "words_per_s": round(stats.words / seconds),
        # without the final single-threaded reconcile step, which is the same whatever the worker count
        "words_per_s_before_reconcile": round(stats.words / (seconds - stats.reconcile_seconds)),
        "worker_cpu_seconds": round(workers_cpu, 1),
        "words_per_worker_cpu_s": round(stats.words / max(workers_cpu, 1e-9)),
        "worker_peak_mb": [round(v) for v in peaks.values()],
        "client_cpu_seconds": round(client_cpu, 2),
        "client_cpu_ms_per_article": round(1000 * client_cpu / max(stats.added, 1), 1),
        "client_read_ms_per_article": round(1000 * stats.read_seconds / max(stats.added, 1), 1),
        "client_merge_ms_per_article": round(1000 * stats.merge_seconds / max(stats.added, 1), 1),
        "client_reconcile_seconds": round(stats.reconcile_seconds, 2),
        "ledger_kb_per_article": round(ledger_bytes(db) / 1024 / max(stats.added, 1), 1),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200, help="distinct articles (default 200)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to run (default 1 2)")
    parser.add_argument("--chunk-size", type=int, default=5,
                        help="articles per task (default 5: a 200-article input needs ~40 chunks so the last, "
                             "longest ones do not leave a worker idle; real runs use 100)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs of each worker count, interleaved; the fastest counts (default 1)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    records = corpus_records(args.n)
    n_words = words(r["text"] for r in records)
    load_before = os.getloadavg()[0]
    spin_before = machine_speedup(max(args.workers))
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "bench.jsonl"
        feed.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
        trials = {n: [] for n in args.workers}
        for _ in range(args.repeat):  # interleaved, so every worker count sees the same spells of load
            for n in args.workers:
                trials[n].append(run_with_workers(n, feed, args.chunk_size, Path(tmp)))
    # the fastest of each (the least disturbed by other jobs); memory is the worst seen
    runs = [best_of(trials[n]) for n in args.workers]
    base = runs[0]["words_per_s"]
    base_before = runs[0]["words_per_s_before_reconcile"]
    for run in runs:
        run["speedup"] = round(run["words_per_s"] / base, 2)
        run["speedup_before_reconcile"] = round(run["words_per_s_before_reconcile"] / base_before, 2)
    for run in runs:
        run["idle_projection_speedup"] = round(idle_wall(runs[0]) / idle_wall(run), 2)
    figures = {
        "articles": len(records), "words": n_words, "cores": os.cpu_count(), "chunk_size": args.chunk_size,
        "load_average_before": round(load_before, 2),
        # the same measure before and after: what a perfectly parallel loop gained from more processes
        "machine_speedup_before": spin_before, "machine_speedup_after": machine_speedup(max(args.workers)),
        "runs": runs,
        "client_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "target_speedup": TARGET_SPEEDUP, "target_peak_mb": TARGET_PEAK_MB,
    }
    two = next((r for r in runs if r["workers"] == 2), None)
    peak = max(mb for r in runs for mb in r["worker_peak_mb"])
    figures["ok"] = all(r["errors"] == 0 and r["added"] == len(records) for r in runs) and peak < TARGET_PEAK_MB \
        and (two is None or two["speedup"] >= TARGET_SPEEDUP)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"{len(records)} articles, {n_words} words, {os.cpu_count()} cores, "
              f"load average {figures['load_average_before']} before the run, chunks of {args.chunk_size}")
        print(f"machine: {max(args.workers)} spinning processes do x{figures['machine_speedup_before']} the work of one "
              f"before, x{figures['machine_speedup_after']} after (the ceiling for any speed-up here; ~2 when idle)")
        for r in runs:
            print(f"{r['workers']} worker(s): {r['articles_per_s']:6.2f} articles/s {r['words_per_s']:7d} words/s "
                  f"({r['seconds']} s; model load {r['load_seconds']} s; trials {r['trials_words_per_s']})  speed-up x{r['speedup']:.2f} "
                  f"(x{r['speedup_before_reconcile']:.2f} without the final reconcile)  "
                  f"worker peak {r['worker_peak_mb']} MB")
            print(f"    idle-machine projection from CPU seconds (no tail effects): x{r['idle_projection_speedup']:.2f}")
            print(f"    worker CPU {r['worker_cpu_seconds']} s in all: {r['words_per_worker_cpu_s']} words per CPU-second "
                  f"(per-core throughput, whatever the machine's load)")
            print(f"    client per article: {r['client_cpu_ms_per_article']} ms CPU, read {r['client_read_ms_per_article']} ms, "
                  f"merge {r['client_merge_ms_per_article']} ms, reconcile {r['client_reconcile_seconds']} s at the end; ledger {r['ledger_kb_per_article']} kB/article")
        print(f"target: 2 workers >= x{TARGET_SPEEDUP}, worker peak < {TARGET_PEAK_MB} MB   "
              f"{'OK' if figures['ok'] else 'BELOW TARGET'}")
    return 0 if figures["ok"] else 2


if __name__ == "__main__":
    sys.exit(main())
