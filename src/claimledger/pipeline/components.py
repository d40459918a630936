"""claimledger's spaCy components, each registered with ``Language.factory``.

Importing this package registers them, so ``nlp.add_pipe("claimledger_dates")``
works in any pipeline once ``claimledger.pipeline.components`` is imported.
"""
from claimledger.pipeline import segmentation, quantities, claims
from claimledger.pipeline.dates import component as dates
from claimledger.pipeline.places import component as places
from claimledger.pipeline.actors import component as actors
from claimledger.pipeline.attribution import component as attribution  # noqa: F401
