"""The frictions a new user met (issue: follow a story), one test each; each failed before its fix."""
from __future__ import annotations

import asyncio
import hashlib
import io
import json
import re

import pytest
from rich.console import Console

from claimledger.cli import main
from claimledger.output.report import print_rows
from claimledger.read import read_one


BODY = "The minister said on Monday that the talks in Geneva had ended without an agreement, officials said."


# -- sidecars: `analyze kursk.txt --json > kursk.json` must not break kursk.txt ---------------------------

OUTPUT_SHAPED = json.dumps({"article": {"id": "x", "title": None, "published": None}, "entities": [],
                            "statements": [], "claims": [], "places": [], "dates": [], "quantities": []})


@pytest.mark.parametrize("sidecar", ["", "  \n", OUTPUT_SHAPED, "[]"])
def test_empty_or_output_shaped_sidecar_does_not_break_its_article(tmp_path, sidecar):
    (tmp_path / "kursk.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "kursk.json").write_text(sidecar, encoding="utf-8")
    article = read_one(str(tmp_path / "kursk.txt"))
    assert article.text == BODY and article.title is None


def test_a_real_sidecar_with_a_bad_date_is_still_an_error(tmp_path):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"published": "2025-02-30"}), encoding="utf-8")
    with pytest.raises(Exception, match="2025-02-30"):
        read_one(str(tmp_path / "a.txt"))


# -- tables piped or in 80 columns ------------------------------------------------------------------------

ROWS = [{"id": f"s{i}", "article_id": "3f9a2b7c1d4e5f60", "speaker": "Government of the Russian Federation",
         "via": "Interfax", "cue": "announced", "stance": "assert", "date": "2025-04-26",
         "content": "that the Russian military had expelled Ukrainian soldiers from the final border village"}
        for i in range(20)]
COLUMNS = ["id", "article_id", "speaker", "via", "cue", "stance", "date", "content"]


@pytest.mark.parametrize("width", [80, 60])
def test_a_listing_in_80_columns_keeps_words_whole(width):
    buf = io.StringIO()
    print_rows(ROWS, COLUMNS, "Statements", Console(file=buf, width=width, force_terminal=False))
    out = buf.getvalue()
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= width
    assert out.count("Government of the Russian Federation") == 20  # names not broken mid-word
    assert len(lines) < 20 * (len(COLUMNS) + 3)  # before: 4,349 lines for 227 statements (19 a statement)


def test_a_wide_console_still_gets_a_table():
    buf = io.StringIO()
    print_rows(ROWS, COLUMNS, "Statements", Console(file=buf, width=220))
    assert "┃ id" in buf.getvalue() or "│ s0" in buf.getvalue()


# -- --db that is no ledger --------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [["ingest", "{text}"], ["statements"], ["claims"], ["entities"], ["timeline"],
                                     ["export"], ["claim", "abc"], ["serve"]])
@pytest.mark.parametrize("db,words", [("/etc/passwd", "not a claimledger ledger"),
                                      ("/nonexistent/dir/x.db", "/nonexistent/dir")])
def test_a_db_that_is_no_ledger_is_one_line(runner, tmp_path, monkeypatch, command, db, words):
    import claimledger.web.server

    def never(*args, **kwargs):  # had serve got past the check, the test would fail here, not hang
        raise AssertionError("serve started on a file that is no ledger")
    monkeypatch.setattr(claimledger.web.server, "serve", never)
    text = tmp_path / "a.txt"
    text.write_text(BODY, encoding="utf-8")
    args = [a.format(text=text) for a in command] + ["--db", db]
    result = runner.invoke(main, args)
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert words in result.output and result.output.strip().count("\n") == 0, result.output


def test_a_read_command_never_writes(runner, tmp_path, ledger_db):
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    result = runner.invoke(main, ["claims", "--db", str(empty)])
    assert result.exit_code == 1 and "not a claimledger ledger" in result.output
    assert empty.read_bytes() == b""  # before: 17 tables created in it
    before = hashlib.sha256(open(ledger_db, "rb").read()).hexdigest()
    for command in (["statements"], ["entities"], ["statements", "--json"]):
        assert runner.invoke(main, command + ["--db", ledger_db]).exit_code == 0
    assert hashlib.sha256(open(ledger_db, "rb").read()).hexdigest() == before


def test_a_missing_ledger_is_one_line_and_not_created(runner, tmp_path):
    result = runner.invoke(main, ["statements", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "no ledger at" in result.output
    assert not (tmp_path / "none.db").exists()


# -- `claim` with an ambiguous prefix ------------------------------------------------------------------------

def test_an_ambiguous_claim_prefix_is_said_and_lists_the_matches(runner, ledger_db):
    import sqlite3
    assert runner.invoke(main, ["claims", "--db", ledger_db]).exit_code == 0  # reconciled
    conn = sqlite3.connect(ledger_db)
    [(real,)] = conn.execute("SELECT id FROM ledger_claims").fetchall()
    twin = real[:3] + "zz"  # a second claim sharing the first three characters
    conn.execute("INSERT INTO ledger_claims (id, text, status) SELECT ?, text, status FROM ledger_claims", [twin])
    conn.commit()
    conn.close()
    result = runner.invoke(main, ["claim", real[:3], "--db", ledger_db])
    assert result.exit_code == 1 and "is ambiguous" in result.output
    assert real in result.output and twin in result.output
    assert "is ambiguous" not in runner.invoke(main, ["claim", "nothing-like-it", "--db", ledger_db]).output


# -- --help gaps ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("command,option,words", [
    (["ingest"], "--published", "RFC 2822"),
    (["analyze"], "--published", "ISO 8601"),
    (["claims"], "--status", "status"),
    (["export"], "--status", "status"),
    (["serve"], "--port", "Port"),
    (["export"], "--output", "standard output"),
    (["eval", "polnear"], "--json", "JSON"),
    (["eval", "timex"], "--json", "JSON"),
])
def test_every_option_is_documented(runner, command, option, words):
    text = " ".join(runner.invoke(main, command + ["--help"]).output.split())
    described = re.search(re.escape(option) + r"\S*(?: [A-Z\[\]|.-]+)?\s+(.*?)(?= -{1,2}[a-z]|$)", text)
    assert described and words in described.group(1), text


# -- the explorer: malformed URLs and refused writes answer 404/405 quietly; CSP everywhere -----------------------

@pytest.fixture()
def datasette(ledger_db):
    pytest.importorskip("datasette")
    from claimledger.web.server import make_datasette
    return make_datasette(ledger_db)


@pytest.mark.parametrize("method,path,status", [
    ("get", "/-/ledger/article/1.5", 404),
    ("get", "/-/ledger/claim/~22", 404),
    ("get", "/no/such/page", 404),
    ("get", "/l/articles/nope", 404),
    ("post", "/l/articles", 405),
    ("post", "/l/articles/-/insert", 404),
])
def test_bad_urls_answer_quietly(datasette, capfd, method, path, status):
    response = asyncio.run(getattr(datasette.client, method)(path))
    assert response.status_code == status
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err and len((out + err).splitlines()) < 3


@pytest.mark.parametrize("path", ["/l/articles", "/l/statements", "/l", "/"])
def test_datasette_pages_carry_the_ledger_csp(datasette, path):
    response = asyncio.run(datasette.client.get(path))
    assert response.status_code == 200
    policy = dict(part.strip().split(" ", 1) for part in response.headers["content-security-policy"].split(";"))
    assert policy["script-src"].startswith("'self' 'sha256-") and "unsafe" not in policy["script-src"]
