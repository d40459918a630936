"""Plain records that flow from the pipeline to the ledger.

Every extracted item carries character offsets (``start``/``end``, Python ``str``
indices into the stored article text).  The ledger never imports spaCy: it only
sees these dataclasses (or their ``asdict`` form).
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

PIPELINE_VERSION = "0.1.0"
UNANALYSED = "unanalysed"  # Analysis.model of an article stored without analysis: no pipeline for its language yet

# Closed set of stances a statement can take toward its content (documented in README).
STANCES = (
    "assert",   # plain saying / reporting: said, told, reported, announced
    "confirm",  # confirms something as true: confirmed, acknowledged, verified
    "deny",     # says something is false: denied, rejected, refuted
    "dismiss",  # rejects as unworthy: dismissed, brushed off, ridiculed
    "praise",   # praises / thanks: thanked, praised, hailed
    "promise",  # commits to a future act: promised, vowed, pledged
    "accuse",   # attributes wrongdoing: accused, blamed, alleged
    "warn",     # warns of a threat: warned, threatened, cautioned
    "question", # doubts / asks: questioned, doubted, asked
    "claim",    # asserts contested: claimed, insisted, maintained
)

# Statuses of a claim within one article (and across the ledger).
CLAIM_STATUSES = ("reported", "confirmed", "denied", "disputed", "retracted")

ENTITY_TYPES = ("person", "government", "military", "organisation", "media", "group")

DATE_PRECISIONS = ("day", "month", "year", "range", "duration", "time", "decade", "quarter", "season", "unresolved")


def content_hash(text: str) -> str:
    """Stable id of an article: sha256 of its text (first 16 hex digits)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def stable_id(*parts: Any) -> str:
    """A short stable id built from the parts (same input, same id, in every process)."""
    raw = "\x1f".join(str(p) for p in parts)
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


@dataclass
class Span:
    start: int
    end: int
    text: str


@dataclass
class Article:
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or datetime, in UTC where a zone was given
    language: str = "en"
    path: str | None = None
    # character ranges of captions / photo credits, kept apart from the body
    captions: list[Span] = field(default_factory=list)
    published_original: str | None = None  # the publication date as the input wrote it (read.published)

    @property
    def id(self) -> str:
        return content_hash(self.text)


@dataclass
class Mention:
    start: int
    end: int
    text: str


@dataclass
class Entity:
    id: str
    name: str
    type: str  # one of ENTITY_TYPES
    country: str | None = None  # ISO 3166-1 alpha-2
    role: str | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class DateValue:
    text: str
    start: int
    end: int
    value: str | None  # ISO 8601 date/month/year, range "A/B", duration "P8M"; None when unresolved
    precision: str  # one of DATE_PRECISIONS
    note: str | None = None
    timex: str | None = None  # TimeML TIMEX3 value ("1989-Q3", "PRESENT_REF", "P8M"), for TempEval scoring


@dataclass
class Place:
    name: str
    start: int
    end: int
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None  # ISO 3166-2 code where known
    geonames_id: int | None = None
    feature: str | None = None  # city, admin1, country, airport, region, ...


@dataclass
class Quantity:
    text: str
    start: int
    end: int
    value: float
    approximate: bool = False
    unit: str | None = None
    country: str | None = None
    hedge: str | None = None


# what a speaker is, where the pipeline knows more than a name (reconcile's source kinds:
# "vague" for an anonymous source such as "It has been rumoured that", "reports said")
SPEAKER_KINDS = ("vague", "author", "interviewer")


@dataclass
class Speaker:
    name: str
    entity_id: str | None
    country: str | None
    start: int
    end: int
    # False when the source phrase is a pronoun whose antecedent is not certain: `name` is then
    # the pronoun itself, never a guess
    resolved: bool = True
    kind: str | None = None  # one of SPEAKER_KINDS, or None for a speaker named in the text


@dataclass
class Statement:
    id: str
    speaker: Speaker | None
    cue: dict  # {text, lemma, start, end}
    content: dict  # {text, start, end}
    kind: str  # direct, indirect, mixed
    stance: str
    via: list[str] = field(default_factory=list)
    date: dict | None = None  # {value, precision}
    claim_id: str | None = None
    hedges: list[str] = field(default_factory=list)
    negated: bool = False
    # which side of its claim the statement stands on ("for" or "against"), set with claim_id
    claim_side: str | None = None


@dataclass
class Claim:
    id: str
    text: str
    status: str
    statement_ids: list[str] = field(default_factory=list)
    start: int | None = None
    end: int | None = None
    actors: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    # what the claim is about, for matching across articles: "actor:<id>", "country:RU",
    # "place:<geonames id>", predicate classes such as "TERRITORIAL_CONTROL", "lemma:<lemma>"
    concepts: list[str] = field(default_factory=list)
    quantity: dict | None = None  # {value, unit, approximate} when the claim is about a number
    # the proposition's frame: predicate (lemma), agent, patient, target, place, time {text, value},
    # quantity {value, unit, approximate}, polarity (positive/negative), modality (asserted/hedged/rumoured)
    frame: dict = field(default_factory=dict)


@dataclass
class Analysis:
    article: Article
    entities: list[Entity] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    dates: list[DateValue] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    model: str = ""
    pipeline_version: str = PIPELINE_VERSION

    def to_dict(self) -> dict:
        art = self.article
        return {
            "article": {
                "id": art.id,
                "title": art.title,
                "source": art.source,
                "url": art.url,
                "published": art.published,
                "published_original": art.published_original,
                "language": art.language,
                "captions": [asdict(c) for c in art.captions],
                "chars": len(art.text),
                "pipeline_version": self.pipeline_version,
                "model": self.model,
            },
            "entities": [asdict(e) for e in self.entities],
            "statements": [asdict(s) for s in self.statements],
            "claims": [asdict(c) for c in self.claims],
            "places": [asdict(p) for p in self.places],
            "dates": [asdict(d) for d in self.dates],
            "quantities": [asdict(q) for q in self.quantities],
        }
