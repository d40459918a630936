"""claimledger_attribution on short sentences: cue, source, content, kind, channels, stance, dates."""
import pytest

from claimledger.model import STANCES


def _run(nlp, text, published="2025-04-28"):
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp(doc)


def _statement(nlp, text, cue):
    doc = _run(nlp, text)
    found = [s for s in doc._.cl_statements if cue in s.cue["text"]]
    assert found, f"no statement with cue {cue!r} in {[s.cue['text'] for s in doc._.cl_statements]}"
    return doc, found[0]


def _source(text, st):
    return text[st.speaker.start:st.speaker.end] if st.speaker else None


@pytest.mark.parametrize("text, cue, source, content, kind", [
    # direct quote, cue after it: the content keeps its quotation marks
    ("“We will win this war,” Smith said.", "said", "Smith", "“We will win this war,”", "direct"),
    # indirect speech keeps its leading "that"
    ("The minister said that the talks had failed.", "said", "The minister", "that the talks had failed", "indirect"),
    # mixed: a quoted fragment inside reported speech
    ("She said the plan was “a complete disaster” for the town.", "said", "She",
     "the plan was “a complete disaster” for the town", "mixed"),
    # a quotation opening right after "said," that the parser left unattached is its content
    ("Asked about the plan, Ryan said, “Sure. I get that, too. Everybody reads the polls.”", "said", "Ryan",
     "“Sure. I get that, too. Everybody reads the polls.”", "direct"),
    # a relative clause the writer adds after a comma is not part of the content
    ("The senator predicted a narrow win in Texas, which votes on March 1.", "predicted", "The senator",
     "a narrow win in Texas", "indirect"),
    # "urged X to ...": who is urged belongs to the content
    ("The governor urged the mayor to resign.", "urged", "The governor", "the mayor to resign", "indirect"),
    ("The senator called on the president to veto the bill.", "called on", "The senator",
     "the president to veto the bill", "indirect"),
    # the full subject phrase is the source
    ("The head of the electoral commission, Maria Lopez, said the count was over.", "said",
     "The head of the electoral commission, Maria Lopez,", "the count was over", "indirect"),
    # nominal cues: a noun with a that-clause, the carrying verb joins the cue
    ("Officials gave the first official confirmation that the ship had sunk.", "confirmation", "Officials",
     "that the ship had sunk", "indirect"),
    ("The ferry sank despite intelligence reports that the harbour was mined.", "reports", "intelligence",
     "that the harbour was mined", "indirect"),
    ("There was no word, despite Western intelligence reports that the troops had left.", "reports",
     "Western intelligence", "that the troops had left", "indirect"),
    # the cue after a quotation it does not govern in the parse, subject first or inverted
    ("“Is this where we need to be? Probably not,” Ms. Reed said.", "said", "Ms. Reed",
     "“Is this where we need to be? Probably not,”", "direct"),
    ("“Special deals and loopholes in a broken tax code,” said Smith.", "said",
     "Smith", "“Special deals and loopholes in a broken tax code,”", "direct"),
    # the quote before the cue is its content, not the prepositional phrase after it
    ("“That was outrageous,” the former strategist said in an interview.", "said", "the former strategist",
     "“That was outrageous,”", "direct"),
    # a speech verb ending its clause in a colon: what follows is what was said
    ("The crowd fell silent. Jones continued:\n\n“We will not give up on this town.”\n\nThen he left.",
     "continued:", "Jones", "“We will not give up on this town.”", "direct"),
    # a quotation signed by a dash and a name
    ("Readers wrote in.\n\n“This is our greatest shame.” ― Sonia Herrera\n\nMore letters followed.",
     "―", "Sonia Herrera", "“This is our greatest shame.”", "direct"),
    # a poll opening the sentence with "in" is the source of its clause
    ("In a recent Gallup poll, the governor led by ten points.", "In", "a recent Gallup poll",
     "the governor led by ten points", "indirect"),
    # a title-case headline: the verb the tagger reads as a name is the cue
    ("Veteran Senator Ann Lowe Endorses Rival Candidate\n\nThe senator spoke on Friday.", "Endorses",
     "Veteran Senator Ann Lowe", "Rival Candidate", "indirect"),
    # "according to X"
    ("According to the ministry, the bridge was destroyed overnight.", "According to", "the ministry",
     "the bridge was destroyed overnight", "indirect"),
    # a participle takes the subject of its clause
    ("The mayor spoke to reporters, adding that the road would reopen.", "adding", "The mayor",
     "that the road would reopen", "indirect"),
])
def test_spans(nlp, text, cue, source, content, kind):
    _doc, st = _statement(nlp, text, cue)
    assert _source(text, st) == source
    assert st.content["text"] == content
    assert text[st.content["start"]:st.content["end"]] == content
    assert st.kind == kind


