"""Who speaks: the actor behind a statement's source phrase, and what to do when that phrase is a
pronoun or missing.

- A source phrase covered by an actor's mention (claimledger_actors, with its coreference) is that actor.
- A relative pronoun ("protest leaders, who have told ...") is the noun phrase it modifies.
- I / we: the speaker whose statement holds this one ("“I told her ...,” Mrs Nash said"), else the
  speaker whose first-person words come last before it (a quotation continued over paragraphs, a
  letter read out), else -- outside quotation marks -- the author of the text.
- he / she / they / it: the closest fitting noun phrase before it (a person noun for he/she, a plural
  noun for they), when the actors component found none.
- What stays uncertain keeps the pronoun as its name with ``resolved=False``: never a guess.
- No source at all: a passive of a saying verb or a report noun nobody owns ("It has been rumoured
  that", "amid reports that") is an anonymous source's ("unnamed sources", kind "vague" as the
  reconcile layer names such sources); a speakerless attribution inside another statement's
  content is part of that statement, not one of its own, and is left out.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from claimledger.model import Speaker, Statement
from claimledger.pipeline.actors.known import rules as actor_rules
from claimledger.pipeline.actors.mentions import collective_name
from claimledger.pipeline.attribution.parse import SUBJECT_DEPS, agent_of, speech_lemmas, subject_of
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


# --- the actor behind a phrase -----------------------------------------------------------

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


def _take(speaker: Speaker, name: str, entity=None) -> None:
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


# --- pronouns ----------------------------------------------------------------------------

def resolve_pronoun(doc: Doc, head: Token, speaker: Speaker, entities) -> None:
    """Name a pronoun speaker by its antecedent where the text makes it certain; else mark it unresolved."""
    w = words()
    word = bare_word(head.text)
    if word in w["indefinite"]:  # "someone posted": a source the text does not name
        speaker.name, speaker.kind = w["anonymous_name"], w["anonymous_kind"]
        return
    speaker.resolved = False
    if word in w["relative"] and head.head.dep_ in ("relcl", "acl") and head.head.head.i != head.head.i:
        hit = _named(doc, head.head.head, entities)
        if hit is not None:
            _take(speaker, *hit)
        return
    if word in w["third_person"] or word in w["plural"] or word in w["neuter"]:
        noun = _antecedent_noun(doc, head, word)
        if noun is not None:
            hit = _named(doc, noun, entities)
            if hit is not None:
                _take(speaker, *hit)


def _antecedent_noun(doc: Doc, pronoun: Token, word: str) -> Token | None:
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
        fitting = [t for t in fitting if t.lemma_.lower() in channel_set("message")]
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
        return agent and (token.tag_ in ("NNS", "NNPS") or lemma in w["plural_nouns"])
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


# --- the statement set: first person, nested, anonymous ------------------------------------

def finish(doc: Doc, pairs: list[tuple[object, Statement]], entities=()) -> list[Statement]:
    """Settle the speakers that need the other statements of the article, and leave out the
    speakerless attributions that belong to another statement."""
    statements = [st for _, st in pairs]
    w = words()
    ordered = sorted(statements, key=lambda s: -(s.content["end"] - s.content["start"]))
    for st in ordered:  # outer statements (longer contents) settle first
        sp = st.speaker
        if sp is not None and not sp.resolved and bare_word(doc.text[sp.start:sp.end]) in w["first_person"]:
            _first_person(doc, st, statements, entities)
    for st in statements:
        sp = st.speaker
        if sp is not None and not sp.resolved and bare_word(doc.text[sp.start:sp.end]) in w["second_person"]:
            _interviewer(doc, st, entities)
    kept = []
    for found, st in pairs:
        sp = st.speaker
        if sp is not None and not sp.resolved and not _stands(doc, found, st, statements):
            continue
        if st.speaker is None:
            if _enclosing(st, statements) is not None:
                continue  # "Mr Nash said he had been told ...": the told is his statement's content
            st.speaker = anonymous_speaker(doc, found)
            if st.speaker is None and not _holds_others(st, statements):
                continue  # no one says it ("it seems", "is known as"): not a statement
        kept.append(st)
    return kept


def _stands(doc: Doc, found, st: Statement, statements: list[Statement]) -> bool:
    """Whether a statement whose speaker stays an unresolved pronoun is still a statement of its own:
    not when it is part of another's content ("He says he discussed it with the head and they agreed
    ...", "police don't know who was firing"), nor the writer turning to the reader outside any
    quotation ("you probably never thought you'd read", "Have you ever committed ...?")."""
    import os
    if _enclosing(st, statements) is not None:
        return False
    word = bare_word(doc.text[st.speaker.start:st.speaker.end])
    if os.environ.get("DY") == "1" and word in words()["second_person"] and not _in_quotation(doc, st.speaker.start):
        return False
    if os.environ.get("DS") == "1" and found.cue.lemma_.lower() not in speech_lemmas():
        return False
    return True


def _holds_others(st: Statement, statements: list[Statement]) -> bool:
    c = st.content
    return any(o is not st and c["start"] <= o.cue["start"] and o.cue["end"] <= c["end"] for o in statements)


def _enclosing(st: Statement, statements: list[Statement]) -> Statement | None:
    """The statement with a speaker whose content holds this one's cue (the innermost)."""
    best = None
    for other in statements:
        c = other.content
        if other is st or other.speaker is None or not (c["start"] <= st.cue["start"] and st.cue["end"] <= c["end"]):
            continue
        if best is None or c["end"] - c["start"] < best.content["end"] - best.content["start"]:
            best = other
    return best


