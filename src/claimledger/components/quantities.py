"""claimledger_quantities component (placeholder: to be implemented)."""
from spacy.language import Language
from spacy.tokens import Doc

from .. import extensions  # noqa: F401


@Language.factory("claimledger_quantities")
def make_quantities(nlp: Language, name: str):
    return QuantitiesComponent()


class QuantitiesComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.cl_quantities = []
        return doc
