"""Reconcile time for adding 1,000 articles to a ledger of 1,000 and of 10,000, against a full rebuild.

    python benchmarks/bench_reconcile.py [--sizes 1000 10000] [--add 1000] [--source-db LEDGER] [--json]

Articles: the stored rows of a real ledger (by default the demo corpus in examples/, ingested once
into a temporary ledger: 167 articles), copied into as many articles as needed.  Copy k belongs to
topic group k // GROUP: the words of its contents rarer than once in 100,000 (weight >= 2,
index.py), of its claims' frames (not the frame's labels: polarity, modality, unit) and of its title
and text (the lead: the text keeps its length, 'Kursk' -> 'Kurqa', so offsets hold), its actors' ids
and its places' ids and regions carry the group's tag, so each group re-reports the same stories (its
copies match one another, as re-reports of a story do) while groups do not match each other on the
words only they share; countries and commoner words ('market', 'government', 'company') stay as they
are, so the candidates that come from them grow with the ledger as they would in a real one.  The
ledger is rounded to hold LAST_GROUP_STORED copies of its last group, so at every size the added
articles' first copies re-report stories the ledger holds (GROUP - LAST_GROUP_STORED copies join them)
and the rest start new ones: without it the number of stored copies the added ones re-report depends
on where N falls in a group (2 at 1,155 articles, 4 at 3,135), and so does the cost.
Measured, for each size N:
- full: rebuild(db, full=True) over N articles (this layer's cost when everything is recomputed);
- add: store --add more articles' rows, then rebuild(db) (incremental), seconds and per article;
- identity: the tables after adding equal those of a full rebuild over the N + add articles.
Target: the per-article cost of adding does not grow with N (at 10,000 no more than 1.5 x at 1,000).

Measured (2-core shared machine, shared with other jobs, --sizes 1000 10000 --add 1000): adding 1,155
to 1,155: 14.8 ms/article (1,552 stored candidate claims, 598 ledger claims regrouped); to 10,230:
18.2 ms/article (1.23 x; 1,662 candidates, 598 regrouped); identical to a full rebuild both times; full
rebuild of 1,155: 14.1 s, of 10,230: 96 s.  --sizes 1000 3000: 1,552 and 1,582 candidates.  The reconcile
code before (frame labels as words, no rare-word floor) on this benchmark, --sizes 1000 3000: 19.6 and
34.7 ms/article (1.77 x), 3,074 and 7,664 candidates.
"""
from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from sqlite_utils import Database  # noqa: E402

from claimledger.reconcile.index import term_weight  # noqa: E402
from claimledger.reconcile.records import _stem  # noqa: E402
from claimledger.reconcile.tables import DERIVED_TABLES, INDEX_TABLES, SOURCE_TABLES  # noqa: E402
from claimledger.reconcile.update import rebuild  # noqa: E402

GROUP = 5  # copies of one article that share their rare words, actors and places (one story re-reported)
LAST_GROUP_STORED = 2  # copies of the ledger's last group stored before adding, at every size (see run)
RARE = 2.0
TARGET_GROWTH = 1.5
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")


def source_ledger(path: str | None, tmp: Path) -> Path:
    if path:
        return Path(path)
    from claimledger.ingest import ingest_paths

    db_path = tmp / "source.db"
    ingest_paths([str(REPO / "examples")], str(db_path), progress=False)
    return db_path


def _tag(g: int) -> str:
    letters = ""
    while True:
        letters += "abcdefghijklmnopqrstuvwxyz"[g % 26]
        g //= 26
        if not g:
            return letters


def _retag_text(text, tag: str):
    if not text:
        return text
    return _WORD.sub(lambda m: m.group() + "q" + tag if term_weight(_stem(m.group().lower())) >= RARE else m.group(),
                     text)


def _retag_same_length(text, tag: str):
    """The text with the group's tag over the end of each rare word long enough to hold it ('Kursk' -> 'Kurqa'):
    the same length, so the character offsets of the article's rows still hold."""
    if not text:
        return text

    def sub(m):
        word = m.group()
        if len(word) < len(tag) + 2 or term_weight(_stem(word.lower())) < RARE:
            return word
        return word[:len(word) - len(tag) - 1] + "q" + tag
    return _WORD.sub(sub, text)


FRAME_LABELS = ("polarity", "modality", "unit")  # a frame's labels, not words of the story: never tagged


