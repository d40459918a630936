"""The source of an attribution: who speaks, and the phrase that names them.

The subject of the cue, the agent of a passive, the possessor of a nominal cue
("Trump's claim"), the subject a participle inherits ("..., adding that"), the
author of a published message; the source phrase is the head's whole noun
phrase, as PolNeAR marks it.
"""
from __future__ import annotations

from spacy.tokens import Token

from claimledger.pipeline.attribution.lexicon import channel_set
from claimledger.pipeline.attribution.parse import (
    name_read_as_adverb,
    INHERIT_SUBJECT_DEPS,
    SUBJECT_DEPS,
    agent_of,
    prep_object,
    reported_conjunct,
    subject_of,
    subtree_bounds,
)


def relayed_speaker(token: Token) -> Token | None:
    """The object of a relaying cue with an "as saying" complement ("quoted Kim as saying")."""
    if token.lemma_.lower() not in channel_set("relay_cue"):
        return None
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    as_prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    if obj is None or as_prep is None or not any(c.dep_ == "pcomp" for c in as_prep.children):
        return None
    return obj


def find_source(cue: Token, rel: str) -> tuple[Token | None, str]:
    """The head of the source phrase and how it was found."""
    if cue.pos_ == "ADJ" and cue.dep_ == "acomp":
        cue = cue.head  # the copula's subject: "his website has been critical of"
    subject = subject_of(cue)
    if subject is not None and subject.dep_ == "nsubjpass":
        agent = agent_of(cue)
        if agent is not None:
            return agent, "agent"
        if rel != "head":
            return None, "passive"
    if subject is not None:
        return subject, "subject"
    if cue.pos_ in ("NOUN", "PROPN"):
        return noun_source(cue)
    return inherited_source(cue)


