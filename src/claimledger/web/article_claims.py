"""The board's rows, claim page and timeline over each article's own claims.

Reads what ingest stores (``claims``, ``claim_statements``, ``statements``); a
claim's key is ``<article_id>.<claim_id>``.  The board shows these until the
reconcile layer has built its claims across articles (web.ledger_claims).
Which side a statement takes is the ledger's own ``side_of``, so the board agrees
with ``claimledger claims``.
"""
from __future__ import annotations

import sqlite3
from collections import defaultdict

from claimledger.ledger.queries import json_column, side_of
from claimledger.web.articles import evidence_html, one, rows
from claimledger.web.board import BoardFilters, ClaimSource, keys_param, side_sources

# Below this many claims in one status the rows are sorted in memory; above it the board walks
# articles newest first and stops at the page (no sort of a huge status).
SMALL_STATUS = 3000

# Date filters in SQL; actor and place filters are matched first (ClaimSource.matching_keys).
DATED = ("(:date_from IS NULL OR a.published >= :date_from) "
         "AND (:date_to IS NULL OR a.published <= :date_to)")

# Claims that name the actor: as a speaker of one of their statements, or as an actor of the claim.
# (statements.claim_id is the statement's side of the claim_statements link: one row, no join)
ACTOR_MATCH = """
SELECT s.article_id, s.claim_id FROM statements s
WHERE s.claim_id IS NOT NULL AND (s.speaker_name LIKE :actor OR s.via LIKE :actor)
UNION
SELECT c.article_id, c.id FROM entities e JOIN claims c ON c.article_id = e.article_id
WHERE (e.name LIKE :actor OR e.aliases LIKE :actor) AND instr(c.actors, '"' || e.id || '"') > 0
"""

# Claims that name the place: among the claim's places, or in its text.
PLACE_MATCH = """
SELECT c.article_id, c.id FROM places p JOIN claims c ON c.article_id = p.article_id
WHERE p.name LIKE :place
  AND (instr(c.places, '"' || p.geonames_id || '"') > 0 OR instr(c.places, '"' || lower(p.name) || '"') > 0)
UNION
SELECT c.article_id, c.id FROM claims c WHERE c.text LIKE :place
"""

KEYED_SQL = """
SELECT {columns} FROM json_each(:keys) k
JOIN claims c ON c.article_id = json_extract(k.value, '$[0]') AND c.id = json_extract(k.value, '$[1]')
JOIN articles a ON a.id = c.article_id
WHERE {where}
"""

BOARD_COLUMNS = """c.article_id, c.id, c.text, c.status, c.actors, c.places, c.start,
                   a.published, a.title, a.source"""

# few claims of a status: find them by the status index, sort them here
SMALL_STATUS_SQL = f"""SELECT {BOARD_COLUMNS} FROM claims c JOIN articles a ON a.id = c.article_id
                  WHERE c.status = :status AND {DATED}
                  ORDER BY a.published DESC, c.article_id, c.start LIMIT :limit OFFSET :offset"""
# many: walk articles newest first (published index) and stop once the page is full
LARGE_STATUS_SQL = f"""SELECT {BOARD_COLUMNS} FROM articles a CROSS JOIN claims c ON c.article_id = a.id
                  WHERE +c.status = :status AND {DATED}
                  ORDER BY a.published DESC, a.id, c.start LIMIT :limit OFFSET :offset"""


class ArticleClaims(ClaimSource):
    reconciled = False
    actor_sql = ACTOR_MATCH
    place_sql = PLACE_MATCH
    counts_sql = "SELECT status, count(*) AS n FROM claims GROUP BY status"  # the status index alone
    dated_counts_sql = f"""SELECT c.status, count(*) AS n FROM claims c JOIN articles a ON a.id = c.article_id
                                WHERE {DATED} GROUP BY c.status"""
    keyed_sql = KEYED_SQL.format(columns=BOARD_COLUMNS, where=DATED)
    newest = "published"

    def key(self, match: tuple) -> tuple[str, str]:
        return tuple(match)

    def tiebreak(self, row: dict) -> tuple:
        return row["article_id"], row["start"] or 0

    def status_rows(self, conn, f: BoardFilters, status: str, offset: int, limit: int, n_status: int) -> list[dict]:
        sql = SMALL_STATUS_SQL if n_status <= SMALL_STATUS else LARGE_STATUS_SQL
        return rows(conn, sql, {**f.params(), "status": status, "limit": limit, "offset": offset})

    def board_rows(self, conn, found: list[dict]) -> list[dict]:
        sides = _sides(conn, [(r["article_id"], r["id"]) for r in found])
        return [_board_row(r, sides.get((r["article_id"], r["id"]), [])) for r in found]

    def claim_detail(self, conn, key: str) -> dict | None:
        return _claim_detail(conn, key)

    def timeline_claims(self, conn, f: BoardFilters) -> list[dict]:
        return _timeline_claims(conn, self.matching_keys(conn, f), f)


