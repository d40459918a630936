"""Token-level look-ups for claimledger_actors: demonyms, country names, role words, places.

All tables come from known.py (loaded once); these helpers only read a token's
neighbourhood in the parse.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from claimledger.pipeline.actors import known as data


@lru_cache(maxsize=None)
def rule_words(key: str) -> frozenset[str]:
    """One word list of actors_rules.json as a set: "report_nouns", "legal_forms", "person_titles"
    (titles that only ever precede a person's name, not 'General' Motors), ..."""
    return frozenset(data.rules()[key])


@lru_cache(maxsize=1)
def role_words() -> frozenset[str]:
    return frozenset(data.normalise_name(w) for w in data.rules()["role_words"])


@lru_cache(maxsize=1)
def honorifics() -> frozenset[str]:
    """Titles written before a name: Mr, Dr, Ayatollah, President (never part of the name)."""
    return rule_words("honorifics") | rule_words("person_titles")


@lru_cache(maxsize=1)
def news_agencies() -> frozenset[str]:
    """Wire services and news agencies by name ("reuters", "associated press"), from the one table
    the reconcile layer reads too (data/reconcile/sources_kinds.json)."""
    from claimledger.resources import read_json
    return frozenset(k.lower() for k in read_json("reconcile/sources_kinds.json")["news_agencies"])


def is_role_word(token: Token) -> bool:
    """A title or office noun: president, leader, dictator, chief, minister (rules + Phoenix agents)."""
    word = token.lower_
    if word in role_words() or token.lemma_.lower() in role_words():
        return True
    agent = data.agents().get(word)
    return bool(agent) and token.pos_ in ("NOUN", "PROPN") and agent[0][:3] in ("GOV", "MIL", "LEG", "JUD")


def country_at(doc, i: int) -> tuple[str, int, int] | None:
    """(alpha-2, start token, end token) of a demonym / country name covering token i (two words first)."""
    if not doc[i].text[:1].isupper():
        return None  # demonyms and country names are capitalised: a cheap way out for most tokens
    for start, end in ((i - 1, i + 1), (i, i + 2), (i, i + 1)):
        if start < 0 or end > len(doc):
            continue
        words = doc[start:end]
        if any(t.is_punct for t in words):
            continue
        if start > 0 and end - start == 1 and \
                f"{doc[start - 1].lower_} {words.text.lower()}" in rule_words("regions_not_countries"):
            return None  # "North America" is a region, not the United States
        code = data.country_of_word(words.text)
        if code:
            return code, start, end
    return None


def countries_in(span: Span) -> list[str]:
    """Countries named by demonyms / country names inside a span, in order."""
    found, i = [], span.start
    while i < span.end:
        hit = country_at(span.doc, i)
        if hit and hit[1] >= span.start and hit[2] <= span.end:
            found.append(hit[0])
            i = hit[2]
        else:
            i += 1
    return found


def is_known_place(text: str) -> bool:
    return data.normalise_name(text) in data.big_places()


def government_country(text: str) -> str | None:
    """Alpha-2 when `text` is a country name or a capital (a toponym that can stand for a government)."""
    key = data.normalise_name(text)
    return data.country_names().get(key) or data.capitals().get(key)


def strip_possessive(span: Span) -> Span:
    """'North Korea’s' -> 'North Korea' (drops a trailing possessive marker)."""
    end = span.end
    while end > span.start + 1 and span.doc[end - 1].text in ("’s", "'s", "’", "'"):
        end -= 1
    return span.doc[span.start:end]


def strip_determiner(span: Span) -> Span:
    """'the Kremlin' -> 'Kremlin' (for names and aliases)."""
    start = span.start
    while start < span.end - 1 and span.doc[start].lower_ in ("the", "a", "an"):
        start += 1
    return span.doc[start:span.end]
