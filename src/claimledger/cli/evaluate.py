"""`claimledger eval`: the scorers of claimledger.evaluation over the shared gold data."""
from __future__ import annotations

import json
from pathlib import Path

import click

from claimledger.cli.options import EVAL_JSON_HELP, data_option, eval_options, json_option, limit_option


@click.group(name="eval")
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
@json_option(help=EVAL_JSON_HELP)
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
    ("factru", "ru/factrueval-dev", "documents",
     "Russian named entities (PER / ORG / LOC, exact and overlap) on FactRuEval-2016 (needs claimledger[ru])."),
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
@json_option(help=EVAL_JSON_HELP)
def eval_all(data, as_json):
    """Every evaluation, one table."""
    from claimledger.resources import shared_data
    _run_eval("run_all", data or str(shared_data()), as_json)


def _check_data(path):
    if not Path(path).exists():
        raise click.ClickException(f"no gold data at {path} (set --data or CLAIMLEDGER_SHARED)")