def _retag_frame(value, tag: str, key: str = ""):
    """A claim's frame with the group's tag on the rare words of its phrases (agent, patient, place, ...)."""
    if isinstance(value, dict):
        return {k: _retag_frame(v, tag, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_retag_frame(v, tag, key) for v in value]
    if isinstance(value, str) and key not in FRAME_LABELS:
        return _retag_text(value, tag)
    return value


def _copy_rows(source: dict, k: int) -> dict:
    """The rows of copy k (article ids suffixed, the group's tag on rare words, actors and places)."""
    tag = _tag(k // GROUP)
    out = {}
    for name, rows in source.items():
        new = []
        for r in rows:
            r = dict(r)
            if name == "articles":
                r["id"] = f"{r['id']}-{k}"
                r["url"] = f"{r.get('url') or ''}#{k}"
                # the lead (title and first sentences) must not match other groups' either; offsets must hold
                r["title"] = _retag_text(r.get("title"), tag)
                r["text"] = _retag_same_length(r.get("text"), tag)
            else:
                r["article_id"] = f"{r['article_id']}-{k}"
            for col in {"statements": ("content_text",), "claims": ("text",)}.get(name, ()):
                r[col] = _retag_text(r.get(col), tag)
            if name == "claims" and r.get("frame"):
                r["frame"] = json.dumps(_retag_frame(json.loads(r["frame"]), tag))
            for col in ("entity_id", "speaker_entity_id") + (("id",) if name == "entities" else ()):
                if r.get(col):
                    r[col] = f"{r[col]}-{tag}"
            if name == "places":
                if r.get("geonames_id") is not None:
                    r["geonames_id"] = int(r["geonames_id"]) * 10000 + k // GROUP
                if r.get("admin1"):
                    r["admin1"] = f"{r['admin1']}-{tag}"
                r["name"] = f"{r['name']}-{tag}"
            new.append(r)
        out[name] = new
    return out


def _store(db: Database, source: dict, copies: range) -> None:
    with db.atomic():
        for k in copies:
            for name, rows in _copy_rows(source, k).items():
                if rows:
                    db[name].insert_all(rows, replace=True, batch_size=1000)


def _tables(db: Database) -> list:
    return [sorted(json.dumps(r, sort_keys=True) for r in db[name].rows) for name in DERIVED_TABLES + INDEX_TABLES]


def run(size: int, add: int, source: dict, per_copy: int, tmp: Path) -> dict:
    path = tmp / f"ledger-{size}.db"
    empty = sqlite3.connect(tmp / "source-schema.db")
    empty.backup(sqlite3.connect(path))
    empty.close()
    db = Database(path)
    n_copies = -(-size // per_copy)
    n_copies += (LAST_GROUP_STORED - n_copies) % GROUP
    _store(db, source, range(n_copies))
    start = time.perf_counter()
    rebuild(db, full=True)
    full = time.perf_counter() - start
    print(f"ledger of {n_copies * per_copy}: full rebuild {full:.1f} s", file=sys.stderr, flush=True)
    n_add = -(-add // per_copy)
    _store(db, source, range(n_copies, n_copies + n_add))
    start = time.perf_counter()
    stats = rebuild(db)
    added = time.perf_counter() - start
    incremental = _tables(db)
    start = time.perf_counter()
    rebuild(db, full=True)
    full_after = time.perf_counter() - start
    articles = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    return {"ledger": n_copies * per_copy, "added": n_add * per_copy, "articles_after": articles,
            "full_rebuild_s": round(full, 2), "add_s": round(added, 2),
            "add_ms_per_article": round(1000 * added / (n_add * per_copy), 2),
            "full_rebuild_after_s": round(full_after, 2), "identical_to_full_rebuild": incremental == _tables(db),
            "mode": stats["mode"], "candidates": stats.get("candidates"), "touched": stats.get("touched")}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--add", type=int, default=1000)
    ap.add_argument("--source-db", help="a ledger whose stored articles are copied (default: ingest examples/)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-reconcile-") as tmp_name:
        tmp = Path(tmp_name)
        src_path = source_ledger(args.source_db, tmp)
        src = Database(src_path)
        articles = [r[0] for r in src.execute("SELECT id FROM articles WHERE id IN (SELECT article_id FROM claims)")]
        source = {"articles": list(src.query(
            f"SELECT * FROM articles WHERE id IN ({','.join('?' * len(articles))})", articles))}
        for name in SOURCE_TABLES:
            source[name] = [r for r in src[name].rows if r["article_id"] in set(articles)]
        schema = sqlite3.connect(tmp / "source-schema.db")
        for (sql,) in src.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'"):
            schema.execute(sql)
        for (name,) in src.execute("SELECT name FROM sqlite_master WHERE type='table' AND name = 'migrations'"):
            schema.executemany("INSERT INTO migrations VALUES (" + ",".join("?" * len(
                src.execute("SELECT * FROM migrations").description)) + ")",
                src.execute("SELECT * FROM migrations").fetchall())
        schema.commit()
        schema.close()
        results = [run(size, args.add, source, len(articles), tmp) for size in args.sizes]
    first, last = results[0]["add_ms_per_article"], results[-1]["add_ms_per_article"]
    summary = {"source_articles": len(articles), "group": GROUP, "runs": results,
               "growth": round(last / first, 2) if first else None,
               "ok": all(r["identical_to_full_rebuild"] for r in results) and last <= TARGET_GROWTH * first}
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        for r in results:
            print(f"ledger {r['ledger']:>6} + {r['added']} articles: add {r['add_s']} s "
                  f"({r['add_ms_per_article']} ms/article, {r['candidates']} candidate claims, {r['touched']} ledger "
                  f"claims regrouped); full rebuild {r['full_rebuild_s']} s before, "
                  f"{r['full_rebuild_after_s']} s after; "
                  f"same as a full rebuild: {r['identical_to_full_rebuild']}")
        print(f"per-article cost at the largest ledger / at the smallest: {summary['growth']} "
              f"(target <= {TARGET_GROWTH}); {'OK' if summary['ok'] else 'NOT MET'}")
    return 0 if summary["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
