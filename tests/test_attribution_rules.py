"""The attribution rules, one table per module, over hand-built Docs (no model: the parse is given).

Each row: (what the rule does, the Doc, what to ask of it, the answer).  Token
indices are the tokenizer's; spans are (start, end) with the end exclusive.
"""
import pytest

from claimledger.pipeline.attribution import constructions, layout, parse, quotes, sources, spans
from handmade import parsed, tokens

# ---------------------------------------------------------------- shared Docs

QUOTE_THEN_CUE = ("“We will win,” she said.",
                  "“/PUNCT/punct/7 We/PRON/nsubj/3 will/AUX/aux/3 win/VERB/ccomp/7 ,/PUNCT/punct/3 "
                  "”/PUNCT/punct/7 she/PRON/nsubj/7 said/VERB/ROOT/7/say/VBD ./PUNCT/punct/7")
SAID_THAT = ("He has not said that it failed.",
             "He/PRON/nsubj/3 has/AUX/aux/3 not/PART/neg/3 said/VERB/ROOT/3/say/VBN that/SCONJ/mark/6 "
             "it/PRON/nsubj/6 failed/VERB/ccomp/3/fail/VBD ./PUNCT/punct/3")
SAID_COLON = ("Smith said: “Taxes rose.”",
              "Smith/PROPN/nsubj/1 said/VERB/ROOT/1/say/VBD :/PUNCT/punct/1 “/PUNCT/punct/5 "
              "Taxes/NOUN/nsubj/5/tax rose/VERB/ccomp/1/rise/VBD ./PUNCT/punct/5 ”/PUNCT/punct/5")
PASSIVE = ("The plan was criticized by Jones.",
           "The/DET/det/1 plan/NOUN/nsubjpass/3 was/AUX/auxpass/3/be criticized/VERB/ROOT/3/criticize/VBN "
           "by/ADP/agent/3 Jones/PROPN/pobj/4 ./PUNCT/punct/3")
POSSESSOR = ("Trump's claim that taxes rose",
             "Trump/PROPN/poss/2 's/PART/case/0 claim/NOUN/ROOT/2 that/SCONJ/mark/5 taxes/NOUN/nsubj/5/tax "
             "rose/VERB/acl/2/rise/VBD")
ADDING = ("He left, adding that taxes rose.",
          "He/PRON/nsubj/1 left/VERB/ROOT/1/leave/VBD ,/PUNCT/punct/1 adding/VERB/advcl/1/add/VBG "
          "that/SCONJ/mark/6 taxes/NOUN/nsubj/6/tax rose/VERB/ccomp/3/rise/VBD ./PUNCT/punct/1")
APPOSITION = ("Clinton, a Democrat, said taxes rose.",
              "Clinton/PROPN/nsubj/5 ,/PUNCT/punct/0 a/DET/det/3 Democrat/PROPN/appos/0 ,/PUNCT/punct/0 "
              "said/VERB/ROOT/5/say/VBD taxes/NOUN/nsubj/7/tax rose/VERB/ccomp/5/rise/VBD ./PUNCT/punct/5")
QUOTED_AS_SAYING = ("KCNA quoted Kim as saying talks failed.",
                    "KCNA/PROPN/nsubj/1 quoted/VERB/ROOT/1/quote/VBD Kim/PROPN/dobj/1 as/ADP/prep/1 "
                    "saying/VERB/pcomp/3/say/VBG talks/NOUN/nsubj/6/talk failed/VERB/ccomp/4/fail/VBD "
                    "./PUNCT/punct/1")
ACCORDING = ("Taxes rose, according to officials.",
             "Taxes/NOUN/nsubj/1/tax rose/VERB/ROOT/1/rise/VBD ,/PUNCT/punct/1 according/VERB/prep/1 "
             "to/ADP/prep/3 officials/NOUN/pobj/4/official ./PUNCT/punct/1")
POLL = ("In a CNN poll, Clinton led by 24 points.",
        "In/ADP/prep/6 a/DET/det/3 CNN/PROPN/compound/3 poll/NOUN/pobj/0 ,/PUNCT/punct/6 "
        "Clinton/PROPN/nsubj/6 led/VERB/ROOT/6/lead/VBD by/ADP/prep/6 24/NUM/nummod/9 "
        "points/NOUN/pobj/7/point ./PUNCT/punct/6")
