"""claimledger's spaCy components, each registered with ``Language.factory``.

Importing this package registers them, so ``nlp.add_pipe("claimledger_dates")``
works in any pipeline once ``claimledger.components`` is imported.
"""
from . import segmentation, dates, places, actors, quantities, attribution, claims  # noqa: F401
