"""From an attribution found on the parse to a model.Statement.

The speaker is linked to the actor whose mention covers the source's head
(doc._.cl_entities, from claimledger_actors; pronouns and missing sources: speakers.py); the channels that relayed the
statement ("quoted by", "citing", "published", "in a statement released by"),
its date (doc._.cl_dates), hedges and negation are read off the same parse.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from claimledger.model import Speaker, Statement, content_hash, stable_id
from claimledger.pipeline.attribution.cues import MIN_CUE, MIN_P, find_attributions
from claimledger.pipeline.attribution.lexicon import channel_set, date_words
from claimledger.stances import hedge_words, stance_of
from claimledger.pipeline.attribution.parse import INHERIT_SUBJECT_DEPS, agent_of, prep_object, subject_of
from claimledger.pipeline.attribution.quotes import CLOSE_QUOTES, OPEN_QUOTES, QUOTES
from claimledger.pipeline.attribution.sources import phrase_bounds, stray_source
from claimledger.pipeline.attribution.speakers import linked_entity, make_speaker
from claimledger.pipeline.attribution.speakers import words as speaker_words
from claimledger.pipeline.attribution.voices import finish
from claimledger.pipeline.attribution.spans import Found


def statements(doc: Doc, min_p: float = MIN_P, min_cue: int = MIN_CUE) -> list[Statement]:
    doc_id = doc._.article_id or content_hash(doc.text)
    entities = doc._.cl_entities or []
    found = find_attributions(doc, min_p, min_cue)
    contents = [f.content_span for f in found]
    return finish(doc, [(f, to_statement(doc, doc_id, f, entities, contents)) for f in found], entities)


def to_statement(doc: Doc, doc_id: str, found: Found, entities,
                 contents: list[tuple[int, int]] = ()) -> Statement:
    cue = doc[found.cue_span[0]:found.cue_span[1]]
    content = doc[found.content_span[0]:found.content_span[1]]
    source, channels = speaker_and_channels(doc, found)
    speaker = make_speaker(doc, source, entities)
    return Statement(
        id=stable_id(doc_id, cue.start_char),
        speaker=speaker,
        cue={"text": cue.text, "lemma": found.cue.lemma_.lower(), "start": cue.start_char, "end": cue.end_char},
        content=content_record(doc, found),
        kind=quote_kind(content),
        stance=stance_of(found.cue.lemma_),
        via=relays(doc, channels, speaker, entities),
        date=statement_date(doc, found, [c for c in contents if c != found.content_span]),
        hedges=hedges(doc, found),
        negated=content_negated(doc, found),
    )


def content_record(doc: Doc, found: Found) -> dict:
    """The content span; a quote continued after the cue also lists its fragments."""
    content = doc[found.content_span[0]:found.content_span[1]]
    record = {"text": content.text, "start": content.start_char, "end": content.end_char}
    if found.more_content or found.lead_content:
        lead = [doc[found.lead_content[0]:found.lead_content[1]]] if found.lead_content else []
        spans = lead + [content] + [doc[s:e] for s, e in found.more_content]
        record["fragments"] = [[span.start_char, span.end_char] for span in spans]
    return record


def speaker_and_channels(doc: Doc, found: Found) -> tuple[tuple[Token, tuple[int, int]] | None, list[Token]]:
    """The speaker's head and phrase, and the channels that relayed the statement."""
    source = (found.source, found.source_span) if found.source is not None else None
    if source is None:
        stray = stray_source(found.cue, found.content_span, speaker_words()["addressee_verbs"])
        source = (stray, phrase_bounds(stray)) if stray is not None else None
    channels: list[Token] = []
    if found.channel is not None:
        channels.append(found.channel)
    channels.extend(found.also_via)
    cited = citing_source(found.cue)
    if cited is not None and source is not None:  # "Reuters reported, citing officials"
        channels.append(source[0])
        source = (cited, phrase_bounds(cited))
    publisher = publishing_channel(found.cue)
    if publisher is not None:
        channels.append(publisher)
    channels.extend(message_channels(found.cue))
    if subject_of(found.cue) is None and found.cue.dep_ in INHERIT_SUBJECT_DEPS:
        channels.extend(message_channels(found.cue.head))  # "said in a statement released by X, adding"
    if source is not None:
        channels = [c for c in channels if c.i != source[0].i]
    seen, unique = set(), []
    for c in channels:
        if c.i not in seen:
            seen.add(c.i)
            unique.append(c)
    return source, unique


