"""Which per-article claims are one proposition across articles, and why.

Two claims from different articles match when a pair of their statements do, by
either of two scores, each a pure function of the two statements.

*Words* (kind "similar"): the contents share rare words — their weights (index.py:
how much rarer than common English each word is, a fixed table) sum to at least
``index.MIN_SHARED_WEIGHT``, at least ``index.MIN_RARE_SHARED`` of it in words
rarer than once in 100,000 (common words — 'market', 'world', 'fall' — name no
particular story, however many two contents share) — and the shared weight is at
least ``MIN_DICE`` of the two contents' mean weight (weighted Dice).  A claim's
``frame``, when the claims component gives one, counts as one more content: its
phrases, not its labels (index.FRAME_LABEL_KEYS).  Two frames of one polarity and
modality (an explicit condition, not shared words) need only ``FRAME_MIN_SHARED``:
a frame is a few phrases, not a sentence.  Frames that move their subject in
opposite directions ('markets fall', 'shares surge': leads.opposite_directions)
never match.

*Frame* (kind "same" or "contrary"): the two contents share a predicate class with the same main predicate (or
are contrary: a claim that forces were expelled and a statement that they
are still operating), an anchor (an actor, place or region, or two
countries), and enough concepts overall; and they name neither disjoint
countries nor, for one predicate, disjoint doers.  A claim about a number
only matches claims about a number of the same unit: the count can be
disputed apart from the event.  The reason of each match lists the shared
concepts.

Order independence: each pair decision depends only on the two claims, and
clusters are the connected components of those decisions (union-find over a
canonical order), so ingesting articles in any order, or twice, yields the
same clusters; cluster ids are hashes of their earliest member.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from claimledger.resources import read_json
from claimledger.reconcile.index import (
    MIN_RARE_SHARED,
    MIN_SHARED_WEIGHT,
    by_rarity,
    claim_vectors,
    posted_terms,
    rare_weight,
    total_weight,
)
from claimledger.reconcile.lead_match import (
    LEAD_MIN_DICE,
    LEAD_MIN_RARE,
    LEAD_MIN_SHARED,
    SHOWN_WORDS,
    compare_leads,
    lead_vector,
)
from claimledger.reconcile.leads import opposite_directions
from claimledger.reconcile.multilingual import ENGLISH, PLACE_ONLY_MIN_SIMILARITY, best_similarity, crosses_languages, language_of
from claimledger.reconcile.records import ArticleClaim, _stem, concept_vocabulary

MIN_SHARED = 3  # shared concepts two claims need (predicate + anchor + one more)
MIN_OVERLAP = 0.4  # shared / size of the smaller concept set
MIN_SHARED_LEMMAS = 3  # when neither claim has a predicate class, shared content lemmas stand in
MIN_LEMMA_OVERLAP = 0.5
MIN_DICE = 0.3  # weighted Dice of two contents' words: shared weight / mean weight of the two
FRAME_MIN_SHARED = 5.0  # what two frames of one polarity and modality must share (a frame is short)
COUNT_MIN = 10  # numbers below it describe an event rather than count something (see _unit)


@lru_cache(maxsize=1)
def contrary_vocabulary() -> dict:
    raw = dict(read_json("reconcile/sources_contrary.json"))
    raw["participant_classes"] = read_json("claims/claims.json")["participant_classes"]  # one list, the claims'
    return {key: (set(v) if isinstance(v, list) else v) for key, v in raw.items() if not key.startswith("_")}


@dataclass(frozen=True)
class Match:
    a: tuple[str, str]
    b: tuple[str, str]
    shared: tuple[str, ...]
    score: float
    kind: str  # "same" | "contrary" (frame) | "similar" (words) | "lead" (main claims of one story) |
    # "implied" (a count claim supports the event)

    def reason(self) -> dict:
        return {"kind": self.kind, "shared": list(self.shared), "score": round(self.score, 3)}


@lru_cache(maxsize=65536)
def predicate_classes(concepts: frozenset) -> frozenset[str]:
    participants = contrary_vocabulary()["participant_classes"]
    return frozenset(c for c in concepts if ":" not in c and c not in participants)


@lru_cache(maxsize=65536)
def anchors(concepts: frozenset) -> frozenset[str]:
    return frozenset(c for c in concepts if c.startswith(("actor:", "country:", "place:", "region:")))


def terminates(concepts) -> bool:
    """Whether a content says something ended or was removed (a termination predicate class)."""
    return bool(predicate_classes(concepts) & contrary_vocabulary()["termination_classes"])


def compare(a: ArticleClaim, b: ArticleClaim, across_counts: bool = False) -> Match | None:
    """The match of two claims (their best-matching pair of statements), or None.

    ``across_counts``: let a count claim match an event claim (kind "implied").
    """
    if a.article_id == b.article_id:
        return None  # within one article the claims component has already grouped
    if crosses_languages(a, b):  # not both English: the multilingual encoder decides (English pairs never get here)
        if not across_counts and _unit(a) != _unit(b):
            return None
        return compare_across(a, b, across_counts)
    best = None
    same_unit = _unit(a) == _unit(b)
    if across_counts or same_unit:
        for sa in a.statements:
            for sb in b.statements:
                found = compare_statements(sa, sb)
                if found and (best is None or found[2] > best[2]):
                    best = found
        if best is None:
            best = compare_words(a, b)
    if best is None and not across_counts and same_unit:
        best = compare_leads(a, b)
    if best is None:
        return None
    shared, kind, score = best
    if across_counts and not same_unit:
        kind = "implied"
    first, second = sorted((a, b), key=ArticleClaim.sort_key)
    return Match(first.key, second.key, tuple(sorted(shared)), score, kind)


def compare_words(a: ArticleClaim, b: ArticleClaim):
    """(shared words, "similar", Dice) of the best pair of contents that share enough rare words and
    do not differ in frame, or None."""
    best = None
    framed = same_labels(a.frame, b.frame)
    for va, sa in claim_vectors(a):
        for vb, sb in claim_vectors(b):
            shared = va & vb
            weight = total_weight(shared)
            if weight < (FRAME_MIN_SHARED if framed and sa is None and sb is None else MIN_SHARED_WEIGHT):
                continue
            if rare_weight(shared) < MIN_RARE_SHARED:
                continue
            dice = 2 * weight / (total_weight(va) + total_weight(vb))
            if dice >= MIN_DICE and (best is None or dice > best[1]) and not frames_differ(a, b, sa, sb):
                best = (shared, dice)
    if best is None:
        return None
    shown = by_rarity(best[0])[:SHOWN_WORDS]
    return (frozenset(f"word:{w}" for w in shown), "similar", best[1])


def same_labels(fa: dict | None, fb: dict | None) -> bool:
    """Whether two claims' frames have one polarity and one modality (both stated, or both hedged, ...)."""
    return bool(fa and fb and fa.get("polarity") and fa.get("modality")
                and fa.get("polarity") == fb.get("polarity") and fa.get("modality") == fb.get("modality"))


