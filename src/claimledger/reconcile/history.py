"""A ledger claim's evidence, dated history, status, sources and contradictions.

Side: a statement is *for* the claim unless its stance denies, dismisses or
questions it, it negates the predicate ("said troops were not sent"), its
content calls the claim false ("fake", "hoax"), or it says the thing goes on
where the claim says it ended ("units were still operating" against "forces
were expelled").

Date: the statement's own date when the text gives it (``date_source``
"stated"), else the article's publication date ("published").

Status: retracted (a source that reported it takes it back), disputed (for and
against), denied (only against), confirmed (a confirmation and no denial),
else reported.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from claimledger.stances import stances_on
from claimledger.reconcile.cues import AGAINST, FOR, words
from claimledger.reconcile.clusters import Cluster
from claimledger.reconcile.matching import contrary_vocabulary, terminates
from claimledger.reconcile.records import ArticleClaim, SourceStatement
from claimledger.reconcile.sources import OTHER, PARTY, RELAY, independence_key, source_kind, source_name

AGAINST_STANCES = stances_on(AGAINST)  # data/attribution/stance_sides.tsv
NEGATABLE = {"assert", "claim", "confirm"}


@dataclass
class Evidence:
    statement: SourceStatement
    claim: ArticleClaim
    side: str  # for | against
    why: str  # stance | negated | refuted | contrary | implied
    kind: str  # party | relay | vague | other
    key: str  # independence key
    date: str | None
    date_source: str  # stated | published
    order: int  # tie-break within one date: -1 when the text says it came earlier

    def sort_key(self) -> tuple:
        return (self.date or "9999", self.order, self.statement.published or "9999",
                self.statement.article_id, self.statement.cue.get("start") or 0, self.statement.id)


def claim_countries(cluster: Cluster) -> set[str]:
    return {c.split(":", 1)[1] for m in cluster.members for c in m.concepts if c.startswith("country:")}


def side_of(st: SourceStatement, claim: ArticleClaim, reference: SourceStatement) -> tuple[str, str]:
    """(side, why) of one statement toward the ledger claim that ``reference`` (its first assertion) states."""
    if st.stance in AGAINST_STANCES:
        return AGAINST, "stance"
    if st.negated and st.stance in NEGATABLE and not reference.negated and st is not reference:
        return AGAINST, "negated"  # 'said no troops were sent' against 'troops were sent'; not its own words
    claim_words = set(words(reference.content["text"]))
    refuting = contrary_vocabulary()["refuting_words"]
    if any(w in refuting and w not in claim_words for w in words(st.content["text"])):
        return AGAINST, "refuted"
    if st is not reference and terminates(reference.concepts) and _continues(st) and not terminates(st.concepts):
        return AGAINST, "contrary"
    return FOR, "stance"


def _continues(st: SourceStatement) -> bool:
    markers = contrary_vocabulary()["continuation_markers"]
    return any(w in markers for w in words(st.content["text"]))


def dated(st: SourceStatement) -> tuple[str | None, str]:
    if st.date:
        return st.date.split("/")[0], "stated"
    return st.published, "published"


def _order_hint(st: SourceStatement) -> int:
    """-1 when the text puts the statement before others of its date ('had earlier reported')."""
    markers = contrary_vocabulary()["anteriority_markers"]
    return -1 if set(words(st.lead or st.cue.get("text") or "")) & markers else 0


def evidence(cluster: Cluster, implied: list[Cluster]) -> list[Evidence]:
    countries = claim_countries(cluster)
    reference = _reference(cluster.members)
    items = []
    for member in cluster.members:
        for st in attributed(member.statements):
            side, why = side_of(st, member, reference)
            items.append(_evidence(st, member, side, why, countries))
    for count in implied:  # a count claim's supporting statements support the event
        for member in count.members:
            for st in attributed(member.statements):
                side, _why = side_of(st, member, st)
                if side == FOR and all(e.statement.key != st.key for e in items):
                    items.append(_evidence(st, member, FOR, "implied", countries))
    return sorted(items, key=Evidence.sort_key)


def attributed(statements: list[SourceStatement]) -> list[SourceStatement]:
    """Leave out a speakerless statement nested in another's content ('quoted the Kremlin as saying that')."""
    def nested(st):
        s0, e0 = st.content.get("start") or 0, st.content.get("end") or 0
        return any(o is not st and o.speaker and (o.content.get("start") or 0) <= s0 + 10
                   and e0 <= (o.content.get("end") or 0) + 10 and (o.content.get("end") or 0) > s0
                   for o in statements)
    return [st for st in statements if st.speaker or not nested(st)]


