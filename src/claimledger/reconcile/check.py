"""Check a claim against the ledger: which ledger claims it matches, and which articles are for it,
against it, or discussing it, with the evidence (speaker, cue, quote, offsets).

``check(db, texts)`` is a query over stored rows only (no spaCy): the claim text is matched against
every article by the share of its information it shares with the article, then each article that
bears on it gets a side from its statement layer, never from similarity alone:

* relatedness: the share of the claim's idf weight (idf over the ledger's articles, so check is a
  query on a fixed ledger) found among the article's words: its stored text (headline and body), its
  statements and its claims.  An article that holds less than ``RELATED_MIN`` of it is unrelated and
  not listed.
* evidence: the article's words on the claim, its ``EVIDENCE_TOP`` statements or own-voice sentences
  (outside any statement, and the headline) that hold most of the claim's weight; and anywhere in it, an
  unhedged sentence or statement that calls something false.
* side of the article toward the proposition: **against** when an evidence statement denies,
  dismisses or questions it (the stance table, claimledger.stances), or a piece of evidence calls it
  false (the refuting words of data/reconcile/sources_contrary.json: hoax, fake, debunked ...);
  **for** when the article asserts it in its own voice (a sentence with no hedge) or a statement
  confirms it; **discussing** otherwise (reported, hedged, rumoured: the hedges
  of reconcile.cues).  The article's lead (reconcile.leads.lead_of) weighs in: with ``HEDGED_LEAD`` hedge
  words or more it relays the story without vouching for it (for becomes discussing); with none it
  states the story as fact (discussing becomes for).
* side toward the text asked about: the claim text takes a position of its own (reconcile.cues.
  text_stance, as for Emergent headlines, where negation alone is part of the proposition).  A text that calls the proposition false ("X is a hoax")
  turns the sides around; a hedged text ("X reportedly ...", "X?") asserts nothing to be for or
  against, so the articles that bear on it discuss it.

An article not listed is unrelated.  The matching ledger claims are those whose text, or a member's
text, holds at least ``RELATED_MIN`` of the claim's weight.
"""
from __future__ import annotations

import math
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from claimledger import stances
from claimledger.resources import read_json
from claimledger.ledger.queries import json_column
from claimledger.stances import AGAINST, FOR
from claimledger.reconcile.check_across import related_across
from claimledger.reconcile.cues import OBSERVING, text_stance, vocabulary, words
from claimledger.reconcile.matching import contrary_vocabulary
from claimledger.reconcile.leads import lead_of
from claimledger.reconcile.records import _stem, stop_words

DISCUSSING = "discussing"
SIDES = (FOR, AGAINST, DISCUSSING)

RELATED_MIN = 0.5  # share of the claim's idf weight an article must contain to bear on it directly
NEIGHBOUR_MIN = 0.15  # TF-IDF cosine with the directly related articles' centroid that also makes one related
EVIDENCE_TOP = 3  # an article's words on the claim: its statements or sentences that share most of it
MAX_EVIDENCE = 5  # evidence items listed per article (the strongest first)
MAX_CLAIMS = 10  # ledger claims listed per text
HEDGED_LEAD = 3  # hedge words in an article's lead from which it discusses its story rather than asserts it

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'”’)]*|\n|$)")


# -- terms ------------------------------------------------------------------------

@lru_cache(maxsize=200_000)
def _term(word: str) -> str | None:
    if len(word) < 3 or word in stop_words() or word == "?":
        return None
    return _stem(word)


def terms(text: str | None) -> list[str]:
    """Content-word stems of a text (function words dropped), in order."""
    return [t for t in (_term(w) for w in words(text or "")) if t]


# -- what the ledger holds ---------------------------------------------------------

@dataclass
class Evidence:
    article_id: str
    kind: str  # "statement" | "outlet" (the article's own voice: a sentence outside any statement, or the headline)
    quote: str
    start: int | None
    end: int | None
    speaker: str | None = None
    cue: str | None = None
    stance: str | None = None
    statement_id: str | None = None
    hedges: tuple[str, ...] = ()
    negated: bool = False
    terms: frozenset[str] = frozenset()

    def to_dict(self, side: str, own: str, weight: float) -> dict:
        """``side``: toward the proposition; shown toward the text asked about (``own``: its position)."""
        return {"side": toward_text(side, own), "proposition_side": side, "kind": self.kind, "speaker": self.speaker, "cue": self.cue, "stance": self.stance,
                "quote": self.quote, "start": self.start, "end": self.end, "statement_id": self.statement_id,
                "weight": round(weight, 3)}