def frames_differ(a: ArticleClaim, b: ArticleClaim, sa, sb) -> bool:
    """Whether two contents that share words still state different propositions: different main
    predicates ('expelled troops from Kursk', 'sent troops to Kursk'), disjoint countries or doers,
    one saying something goes on and the other not, or frames with different predicates."""
    if _frames_name_other_events(a.frame or {}, b.frame or {}) or opposite_directions(a.frame, b.frame):
        return True
    if sa is None or sb is None:
        pa, pb = (a.frame or {}).get("predicate"), (b.frame or {}).get("predicate")
        return bool(sa is None and sb is None and isinstance(pa, str) and isinstance(pb, str)
                    and _stem(pa) != _stem(pb))
    if sa.predicate and sb.predicate and sa.predicate != sb.predicate:
        return True
    ka, kb = countries(sa.concepts), countries(sb.concepts)
    if ka and kb and not ka & kb:
        return True
    if sa.subject and sb.subject and not sa.subject & sb.subject:
        return True
    return _continues_text(sa) != _continues_text(sb)


def _frames_name_other_events(fa: dict, fb: dict) -> bool:
    """Two claims' own frames with different predicates done by different agents: 'North Korea's troops
    fought in Kursk' is not 'Russian forces expelled Ukrainian troops from Kursk', however many words
    they share.  Either alone is not enough: reports of one event vary the verb or name the doer apart."""
    pa, pb, aa, ab = fa.get("predicate"), fb.get("predicate"), fa.get("agent"), fb.get("agent")
    if not all(isinstance(x, str) and x for x in (pa, pb, aa, ab)) or _stem(pa) == _stem(pb):
        return False
    return not {_stem(w) for w in aa.lower().split()} & {_stem(w) for w in ab.lower().split()}