@pytest.mark.parametrize("text, cue, fragments", [
    # a quote interrupted by its cue is one content in two fragments
    ("“The plan is dead,” she said. “We will start again.”", "said",
     ["“The plan is dead,”", "“We will start again.”"]),
    ("The bridge, the mayor said, will stay closed until June.", "said",
     ["The bridge", "will stay closed until June"]),
    # a passive cue's subject is what is said about: the content's first fragment
    ("The senator is expected to announce her candidacy on Monday.", "expected",
     ["The senator", "to announce her candidacy on Monday"]),
    ("The governor is said to be shrinking in political stature.", "said",
     ["The governor", "to be shrinking in political stature"]),
    ("Supporters held a dinner called the Freedom Gala.", "called", ["a dinner", "the Freedom Gala"]),
    # after a passive cue, what the subject is criticized for is the second fragment
    ("The mayor has been criticized for ignoring the floods.", "criticized", ["The mayor", "for ignoring the floods"]),
])
def test_fragments(nlp, text, cue, fragments):
    _doc, st = _statement(nlp, text, cue)
    assert [text[s:e] for s, e in st.content["fragments"]] == fragments


@pytest.mark.parametrize("text, cue, speaker, via", [
    # a statement released by someone else: the releaser is the channel
    ("Smith said in a statement released by the ministry that the border was open.", "said", "Smith", ["ministry"]),
    # "X quoted Y as saying": Y speaks, X relays
    ("The agency quoted Jones as saying the deal was done.", "quoted", "Jones", ["agency"]),
    # "X reported, citing Y": Y speaks, X relays
    ("The rebels captured the town, Reuters reported, citing local officials.", "reported", "local officials", ["Reuters"]),
    # a plain statement has no channel
    ("The minister said that the talks had failed.", "said", "The minister", []),
])
def test_channels(nlp, text, cue, speaker, via):
    _doc, st = _statement(nlp, text, cue)
    assert _source(text, st) == speaker
    assert [v.lower() for v in st.via] == [v.lower() for v in via]


@pytest.mark.parametrize("text, cue, stance", [
    ("The governor thanked the volunteers for their courage.", "thanked", "praise"),
    ("The company denied that it had paid the bribe.", "denied", "deny"),
    ("The president vowed to rebuild the city.", "vowed", "promise"),
    ("The general warned that the ceasefire would not hold.", "warned", "warn"),
    ("The opposition accused the government of rigging the vote.", "accused", "accuse"),
    ("The spokesman dismissed the report as propaganda.", "dismissed", "dismiss"),
    ("The ministry confirmed that two soldiers had died.", "confirmed", "confirm"),
    ("The minister said that the talks had failed.", "said", "assert"),
])
def test_stance(nlp, text, cue, stance):
    _doc, st = _statement(nlp, text, cue)
    assert st.stance == stance


@pytest.mark.parametrize("text, cue, date", [
    # a date on the cue is when it was said (published 2025-04-28, a Monday)
    ("The minister said on Monday that the talks had failed.", "said", "2025-04-28"),
    ("On Saturday, the Kremlin announced that the village had been retaken.", "announced", "2025-04-26"),
    ("Jones stressed on Sunday that the units were still operating.", "stressed", "2025-04-27"),
    # a date inside the content is not the statement's date
    ("The minister said that the attack happened on Monday.", "said", None),
])
def test_statement_date(nlp, text, cue, date):
    _doc, st = _statement(nlp, text, cue)
    assert (st.date or {}).get("value") == date
    if date:
        assert st.date["precision"] == "day"


