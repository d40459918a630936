"""claimledger_attribution: statements (who said what, how, when, relayed by whom).

Cues come from the parse (parse.py, spans.py, sources.py, constructions.py)
filtered by the lexicon learned from PolNeAR train (data/cues.tsv) and by the
stance table (data/stance.tsv, for stance-bearing verbs PolNeAR rarely saw):
cues.py.  With ``learned = true`` a CRF trained on PolNeAR train
(learned.py, scripts/train_attribution.py) decides which of the rules'
candidates stand instead of the per-relation thresholds.  Each attribution
becomes a model.Statement (statements.py).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from claimledger.model import Statement
from claimledger.pipeline import extensions  # noqa: F401
from claimledger.pipeline.base import DocComponent
from claimledger.pipeline.attribution.cues import MIN_CUE, MIN_P
from claimledger.pipeline.attribution.statements import statements
from claimledger.pipeline.attribution import learned as learned_model


@Language.factory(
    "claimledger_attribution",
    assigns=["doc._.cl_statements"],
    requires=["doc._.cl_entities", "doc._.cl_dates", "doc.sents", "token.ent_type",
              "token.tag", "token.lemma", "token.dep", "token.head"],
    default_config={"min_p": MIN_P, "min_cue": MIN_CUE, "learned": False},
)
def make_attribution(nlp: Language, name: str, min_p: float, min_cue: int, learned: bool):
    return AttributionComponent(name, min_p=min_p, min_cue=min_cue, learned=learned)


class AttributionComponent(DocComponent):
    attribute = "cl_statements"

    def __init__(self, name: str, min_p: float = MIN_P, min_cue: int = MIN_CUE, learned: bool = False):
        super().__init__(name)
        self.min_p = min_p
        self.min_cue = min_cue
        self.model = learned_model.shipped_model() if learned else None  # loaded with the pipeline

    def find(self, doc: Doc) -> list[Statement]:
        if self.model is not None:
            return learned_model.statements(doc, self.model, self.min_cue)
        return statements(doc, self.min_p, self.min_cue)