def compare_statements(sa, sb):
    """Compare two statements' contents: their concepts, main predicates and subjects."""
    a_goes_on, b_goes_on = _continues_text(sa), _continues_text(sb)
    found = compare_concepts(sa.concepts, sb.concepts, a_goes_on, b_goes_on, sa.predicate, sb.predicate)
    if found and found[1] == "same" and a_goes_on != b_goes_on:
        return None  # 'units are still operating' only bears on a claim that they left (a contrary match)
    if found and found[1] == "same" and sa.subject and sb.subject and not sa.subject & sb.subject:
        return None  # same predicate, different doers: Ukrainian units operating, North Korean troops sent
    return found


def compare_concepts(ca: frozenset, cb: frozenset, a_continues: bool = False, b_continues: bool = False,
                     a_predicate: str | None = None, b_predicate: str | None = None):
    """(shared, kind, score) when two contents are about one proposition, else None."""
    ka, kb = countries(ca), countries(cb)
    if ka and kb and not ka & kb:
        return None  # North Korean troops are not Ukrainian units
    shared = frozenset(ca & cb)
    kind = "same"
    predicate = predicate_classes(shared)
    if a_predicate and b_predicate and a_predicate != b_predicate:
        predicate = frozenset()  # different main predicates: only a contrary statement still bears on it
    if not predicate and _contrary(ca, cb, a_continues, b_continues):
        kind, predicate = "contrary", {"contrary"}
    score = len(shared) / max(1, min(len(ca), len(cb)))
    if not predicate and not predicate_classes(ca) and not predicate_classes(cb) and named_anchor(shared):
        lemmas = {c for c in shared if c.startswith("lemma:")}  # (with two countries alone, too little)
        if len(lemmas) >= MIN_SHARED_LEMMAS and score >= MIN_LEMMA_OVERLAP:
            predicate = lemmas
    if not predicate or not strong_anchor(shared) or len(shared) < MIN_SHARED:
        return None
    return (shared, kind, score) if score >= MIN_OVERLAP else None


def strong_anchor(shared: frozenset) -> bool:
    """A shared actor, place or region, or two shared countries: one country alone ('US') says little."""
    return named_anchor(shared) or len(countries(shared)) >= 2


def named_anchor(shared: frozenset) -> bool:
    """A shared actor, place or region."""
    return any(not c.startswith("country:") for c in anchors(shared))


def _contrary(ca, cb, a_continues: bool, b_continues: bool) -> bool:
    a_ends, b_ends = terminates(ca), terminates(cb)
    return (a_ends and b_continues and not b_ends) or (b_ends and a_continues and not a_ends)


def _continues_text(st) -> bool:
    return continues_text(st.content["text"])


@lru_cache(maxsize=65536)
def continues_text(text: str) -> bool:
    """Whether a content says something goes on ('units were still operating')."""
    from claimledger.reconcile.cues import words
    markers = contrary_vocabulary()["continuation_markers"]
    return any(w in markers for w in words(text))


@lru_cache(maxsize=65536)
def countries(concepts: frozenset) -> frozenset[str]:
    return frozenset(c for c in concepts if c.startswith("country:"))


