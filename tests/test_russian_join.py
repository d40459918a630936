"""What a Russian claim needs to meet an English one: Russian regions resolved to the gazetteer's
admin1 ids, national adjectives as country concepts, state institutions as the English path's actors,
and the content of «заявление X о том, что Y» as Y.  Texts written for these tests."""
import pytest

from claimledger.countries import country_code
from claimledger.model import Article, stable_id
from claimledger.resources import read_tsv


@pytest.mark.parametrize("word,code", [
    ("российский", "RU"), ("украинский", "UA"), ("американский", "US"), ("китайский", "CN"),
    ("германский", "DE"), ("иранский", "IR"), ("индийский", "IN"), ("парагвайский", "PY"),
    ("Россия", "RU"), ("Украина", "UA"), ("США", "US"), ("Германия", "DE"),
    ("корейский", None),  # North or South: left out, as "Korean" is in English
    ("кубанский", None),  # Kuban, a Russian region, not Cuba
    ("us", None), ("Ukrainians", "UA"),  # the English lookup as it was
])
def test_russian_country_names_and_adjectives(word, code):
    assert country_code(word) == code


def test_every_russian_adjective_names_one_country():
    rows = [r for r in read_tsv("countries/demonyms.tsv") if not r["demonym"].isascii()]
    assert len(rows) >= 150
    assert len({r["demonym"] for r in rows}) == len(rows)
    assert all(r["actors"] == "no" for r in rows)


@pytest.fixture(scope="module")
def analyse():
    pytest.importorskip("natasha")
    from claimledger.pipeline.analysis import analyze

    def run(text):
        return analyze(Article(text=text, published="2025-05-02", language="ru"))
    return run


@pytest.mark.model
@pytest.mark.parametrize("text,name,admin1", [
    ("Ночью беспилотники атаковали объекты в Белгородской области.", "Белгородской области", "RU-BEL"),
    ("Губернатор Краснодарского края сообщил о пожаре.", "Краснодарского края", "RU-KDA"),
    ("Учения прошли в Республике Татарстан.", "Республике Татарстан", "RU-TA"),
    ("Гуманитарную помощь направили в Курскую область.", "Курскую область", "RU-KRS"),
])
def test_russian_regions_resolve_to_admin1(analyse, text, name, admin1):
    places = {p.name: p for p in analyse(text).places}
    assert places[name].admin1 == admin1 and places[name].feature == "admin1"


@pytest.mark.model
@pytest.mark.parametrize("text,name,etype,country", [
    ("Министерство обороны России заявило, что учения завершены.", "Министерство обороны", "military", "RU"),
    ("По данным Минобороны России, учения завершены.", "Минобороны", "military", "RU"),
    ("Генштаб ВСУ сообщил, что атака отбита.", "Генштаб", "military", "UA"),
    ("Представитель ВСУ заявил, что атака отбита.", "ВСУ", "military", "UA"),
])
def test_russian_state_institutions_are_the_english_paths_actors(analyse, text, name, etype, country):
    """One actor per country's military in every language: the id "Russia's defence ministry" has in English."""
    entities = {m.text: e for e in analyse(text).entities for m in e.mentions}
    assert (entities[name].id, entities[name].type, entities[name].country) == (stable_id(etype, country), etype, country)


@pytest.mark.model
def test_a_denied_statement_about_y_is_a_statement_against_y(analyse):
    result = analyse("МИД Украины опроверг заявление Кремля о том, что украинские войска покинули Часов Яр.")
    denial = next(s for s in result.statements if s.stance == "deny")
    claim = next(c for c in result.claims if c.id == denial.claim_id)
    assert claim.text == "Украинские войска покинули Часов Яр"
    assert denial.claim_side == "against"
    assert "country:UA" in claim.concepts
