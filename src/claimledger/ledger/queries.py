"""Read-back queries: statements, each article's claims (with who is for and against), entities.

Claims here are keyed by (article_id, id): within one article.  The reconcile
layer (src/claimledger/reconcile/) groups them across articles in tables of its
own that point at these keys; ``reconcile.store.claim_rows`` lists either kind.

Also the two small readers every consumer of the ledger shares: ``json_column``
(the JSON-encoded columns) and ``side_of`` (which side a stance takes).
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict

from sqlite_utils import Database

from claimledger.stances import AGAINST, FOR, stances_on

# How a stance bears on the claim it is about: the stance table (data/attribution/stance_sides.tsv).
SUPPORTING = stances_on(FOR)
OPPOSING = stances_on(AGAINST)

# The two kinds of claim rows, named by the table they come from: each article's own claims, and the
# claims the reconcile layer groups across articles (reconcile.store.claim_rows reads either).
ARTICLE_CLAIMS = "claims"
LEDGER_CLAIMS = "ledger_claims"


def json_column(raw, default=None):
    """The value of a JSON-encoded column; ``default`` when it is empty, not JSON, or (when the default
    is a list or dict) of another kind, so a reader never fails on one odd row.  A value already
    decoded (rows built in memory from an Analysis) is taken as it is."""
    if raw is None or raw == "":
        return default
    if isinstance(raw, (list, dict)):
        value = raw
    else:
        try:
            value = json.loads(raw)
        except (TypeError, ValueError):
            return default
    if isinstance(default, (list, dict)) and not isinstance(value, type(default)):
        return default
    return value


def side_of(stance: str | None, negated) -> str | None:
    """for / against / None: the side a stance takes; a negated supporting cue ("did not confirm") takes none."""
    if stance in OPPOSING:
        return "against"
    if stance in SUPPORTING and not negated:
        return "for"
    return None


def _like(about: str) -> str:
    return f"%{about.strip()}%"


STATEMENTS_SQL = """
SELECT s.*, a.title AS article_title, a.published AS article_published, a.source AS article_source
FROM statements s JOIN articles a ON a.id = s.article_id
{where}
ORDER BY a.published, s.article_id, s.cue_start
"""

ABOUT_STATEMENT = """
WHERE s.speaker_name LIKE :about OR s.content_text LIKE :about OR s.via LIKE :about
   OR s.speaker_entity_id IN (SELECT id FROM entities WHERE name LIKE :about OR aliases LIKE :about)
"""


def statement_rows(db: Database, about: str | None = None) -> list[dict]:
    sql = STATEMENTS_SQL.format(where=ABOUT_STATEMENT if about else "")
    params = {"about": _like(about)} if about else {}
    return [_statement(row) for row in db.query(sql, params)]


def _statement(row: dict) -> dict:
    return {
        "id": row["id"], "article_id": row["article_id"],
        "speaker": row["speaker_name"], "speaker_country": row["speaker_country"],
        "speaker_entity_id": row["speaker_entity_id"],
        "speaker_resolved": None if row.get("speaker_resolved") is None else bool(row["speaker_resolved"]),
        "speaker_kind": row.get("speaker_kind"),
        "via": json_column(row["via"], []), "cue": row["cue_text"], "cue_lemma": row["cue_lemma"],
        "stance": row["stance"], "negated": bool(row["negated"]), "hedges": json_column(row["hedges"], []),
        "date": row["date_value"], "date_precision": row["date_precision"],
        "kind": row["kind"], "content": row["content_text"], "claim_id": row["claim_id"],
        "cue_start": row["cue_start"], "cue_end": row["cue_end"],
        "content_start": row["content_start"], "content_end": row["content_end"],
        "published": row["article_published"], "title": row["article_title"], "source": row["article_source"],
        "pipeline_version": row["pipeline_version"], "model": row["model"],
    }


CLAIMS_SQL = """
SELECT c.*, a.title AS article_title, a.published AS article_published
FROM claims c JOIN articles a ON a.id = c.article_id
WHERE (:status IS NULL OR c.status = :status)
  AND (:about IS NULL OR c.text LIKE :about OR c.actors LIKE :about OR c.places LIKE :about)
