"""The founding example: every gold actor of kursk.gold.json is produced with its name, country and type."""
import json

import pytest

from claimledger.pipeline.actors.component import entity_at


@pytest.fixture(scope="module")
def seed_doc(nlp, shared, seed_text):
    doc = nlp.make_doc(seed_text)
    doc._.published = "2025-04-28"
    return nlp(doc)


@pytest.fixture(scope="module")
def gold_actors(shared):
    return json.loads((shared / "seed" / "kursk.gold.json").read_text(encoding="utf-8"))["actors"]


def test_every_gold_actor_found(seed_doc, gold_actors):
    missing = []
    for key, gold in gold_actors.items():
        names = {n.lower() for n in gold["names"]}
        if not any(e.name.lower() in names and e.country == gold["country"] and e.type == gold["type"]
                   for e in seed_doc._.cl_entities):
            missing.append(key)
    assert missing == []


@pytest.mark.parametrize("phrase, expected", [
    ("Pyongyang confirmed", "Government of North Korea"),
    ("Kyiv later denied", "Government of Ukraine"),
    ("the Kremlin announced", "Government of Russia"),
    ("KCNA said", "KCNA"),
    ("who considered", "Kim Jong Un"),
])
def test_speaker_lookup(seed_doc, seed_text, phrase, expected):
    start = seed_text.index(phrase)
    word = phrase.split()[0] if phrase.split()[0] != "the" else phrase.split()[1]
    start = seed_text.index(word, start)
    assert entity_at(seed_doc, start, start + len(word)).name == expected


def test_pyongyang_as_place_is_no_mention(seed_doc, seed_text):
    start = seed_text.index("erected in Pyongyang") + len("erected in ")
    assert entity_at(seed_doc, start, start + len("Pyongyang")) is None


def test_records_are_well_formed(seed_doc, seed_text):
    from claimledger.model import ENTITY_TYPES

    ids = [e.id for e in seed_doc._.cl_entities]
    assert len(ids) == len(set(ids))
    for entity in seed_doc._.cl_entities:
        assert entity.type in ENTITY_TYPES
        assert entity.country is None or len(entity.country) == 2
        for m in entity.mentions:
            assert seed_text[m.start:m.end] == m.text