@dataclass
class ArticleRecord:
    id: str
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    terms: frozenset[str]
    counts: Counter = field(default_factory=Counter)  # term frequencies of its headline and text
    evidence: list[Evidence] = field(default_factory=list)
    language: str = "en"  # not English: related through the multilingual encoder (check_across.py)
    lead_hedges: int = 0  # hedge words in its lead (reconcile.leads.lead_of): how far it vouches for its story


def _conn(db) -> sqlite3.Connection:
    """A sqlite3 connection from a sqlite_utils Database, a claimledger Ledger, or a connection."""
    db = getattr(db, "db", db)
    return getattr(db, "conn", db)


def _query(conn, sql: str, params=()) -> list[dict]:
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def _tables(conn) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def load_articles(conn) -> list[ArticleRecord]:
    """Every stored article with its words and its candidate evidence (statements and own-voice sentences)."""
    statements: dict[str, list[dict]] = {}
    for s in _query(conn, "SELECT article_id, id, kind, speaker_name, cue_text, stance, negated, hedges, content_text, "
                          "content_start, content_end, cue_start, cue_end, speaker_start FROM statements "
                          "ORDER BY article_id, cue_start, id"):
        statements.setdefault(s["article_id"], []).append(s)
    claims: dict[str, list[str]] = {}
    for c in _query(conn, "SELECT article_id, text FROM claims"):
        claims.setdefault(c["article_id"], []).append(c["text"] or "")
    out = []
    for a in _query(conn, "SELECT id, title, source, url, published, text, language FROM articles ORDER BY id"):
        text = a["text"] or ""
        own = statements.get(a["id"], [])
        evidence = [_statement_evidence(a["id"], s) for s in own]
        evidence += _own_voice(a["id"], text, a["title"], own)
        counts = Counter(terms(a["title"])) + Counter(terms(text))
        words_of = set(counts)
        for extra in claims.get(a["id"], []):
            words_of |= set(terms(extra))
        lead = words(lead_of(a["title"], text))
        out.append(ArticleRecord(a["id"], a["title"], a["source"], a["url"], a["published"],
                                 frozenset(words_of), counts, evidence, a["language"] or "en",
                                 sum(w in _hedges() for w in lead)))
    return out


def _statement_evidence(article_id: str, s: dict) -> Evidence:
    content = s["content_text"] or ""
    # the pipeline's statements of kind "outlet" (headline, unattributed lede) are the article's own voice
    kind = "outlet" if s["kind"] == "outlet" else "statement"
    return Evidence(article_id, kind, content, s["content_start"], s["content_end"],
                    speaker=s["speaker_name"], cue=s["cue_text"], stance=s["stance"] or stances.DEFAULT_STANCE,
                    statement_id=s["id"], hedges=tuple(json_column(s["hedges"], []) or ()),
                    negated=bool(s["negated"]), terms=frozenset(terms(content)))


def _own_voice(article_id: str, text: str, title: str | None, statements: list[dict]) -> list[Evidence]:
    """The headline and the sentences of the article that hold no statement: what the outlet says itself."""
    spans = [(min(x for x in (s["speaker_start"], s["cue_start"], s["content_start"]) if x is not None),
              max(x for x in (s["cue_end"], s["content_end"]) if x is not None))
             for s in statements if s["cue_start"] is not None and s["content_end"] is not None]
    out = []
    if title:
        out.append(Evidence(article_id, "outlet", title, None, None, terms=frozenset(terms(title))))
    for m in _SENTENCE.finditer(text):
        start, end = m.start(), m.end()
        sentence = m.group().strip()
        if not sentence or any(s < end and start < e for s, e in spans):
            continue
        lead = len(m.group()) - len(m.group().lstrip())
        out.append(Evidence(article_id, "outlet", sentence, start + lead, start + lead + len(sentence),
                            terms=frozenset(terms(sentence))))
    return out


# -- weights -----------------------------------------------------------------------

