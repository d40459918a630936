"""Read-only queries for the board, claim page and timeline over the reconciled claims.

The reconcile layer (claimledger.reconcile.store) keeps one row per
proposition across articles in ``ledger_claims`` with its dated
``claim_history``, ``contradictions`` and member article claims.  When those
tables are present the pages show them; claims.py is the fallback for a ledger
that has none yet (per-article claims).
"""
from __future__ import annotations

import json
import sqlite3
from collections import defaultdict

from claimledger.web.articles import json_list, one, rows, statement_marks
from claimledger.web.claims import STATUS_ORDER, BoardFilters, page_plan
from claimledger.web.markup import highlight, sentence_window

DERIVED = "ledger_claims"
EVIDENCE_LIMIT = 60  # evidence sentences drawn on one claim page (the history lists every entry)
WINDOW = 400  # characters of article text fetched either side of a statement


def available(conn: sqlite3.Connection) -> bool:
    """True once the reconcile layer has built its tables (a rebuild records its fingerprint)."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {DERIVED, "reconcile_state"} <= tables:
        return False
    return conn.execute("SELECT 1 FROM reconcile_state WHERE key = 'fingerprint'").fetchone() is not None


# -- board ----------------------------------------------------------------------

def _where(f: BoardFilters) -> str:
    """Date filters in SQL (a claim whose history overlaps the range); actor and place via matching_ids."""
    return ("(:date_from IS NULL OR lc.last_date >= :date_from) "
            "AND (:date_to IS NULL OR lc.first_date <= :date_to)")


# Claims that involve the actor (named in them, or a source of their history) / name the place.
ACTOR_IDS = """
SELECT id FROM ledger_claims WHERE names LIKE :actor OR for_names LIKE :actor OR against_names LIKE :actor
UNION SELECT claim_id FROM claim_history WHERE source LIKE :actor
"""
PLACE_IDS = "SELECT id FROM ledger_claims WHERE places LIKE :place OR text LIKE :place"


def matching_ids(conn, f: BoardFilters) -> set[str] | None:
    """Ids of the claims the actor and place filters allow (each matched once); None when neither is set."""
    ids = None
    for value, sql in ((f.actor, ACTOR_IDS), (f.place, PLACE_IDS)):
        if value and value.strip():
            found = {r[0] for r in conn.execute(sql, f.params())}
            ids = found if ids is None else ids & found
    return ids


KEYED_SQL = """
SELECT {columns} FROM json_each(:ids) k JOIN ledger_claims lc ON lc.id = k.value
WHERE {where}
"""


def _keyed_board(conn, f: BoardFilters, ids: set[str]) -> tuple[dict[str, int], list[dict]]:
    found = rows(conn, KEYED_SQL.format(columns=BOARD_COLUMNS, where=_where(f)),
                 {**f.params(), "ids": json.dumps(sorted(ids))})
    counts = {s: 0 for s in STATUS_ORDER}
    for r in found:
        if r["status"] in counts:
            counts[r["status"]] += 1
    rank = {s: i for i, s in enumerate(STATUS_ORDER)}
    chosen = [r for r in found if r["status"] in counts and (not f.status or r["status"] == f.status)]
    chosen.sort(key=lambda r: r["id"])
    chosen.sort(key=lambda r: r["last_date"] or "", reverse=True)
    chosen.sort(key=lambda r: rank[r["status"]])
    offset = (max(1, f.page) - 1) * f.page_size
    return counts, chosen[offset:offset + f.page_size]


def status_counts(conn, f: BoardFilters) -> dict[str, int]:
    if f.date_from or f.date_to:
        found = rows(conn, f"SELECT status, count(*) AS n FROM ledger_claims lc WHERE {_where(f)} GROUP BY status",
                     f.params())
    else:
        found = rows(conn, "SELECT status, count(*) AS n FROM ledger_claims GROUP BY status")
    counts = {s: 0 for s in STATUS_ORDER}
    for r in found:
        if r["status"] in counts:
            counts[r["status"]] = r["n"]
    return counts


BOARD_COLUMNS = """lc.id, lc.text, lc.status, lc.sources_for, lc.sources_against, lc.for_names, lc.against_names,
                   lc.first_date, lc.last_date, lc.articles"""

BOARD_SQL = """
SELECT {columns}
FROM ledger_claims lc
WHERE lc.status = :status AND {where}
ORDER BY lc.last_date DESC, lc.id
LIMIT :limit OFFSET :offset
"""


def board(conn: sqlite3.Connection, f: BoardFilters) -> dict:
    ids = matching_ids(conn, f)
    if ids is not None:
        counts, found = _keyed_board(conn, f, ids)
    else:
        counts = status_counts(conn, f)
        offset = (max(1, f.page) - 1) * f.page_size
        found = []
        for status, off, lim in page_plan(counts, f.status, offset, f.page_size):
            found += rows(conn, BOARD_SQL.format(columns=BOARD_COLUMNS, where=_where(f)),
                          {**f.params(), "status": status, "limit": lim, "offset": off})
    total = counts.get(f.status, 0) if f.status else sum(counts.values())
    claims = [{
        "key": r["id"], "text": r["text"], "status": r["status"],
        "for": json_list(r["for_names"]), "against": json_list(r["against_names"]),
        "n_for": r["sources_for"] or 0, "n_against": r["sources_against"] or 0,
        "published": r["first_date"], "last_date": r["last_date"],
        "n_articles": len(json_list(r["articles"])), "article_id": None, "title": None, "source": None,
    } for r in found]
    return {"claims": claims, "counts": counts, "total": total, "page": f.page,
            "pages": max(1, -(-total // f.page_size)), "reconciled": True}


# -- claim page -----------------------------------------------------------------

EVIDENCE_SQL = """
SELECT s.*, a.title AS article_title, a.published AS article_published, a.source AS article_source,
       w.lo AS window_start, substr(a.text, w.lo + 1, w.hi - w.lo) AS window_text
