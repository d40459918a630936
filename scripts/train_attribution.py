"""Train the attribution cue model (pipeline/attribution/learned.py) on PolNeAR's train split.

    python scripts/train_attribution.py --data ../shared/data/polnear

writes src/claimledger/data/attribution/cue_model.crfsuite (crfsuite's binary
format: which candidates stand), cue_model.tsv (the decision threshold and how it was
chosen) and cue_extent.crfsuite (the cue's extent).  Takes about 4 minutes on two
cores with ``--cache`` (parsing train takes another 4 the first time).

Every cue candidate the rules propose on a train article (cues.candidates) is
labelled ``cue`` when its cue token lies inside a gold cue and keeping it
scores (its cue or its content is exactly a gold one), ``no`` otherwise;
candidates inside a gold content that are no gold cue are left out of training
(PolNeAR marks only the outermost attribution, so they were never up for
annotation).  The lexicon score of a train candidate is cross-fitted: counted
as scripts/learn_cues.py counts data/attribution/cues.tsv, but on the other
four fifths of train, so the model does not learn to trust an in-sample score.

The extent model learns, for the tokens around every candidate cue that lies in
a gold cue, which of them the gold cue holds.

The regularisation and the decision threshold are chosen on a held-out fifth
of train (every fifth article), by the mean exact F1 of source, cue and
content scored as the PolNeAR evaluation scores them; the model is then
trained again on all of train.  Dev is never read.  ``--cache FILE`` keeps the
parsed DocBin (as scripts/learn_cues.py does) so reruns skip parsing.

Measured (exact F1 source / cue / content; the shipped models):
  held-out fifth of train   rules .7044 / .6730 / .5017   learned .7276 / .6954 / .5237
  PolNeAR dev               rules .7467 / .7020 / .5324   learned .7507 / .6974 / .5316
  (dev overlap F1           rules .7807 / .7681 / .8011   learned .7851 / .7762 / .8087)
On the held-out fifth the rules' lexicon scores are cross-fitted as the model's are, but their
thresholds were tuned on all of train.  Dev does not show the learned decision better on every
role, so the component keeps the rules by default (``learned = false``).
"""
from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from collections import Counter
from pathlib import Path

import pycrfsuite

sys.path.insert(0, str(Path(__file__).resolve().parent))
from learn_cues import MIN_CUE, MIN_TOTAL, count, found_spans, parsed_docs, role_chars  # noqa: E402

from claimledger.evaluation.polnear import ROLES, Tally, gold_spans, predicted_spans, read_split, trim  # noqa: E402
from claimledger.pipeline.attribution import learned  # noqa: E402
from claimledger.pipeline.attribution.cues import (  # noqa: E402
    candidates,
    cut_trailing_statements,
    drop_before_colon,
    drop_folded,
    fold_according,
)
from claimledger.pipeline.attribution.lexicon import cue_lexicon  # noqa: E402
from claimledger.pipeline.attribution.parse import content_relation  # noqa: E402
from claimledger.pipeline.attribution.statements import to_statement  # noqa: E402
from claimledger.resources import data_path  # noqa: E402

CONSTRUCTION_GROUPS = ("according", "in-source", "headline-verb", "byline", "colon", "colon-verb", "orphan")
# L1 (c1) keeps the model files small: crfsuite writes only the features with a weight
KEEP_PARAMS = ({"c1": 0.1, "c2": 0.1}, {"c1": 0.0, "c2": 1.0}, {"c1": 0.5, "c2": 0.1})
EXTENT_PARAMS = {"c1": 0.2, "c2": 0.1}
TRAIN_SETTINGS = {"max_iterations": 200, "feature.possible_transitions": True, "feature.minfreq": 2}
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)
FOLDS = 5  # the lexicon scores of train candidates are cross-fitted over these folds
HOLDOUT_EVERY = FOLDS  # fold 0 is held out to choose c2 and the threshold