def _first_person(doc: Doc, st: Statement, statements: list[Statement], entities) -> None:
    sp = st.speaker
    outer = _enclosing(st, statements)
    if outer is not None and outer.speaker.resolved:
        _copy(sp, outer.speaker)
        return
    owner = _text_owner(doc, sp.start, entities)
    if owner is not None:
        _take(sp, *owner)
        return
    label = _line_label(doc, sp.start)
    if label is not None:
        _take(sp, label)
        return
    singular = bare_word(doc.text[sp.start:sp.end]) in words()["singular_first_person"]
    voice = _voice_before(doc, st, [o for o in statements if not singular or _one_person(doc, o.speaker, entities)])
    if voice is not None:
        _copy(sp, voice.speaker)
        return
    if not _in_quotation(doc, sp.start):
        guest = interviewee(doc, entities)
        if guest is not None:  # an interview: "I" answers the interviewer
            _take(sp, guest.name, guest)
            return
        # first-person narration: the writer's (the outlet where the reader knows it)
        sp.name, sp.kind, sp.resolved = doc._.source or "the author", "author", True


def _one_person(doc: Doc, speaker: Speaker | None, entities) -> bool:
    """Whether a speaker can say "I": a person, or words naming one ("the teacher", "a man")."""
    if speaker is None:
        return False
    if speaker.entity_id is not None:
        return any(e.id == speaker.entity_id and e.type == "person" for e in entities)
    span = doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    return root.tag_ in ("NN", "NNP") and (root.ent_type_ == "PERSON" or root.lemma_.lower() in words()["person_nouns"])


def interviewee(doc: Doc, entities):
    """In an interview (a text of several paragraphs that are questions), the person it is with:
    the person named in the first paragraphs (title, lede) most often named in the text, else the
    organisation so named ("An interview with The Onion")."""
    text = doc.text
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    if sum(p.endswith("?") for p in paragraphs) < int(words()["interview_questions"]):
        return None
    lead = int(words()["interview_lead_paragraphs"])
    head_end = text.find(paragraphs[min(lead, len(paragraphs)) - 1]) + len(paragraphs[min(lead, len(paragraphs)) - 1])
    named = [e for e in entities if any(m.start < head_end for m in e.mentions) and e.name != doc._.source]
    people = [e for e in named if e.type == "person"]
    if people:
        return max(people, key=lambda e: len(e.mentions))
    title_end = len(paragraphs[0]) + text.find(paragraphs[0])
    bodies = [e for e in named if e.type in ("organisation", "media") and any(m.start < title_end for m in e.mentions)]
    if bodies:
        return max(bodies, key=lambda e: len(e.mentions))
    return _title_guest(doc, title_end)


