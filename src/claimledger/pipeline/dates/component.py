"""claimledger_dates: every temporal expression in the Doc, normalised against the publication date.

Candidates are the model's DATE/TIME entities, split where they hold two
expressions ("between 1994 and 1997", "the quarter ended Sept. 30"), trimmed of
prepositions and possessives, joined where the model cut one expression in two
("Friday" + "morning"), and supplemented by the lexicon words the small model
never tags ("now", "recently", "daily").  Each is normalised by
:func:`claimledger.pipeline.dates.timex.normalise` with the tense of the clause it sits in and
the last explicit date mentioned before it (for "a year earlier").  Results go
to ``doc._.cl_dates`` as ``DateValue`` records sorted by start.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from claimledger.pipeline import extensions  # noqa: F401
from claimledger.pipeline.base import DocComponent
from claimledger.model import DateValue
from claimledger.pipeline.dates.timex import normalise
from claimledger.pipeline.dates.values import Timex, parse_published
from claimledger.pipeline.dates.words import SPELLED_YEAR, lexicon

# Precisions whose value can anchor a later anaphoric expression ("a year earlier").
ANCHORING = ("day", "month", "year", "quarter", "season", "range")


# doc._.published is no component's: analysis.prepare_doc sets it before the pipeline runs
@Language.factory("claimledger_dates", assigns=["doc._.cl_dates"],
                  requires=["doc.ents", "token.tag", "token.lemma", "token.dep", "token.head"])
def make_dates(nlp: Language, name: str):
    return DatesComponent(name)


class DatesComponent(DocComponent):
    attribute = "cl_dates"

    def find(self, doc: Doc) -> list[DateValue]:
        if doc.lang_ == "ru":
            from claimledger.pipeline.dates import russian
            return russian.find_dates(doc, doc._.published)
        return find_dates(doc, doc._.published)


def find_dates(doc: Doc, published: str | None) -> list[DateValue]:
    anchor = parse_published(published)
    found: list[tuple[int, int, Timex]] = []
    reference: str | None = None
    text = doc.text  # Doc.text joins every token: read it once
    parsed = doc.has_annotation("DEP")  # once per doc: it walks every token
    for start, end in candidate_spans(doc, text):
        tense = clause_tense(doc, start, end) if parsed else None
        timex = normalise(text[start:end], anchor, tense, reference)
        if timex is None:
            continue
        found.append((start, end, timex))
        if timex.value and timex.precision in ANCHORING and not timex.anaphoric:
            reference = timex.value
    found = periods_ended(text, found)
    return [to_date_value(text[s:e], s, e, t) for s, e, t in found]


_PERIOD_ENDED = re.compile(r"^\s+(?:ended|ending|that ended|which ended|to end)\s+$")
_PERIOD = re.compile(r"^(?:the |its |their )?(?:(?:latest|same|current|fiscal|first|second|third|fourth|fiscal-first)[ -])*(?P<unit>year|quarter)$", re.I)


_ORDINAL_QUARTER = re.compile(r"(?:first|second|third|fourth)[ -](?:fiscal[ -])?quarter", re.I)


def periods_ended(text: str, found: list[tuple[int, int, Timex]]) -> list[tuple[int, int, Timex]]:
    """"the year ended March 31" is a year-long period (P1Y); "the quarter ended Sept. 30" the quarter holding that day."""
    out = list(found)
    for i in range(len(out) - 1):
        start, end, timex = out[i]
        nxt = out[i + 1][2]
        period = _PERIOD.match(text[start:end])
        if not period or not _PERIOD_ENDED.match(text[end:out[i + 1][0]]):
            continue
        if period.group("unit").lower() == "year" and "quarter" not in text[start:end].lower():
            out[i] = (start, end, Timex("P1Y", "DURATION", note="period ended on a date"))
        elif nxt.value and nxt.precision == "day":
            # a numbered quarter keeps its (possibly fiscal) number; the end date gives the year
            own = re.search(r"-Q(\d)$", timex.value or "") if _ORDINAL_QUARTER.search(text[start:end]) else None
            quarter = own.group(1) if own else (int(nxt.value[5:7]) - 1) // 3 + 1
            out[i] = (start, end, Timex(f"{nxt.value[:4]}-Q{quarter}", note="quarter ended on a date"))
    return out


def to_date_value(text: str, start: int, end: int, timex: Timex) -> DateValue:
    value = timex.calendar_value
    precision = timex.precision if value is not None else "unresolved"
    note = timex.note
    if value is None and timex.value:
        note = f"TimeML {timex.value}" + (f": {note}" if note else "")
    return DateValue(text=text, start=start, end=end, value=value, precision=precision,
                     note=note, timex=timex.value)


# ---------------------------------------------------------------- candidate spans

def candidate_spans(doc: Doc, text: str) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME") and _temporal_use(ent):
            pieces.extend(split_range(text, ent.start_char, ent.end_char))
    pieces.extend(lexicon_matches(doc, text))
    pieces.extend(spelled_years(text))
    pieces = [trim(text, s, e) for s, e in pieces]
    pieces = [(s, e) for s, e in pieces if e > s]
    return join_adjacent(text, merge_overlaps(pieces))


@lru_cache(maxsize=1)
def _splitter() -> re.Pattern:
    return re.compile(r"(?:(?<=months)|(?<=quarters)|(?<=weeks)|(?<=years))\s+of\s+(?=the year|\d{4}|fiscal)|\s+(?:to|through|thru|and|or|ended|ending|until|till|versus|vs\.?)\s+|\s*-\s*(?=\d{4}\b)|(?<=\d{4}),\s+(?=\d{4})|,\s+(?=\d{4}\s+(?:and|or)\b)")


@lru_cache(maxsize=1)
def _leading() -> re.Pattern:
    lex = lexicon()
    preps = sorted(lex["leading_prepositions"] + lex["leading_trim"], key=len, reverse=True)
    return re.compile(r"^(?:(?:%s)\s+)+" % "|".join(re.escape(p) for p in preps), re.I)


def split_range(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """"between 1994 and 1997" -> "1994", "1997"; "the quarter ended Sept. 30" -> two expressions."""
    chunk = text[start:end]
    out, pos = [], 0
    for m in _splitter().finditer(chunk):
        # "a year and a half", "two to three weeks": keep numbers joined to what follows
        if _joined_number().match(chunk, m.start()) and not re.search(r"\d{4}$", chunk[:m.start()]):
            continue
        out.append((start + pos, start + m.start()))
        pos = m.end()
    out.append((start + pos, end))
    return out


@lru_cache(maxsize=1)
def _joined_number() -> re.Pattern:
    numbers = "|".join(re.escape(n) for n in sorted(lexicon()["numbers"], key=len, reverse=True))
    return re.compile(r"\s+(?:and|to|or)\s+(?:a half|\d|%s)\b" % numbers, re.I)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading prepositions and trailing possessives/punctuation (TimeML spans exclude them)."""
    chunk = text[start:end]
    lead = _leading().match(chunk)
    if lead and lead.end() < len(chunk):
        start += lead.end()
        chunk = text[start:end]
    tail = re.search(r"(?:\s+(?:and|or|to|but))?(?:(?<!\d0)['\u2019]s?|[\s,;:()\"-]+)?$", chunk)
    if tail and 0 < tail.start() < len(chunk):
        end = start + tail.start()
    return start, end


