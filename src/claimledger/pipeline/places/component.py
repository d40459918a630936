"""claimledger_places: toponyms recognised, geocoded, and told apart from metonyms.

Three steps over the Doc: recognition.py finds the toponyms (the model's
place entities and the place names it mislabels or misses), resolution.py
picks the place each names (gazetteer ranking plus the document's context),
metonymy.py tells the toponyms that stand for a government or people ("Moscow
said") from literal places.  Literal places go to ``doc._.cl_places``,
metonyms (with the point they name) to ``doc._.cl_metonyms``.  All
vocabularies are data in data/gazetteer/.  Recognised toponyms are written
back to ``doc.ents`` as GPE/LOC/FAC for the components after.
"""
from __future__ import annotations

from dataclasses import asdict
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from claimledger.pipeline import extensions  # noqa: F401
from claimledger.pipeline.base import DocComponent
from claimledger.pipeline.places.gazetteer import GazEntry, gazetteer, region_words
from claimledger.resources import read_rows, read_tsv
from claimledger.pipeline.places.metonymy import is_metonym, is_metonym_candidate
from claimledger.pipeline.places.recognition import recognise
from claimledger.pipeline.places.resolution import resolve
from claimledger.pipeline.places.toponyms import PLACE_LABELS, Mention, Thresholds, Words
from claimledger.model import Place


SEAT_FEATURE = "seat_of_government"  # the Kremlin, the White House: a building in the capital


@Language.factory(
    "claimledger_places",
    assigns=["doc._.cl_places", "doc._.cl_metonyms", "doc.ents", "token.ent_type", "token.ent_iob"],
    requires=["doc.ents", "token.ent_type", "token.tag", "token.lemma", "token.dep", "token.head"],
    default_config=asdict(Thresholds()),
)
def make_places(nlp: Language, name: str, acronym_min_population: int, context_rounds: int,
                context_country_weight: float, context_admin1_weight: float, context_neighbour_weight: float,
                main_country_share: float, focus_km: float):
    return PlacesComponent(name, Thresholds(acronym_min_population, context_rounds, context_country_weight,
                                            context_admin1_weight, context_neighbour_weight, main_country_share,
                                            focus_km))


class PlacesComponent(DocComponent):
    """Sets two attributes: the literal places and the metonyms."""

    def __init__(self, name: str, thresholds: Thresholds = Thresholds()):
        super().__init__(name)
        self.thresholds = thresholds

    def __call__(self, doc: Doc) -> Doc:
        doc._.cl_places, doc._.cl_metonyms = find_places(doc, self.thresholds)
        return doc


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


def find_places(doc: Doc, thresholds: Thresholds = Thresholds()) -> tuple[list[Place], list[dict]]:
    gaz, w = gazetteer(), words()
    mentions = recognise(doc, gaz, w, thresholds)
    resolve(doc, mentions, gaz, w, thresholds)
    for m in mentions:
        m.metonym = is_metonym_candidate(m) and is_metonym(doc[m.start:m.end], w)
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
