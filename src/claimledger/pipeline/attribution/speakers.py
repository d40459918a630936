"""Who speaks: the actor behind a statement's source phrase, and what to do when that phrase is a
pronoun or missing.

- A source phrase covered by an actor's mention (claimledger_actors, with its coreference) is that actor.
- "his government": the government of the person's country, never the person.
- A relative pronoun ("protest leaders, who have told ...") is the noun phrase it modifies.
- he / she / they / it: the closest fitting noun phrase before it (a person noun for he/she, people
  or a body of them for they, a message or organisation for it), when the actors component found none.
- someone / somebody: an anonymous source.
- What stays uncertain keeps the pronoun as its name with ``resolved=False``: never a guess
  (the first person and interviews are settled over the whole article: voices.py).
- No source at all: a passive of a saying verb or a report noun nobody owns ("It has been rumoured
  that", "amid reports that") is an anonymous source's ("unnamed sources", kind "vague" as the
  reconcile layer names such sources).
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from claimledger.model import Speaker
from claimledger.pipeline.actors.known import rules as actor_rules
from claimledger.pipeline.actors.mentions import collective_name
from claimledger.pipeline.attribution.parse import SUBJECT_DEPS, agent_of, subject_of
from claimledger.pipeline.attribution.lexicon import channel_set
from claimledger.pipeline.attribution.quotes import CLOSE_QUOTES, OPEN_QUOTES
from claimledger.resources import read_json
from claimledger.stances import stance_table


@lru_cache(maxsize=1)
def words() -> dict:
    raw = read_json("attribution/speakers.json")
    vague_heads = set(read_json("reconcile/sources_kinds.json")["vague_heads"])
    out = {k: (frozenset(v) if isinstance(v, list) else v) for k, v in raw.items() if not k.startswith("_")}
    # the anonymous name must read as vague to the reconcile layer (its last word a vague head)
    assert raw["anonymous_name"].split()[-1] in vague_heads, "anonymous_name must end in a vague head"
    return out


def bare_word(text: str | None) -> str:
    return (text or "").strip().lower()


def is_pronoun_name(text: str | None) -> bool:
    w = words()
    word = bare_word(text)
    return (word in w["relative"] or word in w["first_person"] or word in w["second_person"]
            or word in w["third_person"] or word in w["plural"] or word in w["neuter"]
            or word in w["generic_antecedents"] or word in w["indefinite"])


def linked_entity(doc: Doc, head: Token, span: tuple[int, int], entities):
    """The actor whose mention covers the source head, else any mention inside the source phrase."""
    head_start, head_end = head.idx, head.idx + len(head.text)
    start, end = doc[span[0]].idx, doc[span[1] - 1].idx + len(doc[span[1] - 1].text)
    inside = []
    for entity in entities:
        for m in entity.mentions:
            if m.start <= head_start and head_end <= m.end:
                return entity
            if start <= m.start and m.end <= end:
                inside.append((_is_possessor(doc, m), m.start, entity))
    # "Russia's state news agency TASS": the possessor only qualifies the phrase; TASS names it
    return min(inside, key=lambda c: (c[0], c[1]))[2] if inside else None


def _is_possessor(doc: Doc, mention) -> bool:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and (span[-1].dep_ == "poss" or (span.end < len(doc) and doc[span.end].tag_ == "POS"))


def make_speaker(doc: Doc, source, entities) -> Speaker | None:
    if source is None:
        return None
    head, span = source
    phrase = doc[span[0]:span[1]]
    owned = possessed_collective(doc, head, entities)
    if owned is not None:
        return Speaker(name=owned[0], entity_id=owned[1], country=owned[2], start=phrase.start_char,
                       end=phrase.end_char)
    entity = linked_entity(doc, head, span, entities)
    if entity is None:
        speaker = Speaker(name=phrase.text, entity_id=None, country=None, start=phrase.start_char,
                          end=phrase.end_char)
        if is_pronoun_name(phrase.text) and head.pos_ != "PROPN" and not (head.is_upper and len(head) > 1):
            resolve_pronoun(doc, head, speaker, entities)
        return speaker
    return Speaker(name=entity.name, entity_id=entity.id, country=entity.country,
                   start=phrase.start_char, end=phrase.end_char)


def possessed_collective(doc: Doc, head: Token, entities) -> tuple[str, str | None, str] | None:
    """"his government said", "her country's military": a person's government (or military) is
    that of the person's country, never the person."""
    etype = collective_heads().get(head.lower_)
    if etype is None:
        return None
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is None:
        return None
    person = linked_entity(doc, owner, (owner.i, owner.i + 1), entities)
    if person is None or person.type != "person" or not person.country:
        return None
    same = next((e for e in entities if e.type == etype and e.country == person.country), None)
    if same is not None:
        return same.name, same.id, same.country
    return collective_name(etype, person.country), None, person.country


