"""claimledger's web explorer: a Datasette plugin with claim-centred pages.

Registered through the ``datasette`` entry point group (pyproject.toml), so
``datasette ledger.db`` shows the pages too; ``claimledger serve`` starts
Datasette read-only on 127.0.0.1 with this plugin.  Pages live under
``/-/ledger``: the claim board, a claim, an article, the map and the timeline.
Datasette's own tables, facets, SQL and JSON stay where they are.

The explorer only reads the ledger: it never parses text (no spaCy here).
"""
from __future__ import annotations

from claimledger.web.hooks import asgi_wrapper, handle_exception, menu_links, register_routes  # noqa: F401  (pluggy finds the hooks on this module)

PLUGIN_NAME = "claimledger.web"
