"""Speaker linking against hand-made actors (doc._.cl_entities), independent of the actors component."""
import pytest

from claimledger.pipeline.attribution.statements import statements
from claimledger.model import Entity, Mention


def _entity(text, surface, name, country, ent_id):
    mentions = []
    start = text.find(surface)
    while start >= 0:
        mentions.append(Mention(start, start + len(surface), surface))
        start = text.find(surface, start + 1)
    return Entity(id=ent_id, name=name, type="government", country=country, mentions=mentions)


@pytest.mark.parametrize("text, surface, name, country, source", [
    # a metonym resolved by the actors component: the speaker takes the actor's name and country
    ("The Kremlin announced that the village had been retaken.", "The Kremlin", "Government of Russia", "RU",
     "The Kremlin"),
    # the mention covers the head of a longer subject phrase
    ("Ukrainian President Volodymyr Zelensky said that the units were still fighting.", "Volodymyr Zelensky",
     "Volodymyr Zelensky", "UA", "Ukrainian President Volodymyr Zelensky"),
    # a resolved pronoun
    ("He said that the talks had failed.", "He", "Emmanuel Macron", "FR", "He"),
])
def test_linked_speaker(nlp, text, surface, name, country, source):
    doc = nlp(text)
    doc._.cl_entities = [_entity(text, surface, name, country, "e1")]
    (st,) = statements(doc)
    assert (st.speaker.name, st.speaker.entity_id, st.speaker.country) == (name, "e1", country)
    assert text[st.speaker.start:st.speaker.end] == source


def test_unlinked_speaker_keeps_its_words(nlp):
    text = "Local residents said that the water was unsafe."
    doc = nlp(text)
    doc._.cl_entities = []
    (st,) = statements(doc)
    assert (st.speaker.name, st.speaker.entity_id, st.speaker.country) == ("Local residents", None, None)


def test_component_survives_a_document_without_parse_extras(nlp):
    doc = nlp("The minister said that the talks had failed.")
    doc._.cl_entities = None
    doc._.cl_dates = None
    (st,) = statements(doc)
    assert st.speaker.name == "The minister" and st.date is None