def take_name(speaker: Speaker, name: str, entity=None) -> None:
    """Name the speaker (keeping the source phrase's offsets: the text says what it says)."""
    if entity is not None:
        speaker.name, speaker.entity_id, speaker.country = entity.name, entity.id, entity.country
    else:
        speaker.name = name
    speaker.resolved = True


def noun_phrase(noun: Token) -> Span:
    """A noun's phrase up to a relative clause, apposition or comma after it ("the woman who ...")."""
    doc = noun.doc
    end = noun.i + 1
    for child in noun.rights:
        if child.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj") or child.text == ",":
            break
        end = child.right_edge.i + 1
    start = noun.left_edge.i
    while start < noun.i and (doc[start].is_punct or doc[start].text in OPEN_QUOTES):
        start += 1
    while end > noun.i + 1 and (doc[end - 1].is_punct or doc[end - 1].text in CLOSE_QUOTES):
        end -= 1
    return doc[start:end]


def _named(doc: Doc, noun: Token, entities) -> tuple[str, object] | None:
    """The actor or, failing one, the words of a noun phrase that is not itself a pronoun."""
    phrase = noun_phrase(noun)
    entity = linked_entity(doc, noun, (phrase.start, phrase.end), entities)
    if entity is not None:
        return entity.name, entity
    if noun.pos_ == "PRON" or bare_word(phrase.text) in words()["generic_antecedents"]:
        return None  # "those who say", "some who believe": nobody in particular
    return phrase.text, None


def resolve_pronoun(doc: Doc, head: Token, speaker: Speaker, entities) -> None:
    """Name a pronoun speaker by its antecedent where the text makes it certain; else mark it unresolved."""
    w = words()
    word = bare_word(head.text)
    if word in w["indefinite"]:  # "someone posted": a source the text does not name
        speaker.name, speaker.kind = w["anonymous_name"], w["anonymous_kind"]
        return
    speaker.resolved = False
    if word in w["relative"] and head.head.dep_ in ("relcl", "acl") and head.head.head.i != head.head.i:
        antecedent = head.head.head
        hit = _named(doc, antecedent, entities)
        if hit is not None:
            take_name(speaker, *hit)
        elif antecedent.lower_ in w["generic_antecedents"] and antecedent.lower_ not in w["indefinite"]:
            # "people who are upset", "some who believe": the text's own vague source, no one in particular
            take_name(speaker, noun_phrase(antecedent).text)
            speaker.kind = w["anonymous_kind"]
        return
    if word in w["third_person"] or word in w["plural"] or word in w["neuter"]:
        noun = antecedent_noun(doc, head, word)
        if noun is not None:
            hit = _named(doc, noun, entities)
            if hit is not None:
                take_name(speaker, *hit)


