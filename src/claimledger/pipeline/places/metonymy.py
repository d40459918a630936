"""A toponym in an actor's slot stands for its government or people (metonymy).

A country, state, region, capital or seat of government in an actor's slot
(subject of a verb of saying or acting, object of accusing/ordering verbs,
agent of a passive, possessor of anything but a part of a place, source of
a confirmation, party to an agreement) is a metonym, not a literal place.
"""
from __future__ import annotations

from spacy.tokens import Span

from claimledger.pipeline.places.toponyms import PLACE_LABELS, Mention, Words


METONYM_KINDS = ("country", "admin1", "continent", "region")


def is_metonym_candidate(m: Mention) -> bool:
    """Seats of government, states and regions, capitals: what can stand for a government or people."""
    e = m.entry
    if m.seat:
        return True
    return e is not None and m.prefer is None and m.facility is None and (e.kind in METONYM_KINDS or e.capital)


def is_metonym(span: Span, w: Words) -> bool:
    """Whether the toponym fills an actor's slot in the parse."""
    tok = span.root
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head  # "Moscow and Pyongyang agreed": the first conjunct's slot
    head, dep = tok.head, tok.dep_
    head_lemma = head.lemma_.lower()
    if dep == "nsubj" and head.pos_ in ("VERB", "AUX") and head_lemma not in w.stative:
        return True  # "Moscow said", "Tamil Nadu wants"
    if dep in ("dobj", "dative") and head.pos_ == "VERB" and head_lemma in w.actor_object_verbs:
        return True  # "Britain blames Russia"
    if dep == "poss":
        # "Russia's claims", "Iran's imports" -- but "Russia's Kursk region" is a place
        return head_lemma not in w.place_nouns and head.ent_type_ not in PLACE_LABELS
    if dep != "pobj":
        return False
    prep = head.lower_
    governor = head.head.lemma_.lower()
    if prep == "by" and (head.dep_ == "agent" or head.head.pos_ == "NOUN"):
        return True  # "a statement released by the Kremlin", "a campaign by Turkey"
    if prep == "from" and governor in w.speech_nouns:
        return True  # "no confirmation from Moscow"
    if prep in ("between", "with") and governor in w.party_words:
        return True  # "an agreement signed between Moscow and Pyongyang"
    if prep == "of" and governor in w.of_nouns:
        return True  # "the independence of the United States", "the government of Iraq"
    if prep == "against":
        return True  # "sanctions against Russia", "25 points against Louisville"
    return False
