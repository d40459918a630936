"""Terminal output with rich: the dossier of one analysis, and tables of ledger rows."""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from claimledger.model import Analysis, Statement

STANCE_STYLES = {"confirm": "green", "deny": "red", "dismiss": "red", "question": "yellow",
                 "accuse": "magenta", "warn": "magenta", "claim": "yellow", "praise": "cyan", "promise": "cyan"}
STATUS_STYLES = {"confirmed": "green", "denied": "red", "disputed": "yellow", "retracted": "red"}
MAX_CONTENT = 160  # characters of a quotation shown in the dossier
LISTING_TEXT = 240  # characters of a cell shown in a listing table


# Columns kept on one line in listings (ids must stay copyable); free text wraps instead.
NO_WRAP_COLUMNS = {"id", "article_id", "stance", "status", "date", "first_date", "type", "country", "mentions"}
TEXT_COLUMNS = {"content", "text"}


MIN_TEXT_WIDTH = 14  # narrower than this, a free-text column is unreadable: records are printed as blocks


def print_rows(rows: list[dict], columns: list[str], title: str, console: Console | None = None) -> None:
    """A table when it fits the console (80 columns when piped); else one record per block, fields folded
    at word boundaries, so nothing is cut to one character a line."""
    console = console or Console()
    cells = [[_short(_cell(row.get(c)), LISTING_TEXT) for c in columns] for row in rows]
    if not _table_fits(cells, columns, console.width):
        _print_blocks(cells, columns, title, console)
        return
    table = Table(title=f"{title} ({len(rows)})", expand=True)
    for col in columns:
        if col in NO_WRAP_COLUMNS:
            table.add_column(col, no_wrap=True)
        else:
            table.add_column(col, overflow="fold", ratio=3 if col in TEXT_COLUMNS else 1)
    for row in cells:
        # long quotations are cut in the table; --json and --csv give them whole
        table.add_row(*[escape(cell) for cell in row])
    console.print(table)


def _table_fits(cells: list[list[str]], columns: list[str], width: int) -> bool:
    """Do the one-line columns (at their widest) and a readable width for each free-text column fit?"""
    needed = 1 + 3 * len(columns)  # borders and padding
    for i, col in enumerate(columns):
        widest = max([len(col)] + [len(row[i]) for row in cells])
        if col in NO_WRAP_COLUMNS:
            needed += widest
        else:
            needed += min(widest, MIN_TEXT_WIDTH if col not in TEXT_COLUMNS else 3 * MIN_TEXT_WIDTH)
    return needed <= width


def _print_blocks(cells: list[list[str]], columns: list[str], title: str, console: Console) -> None:
    import textwrap

    width = max(console.width, 40)
    label = max(len(c) for c in columns) + 2
    console.print(f"{title} ({len(cells)})", highlight=False)
    for row in cells:
        console.print("", highlight=False)
        for col, cell in zip(columns, row):
            if not cell:
                continue
            text = textwrap.fill(cell, width=width, initial_indent=f"{col}:".ljust(label),
                                 subsequent_indent=" " * label, break_long_words=col in NO_WRAP_COLUMNS,
                                 break_on_hyphens=False)
            console.print(escape(text), highlight=False, soft_wrap=True)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return str(value.get("value") or value.get("name") or value.get("text") or value)
    return str(value)


def _short(text: str | None, limit: int = MAX_CONTENT) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def print_dossier(result: Analysis, console: Console | None = None) -> None:
    """Article header, statements, claims, actors, places, dates, quantities."""
    console = console or Console()
    console.print(_header(result))
    sections = [
        ("Statements", _statements_table(result)),
        ("Claims", _claims_table(result)),
        ("Actors", _entities_table(result)),
        ("Places", _places_table(result)),
        ("Dates", _dates_table(result)),
        ("Quantities", _quantities_table(result)),
    ]
    for title, table in sections:
        if table.row_count:
            console.print(table)
        else:
            console.print(f"[dim]{title}: none found[/dim]")


