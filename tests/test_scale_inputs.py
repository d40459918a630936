"""Input expansion (one walker for both runners), the Dask runner's chunks and shards: no model, no cluster (fast)."""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pytest

from claimledger.model import (
    Analysis,
    Article,
    Claim,
    DateValue,
    Entity,
    Mention,
    Place,
    Quantity,
    Span,
    Speaker,
    Statement,
)
from claimledger.ingest.dask.chunks import iter_chunks
from claimledger.ingest.dask.shards import (
    analysis_from_dict,
    analysis_record,
    encode_records,
    read_shard,
    write_shard,
)
from claimledger.read.paths import expand_paths, glob_match

TEXT = "The minister said on Monday that {n} people had been evacuated from the town of Ashford overnight."


@pytest.mark.parametrize("path, pattern, expected", [
    ("a/b.txt", "a/*.txt", True),
    ("a/c/b.txt", "a/*.txt", False),          # * stays within one name
    ("a/c/b.txt", "a/**/*.txt", True),
    ("a/b.txt", "a/**/*.txt", True),          # ** also matches no directory
    ("a/b.html", "a/**/*.txt", False),
    ("x/2025-04/n1.jsonl", "x/2025-0[1-4]/*.jsonl", True),
    ("x/2025-05/n1.jsonl", "x/2025-0[1-4]/*.jsonl", False),
])
def test_glob_match(path, pattern, expected):
    assert glob_match(path, pattern) is expected


def write_tree(root: Path) -> None:
    for rel in ["b/2.txt", "b/1.txt", "a.txt", "a/z.txt", "a-b/y.txt", ".hidden/x.txt", "b/.h.txt",
                "b/notes.csv", "c/d/e.jsonl"]:
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(TEXT.format(n=len(rel)), encoding="utf-8")


def test_directory_walk_is_sorted_streamed_and_skips_hidden(tmp_path):
    write_tree(tmp_path)
    got = [Path(p).relative_to(tmp_path).as_posix() for p in expand_paths([str(tmp_path)])]
    # the order of sorted(Path.rglob), without hidden or non-article files
    assert got == ["a/z.txt", "a-b/y.txt", "a.txt", "b/1.txt", "b/2.txt", "c/d/e.jsonl"]


def test_glob_expands_in_sorted_order(tmp_path):
    write_tree(tmp_path)
    got = [Path(p).relative_to(tmp_path).as_posix() for p in expand_paths([f"{tmp_path}/**/*.txt"])]
    assert got == ["a/z.txt", "a-b/y.txt", "a.txt", "b/1.txt", "b/2.txt"]


def test_directory_walk_does_not_enter_symlinked_directories(tmp_path):
    write_tree(tmp_path)
    (tmp_path / "b" / "loop").symlink_to(tmp_path)      # entered, it would never end
    (tmp_path / "z.txt").symlink_to(tmp_path / "a.txt")  # a linked file is read, as sorted(rglob) gives it
    got = [Path(p).relative_to(tmp_path).as_posix() for p in expand_paths([str(tmp_path)])]
    assert got == ["a/z.txt", "a-b/y.txt", "a.txt", "b/1.txt", "b/2.txt", "c/d/e.jsonl", "z.txt"]


def write_jsonl(path: Path, n: int, bad_line: int | None = None) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write("{not json\n" if i == bad_line else json.dumps({"text": TEXT.format(n=i)}) + "\n")


def test_chunks_depend_on_the_input_not_the_ledger(tmp_path):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, 25, bad_line=3)
    errors: list = []
    fresh = list(iter_chunks([str(src)], 10, lambda _id: False, published="2025-04-28", errors=errors))
    assert [len(c.articles) for c in fresh] == [10, 10, 4]
    assert errors and errors[0][0] == f"{src}:4"
    assert all(a.published == "2025-04-28" and a.path.startswith(str(src)) for c in fresh for a in c.articles)
    first_ids = {a.id for a in fresh[0].articles}
    resumed = list(iter_chunks([str(src)], 10, first_ids.__contains__, published="2025-04-28"))
    # same boundaries; the first chunk has nothing left to do; the others keep their shard keys
    assert [len(c.articles) for c in resumed] == [10, 10, 4]
    assert resumed[0].todo() == []
    assert [c.key for c in resumed[1:]] == [c.key for c in fresh[1:]]
    assert resumed[0].key != fresh[0].key


