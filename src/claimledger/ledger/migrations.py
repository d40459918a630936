"""The ledger's schema as versioned migrations.

Each migration is a function ``(db) -> None`` applied once, in order.  The
migrations still to apply run together in one transaction that holds the write
lock from its start (``BEGIN IMMEDIATE``) and re-reads what is applied under
that lock, so two processes opening a new ledger at once never apply one twice
(the second waits, then finds nothing to do).  Add new ones at the end of
MIGRATIONS; never edit one that has shipped.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlite_utils import Database

from claimledger.ledger.connection import write_transaction

# Provenance columns every row carries.
PROVENANCE = {"article_id": str, "pipeline_version": str, "model": str}


def _create(db: Database, name: str, columns: dict, pk, indexes=(("article_id",),)) -> None:
    db[name].create({**PROVENANCE, **columns}, pk=pk)
    for cols in indexes:
        db[name].create_index(list(cols))


def m0001_initial(db: Database) -> None:
    db["articles"].create({
        "id": str, "title": str, "source": str, "url": str, "published": str, "path": str,
        "text": str, "captions": str, "language": str, "chars": int,
        "pipeline_version": str, "model": str, "ingested_at": str,
        # row counts written with the article: "article present" means these rows are all stored
        "n_entities": int, "n_mentions": int, "n_statements": int, "n_claims": int,
        "n_places": int, "n_dates": int, "n_quantities": int,
    }, pk="id")
    db["articles"].create_index(["published"])
    _create(db, "entities", {"id": str, "name": str, "type": str, "country": str, "role": str,
                             "aliases": str}, pk=("article_id", "id"), indexes=(("id",),))
    _create(db, "mentions", {"seq": int, "entity_id": str, "start": int, "end": int, "text": str},
            pk=("article_id", "seq"), indexes=(("entity_id",),))
    _create(db, "statements", {
        "id": str, "speaker_name": str, "speaker_entity_id": str, "speaker_country": str,
        "speaker_start": int, "speaker_end": int, "via": str,
        "cue_text": str, "cue_lemma": str, "cue_start": int, "cue_end": int,
        "content_text": str, "content_start": int, "content_end": int,
        "kind": str, "stance": str, "date_value": str, "date_precision": str,
        "claim_id": str, "hedges": str, "negated": int,
    }, pk=("article_id", "id"), indexes=(("speaker_entity_id",), ("claim_id",)))
    _create(db, "claims", {"id": str, "text": str, "status": str, "start": int, "end": int,
                           "actors": str, "places": str}, pk=("article_id", "id"), indexes=(("status",),))
    _create(db, "claim_statements", {"claim_id": str, "statement_id": str},
            pk=("article_id", "claim_id", "statement_id"), indexes=(("claim_id",),))
    _create(db, "places", {"seq": int, "name": str, "start": int, "end": int, "lat": float, "lon": float,
                           "country": str, "admin1": str, "geonames_id": int, "feature": str},
            pk=("article_id", "seq"), indexes=(("name",),))
    _create(db, "dates", {"seq": int, "text": str, "start": int, "end": int, "value": str,
                          "precision": str, "note": str}, pk=("article_id", "seq"), indexes=(("value",),))
    _create(db, "quantities", {"seq": int, "text": str, "start": int, "end": int, "value": float,
                               "approximate": int, "unit": str, "country": str, "hedge": str},
            pk=("article_id", "seq"), indexes=())


def m0002_timex_and_claim_concepts(db: Database) -> None:
    """model.py gained DateValue.timex, Claim.concepts and Claim.quantity."""
    db["dates"].add_column("timex", str)
    db["claims"].add_column("concepts", str)
    db["claims"].add_column("quantity", str)
    db["claims"].create_index(["concepts"])


def m0003_statement_claim_side(db: Database) -> None:
    """model.py gained Statement.claim_side ("for"/"against" its claim, set by the claims component)."""
    db["statements"].add_column("claim_side", str)


def m0004_speaker_resolved(db: Database) -> None:
    """model.Speaker gained `resolved` (False: a pronoun whose antecedent is not certain) and `kind`
    ("vague" for anonymous sources, "author", "interviewer")."""
    db["statements"].add_column("speaker_resolved", int)
    db["statements"].add_column("speaker_kind", str)


def m0005_claim_frame(db: Database) -> None:
    """model.py gained Claim.frame (predicate, agent, patient, target, place, time, quantity, polarity,
    modality), stored as JSON text."""
    db["claims"].add_column("frame", str)


def m0006_carriers_and_state(db: Database) -> None:
    """One article, several carriers: every outlet/URL that carried the same text (``carriers``, the
    article's own first); the publication date as the input wrote it (``published_original``); and
    ``ledger_state``, where a store marks the cross-article claims pending until a reconcile commits."""
    db["articles"].add_column("published_original", str)
    db["carriers"].create({
        "article_id": str, "carrier": str, "source": str, "url": str, "path": str, "title": str,
        "published": str, "published_original": str, "first": int, "seen_at": str,
    }, pk=("article_id", "carrier"))
    db["carriers"].create_index(["source"])
    db.execute("INSERT INTO carriers (article_id, carrier, source, url, path, title, published, published_original, "
               "[first], seen_at) SELECT id, coalesce(source, '') || char(31) || coalesce(url, ''), source, url, path, title, published, published, 1, ingested_at "
               "FROM articles")
    db["ledger_state"].create({"key": str, "value": str}, pk="key")


def m0007_follow(db: Database) -> None:
    """Following stories: what each ingest changed in the ledger (``changes``), what ``follow`` did
    (``follow_log``), each feed's conditional-request validators (``feed_state``) and the feed entries
    already taken (``feed_entries``: by GUID and canonical URL, with the article they became)."""
    db["changes"].create({
        "id": str, "time": str, "claim_id": str, "kind": str, "before": str, "after": str, "article_id": str,
        "claim_text": str, "detail": str,
    }, pk="id")
    db["changes"].create_index(["time"])
    db["changes"].create_index(["claim_id"])
    db["follow_log"].create({"seq": int, "time": str, "source": str, "status": str, "message": str}, pk="seq")
    db["follow_log"].create_index(["time"])
    db["feed_state"].create({"source": str, "etag": str, "last_modified": str, "checked_at": str,
                             "status": str}, pk="source")
    db["feed_entries"].create({"guid": str, "url": str, "feed": str, "article_id": str, "status": str},
                              pk="guid")
    db["feed_entries"].create_index(["url"])


def m0009_languages_and_embeddings(db: Database) -> None:
    """Articles in a language without a pipeline are stored unanalysed (``analysed`` 0; ``claimledger
    reanalyse`` analyses them once one exists); ``text_embeddings`` keeps each statement content's
    multilingual sentence vector (reconcile/multilingual.py), computed once and read back by every rebuild."""
    db["articles"].add_column("analysed", int)
    db.execute("UPDATE articles SET analysed = 1")
    db["articles"].create_index(["analysed"])
    db["text_embeddings"].create({"model": str, "text_hash": str, "dims": int, "vector": bytes},
                                 pk=("model", "text_hash"))


MIGRATIONS: list[tuple[str, Callable[[Database], None]]] = [
    ("0001_initial", m0001_initial),
    ("0002_timex_and_claim_concepts", m0002_timex_and_claim_concepts),
    ("0003_statement_claim_side", m0003_statement_claim_side),
    ("0004_speaker_resolved", m0004_speaker_resolved),
    ("0005_claim_frame", m0005_claim_frame),
    ("0006_carriers_and_state", m0006_carriers_and_state),
    ("0007_follow", m0007_follow),
    ("0009_languages_and_embeddings", m0009_languages_and_embeddings),
]


def applied(db: Database) -> set[str]:
    if "migrations" not in db.table_names():
        return set()
    return {row["name"] for row in db["migrations"].rows}


def migrate(db: Database) -> list[str]:
    """Apply the core migrations not yet applied; return their names."""
    return apply_migrations(db, MIGRATIONS)


def apply_migrations(db: Database, migrations: list[tuple[str, Callable[[Database], None]]]) -> list[str]:
    """Apply, in order and once each, the named migrations not yet recorded in ``migrations``.

    Layers with tables of their own (e.g. reconcile) pass their list here, so all
    migrations share one record.  All of them in one BEGIN IMMEDIATE transaction, decided
    under its lock: a second process doing the same waits and then applies nothing."""
    if all(name in applied(db) for name, _ in migrations):
        return []  # the common case: nothing to do, and no write lock taken
    new = []
    with write_transaction(db):
        db["migrations"].create({"name": str, "applied_at": str}, pk="name", if_not_exists=True)
        done = applied(db)
        for name, apply in migrations:
            if name not in done:
                apply(db)
                db["migrations"].insert({"name": name, "applied_at": _now()})
                new.append(name)
    return new


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
