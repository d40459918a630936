"""claimledger_places: toponyms recognised, geocoded, and told apart from metonyms.

Recognition starts from the model's GPE/LOC/FAC entities.  The small model
mislabels many place names (Kursk as PRODUCT, Belgorod as NORP, Kyiv as
PERSON) or misses them, so an entity or run of proper nouns whose whole text
is a gazetteer name also counts when its slot in the parse is a place slot
(object of a locative preposition, followed by "region"/"oblast", "X, Y"
with a known place) -- or, for countries and capitals, an actor slot.
"X region/province/oblast" is read as one span that prefers a region.

Each toponym is resolved with the gazetteer ranking plus the document's
context: the countries and regions of its unambiguous toponyms, and "X, Y"
containment ("Alexandria, Louisiana").  Facilities without coordinates
("Sunan International Airport in Pyongyang") take the point of the place they
are in or named after.

A country, state, region, capital or seat of government in an actor's slot
(subject of a verb of saying or acting, object of accusing/ordering verbs,
agent of a passive, possessor of anything but a part of a place, source of
a confirmation, party to an agreement) stands for its government or people:
it goes to ``doc._.cl_metonyms`` (with the point it names), not
``doc._.cl_places``.  All vocabularies are data in data/places/.  Recognised toponyms
are written back to ``doc.ents`` as GPE/LOC/FAC for the components after.
"""
from __future__ import annotations

import logging
import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from claimledger.pipeline import extensions  # noqa: F401
from claimledger.pipeline.places.gazetteer import GazEntry, gazetteer, haversine_km, region_words
from claimledger.model import Place
from claimledger.resources import read_rows, read_tsv

log = logging.getLogger(__name__)

PLACE_LABELS = {"GPE", "LOC", "FAC"}
SEAT_FEATURE = "seat_of_government"  # the Kremlin, the White House: a building in the capital
ACRONYM_MIN_POPULATION = 100_000
# labels the small model puts on place names by mistake ("" = a run of proper nouns it missed);
# DATE, CARDINAL and the like are never read as places ("August")
MISLABELS = {"", "PERSON", "NORP", "PRODUCT", "ORG", "WORK_OF_ART", "EVENT", "LAW"}


@Language.factory("claimledger_places")
def make_places(nlp: Language, name: str):
    return PlacesComponent()


class PlacesComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.cl_places, doc._.cl_metonyms = [], []
        try:
            places, metonyms = find_places(doc)
        except (ValueError, KeyError, IndexError, AttributeError, TypeError) as err:
            log.warning("places failed on one document: %s", err)
            return doc
        doc._.cl_places, doc._.cl_metonyms = places, metonyms
        return doc


# ---------------------------------------------------------------- vocabularies

@dataclass(frozen=True)
class Words:
    preps: frozenset
    kind_before: dict
    kind_after: dict
    facility: dict
    titles: frozenset
    outdoor: frozenset     # facility kinds that are places in themselves (streets, lakes)
    demonym_suffixes: tuple  # (suffix, replacement) turning an adjective into a place name
    directions: frozenset  # "North", "Western": parts of a named area
    region: dict           # generic region word -> prefer
    stative: frozenset
    speech_nouns: frozenset
    party_words: frozenset
    seats: dict            # phrase -> country
    place_nouns: frozenset  # "Russia's Kursk region": a possessor of these stays a place
    actor_object_verbs: frozenset
    resident_nouns: frozenset  # "an Alexandria woman"
    of_nouns: frozenset     # "the independence of the United States"


def _table(name: str) -> tuple[tuple[str, ...], ...]:
    return read_rows(f"places/{name}")


@lru_cache(maxsize=1)
def words() -> Words:
    pw = _table("place_words.tsv")
    mt = _table("metonymy_cues.tsv")

    def pick(rows, kind):
        return {r[1]: (r[2] if len(r) > 2 else "") for r in rows if r[0] == kind}

    return Words(
        preps=frozenset(pick(pw, "prep")),
        kind_before=pick(pw, "kind_before"),
        kind_after=pick(pw, "kind_after"),
        facility=pick(pw, "facility"),
        titles=frozenset(pick(pw, "title")),
        outdoor=frozenset(pick(pw, "outdoor")),
        directions=frozenset(pick(pw, "direction")),
        demonym_suffixes=tuple((r[1], r[2] if len(r) > 2 else "") for r in pw if r[0] == "demonym_suffix"),
        region=region_words(),
        stative=frozenset(pick(mt, "stative_verb")),
        speech_nouns=frozenset(pick(mt, "speech_noun")),
        party_words=frozenset(pick(mt, "party_noun")),
        seats={r["phrase"]: r["country"] for r in read_tsv("actors/metonyms.tsv") if r["place_seat"] == "yes"},
        place_nouns=frozenset(pick(mt, "place_noun")),
        actor_object_verbs=frozenset(pick(mt, "actor_object_verb")),
        resident_nouns=frozenset(pick(pw, "resident_noun")),
        of_nouns=frozenset(pick(mt, "of_noun")),
    )


