"""Which language is this text in?  A light, offline check: scripts, letters and function words.

Latin-script text (the fast path, unchanged for English): the share of words
that are very frequent function words of English versus a few other
Latin-script languages (data/read/function_words.json).  Function words carry
no topic, so the share is stable across subjects: English news prose sits
around 0.4.  Cyrillic text: the letters only one Cyrillic language uses
(Russian ы э ё, Ukrainian і ї є ґ, ...) and the function words of Russian,
Ukrainian and Bulgarian (data/read/languages.json,
data/read/cyrillic_function_words.json).  A script that names a language by
itself (Hangul: Korean) names it.

``article_language`` is what the readers call: a language code for every text
with letters ("und" when no language is clear).  Which languages are analysed
is data (languages.json "analysed"); an article in another language is stored
unanalysed by ingest, with ``unanalysed_message`` naming its language.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from claimledger.errors import NotEnglishError, UnsupportedLanguageError
from claimledger.resources import read_json

WORD = re.compile(r"[^\W\d_]+")
URL = re.compile(r"\S+://\S+|www\.\S+|\S+@\S+")  # addresses carry no language
MIN_LATIN_SHARE = 0.5     # below this share of Latin letters the text is another script
MIN_ENGLISH_SHARE = 0.12  # English prose: 0.31-0.55 (Wikinews); other languages: < 0.10
MIN_NAMED_SHARE = 0.25    # another language is named only when its own words are this common
MIN_WORDS = 20            # shorter texts are judged only when another language is clear
SAMPLE_CHARS = 20_000     # the start of the text is enough to judge



@lru_cache(maxsize=1)
def languages() -> dict:
    return read_json("read/languages.json")


LANGUAGE_NAMES = languages()["names"]
UNDETERMINED = languages()["undetermined"]


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


@lru_cache(maxsize=1)
def cyrillic_function_words() -> dict[str, frozenset[str]]:
    raw = read_json("read/cyrillic_function_words.json")
    return {lang: frozenset(words) for lang, words in raw.items() if not lang.startswith("_")}


MIN_ABSENT_SHARE = 0.002  # letters an alphabet lacks, this common, rule the language out
CYRILLIC_WORD_WEIGHT = 0.1  # a function-word share counts a tenth of a letter share: letters decide, words break ties


def cyrillic_language(text: str) -> tuple[str, str]:
    """(code, reason) of a Cyrillic text: the language whose own letters are commonest, function words breaking
    ties; the default (Russian) when neither tells."""
    low = text.lower()
    letters = [ch for ch in low if script_of(ch) == "CYRILLIC"] if not low.isascii() else []
    counts = Counter(letters)
    n = len(letters) or 1
    scores = {lang: sum(counts[ch] for ch in own) / n for lang, own in languages()["cyrillic_letters"].items()}
    words = [w for w in WORD.findall(low)]
    shares = Counter(words)
    for lang, vocab in cyrillic_function_words().items():
        scores[lang] = scores.get(lang, 0.0) + CYRILLIC_WORD_WEIGHT * sum(shares[w] for w in vocab if w in shares) / (
            len(words) or 1)
    for lang, absent in languages()["cyrillic_absent"].items():
        if sum(counts[ch] for ch in absent) / n >= MIN_ABSENT_SHARE:
            scores[lang] = -1.0
    best = max(sorted(scores), key=lambda lang: scores[lang])
    if scores[best] <= 0:
        default = languages()["cyrillic_default"]
        return default, f"Cyrillic script, no letters or words that tell; {LANGUAGE_NAMES[default]} by default"
    return best, f"Cyrillic script, {LANGUAGE_NAMES.get(best, best)} letters and words"


def detect_language(text: str) -> tuple[str | None, str]:
    """(language code or None when unsure, a short reason)."""
    sample = URL.sub(" ", text[:SAMPLE_CHARS])
    script, latin_share = dominant_script(sample)
    if script == "NONE":
        return None, "no letters"
    if latin_share < MIN_LATIN_SHARE:
        if script == "CYRILLIC":
            return cyrillic_language(sample)
        if script in ("HIRAGANA", "KATAKANA", "CJK"):
            kana = sum(1 for ch in sample if script_of(ch) in ("HIRAGANA", "KATAKANA"))
            script = "HIRAGANA" if kana else "CJK"  # Japanese mixes kana with its kanji; Chinese has none
        return languages()["scripts"].get(script), f"mostly {script.title()} script"
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


def article_language(text: str) -> str:
    """The language code of an article's text ("und" when none is clear); NotEnglishError when it has no letters."""
    language, reason = detect_language(text)
    if language is None and reason == "no letters":
        raise NotEnglishError(f"not a text in any language ({reason})")
    return language or UNDETERMINED


def language_name(code: str | None) -> str:
    return LANGUAGE_NAMES.get(code or UNDETERMINED, code)


def analysed_languages() -> frozenset[str]:
    """The languages a pipeline exists for here (data/read/languages.json "analysed"), less those whose
    optional extra is not installed ("needs")."""
    return frozenset(code for code in languages()["analysed"] if missing_extra(code) is None)


def missing_extra(code: str | None) -> str | None:
    """The extra that ``code``'s pipeline needs and this install lacks, or None."""
    import importlib.util

    module, extra = languages().get("needs", {}).get(code or "en", (None, None))
    return extra if module and importlib.util.find_spec(module) is None else None


def is_analysed(code: str | None) -> bool:
    return (code or "en") in analysed_languages()


def _text_in(code: str | None) -> str:
    """'Ukrainian text', or 'Text in an undetermined language'."""
    return "Text in an undetermined language" if (code or UNDETERMINED) == UNDETERMINED else f"{language_name(code)} text"


def unanalysed_message(code: str | None) -> str:
    """One line naming the language and what happens to the article."""
    able = ", ".join(language_name(c) for c in sorted(analysed_languages()))
    extra = missing_extra(code)
    if extra:
        return (f"{_text_in(code)}: stored, not analysed (install the {extra} extra: pip install 'claimledger[{extra}]'); "
                f"`claimledger reanalyse --language {code}` analyses it then")
    return (f"{_text_in(code)}: stored, not analysed (claimledger analyses {able}); "
            f"`claimledger reanalyse --language {code or UNDETERMINED}` analyses it once a parser exists")


def require_analysed(code: str | None) -> None:
    """Raise UnsupportedLanguageError (naming the language) unless ``code`` is analysed."""
    if not is_analysed(code):
        able = ", ".join(language_name(c) for c in sorted(analysed_languages()))
        raise UnsupportedLanguageError(f"{_text_in(code)}: not analysed (claimledger analyses {able}; "
                                       f"`claimledger ingest` stores it for `claimledger reanalyse` later)")


def check_english(text: str) -> str:
    """Return "en", or raise NotEnglishError with a one-line reason."""
    language, reason = detect_language(text)
    if language == "en":
        return "en"
    looks = f"looks {LANGUAGE_NAMES.get(language, language)}; " if language else ""
    raise NotEnglishError(f"not English ({looks}{reason}): claimledger analyses English text only")
