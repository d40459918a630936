"""Time from an article appearing in a watched folder to its change being listed, at ledgers of 1,000 and
10,000 articles.

    python benchmarks/bench_follow.py [--sizes 1000 10000] [--source-db LEDGER] [--settle 0.2]
                                      [--story-everywhere] [--json]

The ledgers are built from the stored rows of the demo corpus (ingested once), copied as topic groups
the way benchmarks/bench_reconcile.py copies them, and reconciled as they grow (1,000 articles at a time).
The story the arrivals follow (the Kursk articles: those sharing a ledger claim with a stored copy of an
arrival, to closure) is in the first topic group only; the other groups copy every other article.  So
the ledger grows by other stories, which share countries and common words with it as a real ledger's
do, while the followed story stays the size it is.  Before, every group re-reported the Kursk story too;
the group tags cannot hide a story's countries, so the claims keyed by country pairs ("North Korea sent
troops to Russia") joined across groups into one ledger claim 13 times larger at 10,000 articles than at
1,000: that measured the story's size, not the ledger's (0.81 s -> 2.76 s for the seed article's
arrival).  ``--story-everywhere`` builds that ledger again, to measure how an arrival's cost follows the
size of the claim it joins.

Then ``follow`` watches a folder (a real watchdog observer; the model loaded and warmed once before the
clock starts) and each Kursk follow-up in examples/ is written into it in turn; the clock runs from the
file's close until ``change_rows`` (what ``claimledger changes`` reads: newest first, by index) lists a
change of that article.  The figure includes the settle time (a file is taken once it has not grown for
--settle seconds), the analysis, the store, the incremental reconcile and the change records; the time
of each stage (analysis, reconcile, change records) is reported beside it, so a growth can be put where
it is.  Target: the latency at the largest ledger is no more than 1.5 x that at the smallest.
"""
from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_reconcile import GROUP, _store, source_ledger  # noqa: E402  (the same big ledgers)
from sqlite_utils import Database  # noqa: E402

from claimledger.reconcile.changes import change_rows  # noqa: E402
from claimledger.reconcile.tables import SOURCE_TABLES  # noqa: E402
from claimledger.reconcile.update import rebuild  # noqa: E402

TARGET_GROWTH = 1.5
BUILD_CHUNK = 1000  # articles stored between two reconciles while a big ledger is built
ARRIVALS = sorted((REPO / "examples" / "kursk-followups").glob("*.txt"))


def load_source(src_path: Path, tmp: Path) -> dict:
    """The source ledger's rows of the articles with claims, and its schema in tmp/schema.db."""
    src = Database(src_path)
    articles = [r[0] for r in src.execute("SELECT id FROM articles WHERE id IN (SELECT article_id FROM claims)")]
    keep = set(articles)
    source = {"articles": [r for r in src["articles"].rows if r["id"] in keep]}
    for name in SOURCE_TABLES:
        source[name] = [r for r in src[name].rows if r["article_id"] in keep]
    schema = sqlite3.connect(tmp / "schema.db")
    for (sql,) in src.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'"):
        schema.execute(sql)
    rows = src.execute("SELECT * FROM migrations").fetchall()
    schema.executemany(f"INSERT INTO migrations VALUES ({','.join('?' * len(rows[0]))})", rows)
    schema.commit()
    schema.close()
    return source


def story_articles(src_path: Path) -> set[str]:
    """The source ledger's articles about the story the arrivals follow: those sharing a ledger claim with a
    stored article of the same text as an arrival (the demo corpus holds the follow-ups), and so on, to closure."""
    from claimledger.read import read_one

    src = Database(src_path)
    arrivals = {read_one(str(a)).id for a in ARRIVALS}
    story = {r[0] for r in src.execute("SELECT id FROM articles") if r[0] in arrivals}
    while True:
        marks = ",".join("?" * len(story))
        found = {r[0] for r in src.execute(
            f"SELECT article_id FROM ledger_claim_members WHERE claim_id IN "
            f"(SELECT claim_id FROM ledger_claim_members WHERE article_id IN ({marks}))", sorted(story))}
        if found <= story:
            return story
        story |= found


def split_source(source: dict, story: set[str]) -> tuple[dict, dict]:
    """(the story's rows, every other article's rows)."""
    def part(inside: bool) -> dict:
        return {name: [r for r in rows if ((r["id"] if name == "articles" else r["article_id"]) in story) == inside]
                for name, rows in source.items()}
    return part(True), part(False)


def build(size: int, source: dict, story: set[str], tmp: Path, story_everywhere: bool = False) -> tuple[Path, int]:
    """A ledger of about ``size`` articles: the first topic group (GROUP copies of the corpus) holds the
    followed story; the other groups copy every other article, so the ledger grows by other stories (sharing
    countries and common words with it, as a real ledger's do) while the story stays the size it is.
    ``story_everywhere``: every group holds the story too (the story grows with the ledger)."""
    path = tmp / f"ledger-{size}{'-story' if story_everywhere else ''}.db"
    schema = sqlite3.connect(tmp / "schema.db")
    schema.backup(sqlite3.connect(path))
    schema.close()
    db = Database(path)
    full, rest = (source, source) if story_everywhere else split_source(source, story)
    plan = []  # (copy number, rows copied)
    stored = 0
    while stored < size:
        rows = full if len(plan) < GROUP else rest
        plan.append((len(plan), rows))
        stored += len(rows["articles"])
    start, chunk, in_chunk = time.perf_counter(), [], 0
    for k, rows in plan:  # reconciled as it grows: a full rebuild of 10,000 needs >14 GB
        chunk.append((k, rows))
        in_chunk += len(rows["articles"])
        if in_chunk >= BUILD_CHUNK or k == plan[-1][0]:
            for kk, rr in chunk:
                _store(db, rr, range(kk, kk + 1))
            rebuild(db)
            chunk, in_chunk = [], 0
    print(f"ledger of {stored}: built and reconciled in {time.perf_counter() - start:.1f} s", file=sys.stderr,
          flush=True)
    db.close()
    return path, stored