def claim_key(article_id: str, claim_id: str) -> str:
    return f"{article_id}.{claim_id}"


def split_key(key: str) -> tuple[str, str] | None:
    article_id, dot, claim_id = (key or "").partition(".")
    return (article_id, claim_id) if dot and article_id and claim_id else None


def _board_row(row: dict, sources: list[dict]) -> dict:
    side = {"for": [], "against": []}
    for s in sources:
        if s["side"] in side and s["name"] not in side[s["side"]]:
            side[s["side"]].append(s["name"])
    return {
        "key": claim_key(row["article_id"], row["id"]), "article_id": row["article_id"], "id": row["id"],
        "text": row["text"], "status": row["status"], "published": row["published"], "title": row["title"],
        "source": row["source"], "for": side["for"], "against": side["against"],
        "n_for": len(side["for"]), "n_against": len(side["against"]),
    }


# -- sides and kinds of sources -------------------------------------------------

SIDES_SQL = """
SELECT cs.article_id, cs.claim_id, s.id AS statement_id, s.speaker_name, s.speaker_entity_id, s.stance,
       s.negated, s.via, e.type AS entity_type
FROM claim_statements cs
JOIN statements s ON s.article_id = cs.article_id AND s.id = cs.statement_id
LEFT JOIN entities e ON e.article_id = s.article_id AND e.id = s.speaker_entity_id
WHERE cs.article_id IN (SELECT value FROM json_each(:articles))
ORDER BY s.cue_start
"""


def speaker_kind(name: str | None, entity_id: str | None, entity_type: str | None) -> str:
    """party (a named actor speaking for itself), relay (a medium passing it on) or vague, the
    reconcile layer's word for anonymous and collective sources.

    Vague here: no speaker, or one that is no named actor and is written in lower case
    ("officials", "a source close to ...")."""
    if entity_type == "media":
        return "relay"
    if not name or (not entity_id and not name[:1].isupper()):
        return "vague"
    return "party"


def sources_of(statement: dict) -> list[dict]:
    """The sources one statement gives a claim: its speaker, and each channel it came through."""
    side = side_of(statement["stance"], statement["negated"])
    if side is None:
        return []
    out = [{"name": statement["speaker_name"] or "unnamed source", "side": side,
            "kind": speaker_kind(statement["speaker_name"], statement["speaker_entity_id"],
                                 statement["entity_type"]),
            "statement_id": statement["statement_id"], "article_id": statement["article_id"]}]
    for channel in json_column(statement["via"], []):
        out.append({"name": channel, "side": side, "kind": "relay",
                    "statement_id": statement["statement_id"], "article_id": statement["article_id"]})
    return out


def _sides(conn, keys: list[tuple[str, str]]) -> dict[tuple[str, str], list[dict]]:
    if not keys:
        return {}
    wanted = set(keys)
    out = defaultdict(list)
    for row in rows(conn, SIDES_SQL, {"articles": keys_param({a for a, _ in keys})}):
        key = (row["article_id"], row["claim_id"])
        if key in wanted:
            out[key] += sources_of(row)
    return out


# -- claim page -----------------------------------------------------------------

EVIDENCE_SQL = """
SELECT s.*, e.type AS entity_type, e.name AS entity_name
FROM claim_statements cs
JOIN statements s ON s.article_id = cs.article_id AND s.id = cs.statement_id
LEFT JOIN entities e ON e.article_id = s.article_id AND e.id = s.speaker_entity_id
WHERE cs.article_id = :article_id AND cs.claim_id = :claim_id
ORDER BY s.cue_start
"""