class _Named:
    """A name the text gives that no actor holds (an interviewee the recogniser missed)."""

    def __init__(self, name: str):
        self.name, self.id, self.country, self.type, self.mentions = name, None, None, "person", []


def _title_guest(doc: Doc, title_end: int):
    """"Wikinews interviews Israeli mathematician and writer Aner Shalev": the run of capitalised
    words that ends the title after "interview(s) (with)"."""
    title = doc.char_span(0, title_end, alignment_mode="contract")
    if title is None:
        return None
    after = next((t.i + 1 for t in title if t.lemma_.lower() in words()["interview_words"]), None)
    if after is None:
        return None
    run: list[Token] = []
    for token in doc[after:title.end]:
        run = run + [token] if token.is_title and token.is_alpha else []
    return _Named(" ".join(t.text for t in run)) if len(run) >= 2 else None


def _interviewer(doc: Doc, st: Statement, entities) -> None:
    """"How do you plan to ...?" outside quotation marks: the writer asks it -- the interviewer in
    an interview, else the outlet asking its readers ("What do you think about ...?")."""
    sp = st.speaker
    token = _token_at(doc, sp.start)
    if token is None or _in_quotation(doc, sp.start) or not token.sent.text.rstrip().rstrip("\"”’'").endswith("?"):
        return
    kind = "interviewer" if interviewee(doc, entities) is not None else "author"
    sp.name, sp.kind, sp.resolved = doc._.source or f"the {kind}", kind, True


def _copy(speaker: Speaker, other: Speaker) -> None:
    speaker.name, speaker.entity_id, speaker.country = other.name, other.entity_id, other.country
    speaker.kind, speaker.resolved = other.kind, other.resolved


def _voice_before(doc: Doc, st: Statement, statements: list[Statement]) -> Statement | None:
    """The last named speaker before this statement, within a few sentences, whose own words were in
    the first person: a quotation or letter that goes on after its attribution."""
    fp = words()["first_person_words"]
    window = int(words()["first_person_window"])
    cue_token = _token_at(doc, st.cue["start"])
    if cue_token is None:
        return None
    sents = list(doc.sents)
    index = next((k for k, s in enumerate(sents) if s.start <= cue_token.i < s.end), 0)
    earliest = sents[max(0, index - window)].start_char
    best = None
    in_quote = _in_quotation(doc, st.cue["start"])
    quote_from = _quotation_run_start(doc.text, st.cue["start"]) if in_quote else 0
    for other in statements:
        sp = other.speaker
        if other is st or sp is None or not sp.resolved or sp.kind == "author" or is_pronoun_name(sp.name):
            continue
        if not earliest <= other.cue["start"] < st.cue["start"]:
            continue
        text = doc.text[other.content["start"]:other.content["end"]].lower()
        if not any(word in fp for word in _words(text)) and not (
                in_quote and other.cue["start"] >= quote_from):
            continue  # a quotation opening the paragraph after its speaker's is that speaker's
        if best is None or other.cue["start"] > best.cue["start"]:
            best = other
    return best


def _paragraph_start(text: str, char: int, back: int = 1) -> int:
    """Where the paragraph holding `char` starts (back=1), or the one before it (back=2), ..."""
    start = text.rfind("\n", 0, char) + 1
    for _ in range(back - 1):
        end = start - 1
        while end > 0 and text[end - 1] in "\n \t":
            end -= 1
        if end <= 0:
            return 0
        start = text.rfind("\n", 0, end) + 1
    return start


