"""natasha's analysis of a Russian text as a spaCy Doc: the tokenizer of the Russian pipeline.

Lines are analysed apart (a headline or a caption is never glued to the next sentence); within a
line razdel splits sentences and tokens, slovnet tags morphology and parses (UD, converted by
``ud.py``), natasha's MorphVocab gives lemmas (pymorphy2 with the part of speech slovnet chose) and
slovnet's NER gives PER / ORG / LOC entities (as PERSON / ORG / GPE, the labels the stages read).
Whitespace that is not a single space becomes a SPACE token, so ``doc.text`` is the input exactly
and character offsets are the article's.
"""
from __future__ import annotations

import inspect
import re
from contextlib import nullcontext
from functools import lru_cache

from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from claimledger.errors import MissingExtraError
from claimledger.pipeline.ru.ud import convert, penn_tag
from claimledger.resources import read_json

ENTITY_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
LINE = re.compile(r"[^\n]+")


@lru_cache(maxsize=1)
def natasha_models():
    """(segmenter, morph vocab, morph tagger, syntax parser, NER tagger), loaded once per process."""
    _pymorphy2_compat()
    try:
        from natasha import (MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger,
                             NewsSyntaxParser, Segmenter)
    except ImportError as exc:
        raise MissingExtraError("ru", exc.name or "natasha") from exc
    emb = NewsEmbedding()
    return Segmenter(), MorphVocab(), NewsMorphTagger(emb), NewsSyntaxParser(emb), NewsNERTagger(emb)


@lru_cache(maxsize=1)
def _blas_controller():
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    return ThreadpoolController()


def one_blas_thread():
    """slovnet's small matrix products in one BLAS thread: OpenBLAS's own threads spin on them and
    cost ten times the CPU (natasha's NER: 1,900 words/s wall on a loaded 2-core machine against 775)."""
    controller = _blas_controller()
    return controller.limit(limits=1, user_api="blas") if controller is not None else nullcontext()


def _pymorphy2_compat() -> None:
    """What pymorphy2 0.9.1 (natasha's morphology) needs from an older Python and setuptools.

    It calls ``inspect.getargspec`` (gone in Python 3.11; yargy patches it too, on import) and finds
    its dictionaries through ``pkg_resources`` (gone from current setuptools): both are given their
    standard-library equivalents here, so a fresh virtual environment needs no pinned setuptools.
    """
    if not hasattr(inspect, "getargspec"):
        inspect.getargspec = lambda f: inspect.getfullargspec(f)[:4]
    try:
        import pymorphy2.analyzer as analyzer
    except ImportError:
        return  # reported as the missing extra by the import of natasha
    from importlib.metadata import entry_points
    analyzer._iter_entry_points = lambda group: entry_points(group=group)


