"""Read-only queries for the article page, the map and the timeline.

Functions take an open ``sqlite3.Connection`` (Datasette hands one to
``execute_fn``) and return plain dicts; nothing here parses text.
"""
from __future__ import annotations

import sqlite3

from claimledger.ledger.queries import json_column
from claimledger.web.markup import Mark, highlight, sentence_window


def rows(conn: sqlite3.Connection, sql: str, params=()) -> list[dict]:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def one(conn: sqlite3.Connection, sql: str, params=()) -> dict | None:
    found = rows(conn, sql, params)
    return found[0] if found else None


def table_names(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


# -- article page ---------------------------------------------------------------

def article_detail(conn: sqlite3.Connection, article_id: str) -> dict | None:
    """The article with every extraction, and its text as marked-up HTML."""
    article = one(conn, "SELECT * FROM articles WHERE id = ?", [article_id])
    if article is None:
        return None
    param = [article_id]
    statements = rows(conn, "SELECT * FROM statements WHERE article_id = ? ORDER BY cue_start", param)
    entities = rows(conn, """
        SELECT e.*, (SELECT count(*) FROM mentions m WHERE m.article_id = e.article_id AND m.entity_id = e.id)
               AS n_mentions
        FROM entities e WHERE e.article_id = ? ORDER BY n_mentions DESC, e.name""", param)
    mentions = rows(conn, "SELECT * FROM mentions WHERE article_id = ? ORDER BY start", param)
    places = rows(conn, "SELECT * FROM places WHERE article_id = ? ORDER BY start", param)
    dates = rows(conn, "SELECT * FROM dates WHERE article_id = ? ORDER BY start", param)
    quantities = rows(conn, "SELECT * FROM quantities WHERE article_id = ? ORDER BY start", param)
    claims = rows(conn, "SELECT * FROM claims WHERE article_id = ? ORDER BY start", param)
    names = {e["id"]: e for e in entities}
    marks = (statement_marks(statements)
             + [Mark(m["start"], m["end"], "actor", _entity_label(names.get(m["entity_id"]))) for m in mentions]
             + [Mark(p["start"], p["end"], "place", _place_label(p)) for p in places]
             + [Mark(d["start"], d["end"], "date", d["value"] or "unresolved") for d in dates]
             + [Mark(q["start"], q["end"], "quantity", _quantity_label(q)) for q in quantities])
    for s in statements:
        s["via_list"] = json_column(s.get("via"), [])
    return {
        "article": article, "html": highlight(article["text"], marks, anchors=statement_anchors(statements)),
        "statements": statements, "entities": entities, "places": places, "dates": dates,
        "quantities": quantities, "claims": claims,
    }


def statement_anchors(statements: list[dict]) -> dict[int, list[str]]:
    """Where each statement starts, keyed for ``#st-<id>`` links from the claim page."""
    anchors = {}
    for s in statements:
        first = min((x for x in (s.get("speaker_start"), s.get("cue_start"), s.get("content_start"))
                     if x is not None), default=None)
        if first is not None:
            anchors.setdefault(first, []).append(f"st-{s['id']}")
    return anchors


def statement_marks(statements: list[dict]) -> list[Mark]:
    marks = []
    for s in statements:
        speaker = s.get("speaker_name") or "unnamed source"
        if s.get("speaker_start") is not None:
            marks.append(Mark(s["speaker_start"], s["speaker_end"], "speaker", f"speaker: {speaker}"))
        if s.get("cue_start") is not None:
            marks.append(Mark(s["cue_start"], s["cue_end"], "cue", f"cue: {s.get('stance') or ''}"))
        if s.get("content_start") is not None:
            marks.append(Mark(s["content_start"], s["content_end"], "content", f"what {speaker} said"))
    return marks


def evidence_html(text: str, statement: dict):
    """The line of the article around one statement, with its speaker, cue and content highlighted."""
    spans = [(statement.get(f"{k}_start"), statement.get(f"{k}_end")) for k in ("speaker", "cue", "content")]
    spans = [(a, b) for a, b in spans if a is not None and b is not None]
    if not spans:
        return highlight("", [])
    start, end = sentence_window(text, min(a for a, _ in spans), max(b for _, b in spans))
    return highlight(text, statement_marks([statement]), start, end)


def _entity_label(entity: dict | None) -> str | None:
    if not entity:
        return None
    return " · ".join(x for x in (entity.get("name"), entity.get("type"), entity.get("country")) if x)


def _place_label(place: dict) -> str:
    parts = [place.get("name"), place.get("feature"), place.get("country")]
    return " · ".join(str(x) for x in parts if x)


def _quantity_label(q: dict) -> str:
    value = q.get("value")
    shown = f"{value:g}" if isinstance(value, float) else str(value)
    return " ".join(x for x in (("~" if q.get("approximate") else "") + shown, q.get("unit") or "") if x)


# -- map ------------------------------------------------------------------------

MAP_SQL = """
SELECT name, lat, lon, country, feature, geonames_id,
       count(*) AS mentions, count(DISTINCT article_id) AS articles
FROM places
WHERE lat IS NOT NULL AND lon IS NOT NULL
GROUP BY coalesce(CAST(geonames_id AS TEXT), name || '|' || round(lat, 2) || '|' || round(lon, 2))
ORDER BY mentions DESC
LIMIT :limit
"""


def map_places(conn: sqlite3.Connection, limit: int = 2000) -> list[dict]:
    return rows(conn, MAP_SQL, {"limit": limit})


# -- timeline -------------------------------------------------------------------

EVENT_WINDOW = 160  # characters either side of a date fetched to show the line it sits in

EVENTS_SQL = """
SELECT d.article_id, d.start, d.end, d.text, d.value, d.precision, a.title, a.published,
       max(0, d.start - :window) AS window_start,
       substr(a.text, max(0, d.start - :window) + 1, d.end - max(0, d.start - :window) + :window) AS window_text
FROM dates d JOIN articles a ON a.id = d.article_id
WHERE d.precision IN ('day', 'month', 'year') AND d.value IS NOT NULL
  AND (:date_from IS NULL OR d.value >= :date_from)
  AND (:date_to IS NULL OR d.value <= :date_to)
ORDER BY d.value, d.article_id, d.start
LIMIT :limit
"""


def timeline_events(conn: sqlite3.Connection, date_from=None, date_to=None, limit: int = 300) -> list[dict]:
    """Dated events: each resolved date in the text with the line it sits in, the date highlighted.

    Only a window of the article around the date is read, not the whole text."""
    out = []
    params = {"date_from": date_from, "date_to": date_to, "limit": limit, "window": EVENT_WINDOW}
    for row in rows(conn, EVENTS_SQL, params):
        text, base = row.pop("window_text") or "", row.pop("window_start")
        mark = Mark(row["start"] - base, row["end"] - base, "date", row["value"])
        start, end = sentence_window(text, mark.start, mark.end, limit=EVENT_WINDOW, open_left=base > 0,
                                     open_right=len(text) == row["end"] - base + EVENT_WINDOW)
        row["html"] = highlight(text, [mark], start, end)
        out.append(row)
    return out
