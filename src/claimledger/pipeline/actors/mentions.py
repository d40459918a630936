"""Candidate actor mentions in a parsed Doc: people, governments (metonyms), organisations, groups.

Each finder returns `Candidate`s; claimledger_actors merges candidates that share a key into one
entity.  Keys: ("person", normalised name) — merged later by name containment —,
("government"|"military", country), and (type, country, normalised name) for the rest.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from claimledger.pipeline.actors import known as data
from claimledger.pipeline.actors import lexicon as lex


@dataclass
class Candidate:
    key: tuple
    type: str
    name: str
    country: str | None
    start: int  # character offsets of the mention
    end: int
    text: str
    head: int  # token index of the mention's syntactic head
    role: str | None = None
    is_name: bool = True  # False for pronouns and descriptions (not aliases)


# where the credit of a caption starts: a credit label, or a "/" between agency and photographer
CREDIT_LABEL = re.compile(r"\b(?:photo(?:graph)?s?|images?|pictures?|credits?|illustration|footage|video)\s*:|/",
                          re.IGNORECASE)


@dataclass
class Context:
    """What the finders share about one document."""

    doc: Doc
    day: str | None
    captions: list[tuple[int, int]]
    in_quote: list[bool]
    country_refs: list[tuple[int, str]]  # (token index, alpha-2) of every country reference, in order
    place_like_persons: list[Span]
    ents: list[Span]  # doc.ents, built once (the property builds new spans on every access)
    sentence_of: list[int]  # token index -> sentence number
    person_tokens: set = None  # tokens taken as person names (other finders leave them alone)

    def in_caption(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.captions)

    def in_credit(self, start: int) -> bool:
        """Whether a position lies in the credit part of a caption ('Photo: EPA-EFE/JOHN DOE')."""
        for s, e in self.captions:
            if s <= start < e:
                label = CREDIT_LABEL.search(self.doc.text, s, e)
                return label is not None and label.start() <= start
        return False

    def focus_country(self, before: int) -> str | None:
        """The country in focus: the nearest country reference before token `before`."""
        found = None
        for i, code in self.country_refs:
            if i >= before:
                break
            found = code
        return found


def _quote_flags(doc: Doc) -> list[bool]:
    flags, inside = [], False
    for token in doc:
        text = token.text
        if text in ("“", "‘"):
            inside = True
        elif text in ("”", "’") and token.tag_ != "POS":
            flags.append(inside)
            inside = False
            continue
        elif text == '"':
            inside = not inside
        flags.append(inside)
    return flags


def _captions(doc: Doc) -> list[tuple[int, int]]:
    spans = doc._.captions
    if spans is None:
        from claimledger.read.captions import find_captions  # readers own caption detection

        spans = [(c.start, c.end) for c in find_captions(doc.text)]
    return [(s.start, s.end) if hasattr(s, "start") else tuple(s) for s in spans]


def _country_refs(doc: Doc) -> list[tuple[int, str]]:
    refs, i = [], 0
    while i < len(doc):
        token = doc[i]
        if token.is_title or token.is_upper:
            hit = lex.country_at(doc, i)
            if hit and hit[1] >= i:
                refs.append((hit[1], hit[0]))
                i = hit[2]
                continue
            capital = data.capitals().get(data.normalise_name(token.text)) if token.ent_type_ else None
            if capital:
                refs.append((i, capital))
        i += 1
    return refs


def make_context(doc: Doc) -> Context:
    published = doc._.published
    return Context(
        doc=doc,
        day=str(published)[:10] if published else None,
        captions=_captions(doc),
        in_quote=_quote_flags(doc),
        country_refs=_country_refs(doc),
        place_like_persons=[],
        ents=list(doc.ents),
        sentence_of=_sentence_numbers(doc),
        person_tokens=set(),
    )


def _sentence_numbers(doc: Doc) -> list[int]:
    numbers = [0] * len(doc)
    if not doc.has_annotation("SENT_START"):
        return numbers
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            numbers[i] = n
    return numbers


def candidate(span: Span, key: tuple, etype: str, name: str, country: str | None, head: Token,
              role: str | None = None, is_name: bool = True) -> Candidate:
    return Candidate(key, etype, name, country, span.start_char, span.end_char, span.text, head.i, role, is_name)


# --- agent position -------------------------------------------------------------------------

def is_agent_position(token: Token) -> bool:
    """Whether a noun acts: subject of a verb, possessor of a report noun, by-agent, source of a report."""
    dep, head = token.dep_, token.head
    if dep == "conj" and head.i != token.i:
        return is_agent_position(head)
    if dep == "nsubj":
        if head.lemma_ == "be":  # 'Moscow was ready for talks' acts; 'Russia is vast' does not
            return any(c.dep_ == "acomp" and c.lower_ in lex.stance_adjectives() for c in head.children)
        return head.pos_ in ("VERB", "AUX") and head.lemma_ not in lex.excluded_agent_verbs()
    if dep == "poss":
        return head.lower_ in lex.report_nouns()
    if dep == "compound":
        return head.lower_ in lex.report_nouns() and head.dep_ != "compound"
    if dep == "pobj":
        prep = head
        if prep.lower_ == "by" and prep.dep_ == "agent":
            return True
        if prep.lower_ == "from" and prep.head.lower_ in lex.report_nouns():
            return True
        if prep.lower_ == "to" and prep.head.lower_ == "according":
            return True
    return False


# --- people ---------------------------------------------------------------------------------

def _name_elsewhere(span: Span, ents: list[Span]) -> bool:
    """Whether a single-word PERSON is part of a longer PERSON name elsewhere (Michael Jackson / Jackson)."""
    word = span.text.lower()
    return any(e.label_ == "PERSON" and len(e) > len(span) and word in e.text.lower().split()
               for e in ents)


def _role_phrase(prefix: Span, doc: Doc) -> tuple[str | None, str | None]:
    """(role, country) from the words before a name: 'North Korean leader' -> ('leader', 'KP')."""
    if len(prefix) == 0:
        return None, None
    countries = lex.countries_in(prefix)
    start = prefix.start
    while start < prefix.end:
        token = doc[start]
        hit = lex.country_at(doc, start)
        if token.lower_ in ("the", "a", "an") or token.text in ("’s", "'s"):
            start += 1
        elif hit and hit[1] == start:
            start = hit[2]
        else:
            break
    role_span = doc[start:prefix.end]
    has_role = any(lex.is_role_word(t) for t in role_span)
    country = countries[0] if countries else _seat_country(prefix)
    return (role_span.text if has_role and len(role_span) else None), country


def _seat_country(span: Span) -> str | None:
    """'Kremlin spokesman', 'White House press secretary': the country of a seat of government."""
    seats = data.seat_metonyms()
    for i in range(span.start, span.end):
        for j in (i + 2, i + 1):
            words = " ".join(t.text for t in span.doc[i:min(j, span.end)])
            if words in seats:
                return seats[words][0]
    return None


def _person_extent(span: Span) -> tuple[Span, str | None, str | None]:
    """The whole subject phrase of a name with its role and country.

    'North Korean dictator Kim Jong Un' (name is an apposition of the role noun), 'Ukrainian President
    Volodymyr Zelensky' (role words are compounds of the name), 'Putin, the Russian president' (appositive after).
    """
    doc, root = span.doc, span.root
    head = root.head
    if root.dep_ == "appos" and head.i < span.start and lex.is_role_word(head):
        left = head.left_edge.i
    else:
        left = min(root.left_edge.i, span.start)
    # never cross punctuation, conjunctions or verbs on the way left
    for i in range(span.start - 1, left - 1, -1):
        if doc[i].is_punct or doc[i].dep_ == "cc" or doc[i].pos_ in ("VERB", "AUX"):
            left = i + 1
            break
    while left < span.start and doc[left].lower_ in ("the", "a", "an"):
        left += 1
    role, country = _role_phrase(doc[left:span.start], doc)
    if role is None:
        left = span.start
        country = country if left < span.start else None
    for child in root.children:  # "Putin, the Russian president,"
        if child.dep_ == "appos" and child.i > root.i and lex.is_role_word(child):
            appos = doc[child.left_edge.i:child.right_edge.i + 1]
            appos_role, appos_country = _role_phrase(appos, doc)
            role = role or appos_role
            country = country or appos_country
    if country is None and left < span.start:
        countries = lex.countries_in(doc[left:span.start])
        country = countries[0] if countries else None
    return doc[left:span.end], role, country


def _strip_lowercase_prefix(span: Span) -> Span:
    """'magician David Gish' -> 'David Gish', 'Ayatollah Ali Khamenei' -> 'Ali Khamenei' (the
    recogniser sometimes takes the title along; it stays in the mention through the role phrase)."""
    start = span.start
    while start < span.end - 1 and (span.doc[start].is_lower or span.doc[start].is_punct
                                    or span.doc[start].lower_.rstrip(".") in lex.honorifics()):
        start += 1
    return span.doc[start:span.end]


def person_candidates(ctx: Context) -> list[Candidate]:
    found = []
    for ent in ctx.ents:
        if ent.label_ != "PERSON":
            continue
        span = _strip_lowercase_prefix(lex.strip_possessive(ent))
        if not any(t.is_alpha for t in span) or not span.text[:1].isupper():
            continue
        if ctx.in_credit(span.start_char):
            continue  # the photographer of a picture is no actor of the article
        if lex.is_known_place(span.text) and not _name_elsewhere(span, ctx.ents) and not data.lookup_actor(span.text, etype="person"):
            ctx.place_like_persons.append(span)  # spaCy's small model tags Kyiv as PERSON
            continue
        known = data.lookup_actor(span.text, ctx.day)
        if known is not None and known.type != "person" and not data.lookup_actor(span.text, ctx.day, "person"):
            # the dictionary knows the name as an organisation ('Xinhua' tagged PERSON)
            found.append(candidate(span, named_key(span.text), known.type if known.type != "government"
                                   else "organisation", span.text, known.country, span.root))
            continue
        extent, role, country = _person_extent(span)
        name = " ".join(span.text.split())
        found.append(candidate(extent, ("person", data.normalise_name(name)), "person", name, country,
                               span.root, role))
    found += _surnames_tagged_otherwise(ctx, [c for c in found if c.type == "person"])
    return found


LOCATIVE_PREPOSITIONS = ("in", "at", "to", "from", "near", "into", "across", "outside", "inside")


def _surnames_tagged_otherwise(ctx: Context, people: list[Candidate]) -> list[Candidate]:
    """'Valeska Paris ... Paris claims': a surname of a person of the article, tagged as a place or
    organisation, is that person unless it follows a locative preposition."""
    surnames = {c.name.split()[-1] for c in people if len(c.name.split()) > 1}
    found = []
    for ent in ctx.ents:
        if ent.label_ not in ("GPE", "ORG", "NORP", "LOC", "FAC") or len(ent) != 1 or ent.text not in surnames:
            continue
        token = ent[0]
        if token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPOSITIONS:
            continue
        ctx.person_tokens.add(token.i)
        found.append(candidate(ent, ("person", data.normalise_name(ent.text)), "person", ent.text, None, token))
    return found


# --- governments and their metonyms ----------------------------------------------------------

def government_key(country: str, etype: str = "government") -> tuple:
    return (etype, country)


def collective_name(etype: str, country: str) -> str:
    pattern = data.rules()["collective_names"].get(etype, "{country}")
    return pattern.format(country=data.country_short_name(country))


def _government(span: Span, country: str, head: Token, etype: str = "government") -> Candidate:
    return candidate(span, government_key(country, etype), etype, collective_name(etype, country), country, head)


def reported_metonyms(ctx: Context) -> list[Candidate]:
    """Toponyms the places component found standing for a government (doc._.cl_metonyms)."""
    found = []
    for item in ctx.doc._.cl_metonyms or []:
        get = item.get if isinstance(item, dict) else (lambda k, _i=item: getattr(_i, k, None))
        start, end, country = get("start"), get("end"), get("country")
        span = ctx.doc.char_span(start, end, alignment_mode="expand") if start is not None else None
        if span is None or not country or any(t.i in ctx.person_tokens for t in span):
            continue
        # only a country's name or capital stands for its government ('the West' is no region of Cameroon)
        if lex.government_country(lex.strip_determiner(lex.strip_possessive(span)).text) == country:
            found.append(_government(span, country, span.root))
    return found


def _literal_place(token: Token) -> bool:
    """A seat of government used as a place: after a locative preposition or as the object of a
    verb of movement."""
    if token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPOSITIONS:
        return True
    return token.dep_ == "dobj" and token.head.lemma_ in data.rules()["place_verbs"]


def seat_candidates(ctx: Context, matcher) -> list[Candidate]:
    """Seats of government: 'the Kremlin announced' -> Government of Russia."""
    found = []
    seats = data.seat_metonyms()
    for _, start, end in matcher(ctx.doc):
        span = ctx.doc[start:end]
        if _literal_place(span.root):
            continue  # 'leaves Downing Street', 'talks at the White House': the building itself
        country, etype = seats[" ".join(t.text for t in span)]
        if start > 0 and ctx.doc[start - 1].lower_ == "the":
            span = ctx.doc[start - 1:end]
        found.append(_government(span, country, span.root, etype))
    return found


def _unlabelled_toponyms(doc: Doc) -> list[Span]:
    """Capitalised country names / capitals the entity recogniser left out ('Kyiv later denied')."""
    found, i = [], 0
    while i < len(doc):
        token = doc[i]
        if token.ent_type_ or not token.is_title or token.pos_ != "PROPN":
            i += 1
            continue
        two = doc[i:i + 2]
        if len(two) == 2 and not two[1].ent_type_ and lex.government_country(two.text):
            found.append(two)
            i += 2
            continue
        if lex.government_country(token.text):
            found.append(doc[i:i + 1])
        i += 1
    return found


def toponym_agents(ctx: Context) -> list[Candidate]:
    """Country names and capitals in agent position: 'Pyongyang confirmed', 'Russia's claims'."""
    found = []
    spans = [e for e in ctx.ents if e.label_ == "GPE"] + ctx.place_like_persons + _unlabelled_toponyms(ctx.doc)
    for ent in spans:
        if ent.start in ctx.person_tokens:
            continue
        span = lex.strip_possessive(ent)
        span = lex.strip_determiner(span)
        country = lex.government_country(span.text)
        if country and is_agent_position(span.root):
            found.append(_government(span, country, span.root))
    return found