class Stages:
    """Seconds spent in each stage of follow's round (wrapping the functions it calls), per arrival."""
    WRAPPED = (("claimledger.follow.poll", "analyse_batch", "analyse"),
               ("claimledger.reconcile.store", "rebuild", "reconcile"),
               ("claimledger.reconcile.changes", "compute_changes", "changes"))

    def __init__(self):
        import importlib

        self.spent: dict[str, float] = {}
        self._undo = []
        for module_name, attr, stage in self.WRAPPED:
            module = importlib.import_module(module_name)
            original = getattr(module, attr)
            setattr(module, attr, self._timed(original, stage))
            self._undo.append((module, attr, original))

    def _timed(self, fn, stage):
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.spent[stage] = self.spent.get(stage, 0.0) + time.perf_counter() - start
        return timed

    def take(self) -> dict[str, float]:
        out, self.spent = {k: round(v, 3) for k, v in self.spent.items()}, {}
        return out

    def close(self):
        for module, attr, original in self._undo:
            setattr(module, attr, original)


def measure(path: Path, nlp, settle: float, tmp: Path) -> tuple[list[float], list[dict]]:
    from claimledger.follow import Follower
    from claimledger.ledger import Ledger
    from claimledger.read import read_one

    folder = tmp / f"inbox-{path.stem}"
    folder.mkdir()
    stop, ready = threading.Event(), threading.Event()

    def follow():
        with Ledger(path) as ledger:
            follower = Follower(ledger, [str(folder)], nlp=nlp, settle=settle)
            ready.set()
            follower.run(stop=stop)

    list(nlp.pipe([ARRIVALS[0].read_text(encoding="utf-8")]))  # the pipeline's first-use costs, before the clock
    stages = Stages()
    runner = threading.Thread(target=follow, daemon=True)
    runner.start()
    ready.wait()
    time.sleep(0.5)  # the observer is up
    reader = Database(sqlite3.connect(path, check_same_thread=False))
    out, breakdown = [], []
    try:
        for arrival in ARRIVALS:
            target = folder / arrival.name
            article_id = read_one(str(arrival)).id  # the id is the text's: known before it is stored
            target.write_text(arrival.read_text(encoding="utf-8"), encoding="utf-8")
            start = time.perf_counter()
            deadline = start + 120
            while time.perf_counter() < deadline:  # what `claimledger changes` reads (newest first, by index)
                if any(r["article_id"] == article_id for r in change_rows(reader, limit=50)):
                    break
                time.sleep(0.01)
            else:
                raise RuntimeError(f"no change listed for {arrival.name} within 120 s")
            out.append(time.perf_counter() - start)
            time.sleep(0.2)  # the round's last bookkeeping
            breakdown.append(stages.take())
    finally:
        stop.set()
        runner.join(timeout=30)
        reader.close()
        stages.close()
    return out, breakdown


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--source-db", help="a ledger whose stored articles are copied (default: ingest examples/)")
    ap.add_argument("--settle", type=float, default=0.2, help="seconds a file must not grow before it is taken")
    ap.add_argument("--story-everywhere", action="store_true",
                    help="every topic group re-reports the followed story (its size grows with the ledger)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    from claimledger.pipeline.build import load_pipeline

    nlp = load_pipeline()
    with tempfile.TemporaryDirectory(prefix="bench-follow-") as tmp_name:
        tmp = Path(tmp_name)
        src_path = source_ledger(args.source_db, tmp)
        source = load_source(src_path, tmp)
        story = story_articles(src_path)
        runs = []
        for size in args.sizes:
            path, articles = build(size, source, story, tmp, args.story_everywhere)
            times, breakdown = measure(path, nlp, args.settle, tmp)
            runs.append({"ledger": articles, "latencies_s": [round(t, 3) for t in times],
                         "median_s": round(statistics.median(times), 3), "stages_s": breakdown,
                         "median_stage_s": {k: round(statistics.median(b.get(k, 0.0) for b in breakdown), 3)
                                            for k in ("analyse", "reconcile", "changes")}})
            print(f"ledger {articles}: {runs[-1]['latencies_s']} {breakdown}", file=sys.stderr, flush=True)
    growth = runs[-1]["median_s"] / runs[0]["median_s"]
    first, last = (max(r["median_stage_s"]["changes"], 0.001) for r in (runs[0], runs[-1]))  # ms resolution
    changes_growth = last / first
    summary = {"settle_s": args.settle, "runs": runs, "growth": round(growth, 2),
               "changes_growth": round(changes_growth, 2), "ok": growth <= TARGET_GROWTH}
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        for r in runs:
            print(f"ledger {r['ledger']:>6}: file written -> change listed, median {r['median_s']} s "
                  f"(each: {', '.join(str(t) for t in r['latencies_s'])}; settle {args.settle} s included); "
                  f"median stages: {r['median_stage_s']}")
        print(f"latency at the largest ledger / at the smallest: {summary['growth']} (target <= {TARGET_GROWTH}); "
              f"{'OK' if summary['ok'] else 'NOT MET'}; the change records alone: {summary['changes_growth']}")
    return 0 if summary["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