CONTINUED = ("Cruz continued: “We will win.”",
             "Cruz/PROPN/nsubj/1 continued/VERB/ROOT/1/continue/VBD :/PUNCT/punct/1 “/PUNCT/punct/6 "
             "We/PRON/nsubj/6 will/AUX/aux/6 win/VERB/parataxis/1 ./PUNCT/punct/6 ”/PUNCT/punct/6")


def tok(doc_spec, i):
    return parsed(*doc_spec)[i]


# ---------------------------------------------------------------- layout.py

LAYOUT = [
    ("the first line ends after its line break", "Trump Wins\nVoters went to the polls.",
     layout.first_line_end, 3),
    ("a text without a break is all first line", "Voters went to the polls.", layout.first_line_end, 6),
    ("a line starts after the break before it", "Trump Wins\nVoters went to the polls.",
     lambda doc: layout.line_start(doc, 5), 3),
    ("a token after a break opens a paragraph", "Trump Wins\nVoters went.",
     lambda doc: [layout.paragraph_start(doc, i) for i in range(len(doc))], [True, False, False, True, False, False]),
    ("the paragraph after a break runs to the next break", "Taxes rose.\nVoters left.\nEnd.",
     lambda doc: layout.paragraph_after(doc, 3), (4, 8)),
]


@pytest.mark.parametrize("description, text, probe, expected", LAYOUT, ids=[r[0] for r in LAYOUT])
def test_layout(description, text, probe, expected):
    assert probe(tokens(text)) == expected


# ---------------------------------------------------------------- quotes.py

QUOTES = [
    ("curly quotes: the tokens between them", QUOTE_THEN_CUE[0], quotes.quoted_tokens, {1, 2, 3, 4}),
    ("straight quotes: opening hugs the next word, closing the word before",
     'She said "we will win" today.', quotes.quoted_tokens, {3, 4, 5}),
    ("a quote left open is closed by the paragraph's end", "“We will\nThey left.", quotes.quoted_tokens, set()),
    ("the quotation right before a token", QUOTE_THEN_CUE[0], lambda doc: quotes.quoted_before(doc, 6), (0, 6)),
    ("no quotation before a token that follows none", QUOTE_THEN_CUE[0],
     lambda doc: quotes.quoted_before(doc, 7), None),
    ("the quotation opening right after a cue, past a comma", "Ryan said, “Sure, I do.”",
     lambda doc: quotes.quoted_after(doc, 2), (3, 10)),
    ("the close that matches an open", "“We will win,” she said.", lambda doc: quotes.matching_close(doc, 0), 6),
    ("a lone closing quote at the content's end is dropped", "we will win”",
     lambda doc: quotes.balance_quotes(doc, 0, 4), (0, 3)),
    ("a paired quote stays", "“we will win”", lambda doc: quotes.balance_quotes(doc, 0, 5), (0, 5)),
    ("a content ending in an unopened quote reaches back to its opening", "“Taxes rose. They fell,” he said.",
     lambda doc: quotes.complete_quote(doc, 4, 8, (9, 10)), (0, 8)),
    ("the marks around a content are taken in", "“Taxes rose,” he said.",
     lambda doc: quotes.extend_to_quotes(doc, 1, 3, 0, 6), (0, 5)),
    ("an edge quote with no partner inside is reported", "taxes rose”",
     lambda doc: quotes.unmatched_edge(doc, 0, 3), ("close", "“", "”")),
]


@pytest.mark.parametrize("description, text, probe, expected", QUOTES, ids=[r[0] for r in QUOTES])
def test_quotes(description, text, probe, expected):
    assert probe(tokens(text)) == expected


def test_a_quote_goes_on_after_its_cue():
    doc = parsed("“We won,” she said, “and we will.”",
                 "“/PUNCT/punct/6 We/PRON/nsubj/2 won/VERB/ccomp/6/win ,/PUNCT/punct/6 ”/PUNCT/punct/6 "
                 "she/PRON/nsubj/6 said/VERB/ROOT/6/say ,/PUNCT/punct/6 “/PUNCT/punct/11 and/CCONJ/cc/11 "
                 "we/PRON/nsubj/11 will/AUX/conj/6 ./PUNCT/punct/6 ”/PUNCT/punct/6")
    assert quotes.quote_continuation(doc, (0, 5), (6, 7)) == [(8, 14)]
    assert quotes.quote_continuation(doc, (1, 3), (6, 7)) == []  # only a quoted content goes on


