"""What the places component passes between its steps: a toponym mention, and the word lists.

A :class:`Mention` is made by recognition.py, given its gazetteer candidates
and entry by resolution.py and its literal-or-metonym reading by
metonymy.py.  :class:`Words` holds the vocabularies of data/gazetteer/
(loaded by ``claimledger.pipeline.places.component.words``), and
:class:`Thresholds` the component's tunable numbers.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from claimledger.pipeline.places.gazetteer import GazEntry


PLACE_LABELS = {"GPE", "LOC", "FAC"}


@dataclass(frozen=True)
class Thresholds:
    """The places component's tunable numbers (its factory's default_config)."""
    acronym_min_population: int = 100_000  # an acronym of a city names it only when the city is this big
    context_rounds: int = 2
    context_country_weight: float = 3.0
    context_admin1_weight: float = 2.0
    context_neighbour_weight: float = 1.5  # "Gaza" in an article about Israel: the neighbouring territory
    main_country_share: float = 0.3  # a country the document is mainly about
    focus_km: float = 300.0  # a name inside a facility farther than this from the document's place is another place


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