def full_analysis() -> Analysis:
    article = Article(text="Kyiv said Moscow lied.", title="T", published="2025-04-28", path="x.txt",
                      captions=[Span(0, 4, "Kyiv")])
    speaker = Speaker(name="Kyiv", entity_id="e1", country="UA", start=0, end=4)
    return Analysis(
        article=article,
        entities=[Entity(id="e1", name="Kyiv", type="government", country="UA", aliases=["Ukraine"],
                         mentions=[Mention(0, 4, "Kyiv")])],
        statements=[Statement(id="s1", speaker=speaker, cue={"text": "said", "lemma": "say", "start": 5, "end": 9},
                              content={"text": "Moscow lied", "start": 10, "end": 21}, kind="indirect",
                              stance="accuse", via=["e2"], date={"value": "2025-04-28", "precision": "day"},
                              claim_id="c1", hedges=["reportedly"], negated=False),
                    Statement(id="s2", speaker=None, cue={}, content={}, kind="direct", stance="assert")],
        claims=[Claim(id="c1", text="Moscow lied", status="reported", statement_ids=["s1"], start=10, end=21)],
        places=[Place(name="Kyiv", start=0, end=4, lat=50.45, lon=30.5236, country="UA", geonames_id=703448)],
        dates=[DateValue(text="Monday", start=0, end=6, value="2025-04-28", precision="day")],
        quantities=[Quantity(text="about 1,000", start=0, end=11, value=1000.0, approximate=True)],
        model="en_core_web_sm-3.8.0",
    )


def test_shard_round_trip_restores_every_record(tmp_path):
    analysis = full_analysis()
    shard = tmp_path / "s" / "k.jsonl.gz"
    write_shard(shard, encode_records([analysis_record("x.txt", analysis)]))
    (record,) = list(read_shard(shard))
    restored = analysis_from_dict(record["analysis"])
    assert restored == analysis
    assert asdict(restored) == asdict(analysis)
    assert not list(shard.parent.glob(".*.tmp"))  # written atomically, no temporary left


def test_ingest_with_workers_needs_the_dask_extra(tmp_path, monkeypatch):
    import sys

    from claimledger.errors import MissingExtraError
    from claimledger.ingest import ingest_paths

    monkeypatch.setitem(sys.modules, "dask", None)  # import dask now raises ImportError
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'claimledger\[dask\]'"):
        ingest_paths([str(tmp_path)], str(tmp_path / "l.db"), workers=2, progress=False)


def test_cli_names_the_extra_in_one_line(tmp_path, monkeypatch):
    import sys

    from click.testing import CliRunner

    from claimledger.cli import main

    monkeypatch.setitem(sys.modules, "dask", None)
    monkeypatch.setitem(sys.modules, "distributed", None)
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--workers", "2", "--db", str(tmp_path / "l.db")])
    assert result.exit_code != 0
    assert "pip install 'claimledger[dask]'" in result.output
    assert "Traceback" not in result.output and not isinstance(result.exception, ImportError)


@pytest.mark.parametrize("raw, expected", [(None, 100), ("", 100), ("25", 25), ("0", None), ("ten", None), ("-5", None)])
def test_chunk_size_setting(raw, expected, monkeypatch):
    from claimledger.errors import ClaimledgerError
    from claimledger.ingest.dask import chunk_size_setting

    if raw is None:
        monkeypatch.delenv("CLAIMLEDGER_CHUNK_SIZE", raising=False)
    else:
        monkeypatch.setenv("CLAIMLEDGER_CHUNK_SIZE", raw)
    if expected is None:
        with pytest.raises(ClaimledgerError, match="CLAIMLEDGER_CHUNK_SIZE"):
            chunk_size_setting()
    else:
        assert chunk_size_setting() == expected


def test_input_is_streamed_not_loaded(tmp_path):
    """The first chunk of a large JSONL file costs memory for that chunk, not for the file."""
    import tracemalloc

    small, big = tmp_path / "small.jsonl", tmp_path / "big.jsonl"
    write_jsonl(small, 3)  # warms the readers' lazy data before measuring
    list(iter_chunks([str(small)], 10, lambda _id: False))
    with big.open("w", encoding="utf-8") as fh:
        for i in range(4000):
            fh.write(json.dumps({"text": TEXT.format(n=i) + " More words follow here." * 10}) + "\n")
    tracemalloc.start()
    first = next(iter_chunks([str(big)], 10, lambda _id: False))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(first.articles) == 10
    assert peak < big.stat().st_size / 10, f"{peak} bytes traced for the first chunk of a {big.stat().st_size}-byte file"


