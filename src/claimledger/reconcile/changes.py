"""What an ingest changed in the ledger claims, as rows of the ``changes`` table.

``recording_changes(db)`` wraps the one reconcile of an ingest (ingest.core):
while the reconcile runs, temporary triggers on this connection copy every
ledger claim, member and contradiction row it replaces or deletes, as it was
(``cl_old_*``), and note the rows it writes (``cl_new_*``).  After it, each
ledger claim written that holds an article the reconcile added is compared
with the claims its members belonged to before:

- ``new``: none of its members belonged to a claim (after: its status);
- ``status``: its status differs from its predecessor's (reported → disputed);
- ``source``: a source name for or against it that none of its predecessors had;
- ``contradiction``: a contradiction none of its predecessors had.

The cost grows with the claims the reconcile rewrote, not with the ledger
(no snapshot of the whole table), and the result depends only on the tables
before and after, so it is the same in any order of the articles of one
batch, and for a batch added after an interrupted run (the articles the
reconcile adds are the stored ones it had not reconciled yet).  The change
rows are written in the reconcile's transaction: both or neither.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlite_utils import Database

from claimledger.ledger.queries import json_column

CHANGE_KINDS = ("new", "status", "source", "contradiction")
# the tables whose rows a reconcile rewrites, and their primary keys
WATCHED = {"ledger_claims": ("id",), "ledger_claim_members": ("article_id", "article_claim_id"),
           "contradictions": ("id",)}


@dataclass
class Recorder:
    """Filled in when the ``recording_changes`` block ends: the change rows written."""
    rows: list[dict] = field(default_factory=list)


def pending_articles(db: Database) -> list[str]:
    """The stored articles the cross-article tables do not reflect yet (all of them before a first reconcile)."""
    if "reconcile_articles" not in db.table_names():
        return [r[0] for r in db.execute("SELECT id FROM articles ORDER BY id")]
    return [r[0] for r in db.execute(
        "SELECT a.id FROM articles a LEFT JOIN reconcile_articles r ON r.id = a.id WHERE r.id IS NULL ORDER BY a.id")]


@contextmanager
def recording_changes(db: Database, now: str | None = None):
    """Run a reconcile inside the block; its changes are written to ``changes`` (and in ``recorder.rows``)
    in the same transaction."""
    from claimledger.reconcile.tables import migrate

    migrate(db)
    recorder = Recorder()
    with db.atomic():
        new_articles = set(pending_articles(db))
        _install(db)
        try:
            yield recorder
            recorder.rows = compute_changes(db, new_articles, now or _now())
            if recorder.rows:
                db["changes"].insert_all(recorder.rows, pk="id", ignore=True)
        finally:
            _uninstall(db)


# -- the triggers ---------------------------------------------------------------------------------

def _columns(db: Database, table: str) -> list[str]:
    return [r[1] for r in db.execute(f"PRAGMA main.table_info([{table}])")]


def _install(db: Database) -> None:
    for table, pk in WATCHED.items():
        cols = _columns(db, table)
        col_list = ", ".join(f"[{c}]" for c in cols)
        db.execute(f"CREATE TEMP TABLE IF NOT EXISTS cl_old_{table} ({col_list}, PRIMARY KEY ({', '.join(pk)}))")
        db.execute(f"CREATE TEMP TABLE IF NOT EXISTS cl_new_{table} ({', '.join(pk)}, PRIMARY KEY ({', '.join(pk)}))")
        db.execute(f"DELETE FROM temp.cl_old_{table}")
        db.execute(f"DELETE FROM temp.cl_new_{table}")

        def same(row: str, pk=pk) -> str:
            return " AND ".join(f"n.[{k}] IS {row}.[{k}]" for k in pk)
        not_new = f"NOT EXISTS (SELECT 1 FROM cl_new_{table} n WHERE {{}})"
        old_values = ", ".join(f"OLD.[{c}]" for c in cols)
        db.execute(f"CREATE TEMP TRIGGER IF NOT EXISTS cl_del_{table} BEFORE DELETE ON main.[{table}] "
                   f"WHEN {not_new.format(same('OLD'))} BEGIN "
                   f"INSERT OR IGNORE INTO cl_old_{table} VALUES ({old_values}); END")
        db.execute(f"CREATE TEMP TRIGGER IF NOT EXISTS cl_upd_{table} BEFORE UPDATE ON main.[{table}] "
                   f"WHEN {not_new.format(same('OLD'))} BEGIN "
                   f"INSERT OR IGNORE INTO cl_old_{table} VALUES ({old_values}); END")
        match = " AND ".join(f"t.[{k}] IS NEW.[{k}]" for k in pk)
        db.execute(f"CREATE TEMP TRIGGER IF NOT EXISTS cl_rep_{table} BEFORE INSERT ON main.[{table}] "
                   f"WHEN {not_new.format(same('NEW'))} BEGIN "
                   f"INSERT OR IGNORE INTO cl_old_{table} SELECT {', '.join(f't.[{c}]' for c in cols)} "
                   f"FROM main.[{table}] t WHERE {match}; END")
        for event in ("INSERT", "UPDATE"):  # rows written (in place too: whatever way update.py writes)
            db.execute(f"CREATE TEMP TRIGGER IF NOT EXISTS cl_{event[:3].lower()}_new_{table} AFTER {event} "
                       f"ON main.[{table}] BEGIN INSERT OR IGNORE INTO cl_new_{table} "
                       f"VALUES ({', '.join(f'NEW.[{k}]' for k in pk)}); END")


def _uninstall(db: Database) -> None:
    for table in WATCHED:
        for kind in ("del", "upd", "rep", "ins_new", "upd_new"):
            db.execute(f"DROP TRIGGER IF EXISTS temp.cl_{kind}_{table}")
        db.execute(f"DROP TABLE IF EXISTS temp.cl_old_{table}")
        db.execute(f"DROP TABLE IF EXISTS temp.cl_new_{table}")


# -- comparing ------------------------------------------------------------------------------------

def _rows(db: Database, sql: str, params=()) -> list[dict]:
    cur = db.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def compute_changes(db: Database, new_articles: set[str], now: str) -> list[dict]:
    """The change rows of the claims just rewritten that hold one of ``new_articles``, in a stable order."""
    if not new_articles:
        return []
    old_claims = {r["id"]: r for r in _rows(db, "SELECT * FROM temp.cl_old_ledger_claims")}
    old_member_of = {(r["article_id"], r["article_claim_id"]): r["claim_id"]
                     for r in _rows(db, "SELECT * FROM temp.cl_old_ledger_claim_members")}
    old_contra: dict[str, set] = {}
    for r in _rows(db, "SELECT claim_id, kind, a, b FROM temp.cl_old_contradictions"):
        old_contra.setdefault(r["claim_id"], set()).add(_signature(r))
    written = _rows(db, "SELECT c.* FROM ledger_claims c JOIN temp.cl_new_ledger_claims n ON n.id = c.id "
                        "ORDER BY c.id")
    out = []
    for claim in written:
        cid = claim["id"]
        members = _rows(db, "SELECT article_id, article_claim_id FROM ledger_claim_members WHERE claim_id = ?",
                        [cid])
        history = _rows(db, "SELECT seq, date, source, side, article_id FROM claim_history WHERE claim_id = ? "
                            "ORDER BY seq", [cid])
        fresh = [h for h in history if h["article_id"] in new_articles]
        if not fresh and not any(m["article_id"] in new_articles for m in members):
            continue  # rewritten for another reason (a count relinked, new rules): not this ingest's change
        preds = Counter(old_member_of[(m["article_id"], m["article_claim_id"])] for m in members
                        if (m["article_id"], m["article_claim_id"]) in old_member_of)
        if cid in old_claims:
            pred = cid
        elif preds:
            pred = sorted(preds, key=lambda p: (-preds[p], p))[0]
        else:
            pred = None
        added = sorted({m["article_id"] for m in members if m["article_id"] in new_articles}
                       | {h["article_id"] for h in fresh})
        first = _first_article(fresh, added)
        if pred is None or pred not in old_claims:
            out.append(_change(now, claim, "new", None, claim["status"], first, ""))
        else:
            before = old_claims[pred]
            if before["status"] != claim["status"]:
                side = "against" if claim["status"] in ("disputed", "denied", "retracted") else "for"
                out.append(_change(now, claim, "status", before["status"], claim["status"],
                                   _first_article([h for h in fresh if h["side"] == side], added), ""))
            every_pred = set(preds) | {pred}
            for side, column in (("for", "for_names"), ("against", "against_names")):
                had = set().union(*(json_column(old_claims[p][column], []) for p in every_pred if p in old_claims))
                for name in sorted(set(json_column(claim[column], [])) - had):
                    by = [h for h in fresh if h["side"] == side and h["source"] == name]
                    out.append(_change(now, claim, "source", None, f"{side}: {name}",
                                       _first_article(by, added), side))
        known = set().union(*(old_contra.get(p, set()) for p in set(preds) | {pred, cid} if p))
        for x in _rows(db, "SELECT id, kind, reason, a, b FROM contradictions WHERE claim_id = ? ORDER BY id", [cid]):
            sig = _signature(x)
            brought = sorted(a for a, _s in sig[1] if a in new_articles)
            if sig in known or not brought:
                continue  # the same disagreement as before (paired anew when claims merged), or none of this batch's
            out.append(_change(now, claim, "contradiction", None, x["reason"], brought[0], x["kind"]))
    return out


# contradictions whose side b is the statement against the claim (history.contradictions); the others
# (quantity, date, place) are conflicts between two statements for it
AGAINST_KINDS = {"denial", "dismissal", "negated_predicate", "contrary_statement", "refutation"}


def _signature(row: dict) -> tuple:
    """What a contradiction is, whichever ledger claim holds it and whichever supporting statement it is
    paired with: the kind and the statement against (or, for a value conflict, both statements)."""
    a, b = (json_column(row[k], {}) for k in ("a", "b"))
    ref = [(b.get("article_id"), b.get("statement_id"))]
    if row["kind"] not in AGAINST_KINDS:
        ref = sorted(ref + [(a.get("article_id"), a.get("statement_id"))])
    return row["kind"], tuple(ref)


def _first_article(entries: list[dict], fallback: list[str]) -> str | None:
    """The earliest (date, article) among history entries, else the first added article."""
    dated = sorted((h["date"] or "9999", h["article_id"]) for h in entries if h["article_id"])
    if dated:
        return dated[0][1]
    return fallback[0] if fallback else None


def _change(now: str, claim: dict, kind: str, before, after, article_id, detail: str) -> dict:
    key = json.dumps([claim["id"], kind, before, after, article_id, detail], ensure_ascii=False)
    return {"id": hashlib.sha256(key.encode()).hexdigest()[:16], "time": now, "claim_id": claim["id"],
            "kind": kind, "before": before, "after": after, "article_id": article_id,
            "claim_text": claim["text"], "detail": detail}


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


# -- reading --------------------------------------------------------------------------------------

def parse_since(text: str | None, now: dt.datetime | None = None) -> str | None:
    """``24h``, ``30m``, ``7d``, ``2w`` (ago) or an ISO date/datetime as an ISO UTC time; ValueError if neither."""
    if not text:
        return None
    now = now or dt.datetime.now(dt.timezone.utc)
    text = text.strip()
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
    if text[:-1].isdigit() and text[-1:].lower() in units:
        return (now - dt.timedelta(seconds=int(text[:-1]) * units[text[-1].lower()])).isoformat(timespec="seconds")
    try:
        when = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"--since {text!r}: give a duration (30m, 24h, 7d) or an ISO date") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when.astimezone(dt.timezone.utc).isoformat(timespec="seconds")


def change_rows(db: Database, since: str | None = None, about: str | None = None,
                kind: str | None = None, limit: int | None = None) -> list[dict]:
    """Recorded changes, newest first (within one ingest: status, source, contradiction, new claim): since an
    ISO time, about a text (claim text or the change), of a kind."""
    if "changes" not in db.table_names():
        return []
    where, params = [], []
    if since:
        where.append("c.time >= ?")
        params.append(since)
    if kind:
        where.append("c.kind = ?")
        params.append(kind)
    if about:
        where.append("(lower(c.claim_text) LIKE ? OR lower(c.after) LIKE ? OR lower(coalesce(a.title, '')) LIKE ?)")
        params += [f"%{about.lower()}%"] * 3
    sql = ("SELECT c.id, c.time, c.claim_id, c.kind, c.before, c.after, c.detail, c.claim_text, c.article_id, "
           "a.title AS article_title, a.source AS article_source, a.url AS article_url, a.published "
           "FROM changes c LEFT JOIN articles a ON a.id = c.article_id"
           + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY c.time DESC, CASE c.kind WHEN 'status' THEN 0 WHEN 'source' THEN 1 "
             "WHEN 'contradiction' THEN 2 ELSE 3 END, c.claim_id, c.id" + (f" LIMIT {int(limit)}" if limit else ""))
    return _rows(db, sql, params)
