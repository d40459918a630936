"""Datasette hooks: the routes of the explorer's pages and links to them in Datasette's menu."""
from __future__ import annotations

from pathlib import Path

from datasette import hookimpl
from datasette.utils.asgi import asgi_static

from claimledger.web import pages

# Served under a path of our own: Datasette names /-/static-plugins/ after the distribution or the
# module depending on how the plugin was registered.
STATIC_DIR = Path(__file__).parent / "static"


@hookimpl
def register_routes():
    return [
        (r"^/-/ledger/?$", pages.board_page),
        (r"^/-/ledger/claim/(?P<key>[0-9A-Za-z_.:-]+)$", pages.claim_page),
        (r"^/-/ledger/article/(?P<article_id>[0-9A-Za-z_-]+)$", pages.article_page),
        (r"^/-/ledger/map$", pages.map_page),
        (r"^/-/ledger/timeline$", pages.timeline_page),
        (r"^/-/ledger/changes\.atom$", pages.changes_feed),
        (r"^/-/ledger/static/(?P<path>.*)$", asgi_static(str(STATIC_DIR))),
    ]


@hookimpl
def menu_links(datasette):
    return [
        {"href": datasette.urls.path("/-/ledger"), "label": "Claim board"},
        {"href": datasette.urls.path("/-/ledger/timeline"), "label": "Timeline"},
        {"href": datasette.urls.path("/-/ledger/map"), "label": "Map"},
        {"href": datasette.urls.path("/-/ledger/changes.atom"), "label": "Changes (Atom)"},
    ]
