"""claimledger_attribution component (placeholder: to be implemented)."""
from spacy.language import Language
from spacy.tokens import Doc

from .. import extensions  # noqa: F401


@Language.factory("claimledger_attribution")
def make_attribution(nlp: Language, name: str):
    return AttributionComponent()


class AttributionComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.cl_statements = []
        return doc
