"""Options the commands share, as decorators (sqlite-utils' way): one definition of --db, --json, --published, ...;
and the one way a read command opens the ledger."""
from __future__ import annotations

import click

from claimledger.errors import ClaimledgerError
from claimledger.model import CLAIM_STATUSES


def db_option(f):
    return click.option("--db", "db_path", default="claimledger.db", show_default=True,
                        type=click.Path(dir_okay=False), help="SQLite ledger file.")(f)


def json_option(help: str | None = "Print JSON."):
    return click.option("--json", "as_json", is_flag=True, help=help)


def output_options(f):
    f = click.option("--csv", "as_csv", is_flag=True, help="Print CSV.")(f)
    return json_option()(f)


def status_option(f):
    return click.option("--status", type=click.Choice(CLAIM_STATUSES),
                        help="Only claims with this status across their sources.")(f)


PUBLISHED_HELP = ("ISO 8601 (2025-04-28, 2025-04-28T09:00:00+02:00), RFC 2822 ('Mon, 28 Apr 2025 09:00:00 GMT') "
                  "or written ('28 April 2025', 'April 28, 2025 9:00 AM EDT'); stored in UTC, the text kept.")


def _check_published(ctx, param, value):
    """--published read as the readers read dates: an unreadable or impossible date is a usage error quoting it."""
    from claimledger.read.published import parse_published
    try:
        parse_published(value)
    except ClaimledgerError as err:
        raise click.BadParameter(str(err))
    return value


def published_option(help: str):
    return click.option("--published", callback=_check_published, help=f"{help} {PUBLISHED_HELP}")


def data_option(subpath: str | None = None):
    """--data: the gold data of one evaluation (``subpath`` of the shared data folder), or the folder itself."""
    if subpath is None:
        return click.option("--data", "data", default=None, type=click.Path(),
                            help="The shared data folder (default $CLAIMLEDGER_SHARED/data).")

    def default():
        from claimledger.resources import shared_data
        return str(shared_data(subpath))
    return click.option("--data", "data", default=default, show_default=f"$CLAIMLEDGER_SHARED/data/{subpath}",
                        type=click.Path(), help="Gold data location.")


EVAL_JSON_HELP = "Print the scores as JSON (the figures the tables show, and more)."


def limit_option(items: str):
    return click.option("--limit", type=int, default=None, help=f"Score only the first N {items}.")


def eval_options(subpath: str, items: str):
    """The options every evaluation takes: its gold data, how much of it to score, JSON output."""
    def decorate(f):
        return data_option(subpath)(limit_option(items)(json_option(help=EVAL_JSON_HELP)(f)))
    return decorate


def open_ledger(db_path, derived: bool = False):
    """An existing ledger, read-only (ingest.core.open_for_reading): a read command never writes, whatever the
    ledger's state; a one-line error when it is none.

    ``derived``: the command shows the cross-article claims; when they lag behind the stored articles (a
    reconcile cut short, never run, other rules) one note on stderr says so and how to bring them up to date,
    and the command shows what is stored."""
    from claimledger.ingest.core import lag_note, open_for_reading
    try:
        ledger = open_for_reading(db_path)
    except ClaimledgerError as err:
        raise click.ClickException(str(err))
    note = lag_note(ledger) if derived else None
    if note:
        click.echo(note, err=True)
    return ledger
