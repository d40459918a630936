"""A statement's content as a proposition a reader understands without the article.

- The proposition is the content's clause: a verb with its subject inside the content, finite
  ("had sent", "will break") or a headline participle ("Troops sent to Kursk").  A content that
  names a claim and states it ("reports that it had sent troops") has the clause as proposition.
- A content with no such clause is an *event* when its head is an event noun of the concept
  classes ("the deployment of troops"), else a *fragment* ("is incorrect", "to see", "asylum"):
  a fragment never founds a claim and never gives a claim its text.
- The claim's text resolves the subject: a pronoun or relative word becomes the name the actors
  component's coreference gave it (an entity mention over the pronoun), and a first-person
  subject in a quote becomes the speaker ("I did not order it" -> "Putin did not order it").
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from claimledger.model import Statement
from claimledger.pipeline.claims.vocabulary import vocabulary

SUBJECT_DEPS = ("nsubj", "nsubjpass", "expl", "csubj", "csubjpass")
FINITE_TAGS = ("VBD", "VBZ", "VBP", "MD")
HEADLINE_TAGS = ("VBN", "VBG")
CLAUSE_CHILD_DEPS = ("acl", "ccomp", "relcl")
COPULA_COMPLEMENTS = ("attr", "acomp", "prep", "ccomp", "xcomp", "oprd", "dobj", "advcl", "npadvmod")
PRONOUN_TAGS = ("PRP", "PRP$", "WP", "WP$", "WDT")
COMPLEMENTIZERS = ("that", "whether")
EDGE_PUNCT = set("\"'“”‘’,.;:()[]-–—")


def subject_of(root: Token, span: Span | None = None) -> Token | None:
    for child in root.children:
        if child.dep_ in SUBJECT_DEPS and (span is None or span.start <= child.i < span.end):
            return child
    return None


def is_clause(root: Token, span: Span) -> bool:
    """A verb (or copula) with its subject inside the span, finite or a headline participle."""
    if root.pos_ not in ("VERB", "AUX") or subject_of(root, span) is None:
        return False
    if root.lemma_.lower() == "be" and not any(c.dep_ in COPULA_COMPLEMENTS for c in root.children):
        return False  # "ISIS militants are now": a copula with nothing said of its subject
    finite = root.tag_ in FINITE_TAGS or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS for c in root.children)
    return finite or root.tag_ in HEADLINE_TAGS


def trimmed(doc: Doc, start: int, end: int) -> Span | None:
    """Tokens start..end without a leading complementizer or quotes and trailing punctuation."""
    while start < end and (doc[start].is_space or doc[start].text in EDGE_PUNCT
                           or doc[start].dep_ == "mark" and doc[start].head.i >= start):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in EDGE_PUNCT):
        end -= 1
    if end - start > 1 and doc[start].lower_ in COMPLEMENTIZERS and doc[start].dep_ not in SUBJECT_DEPS:
        start += 1  # "that it had sent troops", whatever the parser made of "that"
    return doc[start:end] if end > start else None


def _parts(span: Span) -> list[Span]:
    """The content sentence by sentence (a quote may run over several)."""
    if not span.doc.has_annotation("SENT_START"):
        return [span]
    parts = []
    for sent in span.sents:
        start, end = max(sent.start, span.start), min(sent.end, span.end)
        if end > start:
            parts.append(span.doc[start:end])
    return parts or [span]


def stands_alone(doc: Doc, clause: Span, st: Statement | None = None) -> bool:
    """The clause's subject is no question word, and no demonstrative or pronoun left unresolved
    ('What happened next', 'This story appeared in ...')."""
    subject = subject_of(clause.root, clause)
    if subject is None or subject.dep_ == "expl":
        return True
    if subject.tag_ in ("WP", "WDT") and referent(doc, subject, st) is None:
        return False
    refs = vocabulary()["pronoun_referents"]
    demonstrative = [t for t in (subject, *subject.children) if t.lower_ in refs["demonstratives"]
                     and (t is subject or t.dep_ == "det")]
    return not demonstrative


def proposition_span(doc: Doc, span: Span | None) -> Span | None:
    """The clause the content states, or None when it states none."""
    if span is None:
        return None
    for part in _parts(span):
        part = trimmed(doc, part.start, part.end)
        if part is None:
            continue
        root = part.root
        if is_clause(root, part):
            return part if stands_alone(doc, part) else None
        if root.pos_ in ("NOUN", "PROPN"):  # "reports that it had sent troops"
            for child in _clause_children(root):
                sub = trimmed(doc, child.left_edge.i, child.right_edge.i + 1)
                if sub is not None and is_clause(child, sub):
                    return sub
    return None


def _clause_children(noun: Token):
    """Clauses that state what a noun names: its own clause children ("reports that ..."), and those of
    a correlative pronoun after a preposition ("заявление о том, что ...": the statement that ...)."""
    for child in noun.children:
        if child.dep_ in CLAUSE_CHILD_DEPS:
            yield child
        elif child.dep_ == "prep" and child.i > noun.i:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ == "PRON":
                    yield from (c for c in pobj.children if c.dep_ in CLAUSE_CHILD_DEPS and c.i > pobj.i)


def is_event(span: Span | None) -> bool:
    """'the deployment of troops': an event noun (a concept class that is not a participant) heads it."""
    if span is None:
        return False
    vocab = vocabulary()
    root = span.root
    cls = vocab["concept_of"].get(root.lemma_.lower()) or vocab["concept_of"].get(root.lower_)
    with_argument = any(c.dep_ in ("prep", "poss", "compound", "nmod") for c in root.children)
    return root.pos_ == "NOUN" and cls is not None and cls not in vocab["participant_classes"] and with_argument


# -- the text -------------------------------------------------------------------------------

def _entity_at(doc: Doc, char: int):
    for ent in doc._.cl_entities or []:
        for m in ent.mentions:
            if m.start <= char < m.end:
                return ent
    return None


def _antecedent_text(ent, tok: Token) -> str:
    """The entity as last named before the pronoun ('North Korea'), else its canonical name."""
    pronouns = set(vocabulary()["pronoun_referents"]["any"])
    named = [m for m in ent.mentions if m.end <= tok.idx and m.text.lower() not in pronouns
             and m.text[:1].isupper()]
    return named[-1].text if named else ent.name


def _speaker_name(doc: Doc, st: Statement | None) -> str | None:
    if st is None or st.speaker is None:
        return None
    pronouns = set(vocabulary()["pronoun_referents"]["any"])
    if st.speaker.name.lower() not in pronouns:
        return st.speaker.name
    for ent in doc._.cl_entities or []:
        if ent.id == st.speaker.entity_id:
            return ent.name
    return None


def referent(doc: Doc, tok: Token, st: Statement | None = None) -> str | None:
    """The name a pronoun or relative word stands for: the coreference first, then, for a first
    person in the speaker's words, the speaker."""
    if tok.tag_ not in PRONOUN_TAGS and tok.lower_ not in vocabulary()["pronoun_referents"]["any"]:
        return None
    ent = _entity_at(doc, tok.idx)
    if ent is not None and ent.name.lower() != tok.lower_:
        return _antecedent_text(ent, tok)
    refs = vocabulary()["pronoun_referents"]
    if tok.lower_ in refs["first_person"] and st is not None and st.kind in ("direct", "mixed"):
        speaker = _speaker_entity(doc, st)
        singular = tok.lower_ in refs["first_person_singular"] or tok.lower_ == "my"
        collective = speaker is not None and speaker.type != "person"
        if singular != collective:  # "I" is a person speaking, "we" an organisation
            return _speaker_name(doc, st)
    return None


