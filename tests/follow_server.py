"""A news site on loopback for the follow tests: a threaded HTTP server whose routes a test changes
between polls (status, body, ETag, delay), recording every request it was sent."""
from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from claimledger.read.txt import split_front_matter

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    delay: float = 0.0


@dataclass
class Site:
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def hits(self, path: str) -> list[dict]:
        with self.lock:
            return [h for p, h in self.requests if p == path]


def serve(site: Site):
    """(server, base URL): started in a daemon thread on 127.0.0.1, an OS-chosen port."""
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server name
            with site.lock:
                site.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            route = site.routes.get(self.path.split("?")[0])
            if route is None:
                return self._send(404, b"no such page", "text/plain")
            if route.delay:
                time.sleep(route.delay)
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                return self._send(304, b"", None, route.etag)
            self._send(route.status, route.body, route.content_type, route.etag)

        def _send(self, status, body, content_type, etag=None):
            try:
                self.send_response(status)
                if content_type:
                    self.send_header("Content-Type", content_type)
                if etag:
                    self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout test)
                pass

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def example(name: str) -> tuple[dict, str]:
    """(front matter, text) of an example article."""
    return split_front_matter((EXAMPLES / name).read_text(encoding="utf-8"))


def wikinews(ids: list[str]) -> list[dict]:
    rows = [json.loads(line) for line in (EXAMPLES / "wikinews/semeval2015_timeline_wikinews_docs.jsonl").open()]
    by_id = {str(r["id"]): r for r in rows}
    return [by_id[i] for i in ids]


def page(title: str, text: str) -> bytes:
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n") if p.strip())
    return (f"<!doctype html><html><head><title>{escape(title)}</title></head><body><nav>Home | World</nav>"
            f"<article><h1>{escape(title)}</h1>{paragraphs}</article><footer>(c) Test</footer></body></html>"
            ).encode()


def rss(title: str, items: list[dict]) -> bytes:
    """items: guid, title, link, date (datetime), text (the description)."""
    out = [f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
           "<link>http://127.0.0.1/</link><description>test</description>"]
    for it in items:
        out.append(f'<item><guid isPermaLink="false">{escape(it["guid"])}</guid><title>{escape(it["title"])}</title>'
                   f'<link>{escape(it["link"])}</link><pubDate>{format_datetime(it["date"], usegmt=True)}</pubDate>'
                   f'<description>{escape(escape(it.get("text", "")))}</description></item>')
    out.append("</channel></rss>")
    return "".join(out).encode()


def atom(title: str, items: list[dict]) -> bytes:
    out = ['<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
           f"<title>{escape(title)}</title><id>urn:test:{escape(title)}</id><updated>2025-04-28T00:00:00Z</updated>"]
    for it in items:
        out.append(f'<entry><id>{escape(it["guid"])}</id><title>{escape(it["title"])}</title>'
                   f'<link href="{escape(it["link"])}"/><updated>{it["date"].isoformat()}</updated>'
                   f'<content type="text">{escape(it.get("text", ""))}</content></entry>')
    out.append("</feed>")
    return "".join(out).encode()
