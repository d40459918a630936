"""Finding attributions on the dependency parse: cue, source and content spans.

A cue candidate is a token with a *content relation*: the dependency by which
its content hangs off it (``ccomp``: "said that ...", ``xcomp``: "plans to
...", ``dobj``: "praised the plan", ``prep:to``: "pointed to ...", ``that``:
a noun with a that-clause, "reports that ...").  Whether a (lemma, POS,
relation) triple is a cue at all is learned from PolNeAR's train split
(scripts/learn_cues.py -> data/cues.tsv); this module only finds the spans.

Spans follow PolNeAR's conventions: the cue keeps its auxiliaries, negation and
adverbs right before it ("has also said"); the source is the full subject
phrase; the content keeps a leading "that" and its quotation marks, and drops
the punctuation outside them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

# ('' and `` are the ASCII quotes some outlets, e.g. the NYT feed, use)
QUOTES = set("\"'“”‘’«»") | {"''", "``"}
OPEN_QUOTES = set("\"'“‘«") | {"''", "``"}
CLOSE_QUOTES = set("\"'”’»") | {"''"}
DOUBLE_OPEN = ("“", '"', "''", "``")
DOUBLE_CLOSE = ("”", '"', "''")


def closer_of(opener: str) -> tuple[str, ...]:
    return {"“": ("”",), '"': ('"',), "''": ("''",), "``": ("''",)}.get(opener, ())


def opener_of(closer: str) -> tuple[str, ...]:
    return {"”": ("“",), '"': ('"',), "''": ("''", "``")}.get(closer, ())
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# cue-left modifiers PolNeAR folds into the cue ("has not yet said")
CUE_LEFT_DEPS = ("aux", "auxpass", "neg", "advmod")
CUE_POS = ("VERB", "NOUN", "AUX", "PROPN", "ADJ")
# participles and clauses that take their subject from the verb they hang off
INHERIT_SUBJECT_DEPS = ("advcl", "conj", "xcomp", "acl", "relcl", "pcomp")


@dataclass
class Found:
    """One attribution found on the parse (token indices, end exclusive)."""
    cue: Token                      # the cue's head token
    rel: str                        # content relation ("ccomp", "dobj", ...)
    cue_span: tuple[int, int]
    content_span: tuple[int, int]
    source: Token | None = None     # head token of the source phrase
    source_span: tuple[int, int] | None = None
    channel: Token | None = None    # head token of a relaying channel (quoted by, citing)
    more_content: list[tuple[int, int]] = field(default_factory=list)  # quote continued after the cue
    also_via: list[Token] = field(default_factory=list)  # further channels ("X said ..., according to Y")
    lead_content: tuple[int, int] | None = None  # "[Trump] is expected [to win]": the passive subject, a first fragment


def content_relation(token: Token) -> tuple[str, Token] | None:
    """The (relation, content head) by which a candidate cue takes its content."""
    if token.pos_ not in CUE_POS:
        return None
    children = list(token.children)
    if token.pos_ == "ADJ":
        return predicate_relation(token)
    if token.pos_ in ("NOUN", "PROPN"):
        for child in children:
            if child.dep_ in ("acl", "ccomp", "appos") and _starts_with_that(child):
                return "that", child
        for child in children:
            if child.dep_ == "relcl" and _complement_clause(token, child):
                return "that", child
        for child in children:  # "her decision not to fund", "a proposal to ban"
            if child.dep_ == "acl" and child.i > token.i and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                return "to", child
        for child in children:
            if child.dep_ == "prep" and _pobj(child) is not None and child.i > token.i:
                return f"prep:{child.lower_}", child
        return None
    for dep in ("ccomp", "xcomp"):
        for child in children:
            if child.dep_ == dep and child.i != token.i:
                return dep, child
    misparsed = complement_under_prep(token)
    if misparsed is not None:
        return "ccomp", misparsed
    for child in children:
        if child.dep_ == "prep" and child.lower_ == "as":
            for grand in child.children:
                if grand.dep_ == "pcomp":  # "quoted Kim as saying"
                    return "as", grand
    for child in children:
        if child.dep_ == "oprd":  # "called him a loser"
            return "oprd", child
    for child in children:
        if child.dep_ in ("dobj",) and child.pos_ != "PRON":
            return "dobj", child
    for child in children:
        if child.dep_ == "nsubjpass" and child.i < token.i:  # "[The plan] was criticized (by X)"
            return "passive", child
    if _subject(token) is not None and (token.dep_ == "parataxis" or token.dep_ in ("ccomp", "advcl", "conj") and _set_off(token)):
        return "head", token.head  # "The plan failed, he said" / "If so, he said, it fails" parsed with said under the clause
    for child in children:
        if child.dep_ == "prep" and _pobj(child) is not None and child.i > token.i:
            return f"prep:{child.lower_}", child
    for child in children:
        if child.dep_ == "dobj":  # "praised him": learned apart from "said it"
            return "dobj-pron", child
    return None


def _set_off(token: Token) -> bool:
    """A clause after its head and set off by a comma ("The plan failed, he said"),
    unlike a true complement ("says he doesn't believe it")."""
    doc = token.doc
    left = token.left_edge.i
    if token.i < token.head.i or left == 0:
        return False
    before = doc[left - 1].text
    return before in (",", "—", "–") or before in CLOSE_QUOTES and left > 1 and doc[left - 2].text in (",", "?", "!")


def predicate_relation(adj: Token) -> tuple[str, Token] | None:
    """"is critical of X", "are not confident that ...": an adjective after a copula."""
    if adj.dep_ != "acomp":
        return None
    for child in adj.children:
        if child.dep_ in ("ccomp", "xcomp"):  # "certain that ...", "ready to follow"
            return child.dep_, child
    for child in adj.children:
        if child.dep_ == "prep" and child.i == adj.i + 1 and _pobj(child) is not None:
            return f"prep:{child.lower_}", child
    return None


def complement_under_prep(token: Token) -> Token | None:
    """"confirmed for the first time that it had sent troops": the parser hangs the
    that-clause as a relative clause on "time"; a "that" which is no argument of
    its clause (advmod/mark, not nsubj/dobj) is a complementizer, so the clause
    is the verb's complement."""
    for prep in token.children:
        if prep.dep_ != "prep" or prep.i < token.i:
            continue
        pobj = _pobj(prep)
        if pobj is None:
            continue
        for clause in pobj.children:
            left = clause.left_edge
            if clause.dep_ == "relcl" and left.lower_ == "that" and left.dep_ in ("advmod", "mark"):
                return clause
    return None


