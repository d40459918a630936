"""claimledger_places on short texts: literal places, regions, facilities, metonyms."""
import pytest
from spacy.tokens import Span

from claimledger.pipeline.places.gazetteer import haversine_km

pytestmark = pytest.mark.model


def _places(nlp, text):
    doc = nlp(text)
    return doc, {p.name: p for p in doc._.cl_places}, {m["text"] for m in doc._.cl_metonyms}


@pytest.mark.parametrize("text, name, country, feature", [
    ("Talks were held in Moscow on Friday.", "Moscow", "RU", "city"),
    ("Fighting continued in the Kursk region overnight.", "Kursk region", "RU", "admin1"),
    ("Shelling was reported in the neighbouring Belgorod region.", "Belgorod region", "RU", "admin1"),
    ("Ukrainian units were still operating in Kursk.", "Kursk", "RU", "city"),
    ("The plane landed at Sunan International Airport in Pyongyang.", "Sunan International Airport", "KP", "airport"),
    ("Floods hit villages across Bavaria this week.", "Bavaria", "DE", "admin1"),
    ("A fire broke out in Alexandria, Louisiana, on Tuesday.", "Alexandria", "US", "city"),
])
def test_literal_places(nlp, text, name, country, feature):
    _, places, metonyms = _places(nlp, text)
    assert name in places, (list(places), metonyms)
    assert places[name].country == country
    assert places[name].feature == feature
    assert places[name].lat is not None


@pytest.mark.parametrize("text, metonym", [
    ("Moscow said on Friday that the talks had failed.", "Moscow"),
    ("Pyongyang confirmed for the first time that it had sent troops.", "Pyongyang"),
    ("Kyiv later denied its forces had been expelled.", "Kyiv"),
    ("On Saturday, the Kremlin announced a ceasefire.", "Kremlin"),
    ("There was no confirmation from either Moscow or Pyongyang.", "Pyongyang"),
    ("The deal was signed between Moscow and Pyongyang last year.", "Moscow"),
    ("Russia said the claims were false.", "Russia"),
    ("Officials dismissed Russia's claims as propaganda.", "Russia"),
])
def test_metonyms(nlp, text, metonym):
    doc, places, metonyms = _places(nlp, text)
    assert metonym in metonyms, (list(places), metonyms)
    assert metonym not in places
    m = next(m for m in doc._.cl_metonyms if m["text"] == metonym)
    assert doc.text[m["start"]:m["end"]] == metonym and m["country"]


@pytest.mark.parametrize("text, place", [
    ("Talks in Moscow ended without a deal.", "Moscow"),
    ("A monument would be erected in Pyongyang.", "Pyongyang"),
    ("Russia is the largest country in the world.", "Russia"),
])
def test_literal_not_metonym(nlp, text, place):
    _, places, metonyms = _places(nlp, text)
    assert place in places and place not in metonyms


def test_relabels_entities(nlp):
    doc = nlp("Ukrainian units were still operating in Kursk and the neighbouring Belgorod region.")
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("Kursk") in ("GPE", "LOC")
    assert labels.get("Belgorod region") in ("GPE", "LOC")


def test_person_is_not_a_place(nlp):
    _, places, metonyms = _places(nlp, "Abraham Lincoln spoke. Lincoln said the war would end.")
    assert "Lincoln" not in places and "Lincoln" not in metonyms


def test_offsets_point_into_text(nlp):
    doc, places, _ = _places(nlp, "Floods hit Paris and Lyon.")
    for p in doc._.cl_places:
        assert doc.text[p.start:p.end] == p.name
    assert haversine_km(places["Paris"].lat, places["Paris"].lon, 48.85, 2.35) < 20


def test_empty_and_odd_documents(nlp):
    for text in ("", "   ", "\n\n", "in in in", "The the the."):
        doc = nlp(text)
        assert doc._.cl_places == [] or all(p.start < p.end for p in doc._.cl_places)


@pytest.mark.parametrize("text, name, country, admin1", [
    ("The mayor of Athens, Georgia, spoke to reporters in Atlanta.", "Athens", "US", "US-GA"),
    ("Police in Paris, Texas, arrested two men near Dallas.", "Paris", "US", "US-TX"),
    ("Rockets were fired from Gaza into southern Israel.", "Gaza", "PS", None),
])
def test_context_disambiguates(nlp, text, name, country, admin1):
    _, places, _ = _places(nlp, text)
    assert name in places, list(places)
    assert places[name].country == country
    if admin1:
        assert places[name].admin1 == admin1


def test_metonyms_carry_the_point_they_name(nlp):
    doc = nlp("Moscow said on Friday that the talks had failed.")
    m = doc._.cl_metonyms[0]
    assert m["country"] == "RU" and haversine_km(m["lat"], m["lon"], 55.75, 37.62) < 50


def test_component_reads_a_document_without_a_parse(nlp):
    doc = nlp.make_doc("Talks in Moscow.")
    # a Doc that never went through the tagger or parser: only the entity, set by hand
    doc.ents = [Span(doc, 2, 3, label="GPE")]
    doc = nlp.get_pipe("claimledger_places")(doc)
    assert [(p.name, p.country, p.feature) for p in doc._.cl_places] == [("Moscow", "RU", "city")]
    assert doc._.cl_metonyms == []  # no parse, no actor slot: a literal place


@pytest.mark.parametrize("text, name, country", [
    ("TORONTO — Snow closed schools across the region on Monday.", "TORONTO", "CA"),
    ("The DPRK fired a missile, officials in Seoul said.", "Seoul", "KR"),
])
def test_datelines_and_aliases(nlp, text, name, country):
    _, places, _ = _places(nlp, text)
    assert name in places and places[name].country == country, list(places)


def test_acronym_of_an_organisation_is_not_a_place(nlp):
    _, places, metonyms = _places(nlp, "NATO said the alliance would meet in Brussels.")
    assert "NATO" not in places and "NATO" not in metonyms
    assert places["Brussels"].country == "BE"