def _claim_detail(conn: sqlite3.Connection, key: str) -> dict | None:
    """One per-article claim in the shape of the claim page over ledger claims (LedgerClaims.claim_detail)."""
    parts = split_key(key)
    if not parts:
        return None
    article_id, claim_id = parts
    claim = one(conn, "SELECT * FROM claims WHERE article_id = ? AND id = ?", [article_id, claim_id])
    if claim is None:
        return None
    article = one(conn, "SELECT id, title, source, url, published, text FROM articles WHERE id = ?", [article_id])
    claim["key"] = key
    published = (article["published"] or "")[:10] or None
    evidence = [_evidence(st, article, published)
                for st in rows(conn, EVIDENCE_SQL, {"article_id": article_id, "claim_id": claim_id})]
    history = sorted(({"date": e["date"], "date_source": e["date_source"], "event": None, "source": e["speaker"],
                       "source_kind": e["kind"], "stance": e["stance"], "side": e["side"], "cue": e["cue"],
                       "article_id": e["article_id"], "statement_id": e["id"], "via_list": e["via"],
                       "also_in_list": []} for e in evidence),
                     key=lambda h: (h["date"] or "9999", h["statement_id"]))
    member = {"article_id": article_id, "article_claim_id": claim_id, "text": claim["text"],
              "published": published, "title": article["title"], "source": article["source"]}
    return {"claim": claim, "history": history, "contradictions": _contradictions(evidence),
            "members": [member], "evidence": evidence, "evidence_more": 0,
            "sources": side_sources((s["side"], s["name"], s["kind"]) for e in evidence for s in e["sources"]),
            "first_article": member}


def _evidence(st: dict, article: dict, published: str | None) -> dict:
    row = {"statement_id": st["id"], "speaker_name": st["speaker_name"],
           "speaker_entity_id": st["speaker_entity_id"], "stance": st["stance"], "negated": st["negated"],
           "via": st["via"], "entity_type": st["entity_type"], "article_id": st["article_id"]}
    speaker = st["speaker_name"] or "unnamed source"
    return {
        "id": st["id"], "article_id": st["article_id"], "speaker": speaker, "source": speaker,
        "kind": speaker_kind(st["speaker_name"], st["speaker_entity_id"], st["entity_type"]),
        "cue": st["cue_text"], "stance": st["stance"], "negated": bool(st["negated"]),
        "side": side_of(st["stance"], st["negated"]), "event": None,
        "date": st["date_value"] or published, "date_source": "stated" if st["date_value"] else "published",
        "via": json_column(st["via"], []), "title": article["title"], "published": article["published"],
        "outlet": article["source"], "html": evidence_html(article["text"], st), "sources": sources_of(row),
    }


def _contradictions(evidence: list[dict]) -> list[dict]:
    """Every pair of a statement for and one against, with why they clash."""
    out = []
    for a in (e for e in evidence if e["side"] == "for"):
        for b in (e for e in evidence if e["side"] == "against"):
            out.append({"kind": "denial", "a_source": a["speaker"], "b_source": b["speaker"],
                        "reason": f"{a['speaker']} {a['cue'] or a['stance']} it ({a['stance']}); "
                                  f"{b['speaker']} {b['cue'] or b['stance']} it ({b['stance']})"})
    return out


# -- timeline -------------------------------------------------------------------

TIMELINE_CLAIMS_SQL = """
SELECT c.article_id, c.id, c.text, c.status, a.published, a.title
FROM articles a CROSS JOIN claims c ON c.article_id = a.id
WHERE {where}
ORDER BY a.published, a.id, c.start
LIMIT :limit
"""


def _timeline_claims(conn: sqlite3.Connection, keys: set | None, f: BoardFilters) -> list[dict]:
    """Claims on the day they were reported, oldest first, within the filters (and ``keys`` when set)."""
    if keys is not None:
        found = rows(conn, KEYED_SQL.format(columns="c.article_id, c.id, c.text, c.status, a.published, a.title",
                                            where=DATED) + " ORDER BY a.published, a.id, c.start LIMIT :limit",
                     {**f.params(), "keys": keys_param(keys), "limit": f.page_size})
    else:
        found = rows(conn, TIMELINE_CLAIMS_SQL.format(where=DATED), {**f.params(), "limit": f.page_size})
    for r in found:
        r["key"] = claim_key(r["article_id"], r["id"])
    return found
