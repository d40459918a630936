"""Language of an article: English (unchanged), Russian vs Ukrainian and the other Cyrillic languages, scripts
that name a language; articles in a language without a pipeline are stored, not lost, and re-analysed later."""
from __future__ import annotations

import sqlite3

import pytest

from claimledger.errors import NotEnglishError
from claimledger.ingest import ingest_paths
from claimledger.ingest import reanalyse as reanalyse_module
from claimledger.model import Analysis, Entity, Mention
from claimledger.read import language
from claimledger.read.language import article_language, detect_language, unanalysed_message

# texts written for these tests (the news of the Kursk story, told in each language)
LANGUAGE_CASES = [
    ("Russia's defence ministry said on Monday that its forces had expelled Ukrainian units from the Kursk region, "
     "while Kyiv said fighting was still going on there.", "en"),
    ("Министерство обороны России в понедельник заявило, что его войска выбили украинские части из Курской "
     "области, однако в Киеве сообщили, что бои там продолжаются.", "ru"),
    ("Песков опроверг сообщения о переговорах", "ru"),  # no letter tells: Russian, the default
    ("Кремль подтвердил, что северокорейские военные воевали в Курской области", "ru"),
    ("Міністерство оборони Росії в понеділок заявило, що його війська вибили українські частини з Курської "
     "області, проте в Києві повідомили, що бої там тривають.", "uk"),
    ("Зеленський заявив про нові санкції проти Росії", "uk"),
    ("У Києві спростували заяву Кремля", "uk"),
    ("Министерството на отбраната на Русия заяви, че войските са изтласкали украинските части от Курска област.",
     "bg"),
    ("Міністэрства абароны Расіі заявіла, што войскі выбілі ўкраінскія часткі з Курскай вобласці.", "be"),
    ("Министарство одбране Русије саопштило је да су њене снаге протерале украјинске јединице.", "sr"),
    ("러시아 국방부는 월요일 자국군이 쿠르스크 지역에서 우크라이나 부대를 몰아냈다고 밝혔다.", "ko"),
    ("ロシア国防省は月曜日、クルスク州からウクライナ部隊を撃退したと発表した。", "ja"),
    ("Die Bundesregierung hat am Montag bestätigt, dass die Gespräche ohne eine Einigung beendet wurden.", "de"),
    # a Russian article full of Latin names is still Russian; an English one quoting Russian still English
    ("Компания Ryanair и профсоюз Vereinigung Cockpit не смогли договориться, сообщает Reuters со ссылкой на "
     "представителя Ryanair Holdings plc.", "ru"),
    ("The Kremlin spokesman, Dmitry Peskov, told reporters: «Это не соответствует действительности», and said "
     "Moscow had nothing to add to the statement released by the ministry on Monday.", "en"),
]


@pytest.mark.parametrize("text, expected", LANGUAGE_CASES)
def test_language_of_text(text, expected):
    assert article_language(text) == expected, detect_language(text)


def test_no_letters_is_no_language():
    with pytest.raises(NotEnglishError, match="no letters"):
        article_language("12 345 678 -- 90.1")


def test_undetermined_latin_text_is_und():
    finnish = ("Ministeri sanoi maanantaina, että Genevessä käydyt neuvottelut päättyivät ilman sopimusta, ja "
               "molempien osapuolten virkamiehet kertoivat toimittajille tapaavansa uudelleen ensi kuussa.")
    assert article_language(finnish) == "und"


@pytest.mark.parametrize("code, name", [("uk", "Ukrainian"), ("ko", "Korean"), ("und", "undetermined")])
def test_unanalysed_message_names_the_language(code, name):
    message = unanalysed_message(code)
    assert name in message and "reanalyse" in message and "\n" not in message


UKRAINIAN = LANGUAGE_CASES[4][0]
KOREAN = LANGUAGE_CASES[10][0]


def _ingest_unsupported(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "uk.txt").write_text(UKRAINIAN, encoding="utf-8")
    (tmp_path / "in" / "ko.txt").write_text(KOREAN, encoding="utf-8")
    db = tmp_path / "l.db"
    report = ingest_paths([str(tmp_path / "in")], db, progress=False)
    return db, report


def test_unsupported_languages_are_stored_not_lost(tmp_path):
    db, report = _ingest_unsupported(tmp_path)  # no pipeline is loaded: nothing in the batch is analysable
    assert report.added == 0 and not report.errors
    assert sorted(m.split(" text:")[0] for _, m in report.unanalysed) == ["Korean", "Ukrainian"]
    rows = sqlite3.connect(db).execute("SELECT language, analysed, n_statements, text FROM articles "
                                       "ORDER BY language").fetchall()
    assert rows == [("ko", 0, 0, KOREAN), ("uk", 0, 0, UKRAINIAN)]
    # ingesting again skips them (the same content), never duplicates
    again = ingest_paths([str(tmp_path / "in")], db, progress=False)
    assert again.skipped == 2 and not again.unanalysed


def test_reanalyse_waits_for_a_parser_then_replaces_the_row(tmp_path, monkeypatch):
    db, _ = _ingest_unsupported(tmp_path)
    still = reanalyse_module.reanalyse(db, language="uk")
    assert still.added == 0 and [m.split(" text:")[0] for _, m in still.unanalysed] == ["Ukrainian"]

    # a Ukrainian parser appears: the languages list names it and the analysis returns its records
    monkeypatch.setitem(language.languages(), "analysed", ["en", "uk"])
    seen = []

    def fake_batch(items, nlp=None, batch_size=16):
        seen.extend(a.language for _, a in items)
        return [(label, Analysis(article=a, model="uk-test", entities=[Entity(
            id="gov-ua", name="Government of Ukraine", type="government", country="UA",
            mentions=[Mention(100, 106, "Києві")])])) for label, a in items]

    monkeypatch.setattr(reanalyse_module, "analyse_batch", fake_batch)
    done = reanalyse_module.reanalyse(db, language="uk")
    assert done.added == 1 and not done.unanalysed and not done.errors and seen == ["uk"]
    con = sqlite3.connect(db)
    assert con.execute("SELECT language, analysed, model, n_entities FROM articles WHERE language = 'uk'").fetchall() \
        == [("uk", 1, "uk-test", 1)]
    assert con.execute("SELECT analysed FROM articles WHERE language = 'ko'").fetchall() == [(0,)]
    assert con.execute("SELECT count(*) FROM articles").fetchone() == (2,)
