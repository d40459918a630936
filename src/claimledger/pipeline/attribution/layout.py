"""Where a token sits in the article's layout: line and paragraph breaks, the headline line.

Headlines, transcripts and bylines are told apart by position (a name opening a
paragraph, a dash opening a line), so the attribution constructions ask these.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token


def breaks_paragraph(token: Token) -> bool:
    return "\n" in token.text or "\n" in token.whitespace_


def paragraph_start(doc: Doc, i: int) -> bool:
    return i == 0 or breaks_paragraph(doc[i - 1]) or doc[i - 1].text in ('"', "“") and (i == 1 or breaks_paragraph(doc[i - 2]))


def paragraph_after(doc: Doc, i: int) -> tuple[int, int]:
    """From token i to the end of its paragraph; when i starts on a paragraph break, the next paragraph."""
    while i < len(doc) and doc[i].is_space:
        i += 1
    end = i + 1
    while end < len(doc) and not breaks_paragraph(doc[end - 1]):
        end += 1
    return i, min(end, len(doc))


def first_line_end(doc: Doc) -> int:
    """Index just past the document's first line (its headline, when it has one)."""
    for token in doc:
        if breaks_paragraph(token):
            return token.i + 1
    return len(doc)


def line_start(doc: Doc, i: int) -> int:
    while i > 0 and not breaks_paragraph(doc[i - 1]):
        i -= 1
    return i