def reported_conjunct(content_head: Token) -> Token | None:
    """"denied its forces had been expelled ... and dismissed Russia's claims": the
    parser often coordinates a second speech verb inside the first one's content;
    a subjectless conjunct that is itself a cue belongs to the speaker instead."""
    for child in content_head.children:
        if child.dep_ == "conj" and child.pos_ == "VERB" and _subject(child) is None and child.lemma_.lower() in _speech_lemmas():
            return child
    return None


_SPEECH_LEMMAS: set[str] = set()


def _speech_lemmas() -> set[str]:
    if not _SPEECH_LEMMAS:
        from claimledger.pipeline.attribution.lexicon import cue_lexicon, stance_table
        _SPEECH_LEMMAS.update(stance_table())
        _SPEECH_LEMMAS.update(l for (l, pos, rel), e in cue_lexicon().items() if pos == "VERB" and e.p >= 0.5 and e.cue >= 5)
    return _SPEECH_LEMMAS


def _complement_clause(noun: Token, clause: Token) -> bool:
    """"confirmation that the ship had sunk" parsed as a relative clause: for a
    noun of saying, a that-clause whose "that" is not its subject is its content."""
    from claimledger.pipeline.attribution.lexicon import stance_table
    left = clause.left_edge
    return (left.lower_ == "that" and left.dep_ not in ("nsubj", "nsubjpass")
            and noun.lemma_.lower() in stance_table())


def _starts_with_that(token: Token) -> bool:
    left = token.left_edge
    return left.lower_ in ("that", "whether", "if") and left.i > token.head.i


def _pobj(prep: Token) -> Token | None:
    for child in prep.children:
        if child.dep_ in ("pobj", "pcomp"):
            return child
    return None


def _subject(token: Token) -> Token | None:
    subjects = [child for child in token.children if child.dep_ in SUBJECT_DEPS]
    # "state news agency TASS quoted ...": the small model can parse the appositive name as a
    # second subject; the proper name is the one that names the speaker
    names = [s for s in subjects if s.pos_ == "PROPN"]
    if len(subjects) > 1 and names:
        return names[0]
    return subjects[0] if subjects else None


