"""Response times of the web explorer's claim board and claim page on a ledger of 10,000 articles.

    python benchmarks/bench_web.py [--articles 10000] [--requests 20] [--db PATH] [--json]

Build (a few minutes): the demo corpus (examples/) is analysed once with the full
pipeline; the ledger's articles are copies of those analyses with varied ids and
dates (a copy number appended to the text changes the content hash, which is the
article id; offsets stay valid), written through Ledger.store, not the pipeline.
Then web.server.prepare, the step ``claimledger serve`` runs first, builds the
cross-article claims and the pages' indexes.  With --db PATH an existing ledger
of the right size is reused.

Measured: the median (and p90) of --requests sequential GETs through Datasette's
in-process ASGI client (routing, queries, templates; no network), the server
opened read-only as ``serve`` opens it, after one warm-up request each:
the board as it opens (/-/ledger, disputed first), the board filtered by
status/actor/place/dates, and the claim page of the claim with the longest
history (the worst case) and of a typical one.  Target: board and claim page
< 200 ms median.
"""
from __future__ import annotations

import argparse
import asyncio
import dataclasses
import datetime as dt
import json
import re
import shutil
import sqlite3
import statistics
from contextlib import closing
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[1]
TARGET_MS = 200


def analyse_demo_corpus() -> list:
    from claimledger.pipeline.analysis import analyze_many
    from claimledger.read import iter_articles

    articles = [item for _label, item in iter_articles([str(REPO / "examples")]) if not isinstance(item, Exception)]
    return [analysis for _article, analysis in analyze_many(articles)]


def copy_of(analysis, n: int):
    """The n-th copy: a distinct article id, a publication date moved n weeks on."""
    art = analysis.article
    published = art.published
    if published and re.match(r"\d{4}-\d{2}-\d{2}", published):
        published = (dt.date.fromisoformat(published[:10]) + dt.timedelta(weeks=n)).isoformat()
    article = dataclasses.replace(art, text=f"{art.text}\n[copy {n}]", published=published)
    return dataclasses.replace(analysis, article=article)


