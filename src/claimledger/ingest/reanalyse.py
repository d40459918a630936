"""Analyse the articles stored unanalysed: those in a language no pipeline read when they were ingested.

``claimledger ingest`` stores an article in Ukrainian, Korean or another language
without a pipeline as an article row with ``analysed`` 0 (and no records), so
nothing is lost.  Once a pipeline for the language exists (data/read/languages.json
"analysed"), ``reanalyse`` reads those rows back, tells their language again (the
check may have improved), analyses the ones it now can, and replaces each article
row with its full analysis in one transaction; the cross-article claims are then
brought up to date.  The others stay as they are, each with a note naming its language.
"""
from __future__ import annotations

import json

from claimledger.ingest.core import IngestReport, analyse_batch, reconcile, store_or_record
from claimledger.ledger import Ledger
from claimledger.model import Article, Span
from claimledger.read.language import article_language, is_analysed, unanalysed_message

BATCH_ARTICLES = 32


def unanalysed_articles(ledger: Ledger, language: str | None = None) -> list[Article]:
    """The articles stored unanalysed (of ``language`` as stored, when given), oldest first."""
    sql = ("SELECT title, source, url, published, path, text, captions, language FROM articles "
           "WHERE analysed = 0" + (" AND language = ?" if language else "") + " ORDER BY published, id")
    out = []
    for row in ledger.db.query(sql, [language] if language else []):
        captions = [Span(**c) for c in json.loads(row["captions"] or "[]")]
        out.append(Article(text=row["text"], title=row["title"], source=row["source"], url=row["url"],
                           published=row["published"], path=row["path"], captions=captions,
                           language=_language(row["text"], row["language"])))
    return out


def _language(text: str, stored: str | None) -> str:
    try:
        return article_language(text)
    except Exception:  # noqa: BLE001 - the stored language stands
        return stored or "und"


def reanalyse(db_path, language: str | None = None, nlp=None, batch_size: int = 16) -> IngestReport:
    """Analyse the unanalysed articles whose language now has a pipeline; ``added`` counts them, ``unanalysed``
    lists the others (label, why)."""
    report = IngestReport()
    with Ledger(db_path) as ledger:
        articles = unanalysed_articles(ledger, language)
        for article in articles:
            if not is_analysed(article.language):
                report.unanalysed.append((article.path or article.id, unanalysed_message(article.language)))
        ready = [(a.path or a.id, a) for a in articles if is_analysed(a.language)]
        for start in range(0, len(ready), BATCH_ARTICLES):
            for label, result in analyse_batch(ready[start:start + BATCH_ARTICLES], nlp, batch_size):
                _replace(ledger, label, result, report)
        reconcile(ledger, report)
    return report


def _replace(ledger: Ledger, label: str, result, report: IngestReport) -> None:
    """The stored unanalysed row replaced by the full analysis, in one transaction (on failure the row stays)."""
    from claimledger.ingest.core import AnalysisFailed

    if isinstance(result, AnalysisFailed):
        report.errors.append((label, str(result)))
        return
    try:
        with ledger.db.atomic():
            ledger.db.execute("DELETE FROM articles WHERE id = ? AND analysed = 0", [result.article.id])
            store_or_record(ledger, label, result, report)
            if report.errors and report.errors[-1][0] == label:
                raise _Undo
    except _Undo:
        pass


class _Undo(Exception):
    """Rolls the transaction back when the analysis could not be stored (the unanalysed row comes back)."""
