"""What every ingest does, whichever runner drives it: read, analyse, store or record, reconcile.

The single-process runner (``ingest.local``) and the Dask runner
(``ingest.dask``) are thin drivers over these steps and differ only in where
the analysis runs and how the work is cut:

1. ``read_articles``: the readers' articles with --published/--source filled
   in where an article carries none; unreadable input becomes an error entry.
2. ``analyse_batch``: a batch through ``nlp.pipe``; a batch that raises is
   redone one article at a time, so one bad article never costs the others.
3. ``store_or_record``: an analysis into the ledger (its own transaction), or
   its error into the report; the run always goes on.
4. ``reconcile``: the cross-article claims, once, after the run, recording what changed
   (reconcile.changes: new claims, status, sources, contradictions).

Plus the check that the optional Dask extra is installed and the progress bar.
"""
from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from claimledger.errors import ClaimledgerError, InputError, MissingExtraError
from claimledger.ledger import Ledger
from claimledger.model import Analysis, Article
from claimledger.read import iter_articles

MIN_ITEMS_FOR_BAR = 5  # short runs need no progress bar


@dataclass
class IngestReport:
    added: int = 0
    skipped: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    words: int = 0  # words of the articles analysed (for speed figures)
    changes: list[dict] = field(default_factory=list)  # what the run changed in the ledger claims (reconcile.changes)


class AnalysisFailed(ClaimledgerError):
    """The pipeline raised on this article; str() is the line the report shows."""


def read_articles(paths: Iterable[str], published: str | None, source: str | None, errors: list,
                  on_error: Callable[[], None] = lambda: None) -> Iterator[tuple[str, Article]]:
    """(label, article) for each readable input article; unreadable inputs go to ``errors`` as (label, message)."""
    for label, item in iter_articles(paths):
        if isinstance(item, InputError):
            errors.append((label, str(item)))
            on_error()
            continue
        item.path = item.path or label
        item.published = item.published or published
        item.source = item.source or source
        yield label, item


def analyse_batch(items: list[tuple[str, Article]], nlp=None,
                  batch_size: int = 16) -> list[tuple[str, Analysis | AnalysisFailed]]:
    """(label, analysis or failure) for each (label, article), in input order."""
    # imported here, not at the top: the Dask client imports this module and has no use for spaCy
    from claimledger.pipeline.analysis import analyze_many
    from claimledger.pipeline.build import load_pipeline

    nlp = nlp or load_pipeline()  # cached per process: a worker loads it once
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


def store_or_record(ledger: Ledger, label: str, result: Analysis | AnalysisFailed, report: IngestReport,
                    known: Collection[str] = ()) -> None:
    """Store one analysis (counted as added, or skipped if the ledger has it) or record why there is none.

    ``known``: ids counted as skipped already, before analysis, so not counted twice.
    """
    if isinstance(result, AnalysisFailed):
        report.errors.append((label, str(result)))
        return
    try:
        stored = ledger.store(result)
    except Exception as err:  # noqa: BLE001 - rolled back; recorded; the run goes on
        report.errors.append((label, f"could not store: {type(err).__name__}: {err}"))
        return
    if stored:
        report.added += 1
        report.words += len(result.article.text.split())
    elif result.article.id not in known:
        report.skipped += 1


def reconcile(ledger: Ledger, report: IngestReport) -> None:
    """Bring the cross-article claims (claimledger.reconcile) up to date once a run has added articles."""
    if not report.added:
        return
    from claimledger.reconcile.changes import recording_changes
    from claimledger.reconcile.store import rebuild
    try:
        with recording_changes(ledger.db) as recorded:  # the changes table is written in the same transaction
            rebuild(ledger.db)
        report.changes = recorded.rows
    except Exception as err:  # noqa: BLE001 - the articles are stored; claims are rebuilt on the next read
        report.errors.append(("reconcile", f"could not reconcile claims: {type(err).__name__}: {err}"))


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
