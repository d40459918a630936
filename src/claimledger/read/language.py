"""Is this text English?  A light, offline check: scripts and function words.

Two signals, both cheap: the share of letters in the Latin script (Cyrillic,
Arabic, CJK ... text is rejected at once), then the share of words that are
very frequent function words of English versus a few other Latin-script
languages (lists in data/read/function_words.json).  Function words carry no topic,
so the share is stable across subjects: English news prose sits around 0.4.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from claimledger.errors import NotEnglishError
from claimledger.resources import read_json

WORD = re.compile(r"[^\W\d_]+")
URL = re.compile(r"\S+://\S+|www\.\S+|\S+@\S+")  # addresses carry no language
MIN_LATIN_SHARE = 0.5     # below this share of Latin letters the text is another script
MIN_ENGLISH_SHARE = 0.12  # English prose: 0.31-0.55 (Wikinews); other languages: < 0.10
MIN_NAMED_SHARE = 0.25    # another language is named only when its own words are this common
MIN_WORDS = 20            # shorter texts are judged only when another language is clear
SAMPLE_CHARS = 20_000     # the start of the text is enough to judge

LANGUAGE_NAMES = {"en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
                  "pt": "Portuguese", "nl": "Dutch", "sv": "Swedish", "pl": "Polish", "tr": "Turkish",
                  "id": "Indonesian"}


@lru_cache(maxsize=1)
def function_words() -> dict[str, frozenset[str]]:
    raw = read_json("read/function_words.json")
    return {lang: frozenset(words) for lang, words in raw.items() if not lang.startswith("_")}


@lru_cache(maxsize=4096)
def script_of(ch: str) -> str:
    """First word of the Unicode name: LATIN, CYRILLIC, ARABIC, CJK, HANGUL, ..."""
    try:
        return unicodedata.name(ch).split()[0]
    except ValueError:
        return "UNKNOWN"


ASCII_LETTER = re.compile(r"[A-Za-z]")
OTHER_LETTER = re.compile(r"[^\W\d_A-Za-z]")


def dominant_script(text: str) -> tuple[str, float]:
    """The most common script among the letters and the share of Latin letters."""
    counts = Counter({"LATIN": len(ASCII_LETTER.findall(text))})  # the fast path: plain ASCII letters
    for ch, n in Counter(OTHER_LETTER.findall(text)).items():
        counts[script_of(ch)] += n
    total = sum(counts.values())
    if not total:
        return "NONE", 0.0
    top = max(counts, key=counts.get)
    return top, counts["LATIN"] / total


def function_word_shares(words: list[str]) -> dict[str, float]:
    n = len(words) or 1
    counts = Counter(words)
    return {lang: sum(counts[w] for w in vocab if w in counts) / n for lang, vocab in function_words().items()}


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
    # a language without a list (Romanian, Czech ...) shares some words with one that has: name only a clear match
    return (other if other_share >= MIN_NAMED_SHARE and other_share > english else None), reason


def check_english(text: str) -> str:
    """Return "en", or raise NotEnglishError with a one-line reason."""
    language, reason = detect_language(text)
    if language == "en":
        return "en"
    looks = f"looks {LANGUAGE_NAMES.get(language, language)}; " if language else ""
    raise NotEnglishError(f"not English ({looks}{reason}): claimledger analyses English text only")
