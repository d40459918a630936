"""People: PERSON names with their role and country ("North Korean leader Kim Jong Un" -> KP)."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from claimledger.pipeline.actors import known as data
from claimledger.pipeline.actors import lexicon as lex
from claimledger.pipeline.actors.mentions import LOCATIVE_PREPOSITIONS, Candidate, Context, candidate, named_key


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


def strip_lowercase_prefix(span: Span) -> Span:
    """'magician David Gish' -> 'David Gish', 'Ayatollah Ali Khamenei' -> 'Ali Khamenei' (the
    recogniser sometimes takes the title along; it stays in the mention through the role phrase)."""
    start = span.start
    while start < span.end - 1 and (span.doc[start].is_lower or span.doc[start].is_punct
                                    or span.doc[start].lower_.rstrip(".") in lex.honorifics()):
        start += 1
    return span.doc[start:span.end]


def strip_media_addressee(span: Span) -> Span | None:
    """'told Reuters Kim was not in bad health': after a verb, a news organisation that opens a
    PERSON name is the verb's addressee, not part of the name (the media names are data:
    actors/phoenix.tsv media and the reconcile layer's news agencies)."""
    doc = span.doc
    if span.start == 0 or doc[span.start - 1].pos_ not in ("VERB", "AUX"):
        return span
    start = span.start
    for n in (3, 2, 1):
        if start + n < span.end and _media_name(doc[start:start + n].text):
            start += n
            break
    return doc[start:span.end] if start < span.end else None


def _media_name(text: str) -> bool:
    if text.lower() in lex.news_agencies():
        return True
    known = data.lookup_actor(text)
    return known is not None and known.type == "media"


def sentence_opener_name(span: Span | None) -> Span | None:
    """'So Se Pyong, North Korea's ambassador, said': a name that opens a sentence and has an
    apposition after it takes along the capitalised word before it that the tagger read as an
    adverb or other word (names of two words or more; 'So Kim said' keeps 'So' out)."""
    if span is None or len(span) < 2 or span.start == 0:
        return span
    doc = span.doc
    opener = doc[span.start - 1]
    if not (opener.is_sent_start and opener.is_title and opener.is_alpha) or opener.ent_type_:
        return span
    if opener.pos_ in ("DET", "PRON", "CCONJ", "SCONJ", "ADP", "NUM") or opener.lower_ in lex.honorifics():
        return span
    root = span.root
    if not any(c.dep_ == "appos" and c.i > root.i for c in root.children):
        return span
    return doc[opener.i:span.end]


def person_name(span: Span) -> str:
    """The name as written; in an inflecting language (Russian) its lemmas: "Дмитрия Пескова" -> "Дмитрий Песков"."""
    if span.doc.lang_ == "en":
        return " ".join(span.text.split())
    return " ".join(t.lemma_ if t.lemma_[:1].isupper() else t.text for t in span if not t.is_space)


def person_candidates(ctx: Context) -> list[Candidate]:
    found = []
    for ent in ctx.ents:
        if ent.label_ != "PERSON":
            continue
        span = sentence_opener_name(strip_media_addressee(strip_lowercase_prefix(lex.strip_possessive(ent))))
        if span is None:
            continue
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
        name = person_name(span)
        found.append(candidate(extent, ("person", data.normalise_name(name)), "person", name, country,
                               span.root, role))
    found += _surnames_tagged_otherwise(ctx, [c for c in found if c.type == "person"])
    return found


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