def _header(result: Analysis) -> Panel:
    art = result.article
    lines = [f"[bold]{escape(art.title or '(untitled)')}[/bold]",
             f"source {escape(art.source or 'unknown')} · published {art.published or 'unknown'}"
             f" · {len(art.text.split())} words · id {art.id}"]
    if art.url:
        lines.append(escape(art.url))
    for caption in art.captions:
        lines.append(f"[dim]caption: {escape(_short(caption.text, 120))}[/dim]")
    lines.append(f"[dim]{result.model} · claimledger {result.pipeline_version}[/dim]")
    return Panel("\n".join(lines), title="Article", expand=False)


def _speaker(statement: Statement) -> str:
    speaker = statement.speaker
    if speaker is None:
        return "(unattributed)"
    return f"{speaker.name} ({speaker.country})" if speaker.country else speaker.name


def _statements_table(result: Analysis) -> Table:
    table = Table(title="Statements: speaker → cue → content", show_lines=True, expand=True)
    # the content takes the width; stance and date stay on one line
    for col, ratio in (("speaker", 2), ("cue", 1), ("stance", None), ("content", 5), ("date", None), ("via", 2)):
        table.add_column(col, overflow="fold", ratio=ratio, no_wrap=ratio is None, min_width=12 if col == "cue" else None)
    for s in result.statements:
        style = STANCE_STYLES.get(s.stance, "")
        stance = ("not " if s.negated else "") + s.stance
        hedges = f" [dim](hedged: {', '.join(s.hedges)})[/dim]" if s.hedges else ""
        table.add_row(escape(_speaker(s)), escape(s.cue.get("text", "")),
                      f"[{style}]{stance}[/{style}]" if style else stance,
                      escape(_short(s.content.get("text"))) + hedges,
                      (s.date or {}).get("value") or "", escape(", ".join(s.via)))
    return table


def _claims_table(result: Analysis) -> Table:
    table = Table(title="Claims", expand=True)
    for col, ratio in (("status", None), ("claim", 3), ("statements", 2)):
        table.add_column(col, overflow="fold", ratio=ratio, no_wrap=ratio is None)
    speakers = {s.id: _speaker(s) + f" {s.stance}" for s in result.statements}
    for c in result.claims:
        style = STATUS_STYLES.get(c.status, "")
        voices = dict.fromkeys(speakers.get(sid, sid) for sid in c.statement_ids)  # each voice once, in order
        table.add_row(f"[{style}]{c.status}[/{style}]" if style else c.status, escape(_short(c.text)),
                      escape("; ".join(voices)))
    return table


def _entities_table(result: Analysis) -> Table:
    table = Table(title="Actors")
    for col in ("name", "type", "country", "role", "aliases", "mentions"):
        table.add_column(col, overflow="fold")
    for e in sorted(result.entities, key=lambda e: -len(e.mentions)):
        table.add_row(escape(e.name), e.type, e.country or "", escape(e.role or ""),
                      escape(", ".join(a for a in e.aliases if a != e.name)), str(len(e.mentions)))
    return table


def _places_table(result: Analysis) -> Table:
    table = Table(title="Places")
    for col in ("place", "coordinates", "country", "region", "kind"):
        table.add_column(col)
    seen = set()
    for p in result.places:
        key = (p.name, p.lat, p.lon)
        if key in seen:  # one row per resolved place; its mentions repeat it
            continue
        seen.add(key)
        coords = f"{p.lat:.3f}, {p.lon:.3f}" if p.lat is not None and p.lon is not None else "unresolved"
        table.add_row(escape(p.name), coords, p.country or "", p.admin1 or "", p.feature or "")
    return table


def _dates_table(result: Analysis) -> Table:
    table = Table(title="Dates")
    for col in ("text", "value", "precision", "note"):
        table.add_column(col)
    for d in result.dates:
        table.add_row(escape(d.text), d.value or "?", d.precision, escape(d.note or ""))
    return table


def _quantities_table(result: Analysis) -> Table:
    table = Table(title="Quantities")
    for col in ("text", "value", "unit", "country", "hedge"):
        table.add_column(col)
    for q in result.quantities:
        value = f"{q.value:g}" + (" (approx.)" if q.approximate else "")
        table.add_row(escape(q.text), value, escape(q.unit or ""), q.country or "", escape(q.hedge or ""))
    return table