FROM statements s
JOIN articles a ON a.id = s.article_id
JOIN (SELECT max(0, min(coalesce(speaker_start, cue_start), coalesce(cue_start, content_start),
                        coalesce(content_start, cue_start)) - :window) AS lo,
             max(coalesce(speaker_end, cue_end), coalesce(cue_end, content_end),
                 coalesce(content_end, cue_end)) + :window AS hi
      FROM statements WHERE article_id = :article_id AND id = :statement_id) w
WHERE s.article_id = :article_id AND s.id = :statement_id
"""


def claim_detail(conn: sqlite3.Connection, key: str) -> dict | None:
    claim = one(conn, "SELECT * FROM ledger_claims WHERE id = ?", [key])
    if claim is None:
        return None
    history = rows(conn, "SELECT * FROM claim_history WHERE claim_id = ? ORDER BY seq", [key])
    for h in history:
        h["via_list"] = json_list(h["via"])
        h["also_in_list"] = json_list(h["also_in"])
    contradictions = rows(conn, "SELECT * FROM contradictions WHERE claim_id = ? ORDER BY id", [key])
    for c in contradictions:
        c["a_ref"], c["b_ref"] = _obj(c["a"]), _obj(c["b"])
    members = rows(conn, """SELECT m.article_id, m.article_claim_id, m.text, m.published, a.title, a.source
                            FROM ledger_claim_members m JOIN articles a ON a.id = m.article_id
                            WHERE m.claim_id = ? ORDER BY m.published, m.article_id""", [key])
    evidence = []
    for h in history:
        if len(evidence) >= EVIDENCE_LIMIT:
            break
        if h["statement_id"] and h["article_id"]:
            item = _evidence(conn, h)
            if item:
                evidence.append(item)
    claim.update(key=key, places_list=_obj(claim["places"]) or [], names_list=json_list(claim["names"]))
    return {
        "claim": claim, "history": history, "contradictions": contradictions, "members": members,
        "evidence": evidence, "evidence_more": sum(1 for h in history if h["statement_id"]) - len(evidence),
        "sources": _sources(history), "first_article": members[0] if members else None,
    }


def _obj(raw):
    try:
        return json.loads(raw) if raw else None
    except (TypeError, ValueError):
        return None


def _sources(history: list[dict]) -> dict[str, list[dict]]:
    """Each side's sources once, with their kind and how many history entries they give."""
    out: dict[str, dict] = {"for": {}, "against": {}}
    for h in history:
        if h["side"] in out and h["source"]:
            entry = out[h["side"]].setdefault((h["source"], h["source_kind"]),
                                              {"name": h["source"], "kind": h["source_kind"], "entries": 0})
            entry["entries"] += 1
    return {side: list(found.values()) for side, found in out.items()}


def _evidence(conn, h: dict) -> dict | None:
    st = one(conn, EVIDENCE_SQL, {"article_id": h["article_id"], "statement_id": h["statement_id"],
                                  "window": WINDOW})
    if st is None:
        return None
    base, text = st["window_start"], st["window_text"] or ""
    marks = [m.__class__(m.start - base, m.end - base, m.kind, m.label) for m in statement_marks([st])]
    spans = [(m.start, m.end) for m in marks]
    lo, hi = (sentence_window(text, min(a for a, _ in spans), max(b for _, b in spans), limit=WINDOW,
                              open_left=base > 0, open_right=len(text) == max(b for _, b in spans) + WINDOW)
              if spans else (0, 0))
    return {
        "id": st["id"], "article_id": st["article_id"],
        "speaker": st["speaker_name"] or h["source"] or "unnamed source",
        "source": h["source"], "kind": h["source_kind"], "cue": st["cue_text"], "stance": st["stance"],
        "negated": bool(st["negated"]), "side": h["side"], "event": h["event"], "date": h["date"],
        "date_source": h["date_source"], "via": json_list(st["via"]), "title": st["article_title"],
        "published": st["article_published"], "outlet": st["article_source"],
        "html": highlight(text, marks, lo, hi),
    }


# -- timeline -------------------------------------------------------------------

TIMELINE_SQL = """
SELECT h.date, h.date_source, h.event, h.source, h.source_kind, h.side, h.stance, h.article_id,
       lc.id AS key, lc.text, lc.status
FROM claim_history h JOIN ledger_claims lc ON lc.id = h.claim_id
WHERE h.date IS NOT NULL
  AND (:date_from IS NULL OR h.date >= :date_from) AND (:date_to IS NULL OR h.date <= :date_to)
  AND {where}
ORDER BY h.date, lc.id, h.seq
LIMIT :limit
"""


def timeline_claims(conn: sqlite3.Connection, f: BoardFilters) -> list[dict]:
    """Dated history entries of the claims (first reported, confirmed, denied, ...), oldest first."""
    ids = matching_ids(conn, f)
    where = "1" if ids is None else "lc.id IN (SELECT value FROM json_each(:ids))"
    found = rows(conn, TIMELINE_SQL.format(where=where),
                 {**f.params(), "limit": f.page_size, "ids": json.dumps(sorted(ids or []))})
    grouped = defaultdict(list)
    for r in found:
        r["published"] = r["date"]
        grouped[(r["date"], r["key"])].append(r)
    return [entries[0] | {"events": [e["event"] for e in entries], "sources": [e["source"] for e in entries]}
            for entries in grouped.values()]