def _modifier_country(ctx: Context, head: Token) -> tuple[str | None, int]:
    """Country of a collective noun from its modifiers ('the Russian military', "North Korea's
    leadership", "the country's Central Military Commission"), and the phrase's first token."""
    doc, left = ctx.doc, head.i
    for child in head.lefts:
        if child.dep_ in ("amod", "compound", "poss", "nmod", "det"):
            left = min(left, child.left_edge.i)
    country = None
    for child in head.lefts:
        if child.dep_ == "poss" and child.lower_ == "country" and any(t.lower_ == "the" for t in child.lefts):
            country = ctx.focus_country(child.i)
        elif child.dep_ in ("amod", "compound", "poss", "nmod"):
            phrase = doc[child.left_edge.i:child.right_edge.i + 1]
            countries = lex.countries_in(phrase)
            country = country or (countries[0] if countries else _leader_country(phrase, ctx.day))
    return country, left


def _leader_country(phrase: Span, day: str | None) -> str | None:
    """'the Obama administration': the country a known head of government led."""
    if phrase.root.ent_type_ != "PERSON":
        return None
    known = data.lookup_actor(lex.strip_possessive(phrase).text, day, etype="person")
    return known.country if known is not None and known.role == "GOV" else None


def collective_candidates(ctx: Context) -> list[Candidate]:
    """'the Russian military' -> Military of Russia; "North Korea's leadership" -> Government of North Korea."""
    heads = data.rules()["collective_heads"]
    found = []
    for token in ctx.doc:
        if token.pos_ not in ("NOUN", "PROPN") or token.dep_ == "compound":
            continue
        word = token.lower_
        prev = token.nbor(-1).lower_ if token.i > 0 else ""
        etype = heads.get(f"{prev} {word}") or heads.get(word)
        if not etype or word.startswith("_"):
            continue
        country, left = _modifier_country(ctx, token)
        if country:
            span = ctx.doc[left:token.i + 1]
            found.append(_government(span, country, token, etype))
    return found


