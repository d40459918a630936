"""Russian articles: natasha's analysis as a spaCy Doc, the Russian vocabularies, routing, FactRuEval scoring."""
import datetime as dt
import subprocess
import sys

import pytest

from claimledger.errors import InputError
from claimledger.evaluation import factru
from claimledger.model import Article
from claimledger.pipeline.dates import russian as ru_dates
from claimledger.pipeline.ru.ud import convert, is_tree, penn_tag
from claimledger.read.common import make_article
from claimledger.resources import _extend, read_json, read_tsv

# ------------------------------------------------------------------ UD -> the stages' relations

CONVERSIONS = [
    # words, UD heads (a root heads itself), UD relations, POS -> expected heads, relations
    (["Песков", "опроверг", "сообщения"], [1, 1, 1], ["nsubj", "root", "obj"], ["PROPN", "VERB", "NOUN"],
     [1, 1, 1], ["nsubj", "ROOT", "dobj"]),
    (["заявил", "в", "интервью"], [0, 2, 0], ["root", "case", "obl"], ["VERB", "ADP", "NOUN"],
     [0, 0, 1], ["ROOT", "prep", "pobj"]),
    (["заявил", "Дмитрий", "Песков"], [0, 0, 1], ["root", "nsubj", "flat:name"], ["VERB", "PROPN", "PROPN"],
     [0, 2, 0], ["ROOT", "compound", "nsubj"]),
    (["не", "делали"], [1, 1], ["advmod", "root"], ["PART", "VERB"], [1, 1], ["neg", "ROOT"]),
    (["был", "эвакуирован"], [1, 1], ["aux:pass", "root"], ["AUX", "VERB"], [1, 1], ["auxpass", "ROOT"]),
    # two roots: the later one hangs off the first
    (["Да", "пришёл"], [0, 1], ["root", "root"], ["INTJ", "VERB"], [0, 0], ["ROOT", "parataxis"]),
]


@pytest.mark.parametrize("words,heads,deps,pos,want_heads,want_deps", CONVERSIONS)
def test_ud_relations_become_the_stages_relations(words, heads, deps, pos, want_heads, want_deps):
    assert convert(heads, deps, words, pos) == (want_heads, want_deps)


def test_a_parse_that_is_no_tree_is_flattened_under_one_root():
    heads, deps = convert([1, 0, 2], ["nsubj", "obj", "root"], ["a", "b", "c"], ["NOUN", "NOUN", "VERB"])
    assert is_tree(heads) and deps.count("ROOT") == 1


@pytest.mark.parametrize("pos,feats,text,tag", [
    ("VERB", {"Tense": "Past", "VerbForm": "Fin"}, "заявил", "VBD"),
    ("VERB", {"VerbForm": "Part", "Voice": "Pass"}, "эвакуированы", "VBN"),
    ("VERB", {"VerbForm": "Inf"}, "сказать", "VB"),
    ("NOUN", {"Number": "Plur"}, "сообщения", "NNS"),
    ("PROPN", {"Number": "Sing"}, "Песков", "NNP"),
    ("PUNCT", {}, "«", "``"),
    ("PART", {"Polarity": "Neg"}, "не", "RB"),
])
def test_penn_tags_from_ud(pos, feats, text, tag):
    assert penn_tag(pos, feats, text) == tag


# ------------------------------------------------------------------ vocabularies as overlays

def test_russian_vocabularies_extend_the_english_tables():
    stances = {row["lemma"]: row["stance"] for row in read_tsv("attribution/stance.tsv")}
    assert stances["deny"] == "deny" and stances["опровергнуть"] == "deny" and stances["подтвердить"] == "confirm"
    hedges = {row["word"] for row in read_tsv("attribution/stance_hedges.tsv")}
    assert {"allegedly", "якобы", "предположительно"} <= hedges
    speakers = read_json("attribution/speakers.json")
    assert speakers["third_person"]["he"] == "m" and speakers["third_person"]["она"] == "f"
    assert read_json("quantities/quantities.json")["scale_words"]["тысяч"] == 1000


@pytest.mark.parametrize("base,extra,want", [
    ({"a": [1], "b": "x"}, {"a": [2, 1], "b": "y"}, {"a": [1, 2], "b": "x"}),
    ({"d": {"he": "m"}}, {"d": {"он": "m"}, "new": [1]}, {"d": {"he": "m", "он": "m"}, "new": [1]}),
])
def test_json_overlays_extend_lists_and_dicts_and_keep_scalars(base, extra, want):
    assert _extend(base, extra) == want


# ------------------------------------------------------------------ language of an article

RUSSIAN = ("Пресс-секретарь президента Дмитрий Песков в понедельник заявил журналистам, что переговоры "
           "с Киевом не ведутся и не планируются, а все сообщения об обратном не соответствуют действительности.")
UKRAINIAN = ("Генеральний штаб Збройних сил України повідомив, що підрозділи продовжують оборону і "
             "відбивають атаки противника на кількох напрямках, а всі заяви Кремля є неправдивими.")


def test_a_russian_article_is_read_as_russian_and_a_ukrainian_one_is_not():
    assert make_article(RUSSIAN, {}, None).language == "ru"
    assert make_article(UKRAINIAN, {}, None).language == "uk"  # stored, not analysed (read/language.py)


def test_a_language_without_a_pipeline_is_a_clear_error():
    from claimledger.pipeline.build import nlp_for
    with pytest.raises(InputError, match="no pipeline for language 'ko'"):
        nlp_for("ko")


# ------------------------------------------------------------------ Russian dates

MONDAY = dt.date(2025, 4, 28)


