"""HTML articles: main text and metadata through trafilatura.

trafilatura keeps only the day of publication, so the full
``article:published_time`` (and a few common equivalents) is read from the
``<meta>`` tags here.  It also drops ``<figcaption>``s; those of the article
are appended after the body, one a line, and recorded as captions (kept
apart from the body, still analysed).
"""
from __future__ import annotations

import lxml.etree
import lxml.html

from claimledger.errors import InputError
from claimledger.model import Article
from claimledger.read.common import decode, make_article, normalise_published

# Fewer words than this in the extracted main text means a page without an article
# (a menu, a cookie wall, a script shell): trafilatura then returns boilerplate.
MIN_ARTICLE_WORDS = 20
MAX_FIGURE_CAPTIONS = 20
PUBLISHED_META = {k.lower() for k in ("article:published_time", "og:published_time", "datePublished", "pubdate",
                                       "publishdate", "dc.date.issued", "dcterms.created")}


def parse_tree(html: str):
    try:
        return lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None


def published_time(tree) -> str | None:
    """The first parseable publication datetime in the page's meta tags, as written (make_article reads it)."""
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in PUBLISHED_META and meta.get("content"):
            try:
                normalise_published(meta.get("content"))
            except InputError:
                continue
            return meta.get("content").strip()
    return None


def figure_captions(tree) -> list[str]:
    """Figure captions of the article (inside <article> or <main> when the page has one)."""
    scope = next(iter(tree.xpath("//article | //main")), tree)
    captions = []
    for node in scope.iter("figcaption"):
        text = " ".join(node.text_content().split())
        if text and text not in captions:
            captions.append(text)
    return captions[:MAX_FIGURE_CAPTIONS]


def read_html(raw: bytes, path: str | None) -> Article:
    import trafilatura  # slow to import: only when HTML is read

    html = decode(raw)
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(body.split()) < MIN_ARTICLE_WORDS:
        raise InputError(f"no article text found in the HTML ({len(body.split())} words of main text)")
    tree = parse_tree(html)
    text, spans = body, []
    for caption in (figure_captions(tree) if tree is not None else []):
        if caption not in body:
            start = len(text) + 1
            text += "\n" + caption
            spans.append((start, len(text)))
    meta = {
        "title": doc.title,
        "source": doc.sitename,
        "url": doc.url,
        "published": (published_time(tree) if tree is not None else None) or doc.date,
    }
    return make_article(text, meta, path, caption_spans=spans)
