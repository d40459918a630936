"""Which place a toponym names: gazetteer ranking plus the document's context.

Each toponym is resolved with the gazetteer ranking plus the document's
context: the countries and regions of its other toponyms, and "X, Y"
containment ("Alexandria, Louisiana").  Facilities without coordinates
("Sunan International Airport in Pyongyang") take the point of the place they
are in or named after.
"""
from __future__ import annotations

import math
from collections import Counter

from spacy.tokens import Doc

from claimledger.pipeline.places.gazetteer import GazEntry, haversine_km
from claimledger.pipeline.places.toponyms import Mention, Thresholds, Words


def resolve(doc: Doc, mentions: list[Mention], gaz, w: Words, thresholds: Thresholds) -> None:
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
    for _ in range(thresholds.context_rounds):
        votes = _context_votes(mentions)
        for m in mentions:
            countries, admin1s = _context_for(votes, m)
            for c in m.cands:
                near = sum(countries.get(n, 0.0) for n in gaz.neighbours.get(c.entry.country, ()))
                c.score = (base[id(c)] + thresholds.context_country_weight * countries.get(c.entry.country, 0.0)
                           + thresholds.context_neighbour_weight * min(near, 1.0)
                           + thresholds.context_admin1_weight * admin1s.get(c.entry.admin1, 0.0))
            m.cands.sort(key=lambda c: c.score, reverse=True)
    for m in mentions:
        if m.seat:
            m.entry = _capital_of(m.seat, gaz)
        elif m.cands:
            m.entry = m.cands[0].entry
    countries = _context_for(_context_votes(mentions), None)[0]
    for m in mentions:
        if m.entry is None and m.facility:
            m.entry = _facility_place(doc, m, mentions, gaz, countries, w, thresholds)


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


def _facility_place(doc: Doc, m: Mention, mentions: list[Mention], gaz, countries: dict,
                    w: Words, thresholds: Thresholds) -> GazEntry | None:
    """The point of a facility or street: the place it is said to be in, else a place named
    inside it that fits the document, else the document's main place."""
    span = doc[m.start:m.end]
    for tok in span.root.children:
        if tok.dep_ == "prep" and tok.lower_ in ("in", "near", "outside", "at", "of"):
            for obj in tok.children:
                for other in mentions:
                    if other is not m and other.entry is not None and other.start <= obj.i < other.end:
                        return other.entry
    focus = _focus(mentions)
    main = {c for c, share in countries.items() if share >= thresholds.main_country_share}
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
    if best is not None and (focus is None or haversine_km(best.entry.lat, best.entry.lon, focus.lat, focus.lon)
                             <= thresholds.focus_km):
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