@pytest.mark.parametrize("text,kind,value,precision", [
    ("28 апреля", "dm", "2025-04-28", "day"),
    ("6 августа", "dm", "2024-08-06", "day"),          # no year: the latest one not after publication
    ("12 мая 2022 года", "dm", "2022-05-12", "day"),
    ("в марте 2023 года", "my", "2023-03", "month"),
    ("в июне", "my", "2024-06", "month"),
    ("в 2019 году", "y", "2019", "year"),
    ("в понедельник", "wd", "2025-04-28", "day"),       # published on a Monday: that day
    ("в пятницу", "wd", "2025-04-25", "day"),
    ("вчера", "day", "2025-04-27", "day"),
    ("в прошлом году", "rel", "2024", "year"),
    ("на прошлой неделе", "rel", "2025-04-21/2025-04-27", "range"),
])
def test_russian_dates_normalised_against_publication(text, kind, value, precision):
    assert ru_dates.pattern().fullmatch(text).lastgroup == kind
    assert ru_dates.normalise(text, kind, MONDAY) == (value, precision)


# ------------------------------------------------------------------ FactRuEval scoring

def test_factru_gold_follows_the_names_convention(tmp_path):
    text = "Глава мэрии Москвы Юрий Лужков и МИД Грузии"
    (tmp_path / "book_1.txt").write_text(text, encoding="utf-8")
    (tmp_path / "book_1.spans").write_text(
        "1 org_descr 6 5 0 1  # мэрии\n2 loc_name 12 6 0 1  # Москвы\n3 name 19 4 0 1  # Юрий\n"
        "4 surname 24 6 0 1  # Лужков\n5 org_name 33 3 0 1  # МИД\n6 loc_name 37 6 0 1  # Грузии\n", encoding="utf-8")
    (tmp_path / "book_1.objects").write_text(
        "10 Org 2 1 # Москвы мэрии\n11 LocOrg 2 # Москвы\n12 Person 3 4 # Юрий Лужков\n"
        "13 Org 5 6 # МИД Грузии\n14 LocOrg 6 # Грузии\n", encoding="utf-8")
    gold = factru.read_gold(tmp_path / "book_1")
    assert [(text[s:e], t) for s, e, t in gold] == [("Москвы", "LOC"), ("Юрий Лужков", "PER"), ("МИД", "ORG"),
                                                    ("Грузии", "LOC")]


def test_factru_scores_exact_and_overlap():
    gold = [(0, 11, "PER"), (20, 26, "LOC"), (30, 33, "ORG")]
    pred = [(5, 11, "PER"), (20, 26, "LOC"), (40, 45, "ORG")]
    result = factru.score([(gold, pred)])
    assert result["exact"]["PER"]["f1"] == 0.0 and result["overlap"]["PER"]["f1"] == 1.0
    assert result["exact"]["micro"]["p"] == round(1 / 3, 4) and result["overlap"]["micro"]["r"] == round(2 / 3, 4)
    assert set(result["exact"]["LOC"]) >= {"p", "r", "f1"}


# ------------------------------------------------------------------ the Russian pipeline (natasha)

def test_morph_vocab_loads_without_pkg_resources():
    pytest.importorskip("natasha")
    code = ("import sys; sys.modules['pkg_resources'] = None\n"
            "from claimledger.pipeline.ru.natasha_doc import natasha_models\n"
            "m = natasha_models()[1]; print(m.lemmatize('Кремля', 'PROPN', {}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "кремль"


ARTICLE = ("Песков опроверг сообщения о переговорах\n\n"
           "«Мы этого не делали», — заявил в понедельник пресс-секретарь Кремля Дмитрий Песков.  "
           "По данным Минобороны России, около 76 тысяч человек эвакуированы из Курской области.")


@pytest.fixture(scope="module")
def russian_analysis():
    pytest.importorskip("natasha")
    from claimledger.pipeline.analysis import analyze
    return analyze(Article(text=ARTICLE, published="2025-04-28", language="ru"))


@pytest.fixture(scope="module")
def russian_doc():
    pytest.importorskip("natasha")
    from claimledger.pipeline.analysis import prepare_doc
    from claimledger.pipeline.build import nlp_for
    nlp = nlp_for("ru")
    assert nlp_for("ru") is nlp  # loaded once
    return nlp(prepare_doc(nlp, Article(text=ARTICLE, published="2025-04-28", language="ru")))


def test_the_russian_doc_keeps_the_text_and_carries_the_annotation(russian_doc):
    doc = russian_doc
    assert doc.text == ARTICLE and doc.lang_ == "ru"
    by_text = {t.text: t for t in doc}
    assert by_text["Кремля"].lemma_ == "Кремль" and by_text["заявил"].lemma_ == "заявить"
    assert by_text["заявил"].dep_ == "parataxis" and by_text["заявил"].tag_ == "VBD"
    assert by_text["Курской"].morph.get("Case") == ["Gen"]
    assert ("Дмитрий Песков", "PERSON") in [(e.text, e.label_) for e in doc.ents]
    assert [s.text.strip() for s in doc.sents][0] == "Песков опроверг сообщения о переговорах"


def test_russian_statements_speakers_stances_dates_quantities(russian_analysis):
    found = {(s.speaker.name if s.speaker else None, s.cue["text"], s.stance) for s in russian_analysis.statements}
    assert ("Песков", "опроверг", "deny") in found
    assert ("Дмитрий Песков", "заявил", "assert") in found
    said = next(s for s in russian_analysis.statements if s.cue["text"] == "заявил")
    assert said.content["text"] == "«Мы этого не делали»" and said.date["value"] == "2025-04-28"
    (quantity,) = russian_analysis.quantities
    assert (quantity.value, quantity.hedge, quantity.unit) == (76000, "около", "человек")
    assert russian_analysis.model.startswith("ru_natasha")
