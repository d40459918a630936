"""The command line's `follow` and `changes` (registered on the group in cli/__init__.py): following a story,
and listing what changed in the ledger."""
from __future__ import annotations

import json
from pathlib import Path

import click

from claimledger.cli.options import db_option, open_ledger


@click.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option("--every", default="15m", show_default=True,
              help="How often feeds are polled: 30s, 15m, 1h (folders are watched all the time).")
@click.option("--once", is_flag=True, help="Poll every source once and exit (for cron).")
@click.option("--on-change", "on_change", default=None, metavar="CMD",
              help="Run CMD (a shell command) for each change, with the change as JSON on standard input.")
@click.option("--delay", default=2.0, show_default=True, type=float,
              help="Seconds between two requests to one host.")
@click.option("--timeout", default=20.0, show_default=True, type=float, help="Seconds before a request gives up.")
@click.option("--retries", default=3, show_default=True, type=int, help="Tries after the first on timeouts and 5xx.")
def follow(sources, db_path, every, once, on_change, delay, timeout, retries):
    """Follow a story: poll feeds (RSS, Atom, JSON Feed; URL or file) and watch folders; new articles are
    ingested and every change to the ledger's claims is recorded (see 'claimledger changes').

    A feed entry's full text is fetched from its link (its own content where the page cannot be had);
    entries are taken once (by GUID, canonical URL and text). A folder's files are taken once they stop
    growing; hidden and temporary files are ignored. Errors go to the terminal and the follow_log table."""
    import threading

    from claimledger.follow import Follower, parse_every
    from claimledger.follow.fetch import Fetcher
    from claimledger.ledger import Ledger

    try:
        seconds = parse_every(every)
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint="--every")
    missing = [s for s in sources if not s.startswith(("http://", "https://", "file://")) and not Path(s).exists()]
    if missing:
        raise click.ClickException(f"no such feed file or folder: {missing[0]}")
    fetcher = Fetcher(timeout=timeout, retries=retries, host_delay=delay)
    stop = threading.Event()
    with Ledger(db_path) as ledger:
        follower = Follower(ledger, list(sources), fetcher=fetcher, on_change=on_change,
                            notify=lambda line: click.echo(line, err=True))
        if not once:
            click.echo(f"following {len(sources)} source(s) into {db_path} (feeds every {every}; Ctrl-C stops)",
                       err=True)
        try:
            follower.run(every=seconds, once=once, stop=stop)
        except KeyboardInterrupt:
            stop.set()
    click.echo(f"{len(follower.changes)} change(s) recorded", err=True)


@click.command()
@db_option
@click.option("--since", default=None, help="Only changes newer than this: 30m, 24h, 7d, or an ISO date.")
@click.option("--about", default=None, help="Only changes whose claim or article mentions TEXT.")
@click.option("--kind", type=click.Choice(["new", "status", "source", "contradiction"]), default=None)
@click.option("--limit", type=int, default=None, help="At most N changes (newest first).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--atom", "as_atom", is_flag=True, help="Print an Atom feed (links to the explorer's claim pages).")
@click.option("--base-url", default="http://127.0.0.1:8001", show_default=True,
              help="The explorer's address, for the Atom links.")
def changes(db_path, since, about, kind, limit, as_json, as_atom, base_url):
    """What ingests and follow changed in the ledger: new claims, status changes, new sources, contradictions."""
    from claimledger.reconcile.changes import change_rows, parse_since

    try:
        since_iso = parse_since(since)
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint="--since")
    rows = change_rows(open_ledger(db_path, derived=True).db, since=since_iso, about=about, kind=kind, limit=limit)
    if as_atom:
        from claimledger.output.atom import changes_atom
        base = base_url.rstrip("/")
        click.echo(changes_atom(rows, lambda cid: f"{base}/-/ledger/claim/{cid}",
                                f"{base}/-/ledger/changes.atom").decode("utf-8"), nl=False)
        return
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    from claimledger.output.report import print_rows
    shown = [{**r, "change": (f"{r['before']} -> {r['after']}" if r["kind"] == "status" else r["after"]),
              "claim": r["claim_text"], "claim_id": r["claim_id"][:12], "time": r["time"].replace("+00:00", "Z")}
             for r in rows]
    print_rows(shown, ["time", "kind", "change", "claim", "claim_id"], "changes")