def _speaker_entity(doc: Doc, st: Statement):
    if st.speaker is None or st.speaker.entity_id is None:
        return None
    return next((e for e in doc._.cl_entities or [] if e.id == st.speaker.entity_id), None)


def _third_person(tok: Token) -> str | None:
    """The verb after a first-person subject, in the third person ('am' -> 'is')."""
    forms = vocabulary()["first_to_third_person"]
    if tok.lower_ in forms:
        return forms[tok.lower_]
    if tok.tag_ == "VBP" and tok.lower_ == tok.lemma_.lower():
        word = tok.text
        if word.endswith(("s", "sh", "ch", "x", "o")):
            return word + "es"
        if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
            return word[:-1] + "ies"
        return word + "s"
    return None


def resolved_tokens(doc: Doc, span: Span, st: Statement | None = None) -> dict[int, str]:
    """Token index -> replacement text for the subject (and its possessor) of the span's clause."""
    out: dict[int, str] = {}
    root = span.root
    subject = subject_of(root, span)
    if subject is None or subject.dep_ == "expl":
        return out
    name = referent(doc, subject, st)
    if name:
        out[subject.i] = name
        if subject.lower_ in vocabulary()["pronoun_referents"]["first_person_singular"]:
            after = [t for t in span if t.i > subject.i and t.head.i == root.i and t.dep_ in ("aux", "auxpass")]
            verb = (after or [root])[0]
            third = _third_person(verb)
            if third and verb.i > subject.i:
                out[verb.i] = third
    for child in subject.children:  # "its soldiers" -> "the army's soldiers"
        if child.dep_ == "poss" and child.tag_ == "PRP$":
            owner = referent(doc, child, st)
            if owner:
                out[child.i] = owner + "'s"
    return out


def render(doc: Doc, span: Span, replacements: dict[int, str]) -> str:
    pieces = []
    for tok in span:
        text = replacements.get(tok.i, tok.text)
        pieces.append(text + (" " if tok.whitespace_ and tok.i < span.end - 1 else ""))
    text = " ".join("".join(pieces).split())
    return text[:1].upper() + text[1:]


def claim_text(doc: Doc, st: Statement, span: Span | None) -> str:
    """The claim's text: its proposition with the subject resolved, else the content as it stands."""
    if span is None:
        text = st.content["text"].strip().strip("“”\"'‘’ ")
        for lead in ("that ", "That "):
            if text.startswith(lead):
                text = text[len(lead):]
        return text[:1].upper() + text[1:]
    return render(doc, span, resolved_tokens(doc, span, st))
