"""Is this text English?  A light, offline check: scripts and function words.

Two signals, both cheap: the share of letters in the Latin script (Cyrillic,
Arabic, CJK ... text is rejected at once), then the share of words that are
very frequent function words of English versus a few other Latin-script
languages (lists in data/function_words.json).  Function words carry no topic,
so the share is stable across subjects: English news prose sits around 0.4.
"""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache

from ..errors import NotEnglishError
from ..paths import DATA_DIR

WORD = re.compile(r"[^\W\d_]+")
URL = re.compile(r"\S+://\S+|www\.\S+|\S+@\S+")  # addresses carry no language
MIN_LATIN_SHARE = 0.5     # below this share of Latin letters the text is another script
MIN_ENGLISH_SHARE = 0.18  # English prose: ~0.35-0.55; other languages: < 0.12
MIN_WORDS = 20            # shorter texts are judged only when another language is clear
SAMPLE_CHARS = 20_000     # the start of the text is enough to judge

LANGUAGE_NAMES = {"en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
                  "pt": "Portuguese", "nl": "Dutch", "sv": "Swedish", "pl": "Polish", "tr": "Turkish",
                  "id": "Indonesian"}


@lru_cache(maxsize=1)
def function_words() -> dict[str, frozenset[str]]:
    raw = json.loads((DATA_DIR / "function_words.json").read_text(encoding="utf-8"))
    return {lang: frozenset(words) for lang, words in raw.items() if not lang.startswith("_")}


def script_of(ch: str) -> str:
    """First word of the Unicode name: LATIN, CYRILLIC, ARABIC, CJK, HANGUL, ..."""
    try:
        return unicodedata.name(ch).split()[0]
    except ValueError:
        return "UNKNOWN"


def dominant_script(text: str) -> tuple[str, float]:
    """The most common script among the letters and the share of Latin letters."""
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            script = script_of(ch)
            counts[script] = counts.get(script, 0) + 1
    total = sum(counts.values())
    if not total:
        return "NONE", 0.0
    top = max(counts, key=counts.get)
    return top, counts.get("LATIN", 0) / total


def function_word_shares(words: list[str]) -> dict[str, float]:
    n = len(words) or 1
    return {lang: sum(w in vocab for w in words) / n for lang, vocab in function_words().items()}


def detect_language(text: str) -> tuple[str | None, str]:
    """(language code or None when unsure, a short reason)."""
    sample = URL.sub(" ", text[:SAMPLE_CHARS])
    script, latin_share = dominant_script(sample)
    if script == "NONE":
        return None, "no letters"
    if latin_share < MIN_LATIN_SHARE:
        return None, f"mostly {script.title()} script"
    words = [w.lower() for w in WORD.findall(sample)]
    shares = function_word_shares(words)
    english = shares.pop("en")
    other, other_share = max(shares.items(), key=lambda kv: kv[1]) if shares else (None, 0.0)
    reason = f"{english:.0%} English function words in {len(words)} words"
    if len(words) < MIN_WORDS:
        # too short to judge English positively: reject only a clear other language
        if other_share >= 0.3 and other_share > 2 * english:
            return other, reason
        return "en", reason
    if english >= MIN_ENGLISH_SHARE and english >= other_share:
        return "en", reason
    return (other if other_share > english else None), reason


def check_english(text: str) -> str:
    """Return "en", or raise NotEnglishError with a one-line reason."""
    language, reason = detect_language(text)
    if language == "en":
        return "en"
    looks = f"looks {LANGUAGE_NAMES.get(language, language)}; " if language else ""
    raise NotEnglishError(f"not English ({looks}{reason}): claimledger analyses English text only")