# ---------------------------------------------------------------- parse.py

PARSE = [
    ("a that-clause is a ccomp content", SAID_THAT, lambda doc: parse.content_relation(doc[3]), ("ccomp", 6)),
    ("a noun with a that-clause", POSSESSOR, lambda doc: parse.content_relation(doc[2]), ("that", 5)),
    ("a passive cue takes its subject as the content", PASSIVE,
     lambda doc: parse.content_relation(doc[3]), ("passive", 1)),
    ("'as saying' relays the quoted speaker", QUOTED_AS_SAYING,
     lambda doc: parse.content_relation(doc[1]), ("as", 4)),
    ("a non-verb is no cue candidate", SAID_THAT, lambda doc: parse.content_relation(doc[0]), None),
    ("the subject of a verb", SAID_THAT, lambda doc: parse.subject_of(doc[3]).i, 0),
    ("the agent of a passive", PASSIVE, lambda doc: parse.agent_of(doc[3]).i, 5),
]


@pytest.mark.parametrize("description, doc_spec, probe, expected", PARSE, ids=[r[0] for r in PARSE])
def test_parse(description, doc_spec, probe, expected):
    found = probe(parsed(*doc_spec))
    if isinstance(found, tuple) and len(found) == 2 and not isinstance(found[1], int):
        found = (found[0], found[1].i)  # (relation, content head token) -> (relation, index)
    assert found == expected


# ---------------------------------------------------------------- sources.py

SOURCES = [
    ("the subject speaks", SAID_THAT, lambda doc: sources.find_source(doc[3], "ccomp"), (0, "subject")),
    ("a passive's agent speaks", PASSIVE, lambda doc: sources.find_source(doc[3], "passive"), (5, "agent")),
    ("a nominal cue's possessor speaks", POSSESSOR, lambda doc: sources.noun_source(doc[2]), (0, "poss")),
    ("a participle inherits the subject of its clause", ADDING,
     lambda doc: sources.inherited_source(doc[3]), (0, "inherited")),
    ("'quoted Kim as saying': Kim is relayed", QUOTED_AS_SAYING,
     lambda doc: sources.relayed_speaker(doc[1]).i, 2),
    ("a subject after the cue wins over one inside the quote", ("“We won,” said Smith.",
     "“/PUNCT/punct/5 We/PRON/nsubj/2 won/VERB/ccomp/5/win ,/PUNCT/punct/5 ”/PUNCT/punct/5 "
     "said/VERB/ROOT/5/say Smith/PROPN/nsubj/5 ./PUNCT/punct/5"),
     lambda doc: sources.orphan_subject(doc[5]).i, 6),
    ("the source phrase keeps an apposition and its closing comma", APPOSITION,
     lambda doc: sources.phrase_bounds(doc[0]), (0, 5)),
]


@pytest.mark.parametrize("description, doc_spec, probe, expected", SOURCES, ids=[r[0] for r in SOURCES])
def test_sources(description, doc_spec, probe, expected):
    found = probe(parsed(*doc_spec))
    if isinstance(found, tuple) and found and hasattr(found[0], "i"):
        found = (found[0].i, found[1])
    assert found == expected


# ---------------------------------------------------------------- spans.py

def _found(doc_spec, cue_i):
    doc = parsed(*doc_spec)
    rel, head = parse.content_relation(doc[cue_i])
    f = spans.find_attribution(doc[cue_i], rel, head)
    return f and (f.cue_span, f.content_span, f.source_span)


SPANS = [
    ("the cue keeps its auxiliaries and negation", SAID_THAT,
     lambda doc: spans.cue_bounds(doc[3], doc[6], "ccomp"), (1, 4)),
    ("'said:' keeps the colon", SAID_COLON, lambda doc: spans.cue_bounds(doc[1], doc[5], "ccomp"), (1, 3)),
    ("a that-content keeps 'that' and drops the stop", SAID_THAT,
     lambda doc: spans.content_bounds(doc, doc[3], "ccomp", doc[6], (1, 4)), (4, 7)),
    ("a quoted content takes in its marks", SAID_COLON,
     lambda doc: spans.content_bounds(doc, doc[1], "ccomp", doc[5], (1, 3)), (3, 8)),
    ("punctuation is trimmed at both ends", APPOSITION, lambda doc: spans.trim_punct(doc, 1, 5), (2, 4)),
]


