"""From Article to Analysis: run the pipeline and collect the plain records."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from claimledger.model import Analysis, Article
from claimledger.pipeline.build import load_pipeline, model_version
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
    nlp = nlp or load_pipeline()
    doc = nlp(prepare_doc(nlp, article))
    return doc_to_analysis(nlp, article, doc)


def analyze_many(articles: Iterable[Article], nlp=None, batch_size: int = 16) -> Iterator[tuple[Article, Analysis]]:
    """Analyse many articles through ``nlp.pipe``, keeping each article beside its analysis."""
    nlp = nlp or load_pipeline()
    pairs = ((prepare_doc(nlp, a), a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield article, doc_to_analysis(nlp, article, doc)
