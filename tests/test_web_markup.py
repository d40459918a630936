"""Highlight markup and page JSON: untrusted text comes out escaped, marks never break nesting."""
from __future__ import annotations

import json

import pytest

from claimledger.web.markup import Mark, highlight, json_for_script, sentence_window

HIGHLIGHT_CASES = [
    # (text, marks, expected html)
    ("Kyiv denied it", [Mark(0, 4, "speaker"), Mark(5, 11, "cue")],
     '<mark class="hl hl-speaker" data-kinds="speaker">Kyiv</mark> '
     '<mark class="hl hl-cue" data-kinds="cue">denied</mark> it'),
    ("a <b> c", [Mark(2, 5, "content")], 'a <mark class="hl hl-content" data-kinds="content">&lt;b&gt;</mark> c'),
    ("<script>x</script>", [], "&lt;script&gt;x&lt;/script&gt;"),
    # overlapping marks are cut at every boundary; each piece carries all covering kinds
    ("abcdef", [Mark(0, 4, "content"), Mark(2, 6, "place")],
     '<mark class="hl hl-content" data-kinds="content">ab</mark>'
     '<mark class="hl hl-content hl-place" data-kinds="content place">cd</mark>'
     '<mark class="hl hl-place" data-kinds="place">ef</mark>'),
    # bad offsets and unknown kinds are dropped, not echoed
    ("abc", [Mark(2, 9, "cue"), Mark(-1, 2, "cue"), Mark(0, 1, 'x" onclick="y')], "abc"),
    # labels are attribute-escaped
    ("ab", [Mark(0, 2, "actor", '"><img src=x onerror=alert(1)>')],
     '<mark class="hl hl-actor" data-kinds="actor" title="&#34;&gt;&lt;img src=x onerror=alert(1)&gt;">ab</mark>'),
]


@pytest.mark.parametrize("text,marks,expected", HIGHLIGHT_CASES)
def test_highlight(text, marks, expected):
    assert str(highlight(text, marks)) == expected


def test_highlight_window_clips_marks_and_places_anchors():
    text = "one. Two said three. four"
    html = str(highlight(text, [Mark(5, 8, "speaker"), Mark(0, 25, "content")], 5, 20, anchors={5: ['st-"1']}))
    assert html.startswith('<span class="anchor" id="st-&#34;1"></span>')
    assert "one." not in html and "four" not in html
    assert '<mark class="hl hl-speaker hl-content" data-kinds="speaker content">Two</mark>' in html


WINDOW_CASES = [
    # (text, span, expected window text)
    ("first line\nKyiv denied it.\nlast", (11, 15), "Kyiv denied it."),
    ("no newline at all", (3, 5), "no newline at all"),
]


@pytest.mark.parametrize("text,span,expected", WINDOW_CASES)
def test_sentence_window(text, span, expected):
    start, end = sentence_window(text, *span)
    assert text[start:end] == expected


JSON_CASES = [
    "</script><script>alert(1)</script>",
    "<!-- <script>",
    "a & b > c",
    "line\u2028separator\u2029",
]


@pytest.mark.parametrize("value", JSON_CASES)
def test_json_for_script_cannot_close_the_element(value):
    raw = str(json_for_script({"name": value}))
    assert "<" not in raw and ">" not in raw and "&" not in raw and "\u2028" not in raw
    assert json.loads(raw) == {"name": value}


CUT_CASES = [
    # (text, span, limit, open_left, open_right, expected window text)
    ("alpha beta gamma delta", (11, 16), 7, False, False, "beta gamma delta"),
    ("pha beta gamma del", (9, 14), 40, True, True, "beta gamma"),
]


@pytest.mark.parametrize("text,span,limit,open_left,open_right,expected", CUT_CASES)
def test_sentence_window_never_cuts_a_word(text, span, limit, open_left, open_right, expected):
    start, end = sentence_window(text, *span, limit=limit, open_left=open_left, open_right=open_right)
    assert text[start:end] == expected
