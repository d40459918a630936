"""The explorer's page views: each runs its queries on the ledger and renders a template.

Every page carries a strict Content-Security-Policy: scripts only from this
server's own static files (no inline script at all), so even markup that
slipped into a page could not run.
"""
from __future__ import annotations

import os
from functools import partial
from urllib.parse import urlencode, urlsplit

from datasette.utils.asgi import Response

from claimledger.reconcile.check import check
from claimledger.web import articles, ledger_claims
from claimledger.web.article_claims import ArticleClaims
from claimledger.web.board import STATUS_ORDER, BoardFilters, ClaimSource, board
from claimledger.web.ledger_claims import LedgerClaims
from claimledger.web.markup import json_for_script

PLUGIN = "claimledger"  # key of the plugin's settings in Datasette's metadata ("plugins": {"claimledger": {...}})
LEDGER_TABLES = {"articles", "claims", "statements"}


# -- settings -------------------------------------------------------------------

def settings(datasette) -> dict:
    """database, tiles and tiles_attribution: from the plugin config, else CLAIMLEDGER_TILES* env."""
    config = datasette.plugin_config(PLUGIN) or {}
    return {
        "database": config.get("database"),
        "tiles": config.get("tiles") or os.environ.get("CLAIMLEDGER_TILES") or None,
        "tiles_attribution": config.get("tiles_attribution") or os.environ.get("CLAIMLEDGER_TILES_ATTRIBUTION") or "",
    }


async def ledger_database(datasette):  # -> datasette Database | None
    """The Datasette database that holds the ledger: the configured one, else the first with its tables."""
    wanted = settings(datasette)["database"]
    if wanted:
        return datasette.get_database(wanted)
    for name, db in datasette.databases.items():
        if name == "_internal" or db.is_memory:
            continue
        if LEDGER_TABLES <= set(await db.table_names()):
            return db
    return None


def tile_origin(url: str | None) -> str | None:
    """The CSP source for a tile URL template (``{s}`` subdomains become a wildcard)."""
    if not url:
        return None
    parts = urlsplit(url.replace("{s}", "*"))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


def content_security_policy(tiles: str | None) -> str:
    images = " ".join(x for x in ("'self'", "data:", tile_origin(tiles)) if x)
    return "; ".join([
        "default-src 'none'", "script-src 'self'", "style-src 'self'", f"img-src {images}",
        "connect-src 'self'", "font-src 'self'", "base-uri 'none'", "form-action 'self'",
        "frame-ancestors 'none'",
    ])


async def render(datasette, request, template: str, context: dict, status: int = 200) -> Response:
    conf = settings(datasette)
    db = context.get("db")
    context = {
        "ledger_db": db.name if db else None,
        "static": lambda path: datasette.urls.path(f"/-/ledger/static/{path}"),
        "page_url": partial(page_url, datasette),
        **context,
    }
    html = await datasette.render_template(template, context, request=request)
    return Response.html(html, status=status, headers={
        "Content-Security-Policy": content_security_policy(conf["tiles"]),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    })


async def not_found(datasette, request, message: str) -> Response:
    # a response, not a raised NotFound: Datasette would log a full traceback for each one
    return await render(datasette, request, "claimledger_missing.html", {"message": message}, status=404)


NO_LEDGER = "No claimledger ledger is attached here (run 'claimledger ingest' first)."


def page_url(datasette, path: str, **args) -> str:
    query = urlencode({k: v for k, v in args.items() if v not in (None, "")})
    return datasette.urls.path("/-/ledger" + path) + (f"?{query}" if query else "")


# -- request arguments ----------------------------------------------------------

def _arg(request, name: str, limit: int = 200) -> str | None:
    value = (request.args.get(name) or "").strip()
    return value[:limit] or None


def _date_arg(request, name: str) -> str | None:
    """An ISO date prefix (YYYY, YYYY-MM or YYYY-MM-DD); anything else is ignored."""
    value = _arg(request, name, 10)
    if value and all(ch.isdigit() or ch == "-" for ch in value) and value[:4].isdigit():
        return value
    return None


def _int_arg(request, name: str, default: int) -> int:
    try:
        return max(1, int(request.args.get(name) or default))
    except ValueError:
        return default


def board_filters(request) -> BoardFilters:
    status = _arg(request, "status")
    return BoardFilters(
        status=status if status in STATUS_ORDER else None,
        actor=_arg(request, "actor"), place=_arg(request, "place"),
        date_from=_date_arg(request, "from"), date_to=_date_arg(request, "to"),
        page=_int_arg(request, "page", 1),
    )


# -- pages ----------------------------------------------------------------------

PER_ARTICLE, RECONCILED = ArticleClaims(), LedgerClaims()


def claim_source(conn, key: str | None = None) -> ClaimSource:
    """The reconciled claims (one per proposition across articles) when the ledger has them, else the
    per-article claims; a key with a dot (``article_id.claim_id``) always names a per-article claim."""
    if (key is not None and "." in key) or not ledger_claims.available(conn):
        return PER_ARTICLE
    return RECONCILED


