"""What every ingest does, whichever runner drives it: read, analyse, store or record, reconcile.

The single-process runner (``ingest.local``) and the Dask runner
(``ingest.dask``) are thin drivers over these steps and differ only in where
the analysis runs and how the work is cut:

1. ``read_articles``: the readers' articles with --published/--source filled
   in where an article carries none; unreadable input becomes an error entry.
2. ``analyse_batch``: a batch through ``nlp.pipe``; a batch that raises is
   redone one article at a time, so one bad article never costs the others.
   An article in a language no pipeline analyses yet (Ukrainian, Korean, ...)
   is not analysed: it becomes an empty analysis marked ``model.UNANALYSED``.
3. ``store_or_record``: an analysis into the ledger (its own transaction), or
   its error into the report; the run always goes on.  An unanalysed article
   is stored too (``analysed`` 0), so nothing is lost, with a note naming its
   language; ``claimledger reanalyse`` analyses it once a parser exists.
4. ``reconcile``: the cross-article claims, once, after the run, whenever the
   ledger marks them pending, so a reconcile cut short by a kill is redone by
   the next run even when that run adds nothing; what it changed in the
   ledger claims is recorded (reconcile.changes: new claims, status, sources,
   contradictions).

``bring_up_to_date`` is ``claimledger reconcile``: the same reconcile, also when
no mark is set but the cross-article tables lag.  Read commands never write:
``open_for_reading`` opens the ledger read-only and ``lag_note`` is the line
they print when the claims they show lag (``reconcile.upkeep.claims_lag`` says why).

A known article arriving again is not analysed: ``record_known`` records its
new carrier (another outlet or URL: a relay) or applies its corrected metadata.

Plus the check that the optional Dask extra is installed and the progress bar.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from claimledger.errors import ClaimledgerError, InputError, MissingExtraError
from claimledger.ledger import CARRIER, UPDATED, Ledger
from claimledger.model import UNANALYSED, Analysis, Article
from claimledger.read import iter_articles
from claimledger.read.language import is_analysed, unanalysed_message
from claimledger.read.published import parse_published

MIN_ITEMS_FOR_BAR = 5  # short runs need no progress bar


@dataclass
class IngestReport:
    added: int = 0
    skipped: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    words: int = 0  # words of the articles analysed (for speed figures)
    unanalysed: list[tuple[str, str]] = field(default_factory=list)  # stored, not analysed: (label, why)
    carriers: int = 0  # known articles carried by another outlet or URL (recorded as carriers)
    updated: int = 0  # known articles whose date, outlet or title was corrected
    not_articles: list[str] = field(default_factory=list)  # files a directory walk left out (by suffix)

    def summary(self) -> str:
        parts = [f"{self.added} added"]
        if self.updated:
            parts.append(f"{self.updated} updated")
        if self.unanalysed:
            parts.append(f"{len(self.unanalysed)} stored unanalysed")
        if self.carriers:
            parts.append(f"{self.carriers} new carrier{'s' if self.carriers != 1 else ''} of stored articles")
        return ", ".join(parts + [f"{self.skipped} already in the ledger", f"{len(self.errors)} failed"])
    changes: list[dict] = field(default_factory=list)  # what the run changed in the ledger claims (reconcile.changes)


class AnalysisFailed(ClaimledgerError):
    """The pipeline raised on this article; str() is the line the report shows."""


def read_articles(paths: Iterable[str], published: str | None, source: str | None, errors: list,
                  on_error: Callable[[], None] = lambda: None,
                  skipped: list[str] | None = None) -> Iterator[tuple[str, Article]]:
    """(label, article) for each readable input article; unreadable inputs go to ``errors`` as (label, message).

    ``published`` (any form read.published reads) fills in articles that carry no date; an unreadable
    one raises InputError before anything is read."""
    published, published_original = parse_published(published)
    for label, item in iter_articles(paths, skipped):
        if isinstance(item, InputError):
            errors.append((label, str(item)))
            on_error()
            continue
        item.path = item.path or label
        if not item.published:
            item.published, item.published_original = published, published_original
        item.source = item.source or source
        yield label, item


def analyse_batch(items: list[tuple[str, Article]], nlp=None,
                  batch_size: int = 16) -> list[tuple[str, Analysis | AnalysisFailed]]:
    """(label, analysis or failure) for each (label, article), in input order; an article in a language
    without a pipeline gets an empty analysis marked UNANALYSED."""
    if any(not is_analysed(article.language) for _, article in items):
        analysable = [(label, a) for label, a in items if is_analysed(a.language)]
        done = iter(analyse_batch(analysable, nlp, batch_size) if analysable else [])
        return [next(done) if is_analysed(a.language) else (label, Analysis(article=a, model=UNANALYSED))
                for label, a in items]
    # imported here, not at the top: the Dask client imports this module and has no use for spaCy
    from claimledger.pipeline.analysis import analyze_many
    from claimledger.pipeline.build import nlp_for

    nlp = nlp or nlp_for("en")  # cached per process: a worker loads it once; other languages: nlp_for
    try:
        analyses = analyze_many([article for _, article in items], nlp=nlp, batch_size=batch_size)
        return [(label, analysis) for (label, _), (_, analysis) in zip(items, analyses)]
    except Exception:  # noqa: BLE001 - one bad article broke the batch: redo it one by one
        return [(label, _analyse_one(article, nlp)) for label, article in items]


def _analyse_one(article: Article, nlp) -> Analysis | AnalysisFailed:
    from claimledger.pipeline.analysis import analyze

    try:
        return analyze(article, nlp=nlp)
    except Exception as err:  # noqa: BLE001 - reported with the article's label, never dropped
        return AnalysisFailed(f"analysis failed: {type(err).__name__}: {err}")


def store_or_record(ledger: Ledger, label: str, result: Analysis | AnalysisFailed, report: IngestReport) -> None:
    """Store one analysis (counted as added, or skipped if the ledger has it) or record why there is none."""
    if isinstance(result, AnalysisFailed):
        report.errors.append((label, str(result)))
        return
    try:
        stored = ledger.store(result)
    except Exception as err:  # noqa: BLE001 - rolled back; recorded; the run goes on
        report.errors.append((label, f"could not store: {type(err).__name__}: {err}"))
        return
    if stored and result.model == UNANALYSED:
        report.unanalysed.append((label, unanalysed_message(result.article.language)))
    elif stored:
        report.added += 1
        report.words += len(result.article.text.split())
    else:
        report.skipped += 1


def record_known(ledger: Ledger, label: str, article: Article, report: IngestReport, correct: bool = True) -> None:
    """A known article seen again: its new carrier recorded, its corrected metadata applied, or a skip."""
    try:
        outcome = ledger.record_carrier(article, correct=correct)
    except Exception as err:  # noqa: BLE001 - rolled back; recorded; the run goes on
        report.errors.append((label, f"could not record: {type(err).__name__}: {err}"))
        return
    if outcome == CARRIER:
        report.carriers += 1
    elif outcome == UPDATED:
        report.updated += 1
    else:
        report.skipped += 1


def record_again(ledger: Ledger, article: Article, report: IngestReport) -> None:
    """The same text a second time within one run, once the run's articles are stored: a carrier of the first
    copy (``correct=False``: the first copy's metadata stands), or a skip when the first copy failed (its
    error is reported already)."""
    if ledger.has_article(article.id):
        record_known(ledger, article.path, article, report, correct=False)
    else:
        report.skipped += 1


def reconcile(ledger: Ledger, report: IngestReport) -> None:
    """Bring the cross-article claims (claimledger.reconcile) up to date when the ledger marks them pending:
    articles added or corrected by this run, or by an earlier one whose reconcile was cut short."""
    if not (report.added or ledger.reconcile_pending()):
        return
    try:
        finish_pending(ledger, report)
    except Exception as err:  # noqa: BLE001 - the articles are stored; the mark stays for the next writer
        report.errors.append(("reconcile", f"could not reconcile claims: {type(err).__name__}: {err}"))


def finish_pending(ledger: Ledger, report: IngestReport | None = None) -> bool:
    """Reconcile if the ledger marks it pending; the mark is cleared, and what the reconcile changed is
    recorded (``changes``; also in ``report.changes``), in the reconcile's own transaction, so a kill at any
    moment leaves either the old tables and the mark, or the new tables, their changes and no mark."""
    return _reconcile_recorded(ledger, report, full=False, only_pending=True) is not None


def bring_up_to_date(ledger: Ledger, report: IngestReport | None = None, full: bool = False) -> dict | None:
    """``claimledger reconcile``: what ``finish_pending`` does, also when no mark is set but the cross-article
    tables lag (never made, made under other rules, articles re-analysed); ``full``: recomputed from every
    stored article whatever their state.  The changes are recorded as an ingest records them.  What the
    rebuild did (reconcile.update.rebuild's figures), or None when there was nothing to do."""
    return _reconcile_recorded(ledger, report, full=full, only_pending=False)


def _reconcile_recorded(ledger: Ledger, report: IngestReport | None, full: bool, only_pending: bool) -> dict | None:
    from claimledger.reconcile.upkeep import reconcile_recorded

    stats, rows = reconcile_recorded(ledger, full=full, only_pending=only_pending)
    if report is not None and stats is not None:
        report.changes = rows
    return stats


def open_for_reading(db_path) -> Ledger:
    """The ledger for a read command: an existing ledger, opened read-only (nothing created, nothing migrated,
    nothing brought up to date: ``lag_note`` says when the cross-article claims lag); LedgerError (one
    line) when there is none."""
    return Ledger(db_path, readonly=True)


def lag_note(ledger: Ledger) -> str | None:
    """The one line a read command prints (on stderr) when the claims it shows lag: why, and how to fix it."""
    import shlex

    from claimledger.reconcile.upkeep import claims_lag

    why = claims_lag(ledger)
    if why is None:
        return None
    n = ledger.count("articles")
    fix = f"`claimledger reconcile --db {shlex.quote(ledger.path)}`"
    if ledger.reconcile_pending():  # the next ingest reconciles whenever the mark is set, even adding nothing
        fix += " or the next ingest"
    return (f"note: the claims across articles are behind the {n} stored article{'s' if n != 1 else ''} ({why}); "
            f"{fix} brings them up to date")


def require_dask() -> None:
    """Raise MissingExtraError (one line naming the extra) unless Dask and distributed are installed."""
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        raise MissingExtraError("dask", "dask") from None


@contextmanager
def progress_bar(enabled: bool, title: str, count: Callable[[], int | None] = lambda: None):
    """An ``advance(n=1)`` callable that moves a progress line on stderr, or does nothing.

    No bar when disabled, in logs and pipes, or when ``count()`` (how many items, None
    if unknown) says the run is short.  A known count shows a bar and the time left;
    an unknown one a spinner and the time spent.
    """
    from rich.console import Console

    console = Console(stderr=True)
    total = count() if enabled and console.is_terminal else 0
    if not (enabled and console.is_terminal) or (total is not None and total < MIN_ITEMS_FOR_BAR):
        yield lambda n=1: None
        return
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)

    if total is None:
        columns = (SpinnerColumn(), TextColumn(title), MofNCompleteColumn(), TextColumn("articles"),
                   TimeElapsedColumn())
    else:
        columns = (TextColumn(title), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(title, total=total)
        yield lambda n=1: bar.advance(task, n)