@pytest.mark.parametrize("description, doc_spec, probe, expected", SPANS, ids=[r[0] for r in SPANS])
def test_spans(description, doc_spec, probe, expected):
    assert probe(parsed(*doc_spec)) == expected


FIND_ATTRIBUTION = [
    # (what, doc, cue index, (cue span, content span, source span))
    ("subject, cue, that-clause", SAID_THAT, 3, ((1, 4), (4, 7), (0, 1))),
    ("a passive: the agent speaks about the subject", PASSIVE, 3, ((2, 4), (0, 2), (5, 6))),
    ("the speaker's apposition stays in the source", APPOSITION, 5, ((5, 6), (6, 8), (0, 5))),
    ("a relayed quote: Kim speaks", QUOTED_AS_SAYING, 1, ((1, 2), (5, 7), (2, 3))),
]


@pytest.mark.parametrize("description, doc_spec, cue_i, expected", FIND_ATTRIBUTION,
                         ids=[r[0] for r in FIND_ATTRIBUTION])
def test_find_attribution(description, doc_spec, cue_i, expected):
    assert _found(doc_spec, cue_i) == expected


# ---------------------------------------------------------------- constructions.py

def _spans_of(found):
    return found and (found.rel, found.cue_span, found.content_span, found.source_span)


CONSTRUCTIONS = [
    ("according to X: X is the source of the clause", ACCORDING,
     lambda doc: constructions.according_to(doc, doc[3]), ("according", (3, 5), (0, 2), (5, 6))),
    ("a poll opening the sentence is its source", POLL,
     lambda doc: constructions.in_source(doc, doc[0]), ("in-source", (0, 1), (5, 10), (1, 4))),
    ("a clause ending in a colon speaks what follows", CONTINUED,
     lambda doc: constructions.verb_colon(doc, doc[2]), ("colon-verb", (1, 3), (3, 9), (0, 1))),
    ("a speech verb after the quote it closes", QUOTE_THEN_CUE,
     lambda doc: constructions.orphan_quote_cue(doc[7]), (0, 6)),
    ("a name, a colon, what they said (a headline)", ("Warren: Trump Is a Failure",
     "Warren/PROPN/ROOT/0 :/PUNCT/punct/0 Trump/PROPN/nsubj/3 Is/AUX/appos/0/be a/DET/det/5 "
     "Failure/NOUN/attr/3"),
     lambda doc: constructions.headline_colon(doc, doc[1]), ("colon", (1, 2), (2, 6), (0, 1))),
    ("a dash after a quote signs it", ("“We will win.” ― Maria Lopez",
     "“/PUNCT/punct/3 We/PRON/nsubj/3 will/AUX/aux/3 win/VERB/ROOT/3 ./PUNCT/punct/3 ”/PUNCT/punct/3 "
     "―/PUNCT/punct/3 Maria/PROPN/compound/8 Lopez/PROPN/npadvmod/3"),
     lambda doc: constructions.dash_byline(doc, doc[6]), ("byline", (6, 7), (0, 6), (7, 9))),
    ("no byline without a name after the dash", ("“We will win.” ― and more",
     "“/PUNCT/punct/3 We/PRON/nsubj/3 will/AUX/aux/3 win/VERB/ROOT/3 ./PUNCT/punct/3 ”/PUNCT/punct/3 "
     "―/PUNCT/punct/3 and/CCONJ/cc/3 more/ADJ/conj/3"),
     lambda doc: constructions.dash_byline(doc, doc[6]), None),
]


@pytest.mark.parametrize("description, doc_spec, probe, expected", CONSTRUCTIONS, ids=[r[0] for r in CONSTRUCTIONS])
def test_constructions(description, doc_spec, probe, expected):
    found = probe(parsed(*doc_spec))
    assert (_spans_of(found) if isinstance(found, spans.Found) else found) == expected


def test_a_title_case_headline_verb_after_a_name():
    text = "Icon Morton Blackwell Endorses Ted Cruz\nHe spoke."
    doc = tokens(text)
    # the tagger reads a title-case headline as names; the rule needs only the words and the line
    for t in doc:
        t.pos_ = "PROPN" if t.is_title else "PUNCT" if t.is_punct else "SPACE" if t.is_space else "VERB"
    found = constructions.headline_verb(doc, doc[3])
    assert _spans_of(found) == ("headline-verb", (3, 4), (4, 6), (0, 3))
