"""claimledger: a sourced ledger of who said what, when, relayed by whom.

The public API is small: :func:`analyze` one article, :func:`load_pipeline` to
get the spaCy pipeline with claimledger's components, :class:`Ledger` to store
and query analyses.  Importing the package configures no logging.
"""
from claimledger.model import Analysis, Article, PIPELINE_VERSION, STANCES

__all__ = ["analyze", "analyze_many", "load_pipeline", "Analysis", "Article", "Ledger", "PIPELINE_VERSION", "STANCES"]
__version__ = PIPELINE_VERSION


def __getattr__(name):  # lazy: importing claimledger must not load spaCy
    if name in ("analyze", "analyze_many"):
        from claimledger.pipeline import analysis
        return getattr(analysis, name)
    if name == "load_pipeline":
        from claimledger.pipeline.build import load_pipeline
        return load_pipeline
    if name == "Ledger":
        from claimledger.ledger import Ledger
        return Ledger
    raise AttributeError(name)
