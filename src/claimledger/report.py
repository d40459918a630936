"""Terminal output with rich: the dossier of one analysis, and tables of ledger rows."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table

from .model import Analysis


def print_rows(rows: list[dict], columns: list[str], title: str, console: Console | None = None) -> None:
    console = console or Console()
    table = Table(title=title)
    for col in columns:
        table.add_column(col)
    for row in rows:
        table.add_row(*[_cell(row.get(c)) for c in columns])
    console.print(table)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return str(value.get("value") or value.get("name") or value.get("text") or value)
    return str(value)


def print_dossier(result: Analysis, console: Console | None = None) -> None:
    console = console or Console()
    console.print(f"[bold]Article[/bold] {result.article.id}  published {result.article.published or 'unknown'}")
    console.print(result.to_dict()["article"])
