"""Doc extension attributes shared by claimledger's components.

Each component reads what earlier ones left and writes its own list of plain
records (see model.py).  Registering is idempotent.
"""
from spacy.tokens import Doc

DOC_EXTENSIONS = {
    "published": None,       # ISO date string the relative dates are anchored to, or None
    "article_id": None,
    "source": None,          # the outlet that publishes the article (Article.source, else the URL's host)
    "title": None,           # Article.title, when the reader found one
    "captions": None,        # list[(start, end)] character ranges of captions/credits
    "cl_dates": None,        # list[DateValue]
    "cl_places": None,       # list[Place]: literal places only
    "cl_metonyms": None,     # list[dict(start, end, text, country)]: toponyms standing for a government
    "cl_entities": None,     # list[Entity]
    "cl_quantities": None,   # list[Quantity]
    "cl_statements": None,   # list[Statement]
    "cl_claims": None,       # list[Claim]
}


def register_extensions() -> None:
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()
