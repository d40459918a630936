"""What claimledger's components share: spaCy's Pipe, so that a failure reaches spaCy's error handler.

A component is a Doc -> Doc callable that reads what earlier components left
on the Doc and writes its own ``doc._`` attribute (see extensions.py).  It
does not catch its own errors: a bug raises, and spaCy hands it to the error
handler (``nlp.set_error_handler`` or the component's ``set_error_handler``,
both from ``spacy.pipeline.Pipe``; by default it re-raises).  The ingest
isolates the article that raised: it redoes a failed batch one article at a
time and records that article's error (ingest/local.py, ingest/dask/tasks.py).
"""
from __future__ import annotations

from typing import Any

from spacy.pipeline import Pipe
from spacy.tokens import Doc


class DocComponent(Pipe):
    """A component that sets ``doc._.<attribute>`` to what :meth:`find` returns for the Doc."""

    attribute = ""  # the Doc extension this component fills (extensions.DOC_EXTENSIONS)

    def __init__(self, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        setattr(doc._, self.attribute, self.find(doc))
        return doc

    def find(self, doc: Doc) -> Any:
        raise NotImplementedError
