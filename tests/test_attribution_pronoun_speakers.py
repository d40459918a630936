"""Speakers that the text gives as a pronoun, or not at all (pipeline/attribution/speakers.py), and the
names the actors component must keep whole ("So Se Pyong", "told Reuters Kim ...", "his government")."""
import pytest
import spacy

from claimledger.ledger.rows import statement_row
from claimledger.model import Speaker, Statement
from claimledger.pipeline.attribution.speakers import is_pronoun_name
from claimledger.pipeline.attribution.passages import in_quotation as _in_quotation, paragraph_start as _paragraph_start


def _run(nlp, text, source=None):
    doc = nlp.make_doc(text)
    doc._.published = "2025-04-28"
    doc._.source = source
    return nlp(doc)


def _by_cue(doc, cue):
    found = [s for s in doc._.cl_statements if s.cue["text"] == cue]
    assert found, f"no statement with cue {cue!r} in {[s.cue['text'] for s in doc._.cl_statements]}"
    return found[0]


@pytest.mark.parametrize("text, cue, name, resolved, kind", [
    # a relative pronoun is the noun phrase it modifies, whether or not it is a known actor
    ("The protest leaders, who have told demonstrators to raise their hands, met on Sunday.", "have told",
     "The protest leaders", True, None),
    # an agentless report is an anonymous source's, as the reconcile layer names one
    ("Apple is said to be close to acquiring the social network Path.", "is said", "unnamed sources", True, "vague"),
    # a pronoun with no antecedent in the text stays itself, marked unresolved: never a guess
    ("He said that the talks had failed.", "said", "He", False, None),
    # he / they: the closest person noun or body of people before it
    ("A man who runs a website saw the picture. He later explained that the crab was real.",
     "later explained", "A man", True, None),
    ("Her parents were told early. They replied that she was wrong.", "replied", "Her parents", True, None),
    # first person under a transcript's name line
    ("The exchange went on.\n\nJulie Lawrence\n\nIt does not cost that much.\n\nTanya Walsh\n\n"
     "It does. I do not think the school is very happy with you.", "do not think", "Tanya Walsh", True, None),
    # a person's government is the government of the person's country
    ("North Korean leader Kim Jong Un has not been seen for weeks. Kim's health is just fine, "
     "his government said.", "said", "Government of North Korea", True, None),
    # an acronym is no pronoun
    ("WHO concluded that the pills were unsafe.", "concluded", "WHO", True, None),
])
def test_speaker(nlp, text, cue, name, resolved, kind):
    st = _by_cue(_run(nlp, text), cue)
    assert (st.speaker.name, st.speaker.resolved, st.speaker.kind) == (name, resolved, kind)


def test_first_person_narration_is_the_authors(nlp):
    doc = _run(nlp, "I asked the mayor about the plan last week. I think the plan will fail.", source="Daily Planet")
    st = _by_cue(doc, "think")
    assert (st.speaker.name, st.speaker.kind, st.speaker.resolved) == ("Daily Planet", "author", True)


def test_interview_questions_and_answers(nlp):
    text = ("Wikinews interviews Noam Chomsky\n\nNoam Chomsky is a linguist and activist.\n\n"
            "Do you think the left is reviving?\n\nI think that the strikes show it is.\n\n"
            "Why did you decide to write the book?\n\nI wanted to explain the crisis.\n\n"
            "How do you plan to continue?\n\nI will keep writing.")
    doc = _run(nlp, text, source="Wikinews")
    asked = _by_cue(doc, "think")
    assert asked.speaker.name == "Wikinews" and asked.speaker.kind == "interviewer"
    answer = [s for s in doc._.cl_statements if text[s.speaker.start:s.speaker.end] == "I"]
    assert answer and all(s.speaker.name == "Noam Chomsky" for s in answer)


@pytest.mark.parametrize("text, person, not_person", [
    ("So Se Pyong, North Korea's ambassador to the UN, said the leader was fine.", "So Se Pyong", "Se Pyong"),
    ("North Korean leader Kim Jong Un was absent. A diplomat told Reuters Kim was not in bad health.",
     "Kim Jong Un", "Reuters Kim"),
])
def test_names_survive(nlp, text, person, not_person):
    names = {e.name for e in _run(nlp, text)._.cl_entities}
    assert person in names and not_person not in names


@pytest.mark.parametrize("text, cue", [
    # nobody says it: not a statement
    ("The governor appeared to be shrinking in political stature.", "appeared"),
    ("Khorasan is known as a group of veteran fighters.", "is known as"),
])
def test_no_speaker_no_statement(nlp, text, cue):
    assert all(s.cue["text"] != cue for s in _run(nlp, text)._.cl_statements)


@pytest.mark.parametrize("text", [
    "Image: Protesters gather outside the parliament building in the rain.",
    "MORE: The company denied the report on Monday and said it would fight on.",
])
def test_labels_never_speak(nlp, text):
    doc = _run(nlp, text)
    assert all(s.cue["text"] != ":" for s in doc._.cl_statements)


@pytest.mark.parametrize("text, resolved", [("he", True), ("The protest leaders", False), ("who", True),
                                            ("someone", True), ("Tanya Walsh", False)])
def test_pronoun_names(text, resolved):
    assert is_pronoun_name(text) is resolved


@pytest.mark.parametrize("text, at, inside", [
    ('He said: "I came.', "came", True),
    ('"I came," he said. I left.', "left", False),
    ('“It was late.\n\n“I left early.\n\nThe police came.', "left", True),
    ('“It was late.\n\n“I left early.”\n\nThe police came.', "police", False),
    ("'I hope the public will keep calm.", "hope", True),
])
def test_in_quotation(text, at, inside):
    doc = spacy.blank("en")(text)
    assert _in_quotation(doc, text.index(at)) is inside


def test_paragraph_start():
    text = "aaa\n\nbbb ccc\n\nddd eee"
    assert [_paragraph_start(text, text.index("eee"), back) for back in (1, 2, 3)] == [
        text.index("ddd"), text.index("bbb"), 0]


@pytest.mark.parametrize("speaker, resolved, kind", [
    (Speaker("he", None, None, 0, 2, resolved=False), 0, None),
    (Speaker("unnamed sources", None, None, 5, 5, kind="vague"), 1, "vague"),
    (None, None, None),
])
def test_ledger_row_keeps_resolved_and_kind(speaker, resolved, kind):
    from dataclasses import asdict
    st = Statement(id="s", speaker=speaker, cue={"text": "said", "lemma": "say", "start": 3, "end": 7},
                   content={"text": "x", "start": 8, "end": 9}, kind="indirect", stance="assert")
    row = statement_row(asdict(st))
    assert (row["speaker_resolved"], row["speaker_kind"]) == (resolved, kind)


@pytest.mark.parametrize("text, at, inside", [
    # a stray straight quote does not quote the paragraphs after it
    ('It collected samples (also known as "Wild 2) in space.\nCan you explain more?\nI believe so.', "believe", False),
    # a quotation continued over paragraphs reopens each one
    ('He said: "I came.\n"I left early.', "left", True),
    ('He said: "I came.\nThe police left.', "police", False),
])
def test_in_quotation_across_paragraphs(text, at, inside):
    doc = spacy.blank("en")(text)
    assert _in_quotation(doc, text.index(at)) is inside
