"""Speakers settled over the whole article: the first person, interviews, and which attributions
stand as statements of their own (the phrase-level work is speakers.py).

- I / we: the speaker whose statement holds this one ("“I told her ...,” Mrs Nash said"); the owner
  of a text set out after a colon ("her note reads:", "The note begins: "..."); a transcript's name
  line; the speaker whose words come last before it (a quotation continued over paragraphs); in an
  interview, the interviewee; else -- outside quotation marks -- the writer (the outlet, kind
  "author"). Where that speaker is a letter or note ("The full letter reads:", "it says:"), its writer
  as the article names them (authors.py).
- "you" asking a question outside quotation marks: the interviewer or outlet; an unresolved "you"
  with no speech act ("you know", "you may want to") is no statement.
- he / she that no antecedent settled: the last person who spoke, a few sentences back, with no
  other person named in between.
- A speakerless attribution inside another statement's content is part of it; an agentless report
  gets an anonymous speaker; one that no one in the text says ("it seems", "is known as") is no
  statement (measured: PolNeAR dev cue and content F1 rise); an unresolved pronoun inside another
  statement's content is part of that statement.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from claimledger.model import Speaker, Statement
from claimledger.stances import stance_table
from claimledger.pipeline.attribution.authors import text_owner, writer_of
from claimledger.pipeline.attribution.passages import (
    in_quotation,
    quotation_run_start,
    token_at,
    words as _words_of,
)
from claimledger.pipeline.attribution.parse import subject_of
from claimledger.pipeline.attribution.sources import phrase_bounds
from claimledger.pipeline.attribution.speakers import (
    take_name,
    anonymous_speaker,
    bare_word,
    is_pronoun_name,
    make_speaker,
    words,
)


def finish(doc: Doc, pairs: list[tuple[object, Statement]], entities=()) -> list[Statement]:
    """Settle the speakers that need the other statements of the article, and leave out the
    speakerless attributions that belong to another statement."""
    statements = [st for _, st in pairs]
    w = words()
    ordered = sorted(statements, key=lambda s: -(s.content["end"] - s.content["start"]))
    # outer statements (longer contents) settle first; then, in text order, those that a first-person
    # statement settled before them names (a letter quoted over paragraphs)
    for st in ordered + sorted(statements, key=lambda s: s.cue["start"]):
        sp = st.speaker
        if sp is not None and not sp.resolved and bare_word(doc.text[sp.start:sp.end]) in w["first_person"]:
            _first_person(doc, st, statements, entities)
    for st in statements:
        sp = st.speaker
        if sp is not None and not sp.resolved and bare_word(doc.text[sp.start:sp.end]) in w["second_person"]:
            _interviewer(doc, st, entities)
    for st in sorted(statements, key=lambda s: s.cue["start"]):
        sp = st.speaker
        if sp is not None and not sp.resolved and bare_word(doc.text[sp.start:sp.end]) in w["third_person"]:
            _last_speaker(doc, st, statements, entities)
    kept = []
    for found, st in pairs:
        sp = st.speaker
        if sp is not None and not sp.resolved and not _stands(st, statements):
            continue
        if sp is not None and not sp.resolved and not _speech_act(doc, st):
            continue  # "you know", "you may want": the reader addressed, not a statement
        if _discourse_marker(doc, st):
            continue  # "That said, we are realistic ...": "nevertheless", no one's words
        if st.speaker is None:
            if _enclosing(st, statements) is not None:
                continue  # "Mr Nash said he had been told ...": the told is his statement's content
            st.speaker = anonymous_speaker(doc, found)
            if st.speaker is None and not _holds_others(st, statements):
                continue  # no one in the text says it ("it seems", "is known as"): no statement to stand on
            if st.speaker is None:  # it stands for the statements it holds: "After learning that ..., the teacher"
                st.speaker = make_speaker(doc, _prepositional_subject(found.cue), entities)
        kept.append(st)
    return kept


def _speech_act(doc: Doc, st: Statement) -> bool:
    """An attribution to an unresolved "you" stands only as a speech act ("you said Alex was coming");
    "you know", "you may want to", "you will wonder" address the reader and report no one's words."""
    sp = st.speaker
    if bare_word(doc.text[sp.start:sp.end]) not in words()["second_person"]:
        return True
    return st.cue["lemma"] in stance_table()


def _discourse_marker(doc: Doc, st: Statement) -> bool:
    """Whether the cue is part of a sentence-opening phrase that only links sentences ("That said,",
    "That being said,": speakers.json discourse_markers)."""
    cue = token_at(doc, st.cue["start"])
    if cue is None:
        return False
    start = cue.sent.start_char
    opening = doc.text[start:start + max(map(len, words()["discourse_markers"]))].lower()
    return any(opening.startswith(marker) and st.cue["end"] <= start + len(marker)
               for marker in words()["discourse_markers"])