class Index:
    """The ledger's articles with the idf of their words: built once, asked many claims."""

    def __init__(self, articles: list[ArticleRecord]):
        self.articles = articles
        self.df = Counter(t for a in articles for t in a.terms)
        self.n = len(articles)
        self.vectors = {a.id: self._unit({t: (1 + math.log(k)) * self.idf(t) for t, k in a.counts.items()})
                        for a in articles}

    def idf(self, term: str) -> float:
        return math.log((self.n + 1) / (self.df.get(term, 0) + 0.5))

    def weights(self, text: str) -> dict[str, float]:
        return {t: self.idf(t) for t in set(terms(text))}

    @staticmethod
    def _unit(vector: dict[str, float]) -> dict[str, float]:
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {t: v / norm for t, v in vector.items()}

    def related(self, text: str) -> dict[str, float]:
        """Article id -> relatedness of the articles that bear on ``text``.

        Directly: an article holding at least RELATED_MIN of the text's idf weight.  Then by pseudo-
        relevance feedback (Rocchio): an article whose TF-IDF cosine with the centroid of the direct ones
        is at least NEIGHBOUR_MIN also bears on it, as a short or catchy claim ("Crabzilla") shares few
        words with a body that tells the same story in other words.
        """
        weights = self.weights(text)
        direct = {a.id: self.share(weights, a.terms) for a in self.articles}
        direct = {k: v for k, v in direct.items() if v >= RELATED_MIN}
        if not direct:
            return {}
        centroid: Counter = Counter()
        for key in direct:
            for t, v in self.vectors[key].items():
                centroid[t] += v
        centroid = self._unit(dict(centroid))
        out = dict(direct)
        for a in self.articles:
            if a.id not in out:
                vec = self.vectors[a.id]
                cosine = sum(v * vec.get(t, 0.0) for t, v in centroid.items())
                if cosine >= NEIGHBOUR_MIN:
                    out[a.id] = self.share(weights, a.terms)
        return out

    @staticmethod
    def share(weights: dict[str, float], found: frozenset[str] | set[str]) -> float:
        """The share of a claim's idf weight that ``found`` holds."""
        total = sum(weights.values())
        return sum(w for t, w in weights.items() if t in found) / total if total else 0.0


# -- sides -------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _refuting_words() -> frozenset[str]:
    return frozenset(contrary_vocabulary()["refuting_words"])


@lru_cache(maxsize=1)
def _hedges() -> frozenset[str]:
    return vocabulary()["hedging"] | stances.hedge_words()


@lru_cache(maxsize=1)
def _negation() -> frozenset[str]:
    return frozenset(read_json("reconcile/check_negation.json")["negation"])


def text_position(text: str) -> str:
    """The position the text asked about takes itself: reconcile.cues.text_stance, except that negation
    alone does not make it against ("X did not happen" is a proposition, "X is a hoax" a verdict)."""
    position = text_stance(text)
    if position != AGAINST:
        return position
    vocab, toks = vocabulary(), words(text)
    if any(w in vocab["refuting"] and w not in _negation() for w in toks) or \
            any(_stem(w) in vocab["refuting_stems"] for w in toks):
        return AGAINST
    return OBSERVING if set(toks) & vocab["hedging"] else FOR


def _hedged(toks: set[str], e: Evidence) -> bool:
    return bool(toks & _hedges()) or bool(e.hedges) or e.stance == "claim"


def refutes(e: Evidence, claim_words: set[str]) -> bool:
    """Whether a piece of the article calls something false, unhedged ("the story was a hoax"; not
    "could it be a hoax?"), with a refuting word the claim itself does not use."""
    if e.stance == "claim" or e.hedges:
        return False  # "some claim that it is a hoax" reports a verdict without making it
    toks = set(words(e.quote)) - claim_words
    return bool(toks & _refuting_words()) and not toks & stances.hedge_words() and "?" not in e.quote


def evidence_side(e: Evidence, claim_words: set[str]) -> str:
    """for / against / discussing: what one piece of evidence on the claim says of it."""
    toks = set(words(e.quote)) - claim_words
    if e.stance in stances.claim_stances() and stances.stance_side(e.stance) == AGAINST and e.stance != "question":
        return AGAINST  # denied, dismissed (a question is not yet a position)
    if refutes(e, claim_words):
        return AGAINST
    if e.stance == "confirm":
        return FOR
    if e.kind == "outlet" and not _hedged(toks, e):
        return FOR
    return DISCUSSING


