"""Ledger: migrations once, idempotent store, atomic store, read-back queries.  No spaCy needed."""
from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from claimledger.ledger import Ledger
from claimledger.ledger.migrations import MIGRATIONS
from claimledger.ledger.queries import OPPOSING, SUPPORTING
from claimledger.model import (
    STANCES,
    Analysis,
    Article,
    Claim,
    DateValue,
    Entity,
    Mention,
    Place,
    Quantity,
    Speaker,
    Statement,
)

TEXT = "Kim said troops were sent. Kyiv denied it. Officials in Kursk counted 14,000 troops on Monday."


def statement(sid, name, country, stance, claim_id="c1", negated=False, via=()):
    return Statement(id=sid, speaker=Speaker(name, f"e-{name}", country, 0, len(name)),
                     cue={"text": "said", "lemma": "say", "start": 4, "end": 8},
                     content={"text": "troops were sent", "start": 9, "end": 25}, kind="indirect",
                     stance=stance, claim_id=claim_id, negated=negated, via=list(via),
                     date={"value": "2025-04-28", "precision": "day"})


def sample(text=TEXT) -> Analysis:
    return Analysis(
        article=Article(text=text, title="Troops", source="Wire", published="2025-04-28", path="a.txt"),
        entities=[Entity(id="e-Kim", name="Kim Jong Un", type="person", country="KP", aliases=["Kim"],
                         mentions=[Mention(0, 3, "Kim")]),
                  Entity(id="e-Kyiv", name="Government of Ukraine", type="government", country="UA",
                         aliases=["Kyiv"], mentions=[Mention(27, 31, "Kyiv")])],
        statements=[statement("s1", "Kim", "KP", "confirm", via=["KCNA"]),
                    statement("s2", "Kyiv", "UA", "deny"),
                    statement("s3", "Moscow", "RU", "confirm", negated=True)],
        claims=[Claim(id="c1", text="troops were sent", status="disputed", statement_ids=["s1", "s2", "s3"],
                      start=9, end=25, actors=["Kim Jong Un"], places=["Kursk"],
                      frame={"predicate": "send", "patient": "troops", "polarity": "positive",
                             "modality": "asserted"})],
        places=[Place("Kursk", 56, 61, 51.73, 36.19, "RU", "RU-KRS", 538560, "admin1")],
        dates=[DateValue("Monday", 88, 94, "2025-04-28", "day")],
        quantities=[Quantity("14,000 troops", 70, 83, 14000.0, unit="troops")],
        model="en_core_web_sm-3.8.0",
    )


def counts(db_path) -> dict:
    conn = sqlite3.connect(db_path)
    tables = ["articles", "entities", "mentions", "statements", "claims", "claim_statements", "places", "dates", "quantities"]
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def test_store_writes_every_table_with_provenance(tmp_path):
    db = tmp_path / "l.db"
    ledger = Ledger(db)
    assert ledger.store(sample()) is True
    assert counts(db) == {"articles": 1, "entities": 2, "mentions": 2, "statements": 3, "claims": 1,
                          "claim_statements": 3, "places": 1, "dates": 1, "quantities": 1}
    conn = sqlite3.connect(db)
    for table in ["entities", "mentions", "statements", "claims", "claim_statements", "places", "dates", "quantities"]:
        row = conn.execute(f"SELECT article_id, pipeline_version, model FROM {table}").fetchone()
        assert row == (sample().article.id, "0.1.0", "en_core_web_sm-3.8.0"), table


def test_the_claim_frame_is_stored_as_json(tmp_path):
    import json

    db = tmp_path / "l.db"
    Ledger(db).store(sample())
    [(frame,)] = sqlite3.connect(db).execute("SELECT frame FROM claims").fetchall()
    assert json.loads(frame) == {"predicate": "send", "patient": "troops", "polarity": "positive",
                                 "modality": "asserted"}


def test_same_text_twice_is_one_article(tmp_path):
    ledger = Ledger(tmp_path / "l.db")
    assert ledger.store(sample()) is True
    again = sample()
    again.article.title = "Another title, same text"
    assert ledger.store(again) is False
    assert ledger.count() == 1 and ledger.count("statements") == 3
    assert ledger.store(sample(TEXT + " More.")) is True
    assert ledger.count() == 2


def test_migrations_are_applied_once(tmp_path):
    db = tmp_path / "l.db"
    first = Ledger(db)
    assert first.migrated == [name for name, _ in MIGRATIONS]
    first.close()
    second = Ledger(db)
    assert second.migrated == []
    names = [r[0] for r in sqlite3.connect(db).execute("SELECT name FROM migrations")]
    assert names == [name for name, _ in MIGRATIONS]