def _last_speaker(doc: Doc, st: Statement, statements: list[Statement], entities) -> None:
    """"He stated that ..." where he/she has no antecedent close enough: the last person (an actor of
    type person) who spoke, when that statement is at most a few sentences back, the person's pronouns
    are not of the other sex, and no other person is named in between (news reports a speaker's words
    in a run)."""
    sp = st.speaker
    sex = words()["third_person"][bare_word(doc.text[sp.start:sp.end])]
    cue = token_at(doc, st.cue["start"])
    if cue is None:
        return
    sents = list(doc.sents)
    index = next((k for k, s in enumerate(sents) if s.start <= cue.i < s.end), 0)
    earliest = sents[max(0, index - int(words()["last_speaker_sentences"]))].start_char
    people = {e.id: e for e in entities if e.type == "person"}
    before = [o for o in statements if o is not st and o.speaker is not None and o.speaker.resolved
              and o.speaker.entity_id in people and earliest <= o.cue["start"] < st.cue["start"]]
    if not before:
        return
    last = max(before, key=lambda o: o.cue["start"])
    entity = people[last.speaker.entity_id]
    if _of_other_sex(doc, entity, sex):
        return
    others = [e for e in entities if e is not entity and e.type == "person" and any(
        min(last.speaker.start, last.cue["start"]) < m.start < sp.start for m in e.mentions)]
    if not others:
        _copy(sp, last.speaker)


def _of_other_sex(doc: Doc, entity, sex: str) -> bool:
    third = words()["pronoun_sex"]
    return any(third.get(bare_word(doc.text[m.start:m.end]), sex) != sex for m in entity.mentions)


def _prepositional_subject(cue: Token):
    """"After learning that ..., the teacher decided", "responded by saying that": a gerund after a
    preposition has the subject of the clause the preposition joins (as (head, phrase bounds))."""
    if cue.dep_ != "pcomp" or cue.head.dep_ != "prep" or cue.head.head.i == cue.head.i:
        return None
    subject = subject_of(cue.head.head)
    if subject is None or subject.dep_ == "nsubjpass":
        return None
    return subject, phrase_bounds(subject)


def _stands(st: Statement, statements: list[Statement]) -> bool:
    """Whether a statement whose speaker stays an unresolved pronoun is still a statement of its own:
    not when it is part of another's content ("He says he discussed it with the head and they agreed
    ...", "police don't know who was firing")."""
    return _enclosing(st, statements) is None


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
        _copy(sp, (writer_of(doc, outer.speaker, entities) or (outer.speaker, False))[0])
        return
    owner = text_owner(doc, sp.start, entities)
    if owner is not None:
        take_name(sp, *owner)
        return
    label = _line_label(doc, sp.start)
    if label is not None:
        take_name(sp, label)
        return
    singular = bare_word(doc.text[sp.start:sp.end]) in words()["singular_first_person"]
    voices = {id(o): writer_of(doc, o.speaker, entities) for o in statements}
    voice = _voice_before(doc, st, [o for o in statements if not singular or (
        voices[id(o)][1] if voices[id(o)] else _one_person(doc, o.speaker, entities))])
    if voice is not None:
        _copy(sp, voices[id(voice)][0] if voices[id(voice)] else voice.speaker)
        return
    if not in_quotation(doc, sp.start):
        guest = interviewee(doc, entities)
        if guest is not None:  # an interview: "I" answers the interviewer
            take_name(sp, guest.name, guest)
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
    if speaker.resolved and bare_word(span.text) in words()["singular_first_person"]:
        return True  # who said "I" (settled before) is one person
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
    an interview, else the outlet asking its readers ("What do you think about ...?"). Outside an
    interview, "you" told something outside quotation marks is the reader the writer addresses, and
    the words are the writer's ("If you've been online, you know what happened next")."""
    sp = st.speaker
    token = token_at(doc, sp.start)
    if token is None or in_quotation(doc, sp.start):
        return
    guest = interviewee(doc, entities)
    if not token.sent.text.rstrip().rstrip("\"”’'").endswith("?") and guest is not None:
        return
    kind = "interviewer" if guest is not None else "author"
    sp.name, sp.kind, sp.resolved = doc._.source or f"the {kind}", kind, True


def _copy(speaker: Speaker, other: Speaker) -> None:
    speaker.name, speaker.entity_id, speaker.country = other.name, other.entity_id, other.country
    speaker.kind, speaker.resolved = other.kind, other.resolved


def _voice_before(doc: Doc, st: Statement, statements: list[Statement]) -> Statement | None:
    """The last named speaker before this statement, within a few sentences, whose own words were in
    the first person: a quotation or letter that goes on after its attribution."""
    fp = words()["first_person_words"]
    window = int(words()["first_person_window"])
    cue_token = token_at(doc, st.cue["start"])
    if cue_token is None:
        return None
    sents = list(doc.sents)
    index = next((k for k, s in enumerate(sents) if s.start <= cue_token.i < s.end), 0)
    earliest = sents[max(0, index - window)].start_char
    best = None
    in_quote = in_quotation(doc, st.cue["start"])
    quote_from = quotation_run_start(doc.text, st.cue["start"]) if in_quote else 0
    for other in statements:
        sp = other.speaker
        if other is st or sp is None or not sp.resolved or sp.kind == "author" or is_pronoun_name(sp.name):
            continue
        if not earliest <= other.cue["start"] < st.cue["start"]:
            continue
        text = doc.text[other.content["start"]:other.content["end"]].lower()
        spoken = bare_word(doc.text[sp.start:sp.end]) in fp  # "I know ...": said in the first person
        if not spoken and not any(word in fp for word in _words_of(text)) and not (
                in_quote and other.cue["start"] >= quote_from):
            continue  # a quotation opening the paragraph after its speaker's is that speaker's
        if best is None or other.cue["start"] > best.cue["start"]:
            best = other
    return best


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
