"""The Dask runner end to end: a 2-worker local cluster against the single-process ingest.

The cluster is started once for the module; each worker loads the pipeline
once.  Articles are short and generated here, all different.
"""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from claimledger.ingest import ingest_paths
from claimledger.ingest.dask import ingest_with_dask
from claimledger.ingest.dask.runner import cluster_client, run_ingest

pytestmark = [pytest.mark.model, pytest.mark.dask]

# Columns that legitimately differ between two runs over the same input: when rows were
# written, and the reconcile layer's fingerprint, which also hashes its vocabulary files
# as they are on disk at rebuild time (the derived tables themselves are compared).
VOLATILE = {"articles": {"ingested_at"}, "migrations": {"applied_at"}, "reconcile_state": {"value"},
            "carriers": {"seen_at"}, "changes": {"time"}}

SPEAKERS = ["The Kremlin", "Ukraine's defence ministry", "President Zelensky", "A NATO spokeswoman",
            "The regional governor", "Officials in Warsaw", "The Red Cross", "Mr Peskov"]
CUES = ["said", "denied", "confirmed", "claimed", "warned", "told reporters"]
PLACES = ["Kursk", "Kharkiv", "Odesa", "Belgorod", "Zaporizhzhia", "Lviv", "Minsk", "Bakhmut"]
DAYS = ["on Monday", "on Tuesday", "last week", "on 3 March", "overnight", "in January"]


def article_text(rng: random.Random, i: int) -> str:
    sentences = [f"{rng.choice(SPEAKERS)} {rng.choice(CUES)} {rng.choice(DAYS)} that about "
                 f"{rng.randint(2, 5000)} troops had moved near {rng.choice(PLACES)}."
                 for _ in range(rng.randint(2, 4))]
    return " ".join(sentences) + f" Dispatch number {i}."


def make_corpus(root: Path, n_jsonl: int, n_txt: int, seed: int = 7) -> Path:
    """A tree with a JSONL file (one bad line, one repeated article) and .txt files in subfolders."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({"text": article_text(rng, i), "published": f"2025-03-{1 + i % 28:02d}"})
             for i in range(n_jsonl)]
    lines[5] = "{this line is not json"
    lines.append(lines[10])  # the same article twice: stored once, then skipped
    (root / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for i in range(n_txt):
        sub = root / f"desk{i % 3}"
        sub.mkdir(exist_ok=True)
        (sub / f"story{i:03d}.txt").write_text(article_text(rng, 10_000 + i), encoding="utf-8")
    return root


def snapshot(db_path: Path) -> dict[str, list[tuple]]:
    """Every table's rows in storage order, without the columns that record when they were written."""
    db = sqlite3.connect(db_path)
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
    out = {}
    for table in tables:
        cols = [r[1] for r in db.execute(f"PRAGMA table_info([{table}])") if r[1] not in VOLATILE.get(table, ())]
        out[table] = db.execute(f"SELECT {', '.join(f'[{c}]' for c in cols)} FROM [{table}] ORDER BY rowid").fetchall()
    db.close()
    return out


@pytest.fixture(scope="module")
def client():
    """The local cluster `claimledger ingest --workers 2` makes, shared by the tests of this module."""
    with cluster_client(2, None) as c:
        yield c


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("corpus"), n_jsonl=150, n_txt=60)


@pytest.fixture(scope="module")
def single_db(corpus, tmp_path_factory, nlp):
    db = tmp_path_factory.mktemp("single") / "ledger.db"
    report = ingest_paths([str(corpus)], str(db), progress=False, nlp=nlp)
    assert report.added == 209 and report.skipped == 1 and len(report.errors) == 1
    return db, report


def kill_one_worker_once(client):
    """An on_shard hook: SIGKILL one worker process after the first shard lands (its nanny restarts it)."""
    killed = []

    def hook(_shard):
        if not killed:
            pids = client.run(os.getpid)
            victim = min(pids)
            os.kill(pids[victim], signal.SIGKILL)
            killed.append(victim)
    return hook, killed


