"""Fixed constructions that attribute without a speech verb taking a content.

"according to X", "In a CNN poll, ...", "Name: what they said" (headline or
transcript), a quote signed with a dash ("— Paul Ryan"), a title-case headline
verb ("Icon Endorses Ted Cruz"), a clause ending in a colon ("Cruz continued:"),
and a speech verb standing after the quote it introduces ("...?” Rubio said.").
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from claimledger.pipeline.attribution.layout import breaks_paragraph, line_start, paragraph_after, paragraph_start
from claimledger.pipeline.attribution.lexicon import channel_set, cue_lexicon
from claimledger.stances import stance_table
from claimledger.pipeline.attribution.parse import content_relation, prep_object, speech_lemmas, subtree_bounds
from claimledger.pipeline.attribution.quotes import (
    OPEN_QUOTES,
    balance_quotes,
    matching_close,
    quoted_after,
    quoted_before,
)
from claimledger.pipeline.attribution.sources import find_source, orphan_subject, phrase_bounds
from claimledger.pipeline.attribution.speakers import words as speaker_words
from claimledger.pipeline.attribution.spans import CUE_LEFT_DEPS, Found, cue_left, trim_punct


def according_to(doc: Doc, token: Token) -> Found | None:
    """"according to X": X is the source, the clause it modifies the content."""
    if token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to" and c.dep_ == "prep"), None)
    source = prep_object(to) if to is not None else None
    return None if source is None else _source_of_clause(doc, token, "according", (token.i, to.i + 1), source)


def in_source(doc: Doc, token: Token) -> Found | None:
    """"In a CNN poll, Clinton led by 24 points": a poll or survey opening the sentence with "in"
    is the source of the clause it modifies -- unless that clause is itself a speech cue's
    ("said in a statement"), whose channel it is."""
    if token.lower_ != "in" or token.dep_ != "prep" or token.i != token.sent.start:
        return None  # mid-sentence ("a lead in the polls", "slid in the polls") it rarely attributes
    source = prep_object(token)
    if source is None or source.lemma_.lower() not in channel_set("in_source"):
        return None
    clause = modified_clause(token)
    if clause.lemma_.lower() in stance_table() or clause.lemma_.lower() in speech_lemmas():
        return None
    return _source_of_clause(doc, token, "in-source", (token.i, token.i + 1), source)


def _source_of_clause(doc: Doc, token: Token, rel: str, cue_span: tuple[int, int], source: Token) -> Found | None:
    """The attribution of a source phrase: its source, and the clause it modifies as the content."""
    content = clause_around(doc, token)
    if content is None:
        return None
    return Found(cue=token, rel=rel, cue_span=cue_span, content_span=content,
                 source=source, source_span=phrase_bounds(source))


def modified_clause(token: Token) -> Token:
    """The head of the clause a source phrase ("according to X", "in a poll") hangs off."""
    clause = token.head
    while clause.dep_ in ("prep", "pobj") and clause.head is not clause:
        clause = clause.head
    return clause


def clause_around(doc: Doc, token: Token) -> tuple[int, int] | None:
    """The clause a source phrase ("according to X", "in a poll") modifies, less that phrase."""
    clause = modified_clause(token)
    sent = token.sent
    start, end = subtree_bounds(clause)
    start, end = max(start, sent.start), min(end, sent.end)
    a_start, a_end = subtree_bounds(token)
    if a_start <= start:
        start = a_end
    elif a_end >= end:
        end = a_start
    else:  # mid-clause: keep the longer side
        if a_start - start >= end - a_end:
            end = a_start
        else:
            start = a_end
    start, end = trim_punct(doc, start, end)
    return (start, end) if start < end else None


def orphan_quote_cue(token: Token) -> tuple[int, int] | None:
    """"... unborn child?” Rubio said." / "“... place,” said Tim Hess, a developer.": the cue's
    clause (subject + cue, either order) follows right after a quotation it does not take as
    an argument in the parse; its content is that quote (which may begin sentences earlier)."""
    subject = orphan_subject(token)
    if subject is None or token.dep_ not in ("ROOT", "conj"):
        return None
    if any(c.dep_ in ("ccomp", "dobj", "xcomp") and c.i > token.i for c in token.children):
        return None
    first = subject.left_edge.i if subject.i < token.i else cue_left(token)
    if subject.i < token.i and any(not (t.dep_ in CUE_LEFT_DEPS and t.head.i == token.i) for t in token.doc[subject.right_edge.i + 1:token.i]):
        return None  # something other than "has also" between subject and cue
    before = quoted_before(token.doc, first) if token.dep_ == "ROOT" else None
    if before is not None or subject.i > token.i:
        return before
    return quoted_after(token.doc, token.i + 1)


HEADLINE_MAX_NAME = 6


def _name_like(token: Token) -> bool:
    return token.pos_ in ("PROPN", "NOUN", "ADJ", "PART") and (token.is_title or token.is_upper or token.pos_ == "PROPN" or token.text == "’s")


def headline_colon(doc: Doc, colon: Token) -> Found | None:
    """"Elizabeth Warren: Donald Trump Is a ‘Proven Failure’", "FALLIN: Well, I think ...":
    a name opening a paragraph (headline or transcript), a colon, what they said (to the
    paragraph's end)."""
    if colon.text != ":":
        return None
    name_start = colon.i
    while name_start > 0 and colon.i - name_start < HEADLINE_MAX_NAME and not paragraph_start(doc, name_start):
        name_start -= 1
    if not paragraph_start(doc, name_start) or doc[name_start].text in ('"', "“"):
        name_start += 1 if doc[name_start].text in ('"', "“") else 0
    if not paragraph_start(doc, name_start) and not (name_start > 0 and doc[name_start - 1].text in ('"', "“")):
        return None
    name = doc[name_start:colon.i]
    if not 0 < len(name) <= HEADLINE_MAX_NAME or not all(_name_like(t) or t.text in (".", "-") for t in name):
        return None
    if not speaker_label(name):
        return None
    end = colon.i + 1
    while end < len(doc) and not breaks_paragraph(doc[end - 1]):
        end += 1
    start, end = trim_punct(doc, colon.i + 1, end)
    start, end = balance_quotes(doc, start, end)
    if end - start < 2:
        return None
    return Found(cue=colon, rel="colon", cue_span=(colon.i, colon.i + 1), content_span=(start, end),
                 source=name.root, source_span=(name.start, name.end))


def speaker_label(name) -> bool:
    """Whether the words before a line's colon can name who speaks: never a photo, credit or
    section label ("Image:", "Source:", "UPDATE:", "MORE:")."""
    labels = speaker_words()["never_speaker_labels"]
    return not any(t.lower_ in labels for t in name)


BYLINE_DASHES = ("―", "—", "–", "-", "--")
BYLINE_MAX_NAME = 6


def _byline_name(doc: Doc, start: int) -> tuple[int, int] | None:
    """A name right after a byline dash, ending at the line, a bracket, a comma or a full stop."""
    end = start
    while end < len(doc) and end - start < BYLINE_MAX_NAME and _name_like(doc[end]) and not doc[end].is_punct:
        end += 1
        if breaks_paragraph(doc[end - 1]):
            break
    if end == start or not any(t.pos_ == "PROPN" for t in doc[start:end]):
        return None
    if end < len(doc) and not (breaks_paragraph(doc[end - 1]) or doc[end].text in ("(", ",", ".", "\n") or doc[end].is_space):
        return None
    return start, end


def dash_byline(doc: Doc, dash: Token) -> Found | None:
    """"“We will win.” ― Maria Lopez", a tweet then "— Paul Ryan (@SpeakerRyan)": a dash after
    a quotation (or opening the next line) signs it with a name; the quote or the text before is the content."""
    if dash.text not in BYLINE_DASHES or dash.i == 0 or dash.i + 1 >= len(doc):
        return None
    name = _byline_name(doc, dash.i + 1)
    if name is None:
        return None
    before = dash.i  # the quote or text being signed ends right before the dash (maybe a line earlier)
    while before > 0 and doc[before - 1].is_space:
        before -= 1
    if before == 0:
        return None
    content = quoted_before(doc, before)
    if content is None:
        if not (paragraph_start(doc, dash.i) or doc[before - 1].text in (".", "!", "?") or doc[before - 1].like_url):
            return None
        start = before - 1
        while start > 0 and not breaks_paragraph(doc[start - 1]):
            start -= 1
        content = trim_punct(doc, start, before)
    if content[1] - content[0] < 2:
        return None
    root = doc[name[0]:name[1]].root
    return Found(cue=dash, rel="byline", cue_span=(dash.i, dash.i + 1), content_span=content,
                 source=root, source_span=name)


def _headline_verbs() -> frozenset[str]:
    """Verb lemmas that the learned lexicon counts as cues often and reliably."""
    if not _HEADLINE_VERBS:
        rels = ("ccomp", "dobj", "xcomp")
        _HEADLINE_VERBS.update(lemma for (lemma, pos, rel), e in cue_lexicon().items()
                               if pos == "VERB" and (rel in rels or rel.startswith("prep:")) and e.cue >= 5 and e.p >= 0.6)
    return frozenset(_HEADLINE_VERBS)


_HEADLINE_VERBS: set[str] = set()


def _verb_stems(word: str) -> list[str]:
    """Base forms a title-case headline verb may have ("Praises", "Denies", "Tweeted", "Urge")."""
    w = word.lower()
    out = [w]
    if w.endswith("ies") or w.endswith("ied"):
        out.append(w[:-3] + "y")
    if w.endswith("s") or w.endswith("d"):
        out.append(w[:-1])
    if w.endswith("es") or w.endswith("ed"):
        out.append(w[:-2])
    return out


def headline_verb(doc: Doc, token: Token) -> Found | None:
    """"Conservative Icon Morton Blackwell Endorses Ted Cruz": in a title-case headline the
    tagger reads the verb as a name; a known cue verb after a run of name words is the cue,
    the words before it the source, the rest of the line the content."""
    if token.i == 0 or not token.is_title or not paragraph_start(doc, line_start(doc, token.i)):
        return None
    start = line_start(doc, token.i)
    if start != 0:  # the headline is the document's first line
        return None
    line_end = token.i
    while line_end < len(doc) and not breaks_paragraph(doc[line_end]):
        line_end += 1
    words = [t for t in doc[start:line_end] if t.is_alpha]
    if sum(t.is_title or t.is_upper or len(t) <= 3 for t in words) < 0.8 * len(words):
        return None  # not a title-case headline
    if not any(stem in _headline_verbs() for stem in _verb_stems(token.text)):
        return None
    name_start = start
    for j in range(token.i - 1, start - 1, -1):  # the source: name words back to a colon or the line start
        if doc[j].text == ":":
            name_start = j + 1
            break
    name = doc[name_start:token.i]
    if not 0 < len(name) <= HEADLINE_MAX_NAME or not all(_name_like(t) or t.text in (".", "-", "’s", "'s") for t in name):
        return None
    if any(doc[k].is_title and any(st in _headline_verbs() for st in _verb_stems(doc[k].text)) for k in range(name.start, name.end)):
        return None  # an earlier verb: this one is not the first
    c_start, c_end = trim_punct(doc, token.i + 1, line_end)
    if c_end - c_start < 1:
        return None
    return Found(cue=token, rel="headline-verb", cue_span=(token.i, token.i + 1), content_span=(c_start, c_end),
                 source=name.root, source_span=(name.start, name.end))


VERB_COLON_MAX = 3  # "continued:", "told the crowd:", "went on to say:"


def verb_colon(doc: Doc, colon: Token) -> Found | None:
    """"Cruz continued: “...”", "President Clinton released the following statement: ...":
    a clause with a speech word ends in a colon, and what follows (to the paragraph's end,
    or the next paragraph) is what was said.  PolNeAR's cue runs from the verb to the colon."""
    verb = colon.head
    for _ in range(3):  # "released the following statement:" hangs the colon on the object
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if colon.text != ":" or verb.pos_ not in ("VERB", "AUX") or verb.i >= colon.i or colon.i + 1 >= len(doc):
        return None
    relation = content_relation(verb)
    if relation is not None and relation[1].i > colon.i:
        return None  # the parse already hangs the content off the verb ("said: “...”")
    if colon.i - verb.i > VERB_COLON_MAX:
        return None  # a long clause before the colon is rarely all cue
    cue_span = (cue_left(verb), colon.i + 1)
    speech = speech_lemmas()
    if not any(t.lemma_.lower() in speech for t in doc[verb.i:colon.i] if t.pos_ == "VERB"):
        return None
    if any(breaks_paragraph(t) for t in doc[verb.i:colon.i]):
        return None
    source, _how = find_source(verb, "ccomp")
    if source is None or source.i > verb.i:
        return None
    start, end = paragraph_after(doc, colon.i + 1)
    if start < len(doc) and doc[start].text in OPEN_QUOTES:
        end = min(end, matching_close(doc, start) or end)  # the quotation, not what follows it
    start, end = trim_punct(doc, start, end)
    start, end = balance_quotes(doc, start, end)
    if end - start < 2:
        return None
    found = Found(cue=verb, rel="colon-verb", cue_span=cue_span, content_span=(start, end))
    found.source, found.source_span = source, phrase_bounds(source)
    return found
