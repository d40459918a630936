"""The reconcile layer's input: per-article claims with their statements, from ledger rows.

The same loader serves the SQLite ledger (rows read back) and in-memory
analyses (rows built by ledger.rows.analysis_rows), so what is matched across
articles never depends on where the records came from.  No spaCy here: the
concepts of a claim are its stored ``concepts`` (when the ledger keeps them)
united with what the stored rows say about the contents of its statements —
actors mentioned in them, places named in them, countries, predicate classes
(data/claims/claims.json) and content words.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from claimledger.countries import country_code
from claimledger.ledger.queries import json_column
from claimledger.reconcile.leads import lead_of, main_claim
from claimledger.resources import read_json, read_tsv


@dataclass
class SourceStatement:
    article_id: str
    id: str
    speaker: str | None
    entity_id: str | None
    country: str | None
    entity_type: str | None
    role: str | None
    stance: str
    negated: bool
    hedges: list[str]
    via: list[str]
    cue: dict  # {text, lemma, start, end}
    content: dict  # {text, start, end}
    date: str | None  # the statement's own date (ISO), when the text gives it
    date_precision: str | None
    published: str | None  # the article's publication date
    outlet: str | None  # the article's source (publication)
    concepts: frozenset[str] = frozenset()  # what the content is about (see statement_concepts)
    predicate: str | None = None  # the content's main predicate class (see predicate_frame)
    subject: frozenset[str] = frozenset()  # countries of who does it, when the content says (active voice)
    relay_of: str | None = None  # id of the statement of this article that this one passes on
    lead: str = ""  # the article's words from the speaker to the end of the cue

    @property
    def key(self) -> tuple[str, str]:
        return (self.article_id, self.id)


@dataclass
class ArticleClaim:
    article_id: str
    id: str
    text: str
    status: str
    start: int | None
    end: int | None
    published: str | None
    title: str | None
    concepts: frozenset[str] = frozenset()
    quantity: dict | None = None
    statements: list[SourceStatement] = field(default_factory=list)
    places: list[dict] = field(default_factory=list)
    dates: list[dict] = field(default_factory=list)  # dates named inside the claim's contents
    names: list[str] = field(default_factory=list)  # actors named inside the contents (for --about)
    frame: dict | None = None  # the claims component's frame of the proposition, when it gives one
    language: str = "en"  # the article's language (claims across languages: reconcile/multilingual.py)
    article_lead: str = ""  # the article's lead when this is its main claim, else "" (reconcile/leads.py)

    @property
    def key(self) -> tuple[str, str]:
        return (self.article_id, self.id)

    def sort_key(self) -> tuple:
        """Canonical order: publication date, article id, position (never insertion order)."""
        return (self.published or "9999", self.article_id, self.start if self.start is not None else -1, self.id)


# -- vocabulary -----------------------------------------------------------------

@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """English function words (data/read/function_words.json): never content, never a match."""
    return frozenset(read_json("read/function_words.json")["en"])


@lru_cache(maxsize=1)
def concept_vocabulary() -> dict:
    vocab = read_json("claims/claims.json")
    concept_of = {lemma: cls for cls, lemmas in vocab["concept_classes"].items() for lemma in lemmas}
    participants = set(vocab["participant_classes"])
    irregular = {row["form"]: row["lemma"] for row in read_tsv("reconcile/sources_verb_forms.tsv")}
    return {"concept_of": concept_of, "stop": stop_words(), "anaphoric_places": vocab["anaphoric_places"],
            "participants": participants, "irregular": irregular}


_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def _lemma_candidates(word: str) -> list[str]:
    """The word and crude inflection-stripped forms (expelled -> expel, operating -> operate, troops -> troop)."""
    w = word.lower().replace("’", "'").removesuffix("'s")
    forms = [w]
    lemma = concept_vocabulary()["irregular"].get(w)
    if lemma:
        forms.append(lemma)  # sent -> send, fought -> fight
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""),
                         ("ing", ""), ("ing", "e")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            stem = w[: len(w) - len(suffix)]
            forms.append(stem + repl)
            if suffix in ("ed", "ing") and len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiousl"[:5]:
                forms.append(stem[:-1])  # doubled consonant: expelled -> expel, stopped -> stop
            if suffix in ("ed", "ing") and stem.endswith("ll"):
                forms.append(stem[:-1])
    return forms


def _stem(word: str) -> str:
    """One form per inflected family, the same in every article (force/forces -> forc, kill/killed -> kil)."""
    w = word.lower().replace("’", "'").removesuffix("'s")
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        w = w[:-1]
    for suffix in ("ing", "ed"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiou":
        w = w[:-1]
    return w


def word_concepts(text: str) -> set[str]:
    """Predicate/participant classes, countries and content lemmas of a text."""
    vocab = concept_vocabulary()
    tokens = _TOKEN.findall(text or "")
    concepts: set[str] = set()
    skip = set()
    for i in range(len(tokens) - 1):  # two-word country names and demonyms first ("North Korean")
        if tokens[i][:1].isupper() and tokens[i + 1][:1].isupper():
            code = country_code(f"{tokens[i]} {tokens[i + 1]}")
            if code:
                concepts.add(f"country:{code}")
                skip |= {i, i + 1}
    for i, tok in enumerate(tokens):
        low = tok.lower()
        if i in skip or low in vocab["stop"] or len(low) < 3:
            continue
        if tok[:1].isupper():
            code = country_code(tok)
            if code:
                concepts.add(f"country:{code}")
                continue
            if i > 0:  # a name: actors and places come from the ledger's mentions and places
                continue
        forms = _lemma_candidates(tok)
        cls = next((vocab["concept_of"][f] for f in forms if f in vocab["concept_of"]), None)
        concepts.add(cls or f"lemma:{_stem(tok)}")
    return concepts


# -- loading --------------------------------------------------------------------

def _statement(row: dict, article: dict, entity: dict | None) -> SourceStatement:
    return SourceStatement(
        article_id=row["article_id"], id=row["id"],
        speaker=row.get("speaker_name"), entity_id=row.get("speaker_entity_id"),
        country=row.get("speaker_country") or (entity or {}).get("country"),
        entity_type=(entity or {}).get("type"), role=(entity or {}).get("role"),
        stance=row.get("stance") or "assert", negated=bool(row.get("negated")),
        hedges=json_column(row.get("hedges"), []), via=json_column(row.get("via"), []),
        cue={"text": row.get("cue_text"), "lemma": row.get("cue_lemma"),
             "start": row.get("cue_start"), "end": row.get("cue_end")},
        content={"text": row.get("content_text") or "", "start": row.get("content_start"),
                 "end": row.get("content_end")},
        date=row.get("date_value"), date_precision=row.get("date_precision"),
        published=article.get("published"), outlet=article.get("source"),
        lead=_lead(row, article.get("text")),
    )


LEAD_MAX = 80  # characters


def _lead(row: dict, text: str | None) -> str:
    """The words from the speaker to the cue ('Western intelligence had earlier reported')."""
    start, end = row.get("speaker_start"), row.get("cue_end")
    if not text or start is None or end is None or not 0 < end - start <= LEAD_MAX:
        return row.get("cue_text") or ""
    return text[start:end]


def _within(item: dict, spans: list[tuple[int, int]]) -> bool:
    start = item.get("start")
    return start is not None and any(s <= start < e for s, e in spans)


def claims_from_rows(tables: dict[str, list[dict]], articles: list[dict], only=None) -> list[ArticleClaim]:
    """Per-article claims from ledger rows: ``tables`` maps table name to its rows (all articles);
    ``only``: the (article id, claim id) keys wanted (the others are not built)."""
    article_by_id = {a["id"]: a for a in articles}
    by_article = defaultdict(lambda: defaultdict(list))
    for name in ("entities", "mentions", "statements", "claims", "claim_statements", "places", "dates", "quantities"):
        for row in tables.get(name, []):
            if row.get("article_id") in article_by_id:
                by_article[row["article_id"]][name].append(row)
    claims: list[ArticleClaim] = []
    for article_id in sorted(by_article):
        claims.extend(_article_claims(article_by_id[article_id], by_article[article_id], only))
    return sorted(claims, key=ArticleClaim.sort_key)


def _article_claims(article: dict, rows: dict[str, list[dict]], only=None) -> list[ArticleClaim]:
    entities = {e["id"]: e for e in rows["entities"]}
    statements = {s["id"]: s for s in rows["statements"]}
    links = defaultdict(set)
    for link in rows["claim_statements"]:
        links[link["claim_id"]].add(link["statement_id"])
    for s in rows["statements"]:
        if s.get("claim_id"):
            links[s["claim_id"]].add(s["id"])
    relayed = _move_relays(rows["statements"], links)
    main = main_claim(rows["claims"], links, statements)
    lead_text = lead_of(article.get("title"), article.get("text")) if main else ""
    out = []
    for c in rows["claims"]:
        if only is not None and (article["id"], c["id"]) not in only:
            continue
        members = sorted((statements[sid] for sid in links[c["id"]] if sid in statements),
                         key=lambda s: (s.get("cue_start") or 0, s["id"]))
        if not members:
            continue
        st = [_statement(s, article, entities.get(s.get("speaker_entity_id"))) for s in members]
        for statement in st:
            statement.relay_of = relayed.get(statement.id)
        spans = [(s.content["start"], s.content["end"]) for s in st if s.content["start"] is not None]
        out.append(ArticleClaim(
            article_id=article["id"], id=c["id"], text=c.get("text") or "", status=c.get("status") or "reported",
            start=c.get("start"), end=c.get("end"), published=_day(article.get("published")),
            title=article.get("title"),
            concepts=frozenset(_claim_concepts(c, st, spans, rows, entities)),
            quantity=json_column(c.get("quantity"), None) or _quantity(rows["quantities"], spans),
            statements=st,
            frame=json_column(c.get("frame"), None) or None,
            article_lead=lead_text if c["id"] == main else "",
            places=[p for p in rows["places"] if _within(p, spans)],
            dates=[d for d in rows["dates"] if _within(d, spans) and d.get("value")],
            names=sorted({(entities.get(m["entity_id"]) or {}).get("name") or m.get("text") or ""
                          for m in rows["mentions"] if _within(m, spans)} - {""}),
            language=article.get("language") or "en",
        ))
    return out


def _move_relays(statements: list[dict], links: dict[str, set]) -> dict[str, str]:
    """A statement whose content holds another's cue ('KCNA reported: North Korea confirmed that ...')
    relays it: it joins the inner statement's claim, and is marked as its relay (statement id -> inner id)."""
    claim_of = {sid: cid for cid, sids in links.items() for sid in sids}
    relayed = {}
    statements = sorted(statements, key=lambda s: (s.get("cue_start") or 0, s["id"]))  # never the rows' order
    for outer in statements:
        start, end = outer.get("content_start"), outer.get("content_end")
        if start is None or end is None:
            continue
        inner = [s for s in statements if s is not outer and s.get("cue_start") is not None
                 and start <= s["cue_start"] < end and s["id"] in claim_of]
        if not inner:
            continue
        target = min(inner, key=lambda s: (s["cue_start"], s["id"]))
        relayed[outer["id"]] = target["id"]
        old, new = claim_of.get(outer["id"]), claim_of[target["id"]]
        if old != new:
            if old:
                links[old].discard(outer["id"])
            links[new].add(outer["id"])
            claim_of[outer["id"]] = new
    return relayed