def test_two_workers_with_one_killed_give_the_single_process_ledger(client, corpus, single_db, tmp_path):
    single, single_report = single_db
    db = tmp_path / "dask.db"
    hook, killed = kill_one_worker_once(client)
    report = ingest_with_dask([str(corpus)], db, client=client, progress=False, chunk_size=20, on_shard=hook)
    assert killed, "no worker was killed: the run finished before its first shard?"
    assert (report.added, report.skipped) == (single_report.added, single_report.skipped)
    assert sorted(report.errors) == sorted(single_report.errors)
    assert snapshot(db) == snapshot(single)
    assert not Path(f"{db}.shards").exists()  # every shard merged and removed


class Interrupted(Exception):
    pass


def test_interrupted_run_resumes_from_its_shards(client, corpus, single_db, tmp_path):
    single, _ = single_db
    db = tmp_path / "resume.db"
    landed = []

    def crash_on_third_shard(shard):
        landed.append(shard)
        if len(landed) == 3:
            raise Interrupted  # the shard is on disk but was never merged

    with pytest.raises(Interrupted):
        run_ingest([str(corpus)], str(db), client=client, progress=False, chunk_size=30, window=2,
                   on_shard=crash_on_third_shard)
    left = sorted(Path(f"{db}.shards").glob("*.jsonl.gz"))
    assert left, "the interrupted run left no shard to resume from"
    merged_before = sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0]

    stats = run_ingest([str(corpus)], str(db), client=client, progress=False, chunk_size=30)
    assert stats.from_shards == len(left)           # shards on disk merged, not recomputed
    assert stats.skipped == merged_before + 1       # what the first run stored, and the repeated article
    assert stats.chunks == 7  # 210 readable articles in chunks of 30
    assert stats.computed == stats.chunks - stats.from_shards - merged_before // 30
    assert snapshot(db) == snapshot(single)


