"""The outlet's own voice: its headline and the lede's unattributed main assertion.

An article that reports a claim in its own words ("North Korea has sent troops to Russia",
stated without a source) is itself a source for it.  Such a sentence becomes a Statement of
kind ``outlet`` with stance ``assert``; its speaker is the outlet (Article.source, else the
URL's host, else "the outlet", put on the Doc as ``doc._.source`` by analysis.prepare_doc).
The speaker is not in the text, so its offsets are None; the cue is empty, at the content.

- The headline is Article.title where the text holds it, else the first line when it reads as
  a title: a line of its own, before more text, of a few words, with a verb, not ending as a
  sentence or a question does.
- The lede is the first sentence of the body long enough to be one (bylines and datelines are
  shorter; a leading dateline "SEOUL (Reuters) -" is cut off).  It is the outlet's assertion
  only when it is a clause (proposition.is_clause), not a question, and no statement found by
  attribution has its cue there: "Kim had surgery, So said" is So's, which the outlet relays.
"""
from __future__ import annotations

from urllib.parse import urlparse

from spacy.tokens import Doc, Span

from claimledger.model import Speaker, Statement, content_hash, stable_id
from claimledger.pipeline.attribution.layout import first_line_end
from claimledger.pipeline.claims.proposition import is_clause, stands_alone, trimmed
from claimledger.pipeline.claims.vocabulary import vocabulary
from claimledger.stances import hedge_words

OUTLET_KIND = "outlet"
DEFAULT_OUTLET = "the outlet"
DASHES = ("-", "--", "—", "–")


def outlet_name(source: str | None, url: str | None) -> str | None:
    """Who speaks in the article's own voice: its source, else its URL's host (without www.)."""
    if source and source.strip():
        return source.strip()
    host = urlparse(url).hostname if url else None
    if host:
        return host[4:] if host.startswith("www.") else host
    return None


def outlet_statements(doc: Doc, statements: list[Statement]) -> list[Statement]:
    """The headline's and the lede's statements by the outlet (none where attribution has one)."""
    out = []
    headline = headline_span(doc)
    body_from = 0
    if headline is not None:
        body_from = headline.end
        if _assertion(headline, statements, headline=True):
            out.append(_statement(doc, headline))
    lede = lede_span(doc, max(body_from, _first_line_after_title(doc)))
    if lede is not None and _assertion(lede, statements, headline=False):
        out.append(_statement(doc, lede))
    return out


def _first_line_after_title(doc: Doc) -> int:
    """With no headline found, a title-like first line (no verb) is still not the lede."""
    end = first_line_end(doc)
    return end if end < len(doc) and _title_like(doc[:end]) else 0


def _words(span: Span) -> list:
    return [t for t in span if not (t.is_punct or t.is_space)]


def _title_like(line: Span) -> bool:
    limits = vocabulary()["outlet"]
    last = [t for t in line if not t.is_space]
    return bool(last) and 3 <= len(_words(line)) <= limits["headline_max_words"] \
        and last[-1].text not in (".", "?", "!", ":", ";", ",")


def headline_span(doc: Doc) -> Span | None:
    title = (doc._.title or "").strip()
    if title:
        at = doc.text.find(title)
        if at < 0 or at > vocabulary()["outlet"]["title_within_chars"]:
            return None
        span = doc.char_span(at, at + len(title), alignment_mode="expand")
        return trimmed(doc, span.start, span.end) if span is not None else None
    end = first_line_end(doc)
    if end >= len(doc):  # one paragraph: no headline
        return None
    line = trimmed(doc, 0, end)
    if line is None or not _title_like(doc[:end]) or not any(t.pos_ in ("VERB", "AUX") for t in line):
        return None
    return line


def lede_span(doc: Doc, start: int) -> Span | None:
    limits = vocabulary()["outlet"]
    captions = doc._.captions or []
    for sent in doc.sents:
        if sent.end <= start or any(s <= sent.start_char < e for s, e in captions):
            continue
        first = max(sent.start, start)
        if len(_words(doc[first:sent.end])) < limits["lede_min_words"]:
            continue
        for tok in doc[first:min(sent.end, first + limits["dateline_max_tokens"])]:
            before = doc[first:tok.i]
            spaced = tok.i > first and bool(doc[tok.i - 1].whitespace_) and bool(tok.whitespace_)
            if tok.text in DASHES and spaced and any(t.pos_ == "PROPN" for t in before) \
                    and all(t.pos_ == "PROPN" or t.is_punct or t.like_num or t.is_upper for t in before):
                first = tok.i + 1
                break
        return trimmed(doc, first, sent.end)
    return None


def _assertion(span: Span, statements: list[Statement], headline: bool) -> bool:
    if span.text.rstrip().endswith("?"):
        return False
    if any(span.start_char <= st.cue["start"] < span.end_char for st in statements):
        return False  # attributed: the outlet relays someone else's statement
    return headline or is_clause(span.root, span) and stands_alone(span.doc, span)


def _statement(doc: Doc, span: Span) -> Statement:
    doc_id = doc._.article_id or content_hash(doc.text)
    name = doc._.source or DEFAULT_OUTLET
    hedges = hedge_words()
    root = span.root
    published = doc._.published
    return Statement(
        id=stable_id(doc_id, OUTLET_KIND, span.start_char),
        speaker=Speaker(name=name, entity_id=None, country=None, start=None, end=None),
        cue={"text": "", "lemma": "", "start": span.start_char, "end": span.start_char},
        content={"text": span.text, "start": span.start_char, "end": span.end_char},
        kind=OUTLET_KIND,
        stance="assert",
        date={"value": published[:10], "precision": "day"} if published and len(published) >= 10 else None,
        hedges=list(dict.fromkeys(t.lower_ for t in span if t.lower_ in hedges and t.head.i == root.i)),
        negated=any(c.dep_ == "neg" for c in root.children),
    )
