"""Ingest: stream articles from the readers, analyse in batches, store each in its own transaction.

Resumable: an article whose content hash is already in the ledger is skipped
before it is analysed, so re-running an interrupted ingest only does the rest.
One bad article never stops the batch: its error is recorded and the run goes on.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from claimledger.errors import ClaimledgerError, InputError, MissingExtraError
from claimledger.ledger import Ledger
from claimledger.model import Article
from claimledger.read import count_inputs, iter_articles

# Articles analysed together (a failed batch is redone one by one), bounded in number and in
# words: spaCy's working memory grows with the tokens of a batch, so a run of long articles
# must not gather in one batch.
BATCH_ARTICLES = 64
BATCH_WORDS = 8_000
MIN_ITEMS_FOR_BAR = 5  # short runs need no progress bar


@dataclass
class IngestReport:
    added: int = 0
    skipped: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    words: int = 0  # words of the articles analysed (for speed figures)


def ingest_paths(paths, db_path, published=None, source=None, workers=None, scheduler=None,
                 progress=True, nlp=None, batch_size: int = 16) -> IngestReport:
    """Add the articles under ``paths`` to the ledger at ``db_path``."""
    if workers or scheduler:
        return _ingest_with_dask(paths, db_path, published, source, workers, scheduler, progress)
    report = IngestReport()
    ledger = Ledger(db_path)
    try:
        with _progress(paths, progress) as advance:
            articles = _new_articles(paths, ledger, report, published, source, advance)
            for batch in _batches(articles, BATCH_ARTICLES, BATCH_WORDS):
                results = _analyse(batch, nlp, batch_size, report)
                for article, result in results:
                    _store(ledger, article, result, report)
                    advance()
                for _failed in range(len(batch) - len(results)):
                    advance()
        if report.added:
            _reconcile(ledger, report)
    finally:
        ledger.close()
    return report


def _reconcile(ledger: Ledger, report: IngestReport) -> None:
    """Bring the cross-article claims (claimledger.reconcile) up to date with the stored articles."""
    from claimledger.reconcile.store import rebuild
    try:
        rebuild(ledger.db)
    except Exception as err:  # noqa: BLE001 - the articles are stored; claims are rebuilt on the next read
        report.errors.append(("reconcile", f"could not reconcile claims: {type(err).__name__}: {err}"))


def _new_articles(paths, ledger: Ledger, report: IngestReport, published, source, advance) -> Iterator[Article]:
    """Articles not yet in the ledger (nor earlier in this run); errors and skips are counted here."""
    seen: set[str] = set()
    for label, item in iter_articles(paths):
        if isinstance(item, InputError):
            report.errors.append((label, str(item)))
            advance()
            continue
        if item.id in seen or ledger.has_article(item.id):
            report.skipped += 1
            advance()
            continue
        seen.add(item.id)
        item.path = item.path or label
        item.published = item.published or published
        item.source = item.source or source
        yield item


def _batches(articles, max_articles: int, max_words: int) -> Iterator[list[Article]]:
    """Consecutive batches of at most max_articles and max_words (a longer article goes alone)."""
    batch, words = [], 0
    for article in articles:
        n = len(article.text.split())
        if batch and (len(batch) >= max_articles or words + n > max_words):
            yield batch
            batch, words = [], 0
        batch.append(article)
        words += n
    if batch:
        yield batch


def _analyse(batch: list[Article], nlp, batch_size: int, report: IngestReport):
    """(article, analysis) pairs; a failing batch is redone one article at a time."""
    from claimledger.pipeline.analysis import analyze, analyze_many
    from claimledger.pipeline.build import load_pipeline

    nlp = nlp or load_pipeline()
    try:
        results = list(analyze_many(batch, nlp=nlp, batch_size=batch_size))
    except Exception:  # noqa: BLE001 - isolate the article that broke the batch below
        results = []
        for article in batch:
            try:
                results.append((article, analyze(article, nlp=nlp)))
            except Exception as err:  # noqa: BLE001 - one bad article must not stop the run
                report.errors.append((article.path, f"analysis failed: {type(err).__name__}: {err}"))
    return results


def _store(ledger: Ledger, article: Article, result, report: IngestReport) -> None:
    try:
        if ledger.store(result):
            report.added += 1
            report.words += len(article.text.split())
        else:
            report.skipped += 1
    except Exception as err:  # noqa: BLE001 - rolled back; recorded; the run goes on
        report.errors.append((article.path, f"could not store: {type(err).__name__}: {err}"))


class _progress:
    """A rich progress bar on stderr (or a no-op): ``with _progress(paths, on) as advance: advance()``."""

    def __init__(self, paths, enabled: bool):
        self.enabled = enabled
        self.paths = paths
        self.bar = None

    def __enter__(self):
        from rich.console import Console

        console = Console(stderr=True)
        if not (self.enabled and console.is_terminal):  # no bar in logs and pipes
            return lambda: None
        total = count_inputs(self.paths)
        if total is not None and total < MIN_ITEMS_FOR_BAR:
            return lambda: None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.bar = Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                            console=console, transient=True)
        self.bar.start()
        task = self.bar.add_task("ingest", total=total)
        return lambda: self.bar.advance(task)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()


def _ingest_with_dask(paths, db_path, published, source, workers, scheduler, progress) -> IngestReport:
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        raise MissingExtraError("dask", "dask") from None
    try:
        from claimledger.ingest.dask import ingest_with_dask
    except ImportError:
        raise ClaimledgerError("the Dask runner (claimledger.scale) is not part of this build yet") from None
    return ingest_with_dask(paths, db_path, published=published, source=source, workers=workers,
                            scheduler=scheduler, progress=progress)
