"""claimledger_attribution: statements (who said what, how, when, relayed by whom).

Cues come from the parse (parse.py, spans.py, sources.py, constructions.py)
filtered by the lexicon learned from PolNeAR train (data/cues.tsv) and by the
stance table (data/stance.tsv, for stance-bearing verbs PolNeAR rarely saw):
cues.py.  Each attribution becomes a model.Statement (statements.py).
"""
from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc

from claimledger.pipeline import extensions  # noqa: F401
from claimledger.pipeline.attribution.cues import MIN_CUE, MIN_P
from claimledger.pipeline.attribution.statements import statements


log = logging.getLogger(__name__)


@Language.factory("claimledger_attribution", default_config={"min_p": MIN_P, "min_cue": MIN_CUE})
def make_attribution(nlp: Language, name: str, min_p: float, min_cue: int):
    return AttributionComponent(min_p=min_p, min_cue=min_cue)


class AttributionComponent:
    def __init__(self, min_p: float = MIN_P, min_cue: int = MIN_CUE):
        self.min_p = min_p
        self.min_cue = min_cue

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.cl_statements = statements(doc, self.min_p, self.min_cue)
        except (ValueError, IndexError, KeyError, AttributeError) as err:  # one bad document must not stop a batch
            log.warning("attribution failed on a document: %s", err)
            doc._.cl_statements = []
        return doc
