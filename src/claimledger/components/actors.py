"""claimledger_actors component (placeholder: to be implemented)."""
from spacy.language import Language
from spacy.tokens import Doc

from .. import extensions  # noqa: F401


@Language.factory("claimledger_actors")
def make_actors(nlp: Language, name: str):
    return ActorsComponent()


class ActorsComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.cl_entities = []
        return doc
