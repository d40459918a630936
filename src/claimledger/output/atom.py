"""The ledger's changes as an Atom feed (feedgen), for ``claimledger changes --atom`` and the explorer's
``/-/ledger/changes.atom``: one entry per change, linking to its claim's page."""
from __future__ import annotations

import datetime as dt

KIND_TITLES = {"new": "New claim", "status": "Status", "source": "New source", "contradiction": "Contradiction"}


def change_title(change: dict) -> str:
    text = change.get("claim_text") or change["claim_id"]
    short = text if len(text) <= 100 else text[:99] + "…"
    if change["kind"] == "status":
        return f"{change['before']} → {change['after']}: {short}"
    if change["kind"] == "new":
        return f"New claim ({change['after']}): {short}"
    if change["kind"] == "source":
        return f"New source {change['after']}: {short}"
    return f"Contradiction: {short}"


def change_summary(change: dict) -> str:
    parts = [f"{KIND_TITLES.get(change['kind'], change['kind'])}: {change.get('claim_text') or ''}"]
    if change["kind"] == "status":
        parts.append(f"was {change['before']}, now {change['after']}")
    elif change["kind"] != "new":
        parts.append(change["after"] or "")
    if change.get("article_id"):
        by = ", ".join(x for x in (change.get("article_source"), change.get("article_title")) if x)
        parts.append(f"article {change['article_id'][:12]}" + (f" ({by})" if by else ""))
    return "\n".join(parts)


def changes_atom(changes: list[dict], claim_url, feed_url: str, title: str = "claimledger: ledger changes") -> bytes:
    """Atom XML of ``changes`` (newest first); ``claim_url(claim_id)`` gives each entry's link."""
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    fg.id(feed_url)
    fg.title(title)
    fg.link(href=feed_url, rel="self")
    fg.author({"name": "claimledger"})
    fg.generator("claimledger")
    times = [_time(c["time"]) for c in changes]
    fg.updated(max(times) if times else dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc))
    for change, when in sorted(zip(changes, times), key=lambda p: (p[1], p[0]["id"])):
        entry = fg.add_entry()  # feedgen prepends: the oldest added first leaves the newest on top
        entry.id(f"urn:claimledger:change:{change['id']}")
        entry.title(change_title(change))
        entry.link(href=claim_url(change["claim_id"]))
        entry.updated(when)
        entry.published(when)
        entry.summary(change_summary(change))
        entry.category(term=change["kind"])
    return fg.atom_str(pretty=True)


def _time(text: str) -> dt.datetime:
    when = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)