def fold_lexicons(articles, docs) -> list[dict]:
    """Per fold, the lexicon (lemma, POS, relation) -> P(cue) counted on the other folds only
    (as learn_cues.py counts it on all of train)."""
    per_fold = [count([a for i, a in enumerate(articles) if i % FOLDS == k],
                      [d for i, d in enumerate(docs) if i % FOLDS == k]) for k in range(FOLDS)]
    lexicons = []
    for k in range(FOLDS):
        cues, totals = Counter(), Counter()
        for j, (c, t) in enumerate(per_fold):
            if j != k:
                cues.update(c)
                totals.update(t)
        lexicons.append({key: cues[key] / total for key, total in totals.items()
                         if total >= MIN_TOTAL and cues[key] >= MIN_CUE})
    return lexicons


def cross_fitted(found, group: str, score: float, lexicon: dict) -> float:
    """The lexicon score of a train candidate as a lexicon learned without its article gives it
    (0 where that lexicon does not have it): an in-sample score would be trusted too much."""
    if group in CONSTRUCTION_GROUPS:
        return score
    relation = content_relation(found.cue)
    if relation is None or (found.cue.lemma_.lower(), found.cue.pos_, relation[0]) not in cue_lexicon():
        return score  # a stance-table fallback, not from the lexicon
    return lexicon.get((found.cue.lemma_.lower(), found.cue.pos_, relation[0]), 0.0)


def useful(article, doc, found, gold) -> bool:
    """Whether keeping the candidate scores: its cue or its content is exactly a gold one
    (a cue token in a gold cue with both spans wrong costs precision on every role)."""
    spans = found_spans(doc, found)
    return trim(article.text, spans["cue"]) in gold["cue"] or trim(article.text, spans["content"]) in gold["content"]


def prepare(articles, docs):
    """Per article: (article, doc, candidates with cross-fitted scores, labels, trainable flags)."""
    lexicons = fold_lexicons(articles, docs)
    out = []
    for i, (article, doc) in enumerate(zip(articles, docs)):
        gold_cue = role_chars(article, "cue")
        nested = role_chars(article, "content") - gold_cue
        cands, labels, trainable = [], [], []
        gold = gold_spans(article)
        for found, group, score in candidates(doc):
            label = found.cue.idx in gold_cue and useful(article, doc, found, gold)
            cands.append((found, group, cross_fitted(found, group, score, lexicons[i % FOLDS])))
            labels.append("cue" if label else "no")
            trainable.append(label or found.cue.idx not in nested)
        out.append((article, doc, cands, labels, trainable))
    return out


def train(prepared, path: Path, params: dict) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for _, doc, cands, labels, trainable in prepared:
        if not cands:
            continue
        feats = learned.sequence_features(doc, cands)
        xseq = [f for f, t in zip(feats, trainable) if t]
        yseq = [y for y, t in zip(labels, trainable) if t]
        if xseq:
            trainer.append(xseq, yseq)
    trainer.set_params({**TRAIN_SETTINGS, **params})
    trainer.train(str(path))


def extent_examples(prepared):
    """(features, labels) of the window around every candidate cue that lies in a gold cue:
    I for the gold cue's tokens, O for the rest."""
    for article, doc, cands, _, _ in prepared:
        gold = list(gold_spans(article)["cue"])
        for found, group, _ in cands:
            frags = next((g for g in gold if any(s <= found.cue.idx < e for s, e in g)), None)
            if frags is None:
                continue
            start, end = learned.extent_window(found)
            yseq = ["I" if any(s <= t.idx < e for s, e in frags) else "O" for t in doc[start:end]]
            yield learned.extent_features(doc, found, group), yseq


def train_extent(prepared, path: Path) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in extent_examples(prepared):
        trainer.append(xseq, yseq)
    trainer.set_params({**TRAIN_SETTINGS, **EXTENT_PARAMS})
    trainer.train(str(path))


