"""Organisations, media, military units (ORG names, the Phoenix dictionary) and vague groups.

"North Korean state news agency KCNA", "World Health Organisation (WHO)",
"the 11th Airborne Brigade"; and the vague sources: "Western intelligence",
"officials in Moscow", "sources".
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from claimledger.countries import country_code
from claimledger.pipeline.actors import known as data
from claimledger.pipeline.actors import lexicon as lex
from claimledger.pipeline.actors.mentions import Candidate, Context, candidate, government, is_agent_position, named_key
from claimledger.pipeline.actors.people import strip_lowercase_prefix


def _prefix_and_appos(span: Span) -> tuple[Span, Span | None]:
    """The modifiers before a name ('North Korean state news agency' KCNA) and an apposition after."""
    doc, root = span.doc, span.root
    left = min(root.left_edge.i, span.start)
    for i in range(span.start - 1, left - 1, -1):
        if doc[i].is_punct or doc[i].dep_ == "cc" or doc[i].pos_ in ("VERB", "AUX", "ADP"):
            left = i + 1
            break
    appos = next((c for c in root.children if c.dep_ == "appos" and c.i > root.i), None)
    appos_span = doc[appos.left_edge.i:appos.right_edge.i + 1] if appos is not None else None
    return doc[left:span.start], appos_span


def _has_phrase(span: Span | None, phrases) -> bool:
    if span is None or not len(span):
        return False
    text = " " + " ".join(t.lower_ for t in span) + " "
    return any(f" {p} " in text for p in phrases)


def _ends_with_phrase(span: Span, phrases) -> bool:
    text = " ".join(t.lower_ for t in span)
    return any(text == p or text.endswith(" " + p) for p in phrases)


def _text_ends_with(text: str, phrases) -> bool:
    text = " ".join(text.lower().split())
    return any(text == p or text.endswith(" " + p) for p in phrases)


def _nominal(span: Span) -> str:
    """A Russian name with its head in the nominative ("Министерства обороны" -> "Министерство обороны")."""
    if span.doc.lang_ != "ru":
        return span.text
    from claimledger.pipeline.ru.names import head_nominative
    return head_nominative(span)


def _genitive_country(span: Span) -> str | None:
    """The country a genitive modifier after the name gives it ("Минобороны России" -> RU, "Генштаб ВСУ"
    -> UA): a country name by its lemma, or a known actor's country.  Only morphologies with case have it."""
    for child in span.root.rights:
        if child.dep_ != "nmod" or "Gen" not in child.morph.get("Case"):
            continue
        code = country_code(child.lemma_)  # countries.py: Russian country names too
        if code is None:
            known = data.lookup_actor(child.text)
            code = known.country if known is not None else None
        if code:
            return code
    return None


def _known_group(text: str) -> bool:
    """A NORP name that is an armed / political group in the dictionary (Taliban, Hezbollah)."""
    known = data.lookup_actor(text)
    return known is not None and known.type == "group" and not data.country_of_word(text) \
        and not lex.is_known_place(text)


def _looks_like_person_name(span: Span, rules: dict) -> bool:
    words = [t.lower_ for t in span]
    if not 2 <= len(words) <= 3 or not all(t.is_title for t in span):
        return False
    if words[0] not in data.first_name_sex():
        return False
    org_words = set(rules["organisation_words"]) | set(rules["media_name_words"]) | set(rules["military_words"])
    return not any(w in org_words or data.country_of_word(w) for w in words)