def _evidence(st, member, side, why, countries) -> Evidence:
    date, date_source = dated(st)
    return Evidence(statement=st, claim=member, side=side, why=why, kind=source_kind(st, countries),
                    key=independence_key(st), date=date, date_source=date_source, order=_order_hint(st))


def _reference(members: list[ArticleClaim]) -> SourceStatement:
    """The statement that states the claim: the earliest plain assertion among the members."""
    statements = [st for m in members for st in attributed(m.statements)] or \
        [st for m in members for st in m.statements]
    plain = [st for st in statements if st.stance not in AGAINST_STANCES and not st.negated and not _continues(st)]
    return min(plain or statements, key=lambda st: (dated(st)[0] or "9999", st.published or "9999",
                                                   st.article_id, st.cue.get("start") or 0, st.id))


def independent_sources(items: list[Evidence]) -> dict[str, list[str]]:
    """Independence keys per side; a relay counts only where its article names no other source on that side."""
    keys: dict[str, list[str]] = {FOR: [], AGAINST: []}
    named_in = defaultdict(set)
    for e in items:
        if e.kind != RELAY:
            named_in[(e.side, e.statement.article_id)].add(e.key)
    for e in items:
        if e.kind == RELAY and named_in[(e.side, e.statement.article_id)]:
            continue
        if e.statement.speaker is None and not e.statement.via:
            continue  # nobody named: not a source of its own
        if e.key not in keys[e.side]:
            keys[e.side].append(e.key)
    return keys


def names(items: list[Evidence], side: str) -> list[str]:
    """Source names on one side, in date order, each once (relays of a named source left out)."""
    out: list[str] = []
    seen_keys = set()
    named_in = {(e.statement.article_id) for e in items if e.side == side and e.kind != RELAY}
    for e in items:
        if e.side != side or (e.kind == RELAY and e.statement.article_id in named_in):
            continue
        name = source_name(e.statement)
        if name not in out and (e.key, name) not in seen_keys:
            out.append(name)
            seen_keys.add((e.key, name))
    return out


def is_retraction(st: SourceStatement) -> bool:
    cues = contrary_vocabulary()["retraction_cues"]
    cue = " ".join(words(st.cue.get("text") or ""))
    lemma = (st.cue.get("lemma") or "").lower()
    return lemma in cues or cue in cues or any(w in cues for w in cue.split())


def history(items: list[Evidence]) -> list[dict]:
    """Dated entries, one per statement, with the event it marks (a relay of one statement is one entry)."""
    entries: list[dict] = []
    seen: dict[tuple, dict] = {}
    first_for = first_confirm = None
    supporters = set()
    for e in items:
        st = e.statement
        same = (e.key, e.side, st.stance, e.date if e.date_source == "stated" else None)
        if e.date_source == "stated" and same in seen:  # the same dated statement relayed again
            seen[same].setdefault("also_in", []).append(st.article_id)
            continue
        event = _event(e, first_for, first_confirm, supporters)
        if event == "first_reported":
            first_for = e
        if event == "first_confirmed" or (event == "first_reported" and _confirms(e) and first_confirm is None):
            first_confirm = e  # a first report that is itself a party's confirmation
        if e.side == FOR:
            supporters.add(e.key)
        entry = {
            "date": e.date, "date_source": e.date_source, "event": event,
            "source": source_name(st), "source_kind": e.kind, "stance": st.stance, "side": e.side,
            "article_id": st.article_id, "statement_id": st.id, "via": list(st.via),
            "cue": st.cue.get("text"), "quote": st.content["text"],
            "quote_start": st.content.get("start"), "quote_end": st.content.get("end"),
        }
        seen[same] = entry
        entries.append(entry)
    return entries


def _event(e: Evidence, first_for, first_confirm, supporters: set) -> str:
    st = e.statement
    if e.key in supporters and (is_retraction(st) or e.side == AGAINST):
        return "retracted"
    if e.side == AGAINST:
        return "denied"
    if first_for is None:
        return "first_reported"
    if _confirms(e) and first_confirm is None:
        return "first_confirmed"
    if st.stance == "confirm":
        return "confirmed"
    return "reported"


