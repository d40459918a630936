"""Light rule-based coreference: pronouns, relative pronouns and definite descriptions become
mentions of their antecedent, so attribution can resolve "he said" / "it denied" to an actor.

- who/which/that heading a relative clause -> the noun it modifies ("Kim, who considered ...")
- he/she/his/her -> the nearest preceding person
- it/its (subject or possessor, outside quotations) -> the nearest government / organisation /
  media / military actor in subject position in this or the previous sentence
- they/their -> the nearest group in subject position in this or the previous sentence
- "the leader", "the agency", "the country" -> the nearest preceding actor of that kind
"""
from __future__ import annotations

import bisect

from spacy.tokens import Token

from claimledger.pipeline.actors import known as data
from claimledger.pipeline.actors.mentions import Candidate, Context, collective_name, is_agent_position

SUBJECT_DEPS = ("nsubj", "nsubjpass")
COLLECTIVE_TYPES = ("government", "organisation", "media", "military", "group")
# what a description's type accepts ("the company" may be an organisation the dictionary files as media)
ACCEPTS = {"organisation": ("organisation", "media"), "media": ("media",), "group": ("group", "organisation")}
PERSON_WINDOW = 400  # tokens: a pronoun further than this from any person stays unresolved


def _is_subject(ctx: Context, cand: Candidate) -> bool:
    token = ctx.doc[cand.head]
    if token.dep_ in SUBJECT_DEPS:
        return True
    return token.dep_ == "poss" and token.head.dep_ in SUBJECT_DEPS


def _sentence_window(ctx: Context, token: Token) -> int:
    """Start char of the previous sentence (antecedents for it/they must be that close)."""
    sent = token.sent
    if sent.start == 0:
        return 0
    return ctx.doc[sent.start - 1].sent.start_char


def _index(clusters: dict[tuple, list[Candidate]]) -> list[tuple[Candidate, tuple]]:
    """Antecedent candidates: names, and phrases that speak for an actor ('the Kremlin's spokesman')."""
    return sorted(((c, key) for key, cands in clusters.items() for c in cands
                   if c.is_name or c.text.lower() not in ALL_PRONOUNS),
                  key=lambda item: item[0].start)


ALL_PRONOUNS = frozenset(data.rules()["person_pronouns"] + data.rules()["collective_pronouns"]
                         + data.rules()["plural_pronouns"] + ["who", "which", "that"])


def _insert(index, cand: Candidate, key: tuple) -> None:
    """Resolved anaphors become antecedents too ('the company said it ...')."""
    position = bisect.bisect_left([c.start for c, _ in index], cand.start)
    index.insert(position, (cand, key))


def _nearest(index, before_char: int, accept) -> tuple[Candidate, tuple] | None:
    found = None
    for cand, key in index:
        if cand.end > before_char:
            break
        if accept(cand):
            found = (cand, key)
    return found


def _add(clusters, key, antecedent: Candidate, span) -> Candidate:
    added = Candidate(key, antecedent.type, antecedent.name, antecedent.country, span.start_char,
                      span.end_char, span.text, span.root.i, antecedent.role, is_name=False)
    clusters[key].append(added)
    return added


def _relative_antecedent(index, token: Token):
    """'Kim, who considered it' -> the candidate whose mention holds the modified noun."""
    noun = token.head.head
    for cand, key in index:
        if cand.head == noun.i or (cand.start <= noun.idx < cand.end):
            return cand, key
    return None


def _description(ctx: Context, token: Token) -> tuple[str, str, str | None] | None:
    """('leader', 'person', 'TR') for 'the Turkish leader', ('agency', 'media', None) for 'the agency':
    a definite noun used on its own (no other modifiers, not a title before a name)."""
    descriptions = data.rules()["descriptions"]
    word = token.lower_
    prev = ctx.doc[token.i - 1].lower_ if token.i > 0 else ""
    if f"{prev} {word}" in descriptions:
        word = f"{prev} {word}"
    if word not in descriptions or token.dep_ == "compound" or token.pos_ not in ("NOUN", "PROPN"):
        return None
    if token.ent_type_:
        return None  # part of a name ("the Central Committee"), handled as a name
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in token.rights):
        return None  # a specific title ("the Secretary of Defense"), not an anaphor
    lefts = [c for c in token.lefts if c.i < token.i - len(word.split()) + 1]
    if not lefts or lefts[0].lower_ != "the" or any(c.dep_ in ("poss", "nummod") for c in lefts):
        return None
    country = None
    for modifier in lefts[1:]:
        country = data.country_of_word(modifier.text) if modifier.dep_ in ("amod", "compound") else None
        if country is None:
            return None  # "the new leader", "the former president": not a plain anaphor
    if token.i + 1 < len(ctx.doc) and ctx.doc[token.i + 1].ent_type_ in ("PERSON", "ORG"):
        return None  # a title: "the president Emmanuel Macron"
    return word, descriptions[word], country


FEMININE = ("she", "her", "hers", "herself")
# first-name sexes come from US census lists: trusted for people of these countries or of none known
FIRST_NAME_COUNTRIES = ("US", "GB", "CA", "AU", "NZ", "IE")
SALIENCE_SENTENCES = 2  # a pronoun looks for a salient person in its sentence and the two before


