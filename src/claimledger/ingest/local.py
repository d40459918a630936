"""The single-process runner: stream the articles, analyse in batches here, store each in its own transaction.

Resumable: an article whose content hash is already in the ledger is skipped
before it is analysed, so re-running an interrupted ingest only does the rest.
One bad article never stops the batch: its error is recorded and the run goes on.
The steps themselves are ``ingest.core``'s, shared with the Dask runner.
"""
from __future__ import annotations

from collections.abc import Iterator

from claimledger.ingest.core import (
    IngestReport,
    analyse_batch,
    progress_bar,
    read_articles,
    reconcile,
    record_again,
    record_known,
    store_or_record,
)
from claimledger.ledger import Ledger
from claimledger.model import Article
from claimledger.read import count_inputs

# Articles analysed together (a failed batch is redone one by one), bounded in number and in
# words: spaCy's working memory grows with the tokens of a batch, so a run of long articles
# must not gather in one batch.
BATCH_ARTICLES = 64
BATCH_WORDS = 8_000


def ingest_locally(paths, db_path, published=None, source=None, progress=True, nlp=None,
                   batch_size: int = 16) -> IngestReport:
    """Add the articles under ``paths`` to the ledger at ``db_path``, in this process."""
    report = IngestReport()
    with Ledger(db_path) as ledger:
        again: list[Article] = []  # the same text twice in this run: the second is a carrier of the first
        with progress_bar(progress, "ingest", lambda: count_inputs(paths)) as advance:
            articles = _new_articles(paths, ledger, report, published, source, advance, again)
            for batch in _batches(articles, BATCH_ARTICLES, BATCH_WORDS):
                for label, result in analyse_batch([(a.path, a) for a in batch], nlp, batch_size):
                    store_or_record(ledger, label, result, report)
                    advance()
        for article in again:
            record_again(ledger, article, report)
        reconcile(ledger, report)
    return report


def _new_articles(paths, ledger: Ledger, report: IngestReport, published, source, advance,
                  again: list[Article]) -> Iterator[Article]:
    """Articles not yet in the ledger (nor earlier in this run); errors, carriers and skips are counted here,
    repeats within this run go to ``again``."""
    seen: set[str] = set()
    for label, article in read_articles(paths, published, source, report.errors, on_error=advance,
                                        skipped=report.not_articles):
        if article.id in seen:
            again.append(article)
            advance()
            continue
        if ledger.has_article(article.id):
            record_known(ledger, label, article, report)
            advance()
            continue
        seen.add(article.id)
        yield article


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