CONFIRMING_KINDS = (PARTY, OTHER)  # a relay repeats, a vague source ("officials") does not confirm


def _confirms(e: Evidence) -> bool:
    return e.statement.stance == "confirm" and e.kind in CONFIRMING_KINDS


def first_confirmed(entries: list[dict]) -> dict | None:
    """The first confirmation by a party to the claim, else by another named source."""
    confirms = [h for h in entries if h["stance"] == "confirm" and h["side"] == FOR
                and h["source_kind"] in CONFIRMING_KINDS]
    return next((h for h in confirms if h["source_kind"] == PARTY), confirms[0] if confirms else None)


def status(entries: list[dict], items: list[Evidence] | None = None) -> str:
    """Retracted, disputed, denied, confirmed or reported.  With ``items`` (the evidence), a dispute needs
    two identified sources that disagree: an actor the text resolves on each side, and not one and the
    same source on both ('I' against 'we', or Chrysler for and against, is no dispute between sources)."""
    events = [e["event"] for e in entries]
    if "retracted" in events:
        return "retracted"
    sides = {e["side"] for e in entries}
    if items is not None and AGAINST in sides and FOR in sides:
        named = {side: {e.key for e in items if e.side == side and e.statement.entity_id} for side in (FOR, AGAINST)}
        if not (named[FOR] and named[AGAINST] and len(named[FOR] | named[AGAINST]) >= 2):
            sides = {side for side in sides if named[side]} or sides
            if sides == {FOR, AGAINST}:  # one source both ways: what it says for the claim stands
                sides = {FOR}
    if AGAINST in sides and FOR in sides:
        return "disputed"
    if AGAINST in sides:
        return "denied"
    if first_confirmed(entries):
        return "confirmed"
    return "reported"


def contradictions(cluster: Cluster, items: list[Evidence]) -> list[dict]:
    """Pairs that cannot both be true, with their reason and both sources."""
    out = []
    supports = [e for e in items if e.side == FOR]
    for e in items:
        if e.side != AGAINST:
            continue
        target = next((s for s in supports if s.key != e.key), None)
        if target is not None:
            out.append(_pair(cluster, _kind_of(e), target, e, _denial_reason(target, e)))
    out += _value_conflicts(cluster, items)
    return out


def _kind_of(e: Evidence) -> str:
    return {"negated": "negated_predicate", "contrary": "contrary_statement", "refuted": "refutation"}.get(
        e.why, "dismissal" if e.statement.stance == "dismiss" else "denial")


def _denial_reason(a: Evidence, b: Evidence) -> str:
    what = {"negated": "negates", "contrary": "contradicts", "refuted": "calls false"}.get(b.why, b.statement.stance)
    return f"{source_name(b.statement)} {what}: {b.statement.content['text']!r} against " \
           f"{source_name(a.statement)}: {a.statement.content['text']!r}"


def _value_conflicts(cluster: Cluster, items: list[Evidence]) -> list[dict]:
    """Conflicting numbers, dates or places between members from different articles: one contradiction
    per pair of conflicting values ('14,000 vs 11,000 troops'), shown with the earliest pair of members
    that states it -- not one per pair of members, which grows with the square of a claim's reports."""
    tolerance = contrary_vocabulary()["quantity_tolerance"]
    firsts = {}
    for e in items:
        if e.side == FOR:
            firsts.setdefault(e.claim.key, e)
    members = [m for m in cluster.members if m.key in firsts]
    found = []
    for kind, value_of, conflict in _VALUE_KINDS:
        classes: dict = {}  # value -> up to two members (positions) from different articles, earliest first
        for n, m in enumerate(members):
            value = value_of(m)
            if value is None:
                continue
            reps = classes.setdefault(value, [])
            if not reps or (len(reps) == 1 and members[reps[0]].article_id != m.article_id):
                reps.append(n)
        values = list(classes)
        for x, va in enumerate(values):
            for vb in values[x + 1:]:
                if not conflict(va, vb, tolerance):
                    continue
                # the earliest pair from different articles lies among the two earliest of each value
                pairs = sorted(tuple(sorted((i, j))) for i in classes[va] for j in classes[vb]
                               if members[i].article_id != members[j].article_id)
                if pairs:
                    i, j = pairs[0]
                    found.append((i, j, kind))
    out = []
    for i, j, kind in sorted(found, key=lambda f: (f[0], f[1], _KIND_ORDER[f[2]])):
        a, b = members[i], members[j]
        for k, reason in _conflicts(a, b, tolerance):
            if k == kind:
                out.append(_pair(cluster, kind, firsts[a.key], firsts[b.key], reason))
    return out


