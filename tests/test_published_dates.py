"""Publication dates as news carries them, everywhere a date enters: one reader (read.published).

Before: `--published "Mon, 28 Apr 2025 09:00:00 GMT"` (and "April 28, 2025", even 2025-02-30) was stored as
the raw string, while the same values in front matter were rejected."""
from __future__ import annotations

import json
import sqlite3

import pytest
import spacy
from click.testing import CliRunner

from claimledger.cli import main
from claimledger.errors import InputError
from claimledger.ingest import ingest_paths
from claimledger.read import read_one
from claimledger.read.published import parse_published

from test_ingest_resume import article_text

READABLE = [
    # (as carried, stored)
    ("2025-04-28", "2025-04-28"),
    ("2025-04-28T09:00:00+02:00", "2025-04-28T07:00:00+00:00"),
    ("2025-04-28T09:00:00Z", "2025-04-28T09:00:00+00:00"),
    ("2025-04-28T09:00:00", "2025-04-28T09:00:00"),  # no zone written: none invented
    ("Mon, 28 Apr 2025 09:00:00 GMT", "2025-04-28T09:00:00+00:00"),  # RSS pubDate (RFC 822/2822)
    ("Mon, 28 Apr 2025 09:00:00 -0400", "2025-04-28T13:00:00+00:00"),
    ("28 Apr 2025 23:30:00 +0000", "2025-04-28T23:30:00+00:00"),
    ("28 April 2025", "2025-04-28"),
    ("April 28, 2025", "2025-04-28"),
    ("April 28, 2025 9:00 AM EDT", "2025-04-28T13:00:00+00:00"),
    ("April 28, 2025 9:00 PM EDT", "2025-04-29T01:00:00+00:00"),  # UTC may be the next day
    ("Monday, April 28, 2025 - 14:05 CEST", "2025-04-28T12:05:00+00:00"),
    ("  2025-04-28  ", "2025-04-28"),
]

UNREADABLE = ["2025-02-30", "2025-13-01", "Mon, 30 Feb 2025 09:00:00 GMT", "30 February 2025", "yesterday",
              "last Monday", "April 2025", "soon", "2025-04-28T25:00:00"]


@pytest.mark.parametrize("text,stored", READABLE)
def test_dates_as_news_carries_them(text, stored):
    assert parse_published(text) == (stored, text.strip())


@pytest.mark.parametrize("text", UNREADABLE)
def test_unreadable_or_impossible_date_is_one_line_quoting_it(text):
    with pytest.raises(InputError) as info:
        parse_published(text)
    message = str(info.value)
    assert repr(text) in message and "\n" not in message and len(message) < 200


@pytest.mark.parametrize("value", [None, "", "   "])
def test_no_date(value):
    assert parse_published(value) == (None, None)


BODY = "The minister said on Monday that the talks in Geneva had ended without an agreement, officials said."
WRITTEN = "April 28, 2025 9:00 AM EDT"
STORED = "2025-04-28T13:00:00+00:00"


def _front_matter(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"---\npublished: {WRITTEN}\n---\n{BODY}", encoding="utf-8")
    return str(path)


def _sidecar(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(BODY, encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"published": WRITTEN}), encoding="utf-8")
    return str(path)


def _jsonl(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": BODY, "date": WRITTEN}) + "\n", encoding="utf-8")
    return f"{path}:1"


def _html(tmp_path):
    path = tmp_path / "a.html"
    path.write_text(f'<html><head><meta property="article:published_time" content="{WRITTEN}"><title>T</title>'
                    f"</head><body><article><p>{BODY} {BODY}</p></article></body></html>", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("make", [_front_matter, _sidecar, _jsonl, _html])
def test_every_reader_reads_the_same_dates(tmp_path, make):
    article = read_one(make(tmp_path))
    assert (article.published, article.published_original) == (STORED, WRITTEN)


@pytest.mark.parametrize("make", [_front_matter, _sidecar, _jsonl])
def test_an_impossible_date_in_metadata_is_an_error_quoting_it(tmp_path, make):
    path = make(tmp_path)
    for name in ("a.txt", "a.json", "a.jsonl"):
        target = tmp_path / name
        if target.exists():
            target.write_text(target.read_text(encoding="utf-8").replace(WRITTEN, "2025-02-30"), encoding="utf-8")
    with pytest.raises(InputError, match="'2025-02-30'"):
        read_one(path)


@pytest.fixture(scope="module")
def blank_nlp():
    return spacy.blank("en")


def test_ingest_stores_utc_and_the_original(tmp_path, blank_nlp):
    (tmp_path / "a.txt").write_text(article_text(1), encoding="utf-8")
    db = tmp_path / "l.db"
    report = ingest_paths([str(tmp_path / "a.txt")], str(db), published="Mon, 28 Apr 2025 09:00:00 -0400",
                          progress=False, nlp=blank_nlp)
    assert report.added == 1
    row = sqlite3.connect(db).execute("SELECT published, published_original FROM articles").fetchone()
    assert row == ("2025-04-28T13:00:00+00:00", "Mon, 28 Apr 2025 09:00:00 -0400")


@pytest.mark.parametrize("command", ["ingest", "analyze"])
def test_cli_published_is_checked_before_anything_is_stored(tmp_path, command):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    db = tmp_path / "l.db"
    args = [command, str(tmp_path / "a.txt"), "--published", "2025-02-30"] + (["--db", str(db)] if command == "ingest" else [])
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and "'2025-02-30'" in result.output and "Traceback" not in result.output
    assert not db.exists()  # nothing stored, no ledger made


def test_published_help_names_the_formats():
    result = CliRunner().invoke(main, ["ingest", "--help"])
    assert "RFC 2822" in result.output and "ISO 8601" in result.output
