"""The command line's `reconcile` (registered on the group in cli/__init__.py): bringing the claims across
articles up to date, the write the read commands never make."""
from __future__ import annotations

import sqlite3

import click

from claimledger.cli.options import db_option, open_ledger
from claimledger.errors import ClaimledgerError


@click.command()
@db_option
@click.option("--full", is_flag=True, help="Recompute from every stored article (not only those not yet reconciled).")
def reconcile(db_path, full):
    """Bring the claims across articles up to date with the stored articles (after a reconcile cut short,
    or new rules); what changed is recorded as an ingest records it (see 'claimledger changes')."""
    from claimledger.ingest.core import IngestReport, bring_up_to_date
    from claimledger.ledger import Ledger

    open_ledger(db_path).close()  # an existing ledger only: one line, and nothing created, for a wrong --db
    report = IngestReport()
    try:
        with Ledger(db_path) as ledger:
            stats = bring_up_to_date(ledger, report, full=full)
            articles, claims = ledger.count("articles"), ledger.count("ledger_claims")
    except (ClaimledgerError, sqlite3.Error) as err:  # e.g. a file this user cannot write
        raise click.ClickException(f"could not reconcile {db_path}: {err}")
    if stats is None:
        click.echo(f"the claims across articles are up to date: {claims} claims over {articles} articles", err=True)
        return
    added = f", {stats['articles']} article(s) added" if stats["mode"] == "incremental" else ""
    click.echo(f"reconciled ({stats['mode']}{added}): {claims} claims over {articles} articles, "
               f"{len(report.changes)} change(s) recorded", err=True)