def _unit(claim: ArticleClaim):
    """The unit of the number a claim is about, None for an event claim.  A number under ``COUNT_MIN`` (news
    spells out one to nine: 'split into two companies', 'a third breast') describes the event; it is not a
    count disputed apart from it."""
    if "_unit" not in claim.__dict__:
        q = claim.quantity or {}
        value = q.get("value")
        small = isinstance(value, (int, float)) and abs(value) < COUNT_MIN
        claim.__dict__["_unit"] = None if not q or small else q.get("unit")
    return claim.__dict__["_unit"]


def claim_keys(claim: ArticleClaim) -> frozenset[str]:
    """Keys two claims must share to be compared: those of the frame score (a shared actor, place or
    region, or pair of countries with a predicate class or a contrary pair) and those of the word score
    (a term of both prefixes, index.posted_terms).  Computed once per claim."""
    cached = claim.__dict__.get("_keys")
    if cached is None:
        cached = claim.__dict__["_keys"] = frozenset(_claim_keys(claim))
    return cached


def _claim_keys(claim: ArticleClaim) -> set[str]:
    keys = {f"word:{t}" for terms, st in claim_vectors(claim)
            for t in posted_terms(terms, MIN_DICE, MIN_SHARED_WEIGHT if st is not None else FRAME_MIN_SHARED)}
    keys |= {f"lead:{t}" for t in posted_terms(lead_vector(claim)[0], LEAD_MIN_DICE, LEAD_MIN_SHARED, LEAD_MIN_RARE)}
    for st in claim.statements:
        found = anchors(st.concepts)
        keys |= {c for c in found if not c.startswith("country:")}
        nations = sorted(c for c in found if c.startswith("country:"))
        # two countries alone anchor a frame match only with a shared predicate class, or a contrary pair
        frames = set(predicate_classes(st.concepts))
        if terminates(st.concepts) or _continues_text(st):
            frames.add("contrary")
        keys |= {f"{a}|{b}|{f}" for i, a in enumerate(nations) for b in nations[i + 1:] for f in frames}
    return keys | across_keys(claim)


def compare_across(a: ArticleClaim, b: ArticleClaim, across_counts: bool = False) -> Match | None:
    """Two claims not both in English: one proposition when they share an anchor and a pair of their texts is
    close in the multilingual encoder (kind "translated").  Sides come from the statements, never from here."""
    shared = frozenset(a.concepts & b.concepts)
    if not strong_anchor(shared):
        return None
    score = best_similarity(a, b)
    if score is None or (_place_only(shared) and score < PLACE_ONLY_MIN_SIMILARITY):
        return None
    kind = "implied" if across_counts and _unit(a) != _unit(b) else "translated"
    first, second = sorted((a, b), key=ArticleClaim.sort_key)
    reason = tuple(sorted(anchors(shared))) + (f"languages:{language_of(first)}-{language_of(second)}",)
    return Match(first.key, second.key, reason, score, kind)


def _place_only(shared: frozenset) -> bool:
    """The shared anchor is a place or region only: no shared actor, fewer than two shared countries."""
    return not any(c.startswith("actor:") for c in anchors(shared)) and len(countries(shared)) < 2


def across_keys(claim: ArticleClaim) -> set[str]:
    """Keys a non-English claim adds: its country pairs under every predicate class, since its words give the
    English classes none.  Nothing for an English claim: the English index is unchanged."""
    if language_of(claim) == ENGLISH:
        return set()
    classes = {cls for cls in concept_vocabulary()["concept_of"].values()} - contrary_vocabulary()["participant_classes"]
    keys = set()
    for st in claim.statements:
        nations = sorted(c for c in anchors(st.concepts) if c.startswith("country:"))
        frames = classes | {"contrary"}
        keys |= {f"{x}|{y}|{f}" for i, x in enumerate(nations) for y in nations[i + 1:] for f in frames}
    return keys