def _agent(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "agent":
            return _pobj(child)
    return None


def relayed_speaker(token: Token) -> Token | None:
    """The object of a relaying cue with an "as saying" complement ("quoted Kim as saying")."""
    from claimledger.pipeline.attribution.lexicon import channel_set
    if token.lemma_.lower() not in channel_set("relay_cue"):
        return None
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    as_prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    if obj is None or as_prep is None or not any(c.dep_ == "pcomp" for c in as_prep.children):
        return None
    return obj


def is_infinitive(token: Token) -> bool:
    """A to-infinitive hanging off another word ("refused to condemn")."""
    return token.dep_ in ("xcomp", "advcl", "acl", "relcl", "ccomp", "conj") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def subtree_bounds(token: Token) -> tuple[int, int]:
    return token.left_edge.i, token.right_edge.i + 1


def trim_punct(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop punctuation at both ends, but keep quotation marks that pair up."""
    while start < end and (doc[start].is_space or doc[start].is_punct and doc[start].text not in OPEN_QUOTES):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct and doc[end - 1].text not in CLOSE_QUOTES):
        end -= 1
    return start, end


def extend_to_quotes(doc: Doc, start: int, end: int, limit_left: int, limit_right: int) -> tuple[int, int]:
    """Take in the quotation marks (and the comma or stop just inside them) around a content."""
    j = end
    while j < limit_right and doc[j].is_punct:
        if doc[j].text in CLOSE_QUOTES:
            end = j + 1
            break
        if doc[j].text in OPEN_QUOTES:
            break
        j += 1
    if start > limit_left and doc[start - 1].text in OPEN_QUOTES:
        start -= 1
    return start, end


QUOTE_FAMILIES = (("“", "”"), ('"', '"'), ("``", "''"), ("''", "''"))


def unmatched_edge(doc: Doc, start: int, end: int) -> tuple[str, str, str] | None:
    """("open"|"close", opener, closer) when the content starts with a quote mark
    that does not close inside it, or ends with one that was not opened in it."""
    inner = [t.text for t in doc[start:end]]
    first, last = inner[0], inner[-1]
    families = QUOTE_FAMILIES if "``" in inner else [f for f in QUOTE_FAMILIES if f[0] != "``"]
    for opener, closer in families:
        if opener == closer:  # straight marks: an odd count leaves one unpaired
            if inner.count(opener) % 2 == 1:
                if first == opener:
                    return "open", opener, closer
                if last == closer:
                    return "close", opener, closer
            continue
        opens, closes = inner.count(opener), inner.count(closer)
        if first == opener and opens > closes:
            return "open", opener, closer
        if last == closer and closes > opens:
            return "close", opener, closer
    return None


def balance_quotes(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a lone closing or opening quote left at an edge with no partner inside."""
    edge = unmatched_edge(doc, start, end) if start < end else None
    if edge is not None:
        if edge[0] == "close":
            end -= 1
        else:
            start += 1
    return start, end


def cue_bounds(token: Token, content_head: Token, rel: str) -> tuple[int, int]:
    """The cue with its left auxiliaries/negation/adverbs and, for prepositional
    content, the preposition; an adjective cue starts at its copula ("has been critical of")."""
    left_of = token
    if (token.pos_ == "ADJ" and token.dep_ == "acomp" and token.head.i < token.i
            and all(t.dep_ in ("neg", "advmod") for t in token.doc[token.head.i + 1:token.i])):
        left_of = token.head
    return cue_left(left_of), cue_right(token, content_head, rel)


def cue_left(token: Token) -> int:
    start = token.i
    lefts = sorted((c for c in token.children if c.dep_ in CUE_LEFT_DEPS and c.i < token.i), key=lambda c: -c.i)
    for child in lefts:
        if child.i == start - 1 and child.n_rights == 0 and child.tag_ != "WRB":  # not "when asked"
            start = child.i
    return start


def cue_right(token: Token, content_head: Token, rel: str) -> int:
    doc = token.doc
    end = token.i + 1
    for child in token.children:  # "pointed out", "said repeatedly"
        if child.dep_ in ("prt", "advmod") and child.i == end and child.n_rights == 0 and child.tag_ != "WRB":
            end = child.i + 1
    if end < len(doc) and doc[end].text == ":" and content_head.i > end:  # "said:" PolNeAR keeps the colon
        end += 1
    if rel.startswith("prep:") and content_head.i >= end:
        between = doc[end:content_head.i]
        if all(t.dep_ in ("prt", "advmod") for t in between):
            end = content_head.i + 1
    elif end == token.i + 1 and end < len(doc) and _takes_prep(token, doc[end]):
        end += 1  # "called on [X to act]": PolNeAR's habit for this verb and preposition
    return end


CUE_PREP_MIN_P = 0.5


def _takes_prep(verb: Token, prep: Token) -> bool:
    from claimledger.pipeline.attribution.lexicon import cue_preps
    if prep.dep_ != "prep" or prep.head.i != verb.i or verb.pos_ != "VERB":
        return False
    return cue_preps().get((verb.lemma_.lower(), prep.lower_), 0.0) > CUE_PREP_MIN_P


OBJECT_COMPLEMENT_DEPS = ("prep", "advmod", "dative", "oprd", "acomp")


def object_complements_end(verb: Token, end: int) -> int:
    """Extend an object content over the verb's dependents that directly follow it
    ("blamed [the media for ignoring them]"), but not over dates or times."""
    doc = verb.doc
    while end < len(doc):
        nxt = doc[end]
        if nxt.head.i != verb.i or nxt.dep_ not in OBJECT_COMPLEMENT_DEPS:
            break
        sub = doc[nxt.left_edge.i:nxt.right_edge.i + 1]
        if any(t.ent_type_ in ("DATE", "TIME") for t in sub):
            break
        end = nxt.right_edge.i + 1
    return end


def xcomp_object_start(cue: Token, head: Token, cue_span: tuple[int, int]) -> int:
    """"urged [him to resign]", "called on [X to act]": the object of the cue (or of the
    preposition the cue takes in) is who is to act, part of the content."""
    for child in cue.children:
        if not cue.i < child.i < head.i:
            continue
        if child.dep_ == "dobj":
            return child.left_edge.i
        if child.dep_ == "prep" and child.i < cue_span[1] and _pobj(child) is not None and _pobj(child).i < head.i:
            return _pobj(child).left_edge.i
    return head.left_edge.i


# Only relative clauses: on PolNeAR train, cutting a trailing participle or apposition lost more than it won.
TRAILING_ASIDE_DEPS = ("relcl",)
QUOTE_MARKS = ("“", "”", '"', "''", "``")


def content_bounds(doc: Doc, cue: Token, rel: str, head: Token, cue_span: tuple[int, int]) -> tuple[int, int] | None:
    sent = cue.sent
    if rel == "head":
        start, end = subtree_bounds(head)
        # the content is the head clause up to where the cue's own clause begins
        cue_left = min(cue.left_edge.i, cue_span[0])
        end = min(end, cue_left)
    elif rel.startswith("prep:"):
        pobj = _pobj(head)
        if pobj is None:
            return None
        start, end = subtree_bounds(pobj)
    elif rel == "oprd":  # "called [him a loser]": object and predicate together
        obj = next((c for c in cue.children if c.dep_ == "dobj" and cue.i < c.i < head.i), None)
        start = obj.left_edge.i if obj is not None else head.left_edge.i
        end = head.right_edge.i + 1
    elif rel == "dobj":  # "expressed [regret for joining ...]": the object with what the verb adds to it
        start, end = subtree_bounds(head)
        end = object_complements_end(cue, end)
    else:
        if rel == "as":  # "quoted Kim as saying [the deal was done]"
            head = next((c for c in head.children if c.dep_ == "ccomp"), head)
        start, end = subtree_bounds(head)
        if rel == "xcomp":
            start = min(start, xcomp_object_start(cue, head, cue_span))
        conjunct = reported_conjunct(head) if rel == "ccomp" else None
        if conjunct is not None:
            cut = conjunct.i
            while cut > start and doc[cut - 1].dep_ in ("cc", "punct"):
                cut -= 1
            end = min(end, cut)
    start, end = max(start, sent.start), min(end, sent.end)
    # never let the content swallow its own cue or source
    if start <= cue_span[0] < end:
        if cue_span[0] - start > end - cue_span[1]:
            end = cue_span[0]
        else:
            start = cue_span[1]
    end = cut_trailing_aside(doc, start, end)
    start, end = trim_punct(doc, start, end)
    if start >= end:
        return None
    limit_right = sent.end if end > cue.i else cue_span[0]
    limit_left = sent.start if start < cue.i else cue_span[1]
    start, end = extend_to_quotes(doc, start, end, limit_left, limit_right)
    start, end = complete_quote(doc, start, end, cue_span)
    start, end = balance_quotes(doc, start, end)
    return (start, end) if start < end else None


def cut_trailing_aside(doc: Doc, start: int, end: int) -> int:
    """"predicted a Cruz win in Texas, which votes on March 1": a relative clause set off by a
    comma at the content's end is the writer's aside, not part of what was said (PolNeAR
    leaves it out).  Inside a quotation everything is what was said."""
    for t in doc[start + 1:end]:
        if t.dep_ not in TRAILING_ASIDE_DEPS or t.right_edge.i + 1 < end or t.head.i >= t.i:
            continue
        left = t.left_edge.i
        if start < left and doc[left - 1].text == "," and not any(q.text in QUOTE_MARKS for q in doc[left:end]):
            return left - 1
    return end


def _breaks_paragraph(token: Token) -> bool:
    return "\n" in token.text or "\n" in token.whitespace_


def complete_quote(doc: Doc, start: int, end: int, cue_span: tuple[int, int]) -> tuple[int, int]:
    """A quotation that runs over several sentences is one content: take in the
    sentences before (or after) the cue's own up to the quote's other mark,
    within the paragraph and never across the cue."""
    edge = unmatched_edge(doc, start, end) if start < end else None
    if edge is None:
        return start, end
    side, opener, closer = edge
    if side == "close":
        for i in range(start - 1, -1, -1):
            if _breaks_paragraph(doc[i]) or cue_span[0] <= i < cue_span[1] or (doc[i].text == closer != opener):
                break
            if doc[i].text == opener:
                return i, end
    else:
        for j in range(end, len(doc)):
            if _breaks_paragraph(doc[j - 1]) or cue_span[0] <= j < cue_span[1] or (doc[j].text == opener != closer):
                break
            if doc[j].text == closer:
                return start, j + 1
    return start, end


def find_source(cue: Token, rel: str) -> tuple[Token | None, str]:
    """The head of the source phrase and how it was found."""
    if cue.pos_ == "ADJ" and cue.dep_ == "acomp":
        cue = cue.head  # the copula's subject: "his website has been critical of"
    subject = _subject(cue)
    if subject is not None and subject.dep_ == "nsubjpass":
        agent = _agent(cue)
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
            pobj = _pobj(child)
            if pobj is not None:
                return pobj, "from"
    if noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX"):
        subject = _subject(noun.head)
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
        subject = _subject(head)
        if subject is not None and subject.dep_ != "nsubjpass":
            return subject, "inherited"
        if node.dep_ == "conj" and head.dep_ == "ccomp" and (reported_conjunct(head) or head).i == node.i:
            node = head.head  # the speech verb whose content swallowed this one
            subject = _subject(node)
            if subject is not None:
                return subject, "inherited"
            continue
        node = head
    return None, "none"


def published_author(verb: Token) -> Token | None:
    """"KCNA published a statement from the Commission ... confirming": the
    Commission speaks (KCNA only carries it)."""
    from claimledger.pipeline.attribution.lexicon import channel_set
    if verb.lemma_.lower() not in channel_set("publish"):
        return None
    message = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if message is None or message.lemma_.lower() not in channel_set("message"):
        return None
    author, how = noun_source(message)
    if how in ("poss", "compound", "from"):
        return author
    for prep in verb.children:  # the parser often hangs "from X" on the verb
        if prep.dep_ == "prep" and prep.lower_ == "from" and _pobj(prep) is not None:
            return _pobj(prep)
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


def according_to(doc: Doc, token: Token) -> Found | None:
    """"according to X": X is the source, the clause it modifies the content."""
    if token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to" and c.dep_ == "prep"), None)
    source = _pobj(to) if to is not None else None
    if source is None:
        return None
    content = clause_around(doc, token)
    if content is None:
        return None
    return Found(cue=token, rel="according", cue_span=(token.i, to.i + 1), content_span=content,
                 source=source, source_span=phrase_bounds(source))


def in_source(doc: Doc, token: Token) -> Found | None:
    """"In a CNN poll, Clinton led by 24 points": a poll or survey opening the sentence with "in"
    is the source of the clause it modifies -- unless that clause is itself a speech cue's
    ("said in a statement"), whose channel it is."""
    from claimledger.pipeline.attribution.lexicon import channel_set, stance_table
    if token.lower_ != "in" or token.dep_ != "prep" or token.i != token.sent.start:
        return None  # mid-sentence ("a lead in the polls", "slid in the polls") it rarely attributes
    source = _pobj(token)
    if source is None or source.lemma_.lower() not in channel_set("in_source"):
        return None
    clause = token.head
    while clause.dep_ in ("prep", "pobj") and clause.head is not clause:
        clause = clause.head
    if clause.lemma_.lower() in stance_table() or clause.lemma_.lower() in _speech_lemmas():
        return None
    content = clause_around(doc, token)
    if content is None:
        return None
    return Found(cue=token, rel="in-source", cue_span=(token.i, token.i + 1), content_span=content,
                 source=source, source_span=phrase_bounds(source))


def clause_around(doc: Doc, token: Token) -> tuple[int, int] | None:
    """The clause a source phrase ("according to X", "in a poll") modifies, less that phrase."""
    clause = token.head
    while clause.dep_ in ("prep", "pobj") and clause.head is not clause:
        clause = clause.head
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


PASSIVE_LEAD_RELS = ("xcomp", "oprd", "prep:as", "acomp", "attr")


def lead_passive_subject(found: Found) -> None:
    """"[Trump] is expected [to deliver a speech]", "[a group] called [the Foundation]": with a
    passive cue the subject is part of what is said about it; PolNeAR marks it as the first
    fragment of the content."""
    cue = found.cue
    if found.rel not in PASSIVE_LEAD_RELS or found.content_span[0] < cue.i:
        return
    from claimledger.pipeline.attribution.lexicon import channel_set
    raising = cue.lemma_.lower() in channel_set("raising")
    subject = next((c for c in cue.children if c.i < cue.i and (c.dep_ == "nsubjpass" or raising and c.dep_ == "nsubj")), None)
    if subject is not None:
        found.lead_content = phrase_bounds(subject)
    elif cue.dep_ == "acl" and cue.tag_ == "VBN" and cue.head.i < cue.i:  # "a group [called] X"
        found.lead_content = trim_punct(cue.doc, cue.head.left_edge.i, cue.i)


PASSIVE_AGENT_PREPS = ("by",)


def passive_reason(found: Found) -> None:
    """"[Trump] has been criticized [for failing to campaign]": after a passive cue whose subject
    is the content, the cue's first preposition (not the agent's "by") says what about it."""
    cue = found.cue
    if found.rel != "passive" or found.content_span[1] > cue.i:
        return
    prep = next((c for c in cue.children if c.dep_ == "prep" and c.i > cue.i), None)
    if prep is None or prep.lower_ in PASSIVE_AGENT_PREPS or _pobj(prep) is None:
        return
    if any(t.ent_type_ in ("DATE", "TIME") for t in prep.subtree):
        return
    first = max(prep.i, found.cue_span[1])  # "was accused of [X]": a preposition in the cue stays there
    start, end = trim_punct(cue.doc, first, prep.right_edge.i + 1)
    if start < end:
        found.more_content.insert(0, (start, end))


def find_attribution(token: Token, rel: str, head: Token) -> Found | None:
    doc = token.doc
    cue_span = cue_bounds(token, head, rel)
    content = content_bounds(doc, token, rel, head, cue_span)
    if content is None and rel == "head":
        rest = head_clause_rest(doc, token, head)
        content = rest[0] if rest else None
        rel = "head-rest"
    if content is None:
        return None
    found = Found(cue=token, rel=rel, cue_span=cue_span, content_span=content)
    found.more_content = quote_continuation(doc, content, cue_span)
    if rel == "head":
        found.more_content = found.more_content or head_clause_rest(doc, token, head)
    lead_passive_subject(found)
    passive_reason(found)
    quoted = relayed_speaker(token)
    how = "relayed"
    if quoted is not None:  # "KCNA quoted Kim as saying": Kim speaks, KCNA relays
        found.channel = _subject(token)
        source = quoted
    else:
        source, how = find_source(token, rel)
    if found.lead_content and source is not None and found.lead_content[0] <= source.i < found.lead_content[1]:
        source = None  # the passive subject is what is expected, not who expects it
    if source is not None and not (content[0] <= source.i < content[1]):
        found.source = source
        found.source_span = phrase_bounds(source)
        if how == "compound":  # "[Western intelligence] reports": the modifiers before the compound
            mods = [c.i for c in token.children if c.dep_ in ("amod", "nmod") and c.i < source.i]
            if mods:
                found.source_span = (min(mods + [found.source_span[0]]), found.source_span[1])
        if found.source_span[0] < cue_span[1] <= found.source_span[1]:
            found.source_span = (found.source_span[0], cue_span[0])
    return found


def matching_close(doc: Doc, open_i: int) -> int | None:
    """Index just past the quote that closes the one at open_i (within its paragraph)."""
    closers = closer_of(doc[open_i].text)
    for j in range(open_i + 1, len(doc)):
        if doc[j].text in closers:
            return j + 1
        if "\n" in doc[j].text or "\n" in doc[j - 1].whitespace_:
            return j if j > open_i + 1 else None
    return len(doc)


def quote_continuation(doc: Doc, content: tuple[int, int], cue_span: tuple[int, int]) -> list[tuple[int, int]]:
    """“A,” she said, “B.”  /  “A,” said X, a spokesman. “B.”: the quote goes on after the cue.

    Only for a quoted content that ends before its cue; the continuation is the
    next quotation, opening either right after a comma in the cue's sentence or
    at the start of the next sentence, and never past the paragraph."""
    start, end = content
    if end > cue_span[0] or doc[end - 1].text not in CLOSE_QUOTES or doc[start].text not in DOUBLE_OPEN:
        return []
    sent = doc[cue_span[0]].sent
    j = cue_span[1]
    while j < sent.end:
        if _breaks_paragraph(doc[j]) and j + 1 < len(doc) and not doc[j].is_punct:
            return []
        if doc[j].text in DOUBLE_OPEN and doc[j - 1].text in (",", ":") and _looks_opening_any(doc[j]):
            break  # mid-sentence: “A,” she said, “B.”
        j += 1
    else:
        while j < len(doc) and doc[j].is_space and not _breaks_paragraph(doc[j]):
            j += 1
        if j >= len(doc) or _breaks_paragraph(doc[j - 1]) or doc[j].text not in DOUBLE_OPEN:
            return []
    close = matching_close(doc, j)
    if close is None or close <= j + 1:
        return []
    return [(j, close)]


def _looks_opening_any(token: Token) -> bool:
    return token.text in ("“", "``") or _looks_opening(token)


def head_clause_rest(doc: Doc, cue: Token, head: Token) -> list[tuple[int, int]]:
    """"For black voters, he said, their experience told them ...": the clause resumes after the cue."""
    start = cue.right_edge.i + 1
    end = min(head.right_edge.i + 1, cue.sent.end)
    start, end = trim_punct(doc, start, end)
    if start >= end or head.i < cue.i and not any(t.head.i == head.i or t.i == head.i for t in doc[start:end]):
        return []
    return [extend_to_quotes(doc, start, end, start, cue.sent.end)]


def quoted_before(doc: Doc, before: int) -> tuple[int, int] | None:
    """The quotation that ends right before token ``before`` (within its paragraph)."""
    j = before - 1
    if j < 0 or doc[j].text not in DOUBLE_CLOSE:
        return None
    closer = doc[j].text
    openers = opener_of(closer)
    for i in range(j - 1, -1, -1):
        if "\n" in doc[i].whitespace_ or "\n" in doc[i].text:
            return None
        if doc[i].text in openers:
            return (i, j + 1) if j > i + 1 else None
    return None


def orphan_subject(token: Token) -> Token | None:
    """The speaker of a cue after a quote: a subject after the cue ("said Smith") wins over
    one the parser found inside the quotation before it."""
    subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
    after = [c for c in subjects if c.i > token.i]
    return after[0] if after else (subjects[-1] if subjects else None)


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


def quoted_after(doc: Doc, after: int) -> tuple[int, int] | None:
    """"Ryan said, “Sure. I get that, too.”": the quotation that opens right after the cue
    (past a comma), when the parser did not make it the cue's complement."""
    j = after + (after < len(doc) and doc[after].text == ",")
    if j >= len(doc) or doc[j].text not in DOUBLE_OPEN or (j > after and "\n" in doc[after].whitespace_):
        return None
    end = matching_close(doc, j)
    return (j, end) if end is not None and end > j + 2 else None


HEADLINE_MAX_NAME = 6


def _paragraph_start(doc: Doc, i: int) -> bool:
    return i == 0 or _breaks_paragraph(doc[i - 1]) or doc[i - 1].text in ('"', "“") and (i == 1 or _breaks_paragraph(doc[i - 2]))


def _name_like(token: Token) -> bool:
    return token.pos_ in ("PROPN", "NOUN", "ADJ", "PART") and (token.is_title or token.is_upper or token.pos_ == "PROPN" or token.text == "’s")


def headline_colon(doc: Doc, colon: Token) -> Found | None:
    """"Elizabeth Warren: Donald Trump Is a ‘Proven Failure’", "FALLIN: Well, I think ...":
    a name opening a paragraph (headline or transcript), a colon, what they said (to the
    paragraph's end)."""
    if colon.text != ":":
        return None
    name_start = colon.i
    while name_start > 0 and colon.i - name_start < HEADLINE_MAX_NAME and not _paragraph_start(doc, name_start):
        name_start -= 1
    if not _paragraph_start(doc, name_start) or doc[name_start].text in ('"', "“"):
        name_start += 1 if doc[name_start].text in ('"', "“") else 0
    if not _paragraph_start(doc, name_start) and not (name_start > 0 and doc[name_start - 1].text in ('"', "“")):
        return None
    name = doc[name_start:colon.i]
    if not 0 < len(name) <= HEADLINE_MAX_NAME or not all(_name_like(t) or t.text in (".", "-") for t in name):
        return None
    end = colon.i + 1
    while end < len(doc) and not _breaks_paragraph(doc[end - 1]):
        end += 1
    start, end = trim_punct(doc, colon.i + 1, end)
    start, end = balance_quotes(doc, start, end)
    if end - start < 2:
        return None
    return Found(cue=colon, rel="colon", cue_span=(colon.i, colon.i + 1), content_span=(start, end),
                 source=name.root, source_span=(name.start, name.end))


def paragraph_after(doc: Doc, i: int) -> tuple[int, int]:
    """From token i to the end of its paragraph; when i starts on a paragraph break, the next paragraph."""
    while i < len(doc) and doc[i].is_space:
        i += 1
    end = i + 1
    while end < len(doc) and not _breaks_paragraph(doc[end - 1]):
        end += 1
    return i, min(end, len(doc))


BYLINE_DASHES = ("―", "—", "–", "-", "--")
BYLINE_MAX_NAME = 6


def _byline_name(doc: Doc, start: int) -> tuple[int, int] | None:
    """A name right after a byline dash, ending at the line, a bracket, a comma or a full stop."""
    end = start
    while end < len(doc) and end - start < BYLINE_MAX_NAME and _name_like(doc[end]) and not doc[end].is_punct:
        end += 1
        if _breaks_paragraph(doc[end - 1]):
            break
    if end == start or not any(t.pos_ == "PROPN" for t in doc[start:end]):
        return None
    if end < len(doc) and not (_breaks_paragraph(doc[end - 1]) or doc[end].text in ("(", ",", ".", "\n") or doc[end].is_space):
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
        if not (_paragraph_start(doc, dash.i) or doc[before - 1].text in (".", "!", "?") or doc[before - 1].like_url):
            return None
        start = before - 1
        while start > 0 and not _breaks_paragraph(doc[start - 1]):
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
        from claimledger.pipeline.attribution.lexicon import cue_lexicon
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
    if token.i == 0 or not token.is_title or not _paragraph_start(doc, _line_start(doc, token.i)):
        return None
    start = _line_start(doc, token.i)
    if start != 0:  # the headline is the document's first line
        return None
    line_end = token.i
    while line_end < len(doc) and not _breaks_paragraph(doc[line_end]):
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


def contrast_clause(verb: Token) -> bool:
    """An adverbial clause opened by a contrasting "while"/"whereas" (data/stance_dates.tsv: contrast_mark)."""
    from claimledger.pipeline.attribution.lexicon import date_words
    marks = date_words().get("contrast_mark", frozenset())
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks for c in verb.children)


def first_line_end(doc: Doc) -> int:
    """Index just past the document's first line (its headline, when it has one)."""
    for token in doc:
        if _breaks_paragraph(token):
            return token.i + 1
    return len(doc)


def _line_start(doc: Doc, i: int) -> int:
    while i > 0 and not _breaks_paragraph(doc[i - 1]):
        i -= 1
    return i


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
    speech = _speech_lemmas()
    if not any(t.lemma_.lower() in speech for t in doc[verb.i:colon.i] if t.pos_ == "VERB"):
        return None
    if any(_breaks_paragraph(t) for t in doc[verb.i:colon.i]):
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


def _looks_opening(token: Token) -> bool:
    """A straight quote mark opens when it follows a space and hugs the next word."""
    doc = token.doc
    before = token.i == 0 or bool(doc[token.i - 1].whitespace_) or doc[token.i - 1].is_space or doc[token.i - 1].text in "([—–-"
    return before and not token.whitespace_


def quoted_tokens(doc: Doc) -> set[int]:
    """Indices of the tokens inside quotation marks (paired within a paragraph).
    Straight marks ('"', "''") are told apart by their spacing."""
    inside: set[int] = set()
    open_at: int | None = None
    closer: tuple[str, ...] = ()
    for token in doc:
        if token.is_space and _breaks_paragraph(token):
            open_at = None
            continue
        text = token.text
        symmetric = text in ('"', "''")
        if open_at is not None and text in closer and not (symmetric and _looks_opening(token)):
            inside.update(range(open_at + 1, token.i))
            open_at = None
        elif text in DOUBLE_OPEN and (not symmetric or _looks_opening(token)):
            open_at, closer = token.i, closer_of(text)
        if open_at is not None and _breaks_paragraph(token) and token.i != open_at:
            open_at = None
    return inside