def _quotation_run_start(text: str, char: int) -> int:
    """The start of the paragraph before a run of quotation paragraphs ending with the one holding
    `char`: where the quotation's speaker is named, by news convention."""
    back = 2
    while back < 12:
        start = _paragraph_start(text, char, back)
        if start == 0 or text[start:start + 1] not in OPEN_QUOTES:
            return start
        back += 1
    return _paragraph_start(text, char, back)


def _text_owner(doc: Doc, char: int, entities) -> tuple[str, object] | None:
    """"Some parts of her note are as follows:" / "The girl's full letter reads:" then a quotation in
    the first person: the quotation is the text's, whose owner -- the possessor of the message
    noun in the paragraph that introduces it with a colon -- says "I"."""
    start = _quotation_run_start(doc.text, char) if _in_quotation(doc, char) else _first_person_run_start(doc.text, char)
    end = doc.text.find("\n", start)
    if end < 0 or not doc.text[start:end].rstrip().endswith(":"):
        return None
    span = doc.char_span(start, end, alignment_mode="contract")
    messages = channel_set("message") | words()["text_nouns"]
    for token in span if span is not None else ():
        if token.lemma_.lower() not in messages:
            continue
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is None:
            continue
        entity = linked_entity(doc, owner, (owner.left_edge.i, owner.i + 1), entities)
        if entity is not None and entity.type == "person":
            return entity.name, entity
        if owner.pos_ != "PRON":
            phrase = doc[owner.left_edge.i:owner.i + 1]
            return phrase.text.removesuffix("'s").removesuffix("’s").strip(), None
    return None


def _first_person_run_start(text: str, char: int) -> int:
    """The start of the paragraph before a run of first-person paragraphs ending with the one holding
    `char` (a letter or note set out without quotation marks)."""
    fp = words()["first_person_words"]
    back = 2
    while back < 40:
        start = _paragraph_start(text, char, back)
        end = text.find("\n", start)
        para = text[start:end if end >= 0 else len(text)]
        heading = len(para.split()) <= 4 and not para.rstrip().endswith(":")  # "SUICIDE NOTE"
        if start == 0 or not heading and not any(w in fp for w in _words(para.lower())):
            return start
        back += 1
    return _paragraph_start(text, char, back)


def _line_label(doc: Doc, char: int) -> str | None:
    """A transcript or exchange of messages: a line that is only a person's name ("Tanya Walsh"),
    with the first-person words in the paragraphs below it, up to the next such line."""
    text = doc.text
    para_start = text.rfind("\n", 0, char) + 1
    for _ in range(int(words()["label_paragraphs"])):
        end = para_start - 1
        while end > 0 and text[end - 1] == "\n":
            end -= 1
        if end <= 0:
            return None
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and line and 1 < len(line.split()) <= 4 and any(
                e.label_ == "PERSON" and e.text.strip() == line for e in span.ents):
            return line
        para_start = start
    return None


def _words(text: str) -> list[str]:
    return [w.strip(".,;:!?\"'“”‘’()") for w in text.replace("’", "'").replace("'", " ").split()]


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _in_quotation(doc: Doc, char: int) -> bool:
    """Whether a position lies inside quotation marks. Double quotes run across paragraphs (a
    quotation over several paragraphs reopens each with a mark and closes only the last); a single
    quote opening a paragraph holds to its end."""
    inside, single = False, False
    for para in doc.text[:char].split("\n"):
        stripped = para.lstrip()
        single = stripped[:1] in ("‘", "'")
        for i, ch in enumerate(stripped):
            if ch == "“" or (ch == '"' and i == 0):
                inside = True
            elif ch == "”":
                inside = False
            elif ch == '"':
                inside = not inside
    return inside or single


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