@lru_cache(maxsize=1)
def _lexicon_pattern() -> re.Pattern:
    lex = lexicon()
    holidays = list(lex["holidays"]) + list(lex["nth_weekday_holidays"])
    words = sorted(lex["supplement"] + holidays + [f"last {h}" for h in holidays], key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % "|".join(re.escape(w) for w in words), re.I)


def lexicon_matches(doc: Doc, text: str) -> list[tuple[int, int]]:
    """Words the model does not tag: "now", "currently", "recently", "daily" (adverbs/adjectives only)."""
    out = []
    for m in _lexicon_pattern().finditer(text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or not _temporal_use(span):
            continue
        out.append((m.start(), m.end()))
    return out


def spelled_years(text: str) -> list[tuple[int, int]]:
    """Years spelled out in transcripts ("nineteen ninety-six"), with a month or "the year" before them."""
    out = []
    for m in SPELLED_YEAR.finditer(text):
        start = m.start()
        before = re.search(r"(?:the year|(?:%s)\.?)\s+$" % _month_words(), text[max(0, start - 12):start], re.I)
        if before:
            start -= len(before.group(0))
        out.append((start, m.end()))
    return out


@lru_cache(maxsize=1)
def _month_words() -> str:
    return "|".join(sorted(lexicon()["months"], key=len, reverse=True))


@lru_cache(maxsize=1)
def _rate_words() -> frozenset:
    return frozenset(lexicon()["rate_words"])


@lru_cache(maxsize=1)
def _never_alone() -> frozenset:
    return frozenset(lexicon()["rate_words_not_timex_alone"])


def _temporal_use(span: Span) -> bool:
    """Skip "current" as in "current account" followed by a noun that is not a time, "daily" as in "a daily newspaper"."""
    last = span[-1]
    low = last.lower_
    if low in _rate_words() and last.pos_ == "PROPN":
        return False  # "Daily et al.", "the Daily Telegraph"
    if low in _rate_words() and len(span) == 1 and (last.dep_ == "amod" or low in _never_alone()):
        return False  # "a daily newspaper", "annual sales": a frequency word describing a thing
    if low == "current" and last.dep_ == "amod" and last.head.lower_ in lexicon()["current_not_time_heads"]:
        return False
    return True


def merge_overlaps(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for s, e in sorted(set(spans)):
        if out and s < out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


# Any date will do: joining only asks whether two pieces read as one expression.
_PROBE_ANCHOR = "2000-01-01"


def join_adjacent(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """"Friday" + "morning", "9 a.m." + "Tuesday": one expression when only a space or comma divides them."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and re.fullmatch(r",? ?", text[out[-1][1]:s]):
            ps, _ = out[-1]
            joined = normalise(text[ps:e], _PROBE_ANCHOR)
            if joined is not None and joined.note != "dateparser" and joined.type in ("TIME", "DATE"):
                out[-1] = (ps, e)
                continue
        out.append((s, e))
    return out


# ---------------------------------------------------------------- tense

@lru_cache(maxsize=1)
def _future_cues() -> frozenset:
    return frozenset(lexicon()["future_cues"])


def clause_tense(doc: Doc, start: int, end: int) -> str | None:
    """past / future / present of the verb governing the expression (None when there is none)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    verb = span.root
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") or verb.dep_ == "ROOT":
            break
        verb = verb.head
    return verb_tense(verb)


def verb_tense(verb) -> str | None:
    cues = _future_cues()
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in cues for a in auxes):
        return "future"
    # "is expected to rise Friday", "plans to meet Monday": the governing verb looks ahead
    chain = verb
    for _ in range(3):
        if chain.lower_ in cues or chain.lemma_ in cues:
            return "future"
        if chain.dep_ not in ("xcomp", "ccomp", "advcl") or chain.head is chain:
            break
        chain = chain.head
        if any(a.lower_ in cues for a in chain.children if a.dep_ in ("aux", "auxpass")):
            return "future"
    if verb.tag_ in ("VBD", "VBN") or any(a.tag_ in ("VBD",) or a.lower_ in ("has", "have", "had") for a in auxes):
        return "past"
    if verb.tag_ in ("VBP", "VBZ", "VBG", "VB"):
        return "present"
    return None