ORDER BY a.published, c.article_id, c.start
"""

CLAIM_STATEMENTS_SQL = """
SELECT cs.article_id, cs.claim_id, s.id, s.speaker_name, s.stance, s.negated, s.via, s.claim_side
FROM claim_statements cs
JOIN statements s ON s.article_id = cs.article_id AND s.id = cs.statement_id
ORDER BY s.cue_start
"""


def article_claim_rows(db: Database, status: str | None = None, about: str | None = None) -> list[dict]:
    """Each article's own claims, in order of publication, with their speakers for and against."""
    claims = list(db.query(CLAIMS_SQL, {"status": status, "about": _like(about) if about else None}))
    linked = defaultdict(list)
    for row in db.query(CLAIM_STATEMENTS_SQL):
        linked[(row["article_id"], row["claim_id"])].append(row)
    return [_claim(c, linked[(c["article_id"], c["id"])]) for c in claims]


def _claim(row: dict, statements: list[dict]) -> dict:
    speakers_for, speakers_against, sources = [], [], []
    for s in statements:
        speaker = s["speaker_name"]
        if speaker:
            _add(sources, speaker)
            side = _side(s)
            if side == "against":
                _add(speakers_against, speaker)
            elif side == "for":
                _add(speakers_for, speaker)
        for channel in json_column(s["via"], []):
            _add(sources, channel)
    return {
        "id": row["id"], "article_id": row["article_id"], "status": row["status"], "text": row["text"],
        "sources": sources, "for": speakers_for, "against": speakers_against,
        "statements": [s["id"] for s in statements],
        "actors": json_column(row["actors"], []), "places": json_column(row["places"], []),
        "start": row["start"], "end": row["end"],
        "published": row["article_published"], "title": row["article_title"],
    }


def _side(statement: dict) -> str | None:
    """The claims component's side when it set one; else the stance's direction.
    A negated supporting cue ("did not confirm") is then neither for nor against."""
    if statement.get("claim_side") in ("for", "against"):
        return statement["claim_side"]
    return side_of(statement["stance"], statement["negated"])


def _add(items: list, value) -> None:
    if value not in items:
        items.append(value)


ENTITIES_SQL = """
SELECT e.id, e.name, e.type, e.country, e.role, e.aliases, e.article_id,
       (SELECT count(*) FROM mentions m WHERE m.article_id = e.article_id AND m.entity_id = e.id) AS n_mentions
FROM entities e JOIN articles a ON a.id = e.article_id
ORDER BY e.id
"""


def entity_rows(db: Database) -> list[dict]:
    """One row per entity id across the ledger, most mentioned first."""
    grouped: dict[str, dict] = {}
    for row in db.query(ENTITIES_SQL):
        entry = grouped.setdefault(row["id"], {"names": Counter(), "types": Counter(), "countries": Counter(),
                                               "aliases": [], "mentions": 0, "articles": 0, "role": None})
        entry["names"][row["name"]] += 1
        entry["types"][row["type"]] += 1
        if row["country"]:
            entry["countries"][row["country"]] += 1
        for alias in json_column(row["aliases"], []):
            _add(entry["aliases"], alias)
        entry["mentions"] += row["n_mentions"]
        entry["articles"] += 1
        entry["role"] = entry["role"] or row["role"]
    rows = [{
        "id": eid, "name": e["names"].most_common(1)[0][0], "type": e["types"].most_common(1)[0][0],
        "country": e["countries"].most_common(1)[0][0] if e["countries"] else None, "role": e["role"],
        "aliases": e["aliases"], "mentions": e["mentions"], "articles": e["articles"],
    } for eid, e in grouped.items()]
    return sorted(rows, key=lambda r: (-r["mentions"], r["name"]))