def ledger_page(view):
    """A page of the ledger: ``view(datasette, request, db)`` runs once the ledger's database is found.

    (Not functools.wraps: Datasette passes a route the arguments its signature names.)"""
    async def page(datasette, request):
        db = await ledger_database(datasette)
        if db is None:
            return await not_found(datasette, request, NO_LEDGER)
        return await view(datasette, request, db)
    page.__name__, page.__doc__ = view.__name__, view.__doc__
    return page


CHECK_MAX = 300  # characters of a claim to check from the board's search box


@ledger_page
async def board_page(datasette, request, db):
    filters = board_filters(request)
    data = await db.execute_fn(lambda conn: board(conn, claim_source(conn), filters))
    asked = _arg(request, "check", CHECK_MAX)
    checked = await db.execute_fn(lambda conn: check(conn, [asked])[0]) if asked else None
    return await render(datasette, request, "claimledger_board.html", {
        "db": db, "filters": filters, "statuses": STATUS_ORDER, "asked": asked, "checked": checked,
        **data,
    })


@ledger_page
async def claim_page(datasette, request, db):
    key = request.url_vars["key"]
    page = await db.execute_fn(lambda conn: claim_source(conn, key).claim_detail(conn, key))
    if page is None:
        return await not_found(datasette, request, "No such claim in this ledger.")
    return await render(datasette, request, "claimledger_claim.html", {"db": db, **page})


@ledger_page
async def article_page(datasette, request, db):
    article_id = request.url_vars["article_id"]
    data = await db.execute_fn(lambda conn: articles.article_detail(conn, article_id))
    if data is None:
        return await not_found(datasette, request, "No such article in this ledger.")
    return await render(datasette, request, "claimledger_article.html", {"db": db, **data})


@ledger_page
async def map_page(datasette, request, db):
    places = await db.execute_fn(articles.map_places)
    conf = settings(datasette)
    map_data = {"places": places, "tiles": conf["tiles"], "attribution": conf["tiles_attribution"],
                "board": page_url(datasette, "")}
    return await render(datasette, request, "claimledger_map.html", {
        "db": db, "places": places, "tiles": conf["tiles"], "map_json": json_for_script(map_data),
    })


@ledger_page
async def timeline_page(datasette, request, db):
    filters = board_filters(request)
    filters.page_size = 300

    def load(conn):
        return {"events": articles.timeline_events(conn, filters.date_from, filters.date_to),
                "claims": claim_source(conn).timeline_claims(conn, filters)}

    data = await db.execute_fn(load)
    return await render(datasette, request, "claimledger_timeline.html", {
        "db": db, "filters": filters, "days": _by_day(data["claims"], data["events"]),
    })


def _by_day(claim_rows: list[dict], events: list[dict]) -> list[dict]:
    """Claims (on the day first reported) and events (on the day they happened) merged by date."""
    days: dict[str, dict] = {}
    for c in claim_rows:
        day = (c["published"] or "")[:10] or "undated"
        days.setdefault(day, {"date": day, "claims": [], "events": []})["claims"].append(c)
    for e in events:
        days.setdefault(e["value"], {"date": e["value"], "claims": [], "events": []})["events"].append(e)
    return [days[d] for d in sorted(days)]


# -- the changes feed -------------------------------------------------------------

CHANGE_KINDS = ("new", "status", "source", "contradiction")
FEED_LIMIT = 200  # entries of the changes feed unless ?limit= says fewer


@ledger_page
async def changes_feed(datasette, request, db):
    """The ledger's changes as Atom (?since=24h|ISO, ?about=TEXT, ?kind=status|source|contradiction|new,
    ?limit=N), each entry linking to its claim's page."""
    from sqlite_utils import Database

    from claimledger.output.atom import changes_atom
    from claimledger.reconcile.changes import change_rows, parse_since

    try:
        since = parse_since(_arg(request, "since", 40))
    except ValueError as err:
        return Response.text(f"{err}\n", status=400)
    kind = _arg(request, "kind")
    if kind is not None and kind not in CHANGE_KINDS:
        return Response.text(f"kind must be one of {', '.join(CHANGE_KINDS)}\n", status=400)
    about, limit = _arg(request, "about"), min(_int_arg(request, "limit", FEED_LIMIT), FEED_LIMIT)
    rows = await db.execute_fn(lambda conn: change_rows(Database(conn), since=since, about=about, kind=kind,
                                                        limit=limit))
    xml = changes_atom(rows, lambda cid: datasette.absolute_url(request, page_url(datasette, f"/claim/{cid}")),
                       datasette.absolute_url(request, request.full_path))
    return Response(xml, content_type="application/atom+xml; charset=utf-8",
                    headers={"X-Content-Type-Options": "nosniff"})
