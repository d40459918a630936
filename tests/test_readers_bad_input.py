"""Bad input: each gives one clear one-line InputError, and a batch goes on past it."""
from __future__ import annotations

import json

import pytest

from claimledger.errors import InputError, NotEnglishError, UnsupportedLanguageError
from claimledger.read import iter_articles, read_one

GOOD = "The minister said on Monday that the talks had ended without an agreement between the two sides.\n"
GERMAN = ("Die Bundesregierung hat am Montag bestätigt, dass die Gespräche ohne eine Einigung beendet wurden. "
          "Ein Sprecher sagte, man werde sich im nächsten Monat wieder treffen, um die Verhandlungen fortzusetzen.")


def twenty_megabytes() -> bytes:
    return (GOOD * (20_000_000 // len(GOOD) + 1)).encode("utf-8")


# (file name, bytes, words the one-line message must contain)
BAD_FILES = [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n \t\n", "empty"),
    ("paper.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
    ("renamed.txt", b"%PDF-1.4\n" + bytes(range(256)) * 4, "PDF"),
    ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG"),
    ("blob.txt", b"abc\x00\x01\x02def" * 50, "binary"),
    ("utf16.txt", "The minister said the talks had ended.".encode("utf-16"), "UTF-16"),
    ("latin1.txt", "Le ministre a déclaré que les négociations étaient terminées.".encode("latin-1"), "UTF-8"),
    ("huge.txt", None, "read limit"),             # 20 MB: refused before it is read
    ("long.txt", (GOOD * 1600).encode(), "too long"),  # 160 kB of text: over the 100 kB article limit
    ("digits.txt", b"12 345 678 -- 90.1 (2025)\n", "no letters"),  # no language at all
    ("open-fm.txt", b"---\ntitle: Never closed\n" + GOOD.encode(), "never closed"),
    ("bad-fm.txt", b"---\ntitle: Fine\nthis line has no colon\n---\n" + GOOD.encode(), "line 3"),
    ("typo-fm.txt", b"---\npubished: 2025-04-28\n---\n" + GOOD.encode(), "unknown key"),
    ("bad-date.txt", b"---\npublished: last Monday\n---\n" + GOOD.encode(), "ISO 8601"),
    ("only-fm.txt", b"---\ntitle: Nothing below\n---\n\n", "no article text"),
    ("nav.html", b"<html><body><nav><a href='/'>Home</a></nav><script>var x = 1;</script></body></html>", "no article text"),
    ("one.jsonl", b"{\"title\": \"no text field\"}\n", "text"),
]


@pytest.mark.parametrize("name, data, expected", BAD_FILES)
def test_bad_file_is_one_clear_line(tmp_path, name, data, expected):
    path = tmp_path / name
    path.write_bytes(twenty_megabytes() if data is None else data)
    with pytest.raises(InputError) as info:
        read_one(str(path))
    message = str(info.value)
    assert expected.lower() in message.lower()
    assert "\n" not in message and len(message) < 200


def test_missing_path():
    with pytest.raises(InputError, match="no such file"):
        read_one("/no/such/article.txt")


def test_other_language_is_read_with_its_language_and_refused_by_analysis(tmp_path):
    """A German article is an article (ingest stores it unanalysed); analysing it names the language."""
    from claimledger.read.language import require_analysed

    path = tmp_path / "de.txt"
    path.write_text(GERMAN, encoding="utf-8")
    article = read_one(str(path))
    assert article.language == "de"
    with pytest.raises(UnsupportedLanguageError, match="German") as info:
        require_analysed(article.language)
    assert isinstance(info.value, NotEnglishError) and "\n" not in str(info.value)


def test_size_limit_is_configurable(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text(GOOD * 20, encoding="utf-8")
    assert read_one(str(path)).text
    monkeypatch.setenv("CLAIMLEDGER_MAX_BYTES", "1000")
    with pytest.raises(InputError, match="limit"):
        read_one(str(path))


def test_batch_goes_on_past_bad_files(tmp_path):
    for name, data, _ in BAD_FILES:
        (tmp_path / name).write_bytes(twenty_megabytes() if data is None else data)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    items = dict(iter_articles([str(tmp_path), "/no/such/file.txt"]))
    good = [label for label, item in items.items() if not isinstance(item, InputError)]
    assert good == [str(tmp_path / "good.txt")]
    assert isinstance(items["/no/such/file.txt"], InputError)
    # the directory walk reads .txt/.html/.jsonl only: the .pdf is not picked up
    assert str(tmp_path / "paper.pdf") not in items


def test_malformed_jsonl_lines_are_reported_and_others_go_on(tmp_path):
    lines = [
        json.dumps({"text": GOOD, "title": "first"}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"text": 42}),
        json.dumps({"text": GERMAN}),
        json.dumps({"text": GOOD + " again", "published": "yesterday"}),
        json.dumps({"text": GOOD + " third", "title": "last"}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_bytes("\n".join(lines).encode() + b"\n\xff\xfe bad bytes\n")
    items = list(iter_articles([str(path)]))
    assert [label.rsplit(":", 1)[1] for label, _ in items] == ["1", "2", "3", "4", "5", "6", "7", "8"]
    ok = [(item.title, item.language) for _, item in items if not isinstance(item, InputError)]
    assert ok == [("first", "en"), (None, "de"), ("last", "en")]  # German: an article, stored unanalysed
    errors = {label.rsplit(":", 1)[1]: str(item) for label, item in items if isinstance(item, InputError)}
    assert "JSON" in errors["2"] and "object" in errors["3"] and "text" in errors["4"]
    assert "5" not in errors and "ISO" in errors["6"] and "UTF-8" in errors["8"]


def test_binary_jsonl_is_one_error(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"%PDF-1.5\n" + bytes(range(256)) * 100)
    [(label, item)] = list(iter_articles([str(path)]))
    assert isinstance(item, InputError) and "PDF" in str(item)


def test_jsonl_over_limit_is_read_per_line(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMLEDGER_MAX_BYTES", "2000")
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps({"text": GOOD + str(i)}) for i in range(50)), encoding="utf-8")
    items = list(iter_articles([str(path)]))
    assert len(items) == 50 and not any(isinstance(item, InputError) for _, item in items)