def citing_source(cue: Token) -> Token | None:
    for child in cue.children:
        if child.dep_ in ("advcl", "xcomp", "conj") and child.lemma_.lower() in channel_set("citing") and child.tag_ == "VBG":
            obj = next((c for c in child.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj
    return None


def publishing_channel(cue: Token) -> Token | None:
    """"KCNA published a statement from X ... confirming that": KCNA carried X's statement."""
    node = cue
    for _ in range(3):
        if node.head.i == node.i:
            return None
        head = node.head
        if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in channel_set("publish"):
            return subject_of(head)
        if node.dep_ not in INHERIT_SUBJECT_DEPS + ("dobj",):
            return None
        node = head
    return None


def message_channels(cue: Token) -> list[Token]:
    """"said in a statement released by the Kremlin": the Kremlin relayed it."""
    out = []
    for prep in cue.children:
        if prep.dep_ != "prep":
            continue
        noun = prep_object(prep)
        if noun is None or noun.lemma_.lower() not in channel_set("message"):
            continue
        for child in noun.children:
            if child.dep_ in ("acl", "relcl"):
                agent = agent_of(child)
                if agent is not None:
                    out.append(agent)
            elif child.dep_ == "prep" and child.lower_ in ("by", "from", "on"):
                pobj = prep_object(child)
                if pobj is not None:
                    out.append(pobj)
    return out


def relays(doc: Doc, channels: list[Token], speaker: Speaker | None, entities) -> list[str]:
    """Channel names, less the speaker itself ("on its own channel" relays nothing)."""
    names = [channel_name(doc, c, entities) for c in channels]
    own = speaker.name if speaker is not None else None
    return list(dict.fromkeys(n for n in names if n != own))


def channel_name(doc: Doc, token: Token, entities) -> str:
    entity = linked_entity(doc, token, phrase_bounds(token), entities)
    if entity is not None:
        return entity.name
    if token.pos_ == "PROPN":  # the name itself, not "North Korean state news agency KCNA"
        start = end = token.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i == token.i:
            start -= 1
        return doc[start:end + 1].text
    span = phrase_bounds(token)
    words = [t for t in doc[span[0]:span[1]] if t.dep_ != "det" or t.i > token.i]
    return " ".join(t.text for t in words) if words else token.text


# --- kind, hedges, negation, date ------------------------------------------

def quote_kind(content) -> str:
    quotes = [t for t in content if t.text in QUOTES and t.text != "'" or (t.text == "'" and t.is_quote)]
    if not quotes:
        return "indirect"
    if content[0].text in OPEN_QUOTES and content[-1].text in CLOSE_QUOTES and len(quotes) == 2:
        return "direct"
    return "mixed"


def content_root(doc: Doc, found: Found) -> Token:
    return doc[found.content_span[0]:found.content_span[1]].root


def hedges(doc: Doc, found: Found) -> list[str]:
    words = hedge_words()
    out = [c.lower_ for c in found.cue.children if c.dep_ in ("advmod", "aux") and c.lower_ in words]
    if any(c.dep_ == "neg" for c in found.cue.children):
        out.append("not")  # a negated cue ("did not confirm") weakens what is said
    root = content_root(doc, found)
    out += [c.lower_ for c in root.children if c.dep_ in ("advmod", "aux") and c.lower_ in words]
    return list(dict.fromkeys(out))


def content_negated(doc: Doc, found: Found) -> bool:
    root = content_root(doc, found)
    return any(c.dep_ == "neg" for c in root.children)


def date_governors(cue: Token, contents: list[tuple[int, int]] = ()) -> list[Token]:
    """The cue and the verbs whose time it shares: the verb a participle hangs off
    ("published ... on Monday confirming"), the main clause of an as/while clause --
    but never a verb inside another statement's content ("estimated that X had fled
    since April, while agencies warned ...": April is not when they warned)."""
    marks = date_words().get("shared_time_mark", frozenset())
    out = [cue]
    node = cue
    for _ in range(3):
        if node.head.i == node.i or any(s <= node.head.i < e for s, e in contents):
            break
        participle = node.tag_ in ("VBG", "VBN") and subject_of(node) is None
        shares_time = node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks for c in node.children)
        if not (participle and node.dep_ in INHERIT_SUBJECT_DEPS or shares_time or node.pos_ == "NOUN"):
            break
        node = node.head
        out.append(node)
    return out


def statement_date(doc: Doc, found: Found, contents: list[tuple[int, int]] = ()) -> dict | None:
    dates = [d for d in (doc._.cl_dates or []) if d.value]
    if not dates:
        return None
    deps = date_words().get("date_dep", frozenset())
    c_start = doc[found.content_span[0]].idx
    c_end = doc[found.content_span[1] - 1].idx + len(doc[found.content_span[1] - 1].text)
    for governor in date_governors(found.cue, contents):
        for child in governor.children:
            if child.dep_ not in deps:
                continue
            anchor = prep_object(child) if child.dep_ == "prep" else child
            if anchor is None or c_start <= anchor.idx < c_end:  # never from inside the content
                continue
            for d in dates:  # the date must be this dependent itself, not a clause below it
                if d.start <= anchor.idx < d.end:
                    return {"value": d.value, "precision": d.precision}
    return None
