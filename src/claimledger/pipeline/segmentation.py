"""Sentence starts at line breaks, set before the parser so captions stay apart."""
from spacy.language import Language
from spacy.tokens import Doc


@Language.component("claimledger_newline_sentences", assigns=["token.is_sent_start"])
def newline_sentences(doc: Doc) -> Doc:
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[i + 1].is_sent_start = True
    return doc