def antecedent_noun(doc: Doc, pronoun: Token, word: str) -> Token | None:
    """The closest fitting noun before the pronoun in its sentence or the ones before, a subject
    first: a person noun (not of the other sex) for he/she, a plural noun for they, a singular
    thing -- a message ("It reads: ...") or an organisation ("The firm said ... It said") -- for it."""
    w = words()
    first_sent = pronoun.sent.start
    for _ in range(int(w["antecedent_sentences"])):
        if first_sent == 0:
            break
        first_sent = doc[first_sent - 1].sent.start
    fitting = [doc[i] for i in range(pronoun.i - 1, first_sent - 1, -1)
               if doc[i].pos_ in ("NOUN", "PROPN") and doc[i].dep_ not in ("compound", "poss")
               and _fits(doc[i], word)]
    subjects = [t for t in fitting if t.dep_ in SUBJECT_DEPS]
    if subjects:
        return subjects[0]
    if word in w["neuter"]:
        fitting = [t for t in fitting if t.lemma_.lower() in channel_set("message") | w["text_nouns"]]
    return fitting[0] if fitting else None


def _fits(token: Token, word: str) -> bool:
    w = words()
    lemma = token.lemma_.lower()
    person = token.ent_type_ == "PERSON" or lemma in w["person_nouns"] or lemma in _gendered()
    if word in w["neuter"]:
        return token.tag_ in ("NN", "NNP") and not person and token.ent_type_ not in ("GPE", "LOC", "DATE", "TIME")
    sex = w["third_person"].get(word)
    if sex is None:  # they: people or a body of them ("the researchers", "officials"), not things
        agent = person or lemma in w["plural_nouns"] or lemma in group_heads() or token.ent_type_ in ("ORG", "NORP")
        # an organisation or body named in the singular as a subject takes "they" too ("the group said
        # ... they added")
        body = token.dep_ in SUBJECT_DEPS and (
            token.ent_type_ == "ORG" or lemma in w["collective_nouns"])
        return (agent and (token.tag_ in ("NNS", "NNPS") or lemma in w["plural_nouns"])) or body
    return person and token.tag_ in ("NN", "NNP") and _gendered().get(lemma, sex) == sex \
        and not _other_sex(token, sex, _gendered())


def _other_sex(noun: Token, sex: str, gendered: dict) -> bool:
    return any(gendered.get(t.lower_, sex) != sex for t in noun.subtree if t.i <= noun.i)


@lru_cache(maxsize=1)
def _gendered() -> dict:
    return actor_rules()["gendered_words"]


def group_heads() -> frozenset[str]:
    """officials, sources, analysts, witnesses ... (data/actors/rules.json group_heads), singular and plural."""
    return frozenset(k for k in actor_rules()["group_heads"] if not k.startswith("_"))


def collective_heads() -> dict:
    """government / administration / military ... -> entity type (data/actors/rules.json)."""
    return {k: v for k, v in actor_rules()["collective_heads"].items() if not k.startswith("_")}


def anonymous_speaker(doc: Doc, found) -> Speaker | None:
    """An anonymous source for an attribution whose agent the text leaves out."""
    w = words()
    cue = found.cue
    lemma = cue.lemma_.lower()
    at = doc[found.cue_span[0]].idx
    if cue.pos_ in ("NOUN", "PROPN") and lemma in w["anonymous_nouns"] | {cue.lower_}:
        if cue.lower_ in w["anonymous_nouns"]:
            return Speaker(name=cue.lower_, entity_id=None, country=None, start=at, end=at,
                           kind=w["anonymous_kind"])
    if cue.pos_ in ("VERB", "AUX") and (lemma in w["anonymous_passive_lemmas"] or lemma in stance_table()) \
            and _passive(cue):  # "has been criticized for": by someone the text leaves unnamed
        return Speaker(name=w["anonymous_name"], entity_id=None, country=None, start=at, end=at,
                       kind=w["anonymous_kind"])
    return None


def _passive(verb: Token) -> bool:
    if agent_of(verb) is not None:
        return False
    subject = subject_of(verb)
    return (subject is not None and subject.dep_ == "nsubjpass") or any(c.dep_ == "auxpass" for c in verb.children) \
        or (verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod"))