# ---------------------------------------------------------------- mentions

@dataclass
class Mention:
    start: int              # token offsets of the toponym span
    end: int
    lookup: str             # the name looked up in the gazetteer
    prefer: str | None = None
    facility: str | None = None
    seat: str | None = None  # country of a seat of government
    label: str = "GPE"
    cands: list = field(default_factory=list)
    entry: GazEntry | None = None
    metonym: bool = False


def find_places(doc: Doc) -> tuple[list[Place], list[dict]]:
    gaz, w = gazetteer(), words()
    mentions = recognise(doc, gaz, w)
    resolve(doc, mentions, gaz, w)
    for m in mentions:
        m.metonym = _is_metonym_candidate(m) and is_metonym(doc[m.start:m.end], w)
    relabel(doc, mentions)
    places, metonyms = [], []
    for m in mentions:
        span = doc[m.start:m.end]
        e = m.entry
        if m.metonym:
            metonyms.append(_metonym_record(span, m))
        else:  # a seat of government used literally ("inside the Kremlin") is a building in its capital
            places.append(Place(
                name=span.text, start=span.start_char, end=span.end_char,
                lat=e.lat if e else None, lon=e.lon if e else None,
                country=(e.country or None) if e else None, admin1=_admin1(e),
                geonames_id=(e.geonames_id or None) if e and not (m.facility or m.seat) else None,
                feature=SEAT_FEATURE if m.seat else (m.facility or (e.kind if e else None)),
            ))
    return places, metonyms


def _admin1(e: GazEntry | None) -> str | None:
    if e is None or e.kind == "country":
        return None
    return e.admin1


def _metonym_record(span: Span, m: Mention) -> dict:
    e = m.entry
    return {"start": span.start_char, "end": span.end_char, "text": span.text,
            "country": m.seat or ((e.country or None) if e else None),
            "lat": e.lat if e else None, "lon": e.lon if e else None,
            "geonames_id": (e.geonames_id or None) if e and not m.seat else None,
            "feature": SEAT_FEATURE if m.seat else (m.facility or (e.kind if e else None))}


def recognise(doc: Doc, gaz, w: Words) -> list[Mention]:
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
        add(_from_span(doc, ent.start, ent.end, ent.label_, gaz, w, persons))
    for start, end in _propn_runs(doc, taken):
        add(_from_span(doc, start, end, "", gaz, w, persons))
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


def _from_span(doc: Doc, start: int, end: int, label: str, gaz, w: Words, persons) -> Mention | None:
    # "the Kursk region": drop a leading determiner
    while start < end and doc[start].lower_ in ("the", "a"):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1  # "North Korea's"
    if start >= end:
        return None
    if label not in PLACE_LABELS and label not in MISLABELS:
        return None
    text = doc[start:end].text
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
    if _acronym(lookup) and not _major_place(lookup, gaz):
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


