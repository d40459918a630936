"""Readers: each format gives the right Article (text, metadata, captions, language)."""
from __future__ import annotations

import io
import json
import sys

import pytest

from claimledger.errors import NotEnglishError
from claimledger.read import count_inputs, iter_articles, read_one
from claimledger.read.captions import find_captions
from claimledger.read.language import check_english
from claimledger.read.txt import split_front_matter

BODY = ("The minister said on Monday that the talks in Geneva had ended without an agreement, "
        "and officials from both sides told reporters they would meet again next month.\n"
        "The opposition denied that it had walked out of the meeting.\n")


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("text, meta, body", [
    (BODY, {}, BODY),
    ("---\ntitle: Talks end\nsource: Example News\npublished: 2025-04-28\n---\n" + BODY,
     {"title": "Talks end", "source": "Example News", "published": "2025-04-28"}, BODY),
    ("---\ntitle: \"Quoted: title\"\nurl: https://example.org/a\n---\n\n" + BODY,
     {"title": "Quoted: title", "url": "https://example.org/a"}, "\n" + BODY),
    ("--- not a fence\n" + BODY, {}, "--- not a fence\n" + BODY),
])
def test_front_matter_split(text, meta, body):
    assert split_front_matter(text) == (meta, body)


def test_txt_front_matter_fills_article(tmp_path):
    path = write(tmp_path / "a.txt", "---\ntitle: Talks end\nsource: Example News\npublished: 2025-04-28\n---\n" + BODY)
    article = read_one(path)
    assert (article.title, article.source, article.published, article.language) == ("Talks end", "Example News", "2025-04-28", "en")
    assert article.text == BODY  # offsets refer to the text after the front matter


def test_txt_sidecar_and_front_matter_priority(tmp_path):
    write(tmp_path / "a.json", json.dumps({"title": "Sidecar title", "source": "Wire", "date": "2024-01-02"}))
    path = write(tmp_path / "a.txt", "---\ntitle: Front matter title\n---\n" + BODY)
    article = read_one(path)
    assert (article.title, article.source, article.published) == ("Front matter title", "Wire", "2024-01-02")


def test_crlf_and_bom_are_normalised(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf" + BODY.replace("\n", "\r\n").encode("utf-8"))
    assert read_one(str(path)).text == BODY


HTML = """<!DOCTYPE html><html lang="en"><head><title>Talks end in Geneva | Example News</title>
<meta property="og:title" content="Talks end in Geneva">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2025-04-28T09:30:00+00:00">
<link rel="canonical" href="https://example.org/news/talks-end"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Talks end in Geneva</h1>
<p>The minister said on Monday that the talks in Geneva had ended without an agreement, and officials from both sides told reporters they would meet again next month to continue the negotiations.</p>
<p>The opposition denied that it had walked out of the meeting, saying in a statement that its delegation had stayed until the very end of the session and had offered a new proposal.</p>
<p>Diplomats who attended the meeting said that the atmosphere had been tense but that neither side had ruled out a compromise before the end of the year.</p>
</article><footer>Copyright Example News</footer></body></html>"""


def test_html_main_text_and_metadata(tmp_path):
    article = read_one(write(tmp_path / "a.html", HTML))
    assert "talks in Geneva had ended" in article.text
    assert "Home" not in article.text and "Copyright" not in article.text
    assert article.title == "Talks end in Geneva"
    assert article.published == "2025-04-28T09:30:00+00:00"  # the time that trafilatura drops
    assert article.url == "https://example.org/news/talks-end"


def test_html_markup_does_not_count_against_the_text_limit(tmp_path):
    script = "<script>var data = '" + "x" * 400_000 + "';</script>"  # 400 kB of page furniture
    article = read_one(write(tmp_path / "a.html", HTML.replace("</head>", script + "</head>")))
    assert "talks in Geneva had ended" in article.text


def test_html_figure_captions_follow_the_body_as_captions(tmp_path):
    page = HTML.replace("<article><h1>Talks end in Geneva</h1>",
                        "<article><h1>Talks end in Geneva</h1><figure><img src='a.jpg'>"
                        "<figcaption>Delegates leave the Palais des Nations. Photograph: Jane Roe/AFP</figcaption></figure>")
    page = page.replace("<nav>", "<aside><figure><figcaption>Promoted: our newsletter</figcaption></figure></aside><nav>")
    article = read_one(write(tmp_path / "a.html", page))
    caption = "Delegates leave the Palais des Nations. Photograph: Jane Roe/AFP"
    assert article.text.endswith("\n" + caption)
    assert [c.text for c in article.captions] == [caption]
    assert "newsletter" not in article.text  # figures outside the article are not its captions


def test_jsonl_streams_with_line_labels(tmp_path):
    rows = [{"id": "x", "title": "One", "date": "2015-09-01", "url": "https://en.wikinews.org/wiki/One", "text": BODY},
            {"title": "Two", "published": "2016-01-01", "text": BODY + "More."}]
    path = write(tmp_path / "a.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n\n")
    items = list(iter_articles([path]))
    assert [label for label, _ in items] == [f"{path}:1", f"{path}:2"]
    first = items[0][1]
    assert (first.title, first.published, first.url, first.path) == ("One", "2015-09-01", rows[0]["url"], f"{path}:1")
    assert read_one(f"{path}:2").title == "Two"


def test_directory_walk_is_recursive_and_skips_sidecars(tmp_path):
    (tmp_path / "sub").mkdir()
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "a.json", json.dumps({"title": "Sidecar"}))
    write(tmp_path / "sub" / "b.htm", HTML)
    write(tmp_path / "sub" / "c.jsonl", json.dumps({"text": BODY + "C."}) + "\n" + json.dumps({"text": BODY + "D."}))
    write(tmp_path / "notes.csv", "a,b\n1,2\n")
    write(tmp_path / "picture.png", "not read")
    skipped = []
    labels = [label for label, item in iter_articles([str(tmp_path)], skipped) if not isinstance(item, Exception)]
    assert labels == [str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.htm"),
                      f"{tmp_path / 'sub' / 'c.jsonl'}:1", f"{tmp_path / 'sub' / 'c.jsonl'}:2"]
    assert count_inputs([str(tmp_path)]) == 4
    assert skipped == [str(tmp_path / "notes.csv"), str(tmp_path / "picture.png")]  # said, the sidecar not


