"""Claims as propositions: fragments, resolved subjects, contents that point at a claim, frames, the
outlet's own voice.  Hand-built Docs (tests/handmade.py) where the parse is not the point."""
from __future__ import annotations

import pytest

from claimledger.model import Article, Entity, Mention, Speaker, Statement
from claimledger.pipeline.claims import build_claims
from claimledger.pipeline.claims.anaphora import pointer_side
from claimledger.pipeline.claims.outlet import outlet_name
from claimledger.pipeline.claims.proposition import claim_text, proposition_span
from handmade import parsed

KIM = ("It has been rumored Kim might have had ankle surgery , but So said that is incorrect .",
       "It/PRON/nsubjpass/3//PRP has/AUX/aux/3/have/VBZ been/AUX/auxpass/3/be/VBN rumored/VERB/ROOT/3/rumor/VBN "
       "Kim/PROPN/nsubj/7//NNP might/AUX/aux/7//MD have/AUX/aux/7//VB had/VERB/ccomp/3/have/VBN "
       "ankle/NOUN/compound/9//NN surgery/NOUN/dobj/7//NN ,/PUNCT/punct/3//, but/CCONJ/cc/3//CC "
       "So/PROPN/nsubj/13//NNP said/VERB/conj/3/say/VBD that/PRON/nsubj/15//DT is/AUX/ccomp/13/be/VBZ "
       "incorrect/ADJ/acomp/15//JJ ./PUNCT/punct/3//.")
NK = ("North Korea denied that it had sent troops to Russia .",
      "North/PROPN/compound/1//NNP Korea/PROPN/nsubj/2//NNP denied/VERB/ROOT/2/deny/VBD that/SCONJ/mark/6//IN "
      "it/PRON/nsubj/6//PRP had/AUX/aux/6/have/VBD sent/VERB/ccomp/2/send/VBN troops/NOUN/dobj/6/troop/NNS "
      "to/ADP/prep/6//IN Russia/PROPN/pobj/8//NNP ./PUNCT/punct/2//.")
FRAGMENTS = ("He said he expected to see asylum and that is not true .",
             "He/PRON/nsubj/1//PRP said/VERB/ROOT/1/say/VBD he/PRON/nsubj/3//PRP expected/VERB/ccomp/1/expect/VBD "
             "to/PART/aux/5//TO see/VERB/xcomp/3//VB asylum/NOUN/dobj/5//NN and/CCONJ/cc/1//CC "
             "that/PRON/nsubj/9//DT is/AUX/conj/1/be/VBZ not/PART/neg/9//RB true/ADJ/acomp/9//JJ ./PUNCT/punct/1//.")


def statement(doc, sid, cue, content, stance="assert", speaker="So", kind="indirect", lemma=None):
    text = doc.text
    cs, ct = text.index(cue), text.index(content)
    return Statement(id=sid, speaker=Speaker(speaker, None, None, 0, 0) if speaker else None,
                     cue={"text": cue, "lemma": lemma or cue, "start": cs, "end": cs + len(cue)},
                     content={"text": content, "start": ct, "end": ct + len(content)}, kind=kind, stance=stance)


@pytest.mark.parametrize("doc, content, expected", [
    (FRAGMENTS, "to see asylum", None),              # no subject, not finite
    (FRAGMENTS, "asylum", None),                     # a bare noun
    (KIM, "is incorrect", None),                     # the parser took "that" for a complementizer
    (KIM, "Kim might have had ankle surgery", "Kim might have had ankle surgery"),
    (NK, "that it had sent troops to Russia", "it had sent troops to Russia"),  # the complementizer goes
])
def test_proposition_or_fragment(doc, content, expected):
    doc = parsed(*doc)
    start = doc.text.index(content)
    span = doc.char_span(start, start + len(content))
    found = proposition_span(doc, span)
    assert (found.text if found is not None else None) == expected


@pytest.mark.parametrize("doc, cue, content, stance, side", [
    (KIM, "said", "that is incorrect", "assert", "against"),
    (KIM, "said", "is incorrect", "assert", "against"),            # "that" parsed as a complementizer
    (FRAGMENTS, "said", "that is not true", "assert", "against"),   # negated truth
    (FRAGMENTS, "said", "that is not true", "deny", "for"),         # denying that it is untrue
    (KIM, "said", "Kim might have had ankle surgery", "assert", None),  # states a claim of its own
])
def test_pointer_side(doc, cue, content, stance, side):
    doc = parsed(*doc)
    st = statement(doc, "s", cue, content, stance)
    start = doc.text.index(content)
    assert pointer_side(doc, st, doc.char_span(start, start + len(content))) == side


