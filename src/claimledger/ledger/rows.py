"""Analysis -> table rows.  Plain dicts from ``dataclasses.asdict``; no spaCy here."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict

from claimledger.model import UNANALYSED, Analysis

# Child tables in the order they are written; the article row comes last.
CHILD_TABLES = ("entities", "mentions", "statements", "claims", "claim_statements", "places", "dates", "quantities")


def as_json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def unique_by_id(records: list[dict]) -> list[dict]:
    """First record of each id: a repeated id from a component must not break the store."""
    seen, out = set(), []
    for record in records:
        if record["id"] not in seen:
            seen.add(record["id"])
            out.append(record)
    return out


def analysis_rows(analysis: Analysis) -> dict[str, list[dict]]:
    """Rows per table, each with article_id, pipeline_version and model."""
    data = {name: [asdict(x) for x in getattr(analysis, name)]
            for name in ("entities", "statements", "claims", "places", "dates", "quantities")}
    entities = unique_by_id(data["entities"])
    statements = unique_by_id(data["statements"])
    claims = unique_by_id(data["claims"])
    rows = {
        "entities": [entity_row(e) for e in entities],
        "mentions": [{"entity_id": e["id"], **flat(m)} for e in entities for m in e["mentions"]],
        "statements": [statement_row(s) for s in statements],
        "claims": [claim_row(c) for c in claims],
        "claim_statements": claim_statement_rows(claims, statements),
        "places": [flat(p) for p in data["places"]],
        "dates": [flat(d) for d in data["dates"]],
        "quantities": [flat(q) for q in data["quantities"]],
    }
    provenance = {"article_id": analysis.article.id, "pipeline_version": analysis.pipeline_version,
                  "model": analysis.model}
    for name in ("mentions", "places", "dates", "quantities"):
        rows[name] = [{"seq": i, **row} for i, row in enumerate(rows[name])]
    return {name: [{**provenance, **row} for row in table] for name, table in rows.items()}


def flat(record: dict, skip: tuple[str, ...] = ()) -> dict:
    """Top-level fields as columns; lists and dicts as JSON text."""
    return {k: as_json(v) if isinstance(v, (list, dict)) else v for k, v in record.items() if k not in skip}


def entity_row(e: dict) -> dict:
    return flat(e, skip=("mentions",))  # mentions have their own table


def statement_row(s: dict) -> dict:
    speaker = s["speaker"] or {}
    cue, content, date = s["cue"] or {}, s["content"] or {}, s["date"] or {}
    nested = ("speaker", "cue", "content", "date", "negated")
    return {
        **flat(s, skip=nested),  # id, kind, stance, via, hedges, claim_id, and later fields
        "speaker_name": speaker.get("name"), "speaker_entity_id": speaker.get("entity_id"),
        "speaker_country": speaker.get("country"),
        "speaker_start": speaker.get("start"), "speaker_end": speaker.get("end"),
        "speaker_resolved": None if not speaker else int(speaker.get("resolved", True)),
        "speaker_kind": speaker.get("kind"),
        "cue_text": cue.get("text"), "cue_lemma": cue.get("lemma"),
        "cue_start": cue.get("start"), "cue_end": cue.get("end"),
        "content_text": content.get("text"), "content_start": content.get("start"),
        "content_end": content.get("end"),
        "date_value": date.get("value"), "date_precision": date.get("precision"),
        "negated": int(bool(s["negated"])),
    }


def claim_row(c: dict) -> dict:
    return flat(c, skip=("statement_ids",))  # links go to claim_statements


def claim_statement_rows(claims: list[dict], statements: list[dict]) -> list[dict]:
    """Links from both sides (Claim.statement_ids and Statement.claim_id), once each."""
    pairs = {(c["id"], sid) for c in claims for sid in c["statement_ids"]}
    pairs |= {(s["claim_id"], s["id"]) for s in statements if s["claim_id"]}
    return [{"claim_id": cid, "statement_id": sid} for cid, sid in sorted(pairs)]


def article_row(analysis: Analysis, rows: dict[str, list[dict]]) -> dict:
    art = analysis.article
    return {
        "id": art.id, "title": art.title, "source": art.source, "url": art.url,
        "published": art.published, "published_original": art.published_original, "path": art.path, "text": art.text,
        "captions": as_json([asdict(c) for c in art.captions]), "language": art.language,
        "chars": len(art.text), "pipeline_version": analysis.pipeline_version, "model": analysis.model,
        "analysed": int(analysis.model != UNANALYSED),  # 0: stored for `claimledger reanalyse` (no parser yet)
        "ingested_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        **{f"n_{name}": len(rows[name]) for name in CHILD_TABLES if name != "claim_statements"},
    }
