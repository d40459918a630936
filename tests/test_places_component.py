"""claimledger_places on short texts: literal places, regions, facilities, metonyms.

Through the real pipeline (the `nlp` fixture), except the metonym rule, which reads
the parse: it has tables over hand-built Docs (the model's own parses of those sentences).
"""
import pytest
import spacy
from spacy.tokens import Doc, Span
from spacy.util import get_words_and_spaces

from claimledger.pipeline.places.component import PlacesComponent
from claimledger.pipeline.places.gazetteer import haversine_km

VOCAB = spacy.blank("en").vocab


def parsed(text, words, **annotations):
    """A hand-built Doc (as spaCy's own tests make them): heads, deps, lemmas, entities given, not predicted."""
    words, spaces = get_words_and_spaces(words, text)
    return Doc(VOCAB, words=words, spaces=spaces, **annotations)


def _hand_built_places(text, words, heads, deps, pos, lemmas, ents):
    doc = parsed(text, words, heads=heads, deps=deps, pos=pos, lemmas=lemmas, ents=ents)
    doc = PlacesComponent("claimledger_places")(doc)
    return doc, {p.name for p in doc._.cl_places}, {m["text"]: m for m in doc._.cl_metonyms}


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


# A toponym in an actor's slot stands for its government (a metonym), elsewhere it is a place.
@pytest.mark.parametrize("text, words, heads, deps, pos, lemmas, ents, toponym", [
    # the subject of a verb of saying or doing
    ("Moscow said the talks had failed.", ["Moscow", "said", "the", "talks", "had", "failed", "."],
     [1, 1, 3, 5, 5, 1, 1], ["nsubj", "ROOT", "det", "nsubj", "aux", "ccomp", "punct"],
     ["PROPN", "VERB", "DET", "NOUN", "AUX", "VERB", "PUNCT"],
     ["Moscow", "say", "the", "talk", "have", "fail", "."],
     ["B-GPE", "O", "O", "O", "O", "O", "O"], "Moscow"),
    ("Pyongyang confirmed that it had sent troops.",
     ["Pyongyang", "confirmed", "that", "it", "had", "sent", "troops", "."],
     [1, 1, 5, 5, 5, 1, 5, 1], ["nsubj", "ROOT", "mark", "nsubj", "aux", "ccomp", "dobj", "punct"],
     ["PROPN", "VERB", "SCONJ", "PRON", "AUX", "VERB", "NOUN", "PUNCT"],
     ["Pyongyang", "confirm", "that", "it", "have", "send", "troop", "."],
     ["B-GPE", "O", "O", "O", "O", "O", "O", "O"], "Pyongyang"),
    ("Kyiv denied its forces had been expelled.", ["Kyiv", "denied", "its", "forces", "had", "been", "expelled", "."],
     [1, 1, 3, 6, 6, 6, 1, 1], ["nsubj", "ROOT", "poss", "nsubjpass", "aux", "auxpass", "ccomp", "punct"],
     ["PROPN", "VERB", "PRON", "NOUN", "AUX", "AUX", "VERB", "PUNCT"],
     ["Kyiv", "deny", "its", "force", "have", "be", "expel", "."],
     ["O", "O", "O", "O", "O", "O", "O", "O"], "Kyiv"),
    # a seat of government the model took for an organisation
    ("The Kremlin announced a ceasefire.", ["The", "Kremlin", "announced", "a", "ceasefire", "."],
     [1, 2, 2, 4, 2, 2], ["det", "nsubj", "ROOT", "det", "dobj", "punct"],
     ["DET", "PROPN", "VERB", "DET", "NOUN", "PUNCT"],
     ["the", "Kremlin", "announce", "a", "ceasefire", "."],
     ["O", "B-ORG", "O", "O", "O", "O"], "Kremlin"),
    # from after a word of saying; the second conjunct fills the first one's slot
    ("There was no confirmation from Moscow or Pyongyang.",
     ["There", "was", "no", "confirmation", "from", "Moscow", "or", "Pyongyang", "."],
     [1, 1, 3, 1, 3, 4, 5, 5, 1], ["expl", "ROOT", "det", "attr", "prep", "pobj", "cc", "conj", "punct"],
     ["PRON", "VERB", "DET", "NOUN", "ADP", "PROPN", "CCONJ", "PROPN", "PUNCT"],
     ["there", "be", "no", "confirmation", "from", "Moscow", "or", "Pyongyang", "."],
     ["O", "O", "O", "O", "O", "B-GPE", "O", "B-GPE", "O"], "Pyongyang"),
    # between/with after a word of agreement
    ("The deal was signed between Moscow and Pyongyang.",
     ["The", "deal", "was", "signed", "between", "Moscow", "and", "Pyongyang", "."],
     [1, 3, 3, 3, 3, 4, 5, 5, 3], ["det", "nsubjpass", "auxpass", "ROOT", "prep", "pobj", "cc", "conj", "punct"],
     ["DET", "NOUN", "AUX", "VERB", "ADP", "PROPN", "CCONJ", "PROPN", "PUNCT"],
     ["the", "deal", "be", "sign", "between", "Moscow", "and", "Pyongyang", "."],
     ["O", "O", "O", "O", "O", "B-GPE", "O", "B-GPE", "O"], "Moscow"),
    # the owner of claims, imports, forces
    ("Officials dismissed Russia's claims.", ["Officials", "dismissed", "Russia", "'s", "claims", "."],
     [1, 1, 4, 2, 1, 1], ["nsubj", "ROOT", "poss", "case", "dobj", "punct"],
     ["NOUN", "VERB", "PROPN", "PART", "NOUN", "PUNCT"],
     ["official", "dismiss", "Russia", "'s", "claim", "."],
     ["O", "O", "B-GPE", "O", "O", "O"], "Russia"),
])
def test_metonyms(text, words, heads, deps, pos, lemmas, ents, toponym):
    doc, places, metonyms = _hand_built_places(text, words, heads, deps, pos, lemmas, ents)
    assert toponym in metonyms, (places, list(metonyms))
    assert toponym not in places
    m = metonyms[toponym]
    assert doc.text[m["start"]:m["end"]] == toponym and m["country"]