@pytest.mark.parametrize("name", ["story.md", "story.text", "story.markdown", "STORY.TXT"])
def test_directory_walk_reads_markdown_and_text_files(tmp_path, name):
    """Failed before: a directory ingest skipped .md and .text silently though `ingest story.md` read it."""
    write(tmp_path / name, "---\ntitle: Walked\n---\n" + BODY)
    [(label, article)] = list(iter_articles([str(tmp_path)]))
    assert (label, article.title, article.text) == (str(tmp_path / name), "Walked", BODY)


def test_stdin_dash(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(("---\ntitle: From stdin\n---\n" + BODY).encode())))
    [(label, article)] = list(iter_articles(["-"]))
    assert (label, article.title, article.text) == ("-", "From stdin", BODY)


def test_stdin_jsonl_is_streamed(monkeypatch):
    lines = "\n".join(json.dumps({"text": BODY + str(i)}) for i in range(3)).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(lines))))
    assert [label for label, _ in iter_articles(["-"])] == ["-:1", "-:2", "-:3"]


SEED_CAPTION = ("North Korean leader Kim Jong Un and Vladimir Putin at the Sunan International Airport in "
                "Pyongyang, North Korea, 19 June 2024. Photo: EPA-EFE/GAVRIIL GRIGOROV / SPUTNIK / KREMLIN POOL")


@pytest.mark.parametrize("text, captions", [
    # a description that ends in a credit
    ("\n" + SEED_CAPTION + "\nVladimir Putin thanked North Korean soldiers on Monday.", [SEED_CAPTION]),
    ("Rescuers search the rubble in Antakya on Tuesday. (AP Photo/Hussein Malla)\nThe death toll rose.",
     ["Rescuers search the rubble in Antakya on Tuesday. (AP Photo/Hussein Malla)"]),
    ("Protesters gather outside parliament. REUTERS/Jane Doe\nPolice said 40 people were held.",
     ["Protesters gather outside parliament. REUTERS/Jane Doe"]),
    ("Headline here\nThe president arrives in Paris. Photograph by John Smith/Getty Images\nHe said so.",
     ["The president arrives in Paris. Photograph by John Smith/Getty Images"]),
    # a bare credit line and the description above it; not the headline nor a dateline
    ("Ants self-medicate\nTuesday, September 1, 2015\nFormica fusca, from file.\nImage: Mathias Krumbholz.\nNick Bos studies ants.",
     ["Formica fusca, from file.", "Image: Mathias Krumbholz."]),
    ("Headline\nMonday, May 3, 2010\nImage: NASA.\nBody text.", ["Image: NASA."]),
    ("Headline\nFile photo of the minister in 2019.\nThe minister resigned.", ["File photo of the minister in 2019."]),
    # body lines that merely mention agencies or photos are not captions
    ("The Reuters news agency reports that losses reached $1 trillion.\nShe took a photo of the crowd.", []),
    ("Around 3 p.m., Reuters reported that trading was halted.\nAFP said the ministry confirmed it.", []),
    ("Senators such as Jane Doe (S.C.) and John Roe (Pa.) backed the bill.", []),  # a state, not the PA agency
    ("Governor says she will polish her image; \nThe vote is next week.", []),
    ("The senator speaks in Ohio on Monday. Jane Roe via Getty Images.\nShe said so.",
     ["The senator speaks in Ohio on Monday. Jane Roe via Getty Images."]),
])
def test_captions(text, captions):
    found = find_captions(text)
    assert [c.text for c in found] == captions
    assert all(text[c.start:c.end] == c.text for c in found)