def _day(value: str | None) -> str | None:
    return value[:10] if value else None


def _claim_concepts(claim: dict, statements: list[SourceStatement], spans, rows, entities) -> set[str]:
    """Concepts of each statement's content (set on the statement) and their union for the claim.

    Matching across articles compares statements, not these unions: one article's claim can hold
    statements about two propositions (a denial and a remark on something else), and a union
    would chain them to claims that only one of them is about.
    """
    union: set[str] = set()
    for st in statements:
        st.concepts = frozenset(statement_concepts(st, rows, entities))
        union |= st.concepts
    return union


PASSIVE_AUXILIARIES = {"be", "been", "being", "was", "were", "is", "are", "get", "got", "gotten"}


def predicate_frame(st: SourceStatement, rows, entities) -> tuple[str | None, frozenset[str]]:
    """(main predicate class, countries of its subject) of a statement's content.

    The main predicate stands in for the content's main verb: the first word of a predicate class
    ('had sent troops to help recapture' is about sending).  Its subject's countries come from the
    country words and actor mentions before it, in the active voice only ('its forces had been
    expelled' names the patient, not the agent).
    """
    vocab = concept_vocabulary()
    text, base = st.content["text"] or "", st.content["start"] or 0
    tokens = list(_TOKEN.finditer(text))
    for i, match in enumerate(tokens):
        cls = next((vocab["concept_of"][f] for f in _lemma_candidates(match.group()) if f in vocab["concept_of"]),
                   None)
        if not cls or cls in vocab["participants"]:
            continue
        before = [t.group().lower() for t in tokens[max(0, i - 2):i]]
        if any(b in PASSIVE_AUXILIARIES for b in before) and not match.group().lower().endswith("ing"):
            return cls, frozenset()
        subject = {c for c in word_concepts(text[:match.start()]) if c.startswith("country:")}
        for m in rows["mentions"]:
            country = (entities.get(m["entity_id"]) or {}).get("country")
            if country and m.get("start") is not None and base <= m["start"] < base + match.start():
                subject.add(f"country:{country}")
        return cls, frozenset(subject)
    return None, frozenset()