def _major_place(name: str, gaz) -> bool:
    """'US', 'UK', 'DRC', 'NYC': acronyms of countries, regions and big cities."""
    return any(c.entry.kind != "city" and c.entry.kind != "admin2" or c.entry.population >= ACRONYM_MIN_POPULATION
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


# ---------------------------------------------------------------- resolution

CONTEXT_ROUNDS = 2
CONTEXT_COUNTRY_WEIGHT = 3.0
CONTEXT_ADMIN1_WEIGHT = 2.0
CONTEXT_NEIGHBOUR_WEIGHT = 1.5  # "Gaza" in an article about Israel: the neighbouring territory


def resolve(doc: Doc, mentions: list[Mention], gaz, w: Words) -> None:
    for m in mentions:
        if m.seat:
            continue
        m.cands = gaz.rank(m.lookup, prefer=m.prefer)
        if not m.cands and m.label == "GPE":
            m.cands = _demonym_candidates(m.lookup, gaz, w)  # "Sri Lankan" tagged GPE
        if not m.cands and not m.facility:
            m.cands = _part_candidates(doc, m, gaz, w)
    _containment(doc, mentions)
    base = {id(c): c.score for m in mentions for c in m.cands}
    for _ in range(CONTEXT_ROUNDS):
        votes = _context_votes(mentions)
        for m in mentions:
            countries, admin1s = _context_for(votes, m)
            for c in m.cands:
                near = sum(countries.get(n, 0.0) for n in gaz.neighbours.get(c.entry.country, ()))
                c.score = (base[id(c)] + CONTEXT_COUNTRY_WEIGHT * countries.get(c.entry.country, 0.0)
                           + CONTEXT_NEIGHBOUR_WEIGHT * min(near, 1.0)
                           + CONTEXT_ADMIN1_WEIGHT * admin1s.get(c.entry.admin1, 0.0))
            m.cands.sort(key=lambda c: c.score, reverse=True)
    for m in mentions:
        if m.seat:
            m.entry = _capital_of(m.seat, gaz)
        elif m.cands:
            m.entry = m.cands[0].entry
    countries = _context_for(_context_votes(mentions), None)[0]
    for m in mentions:
        if m.entry is None and m.facility:
            m.entry = _facility_place(doc, m, mentions, gaz, countries)


def _context_votes(mentions: list[Mention]) -> dict:
    """Each toponym's soft vote for the countries and regions the document is about.

    A toponym spreads one vote over its top candidates in proportion to
    exp(score): 'Athens' votes mostly Greece but partly Georgia (US), and
    'Georgia' partly the US, so together they settle on Athens, Georgia.
    Returns the votes of each toponym and the document's totals."""
    each = {}
    total_cc, total_a1, n = Counter(), Counter(), 0
    for m in mentions:
        top = m.cands[:5]
        if not top:
            continue
        cc, a1 = Counter(), Counter()
        weights = [math.exp(c.score - top[0].score) for c in top]
        norm = sum(weights)
        for c, wgt in zip(top, weights):
            if c.entry.country:
                cc[c.entry.country] += wgt / norm
            if c.entry.admin1 and c.entry.kind != "country":
                a1[c.entry.admin1] += wgt / norm
        each[id(m)] = (cc, a1)
        total_cc.update(cc)
        total_a1.update(a1)
        n += 1
    return {"each": each, "cc": total_cc, "a1": total_a1, "n": n}


def _context_for(votes: dict, mention) -> tuple[dict, dict]:
    """The context of one toponym: the other toponyms' votes, as fractions."""
    own = votes["each"].get(id(mention))
    n = votes["n"] - (1 if own else 0)
    if n <= 0:
        return {}, {}
    cc, a1 = votes["cc"].copy(), votes["a1"].copy()
    if own:
        cc.subtract(own[0])
        a1.subtract(own[1])
    return ({k: v / n for k, v in cc.items() if v > 1e-9}, {k: v / n for k, v in a1.items() if v > 1e-9})


def _part_candidates(doc: Doc, m: Mention, gaz, w: Words) -> list:
    """An unknown name read through its known part: 'North Dallas', 'Western Kasai' (a
    direction word before), 'Pingliang city', 'Waiheke Island' (a generic word after)."""
    toks = [t for t in doc[m.start:m.end] if not t.is_punct]
    while len(toks) > 1 and toks[0].lower_ in w.directions:
        toks = toks[1:]
    if len(toks) > 1 and (toks[-1].lower_ in w.region or toks[-1].lower_ in w.facility or toks[-1].lower_ in w.kind_after):
        toks = toks[:-1]
    name = " ".join(t.text for t in toks)
    if name == m.lookup or not name:
        return []
    return gaz.rank(name, prefer=m.prefer)


def _demonym_candidates(name: str, gaz, w: Words) -> list:
    """'Sri Lankan' -> Sri Lanka, 'Sudanese' -> Sudan: a country or region named by its adjective."""
    for suffix, replacement in w.demonym_suffixes:
        if name.endswith(suffix) and len(name) > len(suffix) + 2:
            stem = name[: len(name) - len(suffix)] + replacement
            cands = [c for c in gaz.rank(stem) if c.how == 0 and c.entry.kind in ("country", "admin1", "continent")]
            if cands:
                return cands
    return []


def _containment(doc: Doc, mentions: list[Mention]) -> None:
    """'Alexandria, Louisiana': keep the first name's candidates inside the second."""
    for a, b in zip(mentions, mentions[1:]):
        between = doc[a.end:b.start].text.strip()
        if between != "," or not a.cands or not b.cands:
            continue
        container = b.cands[0].entry
        if container.kind not in ("country", "admin1", "admin2"):
            continue
        inside = [c for c in a.cands if c.entry.country == container.country
                  and (container.kind == "country" or c.entry.admin1 == container.admin1)
                  and c.entry.geonames_id != container.geonames_id]
        if inside:
            a.cands = inside


def _capital_of(country: str, gaz) -> GazEntry | None:
    return gaz.capital(country) or gaz.country(country)


MAIN_COUNTRY_SHARE = 0.3  # a country the document is mainly about
FOCUS_KM = 300.0          # a name inside a facility farther than this from the document's place is another place


def _facility_place(doc: Doc, m: Mention, mentions: list[Mention], gaz, countries: dict) -> GazEntry | None:
    """The point of a facility or street: the place it is said to be in, else a place named
    inside it that fits the document, else the document's main place."""
    w = words()
    span = doc[m.start:m.end]
    for tok in span.root.children:
        if tok.dep_ == "prep" and tok.lower_ in ("in", "near", "outside", "at", "of"):
            for obj in tok.children:
                for other in mentions:
                    if other is not m and other.entry is not None and other.start <= obj.i < other.end:
                        return other.entry
    focus = _focus(mentions)
    main = {c for c, share in countries.items() if share >= MAIN_COUNTRY_SHARE}
    best = None
    for i in range(m.start, m.end):
        for j in range(m.end, i, -1):
            part = doc[i:j]
            if part.text == m.lookup or any(t.is_lower or t.lower_ in w.facility or t.is_stop for t in part):
                continue
            for c in gaz.rank(part.text, countries=countries)[:1]:
                fits = c.entry.country in main if main else True
                if fits and (best is None or c.score > best.score):
                    best = c
    if best is not None and (focus is None or haversine_km(best.entry.lat, best.entry.lon, focus.lat, focus.lon) <= FOCUS_KM):
        return best.entry
    return focus


def _focus(mentions: list[Mention]) -> GazEntry | None:
    """The place the document is about: its most mentioned resolved town or region."""
    counts = Counter(m.entry.geonames_id for m in mentions
                     if m.entry is not None and not m.facility and m.entry.kind in ("city", "admin2", "admin1"))
    if not counts:
        return None
    gid = counts.most_common(1)[0][0]
    return next(m.entry for m in mentions if m.entry is not None and m.entry.geonames_id == gid)


# ---------------------------------------------------------------- metonymy

METONYM_KINDS = ("country", "admin1", "continent", "region")


def _is_metonym_candidate(m: Mention) -> bool:
    """Seats of government, states and regions, capitals: what can stand for a government or people."""
    e = m.entry
    if m.seat:
        return True
    return e is not None and m.prefer is None and m.facility is None and (e.kind in METONYM_KINDS or e.capital)


def is_metonym(span: Span, w: Words) -> bool:
    """Whether the toponym fills an actor's slot in the parse."""
    tok = span.root
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head  # "Moscow and Pyongyang agreed": the first conjunct's slot
    head, dep = tok.head, tok.dep_
    head_lemma = head.lemma_.lower()
    if dep == "nsubj" and head.pos_ in ("VERB", "AUX") and head_lemma not in w.stative:
        return True  # "Moscow said", "Tamil Nadu wants"
    if dep in ("dobj", "dative") and head.pos_ == "VERB" and head_lemma in w.actor_object_verbs:
        return True  # "Britain blames Russia"
    if dep == "poss":
        # "Russia's claims", "Iran's imports" -- but "Russia's Kursk region" is a place
        return head_lemma not in w.place_nouns and head.ent_type_ not in PLACE_LABELS
    if dep != "pobj":
        return False
    prep = head.lower_
    governor = head.head.lemma_.lower()
    if prep == "by" and (head.dep_ == "agent" or head.head.pos_ == "NOUN"):
        return True  # "a statement released by the Kremlin", "a campaign by Turkey"
    if prep == "from" and governor in w.speech_nouns:
        return True  # "no confirmation from Moscow"
    if prep in ("between", "with") and governor in w.party_words:
        return True  # "an agreement signed between Moscow and Pyongyang"
    if prep == "of" and governor in w.of_nouns:
        return True  # "the independence of the United States", "the government of Iraq"
    if prep == "against":
        return True  # "sanctions against Russia", "25 points against Louisville"
    return False


# ---------------------------------------------------------------- doc.ents

def relabel(doc: Doc, mentions: list[Mention]) -> None:
    """Write the recognised toponyms back to doc.ents (GPE/LOC/FAC) for later components."""
    spans = []
    for m in mentions:
        if m.seat:
            continue
        label = m.label if m.label in PLACE_LABELS else ("LOC" if m.prefer in ("admin", "admin2") else "GPE")
        spans.append(Span(doc, m.start, m.end, label=label))
    if not spans:
        return
    covered = {i for s in spans for i in range(s.start, s.end)}
    kept = [e for e in doc.ents if not any(i in covered for i in range(e.start, e.end))]
    doc.ents = filter_spans(kept + spans)
