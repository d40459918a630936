"""Share of a ledger's statements whose speaker is missing, unresolved or a bare pronoun / relative word.

    claimledger ingest examples --db /tmp/d.db
    python scripts/speaker_share.py /tmp/d.db            # one line: the share and the count
    python scripts/speaker_share.py /tmp/d.db --show 40  # and the first 40 such statements, with their sentence

The definition is the one ../shared/hooks/real-news-check applies to the FNC-1 dev bodies (the same word
list, ``speaker.resolved: false`` counted as bad), applied to any ledger, so the demo corpus and the dev
bodies are measured alike. It reads the statements as ``claimledger statements --json`` prints them.
"""
from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BARE = {"he", "she", "it", "they", "we", "i", "you", "who", "which", "that", "this", "these", "those", "one",
        "him", "her", "them", "us", "me", "someone", "somebody", "what", "whom"}


def name(statement: dict) -> str:
    """As the hook reads it: a nested speaker object's resolved flag counts; the flat ``statements --json``
    row names the speaker by a string (its ``speaker_resolved`` is reported apart, see main)."""
    sp = statement.get("speaker")
    if isinstance(sp, dict):
        if sp.get("resolved") is False:
            return ""
        sp = sp.get("name") or sp.get("text")
    return (sp or "").strip()


def bad(statement: dict) -> bool:
    n = name(statement)
    return not n or n.lower() in BARE


def statements(db: str) -> list[dict]:
    out = subprocess.run([sys.executable, "-m", "claimledger.cli", "statements", "--db", db, "--json"],
                         check=True, capture_output=True, text=True,
                         env={**__import__("os").environ, "PYTHONPATH": str(ROOT / "src")})
    rows = json.loads(out.stdout)
    return rows.get("statements", rows) if isinstance(rows, dict) else rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--show", type=int, default=0, help="print this many bad statements with their sentence")
    args = parser.parse_args(argv)
    rows = statements(args.db)
    worse = [s for s in rows if bad(s)]
    print(f"speakers missing, unresolved or a bare pronoun: {100 * len(worse) / max(len(rows), 1):.1f} % "
          f"of {len(rows)} statements ({len(worse)}); marked speaker_resolved false: "
          f"{sum(1 for s in rows if s.get('speaker_resolved') is False)}")
    if args.show:
        texts = dict(sqlite3.connect(args.db).execute("select id, text from articles"))
        for s in worse[:args.show]:
            text = texts.get(s.get("article_id"), "")
            at = s.get("cue_start") or 0
            lo, hi = max(text.rfind("\n", 0, at) + 1, at - 300), text.find("\n", at)
            hi = min(hi if hi >= 0 else len(text), at + 300)
            print(f"- [{s.get('article_id')}] speaker={s.get('speaker')!r} resolved={s.get('speaker_resolved')} "
                  f"cue={s.get('cue')!r} @{at}")
            print("    " + text[lo:hi].replace("\n", " "))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
