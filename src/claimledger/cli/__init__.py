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
from claimledger.cli.options import open_ledger as _open_ledger, db_option, json_option, output_options, status_option, published_option


@click.group()
@click.version_option(package_name="claimledger")
def main():
    """claimledger: who said what, when, relayed by whom, and which claims are confirmed, denied or disputed."""


@main.command()
@click.argument("path", type=click.Path(allow_dash=True))
@published_option("Publication date that relative dates are anchored to:")
@click.option("--source", help="Name of the source (outlet).")
@json_option(help="Print the JSON document instead of the dossier.")
def analyze(path, published, source, as_json):
    """Analyse one article and print a dossier (or JSON)."""
    from claimledger.pipeline.analysis import analyze as analyze_article
    from claimledger.read import read_one
    from claimledger.read.language import require_analysed
    from claimledger.output.report import print_dossier

    try:
        article = read_one(path)
        require_analysed(article.language)
    except ClaimledgerError as err:
        raise click.ClickException(f"{path}: {err}")
    if published:
        from claimledger.read.published import parse_published
        article.published, article.published_original = parse_published(published)
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
@published_option("Publication date for articles that carry none:")
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
    _echo_notes(report)
    if report.not_articles:
        from claimledger.read.paths import ARTICLE_SUFFIXES
        names = ", ".join(report.not_articles[:5]) + (", ..." if len(report.not_articles) > 5 else "")
        click.echo(f"skipped {len(report.not_articles)} file(s) that are not articles by their suffix "
                   f"({', '.join(sorted(ARTICLE_SUFFIXES))} are read): {names}", err=True)
    click.echo(report.summary(), err=True)
    if report.errors:
        sys.exit(1)


@main.command()
@db_option
@click.option("--language", default=None, help="Only the articles stored in this language (a code: uk, ko, ...).")
def reanalyse(db_path, language):
    """Analyse the articles stored unanalysed (a language without a parser at ingest) once a parser exists."""
    from claimledger.ingest.reanalyse import reanalyse as reanalyse_articles

    try:
        report = reanalyse_articles(db_path, language=language)
    except ClaimledgerError as err:
        raise click.ClickException(str(err))
    _echo_notes(report)
    click.echo(f"{report.added} analysed, {len(report.unanalysed)} still unanalysed, {len(report.errors)} failed",
               err=True)
    if report.errors:
        sys.exit(1)


def _echo_notes(report) -> None:
    for label, message in report.errors:
        click.echo(f"error: {label}: {message}", err=True)
    for label, message in report.unanalysed:
        click.echo(f"note: {label}: {message}", err=True)


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
    rows = claim_rows(_open_ledger(db_path, derived=True).db, status=status, about=about)
    _emit(rows, as_json, as_csv, ["id", "status", "text", "sources", "for", "against", "first_date"], "Claims")


@main.command()
@db_option
@output_options
def entities(db_path, as_json, as_csv):
    """List the actors in the ledger."""
    rows = _open_ledger(db_path).entities()
    _emit(rows, as_json, as_csv, ["id", "name", "type", "country", "aliases", "mentions"], "Entities")


# -- claims across articles (reconcile) -----------------------------------------

@main.command("claim")
@click.argument("claim_id")
@db_option
@json_option()
def claim_command(claim_id, db_path, as_json):
    """The dossier of one claim: evidence quotes with offsets, sources, history, contradictions."""
    from claimledger.reconcile.store import claim_dossier, has_tables
    ledger = _open_ledger(db_path, derived=True)
    dossier = claim_dossier(ledger.db, claim_id)
    if dossier is None:
        matches = [r[0] for r in ledger.db.execute(
            "SELECT id FROM ledger_claims WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT 11",
            [claim_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"])
        ] if has_tables(ledger.db) else []
        if len(matches) > 1:
            shown = ", ".join(matches[:10]) + (", ..." if len(matches) > 10 else "")
            raise click.ClickException(f"claim id {claim_id!r} is ambiguous: it begins {shown}; give more of it")
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

    claims = list(texts)
    if file_path:
        stream = click.open_file(file_path, encoding="utf-8")
        claims += [line.strip() for line in stream if line.strip()]
    if not claims:
        raise click.UsageError("give a claim to check (TEXT ... or --file F)")
    results = check(_open_ledger(db_path, derived=True).db, claims)
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
    rows = timeline_rows(_open_ledger(db_path, derived=True).db, about=about)
    _emit(rows, as_json, as_csv, ["date", "date_source", "event", "source", "stance", "status", "claim"], "Timeline")


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "geojson", "claimreview"]), default="jsonl",
              show_default=True)
@status_option
@click.option("--about", help="Only claims that involve NAME.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True), default="-", show_default=True,
              help="File to write (- for standard output).")
def export(db_path, fmt, status, about, output):
    """Export claims: JSON lines, CSV, GeoJSON, or schema.org Claim/ClaimReview."""
    from claimledger.output.export import export as export_claims
    text = export_claims(_open_ledger(db_path, derived=True).db, fmt, status=status, about=about)
    if output == "-":
        click.echo(text, nl=False)
    else:
        Path(output).write_text(text, encoding="utf-8")


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback by default).")
@click.option("--port", default=8001, show_default=True, type=int, help="Port to listen on.")
@click.option("--immutable", is_flag=True,
              help="Serve a snapshot of a ledger nothing writes any more (faster counts; never use it while "
                   "an ingest or follow writes: pages would be stale or fail). Default: every page shows what "
                   "is committed, while ingests write.")
@click.option("--live", is_flag=True, hidden=True, help="The default now; kept for old scripts.")
@click.option("--tiles", envvar="CLAIMLEDGER_TILES", default=None,
              help="Map tile URL template, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png (none: plain grid).")
@click.option("--tiles-attribution", envvar="CLAIMLEDGER_TILES_ATTRIBUTION", default=None,
              help="Attribution text shown for the tiles.")
@click.option("--no-prepare", is_flag=True,
              help="Do not update the cross-article claims and indexes first (serve the file exactly as it is).")
def serve(db_path, host, port, immutable, live, tiles, tiles_attribution, no_prepare):
    """Explore the ledger in a browser: claim board, claims, articles, map, timeline (read-only, Datasette).

    Safe beside a running ingest or follow: each page shows what is committed when it is asked for."""
    from claimledger.web.server import serve as serve_ledger

    _open_ledger(db_path).close()  # one line, not a traceback, for a missing file or one that is no ledger
    click.echo(f"claimledger explorer on http://{host}:{port}/-/ledger (read-only; Ctrl-C stops)", err=True)
    try:
        serve_ledger(db_path, host=host, port=port, live=not immutable, tiles=tiles,
                     tiles_attribution=tiles_attribution, prepare_first=not no_prepare)
    except ClaimledgerError as err:
        raise click.ClickException(str(err))


def _register_command_groups() -> None:
    """Commands kept in modules of their own (this one would pass 400 lines)."""
    from claimledger.cli.evaluate import eval_group
    from claimledger.cli.follow import changes, follow
    from claimledger.cli.maintain import reconcile

    main.add_command(eval_group)
    main.add_command(follow)
    main.add_command(changes)
    main.add_command(reconcile)


_register_command_groups()