@pytest.mark.parametrize("text, cue, hedges, negated", [
    ("The army reportedly said the troops had withdrawn.", "said", ["reportedly"], False),
    ("He said the troops were not in the city.", "said", [], True),
    ("Officials said the plant may have been hit.", "said", ["may"], False),
])
def test_hedges_and_negation(nlp, text, cue, hedges, negated):
    _doc, st = _statement(nlp, text, cue)
    assert st.hedges == hedges
    assert st.negated is negated


def test_ids_are_stable_and_stances_closed(nlp):
    text = "The minister said that the talks had failed. The general warned that the ceasefire would not hold."
    first = _run(nlp, text)._.cl_statements
    second = _run(nlp, text)._.cl_statements
    assert [s.id for s in first] == [s.id for s in second]
    assert len({s.id for s in first}) == len(first) == 2
    assert all(s.stance in STANCES for s in first)


def test_no_statement_without_a_cue(nlp):
    # the only statement is the outlet's own voice (its unattributed lede), which has no cue
    statements = _run(nlp, "The bridge was destroyed overnight and the road is closed.")._.cl_statements
    assert [(s.kind, s.speaker.name, s.cue["text"]) for s in statements] == [("outlet", "the outlet", "")]


@pytest.mark.parametrize("text, cue, stance, content", [
    # a denial with a gerund complement is a statement about that act
    ("The militia denied shelling the hospital.", "denied", "deny", "shelling the hospital"),
    ("The ministry denied having sent troops to the border.", "denied", "deny", "having sent troops to the border"),
])
def test_gerund_complement(nlp, text, cue, stance, content):
    _doc, st = _statement(nlp, text, cue)
    assert st.stance == stance
    assert st.content["text"] == content


@pytest.mark.parametrize("text, cue, speaker, via", [
    # "according to X" on a clause that already has a speech cue: X relays, no second statement
    ("The army said the town had fallen, according to a statement by the governor.", "said", "The army", ["governor"]),
    ("The rebels denied the report and said their units were still in the city, according to a post on their website.",
     "said", "The rebels", []),
])
def test_according_to_on_a_speech_cue(nlp, text, cue, speaker, via):
    doc, st = _statement(nlp, text, cue)
    assert _source(text, st) == speaker
    assert [v.lower() for v in st.via] == via
    cues = [s.cue["text"].lower() for s in doc._.cl_statements]
    assert "according to" not in cues
    for s in doc._.cl_statements:  # no content holds another statement's cue
        assert not any(o is not s and s.content["start"] <= o.cue["start"] < s.content["end"]
                       for o in doc._.cl_statements)


def test_contrasting_clause_is_not_part_of_the_content(nlp):
    text = ("Officials estimated that more than two million people had fled since March 2024, "
            "while aid groups warned that the camps were full.")
    _doc, st = _statement(nlp, text, "estimated")
    assert st.content["text"] == "that more than two million people had fled since March 2024"


def test_date_not_taken_from_another_statements_content(nlp):
    text = ("Officials estimated that more than two million people had fled since March 2024, "
            "while aid groups warned that the camps were full.")
    _doc, st = _statement(nlp, text, "warned")
    assert st.date is None


@pytest.mark.parametrize("text, cue", [
    # a cue verb keeps the preposition PolNeAR writes with it (learned from train)
    ("The mayor called on residents to stay indoors.", "called on"),
    # ... and not one it does not
    ("The mayor said in a statement that the roads were closed.", "said"),
])
def test_cue_takes_its_preposition(nlp, text, cue):
    doc = _run(nlp, text)
    assert [s.cue["text"] for s in doc._.cl_statements] == [cue]


def test_markup_words_are_no_cues(nlp):
    doc = _run(nlp, 'The governor reacted online. <tweet pic="" author="GovSmith">Our thoughts are with the victims.</tweet>')
    assert "tweet" not in [s.cue["text"] for s in doc._.cl_statements]