def test_a_chunk_that_keeps_failing_is_retried_then_reported_and_redone_next_run(client, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rng = random.Random(3)
    texts = [article_text(rng, i) for i in range(30)]
    texts[14] += " POISON."
    (corpus / "feed.jsonl").write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
    attempts = tmp_path / "attempts.txt"

    def poisoned(items):  # defined here: cloudpickle ships it to the workers by value
        from claimledger.ingest.dask.tasks import analyze_chunk
        if any("POISON" in article.text for _, article in items):
            with open(attempts, "a") as fh:
                fh.write("x")
            raise RuntimeError("poisoned chunk")
        return analyze_chunk(items)

    db = tmp_path / "fail.db"
    stats = run_ingest([str(corpus)], str(db), client=client, progress=False, chunk_size=10, retries=1,
                       task=poisoned)
    assert attempts.read_text() == "xx"  # the first try and one retry
    assert (stats.failed, stats.added) == (1, 20)
    failed_labels = {label for label, _ in stats.errors}
    assert failed_labels == {f"{corpus / 'feed.jsonl'}:{line}" for line in range(11, 21)}
    assert all("poisoned chunk" in message and "after 1 retries" in message for _, message in stats.errors)

    again = run_ingest([str(corpus)], str(db), client=client, progress=False, chunk_size=10)
    assert (again.computed, again.added, again.skipped, again.errors) == (1, 10, 20, [])


# -- one article, several carriers: a known text arriving again through the Dask runner -------------------

def write_article(folder: Path, name: str, text: str, **meta) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    front = "".join(f"{key}: {value}\n" for key, value in meta.items())
    (folder / name).write_text(f"---\n{front}---\n{text}" if meta else text, encoding="utf-8")


@pytest.fixture(scope="module")
def carried(tmp_path_factory):
    """``first``: five wire stories.  ``second``: three new texts among known ones arriving again (another
    outlet, a corrected date, nothing new, no outlet of its own so --source's), and new texts twice."""
    rng = random.Random(11)
    root = tmp_path_factory.mktemp("carried")
    old = [article_text(rng, 500 + i) for i in range(5)]
    new = [article_text(rng, 600 + i) for i in range(3)]
    for i, text in enumerate(old):
        write_article(root / "first", f"a{i}.txt", text, source="Wire", url=f"https://wire.example/{i}",
                      published=f"2025-04-0{i + 1}")
    second = [
        (new[0], {"source": "Wire", "url": "https://wire.example/n0", "published": "2025-04-10"}),
        (old[0], {"source": "Daily Paper", "url": "https://paper.example/0", "published": "2025-04-02"}),  # carrier
        (new[1], {"source": "Wire", "published": "2025-04-11"}),
        (old[1], {"source": "Wire", "url": "https://wire.example/1", "published": "2025-03-30"}),  # corrected date
        (old[2], {"source": "Wire", "url": "https://wire.example/2", "published": "2025-04-03"}),  # nothing new
        (new[2], {}),  # outlet from --source
        (new[0], {"source": "Mirror", "url": "https://mirror.example/n0"}),  # again in this run: a carrier
        (new[1], {"source": "Wire", "published": "2025-04-12"}),  # again: the first copy's date stands
        (old[0], {"source": "Mirror", "url": "https://mirror.example/0"}),  # known, a second carrier this run
        (old[4], {}),  # known, arriving with --source's outlet: a carrier
    ]
    for i, (text, meta) in enumerate(second):
        write_article(root / "second", f"b{i:02d}.txt", text, **meta)
    return root


def carriers_and_the_rest(db: Path) -> dict[str, list[tuple]]:
    """snapshot(); the carriers rows by their key: a known article's carrier is recorded as the local runner
    reads it and as the Dask runner merges its chunk, so the rows are the same but not stored in one order."""
    tables = snapshot(db)
    tables["carriers"] = sorted(tables["carriers"])
    return tables


def counts(report) -> tuple:
    return (report.added, report.carriers, report.updated, report.skipped, sorted(report.errors), report.summary())


@pytest.mark.parametrize("runs", ["local, then dask", "dask, one run"])
def test_known_articles_through_dask_record_their_carriers_as_the_local_runner_does(client, carried, nlp,
                                                                                   tmp_path, runs):
    """Before: the Dask runner skipped a known text from another outlet ("0 added, 6 already in the ledger")."""
    folders = [str(carried / "first"), str(carried / "second")]
    local, dask_db = tmp_path / "local.db", tmp_path / "dask.db"
    if runs == "local, then dask":
        first = [ingest_paths(folders[:1], db, progress=False, nlp=nlp) for db in (local, dask_db)]
        assert first[0].added == first[1].added == 5
        batches = [folders[1:]]
    else:
        batches = [folders]
    for paths in batches:
        expected = ingest_paths(paths, local, source="Relay", progress=False, nlp=nlp)
        got = ingest_with_dask(paths, dask_db, source="Relay", client=client, progress=False, chunk_size=4)
        assert counts(got) == counts(expected)
    if runs == "local, then dask":
        assert counts(got)[:4] == (3, 4, 1, 2)  # 3 new; Paper, Mirror x2, Relay; the corrected date; 2 skips
    else:  # the second folder's old texts are second copies in this run: their dates are not corrections
        assert counts(got)[:4] == (8, 4, 0, 3)
    assert carriers_and_the_rest(dask_db) == carriers_and_the_rest(local)
    assert not Path(f"{dask_db}.shards").exists()


def test_a_resumed_run_records_the_carriers_its_interrupted_run_had_not(client, carried, nlp, tmp_path):
    """Killed after its first shard landed, before the merge; run again: the same ledger as one local run."""
    paths = [str(carried / "first"), str(carried / "second")]
    local, dask_db = tmp_path / "local.db", tmp_path / "dask.db"
    ingest_paths(paths[:1], local, progress=False, nlp=nlp)
    ingest_paths(paths[:1], dask_db, progress=False, nlp=nlp)
    expected = ingest_paths(paths[1:], local, source="Relay", progress=False, nlp=nlp)

    def crash(_shard):
        raise Interrupted

    with pytest.raises(Interrupted):
        run_ingest(paths[1:], str(dask_db), source="Relay", client=client, progress=False, chunk_size=4, window=1,
                   on_shard=crash)
    stats = run_ingest(paths[1:], str(dask_db), source="Relay", client=client, progress=False, chunk_size=4)
    assert stats.from_shards == 1
    assert counts(stats) == counts(expected)
    assert carriers_and_the_rest(dask_db) == carriers_and_the_rest(local)