def _salient_person(ctx: Context, index, token: Token, sex: str, sexes: dict, sizes: dict,
                    salience_sentences: int = SALIENCE_SENTENCES):
    """The most salient compatible person close before a pronoun: recent sentences first, subjects
    and often-named people preferred, then the nearest."""
    sentence = ctx.sentence_of[token.i]
    best, best_score = None, None
    for cand, key in index:
        if cand.end > token.idx:
            break
        distance = sentence - ctx.sentence_of[cand.head]
        if cand.type != "person" or distance > salience_sentences or sexes.get(key) not in (sex, None):
            continue
        subject = ctx.doc[cand.head].dep_ in SUBJECT_DEPS
        score = (-distance + (1 if subject else 0) + (0.5 if sizes.get(key, 0) >= 3 else 0), cand.start)
        if best_score is None or score > best_score:
            best, best_score = (cand, key), score
    return best


def _sex_of(cands: list[Candidate]) -> str | None:
    """'f' / 'm' from gendered words in the mentions (Mrs, spokeswoman, father), else the first name."""
    gendered = data.rules()["gendered_words"]
    for cand in cands:
        for word in data.normalise_name(cand.text).split():
            if word in gendered:
                return gendered[word]
    names = [c.name for c in cands if c.is_name]
    country = next((c.country for c in cands if c.country), None)
    if not names or (country and country not in FIRST_NAME_COUNTRIES):
        return None  # the census lists mislead elsewhere: Valery, Andrea, Jean, Nikita are men's names
    first = data.normalise_name(max(names, key=len)).split()
    return data.first_name_sex().get(first[0]) if len(first) > 1 else None


def add_coreferent_mentions(ctx: Context, clusters: dict[tuple, list[Candidate]], person_window: int = PERSON_WINDOW,
                            salience_sentences: int = SALIENCE_SENTENCES) -> None:
    index = _index(clusters)
    rules = data.rules()
    person_pronouns = set(rules["person_pronouns"])
    collective_pronouns = set(rules["collective_pronouns"])
    plural_pronouns = set(rules["plural_pronouns"])
    doc = ctx.doc
    sexes = {key: _sex_of(cands) for key, cands in clusters.items() if key[0] == "person"}
    sizes = {key: sum(c.is_name for c in cands) for key, cands in clusters.items()}
    for token in doc:
        word = token.lower_
        span = doc[token.i:token.i + 1]
        hit = None
        if word in ("who", "which", "that") and token.dep_ in SUBJECT_DEPS and token.head.dep_ == "relcl":
            hit = _relative_antecedent(index, token)
        elif word in person_pronouns and token.pos_ == "PRON":
            sex = "f" if word in FEMININE else "m"
            hit = (_salient_person(ctx, index, token, sex, sexes, sizes, salience_sentences)
                   or _nearest_person(index, token, sex, sexes, person_window))
        elif word in collective_pronouns and not ctx.in_quote[token.i] and (
            (token.dep_ in SUBJECT_DEPS and token.head.pos_ in ("VERB", "AUX")) or token.dep_ == "poss"
        ):
            hit = _nearest_subject(ctx, index, token, plural=False)
        elif word in plural_pronouns and not ctx.in_quote[token.i] and token.dep_ in SUBJECT_DEPS + ("poss",):
            hit = _nearest_subject(ctx, index, token, plural=True)
        else:
            described = _description(ctx, token)
            if described:
                span = doc[token.left_edge.i:token.i + 1]
                hit = _resolve_description(ctx, clusters, index, token, *described)
        if hit is not None:
            added = _add(clusters, hit[1], hit[0], span)
            if word not in person_pronouns:
                _insert(index, added, hit[1])


def _nearest_person(index, token: Token, sex: str, sexes: dict, person_window: int = PERSON_WINDOW):
    """The nearest person not known to be of the other sex, within person_window tokens."""
    return _nearest(index, token.idx, lambda c: c.type == "person" and token.i - c.head <= person_window
                    and sexes.get(c.key) in (sex, None))


def _nearest_subject(ctx: Context, index, token: Token, plural: bool):
    """it/its: the nearest government / organisation / media / military / group named by a singular
    noun in subject position, this sentence or the one before; they/their: the nearest group or
    actor named by a plural noun ('Russian officials', 'the authorities')."""
    window = _sentence_window(ctx, token)
    doc = ctx.doc

    def fits(cand: Candidate) -> bool:
        if cand.start < window or not _is_subject(ctx, cand):
            return False
        is_plural = doc[cand.head].tag_ in ("NNS", "NNPS")
        if plural:
            return cand.type == "group" or is_plural
        return cand.type in COLLECTIVE_TYPES and not is_plural

    return _nearest(index, token.idx, fits)


def _resolve_description(ctx: Context, clusters, index, token: Token, word: str, etype: str,
                         country: str | None):
    if word == "country":
        if not is_agent_position(token):
            return None  # "the country's western region" is a place, not an actor
        country = ctx.focus_country(token.i)
        if country is None:
            return None
        key = ("government", country)
        if key not in clusters:
            clusters[key] = []
        proto = Candidate(key, "government", collective_name("government", country), country,
                          token.idx, token.idx + len(token.text), token.text, token.i, is_name=False)
        return proto, key
    accepts = ACCEPTS.get(etype, (etype,))

    def fits(cand: Candidate) -> bool:
        return cand.type in accepts and (country is None or cand.country == country)

    same_role = _nearest(index, token.idx, lambda c: fits(c) and c.role is not None and word in c.role.lower())
    return same_role or _nearest(index, token.idx, fits)
