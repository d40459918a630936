"""JSON Lines: one article a line, streamed.

Each line is an object with ``text`` and optional ``title``, ``source``,
``url``, ``published`` (or ``date``, as in the Wikinews corpus).  A bad line
is reported with its label ``file.jsonl:LINE`` and the other lines go on.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from claimledger.errors import InputError
from claimledger.model import Article
from claimledger.read.common import check_input_size, make_article, record_metadata


def article_from_record(record, label: str) -> Article:
    if not isinstance(record, dict):
        raise InputError("expected a JSON object with a 'text' field")
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError("no 'text' field (a string) in this record")
    return make_article(text, record_metadata(record), label)


def parse_line(raw: bytes, label: str) -> Article:
    check_input_size(len(raw))
    try:
        line = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"not valid UTF-8 (byte 0x{raw[err.start]:02x} at column {err.start + 1})") from None
    try:
        record = json.loads(line)
    except ValueError as err:
        raise InputError(f"not valid JSON: {err}") from None
    return article_from_record(record, label)


def iter_jsonl(lines: Iterable[bytes], name: str) -> Iterator[tuple[str, Article | InputError]]:
    """(``name:LINE``, Article or InputError) for each non-blank line."""
    seen_any = False
    for lineno, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        seen_any = True
        label = f"{name}:{lineno}"
        try:
            yield label, parse_line(raw, label)
        except InputError as err:
            yield label, err
    if not seen_any:
        yield name, InputError("empty file")
