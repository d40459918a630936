"""The command line: a thin shell over library functions.

Each command parses options, calls one library function, and prints.  Errors
from bad input are one line each; the batch goes on; the exit status says
whether anything failed.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

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
    return click.option("--status", type=click.Choice(CLAIM_STATUSES))(f)


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


def limit_option(items: str):
    return click.option("--limit", type=int, default=None, help=f"Score only the first N {items}.")


def eval_options(subpath: str, items: str):
    """The options every evaluation takes: its gold data, how much of it to score, JSON output."""
    def decorate(f):
        return data_option(subpath)(limit_option(items)(json_option(help=None)(f)))
    return decorate


@click.group()
@click.version_option(package_name="claimledger")
def main():
    """claimledger: who said what, when, relayed by whom, and which claims are confirmed, denied or disputed."""


@main.command()
@click.argument("path", type=click.Path(allow_dash=True))
@click.option("--published", help="Publication date (YYYY-MM-DD) that relative dates are anchored to.")
@click.option("--source", help="Name of the source (outlet).")
@json_option(help="Print the JSON document instead of the dossier.")
def analyze(path, published, source, as_json):
    """Analyse one article and print a dossier (or JSON)."""
    from claimledger.pipeline.analysis import analyze as analyze_article
    from claimledger.read import read_one
    from claimledger.output.report import print_dossier

    try:
        article = read_one(path)
    except ClaimledgerError as err:
        raise click.ClickException(f"{path}: {err}")
    if published:
        article.published = published
    if source:
        article.source = source
    result = analyze_article(article)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        print_dossier(result)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@db_option
@click.option("--published", help="Publication date for articles that carry none.")
@click.option("--source", help="Source name for articles that carry none.")
@click.option("--workers", type=int, default=None, help="Run on a local Dask cluster of N processes (needs claimledger[dask]).")
@click.option("--scheduler", default=None, help="Address of an existing Dask scheduler (needs claimledger[dask]).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def ingest(paths, db_path, published, source, workers, scheduler, quiet):
    """Add articles (files, directories, - for stdin) to the ledger."""
    from claimledger.ingest import ingest_paths

    try:
        report = ingest_paths(list(paths), db_path, published=published, source=source,
                              workers=workers, scheduler=scheduler, progress=not quiet)
    except ClaimledgerError as err:  # e.g. --workers without the dask extra: one line, not a traceback
        raise click.ClickException(str(err))
    for label, message in report.errors:
        click.echo(f"error: {label}: {message}", err=True)
    click.echo(f"{report.added} added, {report.skipped} already in the ledger, {len(report.errors)} failed", err=True)
    if report.errors:
        sys.exit(1)


def _emit(rows: list[dict], as_json: bool, as_csv: bool, columns: list[str], title: str):
    from claimledger.output.report import print_rows
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
    elif as_csv:
        import csv
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v) for k, v in row.items()})
    else:
        print_rows(rows, columns, title)


def _open_ledger(db_path):
    from claimledger.ledger import Ledger
    if not Path(db_path).exists():
        raise click.ClickException(f"no ledger at {db_path}: run 'claimledger ingest' first")
    return Ledger(db_path)


@main.command()
@db_option
@output_options
@click.option("--about", help="Only statements whose speaker or content mentions NAME.")
def statements(db_path, as_json, as_csv, about):
    """List the statements in the ledger."""
    rows = _open_ledger(db_path).statements(about=about)
    _emit(rows, as_json, as_csv, ["id", "article_id", "speaker", "via", "cue", "stance", "date", "content"], "Statements")


@main.command()
@db_option
@output_options
@status_option
@click.option("--about", help="Only claims that involve NAME (actor or place).")
def claims(db_path, as_json, as_csv, status, about):
    """List the claims across articles with their status, sources for and against, and history."""
    from claimledger.reconcile.store import claim_rows
    rows = claim_rows(_open_ledger(db_path).db, status=status, about=about)
    _emit(rows, as_json, as_csv, ["id", "status", "text", "sources", "for", "against", "first_date"], "Claims")


@main.command()
@db_option
@output_options
def entities(db_path, as_json, as_csv):
    """List the actors in the ledger."""
    rows = _open_ledger(db_path).entities()
    _emit(rows, as_json, as_csv, ["id", "name", "type", "country", "aliases", "mentions"], "Entities")


@main.group(name="eval")
def eval_group():
    """Score claimledger against public gold data."""


def _run_eval(name: str, data, as_json: bool, **options) -> None:
    """Score evaluation ``name`` (a module of claimledger.evaluation) on ``data`` and print the result."""
    import importlib
    evaluation = importlib.import_module(f"claimledger.evaluation.{name}")
    _check_data(data)
    result = evaluation.evaluate(Path(data), **options)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        evaluation.print_report(result)


@eval_group.command("polnear")
@data_option("polnear")
@click.option("--split", type=click.Choice(["dev", "test", "train"]), default="dev", show_default=True)
@limit_option("articles")
@json_option(help=None)
def eval_polnear(data, split, limit, as_json):
    """Attribution (source, cue, content) on PolNeAR."""
    _run_eval("polnear", data, as_json, split=split, limit=limit)


# Evaluations that take only their gold data, a --limit and --json: (command, gold data under
# the shared data folder, what --limit counts, help).
SIMPLE_EVALUATIONS = (
    ("timex", "timebank", "documents", "Time expressions (TempEval-3 scoring) on TimeML files."),
    ("geo", "geo/GWN.xml", "articles", "Toponym recognition and resolution on LGL / GeoVirus / GeoWebNews XML."),
    ("emergent", "stance/emergent-dev.csv", "rows",
     "Headline stance toward a claim (for / against / observing) on Emergent."),
    ("across", "stance", "bodies",
     "Claims across sources: do real news bodies about one claim share a ledger claim? (FNC-1 x Emergent)"),
)


def _add_simple_evaluation(name: str, subpath: str, items: str, doc: str) -> None:
    def command(data, limit, as_json):
        _run_eval(name, data, as_json, limit=limit)

    command.__doc__ = doc
    eval_group.command(name)(eval_options(subpath, items)(command))


for _evaluation in SIMPLE_EVALUATIONS:
    _add_simple_evaluation(*_evaluation)


@eval_group.command("all")
@data_option()
@json_option(help=None)
def eval_all(data, as_json):
    """Every evaluation, one table."""
    from claimledger.resources import shared_data
    _run_eval("run_all", data or str(shared_data()), as_json)


def _check_data(path):
    if not Path(path).exists():
        raise click.ClickException(f"no gold data at {path} (set --data or CLAIMLEDGER_SHARED)")


# -- claims across articles (reconcile) -----------------------------------------

@main.command("claim")
@click.argument("claim_id")
@db_option
@json_option()
def claim_command(claim_id, db_path, as_json):
    """The dossier of one claim: evidence quotes with offsets, sources, history, contradictions."""
    from claimledger.reconcile.store import claim_dossier
    dossier = claim_dossier(_open_ledger(db_path).db, claim_id)
    if dossier is None:
        raise click.ClickException(f"no claim {claim_id!r} in {db_path}")
    if as_json:
        click.echo(json.dumps(dossier, ensure_ascii=False, indent=2, default=str))
    else:
        from claimledger.output.dossier import print_claim_dossier
        print_claim_dossier(dossier)


@main.command("check")
@click.argument("texts", nargs=-1)
@click.option("--file", "file_path", type=click.Path(dir_okay=False, allow_dash=True),
              help="Claims to check, one per line (- for stdin).")
@db_option
@json_option(help="Print a JSON list: one object per claim, in input order.")
def check_command(texts, file_path, db_path, as_json):
    """Check claims against the ledger: matching claims, and the articles for, against or discussing each."""
    from claimledger.reconcile.check import check
    from claimledger.reconcile.store import ensure_current

    claims = list(texts)
    if file_path:
        stream = click.open_file(file_path, encoding="utf-8")
        claims += [line.strip() for line in stream if line.strip()]
    if not claims:
        raise click.UsageError("give a claim to check (TEXT ... or --file F)")
    ledger = _open_ledger(db_path)
    ensure_current(ledger.db)
    results = check(ledger.db, claims)
    if as_json:
        click.echo(json.dumps(results, ensure_ascii=False, indent=2, default=str))
    else:
        from claimledger.output.dossier import print_check
        print_check(results)


@main.command()
@db_option
@output_options
@click.option("--about", help="Only claims that involve NAME (actor, source or place).")
def timeline(db_path, as_json, as_csv, about):
    """Dated history of the claims: who reported, confirmed, denied or retracted what, and when."""
    from claimledger.reconcile.store import timeline_rows
    rows = timeline_rows(_open_ledger(db_path).db, about=about)
    _emit(rows, as_json, as_csv, ["date", "date_source", "event", "source", "stance", "status", "claim"], "Timeline")


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "geojson", "claimreview"]), default="jsonl",
              show_default=True)
@status_option
@click.option("--about", help="Only claims that involve NAME.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True), default="-", show_default=True)
def export(db_path, fmt, status, about, output):
    """Export claims: JSON lines, CSV, GeoJSON, or schema.org Claim/ClaimReview."""
    from claimledger.output.export import export as export_claims
    text = export_claims(_open_ledger(db_path).db, fmt, status=status, about=about)
    if output == "-":
        click.echo(text, nl=False)
    else:
        Path(output).write_text(text, encoding="utf-8")


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback by default).")
@click.option("--port", default=8001, show_default=True, type=int)
@click.option("--live", is_flag=True, help="Follow a ledger that an ingest is still writing (still read-only).")
@click.option("--tiles", envvar="CLAIMLEDGER_TILES", default=None,
              help="Map tile URL template, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png (none: plain grid).")
@click.option("--tiles-attribution", envvar="CLAIMLEDGER_TILES_ATTRIBUTION", default=None,
              help="Attribution text shown for the tiles.")
@click.option("--no-prepare", is_flag=True,
              help="Do not update the cross-article claims and indexes first (serve the file exactly as it is).")
def serve(db_path, host, port, live, tiles, tiles_attribution, no_prepare):
    """Explore the ledger in a browser: claim board, claims, articles, map, timeline (read-only, Datasette)."""
    from claimledger.web.server import serve as serve_ledger

    if not Path(db_path).exists():
        raise click.ClickException(f"no ledger at {db_path}: run 'claimledger ingest' first")
    click.echo(f"claimledger explorer on http://{host}:{port}/-/ledger (read-only; Ctrl-C stops)", err=True)
    try:
        serve_ledger(db_path, host=host, port=port, live=live, tiles=tiles, tiles_attribution=tiles_attribution,
                     prepare_first=not no_prepare)
    except ClaimledgerError as err:
        raise click.ClickException(str(err))



def _add_follow_commands() -> None:
    """`follow` and `changes` live in cli_follow.py (this module would pass 400 lines)."""
    from claimledger.cli_follow import changes, follow
    main.add_command(follow)
    main.add_command(changes)


_add_follow_commands()


if __name__ == "__main__":  # pragma: no cover
    main()