def build_ledger(path: Path, n_articles: int) -> dict:
    from claimledger.ledger import Ledger

    t0 = time.perf_counter()
    base = analyse_demo_corpus()
    t1 = time.perf_counter()
    with Ledger(path) as ledger:
        for i in range(n_articles):
            ledger.store(copy_of(base[i % len(base)], i // len(base)))
    t2 = time.perf_counter()
    return {"analysed": len(base), "analyse_s": round(t1 - t0, 1), "store_s": round(t2 - t1, 1)}


def prepare_ledger(path: Path) -> dict:
    """What ``claimledger serve`` does first: the cross-article claims (reconcile) and the pages' indexes."""
    from claimledger.web.server import prepare

    t = time.perf_counter()
    note = prepare(path)
    if note:
        raise SystemExit(note)
    return {"prepare_s": round(time.perf_counter() - t, 1)}


def pick_filters(path: Path) -> dict[str, str]:
    """Filters that match something: the most named place and actor speaking, and the year with most articles."""
    with closing(sqlite3.connect(path)) as conn:
        place = conn.execute("SELECT name FROM places GROUP BY name ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
        actor = conn.execute("SELECT speaker_name FROM statements WHERE speaker_entity_id IS NOT NULL "
                             "GROUP BY speaker_name ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
        year = conn.execute("SELECT substr(published, 1, 4) AS y FROM articles WHERE published IS NOT NULL "
                            "GROUP BY y ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    return {"actor": actor, "place": place, "from": f"{year}-01-01", "to": f"{year}-12-31"}


def pick_claims(path: Path) -> dict[str, str]:
    """The claim with the most evidence (the worst case) and a typical one (the median)."""
    from claimledger.web.ledger_claims import available

    with closing(sqlite3.connect(path)) as conn:
        if available(conn):
            sizes = conn.execute("SELECT claim_id AS k, count(*) AS n FROM claim_history GROUP BY claim_id "
                                 "ORDER BY n, claim_id").fetchall()
        else:  # per-article claims, keyed article_id.claim_id
            sizes = conn.execute("SELECT article_id || '.' || claim_id AS k, count(*) AS n FROM claim_statements "
                                 "GROUP BY article_id, claim_id ORDER BY n, k").fetchall()
    busiest, typical = sizes[-1], sizes[len(sizes) // 2]
    return {f"claim page, most evidence ({busiest[1]} statements)": busiest[0],
            f"claim page, typical ({typical[1]} statements)": typical[0]}


async def measure(ds, paths: dict[str, str], repeat: int) -> dict[str, dict]:
    out = {}
    for label, path in paths.items():
        first = await ds.client.get(path)  # warm-up (and a check that the page answers)
        if first.status_code != 200:
            raise SystemExit(f"{path}: HTTP {first.status_code}")
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            response = await ds.client.get(path)
            times.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200
        times.sort()
        out[label] = {"path": path, "median_ms": round(statistics.median(times), 1),
                      "p90_ms": round(times[int(0.9 * (len(times) - 1))], 1), "bytes": len(first.content)}
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--db", type=Path, default=None, help="Ledger to build (or reuse when it has --articles).")
    parser.add_argument("--skip-prepare", action="store_true",
                        help="Serve the ledger as it is (no reconcile rebuild, no added indexes).")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    workdir = tempfile.TemporaryDirectory()
    db = args.db or Path(workdir.name) / "bench_web.db"
    build = {"reused": True}
    existing = 0
    if db.exists():
        with closing(sqlite3.connect(db)) as conn:
            existing = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    if existing != args.articles:
        db.unlink(missing_ok=True)
        build = build_ledger(db, args.articles)
    report = {"build": build, "requests_each": args.requests, "target_ms": TARGET_MS, "modes": {}}
    from claimledger.web.ledger_claims import available

    with closing(sqlite3.connect(db)) as conn:
        reconciled = available(conn)
    if not reconciled:  # first the ledger as ingest leaves it (per-article claims), on a copy of the file
        snapshot = Path(workdir.name) / "per_article.db"
        shutil.copyfile(db, snapshot)
        report["modes"]["per-article claims"] = run_mode(snapshot, args.requests)
        snapshot.unlink()
    if not args.skip_prepare:
        report["prepare"] = prepare_ledger(db)
    if reconciled or not args.skip_prepare:
        report["modes"]["reconciled claims"] = run_mode(db, args.requests)
    report["pass"] = bool(report["modes"]) and all(m["pass"] for m in report["modes"].values())
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"build: {build}  prepare: {report.get('prepare')}")
        for mode, m in report["modes"].items():
            print(f"-- {mode}: ledger {m['ledger']}")
            for label, r in m["results"].items():
                print(f"{label:50s} median {r['median_ms']:7.1f} ms   p90 {r['p90_ms']:7.1f} ms"
                      f"   {r['bytes']:>8} bytes")
        print(f"target: board and claim page < {TARGET_MS} ms median -> {'PASS' if report['pass'] else 'FAIL'}")
    return 0 if report["pass"] else 1


def run_mode(db: Path, repeat: int) -> dict:
    from claimledger.web.server import make_datasette

    with closing(sqlite3.connect(db)) as conn:
        sizes = {t: conn.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0]
                 for t in ("articles", "statements", "claims", "ledger_claims", "claim_history")
                 if conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [t]).fetchone()}
    claims = pick_claims(db)
    f = pick_filters(db)
    paths = {
        "board (disputed first)": "/-/ledger",
        "board, status=reported, page 3": "/-/ledger?status=reported&page=3",
        f"board, actor={f['actor']}": "/-/ledger?" + urlencode({"actor": f["actor"]}),
        f"board, place={f['place']}, {f['from'][:4]}": "/-/ledger?" + urlencode(
            {"place": f["place"], "from": f["from"], "to": f["to"]}),
        "timeline, one year": "/-/ledger/timeline?" + urlencode({"from": f["from"], "to": f["to"]}),
        **{label: f"/-/ledger/claim/{key}" for label, key in claims.items()},
    }
    results = asyncio.run(measure(make_datasette(db), paths, repeat))
    board_ok = results["board (disputed first)"]["median_ms"] < TARGET_MS
    claim_ok = all(r["median_ms"] < TARGET_MS for label, r in results.items() if label.startswith("claim page"))
    return {"ledger": sizes, "results": results, "pass": board_ok and claim_ok}

if __name__ == "__main__":
    sys.exit(main())
