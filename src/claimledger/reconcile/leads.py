"""An article's lead and main claim: how two reports of one story find each other in other words.

News states its story in the lead (the headline and the first sentences: who, what, where), whoever
it then quotes; two outlets that report one rumour word their claims apart ("HP will break in two",
"Hewlett-Packard is to split itself into two companies") but their leads share the story's rare words.
So each article's *main claim* (the one it states first) carries the article's lead, and two main claims
whose leads tell one story are one ledger claim (matching.compare_leads scores them by the weighted
Dice of their words, as the word score does).  Two guards keep stories apart that share a topic:

- a story is news for days: leads of articles published more than ``lead_match.LEAD_MAX_DAYS`` apart (when
  both dates are known) do not match;
- one claim naming another event than the other (other_events): a different main predicate done by
  doers of other countries ('North Korean troops had fought in Kursk', 'Russian forces had expelled
  Ukrainian troops from Kursk'), or frames that move their subject in opposite directions
  (opposite_directions: 'Stock markets worldwide fall', 'Shares worldwide surge').

Everything here is a function of one article's stored rows (the lead, the main claim) or of two
claims (the guards), so pair decisions stay independent of the ledger and of ingest order.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from claimledger.resources import read_json

LEAD_SENTENCES = 3  # the lead: the headline and the body's first sentences
LEAD_MIN_WORDS = 5  # shorter lines (bylines, datelines, photo credits) are not sentences of the lead
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'”’)]*|\n|$)")


def lead_of(title: str | None, text: str | None) -> str:
    """The article's lead: its headline and first ``LEAD_SENTENCES`` sentences."""
    parts = [title.strip()] if title and title.strip() else []
    wanted = len(parts) + LEAD_SENTENCES
    for m in _SENTENCE.finditer(text or ""):
        if len(parts) >= wanted:
            break
        if len(m.group().split()) >= LEAD_MIN_WORDS:
            parts.append(m.group().strip())
    return " ".join(parts)


def main_claim(claims: list[dict], links: dict[str, set], statements: dict[str, dict]) -> str | None:
    """The id of the article's main claim: the one stated first (its earliest statement content; ties by id)."""
    best = None
    for c in claims:
        starts = [statements[sid].get("content_start") for sid in links.get(c["id"], ()) if sid in statements]
        starts = [x for x in starts if x is not None]
        if starts and (best is None or (min(starts), c["id"]) < best):
            best = (min(starts), c["id"])
    return best[1] if best else None


def days_apart(a: str | None, b: str | None) -> int:
    """Days between two ISO dates (0 when either is unknown or unreadable)."""
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days) if a and b else 0
    except ValueError:
        return 0


def other_events(a, b) -> bool:
    """Whether some statement of claim ``a`` names another event than some statement of claim ``b``: a
    different main predicate class, done by doers of disjoint countries; or the two claims' frames move their
    subject in opposite directions."""
    if opposite_directions(a.frame, b.frame):
        return True
    return any(sa.predicate and sb.predicate and sa.predicate != sb.predicate and sa.subject and sb.subject
               and not sa.subject & sb.subject for sa in a.statements for sb in b.statements)


@lru_cache(maxsize=1)
def _directions() -> dict[str, int]:
    """Predicate lemma -> +1 (moves its subject up: 'rise', 'surge') or -1 (down: 'fall', 'plunge')."""
    raw = read_json("reconcile/sources_contrary.json")["directions"]
    return {**{w: 1 for w in raw["up"]}, **{w: -1 for w in raw["down"]}}


def direction(frame: dict | None) -> int:
    """+1 or -1: the way a frame's predicate moves its subject, turned by a negative polarity ('did not fall':
    -(-1)); 0 when its predicate moves nothing (data/reconcile/sources_contrary.json, directions)."""
    predicate = (frame or {}).get("predicate")
    if not isinstance(predicate, str) or not predicate.strip():
        return 0
    way = _directions().get(predicate.lower().split()[-1], 0)
    return -way if frame.get("polarity") == "negative" else way


def opposite_directions(fa: dict | None, fb: dict | None) -> bool:
    """Whether two claims' frames move their subjects in opposite directions: two events ('Stock markets
    worldwide fall', 'Shares worldwide surge'), however many words or whichever lead they share."""
    da, db = direction(fa), direction(fb)
    return da * db < 0
