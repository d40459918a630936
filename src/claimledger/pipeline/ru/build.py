"""The Russian Language: spaCy's "ru" vocabulary, natasha as its tokenizer, claimledger's components."""
from __future__ import annotations

import spacy

from claimledger.pipeline.ru.natasha_doc import NatashaTokenizer, natasha_models


def build_russian(components: list[str], exclude_components: tuple[str, ...] = ()):
    natasha_models()  # fail now, with the extra to install, rather than on the first article
    nlp = spacy.blank("ru")
    nlp.tokenizer = NatashaTokenizer(nlp.vocab)
    nlp.meta["name"] = "natasha"
    import natasha
    nlp.meta["version"] = getattr(natasha, "__version__", "1.6")
    for name in components:
        if name not in exclude_components:
            nlp.add_pipe(name, last=True)
    return nlp
