"""Datasette hooks: the routes of the explorer's pages, links to them in Datasette's menu, quiet 4xx
answers, and the explorer's Content-Security-Policy on Datasette's own pages too.

Datasette 0.65 prints every exception its error handler sees, a 404 or a refused POST included, with
rich (``show_locals=True``: 160 lines per bad URL, and with no active exception it even fails and
answers 500).  A client error is not a fault of the server: ``handle_exception`` below answers 4xx
itself and keeps the default handler (and its printing) for real errors only.
"""
from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from pathlib import Path

from datasette import Response, hookimpl
from datasette.utils.asgi import Base400, asgi_static

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


@hookimpl(hookwrapper=True)
def handle_exception(datasette, request, exception):
    """A client error (404, 405, 400, 403) answered quietly; anything else goes to Datasette's handler."""
    outcome = yield
    if isinstance(exception, Base400):
        status = exception.status
    elif request.method not in ("GET", "HEAD") and isinstance(exception, AssertionError):
        status = 405  # "You may only POST to a canned query": the ledger has none, and takes no writes
    else:
        return
    outcome.force_result([lambda: client_error(datasette, request, exception, status)])


async def client_error(datasette, request, exception, status: int) -> Response:
    message = str(exception.args[0]) if exception.args else "Error"
    if status == 405:
        message = "Method not allowed: this explorer is read-only"
    headers = {"Content-Security-Policy": pages.content_security_policy(pages.settings(datasette)["tiles"]),
               "X-Content-Type-Options": "nosniff"}
    if request.path.split("?")[0].endswith(".json"):
        return Response.json({"ok": False, "error": message, "status": status, "title": None},
                             status=status, headers=headers)
    template = datasette.jinja_env.select_template([f"{status}.html", "error.html"])
    html = await template.render_async({"ok": False, "error": message, "status": status, "title": None,
                                        "urls": datasette.urls, "app_css_hash": datasette.app_css_hash(),
                                        "menu_links": lambda: []})
    return Response.html(html, status=status, headers=headers)


def datasette_policy(datasette) -> str:
    """The explorer's CSP for Datasette's own pages: no script but this server's files and Datasette's own
    inline scripts (allowed by hash, so an injected one still cannot run); inline styles allowed (its
    templates colour borders and lay out columns with them; a style cannot run code)."""
    policy = pages.content_security_policy(pages.settings(datasette)["tiles"])
    scripts = " ".join(f"'sha256-{h}'" for h in datasette_script_hashes())
    return (policy.replace("script-src 'self'", f"script-src 'self' {scripts}")
            .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"))


@lru_cache(maxsize=1)
def datasette_script_hashes() -> tuple[str, ...]:
    """Hashes of the inline scripts Datasette's templates hold verbatim (no template markup in them)."""
    import datasette as package

    found = {"DATASETTE_ALLOW_FACET = true;", "DATASETTE_ALLOW_FACET = false;"}  # table.html's one variable script
    for template in (Path(package.__file__).parent / "templates").glob("*.html"):
        for body in re.findall(r"<script>(.*?)</script>", template.read_text(encoding="utf-8"), re.S):
            if "{{" not in body and "{%" not in body:
                found.add(body)
    return tuple(sorted(base64.b64encode(hashlib.sha256(b.encode()).digest()).decode() for b in found))


@hookimpl
def asgi_wrapper(datasette):
    """Every HTML page, Datasette's tables of article text included, gets the explorer's CSP."""
    def wrap(app):
        async def with_csp(scope, receive, send):
            if scope.get("type") != "http":
                return await app(scope, receive, send)

            async def send_with_csp(message):
                if message.get("type") == "http.response.start":
                    headers = list(message.get("headers") or [])
                    names = {k.lower() for k, _ in headers}
                    content_type = next((v for k, v in headers if k.lower() == b"content-type"), b"")
                    if b"content-security-policy" not in names and content_type.startswith(b"text/html"):
                        policy = datasette_policy(datasette)
                        headers.append((b"content-security-policy", policy.encode()))
                        message = {**message, "headers": headers}
                await send(message)

            await app(scope, receive, send_with_csp)
        return with_csp
    return wrap