def shard_of(tmp_path: Path, texts: list[str]) -> tuple[Path, list[str]]:
    records, labels = [], []
    for i, text in enumerate(texts):
        analysis = full_analysis()
        analysis.article = Article(text=text, path=f"a{i}.txt")
        records.append(analysis_record(f"a{i}.txt", analysis))
        labels.append(f"a{i}.txt")
    shard = tmp_path / "shards" / "k.jsonl.gz"
    write_shard(shard, encode_records(records))
    return shard, labels


def test_merge_stores_a_shard_whole_and_removes_it(tmp_path):
    from claimledger.ledger import Ledger
    from claimledger.ingest.dask.runner import OrderedMerger, Pending, RunStats

    shard, labels = shard_of(tmp_path, ["One text.", "Another text.", "One text."])  # a repeat within the input
    stats = RunStats()
    with Ledger(tmp_path / "l.db") as ledger:
        OrderedMerger(ledger, stats).add(Pending(0, shard=shard, labels=labels))
        assert ledger.count() == 2
    assert (stats.added, stats.skipped, stats.errors) == (2, 1, [])
    assert not shard.exists()


@pytest.mark.parametrize("damage", ["truncate", "interrupt"])
def test_merge_is_all_or_nothing_per_shard(tmp_path, monkeypatch, damage):
    from claimledger.ledger import Ledger
    from claimledger.ingest.dask import runner

    shard, labels = shard_of(tmp_path, [f"Text number {i}." for i in range(5)])
    stats = runner.RunStats()
    with Ledger(tmp_path / "l.db") as ledger:
        merger = runner.OrderedMerger(ledger, stats)
        if damage == "truncate":  # a damaged file: reported per article, nothing stored, shard dropped
            shard.write_bytes(shard.read_bytes()[:-40])
            merger.add(runner.Pending(0, shard=shard, labels=labels))
            assert [label for label, _ in stats.errors] == labels
            assert "computed again next run" in stats.errors[0][1]
            assert not shard.exists()
        else:  # the run killed in the middle of the shard: nothing stored, shard kept for the rerun
            calls = []

            def dies_on_third(data):
                calls.append(1)
                if len(calls) == 3:
                    raise KeyboardInterrupt
                return analysis_from_dict(data)
            monkeypatch.setattr(runner, "analysis_from_dict", dies_on_third)
            with pytest.raises(KeyboardInterrupt):
                merger.add(runner.Pending(0, shard=shard, labels=labels))
            assert shard.exists()
        assert ledger.count() == 0
        assert stats.added == 0


def test_merge_records_known_articles_at_their_place_even_in_a_failed_chunk(tmp_path):
    """A chunk's known articles are recorded between its shard's records, in input order; a chunk whose task
    failed still records its known ones; second copies within the run come after the last merge."""
    import sqlite3

    from claimledger.ingest.dask.runner import Carried, OrderedMerger, Pending, RunStats
    from claimledger.ledger import Ledger

    db = tmp_path / "l.db"
    shard, labels = shard_of(tmp_path, ["Two.", "Three."])
    with Ledger(db) as ledger:
        stored = full_analysis()
        stored.article = Article(text="One.", source="Wire", path="one.txt")
        ledger.store(stored)
        one, two = stored.article.id, Article(text="Two.").id
        stats = RunStats()
        merger = OrderedMerger(ledger, stats)
        merger.add(Pending(1, failures=[("f.txt", "chunk 1 failed")],
                           known=[(0, "k2.txt", Carried(one, source="Mirror", path="k2.txt"))]))  # waits for 0
        merger.add(Pending(0, shard=shard, labels=labels, again=[Carried(two, source="Mirror", path="t2.txt")],
                           known=[(1, "k1.txt", Carried(one, source="Paper", path="k1.txt")),
                                  (2, "k3.txt", Carried(one, source="Wire", path="one.txt"))]))
        assert (stats.carriers, len(merger.again)) == (2, 1)  # the second copy waits for the run to end
        merger.finish()
    assert (stats.added, stats.carriers, stats.updated, stats.skipped) == (2, 3, 0, 1)
    assert stats.errors == [("f.txt", "chunk 1 failed")]
    rows = sqlite3.connect(db).execute("SELECT path, source FROM carriers ORDER BY rowid").fetchall()
    assert rows == [("one.txt", "Wire"), ("a0.txt", None), ("k1.txt", "Paper"), ("a1.txt", None),
                    ("k2.txt", "Mirror"), ("t2.txt", "Mirror")]
