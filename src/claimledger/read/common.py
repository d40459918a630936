"""Checks every reader shares: size limit, binary and encoding checks, metadata, the final Article."""
from __future__ import annotations

import datetime as dt
import os

from claimledger.errors import InputError, NotEnglishError
from claimledger.model import Article, Span
from claimledger.read.captions import find_captions
from claimledger.read.language import check_english, dominant_script

# Article texts above this size are rejected, not chunked.  A news article is
# 2-60 kB (a 15,000-word long read is ~90 kB); a 20 MB "article" is a dump or a
# book whose offsets, content hash and claims would not mean one article.  The
# bound is memory: spaCy's tok2vec needs ~18 MB of working memory per 1,000 words
# of one document (measured: +609 MB for a 200 kB, 33,700-word text), so 100 kB
# (~17,000 words) keeps an ingest under 1 GB.  Override with CLAIMLEDGER_MAX_BYTES.
DEFAULT_MAX_BYTES = 100_000
# Raw input may be larger than the text it holds: JSON escapes, and HTML markup,
# scripts and styles around the article.  Inputs above these multiples are not read.
RAW_FACTOR = {"text": 8, "html": 50}
METADATA_FIELDS = ("title", "source", "url", "published")

# Leading bytes of common binary formats, for a clearer message than "not UTF-8".
MAGIC = {
    b"%PDF": "a PDF file",
    b"PK\x03\x04": "a ZIP/Office file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip file",
    b"\x7fELF": "an executable",
    b"SQLite format 3": "an SQLite database",
}


def binary_kind(head: bytes) -> str | None:
    """What binary format the leading bytes show, or None for what may be text."""
    for magic, what in MAGIC.items():
        if head.startswith(magic):
            return what
    return "NUL bytes" if b"\x00" in head[:8192] else None


def max_bytes() -> int:
    raw = os.environ.get("CLAIMLEDGER_MAX_BYTES")
    if not raw:
        return DEFAULT_MAX_BYTES
    try:
        return int(raw)
    except ValueError:
        raise InputError(f"CLAIMLEDGER_MAX_BYTES must be a number of bytes, not {raw!r}") from None


def max_input_bytes(kind: str = "text") -> int:
    """The most raw bytes read for one article of this kind ("text" or "html")."""
    return max_bytes() * RAW_FACTOR[kind]


def _size(n_bytes: int) -> str:
    return f"{n_bytes / 1e6:.1f} MB" if n_bytes >= 1e6 else f"{n_bytes / 1e3:.0f} kB"


def check_input_size(n_bytes: int, kind: str = "text") -> None:
    """Refuse to read an input far larger than any article it could hold."""
    if n_bytes > max_input_bytes(kind):
        raise InputError(f"too large: {_size(n_bytes)} of input, over the {_size(max_input_bytes(kind))} "
                         f"read limit for one article (set CLAIMLEDGER_MAX_BYTES to raise the limit)")


def check_text_size(text: str) -> None:
    n_bytes, limit = len(text.encode("utf-8")), max_bytes()
    if n_bytes > limit:
        raise InputError(f"article text too long: {_size(n_bytes)}, over the {_size(limit)} limit "
                         f"(about {limit // 6:,} words; set CLAIMLEDGER_MAX_BYTES to raise it)")


def decode(raw: bytes) -> str:
    """UTF-8 text with Unix newlines, or InputError for empty, binary or mis-encoded bytes."""
    if not raw.strip():
        raise InputError("empty file")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("UTF-16 text: convert it to UTF-8 first")
    what = binary_kind(raw)
    if what:
        raise InputError(f"binary input ({what}): give claimledger text, HTML or JSONL")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"not valid UTF-8 (byte 0x{raw[err.start]:02x} at offset {err.start}): "
                         "convert it to UTF-8 first") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalise_published(value) -> str | None:
    """An ISO date or datetime string, or InputError."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text).isoformat()
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        raise InputError(f"published date {text!r} is not ISO 8601 (YYYY-MM-DD)") from None


def record_metadata(record: dict) -> dict:
    """title, source, url, published of a JSON record (``date`` stands for published, as in Wikinews dumps)."""
    meta = {k: record.get(k) for k in METADATA_FIELDS}
    if meta["published"] is None:
        meta["published"] = record.get("date")
    return meta


def make_article(text: str, meta: dict, path: str | None,
                 caption_spans: list[tuple[int, int]] = ()) -> Article:
    """Validate the text (non-empty, size, English), find captions, fill metadata.

    ``caption_spans``: captions the reader knows from the markup, beside those found by cues."""
    if not text.strip():
        raise InputError("no article text")
    check_text_size(text)
    language = _language(text)
    return Article(
        text=text,
        title=_clean(meta.get("title")),
        source=_clean(meta.get("source")),
        url=_clean(meta.get("url")),
        published=normalise_published(meta.get("published")),
        language=language,
        path=path,
        captions=_merge_captions(text, find_captions(text), caption_spans),
    )


UKRAINIAN_LETTERS = frozenset("ієїґІЄЇҐ")


def _language(text: str) -> str:
    """"en", or "ru" for Russian (Cyrillic, hardly any Ukrainian letters); else NotEnglishError.

    Stand-in until read/language.py names every language: the one place to replace.
    """
    try:
        return check_english(text)
    except NotEnglishError:
        sample = text[:20_000]
        ukrainian = sum(ch in UKRAINIAN_LETTERS for ch in sample)
        cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in sample)
        # Ukrainian prose: і, ї, є, ґ make about 6 % of its letters; a Russian article quoting Ukrainian names: ~1 %
        if dominant_script(sample)[0] == "CYRILLIC" and ukrainian <= 0.02 * cyrillic:
            return "ru"
        raise


def _merge_captions(text: str, found: list[Span], known: list[tuple[int, int]]) -> list[Span]:
    spans = {(c.start, c.end) for c in found} | set(known)
    return [Span(start, end, text[start:end]) for start, end in sorted(spans)]


def _clean(value) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None