def noun_source(noun: Token) -> tuple[Token | None, str]:
    """Source of a nominal cue: its possessor or modifier ("Trump's claim", "intelligence reports"),
    else the subject of the verb it is the object of ("X gave confirmation that")."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child, "poss"
    for child in noun.children:
        if child.dep_ == "compound" and child.pos_ in ("PROPN", "NOUN") and child.i < noun.i:
            return child, "compound"
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            pobj = prep_object(child)
            if pobj is not None:
                return pobj, "from"
    if noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX"):
        subject = subject_of(noun.head)
        if subject is not None:
            return subject, "verb-subject"
    if noun.dep_ in SUBJECT_DEPS:
        return None, "none"
    return None, "none"


def inherited_source(cue: Token) -> tuple[Token | None, str]:
    """A participle or conjunct takes the subject of the clause it hangs off ("..., adding that")."""
    node = cue
    for _ in range(4):
        if node.dep_ not in INHERIT_SUBJECT_DEPS or node.head.i == node.i:
            return None, "none"
        head = node.head
        if head.pos_ in ("NOUN", "PROPN") and node.dep_ in ("acl", "relcl"):
            if node.dep_ == "relcl":
                return head, "relcl"
            source, how = noun_source(head)  # "a statement from X confirming that"
            if source is not None:
                return source, how
            return head, "acl"
        carried = published_author(head)
        if carried is not None:
            return carried, "published"
        subject = subject_of(head)
        if subject is not None and subject.dep_ != "nsubjpass":
            return subject, "inherited"
        if node.dep_ == "conj" and head.dep_ == "ccomp" and (reported_conjunct(head) or head).i == node.i:
            node = head.head  # the speech verb whose content swallowed this one
            subject = subject_of(node)
            if subject is not None:
                return subject, "inherited"
            continue
        node = head
    return None, "none"


def published_author(verb: Token) -> Token | None:
    """"KCNA published a statement from the Commission ... confirming": the
    Commission speaks (KCNA only carries it)."""
    if verb.lemma_.lower() not in channel_set("publish"):
        return None
    message = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if message is None or message.lemma_.lower() not in channel_set("message"):
        return None
    author, how = noun_source(message)
    if how in ("poss", "compound", "from"):
        return author
    for prep in verb.children:  # the parser often hangs "from X" on the verb
        if prep.dep_ == "prep" and prep.lower_ == "from" and prep_object(prep) is not None:
            return prep_object(prep)
    return None


PAIRS = {")": "(", "]": "[", "”": "“", "’": "‘"}


def phrase_bounds(token: Token) -> tuple[int, int]:
    """The full noun phrase of a source head, trimmed of edge punctuation.

    Closing brackets and quotes stay when their partner is inside; an
    apposition or relative clause keeps its closing comma ("Clinton, a
    Democrat, said"), as PolNeAR marks it."""
    doc = token.doc
    start, end = subtree_bounds(token)
    while start < end and doc[start].is_punct and doc[start].text not in PAIRS.values():
        start += 1
    while end > start and doc[end - 1].is_punct:
        closer = doc[end - 1].text
        if closer in PAIRS and any(t.text == PAIRS[closer] for t in doc[start:end - 1]):
            break
        end -= 1
    inner_comma = any(t.text == "," for t in doc[start:end])
    if inner_comma and end < len(doc) and doc[end].text == "," and doc[end].head.i != end:
        end += 1
    return start, end


def orphan_subject(token: Token) -> Token | None:
    """The speaker of a cue after a quote: a subject after the cue ("said Smith") wins over
    one the parser found inside the quotation before it."""
    subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
    after = [c for c in subjects if c.i > token.i]
    return after[0] if after else (subjects[-1] if subjects else None)


def stray_source(cue: Token, content: tuple[int, int], addressee_verbs: frozenset[str] = frozenset()) -> Token | None:
    """The speaker of a verb cue the parser left without a subject, found where news puts it:

    - a subject the parser hung on a clause inside the cue's ("Mr Vorozhbitsyn - now recovering
      from his mauling - said:"),
    - a name right after the cue, closing a sentence whose content came first ("..., reports
      PandoDaily."; not the addressee of "told"),
    - a capitalised word inside the sentence right before the cue that the parser read as an adverb
      ("..., but So said that is incorrect": the name So, not "so"),
    - a name between the content and the cue, which the parser took into the content's clause
      ("... for airstrikes, retired Col. Thomas Lynch, a National Defense University fellow, told Fox News.").
    """
    if cue.pos_ not in ("VERB", "AUX") or subject_of(cue) is not None or cue.dep_ not in ("ROOT", "conj", "ccomp"):
        return None
    before = cue.doc[cue.i - 1] if cue.i > 0 else None
    if before is not None and name_read_as_adverb(before):  # "..., but So said": the name So, not "so"
        return before
    for child in cue.lefts:
        if child.dep_ == "advcl":
            subject = next((c for c in child.children if c.dep_ == "nsubj" and c.i < child.i), None)
            if subject is not None and subject.pos_ in ("PROPN", "NOUN") and subject.left_edge.i == child.left_edge.i:
                return subject
    if content[1] <= cue.i:
        after = [c for c in cue.rights if c.dep_ in ("npadvmod", "dobj", "attr", "nsubj") and c.pos_ == "PROPN"]
        if after and cue.lemma_.lower() not in addressee_verbs and after[0].right_edge.i + 1 < len(cue.doc) \
                and cue.doc[after[0].right_edge.i + 1].is_punct and cue.i > 0 and cue.doc[cue.i - 1].text in (",", "”", '"'):
            return after[0]
        gap = range(content[1], cue.i)
        roots = [cue.doc[i] for i in gap if not (content[1] <= cue.doc[i].head.i < cue.i)]
        names = [t for t in roots if t.pos_ == "PROPN" and t.ent_type_ in ("PERSON", "ORG")]
        if names and all(t.is_punct or t.dep_ in ("appos", "punct") or t in names for t in roots):
            return names[0]
    return None
