"""A Russian name phrase in the nominative: "Курской области" -> "Курская область".

Gazetteers and dictionaries list a name in the nominative; in text its words agree in case with
their slot.  Lemmatising word by word loses the agreement ("курский область"), so each noun and
adjective is put into the nominative of its own gender and number instead (natasha's own
normalisation of names, ``natasha.norm.inflect_word``), and the words keep their capitals.
"""
from __future__ import annotations

INFLECTED = ("NOUN", "PROPN", "ADJ")


def nominative(span) -> str:
    """The phrase with its nouns and adjectives in the nominative, as written otherwise."""
    from claimledger.pipeline.ru.natasha_doc import natasha_models

    vocab = natasha_models()[1]
    out = []
    for tok in span:
        out.append(_nominative_word(vocab, tok) + tok.whitespace_)
    return "".join(out).strip()


def _nominative_word(vocab, tok) -> str:
    word = tok.text
    if tok.pos_ not in INFLECTED or tok.morph.get("Case") in ([], ["Nom"]):
        return word
    feats = {k: v for k, v in tok.morph.to_dict().items()}
    want = (feats.get("Gender"), feats.get("Number"), feats.get("Case"))
    pos = "NOUN" if tok.pos_ == "PROPN" else tok.pos_
    for form in vocab(word.lower().replace("ё", "е")):
        form_pos = "NOUN" if form.pos == "PROPN" else form.pos
        if form_pos != pos or (form.feats.get("Gender"), form.feats.get("Number"), form.feats.get("Case")) != want:
            continue
        inflected = form.inflect({"Nom"})
        if inflected:
            return _shape(inflected.word, word)
        break
    return word


def _shape(new: str, old: str) -> str:
    """The new word with the old one's capitals: all upper, title case or lower."""
    if old.isupper() and len(old) > 1:
        return new.upper()
    if old[:1].isupper():
        return "-".join(part[:1].upper() + part[1:] for part in new.split("-"))
    return new


def head_nominative(span) -> str:
    """The phrase with its head noun and the adjectives agreeing with it in the nominative, its other
    words as written (natasha's syntax normalisation): "Генерального штаба ВСУ" -> "Генеральный штаб ВСУ",
    "Министерства обороны России" -> "Министерство обороны России"."""
    from claimledger.pipeline.ru.natasha_doc import natasha_models

    vocab = natasha_models()[1]
    root = span.root
    agreeing = {root.i} | {c.i for c in root.children if c.dep_ == "amod" and c.pos_ == "ADJ"}
    return "".join((_nominative_word(vocab, t) if t.i in agreeing else t.text) + t.whitespace_ for t in span).strip()
