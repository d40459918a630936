"""The board's rows, claim page and timeline over the reconciled claims.

The reconcile layer (claimledger.reconcile.store) keeps one row per
proposition across articles in ``ledger_claims`` with its dated
``claim_history``, ``contradictions`` and member article claims.  When those
tables are present (``available``) the pages show them; web.article_claims is
the source for a ledger that has none yet.
"""
from __future__ import annotations

import sqlite3
from collections import defaultdict

from claimledger.ledger.queries import LEDGER_CLAIMS, json_column
from claimledger.resources import read_json
from claimledger.web.articles import one, rows, statement_marks, table_names
from claimledger.web.board import BoardFilters, ClaimSource, keys_param, side_sources
from claimledger.web.markup import highlight, sentence_window

EVIDENCE_LIMIT = 60  # evidence sentences drawn on one claim page (the history lists every entry)
WINDOW = 400  # characters of article text fetched either side of a statement


def available(conn: sqlite3.Connection) -> bool:
    """True once the reconcile layer has built its tables (a rebuild records its fingerprint)."""
    if not {LEDGER_CLAIMS, "reconcile_state"} <= table_names(conn):
        return False
    return conn.execute("SELECT 1 FROM reconcile_state WHERE key = 'fingerprint'").fetchone() is not None


# -- board ----------------------------------------------------------------------

# Date filters in SQL: a claim whose history overlaps the range; actor and place via matching_keys.
DATED = ("(:date_from IS NULL OR lc.last_date >= :date_from) "
         "AND (:date_to IS NULL OR lc.first_date <= :date_to)")

# Claims that involve the actor (named in them, or a source of their history) / name the place.
ACTOR_IDS = """
SELECT id FROM ledger_claims WHERE names LIKE :actor OR for_names LIKE :actor OR against_names LIKE :actor
UNION SELECT claim_id FROM claim_history WHERE source LIKE :actor
"""
PLACE_IDS = "SELECT id FROM ledger_claims WHERE places LIKE :place OR text LIKE :place"

BOARD_COLUMNS = """lc.id, lc.text, lc.status, lc.sources_for, lc.sources_against, lc.for_names, lc.against_names,
                   lc.first_date, lc.last_date, lc.articles"""

STATUS_SQL = f"""
SELECT {BOARD_COLUMNS}
FROM ledger_claims lc
WHERE lc.status = :status AND {DATED}
ORDER BY lc.last_date DESC, lc.id
LIMIT :limit OFFSET :offset
"""


class LedgerClaims(ClaimSource):
    reconciled = True
    actor_sql = ACTOR_IDS
    place_sql = PLACE_IDS
    counts_sql = "SELECT status, count(*) AS n FROM ledger_claims GROUP BY status"
    dated_counts_sql = f"SELECT status, count(*) AS n FROM ledger_claims lc WHERE {DATED} GROUP BY status"
    keyed_sql = f"SELECT {BOARD_COLUMNS} FROM json_each(:keys) k JOIN ledger_claims lc ON lc.id = k.value WHERE {DATED}"
    newest = "last_date"

    def tiebreak(self, row: dict) -> tuple:
        return (row["id"],)

    def status_rows(self, conn, f: BoardFilters, status: str, offset: int, limit: int, n_status: int) -> list[dict]:
        return rows(conn, STATUS_SQL, {**f.params(), "status": status, "limit": limit, "offset": offset})

    def board_rows(self, conn, found: list[dict]) -> list[dict]:
        return [{
            "key": r["id"], "text": r["text"], "status": r["status"],
            "for": json_column(r["for_names"], []), "against": json_column(r["against_names"], []),
            "n_for": r["sources_for"] or 0, "n_against": r["sources_against"] or 0,
            "published": r["first_date"], "last_date": r["last_date"],
            "n_articles": len(json_column(r["articles"], [])), "article_id": None, "title": None, "source": None,
        } for r in found]

    def claim_detail(self, conn, key: str) -> dict | None:
        return _claim_detail(conn, key)

    def timeline_claims(self, conn, f: BoardFilters) -> list[dict]:
        return _timeline_claims(conn, self.matching_keys(conn, f), f)


# -- claim page -----------------------------------------------------------------

EVIDENCE_SQL = """
SELECT s.*, a.title AS article_title, a.published AS article_published, a.source AS article_source,
       a.language AS article_language,
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


def _claim_detail(conn: sqlite3.Connection, key: str) -> dict | None:
    claim = one(conn, "SELECT * FROM ledger_claims WHERE id = ?", [key])
    if claim is None:
        return None
    history = rows(conn, "SELECT * FROM claim_history WHERE claim_id = ? ORDER BY seq", [key])
    for h in history:
        h["via_list"] = json_column(h["via"], [])
        h["also_in_list"] = json_column(h["also_in"], [])
    contradictions = rows(conn, "SELECT * FROM contradictions WHERE claim_id = ? ORDER BY id", [key])
    for c in contradictions:
        c["a_ref"], c["b_ref"] = json_column(c["a"]), json_column(c["b"])
    members = rows(conn, """SELECT m.article_id, m.article_claim_id, m.text, m.published, a.title, a.source,
                            a.language FROM ledger_claim_members m JOIN articles a ON a.id = m.article_id
                            WHERE m.claim_id = ? ORDER BY m.published, m.article_id""", [key])
    for m in members:
        m.update(language_fields(m["language"]))
    evidence = []
    for h in history:
        if len(evidence) >= EVIDENCE_LIMIT:
            break
        if h["statement_id"] and h["article_id"]:
            item = _evidence(conn, h)
            if item:
                evidence.append(item)
    claim.update(key=key, places_list=json_column(claim["places"]) or [], names_list=json_column(claim["names"], []))
    sources = side_sources((h["side"], h["source"], h["source_kind"]) for h in history
                           if h["side"] in ("for", "against") and h["source"])
    return {
        "claim": claim, "history": history, "contradictions": contradictions, "members": members,
        "evidence": evidence, "evidence_more": sum(1 for h in history if h["statement_id"]) - len(evidence),
        "sources": sources, "first_article": members[0] if members else None,
    }


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
        "date_source": h["date_source"], "via": json_column(st["via"], []), "title": st["article_title"],
        "published": st["article_published"], "outlet": st["article_source"],
        "html": highlight(text, marks, lo, hi),  # the article's own words, in its own language
        **language_fields(st["article_language"]),
    }


def language_fields(code: str | None) -> dict:
    """``language`` (a code, for the lang attribute) and ``language_name`` (shown when not English)."""
    code = code or "en"
    return {"language": code, "language_name": read_json("read/languages.json")["names"].get(code, code)}


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


def _timeline_claims(conn: sqlite3.Connection, ids: set[str] | None, f: BoardFilters) -> list[dict]:
    """Dated history entries of the claims (first reported, confirmed, denied, ...), oldest first."""
    where = "1" if ids is None else "lc.id IN (SELECT value FROM json_each(:ids))"
    found = rows(conn, TIMELINE_SQL.format(where=where),
                 {**f.params(), "limit": f.page_size, "ids": keys_param(ids or set())})
    grouped = defaultdict(list)
    for r in found:
        r["published"] = r["date"]
        grouped[(r["date"], r["key"])].append(r)
    return [entries[0] | {"events": [e["event"] for e in entries], "sources": [e["source"] for e in entries]}
            for entries in grouped.values()]
