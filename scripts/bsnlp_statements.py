"""Russian statements on the BSNLP news (shared/data/ru/bsnlp): languages stored, statements, speakers.

    python scripts/bsnlp_statements.py [--data ../shared/data/ru/bsnlp] [--topics brexit,trump]
                                       [--limit N] [--db out.db] [--sample 30 --seed 1] [--json]

Every article is read as an input file is (language detection included), stored in a ledger
(a temporary one unless --db) and counted: articles per stored language, statements per article,
and the share of statements whose speaker is resolved (a name, an actor, an anonymous source, the
outlet; not a bare pronoun).  --sample prints statements drawn at random for reading by hand.
The data is for development only: nothing of it is written into the repository.
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import tempfile
from collections import Counter
from pathlib import Path

from claimledger.errors import InputError
from claimledger.ledger import Ledger
from claimledger.pipeline.analysis import analyze_many
from claimledger.read import read_one
from claimledger.read.common import make_article
from claimledger.resources import shared_data


def articles(data: Path, topics: list[str] | None, limit: int | None):
    for topic in sorted(p for p in data.iterdir() if p.is_dir()):
        if topics and topic.name not in topics:
            continue
        meta = {}
        if (topic / "meta.tsv").exists():
            with (topic / "meta.tsv").open(encoding="utf-8", newline="") as fh:
                meta = {row["file"]: row for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)}
        headed = not (topic / "raw").is_dir()  # BSNLP-2017: 4 header lines (id, lang, date, url), then the text
        files = sorted((topic / ("raw-with-header" if headed else "raw")).glob("*"))
        for path in files[:limit] if limit else files:
            try:
                if headed:
                    lines = path.read_text(encoding="utf-8").replace("\r\n", "\n").split("\n")
                    article = make_article("\n".join(lines[4:]), {"published": lines[2].strip() or None,
                                                                 "url": lines[3].strip() or None}, str(path))
                else:
                    article = read_one(str(path))
            except InputError as err:
                yield topic.name, path, err
                continue
            row = meta.get(path.name, {})
            article.published = article.published or row.get("date") or None
            article.url = article.url or row.get("url") or None
            yield topic.name, path, article


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=shared_data("ru", "bsnlp"))
    ap.add_argument("--topics", help="comma-separated topic folders (default: all)")
    ap.add_argument("--limit", type=int, help="articles per topic")
    ap.add_argument("--db", help="ledger file (default: a temporary one)")
    ap.add_argument("--sample", type=int, default=0, help="print this many statements drawn at random")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    topics = args.topics.split(",") if args.topics else None
    db = args.db or str(Path(tempfile.mkdtemp()) / "bsnlp.db")
    ledger = Ledger(db)
    errors, good = [], []
    for topic, path, item in articles(args.data, topics, args.limit):
        (errors.append((str(path), str(item))) if isinstance(item, InputError) else good.append(item))
    per_article, statements, resolved, pronoun, reported, reported_resolved = [], [], 0, 0, 0, 0
    for article, analysis in analyze_many(good, batch_size=8):
        ledger.store(analysis)
        per_article.append(len(analysis.statements))
        for st in analysis.statements:
            statements.append((article, st))
            ok = st.speaker is not None and st.speaker.resolved
            resolved += ok
            pronoun += st.speaker is not None and not st.speaker.resolved
            if st.kind != "outlet":
                reported += 1
                reported_resolved += ok
    languages = dict(Counter(row["language"] for row in ledger.db.query("select language from articles")))
    n = len(statements)
    result = {
        "articles_read": len(good) + len(errors), "articles_stored": sum(languages.values()),
        "stored_languages": languages, "errors": errors[:10], "error_count": len(errors),
        "statements": n, "statements_per_article": round(n / max(1, len(per_article)), 2),
        "articles_without_statements": sum(1 for k in per_article if not k),
        "resolved_share": round(resolved / n, 4) if n else None, "bare_pronouns": pronoun,
        "reported_statements": reported,
        "reported_resolved_share": round(reported_resolved / reported, 4) if reported else None,
        "db": db,
    }
    print(json.dumps(result, ensure_ascii=False, indent=None if args.json else 2))
    if args.sample:
        rng = random.Random(args.seed)
        for article, st in rng.sample([s for s in statements if s[1].kind != "outlet"], min(args.sample, reported)):
            sp = st.speaker
            print(f"\n[{Path(article.path).name}] speaker={sp.name if sp else None!r} resolved={sp.resolved if sp else None}"
                  f" cue={st.cue['text']!r} stance={st.stance} kind={st.kind}\n  content: {st.content['text'][:300]!r}")
            s = max(0, min(st.cue["start"], st.content["start"]) - 150)
            e = max(st.cue["end"], st.content["end"]) + 60
            print("  context: " + article.text[s:e].replace("\n", " "))


if __name__ == "__main__":
    main()
