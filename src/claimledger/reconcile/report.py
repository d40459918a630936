"""Terminal output of a claim's dossier (rich)."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table


def print_claim_dossier(d: dict, console: Console | None = None) -> None:
    console = console or Console()
    console.print(f"[bold]{d['id']}[/bold]  [{_colour(d['status'])}]{d['status']}[/]  {d['text']}")
    console.print(f"for: {', '.join(d['for']) or '-'}   against: {', '.join(d['against']) or '-'}   "
                  f"independent sources: {d['sources']} (for {d['sources_by_side']['for']}, "
                  f"against {d['sources_by_side']['against']})")
    table = Table(title="History and evidence")
    for col in ("date", "how dated", "source", "kind", "stance", "side", "quote [start:end]", "article"):
        table.add_column(col)
    for e in d["evidence"]:
        table.add_row(e["date"] or "", e["date_source"], e["source"], e["source_kind"], e["stance"], e["side"],
                      f"{e['quote']} [{e['start']}:{e['end']}]", e["article_id"])
    console.print(table)
    if d["contradictions"]:
        console.print("[bold]Contradictions[/bold]")
        for x in d["contradictions"]:
            console.print(f"  {x['kind']}: {x['reason']}")
    console.print("[bold]Articles[/bold]")
    for m in d["members"]:
        console.print(f"  {m['published'] or '?'}  {m['source'] or ''}  {m['title'] or m['article_id']}")
    for m in d["matches"]:
        console.print(f"  matched {m['a_article_id']} ~ {m['b_article_id']} ({m['kind']}): {', '.join(m['shared'])}")


def _colour(status: str) -> str:
    return {"confirmed": "green", "denied": "red", "disputed": "yellow", "retracted": "magenta"}.get(status, "white")