def organisation_candidates(ctx: Context) -> list[Candidate]:
    rules = data.rules()
    found = []
    for ent in ctx.ents:
        if ent.label_ not in ("ORG", "NORP") or ent.text.islower() or ent.start in ctx.person_tokens:
            continue
        name_span = strip_lowercase_prefix(lex.strip_determiner(lex.strip_possessive(_before_bracket(ent))))
        if ent.label_ == "NORP" and not _known_group(name_span.text):
            continue  # demonyms and mis-tagged toponyms (Belgorod) are not actors
        if ctx.in_caption(ent.start_char, ent.end_char):
            continue  # photo credits (EPA, Kremlin Pool) are not actors of the article
        prefix, appos = _prefix_and_appos(name_span)
        known = data.lookup_actor(name_span.text, ctx.day)
        nominal = _nominal(name_span)  # an inflecting language: the name as dictionaries list it
        if known is None and nominal != name_span.text:
            known = data.lookup_actor(nominal, ctx.day)
        country = None
        poss = next((c for c in name_span.root.lefts if c.dep_ == "poss"), None)
        if poss is not None and poss.lower_ == "country" and any(t.lower_ == "the" for t in poss.lefts):
            country = ctx.focus_country(poss.i)
        for part in (prefix, appos, name_span):
            if country is None and part is not None and len(part):
                countries = lex.countries_in(part)
                country = countries[0] if countries else None
        if country is None:
            country = _genitive_country(name_span)
        if country is None and known is not None:
            country = known.country
        if _ends_with_phrase(name_span, rules["military_words"]) or \
                nominal != name_span.text and _text_ends_with(nominal, rules["military_words"]):
            if country:
                found.append(government(lex.strip_determiner(ent), country, name_span.root, "military"))
            else:
                found.append(candidate(name_span, named_key(name_span.text), "military", name_span.text,
                                       None, name_span.root))
            continue
        if known is None and _looks_like_person_name(name_span, rules):
            # 'Dean Kamen' tagged ORG: a first name and a surname, no word of an organisation's name
            found.append(candidate(name_span, ("person", data.normalise_name(name_span.text)), "person",
                                   name_span.text, country, name_span.root))
            continue
        if len(name_span) > 2 and name_span[0].lower_ in lex.rule_words("person_titles") and name_span[1].is_title:
            # "Spokeswoman Sandy Angers" tagged ORG: a titled person
            person = name_span[1:]
            found.append(candidate(name_span, ("person", data.normalise_name(person.text)), "person",
                                   person.text, country, person.root, name_span[0].text))
            continue
        if (_has_phrase(prefix, rules["media_heads"]) or _has_phrase(appos, rules["media_heads"])
                or _has_phrase(name_span, rules["media_name_words"])):
            etype = "media"
        elif known is not None and known.type in ("media", "group", "military"):
            etype = known.type
        else:
            etype = "organisation"
        start = prefix.start if len(prefix) else name_span.start
        span = ctx.doc[start:name_span.end]
        name = name_span.text
        found.append(candidate(span, named_key(name), etype, name, country, name_span.root))
        acronym = _bracketed_acronym(ctx.doc, name_span.end)
        if acronym is not None:  # 'World Health Organisation (WHO)': the acronym names it too
            found.append(candidate(acronym, named_key(name), etype, name, country, acronym.root))
    return found


def _before_bracket(span: Span) -> Span:
    """'World Health Organisation (WHO' -> 'World Health Organisation'."""
    for token in span:
        if token.text == "(" and token.i > span.start:
            return span.doc[span.start:token.i]
    return span


def _bracketed_acronym(doc: Doc, i: int) -> Span | None:
    """The '(WHO)' right after a name, as a span of the acronym."""
    if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")" and doc[i + 1].is_upper \
            and doc[i + 1].is_alpha:
        return doc[i + 1:i + 2]
    return None


# --- groups and vague sources ---------------------------------------------------------------

def _modifiers_start(token: Token) -> int:
    """First token of the adjacent modifiers of a noun; for a compound ('Western intelligence
    reports') also the modifiers its head carries before it."""
    left = token.i
    owners = [token] + ([token.head] if token.dep_ == "compound" else [])
    moved = True
    while moved and left > 0:
        prev = token.doc[left - 1]
        moved = prev.dep_ in ("amod", "compound", "nmod") and prev.head in owners
        if moved:
            left = prev.i
            owners.append(prev)  # a modifier's own compounds: "[United] Nations officials"
    return left


def _place_of_origin(token: Token) -> str | None:
    """'officials in Moscow', 'sources from Kyiv' -> the country of that capital or country name."""
    for prep in token.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "from"):
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    return lex.government_country(obj.text)
    return None


def group_candidates(ctx: Context) -> list[Candidate]:
    """'Western intelligence reports' -> group 'Western intelligence'; 'officials said' -> group."""
    heads = data.rules()["group_heads"]
    found = []
    for token in ctx.doc:
        if token.lower_ not in heads or token.pos_ not in ("NOUN", "PROPN") or token.ent_type_ == "PERSON":
            continue
        if not is_agent_position(token):
            continue
        span = ctx.doc[_modifiers_start(token):token.i + 1]
        countries = lex.countries_in(span)
        country = countries[0] if countries else _place_of_origin(token)
        if country and token.lower_ in ("officials", "official"):
            found.append(government(span, country, token))
            continue
        # 'source' and 'sources', 'official' and 'officials' are one vague group
        found.append(candidate(span, named_key(" ".join([t.text for t in span[:-1]] + [token.lemma_])), "group",
                               span.text, country, token))
    return found