def _quantity_value(m: ArticleClaim):
    q = m.quantity
    return (q.get("unit"), float(q["value"])) if q and q.get("value") else None


def _date_value(m: ArticleClaim):
    days = frozenset(d["value"] for d in m.dates if d.get("precision") == "day")
    return days or None


def _place_value(m: ArticleClaim):
    if not m.places:
        return None
    countries = frozenset(p.get("country") for p in m.places if p.get("feature") == "country")
    return frozenset(_place_keys(m.places)), countries, frozenset(p.get("country") for p in m.places)


def _quantities_conflict(a, b, tolerance: float) -> bool:
    return a[0] == b[0] and abs(a[1] - b[1]) > tolerance * max(a[1], b[1])


def _places_conflict(a, b, _tolerance) -> bool:
    return not (a[0] & b[0] or a[1] & b[2] or b[1] & a[2])


_VALUE_KINDS = (("quantity", _quantity_value, _quantities_conflict),
                ("date", _date_value, lambda a, b, _t: not a & b),
                ("place", _place_value, _places_conflict))
_KIND_ORDER = {kind: n for n, (kind, _v, _c) in enumerate(_VALUE_KINDS)}


def _conflicts(a: ArticleClaim, b: ArticleClaim, tolerance: float):
    qa, qb = a.quantity, b.quantity
    if qa and qb and qa.get("unit") == qb.get("unit") and qa.get("value") and qb.get("value"):
        va, vb = float(qa["value"]), float(qb["value"])
        if abs(va - vb) > tolerance * max(va, vb):
            yield "quantity", f"{qa.get('text') or _num(va)} vs {qb.get('text') or _num(vb)} ({qa.get('unit')})"
    da = {d["value"] for d in a.dates if d.get("precision") == "day"}
    db_ = {d["value"] for d in b.dates if d.get("precision") == "day"}
    if da and db_ and not da & db_:
        yield "date", f"{', '.join(sorted(da))} vs {', '.join(sorted(db_))}"
    if a.places and b.places and not _places_compatible(a.places, b.places):
        na = ", ".join(sorted({p.get("name") or "" for p in a.places}))
        nb = ", ".join(sorted({p.get("name") or "" for p in b.places}))
        yield "place", f"{na} vs {nb}"


def _place_keys(places) -> set:
    out = set()
    for p in places:
        out.add(("id", p.get("geonames_id") or p.get("name")))
        if p.get("admin1"):
            out.add(("admin1", p["admin1"]))
    return out


def _places_compatible(pa: list[dict], pb: list[dict]) -> bool:
    """Some place of one is, contains or lies in some place of the other (same id, region, or country)."""
    if _place_keys(pa) & _place_keys(pb):
        return True
    countries_a = {p.get("country") for p in pa if p.get("feature") == "country"}
    countries_b = {p.get("country") for p in pb if p.get("feature") == "country"}
    return bool(countries_a & {p.get("country") for p in pb} or countries_b & {p.get("country") for p in pa})


def _num(v: float) -> str:
    return f"{v:,.0f}" if v == int(v) else f"{v:,}"


def _pair(cluster: Cluster, kind: str, a: Evidence, b: Evidence, reason: str) -> dict:
    from claimledger.model import stable_id
    return {
        "id": stable_id("contradiction", cluster.id, kind, a.statement.key, b.statement.key),
        "claim_id": cluster.id, "kind": kind, "reason": reason,
        "a": _side_ref(a), "b": _side_ref(b),
    }


def _side_ref(e: Evidence) -> dict:
    st = e.statement
    return {"source": source_name(st), "stance": st.stance, "article_id": st.article_id, "statement_id": st.id,
            "date": e.date, "date_source": e.date_source, "quote": st.content["text"]}
