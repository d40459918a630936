"""Hand-built analyses for the reconcile tests: text plus who said what, with real offsets."""
from __future__ import annotations

from claimledger.model import (
    Analysis,
    Article,
    Claim,
    DateValue,
    Entity,
    Mention,
    Place,
    Quantity,
    Speaker,
    Statement,
    stable_id,
)

ACTORS = {
    "kremlin": ("Government of Russia", "government", "RU", None),
    "kyiv": ("Government of Ukraine", "government", "UA", None),
    "zelensky": ("Volodymyr Zelensky", "person", "UA", "GOV"),
    "kcna": ("KCNA", "media", "KP", None),
    "cmc": ("Central Military Commission", "organisation", "KP", None),
    "gerasimov": ("Valery Gerasimov", "person", "RU", "MIL"),
    "intel": ("Western intelligence", "group", None, None),
    "reuters": ("Reuters", "media", "GB", None),
}
PLACES = {"Kursk": (51.73, 36.19, "RU", 538555), "Belgorod": (50.61, 36.58, "RU", 578072),
          "Kharkiv": (49.98, 36.25, "UA", 706483), "Sumy": (50.91, 34.80, "UA", 692194)}


def article(text, published, stmts, source="Test Wire", claims=None, quantities=(), dates=()):
    """stmts: (actor key, speaker text, cue, stance, content, date|None, via, negated); claims: lists of stmt indexes."""
    art = Article(text=text, published=published, source=source, title=text.split(".")[0])
    entities, statements = {}, []
    for i, (actor, speaker_text, cue, stance, content, date, via, negated) in enumerate(stmts):
        name, etype, country, role = ACTORS[actor]
        s_start = text.index(speaker_text)
        c_start, q_start = text.index(cue), text.index(content)
        ent = entities.setdefault(actor, Entity(id=stable_id("actor", name), name=name, type=etype,
                                                country=country, role=role))
        ent.mentions.append(Mention(s_start, s_start + len(speaker_text), speaker_text))
        statements.append(Statement(
            id=f"s{i}", speaker=Speaker(name, ent.id, country, s_start, s_start + len(speaker_text)),
            cue={"text": cue, "lemma": cue, "start": c_start, "end": c_start + len(cue)},
            content={"text": content, "start": q_start, "end": q_start + len(content)},
            kind="indirect", stance=stance, via=list(via), negated=negated,
            date={"value": date, "precision": "day" if len(date) == 10 else "month"} if date else None))
    places = []
    for name, (lat, lon, country, gid) in PLACES.items():
        start = text.find(name)
        while start >= 0:
            places.append(Place(name, start, start + len(name), lat, lon, country, None, gid, "admin1"))
            start = text.find(name, start + 1)
    qs = []
    for qtext, value, unit, country in quantities:
        start = text.index(qtext)
        qs.append(Quantity(qtext, start, start + len(qtext), value, True, unit, country))
    ds = [DateValue(t, text.index(t), text.index(t) + len(t), value, "day") for t, value in dates]
    groups = claims if claims is not None else [[i] for i in range(len(statements))]
    out_claims = []
    for group in groups:
        first = statements[group[0]]
        cid = stable_id(art.id, "claim", first.cue["start"])
        for i in group:
            statements[i].claim_id = cid
        out_claims.append(Claim(id=cid, text=first.content["text"], status="reported",
                                statement_ids=[statements[i].id for i in group],
                                start=first.content["start"], end=first.content["end"]))
    return Analysis(article=art, entities=list(entities.values()), statements=statements, claims=out_claims,
                    places=places, quantities=qs, dates=ds)
