"""Who wrote a letter, note or post that the article quotes: the "I" of a text set out at length is
its writer, whom the article names where it introduces the text, not where it quotes it.

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

from claimledger.pipeline.attribution.lexicon import channel_set

PLACES = ("GPE", "LOC", "FAC")


def message_nouns() -> frozenset[str]:
    from claimledger.pipeline.attribution.speakers import words

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
    from claimledger.pipeline.attribution.speakers import words

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
    from claimledger.pipeline.attribution.speakers import words

    texts = words()["text_nouns"]
    for same in (lambda t: t == lemma, lambda t: lemma in texts and t in texts):
        for i in range(noun.i - 1, -1, -1):
            token = doc[i]
            if same(token.lemma_.lower()) and token.pos_ in ("NOUN", "PROPN"):
                found = _by_parse(token)
                if found is not None:
                    return found
    return None
