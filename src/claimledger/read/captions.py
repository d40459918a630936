"""Caption and photo-credit lines: found by general cues, kept apart from the body.

A caption is a whole line.  Cues (data/read/caption_cues.json):
- a credit line: it starts with a credit label ("Image: NASA.", "Photo credit: ...");
- a line that ends in a credit: "... 19 June 2024. Photo: EPA-EFE/X / POOL",
  "(AP Photo/Jane Roe)", "REUTERS/John Doe", "... via Getty Images";
- a short picture description right before a credit line, or one that opens
  with a file-photo phrase ("File photo of ...").
Captions stay in the stored text (their offsets are those of the article), so
they are still analysed; Article.captions records their spans.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from claimledger.model import Span
from claimledger.resources import read_json

MONTHS_AND_DAYS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
                   "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|"
                   "monday|tuesday|wednesday|thursday|friday|saturday|sunday")
# A dateline such as "Tuesday, September 1, 2015" or "October 27 , 2008": never a picture description.
DATE_ONLY_LINE = re.compile(rf"^(?:(?:{MONTHS_AND_DAYS})\b|\d{{1,4}}|[\s,./-])+$", re.I)


@dataclass(frozen=True)
class CaptionCues:
    credit_line: re.Pattern        # the line starts with a credit label
    ends_in_credit: re.Pattern     # the line ends with a credit
    file_photo: re.Pattern         # the line opens with a file-photo phrase
    keywords: frozenset[str]       # first word of every label and agency: a cheap test before the patterns
    max_caption_chars: int
    max_description_chars: int


LOWER_WORD = re.compile(r"[a-z]+")


def _first_word(phrase: str) -> str:
    return LOWER_WORD.findall(phrase.lower())[0]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def cues() -> CaptionCues:
    raw = read_json("read/caption_cues.json")
    labels = _alternation(raw["credit_labels"])
    # agencies as written or in capitals, case-sensitively: "(Pa.)" is a state, "PA" an agency
    agencies = "(?-i:" + _alternation(raw["agencies"] + [a.upper() for a in raw["agencies"]]) + ")"
    credit_tail = r"[^.!?\s][^.!?]{0,119}\.?"  # a name, an agency, slashes: no sentence inside
    ends_in_credit = (
        rf"(?:\b(?:{labels})\s*(?:by\s+|[:;]\s*){credit_tail}"           # ... Photo: EPA-EFE/X
        rf"|\((?:(?:{labels})\s*(?:by\s+|[:;]\s*)?)?[^()]{{0,80}}\b(?:{agencies})\b[^()]{{0,80}}\)\.?"  # (AP Photo/X)
        rf"|(?:[/|©]\s*|\b)(?:{agencies})\s*/\s*[A-Z][^.!?]{{0,80}}"        # REUTERS/Jane Roe
        rf"|[/|©]\s*(?:{agencies})\.?"                                      # ... / Reuters
        rf"|\bvia\s+(?:{agencies})\.?)\s*$"
    )
    return CaptionCues(
        credit_line=re.compile(rf"^\s*(?:{labels})\s*(?:by\s+|[:;])", re.I),
        ends_in_credit=re.compile(ends_in_credit, re.I),
        file_photo=re.compile(rf"^\s*(?:{_alternation(raw['file_photo_prefixes'])})\b", re.I),
        keywords=frozenset(_first_word(w) for w in raw["credit_labels"] + raw["agencies"]),
        max_caption_chars=raw["max_caption_chars"],
        max_description_chars=raw["max_description_chars"],
    )


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, without its newline."""
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def is_credit(line: str) -> bool:
    c = cues()
    if not line.strip() or len(line) > c.max_caption_chars:
        return False
    if c.keywords.isdisjoint(LOWER_WORD.findall(line.lower())):
        return False
    return bool(c.credit_line.match(line) or c.ends_in_credit.search(line))


def is_description(line: str, first_line: bool) -> bool:
    """A short line that can describe a picture (not the headline, not a dateline)."""
    stripped = line.strip()
    return (bool(stripped) and not first_line and len(stripped) <= cues().max_description_chars
            and not DATE_ONLY_LINE.match(stripped))


def find_captions(text: str) -> list[Span]:
    lines = line_spans(text)
    first_text_line = next((i for i, (s, e) in enumerate(lines) if text[s:e].strip()), 0)
    caption_lines: set[int] = set()
    for i, (start, end) in enumerate(lines):
        line = text[start:end]
        if cues().file_photo.match(line) and len(line) <= cues().max_caption_chars:
            caption_lines.add(i)
        if not is_credit(line):
            continue
        caption_lines.add(i)
        # a bare credit ("Image: NASA.") belongs to the description line above it
        if cues().credit_line.match(line) and i > 0:
            above = text[lines[i - 1][0]:lines[i - 1][1]]
            if is_description(above, i - 1 == first_text_line) and not is_credit(above):
                caption_lines.add(i - 1)
    return [_trimmed_span(text, *lines[i]) for i in sorted(caption_lines)]


def _trimmed_span(text: str, start: int, end: int) -> Span:
    line = text[start:end]
    start += len(line) - len(line.lstrip())
    end -= len(line) - len(line.rstrip())
    return Span(start=start, end=end, text=text[start:end])
