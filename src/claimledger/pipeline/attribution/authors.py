"""Who wrote a letter, note or post that the article quotes: the "I" of a text set out at length is
its writer, whom the article names where it introduces the text, not where it quotes it (voices.py
asks here: ``writer_of`` a speaker that is a message, ``text_owner`` of a first-person passage).

The writer of a message noun (data/attribution/stance_channels.tsv "message" and speakers.json
"text_nouns"), read off the parse:
- its possessor or a name before it: "Alcorn's suicide letter", "the Leelah Alcorn suicide note";
- "a letter from a little girl", "a note by her mother";
- the subject of a verb of writing or leaving it (speakers.json "authoring_verbs"): "A 9-year-old girl
  gave this letter", "she left a note"; "was given ... by a 9-year-old girl" (the agent);
  "In the letter Leelah wrote ...";
- "a note he received from a student": the source of a message received;
- "the remainder of X's letter", "an excerpt from the letter": the message the part belongs to.
A message noun with none of these ("The full letter reads:") is the message named before it in the
article with the same noun (the nearest one with a writer), else -- for a text someone wrote (letter,
note, diary: "text_nouns") -- with another such noun: a definite description refers back.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from claimledger.model import Speaker
from claimledger.pipeline.attribution.lexicon import channel_set
from claimledger.pipeline.attribution.passages import in_quotation, paragraph_start, quotation_run_start
from claimledger.pipeline.attribution.passages import words as passage_words
from claimledger.pipeline.attribution.quotes import OPEN_QUOTES
from claimledger.pipeline.attribution.speakers import (
    antecedent_noun,
    bare_word,
    is_pronoun_name,
    linked_entity,
    noun_phrase,
    words,
)

PLACES = ("GPE", "LOC", "FAC")


def message_nouns() -> frozenset[str]:
    return channel_set("message") | words()["text_nouns"]


def _part_of(noun: Token) -> Token:
    """"the remainder of Alcorn's letter", "an excerpt from the suicide letter": the letter."""
    messages = message_nouns()
    if noun.lemma_.lower() in messages:
        return noun
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "from"):
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.lemma_.lower() in messages:
                return obj
    return noun


def _by_parse(noun: Token) -> Token | None:
    """The token naming the writer of this mention of a message, if its own phrase or clause names one."""
    authoring = words()["authoring_verbs"]
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.lefts:  # "the Leelah Alcorn suicide note": a name before the noun
        if child.dep_ == "compound" and child.pos_ == "PROPN":
            return child
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.ent_type_ not in PLACES:  # not "a letter from Kings Mill"
                return obj
        if child.dep_ in ("relcl", "acl"):  # "a note he received from a student"
            for prep in child.children:
                if prep.dep_ in ("prep", "agent") and prep.lower_ in ("from", "by"):
                    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if obj is not None:
                        return obj
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ == "in":
        verb = verb.head  # "In the letter Leelah wrote that ..."
    elif noun.dep_ not in ("dobj", "nsubjpass"):
        return None
    if verb.lemma_.lower() not in authoring or verb.pos_ not in ("VERB", "AUX"):
        return None
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
        if child.dep_ == "agent":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return None


def message_writer(doc: Doc, noun: Token) -> Token | None:
    """The token naming who wrote the message `noun` names (or is part of), else None."""
    noun = _part_of(noun)
    lemma = noun.lemma_.lower()
    if lemma not in message_nouns():
        return None
    found = _by_parse(noun)
    if found is not None:
        return found
    # the same message named before, nearest first: by the same noun, else (a letter, a note: a text
    # someone wrote) by another text noun ("left a suicide note" ... "the suicide letter")
    texts = words()["text_nouns"]
    for same in (lambda t: t == lemma, lambda t: lemma in texts and t in texts):
        for i in range(noun.i - 1, -1, -1):
            token = doc[i]
            if same(token.lemma_.lower()) and token.pos_ in ("NOUN", "PROPN"):
                found = _by_parse(token)
                if found is not None:
                    return found
    return None


def writer_of(doc: Doc, speaker: Speaker | None, entities) -> tuple[Speaker, bool] | None:
    """A speaker that is a letter, note or post ("The full letter reads:", "the suicide note said"):
    its writer where the article names one (authors.py), as a speaker at the same offsets, and
    whether the writer is one person (who may say "I")."""
    if speaker is None:
        return None
    span = doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    noun = span.root
    if bare_word(noun.text) in words()["neuter"] and speaker.resolved:  # "it says:", it being the note
        noun = antecedent_noun(doc, noun, bare_word(noun.text)) or noun
    writer = message_writer(doc, noun)
    if writer is None:
        return None
    entity = linked_entity(doc, writer, (writer.left_edge.i, writer.i + 1), entities)
    if entity is not None:
        name, person = entity.name, entity.type == "person"
    elif writer.pos_ == "PRON":
        return None
    else:
        name = noun_phrase(writer).text
        person = writer.tag_ in ("NN", "NNP") and (
            writer.ent_type_ == "PERSON" or writer.lemma_.lower() in words()["person_nouns"])
    return Speaker(name=name, entity_id=getattr(entity, "id", None), country=getattr(entity, "country", None),
                   start=speaker.start, end=speaker.end), person


def text_owner(doc: Doc, char: int, entities) -> tuple[str, object] | None:
    """"Some parts of her note are as follows:" / "The girl's full letter reads:" then a quotation in
    the first person: the quotation is the text's, whose owner says "I". The introduction is the
    paragraph before the quotation that ends with a colon or opens the quotation after one ("It reads:
    "Dear Mr R"), or the words before a colon that opens the quotation in its own paragraph ("The note
    begins: "If you are reading this, ... I ...""). Its owner: the possessor or writer of a message
    noun there (or of the message "it" stands for); else a person who is the subject there ("... when
    he spotted the giant crab for himself:")."""
    text = doc.text
    para = text.rfind("\n", 0, char) + 1
    opened = opening_after_colon(text, para, char)
    if opened > para:
        start, end = para, opened
    else:
        start = quotation_run_start(text, char) if in_quotation(doc, char) else first_person_run_start(text, char)
        end = text.find("\n", start)
        if end < 0:
            return None
        if not text[start:end].rstrip().endswith(":"):
            end = opening_after_colon(text, start, end)
            if end <= start:
                return None
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return None
    messages = channel_set("message") | words()["text_nouns"]
    for token in span:
        if bare_word(token.text) in words()["neuter"] and token.dep_ in ("nsubj", "nsubjpass"):
            token = antecedent_noun(doc, token, bare_word(token.text)) or token  # "It reads:", it being the letter
        if token.lemma_.lower() not in messages:
            continue
        owner = next((c for c in token.children if c.dep_ == "poss"), None) or message_writer(doc, token)
        if owner is None:
            continue
        entity = linked_entity(doc, owner, (owner.left_edge.i, owner.i + 1), entities)
        if entity is not None and entity.type == "person":
            return entity.name, entity
        if owner.pos_ != "PRON":
            phrase = doc[owner.left_edge.i:owner.i + 1]
            return phrase.text.removesuffix("'s").removesuffix("’s").strip(), None
    for token in reversed(span):  # the person the introduction is about, as the subject of its last clause
        if token.dep_ != "nsubj":
            continue
        entity = linked_entity(doc, token, (token.i, token.i + 1), entities)
        named_here = entity is not None and any(
            span.start_char <= m.start < span.end_char and m.text[:1].isupper() and not is_pronoun_name(m.text)
            for m in entity.mentions)
        if entity is not None and entity.type == "person" and (token.pos_ != "PRON" or named_here):
            return entity.name, entity  # a pronoun only when the introduction names its person too
        if entity is None and token.pos_ == "PROPN" and token.ent_type_ == "PERSON":
            return noun_phrase(token).text, None
    return None


def opening_after_colon(text: str, start: int, end: int) -> int:
    """Where a quotation opens right after a colon between start and end (an opening mark, not an
    apostrophe), else -1."""
    opened = max((i for i in range(start, end) if text[i] in OPEN_QUOTES and (i == 0 or text[i - 1].isspace())),
                 default=-1)
    return opened if opened > start and text[start:opened].rstrip().endswith(":") else -1


def first_person_run_start(text: str, char: int) -> int:
    """The start of the paragraph before a run of first-person paragraphs ending with the one holding
    `char` (a letter or note set out without quotation marks)."""
    fp = words()["first_person_words"]
    back = 2
    while back < 40:
        start = paragraph_start(text, char, back)
        end = text.find("\n", start)
        para = text[start:end if end >= 0 else len(text)]
        heading = len(para.split()) <= 4 and not para.rstrip().endswith(":")  # "SUICIDE NOTE"
        if start == 0 or not heading and not any(w in fp for w in passage_words(para.lower())):
            return start
        back += 1
    return paragraph_start(text, char, back)
