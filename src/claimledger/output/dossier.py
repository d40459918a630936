"""Terminal output of a claim's dossier (rich): one block per piece of evidence, readable at 80 columns."""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape

COLOURS = {"confirmed": "green", "denied": "red", "disputed": "yellow", "retracted": "magenta"}


def print_claim_dossier(d: dict, console: Console | None = None) -> None:
    console = console or Console()
    colour = COLOURS.get(d["status"], "white")
    console.print(f"[bold]{d['id']}[/bold]  [{colour}]{d['status']}[/]  {escape(d['text'])}")
    console.print(f"for: {escape(', '.join(d['for']) or '-')}")
    console.print(f"against: {escape(', '.join(d['against']) or '-')}")
    by_side = d["sources_by_side"]
    console.print(f"independent sources: {d['sources']} (for {by_side['for']}, against {by_side['against']})")
    console.print("\n[bold]History and evidence[/bold]")
    for e in d["evidence"]:
        via = f" via {', '.join(e['via'])}" if e["via"] else ""
        console.print(f"  {e['date'] or '?'} ({e['date_source']})  {escape(e['source'])} "
                      f"{escape('[' + e['source_kind'] + ']')}{escape(via)}: {e['stance']} -> {e['side']}")
        offsets = escape(f"[{e['start']}:{e['end']}]")
        console.print(f"      \u201c{escape(e['quote'])}\u201d  {offsets} in {e['article_id']}", style="dim")
    if d["contradictions"]:
        console.print("\n[bold]Contradictions[/bold]")
        for x in d["contradictions"]:
            console.print(f"  {x['kind']}: {escape(x['reason'])}")
    console.print("\n[bold]Articles[/bold]")
    for m in d["members"]:
        console.print(f"  {m['published'] or '?'}  {escape(m['source'] or '')}  {escape(m['title'] or m['article_id'])}"
                      f"  ({m['article_id']})")
    for m in d["matches"]:
        console.print(f"  joined {m['a_article_id']} ~ {m['b_article_id']} ({m['kind']}, {m['score']:.2f}): "
                      f"{escape(', '.join(m['shared']))}", style="dim")


SIDE_COLOURS = {"for": "green", "against": "red", "discussing": "yellow"}


def print_check(results: list[dict], console: Console | None = None) -> None:
    """`claimledger check`: per claim asked, the matching ledger claims and the articles by side, with evidence."""
    console = console or Console()
    for r in results:
        console.print(f"\n[bold]{escape(r['text'])}[/bold]  ({r['stance_of_text']})")
        for c in r["claims"]:
            console.print(f"  claim {c['id']}  {c['status']}  {escape(c['text'])}", style="dim")
        if not r["articles"]:
            console.print("  no article bears on it")
        for a in r["articles"]:
            colour = SIDE_COLOURS.get(a["side"], "white")
            label = a["title"] or a["source"] or a["url"] or a["article_id"]
            console.print(f"  [{colour}]{a['side']:10}[/] {escape(label)}  ({a['article_id']})")
            for e in a["evidence"]:
                who = f"{e['speaker']} {e['cue']}" if e["kind"] == "statement" else "the outlet"
                offsets = escape(f"[{e['start']}:{e['end']}]")
                console.print(f"      {e['side']}: {escape(who or '')}: \u201c{escape(e['quote'])}\u201d  {offsets}",
                              style="dim")