def test_a_rumour_and_its_denial_are_one_claim():
    doc = parsed(*KIM)
    rumour = statement(doc, "s1", "rumored", "Kim might have had ankle surgery", speaker=None, lemma="rumor")
    denial = statement(doc, "s2", "said", "that is incorrect", lemma="say")
    [claim] = build_claims(doc, [rumour, denial])
    assert claim.text == "Kim might have had ankle surgery"
    assert claim.statement_ids == ["s1", "s2"] and claim.status == "disputed"
    assert (rumour.claim_side, denial.claim_side) == ("for", "against")
    assert {k: claim.frame[k] for k in ("predicate", "agent", "patient", "polarity", "modality")} == {
        "predicate": "have", "agent": "Kim", "patient": "ankle surgery", "polarity": "positive",
        "modality": "rumoured"}


def test_a_pointer_with_nothing_to_point_at_and_fragments_found_no_claim():
    doc = parsed(*FRAGMENTS)
    sts = [statement(doc, "s1", "said", "to see asylum", speaker="He"),
           statement(doc, "s2", "said", "that is not true", speaker="He")]
    assert build_claims(doc, sts) == []
    assert [s.claim_id for s in sts] == [None, None]


def test_the_subject_pronoun_is_resolved_from_the_coreference():
    doc = parsed(*NK)
    it = doc.text.index(" it ") + 1
    doc._.cl_entities = [Entity(id="kp", name="Government of North Korea", type="government", country="KP",
                                mentions=[Mention(0, 11, "North Korea"), Mention(it, it + 2, "it")])]
    st = statement(doc, "s1", "denied", "that it had sent troops to Russia", "deny", speaker="North Korea")
    [claim] = build_claims(doc, [st])
    assert claim.text == "North Korea had sent troops to Russia"
    assert claim.status == "denied"
    assert {k: claim.frame[k] for k in ("predicate", "agent", "patient", "target")} == {
        "predicate": "send", "agent": "North Korea", "patient": "troops", "target": "Russia"}
    doc._.cl_entities = []  # no coreference: the pronoun stays as written
    assert claim_text(doc, st, proposition_span(doc, doc.char_span(claim.start, claim.end))) \
        == "It had sent troops to Russia"


@pytest.mark.parametrize("source, url, expected", [
    ("Reuters", "https://www.reuters.com/x", "Reuters"),
    (None, "https://www.reuters.com/world/x", "reuters.com"),
    ("  ", "http://apnews.com/a", "apnews.com"),
    (None, None, None),
])
def test_outlet_name(source, url, expected):
    assert outlet_name(source, url) == expected


OUTLET_TEXT = ("North Korea sends troops to Russia\n"
               "North Korea has sent troops to Russia to fight in the Kursk region. "
               "Pyongyang dismissed the reports as groundless.")


@pytest.mark.parametrize("text, source, url, expected", [
    # the headline and the unattributed lede are the outlet's; the dismissal joins their claim against
    (OUTLET_TEXT, "Example News", None,
     [("North Korea sends troops to Russia", "Example News"),
      ("North Korea has sent troops to Russia to fight in the Kursk region", "Example News")]),
    (OUTLET_TEXT, None, "https://www.example.com/a", [("North Korea sends troops to Russia", "example.com"),
                                                      ("North Korea has sent troops to Russia to fight in the "
                                                       "Kursk region", "example.com")]),
    # an attributed lede is the source's, which the outlet relays; a one-paragraph text has no headline
    ("North Korea has sent troops to Russia, Seoul said on Monday.", None, None, []),
    ("Is North Korea sending troops to Russia?\nNobody knows.", None, None, []),
])
def test_outlet_statements(nlp, text, source, url, expected):
    from claimledger.pipeline.analysis import analyze

    result = analyze(Article(text=text, source=source, url=url), nlp)
    outlet = [s for s in result.statements if s.kind == "outlet"]
    assert [(s.content["text"], s.speaker.name) for s in outlet] == expected
    assert all(s.stance == "assert" and s.speaker.start is None for s in outlet)
    if expected:
        dismissal = next(s for s in result.statements if s.cue["text"] == "dismissed")
        assert dismissal.claim_side == "against" and dismissal.claim_id is not None
        assert all(c.frame["predicate"] == "send" for c in result.claims)