def test_a_store_that_fails_midway_leaves_nothing(tmp_path, monkeypatch):
    db = tmp_path / "l.db"
    ledger = Ledger(db)
    table_cls = type(ledger.db["places"])
    original = table_cls.insert_all

    def failing_insert_all(self, records, *args, **kwargs):
        if self.name == "places":  # statements, claims ... are already written by now
            raise RuntimeError("disk on fire")
        return original(self, records, *args, **kwargs)

    monkeypatch.setattr(table_cls, "insert_all", failing_insert_all)
    with pytest.raises(RuntimeError):
        ledger.store(sample())
    assert set(counts(db).values()) == {0}
    monkeypatch.setattr(table_cls, "insert_all", original)
    assert ledger.store(sample()) is True  # the same article stores cleanly afterwards
    assert counts(db)["places"] == 1


def test_article_row_records_its_row_counts(tmp_path):
    ledger = Ledger(tmp_path / "l.db")
    ledger.store(sample())
    row = next(ledger.db["articles"].rows)
    assert (row["n_statements"], row["n_entities"], row["n_mentions"], row["n_places"]) == (3, 2, 2, 1)
    assert row["text"] == TEXT and row["published"] == "2025-04-28"


def test_claims_read_back_with_for_against_and_sources(tmp_path):
    ledger = Ledger(tmp_path / "l.db")
    ledger.store(sample())
    [claim] = ledger.claims()
    assert claim["status"] == "disputed"
    assert claim["for"] == ["Kim"]          # s3 is a negated confirm: neither for nor against
    assert claim["against"] == ["Kyiv"]
    assert claim["sources"] == ["Kim", "KCNA", "Kyiv", "Moscow"]
    assert ledger.claims(status="confirmed") == []
    assert len(ledger.claims(about="kursk")) == 1 and ledger.claims(about="Paris") == []


@pytest.mark.parametrize("about, ids", [
    (None, ["s1", "s2", "s3"]),
    ("Kyiv", ["s2"]),
    ("Government of Ukraine", ["s2"]),  # through the speaker entity's name
    ("KCNA", ["s1"]),                   # through the relaying channel
    ("troops", ["s1", "s2", "s3"]),     # through the content
    ("Paris", []),
])
def test_statements_about(tmp_path, about, ids):
    ledger = Ledger(tmp_path / "l.db")
    ledger.store(sample())
    assert sorted(r["id"] for r in ledger.statements(about=about)) == ids


def test_entities_group_across_articles(tmp_path):
    ledger = Ledger(tmp_path / "l.db")
    ledger.store(sample())
    ledger.store(sample(TEXT + " Again."))
    rows = {r["id"]: r for r in ledger.entities()}
    assert rows["e-Kim"]["articles"] == 2 and rows["e-Kim"]["mentions"] == 2
    assert rows["e-Kim"]["aliases"] == ["Kim"] and rows["e-Kyiv"]["country"] == "UA"


def test_claim_side_from_the_claims_component_wins(tmp_path):
    analysis = sample()
    analysis.statements[2].claim_side = "against"  # "Moscow did not confirm", judged against by the claims component
    ledger = Ledger(tmp_path / "l.db")
    ledger.store(analysis)
    assert ledger.claims()[0]["against"] == ["Kyiv", "Moscow"]


def test_every_stance_bears_on_claims_one_way():
    assert SUPPORTING | OPPOSING == set(STANCES) and not SUPPORTING & OPPOSING


def test_ledger_does_not_import_spacy():
    code = "import sys, claimledger.ledger, claimledger.ledger.queries; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_schema_has_a_column_for_every_record_field(tmp_path):
    # a field added to model.py needs a migration; alter=True only keeps data from being lost meanwhile
    from claimledger.ledger.rows import analysis_rows, article_row
    ledger = Ledger(tmp_path / "l.db")
    rows = analysis_rows(sample())
    rows["articles"] = [article_row(sample(), rows)]
    for table, table_rows in rows.items():
        columns = set(ledger.db[table].columns_dict)
        missing = set().union(*(r.keys() for r in table_rows)) - columns
        assert not missing, f"{table} needs a migration for {sorted(missing)}"


def test_an_article_deleted_by_hand_can_be_stored_again(tmp_path):
    db = tmp_path / "l.db"
    ledger = Ledger(db)
    ledger.store(sample())
    ledger.db.execute("DELETE FROM articles")  # e.g. to re-analyse with a newer pipeline
    ledger.db.conn.commit()
    assert ledger.store(sample()) is True
    assert counts(db)["statements"] == 3 and counts(db)["articles"] == 1
