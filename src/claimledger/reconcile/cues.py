"""The position a text takes toward a claim it reports: for, against or observing.

Used for headlines (the Emergent evaluation) and for statement contents in the
ledger (a content that calls a report "fake" stands against it whatever its
cue).  The vocabulary is data (data/sources_stance_cues.json); when helper C's
stance lexicon is installed (claimledger.stance), its cue words add to it.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

from ..paths import DATA_DIR

FOR, AGAINST, OBSERVING = "for", "against", "observing"
SIDES = (FOR, AGAINST, OBSERVING)

# statement stances (model.STANCES) by the side they put a speaker on
STANCE_SIDE = {
    "assert": FOR, "confirm": FOR, "claim": FOR, "accuse": FOR, "warn": FOR, "promise": FOR, "praise": FOR,
    "deny": AGAINST, "dismiss": AGAINST, "question": AGAINST,
}

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|\?")


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, frozenset[str]]:
    with open(DATA_DIR / "sources_stance_cues.json", encoding="utf-8") as fh:
        raw = json.load(fh)
    vocab = {key: set(raw[key]) for key in ("refuting", "hedging", "supporting")}
    for word, stance in _stance_lexicon().items():
        side = STANCE_SIDE.get(stance)
        if side == AGAINST:
            vocab["refuting"].add(word)
        elif stance == "confirm":
            vocab["supporting"].add(word)
    vocab["hedging"].add(raw.get("question_mark", "?"))
    return {key: frozenset(words) for key, words in vocab.items()}


def _stance_lexicon() -> dict[str, str]:
    """Cue word -> stance from the attribution component's lexicon, when it offers one."""
    try:
        from .. import stance  # helper C's module; optional
    except ImportError:
        return {}
    lexicon = getattr(stance, "cue_stances", None) or getattr(stance, "stance_lexicon", None)
    try:
        table = lexicon() if callable(lexicon) else (lexicon or {})
        return {str(k).lower(): str(v) for k, v in dict(table).items() if " " not in str(k)}
    except Exception:  # an incompatible lexicon must not break the ledger
        return {}


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'").replace("‘", "'"))


def text_stance(text: str, claim: str | None = None) -> str:
    """for / against / observing of ``text`` toward ``claim`` (words the claim itself uses don't count)."""
    vocab = vocabulary()
    own = set(words(claim)) if claim else set()
    toks = [w for w in words(text) if w not in own]
    if any(w in vocab["refuting"] for w in toks):
        return AGAINST
    if any(w in vocab["supporting"] for w in toks):
        return FOR
    if any(w in vocab["hedging"] for w in toks):
        return OBSERVING
    return FOR


def refutes(text: str, claim: str | None = None) -> bool:
    """Whether the text calls the claim false (a refuting word the claim does not itself contain)."""
    own = set(words(claim)) if claim else set()
    return any(w in vocabulary()["refuting"] and w not in own for w in words(text))