def article_side(sides: list[str], lead_hedges: int = 1) -> str:
    """The article's side from its evidence's, weighed by how its lead tells the story: a lead thick with
    hedges ('reportedly', 'allegedly', 'according to', 'may') relays the story without vouching for it,
    a lead with none states it as fact."""
    if AGAINST in sides:
        return AGAINST
    if FOR in sides:
        return DISCUSSING if lead_hedges >= HEDGED_LEAD else FOR
    return FOR if lead_hedges == 0 and sides else DISCUSSING


def toward_text(side: str, own: str) -> str:
    """The side toward the text asked about, from the side toward its proposition and the text's own stance."""
    if own == OBSERVING:
        return DISCUSSING
    if own == AGAINST and side in (FOR, AGAINST):
        return FOR if side == AGAINST else AGAINST
    return side


# -- the check ---------------------------------------------------------------------

def check_one(index: Index, text: str, ledger_claims: list[dict] | None = None, db=None) -> dict:
    weights = index.weights(text)
    claim_words = set(words(text))
    own = text_position(text)
    listed = []
    relatedness = index.related(text)
    across = related_across(text, index.articles, db)  # articles not in English: the multilingual encoder
    for a in index.articles:
        if a.id in across:
            related, ranked = across[a.id]
        elif a.id not in relatedness or a.language != "en":
            continue
        else:
            related = relatedness[a.id]
            ranked = sorted(((index.share(weights, e.terms), e) for e in a.evidence), key=lambda x: -x[0])
        on_claim = [(w, e, evidence_side(e, claim_words)) for w, e in ranked[:EVIDENCE_TOP] if w > 0]
        refuting = [(w, e, AGAINST) for w, e in ranked[EVIDENCE_TOP:] if refutes(e, claim_words)]
        sided = on_claim + refuting
        side = article_side([s for _, _, s in sided], a.lead_hedges)
        sided.sort(key=lambda x: (x[2] != side, -x[0]))
        listed.append({
            "article_id": a.id, "title": a.title, "source": a.source, "url": a.url, "published": a.published,
            "side": toward_text(side, own), "proposition_side": side, "relatedness": round(related, 3),
            "evidence": [e.to_dict(s, own, w) for w, e, s in sided[:MAX_EVIDENCE]],
        })
    listed.sort(key=lambda x: (SIDES.index(x["side"]), -x["relatedness"], x["article_id"]))
    return {"text": text, "stance_of_text": own, "claims": _matching_claims(index, weights, ledger_claims or []),
            "articles": listed}


def _matching_claims(index: Index, weights: dict[str, float], ledger_claims: list[dict]) -> list[dict]:
    found = []
    for c in ledger_claims:
        share = max(index.share(weights, set(terms(t))) for t in [c["text"], *c.get("member_texts", [])])
        if share >= RELATED_MIN:
            found.append({"id": c["id"], "text": c["text"], "status": c["status"], "match": round(share, 3),
                          "articles": c.get("articles", [])})
    found.sort(key=lambda c: (-c["match"], c["id"]))
    return found[:MAX_CLAIMS]


def ledger_claim_texts(conn) -> list[dict]:
    """The ledger claims as stored (none when the reconcile layer's tables are absent)."""
    if "ledger_claims" not in _tables(conn):
        return []
    members: dict[str, list[dict]] = {}
    for m in _query(conn, "SELECT claim_id, article_id, text FROM ledger_claim_members ORDER BY article_id"):
        members.setdefault(m["claim_id"], []).append(m)
    return [{"id": c["id"], "text": c["text"] or "", "status": c["status"],
             "member_texts": [m["text"] or "" for m in members.get(c["id"], [])],
             "articles": sorted({m["article_id"] for m in members.get(c["id"], [])})}
            for c in _query(conn, "SELECT id, text, status FROM ledger_claims ORDER BY id")]


def check(db, texts: list[str]) -> list[dict]:
    """For each text, in order: the matching ledger claims and the articles for, against or discussing it.

    ``db``: a sqlite3 connection, a sqlite_utils Database or a Ledger.  Reads only; the ledger claims
    are those stored (bring them up to date first with reconcile.store.ensure_current where it may write).
    """
    conn = _conn(db)
    index = Index(load_articles(conn))
    claims = ledger_claim_texts(conn)
    return [check_one(index, text, claims, conn) for text in texts]
