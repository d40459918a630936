"""Quotation marks: which ones pair up, what lies inside them, where a quote goes on.

Curly and straight marks and the ASCII ``` ``...'' ``` pairs some feeds use;
straight marks are told open from close by their spacing.  A quotation never
runs past its paragraph.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from claimledger.pipeline.attribution.layout import breaks_paragraph


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
            if breaks_paragraph(doc[i]) or cue_span[0] <= i < cue_span[1] or (doc[i].text == closer != opener):
                break
            if doc[i].text == opener:
                return i, end
    else:
        for j in range(end, len(doc)):
            if breaks_paragraph(doc[j - 1]) or cue_span[0] <= j < cue_span[1] or (doc[j].text == opener != closer):
                break
            if doc[j].text == closer:
                return start, j + 1
    return start, end


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
        if breaks_paragraph(doc[j]) and j + 1 < len(doc) and not doc[j].is_punct:
            return []
        if doc[j].text in DOUBLE_OPEN and doc[j - 1].text in (",", ":") and _looks_opening_any(doc[j]):
            break  # mid-sentence: “A,” she said, “B.”
        j += 1
    else:
        while j < len(doc) and doc[j].is_space and not breaks_paragraph(doc[j]):
            j += 1
        if j >= len(doc) or breaks_paragraph(doc[j - 1]) or doc[j].text not in DOUBLE_OPEN:
            return []
    close = matching_close(doc, j)
    if close is None or close <= j + 1:
        return []
    return [(j, close)]


def _looks_opening_any(token: Token) -> bool:
    return token.text in ("“", "``") or _looks_opening(token)


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


def quoted_after(doc: Doc, after: int) -> tuple[int, int] | None:
    """"Ryan said, “Sure. I get that, too.”": the quotation that opens right after the cue
    (past a comma), when the parser did not make it the cue's complement."""
    j = after + (after < len(doc) and doc[after].text == ",")
    if j >= len(doc) or doc[j].text not in DOUBLE_OPEN or (j > after and "\n" in doc[after].whitespace_):
        return None
    end = matching_close(doc, j)
    return (j, end) if end is not None and end > j + 2 else None


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
        if token.is_space and breaks_paragraph(token):
            open_at = None
            continue
        text = token.text
        symmetric = text in ('"', "''")
        if open_at is not None and text in closer and not (symmetric and _looks_opening(token)):
            inside.update(range(open_at + 1, token.i))
            open_at = None
        elif text in DOUBLE_OPEN and (not symmetric or _looks_opening(token)):
            open_at, closer = token.i, closer_of(text)
        if open_at is not None and breaks_paragraph(token) and token.i != open_at:
            open_at = None
    return inside
