"""Read-only queries for the claim board and the claim page.

Works on the per-article claims the ledger stores (``claims``,
``claim_statements``, ``statements``): a claim's key is ``<article_id>.<claim_id>``.
Which side a statement takes comes from the ledger's own stance classes
(ledger.queries.SUPPORTING / OPPOSING), so the board agrees with
``claimledger claims``.
"""
from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass

from claimledger.ledger.queries import OPPOSING, SUPPORTING
from claimledger.model import CLAIM_STATUSES
from claimledger.web.articles import evidence_html, json_list, one, rows

# Board order: what an analyst must look at first.
STATUS_ORDER = ("disputed", "denied", "retracted", "confirmed", "reported")
assert set(STATUS_ORDER) == set(CLAIM_STATUSES)

# Below this many claims in one status the rows are sorted in memory; above it the board walks
# articles newest first and stops at the page (no sort of a huge status).
SMALL_STATUS = 3000


@dataclass
class BoardFilters:
    status: str | None = None
    actor: str | None = None
    place: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    page: int = 1
    page_size: int = 50

    def params(self) -> dict:
        return {"actor": _like(self.actor), "place": _like(self.place),
                "date_from": self.date_from or None,
                # published may carry a time: '~' sorts after every time suffix of the same day
                "date_to": (self.date_to + "~") if self.date_to else None}

    def query_args(self) -> dict:
        """The filters as URL arguments (for links that keep them)."""
        args = {"actor": self.actor, "place": self.place, "from": self.date_from, "to": self.date_to}
        return {k: v for k, v in args.items() if v}


def _like(value: str | None) -> str | None:
    return f"%{value.strip()}%" if value and value.strip() else None


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


def _where(f: BoardFilters) -> str:
    """Date filters in SQL; actor and place filters are matched first (matching_keys)."""
    return ("(:date_from IS NULL OR a.published >= :date_from) "
            "AND (:date_to IS NULL OR a.published <= :date_to)")


def matching_keys(conn: sqlite3.Connection, f: BoardFilters) -> set[tuple[str, str]] | None:
    """(article_id, claim_id) of the claims the actor and place filters allow; None when neither is set."""
    keys = None
    for value, sql in ((f.actor, ACTOR_MATCH), (f.place, PLACE_MATCH)):
        if value and value.strip():
            found = {tuple(r) for r in conn.execute(sql, f.params())}
            keys = found if keys is None else keys & found
    return keys


KEYED_SQL = """
SELECT {columns} FROM json_each(:keys) k
JOIN claims c ON c.article_id = json_extract(k.value, '$[0]') AND c.id = json_extract(k.value, '$[1]')
JOIN articles a ON a.id = c.article_id
WHERE {where}
"""


def _keyed_board(conn, f: BoardFilters, keys: set[tuple[str, str]]) -> tuple[dict[str, int], list[dict]]:
    """Counts and the page's rows when an actor or place filter has narrowed the claims to a known set."""
    found = rows(conn, KEYED_SQL.format(columns=BOARD_COLUMNS, where=_where(f)),
                 {**f.params(), "keys": json.dumps(sorted(keys))})
    counts = {s: 0 for s in STATUS_ORDER}
    for r in found:
        if r["status"] in counts:
            counts[r["status"]] += 1
    rank = {s: i for i, s in enumerate(STATUS_ORDER)}
    chosen = [r for r in found if r["status"] in counts and (not f.status or r["status"] == f.status)]
    chosen.sort(key=lambda r: (r["article_id"], r["start"] or 0))
    chosen.sort(key=lambda r: r["published"] or "", reverse=True)
    chosen.sort(key=lambda r: rank[r["status"]])
    offset = (max(1, f.page) - 1) * f.page_size
    return counts, chosen[offset:offset + f.page_size]


def status_counts(conn: sqlite3.Connection, f: BoardFilters) -> dict[str, int]:
    unfiltered = not (f.date_from or f.date_to)
    if unfiltered:  # the status index alone answers this
        found = rows(conn, "SELECT status, count(*) AS n FROM claims GROUP BY status")
    else:
        found = rows(conn, f"""SELECT c.status, count(*) AS n FROM claims c JOIN articles a ON a.id = c.article_id
                                WHERE {_where(f)} GROUP BY c.status""", f.params())
    counts = {s: 0 for s in STATUS_ORDER}
    for r in found:
        if r["status"] in counts:
            counts[r["status"]] = r["n"]
    return counts


BOARD_COLUMNS = """c.article_id, c.id, c.text, c.status, c.actors, c.places, c.start,
                   a.published, a.title, a.source"""


