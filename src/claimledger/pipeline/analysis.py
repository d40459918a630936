"""From Article to Analysis: run the pipeline and collect the plain records."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import groupby

from spacy.tokens import Doc

from claimledger.model import Analysis, Article
from claimledger.pipeline.build import model_version, nlp_for
from claimledger.pipeline.claims.outlet import outlet_name


def prepare_doc(nlp, article: Article) -> Doc:
    doc = nlp.make_doc(article.text)
    doc._.published = article.published
    doc._.article_id = article.id
    doc._.source = outlet_name(article.source, article.url)
    doc._.title = article.title
    doc._.captions = [(c.start, c.end) for c in article.captions]
    return doc


def doc_to_analysis(nlp, article: Article, doc: Doc) -> Analysis:
    return Analysis(
        article=article,
        entities=list(doc._.cl_entities or []),
        statements=list(doc._.cl_statements or []),
        claims=list(doc._.cl_claims or []),
        places=list(doc._.cl_places or []),
        dates=list(doc._.cl_dates or []),
        quantities=list(doc._.cl_quantities or []),
        model=model_version(nlp),
    )


def analyze(article: Article | str, nlp=None, published: str | None = None) -> Analysis:
    """Analyse one article (or a bare text) and return its records."""
    if isinstance(article, str):
        article = Article(text=article, published=published)
    nlp = pipeline_for(article, nlp)
    doc = nlp(prepare_doc(nlp, article))
    return doc_to_analysis(nlp, article, doc)


def analyze_many(articles: Iterable[Article], nlp=None, batch_size: int = 16) -> Iterator[tuple[Article, Analysis]]:
    """Analyse many articles through ``nlp.pipe``, keeping each article beside its analysis.

    Each run of articles in one language goes through that language's pipeline (``nlp`` serves its own).
    """
    for _, run in groupby(articles, key=lambda a: a.language or "en"):
        run = list(run)
        run_nlp = pipeline_for(run[0], nlp)
        pairs = ((prepare_doc(run_nlp, a), a) for a in run)
        for doc, article in run_nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield article, doc_to_analysis(run_nlp, article, doc)


def pipeline_for(article: Article, nlp=None):
    """``nlp`` when it is for the article's language, else that language's shared pipeline."""
    language = article.language or "en"
    if nlp is not None and getattr(nlp, "lang", "en") == language:
        return nlp
    return nlp_for(language)