def statement_concepts(st: SourceStatement, rows, entities) -> set[str]:
    st.predicate, st.subject = predicate_frame(st, rows, entities)
    span = [(st.content["start"], st.content["end"])] if st.content["start"] is not None else []
    concepts = word_concepts(st.content["text"])
    for m in rows["mentions"]:
        if _within(m, span):
            concepts.add(f"actor:{m['entity_id']}")
            country = (entities.get(m["entity_id"]) or {}).get("country")
            if country:
                concepts.add(f"country:{country}")
    named = [p for p in rows["places"] if _within(p, span)]
    named = named or _places_referred_back([st], rows["places"])
    for p in named:
        concepts.add(f"place:{p.get('geonames_id') or (p.get('name') or '').lower()}")
        if p.get("admin1") and p.get("feature") != "country":
            concepts.add(f"region:{p['admin1']}")  # Kursk (city) and the Kursk region are one area
    return concepts


def _places_referred_back(statements: list[SourceStatement], places: list[dict]) -> list[dict]:
    """'expelled from the region': the last place named before a content that refers back to one."""
    anaphors = set(concept_vocabulary()["anaphoric_places"])
    out = []
    for s in statements:
        words = [w.lower() for w in _TOKEN.findall(s.content["text"])]
        if not any(w in anaphors and i > 0 and words[i - 1] == "the" for i, w in enumerate(words)):
            continue
        earlier = [p for p in places if (p.get("end") or 0) <= (s.content["start"] or 0)]
        if earlier:
            out.append(max(earlier, key=lambda p: p.get("start") or 0))
    return out


def _quantity(quantities: list[dict], spans) -> dict | None:
    for q in sorted(quantities, key=lambda q: q.get("start") or 0):
        if _within(q, spans):
            return {"value": q.get("value"), "unit": q.get("unit"), "approximate": bool(q.get("approximate")),
                    "country": q.get("country"), "text": q.get("text")}
    return None


def claims_from_analyses(analyses) -> list[ArticleClaim]:
    """Per-article claims of in-memory analyses (model.Analysis), through the ledger's own row builder."""
    from claimledger.ledger.rows import analysis_rows, article_row

    tables: dict[str, list[dict]] = defaultdict(list)
    articles = []
    seen = set()
    for analysis in analyses:
        if analysis.article.id in seen:  # the same article twice is one article
            continue
        seen.add(analysis.article.id)
        rows = analysis_rows(analysis)
        for name, table in rows.items():
            tables[name].extend(table)
        articles.append(article_row(analysis, rows))
    return claims_from_rows(tables, articles)