def _status_rows(conn, f: BoardFilters, status: str, offset: int, limit: int, small: bool) -> list[dict]:
    params = {**f.params(), "status": status, "limit": limit, "offset": offset}
    if small:  # few claims: find them by the status index, sort them here
        sql = f"""SELECT {BOARD_COLUMNS} FROM claims c JOIN articles a ON a.id = c.article_id
                  WHERE c.status = :status AND {_where(f)}
                  ORDER BY a.published DESC, c.article_id, c.start LIMIT :limit OFFSET :offset"""
    else:  # many: walk articles newest first (published index) and stop once the page is full
        sql = f"""SELECT {BOARD_COLUMNS} FROM articles a CROSS JOIN claims c ON c.article_id = a.id
                  WHERE +c.status = :status AND {_where(f)}
                  ORDER BY a.published DESC, a.id, c.start LIMIT :limit OFFSET :offset"""
    return rows(conn, sql, params)


def page_plan(counts: dict[str, int], status: str | None, offset: int, limit: int) -> list[tuple[str, int, int]]:
    """(status, offset, limit) slices that make one page of the board, statuses in STATUS_ORDER."""
    plan = []
    for s in ([status] if status else STATUS_ORDER):
        n = counts.get(s, 0)
        if offset >= n:
            offset -= n
            continue
        take = min(limit, n - offset)
        plan.append((s, offset, take))
        limit -= take
        offset = 0
        if limit <= 0:
            break
    return plan


def board(conn: sqlite3.Connection, f: BoardFilters) -> dict:
    """One page of the claim board: claims by status (disputed first) with their sources for and against."""
    keys = matching_keys(conn, f)
    if keys is not None:
        counts, found = _keyed_board(conn, f, keys)
    else:
        counts = status_counts(conn, f)
        offset = (max(1, f.page) - 1) * f.page_size
        found = []
        for status, off, lim in page_plan(counts, f.status, offset, f.page_size):
            found += _status_rows(conn, f, status, off, lim, small=counts[status] <= SMALL_STATUS)
    total = counts.get(f.status, 0) if f.status else sum(counts.values())
    sides = _sides(conn, [(r["article_id"], r["id"]) for r in found])
    claims = [_board_row(r, sides.get((r["article_id"], r["id"]), [])) for r in found]
    return {"claims": claims, "counts": counts, "total": total, "page": f.page,
            "pages": max(1, -(-total // f.page_size))}


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


def side_of(stance: str | None, negated) -> str | None:
    """for / against / None: a negated supporting cue ("did not confirm") takes no side."""
    if stance in OPPOSING:
        return "against"
    if stance in SUPPORTING and not negated:
        return "for"
    return None


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
    for channel in json_list(statement["via"]):
        out.append({"name": channel, "side": side, "kind": "relay",
                    "statement_id": statement["statement_id"], "article_id": statement["article_id"]})
    return out


def _sides(conn, keys: list[tuple[str, str]]) -> dict[tuple[str, str], list[dict]]:
    if not keys:
        return {}
    wanted = set(keys)
    out = defaultdict(list)
    for row in rows(conn, SIDES_SQL, {"articles": json.dumps(sorted({a for a, _ in keys}))}):
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


def claim_detail(conn: sqlite3.Connection, key: str) -> dict | None:
    """One per-article claim in the same shape as ledger_claims.claim_detail."""
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
            "sources": _side_sources(evidence), "first_article": member}


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
        "via": json_list(st["via"]), "title": article["title"], "published": article["published"],
        "outlet": article["source"], "html": evidence_html(article["text"], st), "sources": sources_of(row),
    }


def _side_sources(evidence: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, dict] = {"for": {}, "against": {}}
    for e in evidence:
        for s in e["sources"]:
            entry = out[s["side"]].setdefault((s["name"], s["kind"]), {"name": s["name"], "kind": s["kind"],
                                                                       "entries": 0})
            entry["entries"] += 1
    return {side: list(found.values()) for side, found in out.items()}


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


def timeline_claims(conn: sqlite3.Connection, f: BoardFilters) -> list[dict]:
    """Claims on the day they were reported, oldest first, within the filters."""
    keys = matching_keys(conn, f)
    if keys is not None:
        found = rows(conn, KEYED_SQL.format(columns="c.article_id, c.id, c.text, c.status, a.published, a.title",
                                            where=_where(f)) + " ORDER BY a.published, a.id, c.start LIMIT :limit",
                     {**f.params(), "keys": json.dumps(sorted(keys)), "limit": f.page_size})
    else:
        found = rows(conn, TIMELINE_CLAIMS_SQL.format(where=_where(f)), {**f.params(), "limit": f.page_size})
    for r in found:
        r["key"] = claim_key(r["article_id"], r["id"])
    return found