# --- organisations, media, military units -----------------------------------------------------

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


def _known_group(text: str) -> bool:
    """A NORP name that is an armed / political group in the dictionary (Taliban, Hezbollah)."""
    known = data.lookup_actor(text)
    return known is not None and known.type == "group" and not data.country_of_word(text) \
        and not lex.is_known_place(text)


def named_key(name: str) -> tuple:
    """Organisations, media and groups are one actor per normalised name without its legal form
    ('Apple Inc.' = 'Apple'); the type is settled when the entity is built."""
    words = data.normalise_name(name).split()
    while len(words) > 1 and words[-1] in lex.legal_forms():
        words.pop()
    return ("named", " ".join(words))


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
        name_span = _strip_lowercase_prefix(lex.strip_determiner(lex.strip_possessive(_before_bracket(ent))))
        if ent.label_ == "NORP" and not _known_group(name_span.text):
            continue  # demonyms and mis-tagged toponyms (Belgorod) are not actors
        if ctx.in_caption(ent.start_char, ent.end_char):
            continue  # photo credits (EPA, Kremlin Pool) are not actors of the article
        prefix, appos = _prefix_and_appos(name_span)
        known = data.lookup_actor(name_span.text, ctx.day)
        country = None
        poss = next((c for c in name_span.root.lefts if c.dep_ == "poss"), None)
        if poss is not None and poss.lower_ == "country" and any(t.lower_ == "the" for t in poss.lefts):
            country = ctx.focus_country(poss.i)
        for part in (prefix, appos, name_span):
            if country is None and part is not None and len(part):
                countries = lex.countries_in(part)
                country = countries[0] if countries else None
        if country is None and known is not None:
            country = known.country
        if _ends_with_phrase(name_span, rules["military_words"]):
            if country:
                found.append(_government(lex.strip_determiner(ent), country, name_span.root, "military"))
            else:
                found.append(candidate(name_span, named_key(name_span.text), "military", name_span.text,
                                       None, name_span.root))
            continue
        if known is None and _looks_like_person_name(name_span, rules):
            # 'Dean Kamen' tagged ORG: a first name and a surname, no word of an organisation's name
            found.append(candidate(name_span, ("person", data.normalise_name(name_span.text)), "person",
                                   name_span.text, country, name_span.root))
            continue
        if len(name_span) > 2 and name_span[0].lower_ in lex.person_titles() and name_span[1].is_title:
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
            found.append(_government(span, country, token))
            continue
        # 'source' and 'sources', 'official' and 'officials' are one vague group
        found.append(candidate(span, named_key(" ".join([t.text for t in span[:-1]] + [token.lemma_])), "group",
                               span.text, country, token))
    return found