def test_seed_caption_offsets(shared):
    article = read_one(str(shared / "seed" / "kursk.txt"))
    gold = json.loads((shared / "seed" / "kursk.gold.json").read_text(encoding="utf-8"))["article"]["caption"]
    assert [(c.start, c.end) for c in article.captions] == [(gold["start"], gold["end"])]


def test_example_kursk_body_is_the_seed(shared):
    # examples/kursk.txt adds front matter; the stored text must equal the seed so gold offsets hold
    from claimledger.resources import REPO_ROOT
    article = read_one(str(REPO_ROOT / "examples" / "kursk.txt"))
    assert article.text == (shared / "seed" / "kursk.txt").read_text(encoding="utf-8")
    assert article.published == "2025-04-28"


@pytest.mark.parametrize("text, english", [
    (BODY, True),
    ("Short English headline", True),
    ("Die Bundesregierung hat am Montag bestätigt, dass nordkoreanische Soldaten in der russischen Region Kursk "
     "gekämpft haben. Der Kreml teilte mit, Präsident Putin habe den Soldaten für ihren Einsatz gedankt.", False),
    ("Le président russe a remercié lundi les soldats nord-coréens pour leur héroïsme, alors que Pyongyang a "
     "confirmé pour la première fois avoir envoyé des troupes dans la région de Koursk.", False),
    ("El presidente ruso agradeció el lunes a los soldados norcoreanos su heroísmo, mientras Pyongyang confirmó "
     "por primera vez que había enviado tropas para ayudar al ejército ruso en la región de Kursk.", False),
    ("Президент России Владимир Путин в понедельник поблагодарил северокорейских военных за героизм.", False),
    ("北朝鮮は月曜日、ロシアに部隊を派遣したことを初めて確認した。", False),
    ("Ministeri sanoi maanantaina, että Genevessä käydyt neuvottelut päättyivät ilman sopimusta, ja molempien "
     "osapuolten virkamiehet kertoivat toimittajille tapaavansa uudelleen ensi kuussa.", False),  # no Finnish list
    # English with few function words (a market table) is still English
    ("Dow Jones Industrial Average 12,345.67 up 0.5%. S&P 500 1,234.56 down 0.2%. Nasdaq Composite 2,345.67 up "
     "1.1%. FTSE 100 6,543.21 flat. DAX 7,654.32 up 0.3%. Brent crude $85.12 a barrel, gold $1,234 an ounce.", True),
])
def test_language_check(text, english):
    if english:
        assert check_english(text) == "en"
    else:
        with pytest.raises(NotEnglishError):
            check_english(text)


def test_wikinews_demo_corpus_reads_clean():
    from claimledger.resources import REPO_ROOT
    items = list(iter_articles([str(REPO_ROOT / "examples")]))
    errors = [(label, str(item)) for label, item in items if isinstance(item, Exception)]
    assert errors == []
    assert len(items) >= 164
    assert all(item.url and item.published for label, item in items if ".jsonl:" in label)


from hypothesis import given, settings, strategies as st  # noqa: E402

LINES = st.lists(st.sampled_from([
    "Image: NASA.", "Photo: Jane Roe/Reuters", "File photo of the minister.", "The talks ended on Monday.",
    "Tuesday, September 1, 2015", "", "  ", "(AP Photo/John Doe)", "He said the deal was done. REUTERS/Jane Roe",
]) | st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60), max_size=12)


@settings(max_examples=200, deadline=None)
@given(LINES)
def test_caption_spans_always_point_into_the_text(lines):
    text = "\n".join(lines)
    for span in find_captions(text):
        assert text[span.start:span.end] == span.text and span.text.strip() == span.text
        assert "\n" not in span.text and span.text


META_VALUE = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["title", "source", "url"]), META_VALUE.map(str.strip).filter(bool)),
       st.text(max_size=200))
def test_front_matter_round_trip(meta, body):
    header = "".join(f"{k}: {v}\n" for k, v in meta.items())
    parsed, rest = split_front_matter(f"---\n{header}---\n{body}")
    assert rest == body
    assert parsed == {k: (v[1:-1] if len(v) >= 2 and v[0] == v[-1] and v[0] in "\"'" else v) for k, v in meta.items()}
