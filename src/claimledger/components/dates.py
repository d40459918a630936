"""claimledger_dates component (placeholder: to be implemented)."""
from spacy.language import Language
from spacy.tokens import Doc

from .. import extensions  # noqa: F401


@Language.factory("claimledger_dates")
def make_dates(nlp: Language, name: str):
    return DatesComponent()


class DatesComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.cl_dates = []
        return doc
