"""Which spans of a Doc are toponyms.

Recognition starts from the model's GPE/LOC/FAC entities.  The small model
mislabels many place names (Kursk as PRODUCT, Belgorod as NORP, Kyiv as
PERSON) or misses them, so an entity or run of proper nouns whose whole text
is a gazetteer name also counts when its slot in the parse is a place slot
(object of a locative preposition, followed by "region"/"oblast", "X, Y"
with a known place) -- or, for countries and capitals, an actor slot.
"X region/province/oblast" is read as one span that prefers a region.
"""
from __future__ import annotations

from spacy.tokens import Doc

from claimledger.pipeline.places.metonymy import is_metonym
from claimledger.pipeline.places.toponyms import PLACE_LABELS, Mention, Thresholds, Words


# labels the small model puts on place names by mistake ("" = a run of proper nouns it missed);
# DATE, CARDINAL and the like are never read as places ("August")
MISLABELS = {"", "PERSON", "NORP", "PRODUCT", "ORG", "WORK_OF_ART", "EVENT", "LAW"}


def recognise(doc: Doc, gaz, w: Words, thresholds: Thresholds) -> list[Mention]:
    persons = _person_name_parts(doc)
    taken = [False] * len(doc)
    mentions: list[Mention] = []

    def add(m: Mention | None) -> None:
        if m is None or any(taken[m.start:m.end]):
            return
        for i in range(m.start, m.end):
            taken[i] = True
        mentions.append(m)

    for ent in doc.ents:
        add(_from_span(doc, ent.start, ent.end, ent.label_, gaz, w, persons, thresholds))
    for start, end in _propn_runs(doc, taken):
        add(_from_span(doc, start, end, "", gaz, w, persons, thresholds))
    mentions.sort(key=lambda m: m.start)
    return mentions


def _propn_runs(doc: Doc, taken: list[bool]):
    i = 0
    while i < len(doc):
        if doc[i].pos_ == "PROPN" and not taken[i] and not doc[i].ent_type_:
            j = i
            while j < len(doc) and doc[j].pos_ == "PROPN" and not taken[j] and not doc[j].ent_type_:
                j += 1
            yield i, j
            i = j
        else:
            i += 1


def _person_name_parts(doc: Doc) -> set[str]:
    """Tokens of multi-word PERSON names: a later 'Lincoln' alone is the person, not the town."""
    parts = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) > 1:
            parts.update(t.text for t in ent)
    return parts


def lemma_name(span) -> str:
    """A name in an inflecting language looked up by its proper nouns' lemmas: "России" -> "Россия"."""
    return " ".join(t.lemma_ if t.pos_ == "PROPN" and t.lemma_[:1].isupper() else t.text for t in span)


def _inflected_name(span, gaz) -> str:
    """A name in an inflecting language as the gazetteer lists it: its proper nouns' lemmas
    ("России" -> "Россия"), else the phrase in the nominative ("Курской области" -> "Курская область")."""
    text = lemma_name(span)
    if text in gaz or span.doc.lang_ != "ru":
        return text
    from claimledger.pipeline.ru.names import nominative
    nominal = nominative(span)
    return nominal if nominal in gaz else text


def _from_span(doc: Doc, start: int, end: int, label: str, gaz, w: Words, persons,
               thresholds: Thresholds) -> Mention | None:
    # "the Kursk region": drop a leading determiner
    while start < end and doc[start].lower_ in ("the", "a"):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1  # "North Korea's"
    if start >= end:
        return None
    if label not in PLACE_LABELS and label not in MISLABELS:
        return None
    text = doc[start:end].text if doc.lang_ == "en" else _inflected_name(doc[start:end], gaz)
    if not text[:1].isupper() and not text[:1].isdigit():
        return None  # "summer", "one county": names are capitalised
    if all(_generic(t, w) for t in doc[start:end]):
        return None  # "City Hall", "North", "City of": no name in it
    if end - start == 1 and doc[start].text in persons and not _after_locative(doc[start], w):
        return None  # "Saakashvili said", after "Mikheil Saakashvili"
    seat = w.seats.get(text)
    if seat:
        return Mention(start, end, text, seat=seat, label=label or "ORG")
    prefer = None
    # "Kursk region", "Kursk Oblast": a generic region word after the name
    last = doc[end - 1].lower_
    if end - start > 1 and last in w.region and not _own_name(text, gaz):
        prefer, lookup = w.region[last], doc[start:end - 1].text
    elif end < len(doc) and doc[end].lower_ in w.region and doc[end].dep_ != "appos":
        prefer, lookup, end = w.region[doc[end].lower_], text, end + 1
    else:
        lookup = text
        prefer = _kind_before(doc, start, w) or _kind_after(doc, end, w)
    known = lookup in gaz
    facility = _facility(doc, start, end, w)
    if _acronym(lookup) and not _major_place(lookup, gaz, thresholds.acronym_min_population):
        return None  # "NATO", "OAS", "MoD" tagged GPE: acronyms mostly name organisations
    if label in PLACE_LABELS:
        if not known and facility is None and label == "FAC":
            facility = "facility"
        return Mention(start, end, lookup, prefer=prefer, facility=None if known else facility,
                       label="FAC" if (facility and not known) else label)
    if not known:
        # "Royal Street", "Lake Vermont" tagged ORG: named streets and natural features are places
        if label == "ORG" and facility in w.outdoor and end - start > 1:
            return Mention(start, end, lookup, facility=facility, label="FAC")
        return None
    if prefer in ("admin", "admin2"):
        return Mention(start, end, lookup, prefer=prefer, label="LOC")
    if label == "NORP" or _looks_like_person(doc, start, end, w, persons):
        return None
    if _main_area_name(lookup, gaz) or _in_place_slot(doc, start, end, w, gaz, label):
        return Mention(start, end, lookup, prefer=prefer)
    if _strong_place(lookup, gaz) and is_metonym(doc[start:end], w):
        return Mention(start, end, lookup, prefer=prefer)
    return None


