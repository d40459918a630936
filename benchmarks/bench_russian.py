"""Speed of a full Russian ingest against natasha's own pipeline, on the same texts in the same run.

    python benchmarks/bench_russian.py [--data ../shared/data/ru/factrueval-dev] [--n 122] [--repeat 1] [--json]

Texts: the FactRuEval-2016 dev documents (122 Russian news texts, 25,500 words), else the Russian
example articles in examples/ru.  Measured, both after loading and one warm-up document, the best
of --repeat runs each:
- ingest: claimledger.ingest.ingest_paths over a JSONL of the texts into a temporary SQLite ledger
  (reading and language detection, natasha's analysis as a spaCy Doc, every claimledger stage, storing);
- natasha: natasha's own Doc pipeline on the same texts (razdel segmentation, slovnet morphology,
  syntax and NER, MorphVocab lemmas) -- the floor the Russian path cannot beat.
Speed is words per CPU second of this process (steady when other processes share the machine),
wall-clock figures beside; the ratio is natasha's CPU time over the ingest's.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_ingest import BATCH_SIZE, Timer, peak_mb, words  # noqa: E402

WARM_UP = "Разминка: министр заявил в понедельник, что переговоры в Женеве завершились."


def texts_from(data: Path | None, n: int) -> list[str]:
    files = sorted(data.glob("*.txt")) if data and data.is_dir() else sorted((REPO / "examples" / "ru").glob("*.txt"))
    return [f.read_text(encoding="utf-8") for f in files][:n]


def natasha_pipeline():
    from claimledger.pipeline.ru.natasha_doc import natasha_models
    segmenter, morph_vocab, morph_tagger, syntax_parser, ner_tagger = natasha_models()
    from natasha import Doc

    from claimledger.pipeline.ru.natasha_doc import one_blas_thread

    def run(text: str):
        with one_blas_thread():  # as the ingest runs it: natasha's own speed, not OpenBLAS's spinning
            return analyse(text)

    def analyse(text: str):
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_morph(morph_tagger)
        doc.parse_syntax(syntax_parser)
        doc.tag_ner(ner_tagger)
        for token in doc.tokens:
            token.lemmatize(morph_vocab)
        return doc
    return run


def main(argv=None) -> int:
    from claimledger.resources import shared_data
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=shared_data("ru", "factrueval-dev"))
    parser.add_argument("--n", type=int, default=122)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    from claimledger.ingest import ingest_paths
    from claimledger.pipeline.build import nlp_for

    texts = texts_from(args.data, args.n)
    n_words = words(texts)
    nlp = nlp_for("ru")
    nlp(WARM_UP)
    natasha = natasha_pipeline()
    natasha(WARM_UP)
    ingest_runs, natasha_runs = [], []
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "bench.jsonl"
        feed.write_text("\n".join(json.dumps({"text": t, "published": "2016-01-01"}, ensure_ascii=False)
                                  for t in texts), encoding="utf-8")
        for run in range(args.repeat):  # interleaved, so both see the same machine load
            with Timer() as timer:
                report = ingest_paths([str(feed)], str(Path(tmp) / f"bench{run}.db"), progress=False, batch_size=BATCH_SIZE)
            ingest_runs.append(timer)
            with Timer() as timer:
                for text in texts:
                    natasha(text)
            natasha_runs.append(timer)
    if report.errors or report.added != len(set(texts)):
        print(f"ingest stored {report.added} of {len(texts)}; errors: {report.errors[:3]}", file=sys.stderr)
        return 1
    ingest_cpu, natasha_cpu = min(t.cpu for t in ingest_runs), min(t.cpu for t in natasha_runs)
    ingest_wall, natasha_wall = min(t.wall for t in ingest_runs), min(t.wall for t in natasha_runs)
    figures = {
        "articles": len(texts), "words": n_words, "repeat": args.repeat,
        "ingest_words_per_cpu_s": round(n_words / ingest_cpu), "natasha_words_per_cpu_s": round(n_words / natasha_cpu),
        "ingest_cpu_seconds": round(ingest_cpu, 2), "natasha_cpu_seconds": round(natasha_cpu, 2),
        "ingest_wall_seconds": round(ingest_wall, 2), "natasha_wall_seconds": round(natasha_wall, 2),
        "ratio": round(natasha_cpu / ingest_cpu, 3), "ratio_wall": round(natasha_wall / ingest_wall, 3),
        "peak_mb": round(peak_mb()),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"{figures['articles']} Russian articles, {n_words} words (best of {args.repeat})")
        print(f"ingest (natasha + claimledger stages + ledger): {figures['ingest_words_per_cpu_s']:6d} words per CPU s "
              f"({figures['ingest_cpu_seconds']} CPU s; wall {figures['ingest_wall_seconds']} s)")
        print(f"natasha's own pipeline:                          {figures['natasha_words_per_cpu_s']:6d} words per CPU s "
              f"({figures['natasha_cpu_seconds']} CPU s; wall {figures['natasha_wall_seconds']} s)")
        print(f"ratio {figures['ratio']:.2f} on CPU time ({figures['ratio_wall']:.2f} on wall time); peak memory {figures['peak_mb']} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