class NatashaTokenizer:
    """text -> a fully annotated Doc (the Russian Language's tokenizer)."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        with one_blas_thread():
            return self._analyse(text)

    def _analyse(self, text: str) -> Doc:
        segmenter, morph_vocab, morph_tagger, syntax_parser, ner_tagger = natasha_models()
        sents: list[list[tuple[int, int, str]]] = []
        for line in LINE.finditer(text):
            for sent in segmenter.sentenize(line.group()):
                tokens = [(line.start() + sent.start + t.start, line.start() + sent.start + t.stop, t.text)
                          for t in segmenter.tokenize(sent.text)]
                if tokens:
                    sents.append(tokens)
        chunk = [[t[2] for t in s] for s in sents]
        morphs = list(morph_tagger.map(chunk)) if chunk else []
        syntaxes = list(syntax_parser.map(chunk)) if chunk else []
        words, spaces, heads, deps, pos, tags, morphs_out, lemmas = [], [], [], [], [], [], [], []
        cursor = 0

        def gap(upto: int) -> None:  # whitespace before the next token: a space or SPACE tokens
            nonlocal cursor
            between = text[cursor:upto]
            if not between:
                return
            if between.startswith(" ") and words and not spaces[-1]:
                spaces[-1] = True
                between = between[1:]
            if between:
                attach = len(words) - 1 if words else 0
                words.append(between), spaces.append(False), heads.append(attach), deps.append("dep" if words[:-1] else "ROOT")
                pos.append("SPACE"), tags.append("_SP"), morphs_out.append(""), lemmas.append(between)
            cursor = upto

        for tokens, morph, syntax in zip(sents, morphs, syntaxes):
            s_words = [t[2] for t in tokens]
            s_pos = [m.pos for m in morph.tokens]
            s_heads = [int(s.head_id) - 1 if s.head_id != "0" else i for i, s in enumerate(syntax.tokens)]
            s_heads, s_deps = convert(s_heads, [s.rel for s in syntax.tokens], s_words, s_pos)
            at = []  # doc index of each word of the sentence (whitespace tokens may come between)
            for k, ((start, stop, word), m) in enumerate(zip(tokens, morph.tokens)):
                gap(start)
                at.append(len(words))
                words.append(word), spaces.append(False), heads.append(0), deps.append(s_deps[k])
                pos.append(m.pos), tags.append(penn_tag(m.pos, m.feats, word))
                morphs_out.append("|".join(f"{k2}={v}" for k2, v in sorted(m.feats.items())))
                lemmas.append(_lemma(morph_vocab, word, m.pos, m.feats))
                cursor = stop
            for k, i in enumerate(at):
                heads[i] = at[s_heads[k]]
        gap(len(text))
        doc = Doc(self.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags,
                  morphs=morphs_out, lemmas=lemmas)
        names = _entities(doc, ner_tagger(text).spans if text.strip() else [])
        taken = {i for ent in names for i in range(ent.start, ent.end)}
        dates = [d for d in _dates(doc) if not taken & set(range(d.start, d.end))]
        taken |= {i for ent in dates for i in range(ent.start, ent.end)}
        doc.ents = sorted(names + dates + [n for n in _numbers(doc) if not taken & set(range(n.start, n.end))],
                          key=lambda span: span.start)
        return doc


def _lemma(morph_vocab, word: str, pos: str, feats: dict[str, str]) -> str:
    """natasha's lemma (lower case); a proper name keeps its capital ("Кремля" -> "Кремль")."""
    if pos == "PUNCT" or not any(ch.isalpha() for ch in word):
        return word
    lemma = morph_vocab.lemmatize(word, pos, feats)
    if pos == "PROPN" and word[:1].isupper():
        lemma = "-".join(part[:1].upper() + part[1:] for part in lemma.split("-"))
    return lemma


def _dates(doc: Doc) -> list:
    """Date expressions (pipeline/dates/russian.py) as DATE entities, as the English model has them."""
    from claimledger.pipeline.dates.russian import pattern
    spans = (doc.char_span(m.start(), m.end(), label="DATE", alignment_mode="expand") for m in pattern().finditer(doc.text))
    return [s for s in spans if s is not None]


def _numbers(doc: Doc) -> list:
    """Numbers with their scale words ("76 тысяч", "1,8 млрд", "пять") as CARDINAL, with "%" as PERCENT."""
    vocab = read_json("quantities/quantities.json")
    scales, number_words = vocab["scale_words"], vocab["number_words"]
    found, i = [], 0
    while i < len(doc):
        if not (doc[i].like_num or doc[i].lower_ in number_words) or doc[i].lower_ in scales:
            i += 1
            continue
        j = i + 1
        while j < len(doc) and (doc[j].like_num or doc[j].lower_ in scales or doc[j].lower_ in number_words):
            j += 1
        label = "CARDINAL"
        if j < len(doc) and doc[j].text in ("%", "процента", "процентов", "процент"):
            j, label = j + 1, "PERCENT"
        found.append(Span(doc, i, j, label=label))
        i = j
    return found


def _entities(doc: Doc, spans) -> list:
    ents, taken = [], -1
    for span in spans:
        ent = doc.char_span(span.start, span.stop, label=ENTITY_LABELS.get(span.type, span.type), alignment_mode="expand")
        if ent is not None and ent.start > taken:
            ents.append(ent)
            taken = ent.end - 1
    return ents