def _acronym(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return 2 <= len(letters) <= 5 and sum(ch.isupper() for ch in letters) >= 2 and " " not in text


def _major_place(name: str, gaz, min_population: int) -> bool:
    """'US', 'UK', 'DRC', 'NYC': acronyms of countries, regions and big cities."""
    return any(c.entry.kind != "city" and c.entry.kind != "admin2" or c.entry.population >= min_population
               for c in gaz.candidates(name))


def _generic(tok, w: Words) -> bool:
    low = tok.lower_
    return (tok.is_punct or low in ("of", "the", "and") or low in w.facility or low in w.directions
            or low in w.region or low in w.kind_before or low in w.kind_after)


def _after_locative(tok, w: Words) -> bool:
    return tok.dep_ == "pobj" and tok.head.lower_ in w.preps


def _own_name(name: str, gaz) -> bool:
    """A gazetteer entry's own name ('Dominican Republic', 'Nyanza Province'), not name + generic word."""
    return any(c.how == 0 for c in gaz.candidates(name))


def _main_area_name(name: str, gaz) -> bool:
    """The name of a country ('Ohio', 'DPRK') or the own name of a first-level region
    ('Texas'): a place whatever the model says."""
    return any((c.how == 0 and c.entry.kind in ("admin1", "continent")) or (c.how < 2 and c.entry.kind == "country")
               for c in gaz.candidates(name))


def _dateline(doc: Doc, start: int, end: int) -> bool:
    at_line_start = start == 0 or "\n" in doc[start - 1].text_with_ws or doc[start - 1].is_space
    followed = end < len(doc) and doc[end].text in ("\u2014", "\u2013", "-", "--", ",", "(", ":")
    return at_line_start and followed and all(t.is_upper for t in doc[start:end])


def _kind_before(doc: Doc, start: int, w: Words) -> str | None:
    # "the city of X", "the state of X"
    if start >= 2 and doc[start - 1].lower_ == "of":
        return w.kind_before.get(doc[start - 2].lower_)
    return None


def _kind_after(doc: Doc, end: int, w: Words) -> str | None:
    return w.kind_after.get(doc[end].lower_) if end < len(doc) else None


def _facility(doc: Doc, start: int, end: int, w: Words) -> str | None:
    for tok in reversed(doc[start:end]):
        if tok.lower_ in w.facility:
            return w.facility[tok.lower_]
    return None


def _looks_like_person(doc: Doc, start: int, end: int, w: Words, persons) -> bool:
    prev = doc[start - 1].lower_.rstrip(".") if start > 0 else ""
    return prev in w.titles or (end - start == 1 and doc[start].text in persons)


def _sizeable(name: str, gaz, min_population: int = 5000) -> bool:
    return any(c.entry.kind != "city" or c.entry.population >= min_population for c in gaz.candidates(name))


def _strong_place(name: str, gaz) -> bool:
    """Countries and capitals: names that in an actor slot are read as places standing for a state."""
    return any(c.how == 0 and (c.entry.kind == "country" or c.entry.capital) for c in gaz.candidates(name))


def _in_place_slot(doc: Doc, start: int, end: int, w: Words, gaz, label: str = "") -> bool:
    span = doc[start:end]
    root = span.root
    while root.dep_ in ("conj", "appos") and root.head.i != root.i:
        root = root.head
    if root.dep_ == "pobj" and root.head.lower_ in w.preps:
        return True
    # "residents of Gainesville", "the outskirts of Kursk"
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in w.place_nouns:
        return True
    # "Alexandria woman", "a Kursk hospital": a name modifying a common noun, if it is a real town
    # (for PERSON-tagged names only before resident nouns: "an Alexandria woman", not "the Obama administration")
    if (root.dep_ in ("compound", "nmod") and root.head.pos_ == "NOUN" and _sizeable(span.text, gaz)
            and (label != "PERSON" or root.head.lemma_.lower() in w.resident_nouns)):
        return True
    # a dateline: "TORONTO -- ..." at the start of the text or of a line
    if _dateline(doc, start, end):
        return True
    # "X, Y" with a known place on either side
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].ent_type_ in PLACE_LABELS:
        return True
    if start >= 2 and doc[start - 1].text == "," and doc[start - 2].ent_type_ in PLACE_LABELS:
        return True
    return False
