"""HTTP for ``follow``: a clear User-Agent, conditional requests, a polite delay per host, timeouts and
retries with back-off.  The standard library's urllib only: no extra dependency.

``Fetcher.get(url, etag, last_modified)`` returns a ``Fetched`` (status 200 with the body, or 304 when
the server says nothing changed) or raises ``FetchError`` with one line saying why, once the retries
(on timeouts, refused connections, 5xx and 429 answers) are spent.  Other 4xx answers are not retried.
"""
from __future__ import annotations

import socket
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from claimledger.errors import ClaimledgerError

try:  # the installed version names itself; a source checkout says so
    from importlib.metadata import version as _version
    VERSION = _version("claimledger")
except Exception:  # noqa: BLE001 - not installed (PYTHONPATH checkout)
    VERSION = "dev"

USER_AGENT = f"claimledger/{VERSION} (news claim ledger; follows feeds politely, one request per host at a time)"
MAX_BYTES = 20 * 1024 * 1024  # a page or feed larger than this is cut (and so fails to parse): not news


class FetchError(ClaimledgerError):
    """A URL could not be fetched; str() is one line."""


@dataclass
class Fetched:
    url: str  # after redirects
    status: int  # 200 or 304
    body: bytes = b""
    headers: dict = field(default_factory=dict)

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")

    @property
    def content_type(self) -> str:
        return (self.headers.get("content-type") or "").split(";")[0].strip().lower()


class Fetcher:
    """GETs with conditional headers, a minimum delay between two requests to one host, and retries."""

    def __init__(self, timeout: float = 20.0, retries: int = 3, backoff: float = 2.0, host_delay: float = 2.0,
                 user_agent: str = USER_AGENT, sleep=time.sleep):
        self.timeout, self.retries, self.backoff, self.host_delay = timeout, retries, backoff, host_delay
        self.user_agent, self.sleep = user_agent, sleep
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        with self._lock:
            wait = self._last.get(host, -1e9) + self.host_delay - time.monotonic()
        if wait > 0:
            self.sleep(wait)
        with self._lock:
            self._last[host] = time.monotonic()

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        headers = {"User-Agent": self.user_agent, "Accept-Encoding": "identity"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        why = "no attempt"
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            self._wait_for_host(url)
            try:
                with urllib.request.urlopen(urllib.request.Request(url, headers=headers),
                                            timeout=self.timeout) as response:
                    body = response.read(MAX_BYTES)
                    return Fetched(response.geturl(), response.status, body,
                                   {k.lower(): v for k, v in response.headers.items()})
            except urllib.error.HTTPError as err:
                if err.code == 304:
                    return Fetched(url, 304, b"", {k.lower(): v for k, v in err.headers.items()})
                why = f"HTTP {err.code} {err.reason}"
                if err.code < 500 and err.code != 429:
                    raise FetchError(f"{url}: {why}") from None
            except (TimeoutError, socket.timeout):
                why = f"timed out after {self.timeout:g} s"
            except urllib.error.URLError as err:
                reason = err.reason
                why = f"timed out after {self.timeout:g} s" if isinstance(reason, (TimeoutError, socket.timeout)) \
                    else f"cannot connect: {reason}"
            except (ConnectionError, OSError) as err:
                why = f"connection failed: {err}"
        raise FetchError(f"{url}: {why} ({self.retries + 1} tries)")
