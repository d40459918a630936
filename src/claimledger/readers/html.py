"""HTML articles: main text and metadata through trafilatura.

trafilatura keeps only the day of publication, so the full
``article:published_time`` (and a few common equivalents) is read from the
``<meta>`` tags here.
"""
from __future__ import annotations

import lxml.html

from ..errors import InputError
from ..model import Article
from .common import decode, make_article, normalise_published

# Fewer words than this in the extracted main text means a page without an article
# (a menu, a cookie wall, a script shell): trafilatura then returns boilerplate.
MIN_ARTICLE_WORDS = 20
PUBLISHED_META = ("article:published_time", "og:published_time", "datePublished", "pubdate",
                  "publishdate", "dc.date.issued", "dcterms.created")


def published_time(html: str) -> str | None:
    """The first parseable publication datetime in the page's meta tags."""
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip()
        if key.lower() in {k.lower() for k in PUBLISHED_META} and meta.get("content"):
            try:
                return normalise_published(meta.get("content"))
            except InputError:
                continue
    return None


def read_html(raw: bytes, path: str | None) -> Article:
    import trafilatura  # slow to import: only when HTML is read

    html = decode(raw)
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(text.split()) < MIN_ARTICLE_WORDS:
        raise InputError(f"no article text found in the HTML ({len(text.split())} words of main text)")
    meta = {
        "title": doc.title,
        "source": doc.sitename,
        "url": doc.url,
        "published": published_time(html) or doc.date,
    }
    return make_article(text, meta, path)
