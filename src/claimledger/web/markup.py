"""Safe HTML for untrusted article text: highlighted spans and JSON for pages.

Every string that comes from an article is untrusted.  Highlight markup is
built here by escaping each text segment with ``markupsafe.escape`` and
wrapping it in tags whose class names come from a fixed set, so templates can
print the result without ever applying ``|safe`` to article text.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from markupsafe import Markup, escape

# The only kinds of mark the pages draw; a kind outside this set is dropped, never echoed as a class.
MARK_KINDS = ("speaker", "cue", "content", "actor", "place", "date", "quantity")


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str
    label: str | None = None  # tooltip (escaped on output)


def _valid(mark: Mark, length: int) -> bool:
    return (mark.kind in MARK_KINDS and isinstance(mark.start, int) and isinstance(mark.end, int)
            and 0 <= mark.start < mark.end <= length)


def highlight(text: str | None, marks: list[Mark], start: int = 0, end: int | None = None,
              anchors: dict[int, list[str]] | None = None) -> Markup:
    """``text[start:end]`` as HTML with each mark wrapped in ``<mark class="hl hl-KIND">``.

    Overlapping marks are drawn by cutting the text at every mark boundary: each
    piece carries the classes of all marks that cover it, so nesting never breaks.
    Offsets are into the whole text; marks outside the window are clipped.
    ``anchors`` maps offsets to lists of element ids, placed as empty spans (links jump there).
    """
    text = text or ""
    end = len(text) if end is None else min(end, len(text))
    start = max(0, min(start, end))
    usable = [m for m in marks if _valid(m, len(text)) and m.end > start and m.start < end]
    places = {}
    for offset, names in (anchors or {}).items():
        if isinstance(offset, int) and start <= offset < end:
            places[offset] = list(names)
    cuts = sorted({start, end, *places, *(max(start, m.start) for m in usable), *(min(end, m.end) for m in usable)})
    out: list[str] = []
    for left, right in zip(cuts, cuts[1:]):
        for name in places.pop(left, []):
            out.append(f'<span class="anchor" id="{escape(name)}"></span>')
        covering = [m for m in usable if m.start <= left and m.end >= right]
        out.append(_piece(text[left:right], covering))
    return Markup("".join(out))


def _piece(segment: str, covering: list[Mark]) -> str:
    if not covering:
        return str(escape(segment))
    kinds = sorted({m.kind for m in covering}, key=MARK_KINDS.index)
    classes = " ".join(f"hl-{k}" for k in kinds)
    labels = [m.label for m in covering if m.label]
    title = f' title="{escape(" · ".join(dict.fromkeys(labels)))}"' if labels else ""
    return f'<mark class="hl {classes}" data-kinds="{" ".join(kinds)}"{title}>{escape(segment)}</mark>'


def sentence_window(text: str, start: int, end: int, limit: int = 400,
                    open_left: bool = False, open_right: bool = False) -> tuple[int, int]:
    """The stretch of text to show around ``[start, end)``: out to the enclosing line, at most
    ``limit`` characters either side, never starting or ending inside a word.

    ``open_left`` / ``open_right`` say that ``text`` is itself a slice cut from a longer text at
    that side, so its edge is no line boundary.  Display only: the text is not parsed here."""
    text = text or ""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right < 0 else right
    lo, hi = max(left, start - limit), min(right, end + limit)
    if lo > left or (lo == 0 and open_left):
        space = text.find(" ", lo, start)
        lo = space + 1 if space >= 0 else lo
    if hi < right or (hi == len(text) and open_right):
        space = text.rfind(" ", end, hi)
        hi = space if space >= 0 else hi
    return lo, hi


def json_for_script(value) -> Markup:
    """JSON that can sit inside ``<script type="application/json">``: ``<``, ``>``, ``&`` and the
    JavaScript line separators are written as \\u escapes, so no string can close the element."""
    raw = json.dumps(value, ensure_ascii=False, default=str)
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                       ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        raw = raw.replace(char, code)
    return Markup(raw)
