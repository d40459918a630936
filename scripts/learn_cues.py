"""Learn the attribution cue lexicon from PolNeAR's train split.

    python scripts/learn_cues.py --data ../shared/data/polnear --split train \
        --out src/claimledger/data/attribution/cues.tsv

For every token outside annotated contents that could take a content (see attribution/parse.py content_relation:
"said that ..." -> ccomp, "praised the plan" -> dobj, "reports that" -> that, ...)
count how often it lies inside an annotated cue.  The output holds only counts
and ratios per (lemma, POS, relation) -- no text of the corpus:

    lemma  pos  rel  cue  total  p

``p`` = P(cue | lemma, pos, rel).  The attribution component keeps the rows
whose p and cue count pass its thresholds.  ``--cache FILE`` keeps the parsed
DocBin so that reruns skip parsing.

``--tune FILE`` (with ``--out`` left at the shipped data/attribution/cues.tsv, which it reads back) then picks, per kind of content relation, the minimum p that
maximises the mean exact-match F1 of source, cue and content on the same split
(coordinate ascent) and writes them (data/attribution/stance_cue_thresholds.tsv):

    python scripts/learn_cues.py --data ../shared/data/polnear --split train \
        --tune src/claimledger/data/attribution/stance_cue_thresholds.tsv
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from spacy.tokens import DocBin

from claimledger.pipeline.attribution.parse import content_relation
from claimledger.evaluation.polnear import read_split, trim
from claimledger.pipeline.build import COMPONENTS, build_pipeline

MIN_TOTAL = 2
MIN_PREP_TOTAL = 3
MIN_CUE = 2


def parsed_docs(articles, cache: Path | None):
    nlp = build_pipeline(exclude_components=tuple(COMPONENTS))
    if cache and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if len(docs) == len(articles):
            return docs
    docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
    if cache:
        bin_ = DocBin(attrs=["ORTH", "LEMMA", "POS", "TAG", "DEP", "HEAD", "SENT_START", "ENT_IOB", "ENT_TYPE", "MORPH", "SPACY"])
        for doc in docs:
            bin_.add(doc)
        bin_.to_disk(cache)
    return docs


def role_chars(article, role: str) -> set[int]:
    """Character offsets that lie inside a gold span of one role."""
    chars: set[int] = set()
    for att in article.attributions:
        frags = trim(article.text, getattr(att, role) or ())
        for start, end in frags or ():
            chars.update(range(start, end))
    return chars


def count(articles, docs) -> tuple[Counter, Counter]:
    cue_counts: Counter = Counter()
    totals: Counter = Counter()
    for article, doc in zip(articles, docs):
        gold = role_chars(article, "cue")
        # PolNeAR marks only the outermost attribution: a cue inside another's
        # content ("I think ..." within a quote) was never up for annotation.
        nested = role_chars(article, "content") - gold
        for token in doc:
            found = content_relation(token)
            if found is None or token.idx in nested:
                continue
            key = (token.lemma_.lower(), token.pos_, found[0])
            totals[key] += 1
            if token.idx in gold:
                cue_counts[key] += 1
    return cue_counts, totals


def write(cue_counts: Counter, totals: Counter, out: Path) -> int:
    rows = []
    for key, total in totals.items():
        cue = cue_counts[key]
        if total >= MIN_TOTAL and cue >= MIN_CUE:
            rows.append((*key, cue, total, round(cue / total, 3)))
    rows.sort(key=lambda r: (-r[3], r[0], r[1], r[2]))
    with out.open("w", encoding="utf-8") as f:
        f.write("# Attribution cues learned from PolNeAR train (scripts/learn_cues.py): counts only.\n")
        f.write("lemma\tpos\trel\tcue\ttotal\tp\n")
        for row in rows:
            f.write("\t".join(str(x) for x in row) + "\n")
    return len(rows)


def count_preps(articles, docs) -> Counter:
    """(cue lemma, preposition right after it) -> [times inside the gold cue, times seen]:
    PolNeAR writes "called on" and "said in a statement" by habit of the verb, not the parse."""
    counts: Counter = Counter()
    for article, doc in zip(articles, docs):
        gold = role_chars(article, "cue")
        for token in doc[:-1]:
            nxt = doc[token.i + 1]
            if token.idx not in gold or token.pos_ != "VERB" or nxt.dep_ != "prep" or nxt.head.i != token.i:
                continue
            key = (token.lemma_.lower(), nxt.lower_)
            counts[(*key, "total")] += 1
            counts[(*key, "in")] += nxt.idx in gold
    return counts


def write_preps(counts: Counter, out: Path) -> int:
    rows = sorted({k[:2] for k in counts})
    rows = [(lemma, prep, counts[(lemma, prep, "in")], counts[(lemma, prep, "total")]) for lemma, prep in rows
            if counts[(lemma, prep, "total")] >= MIN_PREP_TOTAL]
    with out.open("w", encoding="utf-8") as f:
        f.write("# Whether PolNeAR's cue takes the preposition right after a cue verb, learned from train\n")
        f.write("# (scripts/learn_cues.py --preps): counts only. p = share of cues that include it.\n")
        f.write("lemma\tprep\tincluded\ttotal\tp\n")
        for lemma, prep, inc, total in rows:
            f.write(f"{lemma}\t{prep}\t{inc}\t{total}\t{round(inc / total, 3)}\n")
    return len(rows)


TUNE_VALUES = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)  # 1.01 = never


def found_spans(doc, found) -> dict:
    """Character spans of one attribution, as the PolNeAR evaluation reads them."""
    def chars(span):
        return doc[span[0]].idx, doc[span[1] - 1].idx + len(doc[span[1] - 1].text)
    spans = {"cue": (chars(found.cue_span),),
             "content": tuple(chars(s) for s in [found.content_span, *found.more_content])}
    if found.source_span:
        spans["source"] = (chars(found.source_span),)
    return spans


def tune(articles, docs, out: Path, roles_scored: tuple[str, ...] = ("source", "cue", "content")) -> dict[str, float]:
    from claimledger.pipeline.attribution import cues as attribution
    from claimledger.evaluation.polnear import ROLES, Tally, gold_spans, trim

    prepared = []
    for article, doc in zip(articles, docs):
        cands = [(f, group, score, found_spans(doc, f)) for f, group, score in attribution.candidates(doc)]
        prepared.append((article, gold_spans(article), cands))
    groups = sorted({g for _, _, cands in prepared for _, g, _, _ in cands})

    def objective(thresholds: dict[str, float]) -> float:
        tallies = {role: Tally() for role in ROLES}
        for article, gold, cands in prepared:
            kept = [(f, spans) for f, g, score, spans in cands if score >= thresholds[g]]
            folded = {id(f) for f in attribution.drop_folded([f for f, _ in kept])}
            kept = [(f, spans) for f, spans in kept if id(f) in folded]
            contents = [spans["content"] for _, spans in kept]
            pred = {role: set() for role in ROLES}
            for f, spans in kept:
                cue_start, cue_end = spans["cue"][0]
                if any(c is not spans["content"] and c[0][0] <= cue_start and cue_end <= c[-1][1] for c in contents):
                    continue  # nested: PolNeAR marks the outermost only
                for role, frags in spans.items():
                    trimmed = trim(article.text, frags)
                    if trimmed:
                        pred[role].add(trimmed)
            for role in ROLES:
                tallies[role].add(pred[role], gold[role])
        return sum(tallies[role].result()["exact"]["f1"] for role in roles_scored) / len(roles_scored)

    thresholds = {g: 0.5 for g in groups}
    best = objective(thresholds)
    for _round in range(2):
        for group in groups:
            for value in TUNE_VALUES:
                trial = {**thresholds, group: value}
                score = objective(trial)
                if score > best + 1e-6:
                    best, thresholds = score, trial
    with out.open("w", encoding="utf-8") as f:
        f.write(f"# Minimum P(cue) per content relation, tuned on PolNeAR {len(articles)} train articles "
                f"(scripts/learn_cues.py --tune): mean exact F1 of {'/'.join(roles_scored)} {best:.3f}. 1.01 = never a cue.\n")
        f.write("group\tmin_p\n")
        for group in groups:
            f.write(f"{group}\t{thresholds[group]}\n")
    return thresholds


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="PolNeAR folder (with train/ and dev/)")
    parser.add_argument("--split", default="train")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "src/claimledger/data/attribution/cues.tsv")
    parser.add_argument("--cache", type=Path, default=None, help="DocBin file to reuse parses")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--preps", type=Path, default=None,
                        help="also write the cue-preposition conventions (data/attribution/stance_cue_preps.tsv)")
    parser.add_argument("--tune", type=Path, default=None, help="also tune per-relation thresholds into this file")
    parser.add_argument("--objective", default="source,cue,content",
                        help="roles whose mean exact F1 the tuning maximises (comma-separated)")
    args = parser.parse_args(argv)
    articles = read_split(args.data, args.split, args.limit)
    docs = parsed_docs(articles, args.cache)
    n = write(*count(articles, docs), args.out)
    print(f"{n} cue rows from {len(articles)} articles -> {args.out}", file=sys.stderr)
    if args.preps:
        print(f"{write_preps(count_preps(articles, docs), args.preps)} preposition rows -> {args.preps}", file=sys.stderr)
    if args.tune:
        from claimledger.pipeline.attribution import lexicon as stance
        from claimledger.pipeline.attribution import parse as attribution_parse
        from claimledger.resources import read_tsv
        read_tsv.cache_clear()  # read the lexicon just written
        stance.cue_lexicon.cache_clear()
        attribution_parse._SPEECH_LEMMAS.clear()
        if args.tune.exists():
            args.tune.unlink()  # tune from scratch, not from the last thresholds
        stance.cue_thresholds.cache_clear()
        thresholds = tune(articles, docs, args.tune, tuple(args.objective.split(",")))
        print(f"thresholds -> {args.tune}: {thresholds}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