@pytest.mark.parametrize("text, words, heads, deps, pos, lemmas, ents, toponym", [
    # a locative stays a place
    ("Talks in Moscow ended without a deal.", ["Talks", "in", "Moscow", "ended", "without", "a", "deal", "."],
     [3, 0, 1, 3, 3, 6, 4, 3], ["nsubj", "prep", "pobj", "ROOT", "prep", "det", "pobj", "punct"],
     ["NOUN", "ADP", "PROPN", "VERB", "ADP", "DET", "NOUN", "PUNCT"],
     ["talk", "in", "Moscow", "end", "without", "a", "deal", "."],
     ["O", "O", "B-GPE", "O", "O", "O", "O", "O"], "Moscow"),
    ("A monument would be erected in Pyongyang.", ["A", "monument", "would", "be", "erected", "in", "Pyongyang", "."],
     [1, 4, 4, 4, 4, 4, 5, 4], ["det", "nsubjpass", "aux", "auxpass", "ROOT", "prep", "pobj", "punct"],
     ["DET", "NOUN", "AUX", "AUX", "VERB", "ADP", "PROPN", "PUNCT"],
     ["a", "monument", "would", "be", "erect", "in", "Pyongyang", "."],
     ["O", "O", "O", "O", "O", "O", "B-GPE", "O"], "Pyongyang"),
    # the subject of a stative verb
    ("Russia is the largest country in the world.",
     ["Russia", "is", "the", "largest", "country", "in", "the", "world", "."],
     [1, 1, 4, 4, 1, 4, 7, 5, 1], ["nsubj", "ROOT", "det", "amod", "attr", "prep", "det", "pobj", "punct"],
     ["PROPN", "AUX", "DET", "ADJ", "NOUN", "ADP", "DET", "NOUN", "PUNCT"],
     ["Russia", "be", "the", "large", "country", "in", "the", "world", "."],
     ["B-GPE", "O", "O", "O", "O", "O", "O", "O", "O"], "Russia"),
    # the owner of a place noun is a place too
    ("Fighting spread to Russia's Kursk region.", ["Fighting", "spread", "to", "Russia", "'s", "Kursk", "region", "."],
     [1, 1, 1, 6, 3, 6, 2, 1], ["nsubj", "ROOT", "prep", "poss", "case", "compound", "pobj", "punct"],
     ["NOUN", "VERB", "ADP", "PROPN", "PART", "PROPN", "NOUN", "PUNCT"],
     ["fighting", "spread", "to", "Russia", "'s", "Kursk", "region", "."],
     ["O", "O", "O", "B-GPE", "O", "B-PRODUCT", "O", "O"], "Russia"),
])
def test_literal_not_metonym(text, words, heads, deps, pos, lemmas, ents, toponym):
    _, places, metonyms = _hand_built_places(text, words, heads, deps, pos, lemmas, ents)
    assert toponym in places and toponym not in metonyms


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


def test_component_reads_a_document_without_a_parse():
    doc = spacy.blank("en").make_doc("Talks in Moscow.")
    # a Doc that never went through the tagger or parser: only the entity, set by hand
    doc.ents = [Span(doc, 2, 3, label="GPE")]
    doc = PlacesComponent("claimledger_places")(doc)
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
