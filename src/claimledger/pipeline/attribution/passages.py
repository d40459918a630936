"""Where a position lies in an article's layout: its paragraph, the run of quotation paragraphs it
closes, whether quotation marks hold it (what voices.py needs to settle the first person).
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from claimledger.pipeline.attribution.quotes import OPEN_QUOTES


def paragraph_start(text: str, char: int, back: int = 1) -> int:
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


def quotation_run_start(text: str, char: int) -> int:
    """The start of the paragraph before a run of quotation paragraphs ending with the one holding
    `char`: where the quotation's speaker is named, by news convention."""
    back = 2
    while back < 12:
        start = paragraph_start(text, char, back)
        if start == 0 or text[start:start + 1] not in OPEN_QUOTES:
            return start
        back += 1
    return paragraph_start(text, char, back)


def words(text: str) -> list[str]:
    return [w.strip(".,;:!?\"'“”‘’()") for w in text.replace("’", "'").replace("'", " ").split()]


def token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def in_quotation(doc: Doc, char: int) -> bool:
    """Whether a position lies inside quotation marks. Double quotes run across paragraphs (a
    quotation over several paragraphs reopens each with a mark and closes only the last), so a
    paragraph that opens with no mark is outside, whatever a stray mark before it left open ("(also
    known as "Wild 2)" does not quote the rest of the article); a single quote opening a paragraph
    holds to its end."""
    text = doc.text
    inside, single = False, False
    start = 0
    while start <= char:
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        stripped = text[start:end].lstrip()
        if stripped:
            lead = len(text[start:end]) - len(stripped)
            single = stripped[:1] in ("‘", "'")
            if stripped[:1] not in ("“", '"'):
                inside = False
            for i, ch in enumerate(text[start + lead:min(end, char)]):
                if ch == "“" or (ch == '"' and i == 0):
                    inside = True
                elif ch == "”":
                    inside = False
                elif ch == '"':
                    inside = not inside
        start = end + 1
    return inside or single