def score(prepared, keep, extent=None) -> dict[str, float]:
    """Exact F1 per role (and their mean) of the attributions ``keep(doc, cands)`` lets stand,
    with the cue extents of ``extent`` (an ExtentModel) where given."""
    tallies = {role: Tally() for role in ROLES}
    for article, doc, cands, _, _ in prepared:
        fresh = [(dataclasses.replace(f, also_via=list(f.also_via), more_content=list(f.more_content)), g, s)
                 for f, g, s in cands]  # the folds change what they keep
        found = cut_trailing_statements(fold_according(drop_folded(drop_before_colon(keep(doc, fresh)))))
        if extent is not None:
            groups = {id(f): g for f, g, _ in fresh}
            for f in found:
                f.cue_span = extent.cue_span(doc, f, groups[id(f)])
        contents = [f.content_span for f in found]
        sts = [to_statement(doc, article.name, f, [], contents) for f in found]
        pred, gold = predicted_spans(article.text, sts), gold_spans(article)
        for role in ROLES:
            tallies[role].add(pred[role], gold[role])
    f1 = {role: tallies[role].result()["exact"]["f1"] for role in ROLES}
    f1["mean"] = round(sum(f1.values()) / len(ROLES), 4)
    return f1


def rules_keep(doc, cands):
    from claimledger.pipeline.attribution.cues import MIN_P
    from claimledger.pipeline.attribution.lexicon import cue_thresholds

    thresholds = cue_thresholds()
    return [f for f, g, s in cands if s >= thresholds.get(g, MIN_P)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="PolNeAR folder (with train/)")
    parser.add_argument("--cache", type=Path, default=None, help="DocBin file to reuse parses")
    parser.add_argument("--out", type=Path, default=data_path(*learned.MODEL_FILE),
                        help="the cue model; the extent model and the settings go beside it")
    args = parser.parse_args(argv)
    started = time.time()
    extent_out = args.out.with_name(Path(learned.EXTENT_FILE[-1]).name)
    articles = read_split(args.data, "train")
    docs = parsed_docs(articles, args.cache)
    prepared = prepare(articles, docs)
    fit = [p for i, p in enumerate(prepared) if i % HOLDOUT_EVERY]
    held = [p for i, p in enumerate(prepared) if not i % HOLDOUT_EVERY]
    tmp, tmp_extent = args.out.with_suffix(".tmp"), extent_out.with_suffix(".tmp")
    train_extent(fit, tmp_extent)
    extent = learned.ExtentModel(tmp_extent)
    print(f"{len(articles)} articles parsed ({time.time() - started:.0f} s); on the held-out fifth: "
          f"rules {score(held, rules_keep)}, rules with the learned extent {score(held, rules_keep, extent)}",
          file=sys.stderr)
    best = None
    for params in KEEP_PARAMS:
        train(fit, tmp, params)
        for threshold in THRESHOLDS:
            result = score(held, learned.CueModel(tmp, threshold).keep, extent)
            print(f"{params} threshold={threshold}: {result}", file=sys.stderr)
            if best is None or result["mean"] > best[0]["mean"]:
                best = (result, params, threshold)
    tmp.unlink()
    tmp_extent.unlink()
    result, params, threshold = best
    train(prepared, args.out, params)
    train_extent(prepared, extent_out)
    settings = args.out.with_suffix(".tsv")
    settings.write_text(
        f"# Settings of {args.out.name} and {extent_out.name} (scripts/train_attribution.py): the threshold and\n"
        f"# regularisation chosen on a held-out fifth of PolNeAR train ({len(held)} articles), exact F1 source\n"
        f"# {result['source']} cue {result['cue']} content {result['content']}; then trained on all {len(articles)} "
        f"train articles.\nname\tvalue\nthreshold\t{threshold}\nc1\t{params['c1']}\nc2\t{params['c2']}\n",
        encoding="utf-8")
    sizes = ", ".join(f"{p.name} {p.stat().st_size // 1024} KiB" for p in (args.out, extent_out))
    print(f"-> {sizes}, {settings.name}: {params} threshold={threshold} held-out {result}; "
          f"{time.time() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
