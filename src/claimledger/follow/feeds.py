"""Feeds for ``follow``: RSS, Atom and JSON Feed read with feedparser; each entry's article built from
its link's full text (trafilatura, as ``read.html`` does) or, where the page cannot be had, from the
entry's own content.

An entry is known by its GUID (the feed's id, else its link), its canonical URL (scheme and host
lower-cased, fragment and tracking parameters dropped) and, once read, its text hash (the article id).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from claimledger.errors import InputError
from claimledger.read.published import parse_published as read_published
from claimledger.model import Article

TRACKING = re.compile(r"^(utm_|fbclid$|gclid$|mc_cid$|mc_eid$|ocid$|cmpid$)", re.I)
BLOCK_END = re.compile(r"(?i)(</(p|div|h[1-6]|li|blockquote|tr|section|article)>|<br\s*/?>)")


@dataclass
class FeedEntry:
    guid: str
    link: str | None  # canonical URL (or local path) of the full text
    title: str | None
    published: str | None  # ISO 8601 UTC, or None
    source: str | None  # the outlet: the entry's own source, else the feed's title
    content: str  # the entry's own text (HTML or plain), the fallback when the link cannot be read
    date_error: str | None = None


def parse_published(text: str | None) -> str | None:
    """A feed's date (RFC 822/2822 as RSS carries it, ISO 8601 as Atom does) as the ledger stores dates
    (read.published: UTC, a day alone stays a day); None when empty; InputError quoting the text otherwise."""
    if not text or not text.strip():
        return None
    return read_published(text)[0]


def canonical_url(url: str | None) -> str | None:
    """The URL with scheme and host lower-cased, default port, fragment and tracking parameters dropped."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        return url.strip()
    host = parts.netloc.lower()
    if (parts.scheme == "http" and host.endswith(":80")) or (parts.scheme == "https" and host.endswith(":443")):
        host = host.rsplit(":", 1)[0]
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING.match(k)])
    return urlunsplit((parts.scheme.lower(), host, parts.path or "/", query, ""))


def parse_feed(raw: bytes, base: str | None = None) -> tuple[str | None, list[FeedEntry]]:
    """(feed title, entries) of an RSS/Atom/JSON feed; InputError when it is not a feed at all."""
    if raw.lstrip()[:1] == b"{":
        return _json_feed(raw, base)
    import feedparser  # a core dependency, imported only when a feed is read
    headers = {"content-location": base} if base and base.startswith(("http://", "https://")) else None
    parsed = feedparser.parse(raw, response_headers=headers) if headers else feedparser.parse(raw)
    if parsed.bozo and not parsed.entries:
        reason = str(getattr(parsed, "bozo_exception", "")).splitlines()[0:1] or ["not a feed"]
        raise InputError(f"not a readable feed: {reason[0]}")
    title = parsed.feed.get("title")
    return title, [_entry(e, title, base) for e in parsed.entries]


def _json_feed(raw: bytes, base: str | None) -> tuple[str | None, list[FeedEntry]]:
    """A JSON Feed (jsonfeed.org, 1.0 and 1.1), which feedparser 6.0 does not read: its items as entries in
    feedparser's names, so they go through the same ``_entry``."""
    import json

    try:
        feed = json.loads(raw)
    except ValueError as err:
        raise InputError(f"not a readable feed: not valid JSON ({err})") from None
    if not isinstance(feed, dict) or not isinstance(feed.get("items"), list) or \
            "jsonfeed.org" not in str(feed.get("version", "")):
        raise InputError("not a readable feed: JSON without a JSON Feed version and items")
    title = feed.get("title")
    entries = []
    for item in feed["items"]:
        if not isinstance(item, dict):
            continue
        html, text = item.get("content_html"), item.get("content_text")
        e = {"id": item.get("id"), "link": item.get("url") or item.get("external_url"), "title": item.get("title"),
             "published": item.get("date_published"), "updated": item.get("date_modified"),
             "content": [{"value": html or text or ""}], "summary": item.get("summary")}
        entries.append(_entry(e, title, base))
    return title, entries


def _entry(e, feed_title: str | None, base: str | None) -> FeedEntry:
    link = e.get("link")
    if link and base and not urlsplit(link).scheme and base and not base.startswith(("http://", "https://")):
        link = str((Path(base).parent / unquote(link)).resolve())  # a local feed's relative link: beside the feed
    link = canonical_url(link)
    content = ""
    if e.get("content"):
        content = max((c.get("value") or "" for c in e["content"]), key=len)
    content = content or e.get("summary") or ""
    guid = e.get("id") or link or "sha256:" + hashlib.sha256(
        f"{e.get('title')}\n{content}".encode()).hexdigest()[:32]
    raw_date = e.get("published") or e.get("updated")
    try:
        published, date_error = parse_published(raw_date), None
    except InputError as err:
        published, date_error = None, str(err)
    source = (e.get("source") or {}).get("title") or feed_title
    return FeedEntry(guid=guid, link=link, title=e.get("title"), published=published, source=source,
                     content=content, date_error=date_error)


def html_to_text(html: str) -> str:
    """Paragraphs of an entry's HTML content as plain text (blocks become lines)."""
    if "<" not in html:
        return html.strip()
    import lxml.html

    marked = BLOCK_END.sub(lambda m: m.group(0) + "\n", html)
    try:
        text = lxml.html.fromstring(f"<div>{marked}</div>").text_content()
    except Exception:  # noqa: BLE001 - not parseable as HTML: the text as it is
        text = re.sub(r"<[^>]+>", " ", html)
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def article_from_page(raw: bytes, content_type: str, entry: FeedEntry) -> Article:
    """The article a fetched page (HTML, or plain text) holds, with the entry's metadata where it has none."""
    from claimledger.read.html import read_html
    from claimledger.read.txt import read_txt

    label = entry.link or entry.guid
    article = read_txt(raw, label) if content_type == "text/plain" or (
        not content_type and Path(label).suffix.lower() in (".txt", ".md")) else read_html(raw, label)
    return with_entry_metadata(article, entry)


def article_from_entry(entry: FeedEntry) -> Article:
    """The article of the entry's own content (when its page cannot be fetched)."""
    from claimledger.read.common import make_article

    text = html_to_text(entry.content)
    if entry.title and not text.startswith(entry.title):
        text = f"{entry.title}\n\n{text}" if text else ""
    return make_article(text, {"title": entry.title, "source": entry.source, "url": entry.link,
                               "published": entry.published}, entry.link or entry.guid)


def with_entry_metadata(article: Article, entry: FeedEntry) -> Article:
    article.title = article.title or entry.title
    article.source = article.source or entry.source
    article.url = entry.link if entry.link and entry.link.startswith(("http://", "https://")) else article.url
    article.published = article.published or entry.published  # as ingest: the article's own date first
    return article


def local_path(link: str | None) -> Path | None:
    """The file a link names when it is a local path or file:// URL, else None."""
    if not link:
        return None
    parts = urlsplit(link)
    if parts.scheme == "file":
        return Path(unquote(parts.path))
    if not parts.scheme or len(parts.scheme) == 1:  # a path (or a Windows drive letter)
        return Path(link)
    return None
