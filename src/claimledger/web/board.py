"""The claim board: the ledger's claims filtered, ordered (disputed first, then newest) and paged.

There is one board and two kinds of row it can list, each a ``ClaimSource``:
each article's own claims (web.article_claims, keyed ``<article_id>.<claim_id>``)
and the claims the reconcile layer groups across articles (web.ledger_claims).
A source only says where its rows are (its SQL) and how one becomes a board row;
the filters, the order and the paging are here, once.  pages.claim_source picks
the source for a request.
"""
from __future__ import annotations

import json
import sqlite3
from abc import ABC, abstractmethod
from dataclasses import dataclass

from claimledger.model import CLAIM_STATUSES
from claimledger.web.articles import rows

# Board order: what an analyst must look at first.
STATUS_ORDER = ("disputed", "denied", "retracted", "confirmed", "reported")
assert set(STATUS_ORDER) == set(CLAIM_STATUSES)


@dataclass
class BoardFilters:
    status: str | None = None
    actor: str | None = None
    place: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    page: int = 1
    page_size: int = 50

    def params(self) -> dict:
        return {"actor": _like(self.actor), "place": _like(self.place),
                "date_from": self.date_from or None,
                # published may carry a time: '~' sorts after every time suffix of the same day
                "date_to": (self.date_to + "~") if self.date_to else None}

    def query_args(self) -> dict:
        """The filters as URL arguments (for links that keep them)."""
        args = {"actor": self.actor, "place": self.place, "from": self.date_from, "to": self.date_to}
        return {k: v for k, v in args.items() if v}

    @property
    def offset(self) -> int:
        """How many claims come before this page."""
        return (max(1, self.page) - 1) * self.page_size


def _like(value: str | None) -> str | None:
    return f"%{value.strip()}%" if value and value.strip() else None


class ClaimSource(ABC):
    """Where the board's rows come from.  The SQL reads the filters' parameters (BoardFilters.params)."""

    reconciled: bool  # claims across articles (the board says when it shows per-article ones)
    actor_sql: str  # keys of the claims that involve :actor
    place_sql: str  # keys of the claims that name :place
    counts_sql: str  # status, n: every claim
    dated_counts_sql: str  # status, n: the claims within :date_from .. :date_to
    keyed_sql: str  # the board's columns of the claims in :keys (a JSON list) within the dates
    newest: str  # the date column a status is ordered by, newest first

    def key(self, match: tuple):
        """A claim's key from a row of actor_sql or place_sql."""
        return match[0]

    @abstractmethod
    def tiebreak(self, row: dict) -> tuple:
        """The order of claims of one status and date (as the SQL of status_rows orders them)."""

    @abstractmethod
    def status_rows(self, conn, f: BoardFilters, status: str, offset: int, limit: int, n_status: int) -> list[dict]:
        """``limit`` rows of one status (of ``n_status``) from ``offset``, in board order, within the dates."""

    @abstractmethod
    def board_rows(self, conn, found: list[dict]) -> list[dict]:
        """The rows as the board template shows them."""

    @abstractmethod
    def claim_detail(self, conn, key: str) -> dict | None:
        """The claim page: the claim, its history, sources for and against, contradictions, evidence."""

    @abstractmethod
    def timeline_claims(self, conn, f: BoardFilters) -> list[dict]:
        """The claims on the timeline within the filters, oldest first."""

    def matching_keys(self, conn, f: BoardFilters) -> set | None:
        """Keys of the claims the actor and place filters allow (each matched once); None when neither is set."""
        keys = None
        for value, sql in ((f.actor, self.actor_sql), (f.place, self.place_sql)):
            if value and value.strip():
                found = {self.key(r) for r in conn.execute(sql, f.params())}
                keys = found if keys is None else keys & found
        return keys


def keys_param(keys: set) -> str:
    return json.dumps(sorted(keys))


def status_counts(conn: sqlite3.Connection, source: ClaimSource, f: BoardFilters) -> dict[str, int]:
    sql = source.dated_counts_sql if f.date_from or f.date_to else source.counts_sql
    counts = {s: 0 for s in STATUS_ORDER}
    for r in rows(conn, sql, f.params()):
        if r["status"] in counts:
            counts[r["status"]] = r["n"]
    return counts


def _keyed_board(conn, source: ClaimSource, f: BoardFilters, keys: set) -> tuple[dict[str, int], list[dict]]:
    """Counts and the page's rows when an actor or place filter has narrowed the claims to a known set."""
    found = rows(conn, source.keyed_sql, {**f.params(), "keys": keys_param(keys)})
    counts = {s: 0 for s in STATUS_ORDER}
    for r in found:
        if r["status"] in counts:
            counts[r["status"]] += 1
    rank = {s: i for i, s in enumerate(STATUS_ORDER)}
    chosen = [r for r in found if r["status"] in counts and (not f.status or r["status"] == f.status)]
    chosen.sort(key=source.tiebreak)
    chosen.sort(key=lambda r: r[source.newest] or "", reverse=True)
    chosen.sort(key=lambda r: rank[r["status"]])
    return counts, chosen[f.offset:f.offset + f.page_size]


def page_plan(counts: dict[str, int], status: str | None, offset: int, limit: int) -> list[tuple[str, int, int]]:
    """(status, offset, limit) slices that make one page of the board, statuses in STATUS_ORDER."""
    plan = []
    for s in ([status] if status else STATUS_ORDER):
        n = counts.get(s, 0)
        if offset >= n:
            offset -= n
            continue
        take = min(limit, n - offset)
        plan.append((s, offset, take))
        limit -= take
        offset = 0
        if limit <= 0:
            break
    return plan


def board(conn: sqlite3.Connection, source: ClaimSource, f: BoardFilters) -> dict:
    """One page of the claim board: claims by status (disputed first) with their sources for and against."""
    keys = source.matching_keys(conn, f)
    if keys is not None:
        counts, found = _keyed_board(conn, source, f, keys)
    else:
        counts = status_counts(conn, source, f)
        found = []
        for status, off, lim in page_plan(counts, f.status, f.offset, f.page_size):
            found += source.status_rows(conn, f, status, off, lim, counts[status])
    total = counts.get(f.status, 0) if f.status else sum(counts.values())
    return {"claims": source.board_rows(conn, found), "counts": counts, "total": total, "page": f.page,
            "pages": max(1, -(-total // f.page_size)), "reconciled": source.reconciled}


def side_sources(entries) -> dict[str, list[dict]]:
    """Each side's sources once, with their kind and how many entries they give, from (side, name, kind)."""
    out: dict[str, dict] = {"for": {}, "against": {}}
    for side, name, kind in entries:
        entry = out[side].setdefault((name, kind), {"name": name, "kind": kind, "entries": 0})
        entry["entries"] += 1
    return {side: list(found.values()) for side, found in out.items()}
