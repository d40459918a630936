"""claimledger_places component (placeholder: to be implemented)."""
from spacy.language import Language
from spacy.tokens import Doc

from .. import extensions  # noqa: F401


@Language.factory("claimledger_places")
def make_places(nlp: Language, name: str):
    return PlacesComponent()


class PlacesComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.cl_places = []
        return doc
