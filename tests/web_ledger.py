"""Hand-built ledgers for the web explorer's page tests (stored through Ledger.store, no NLP).

Offsets are found with str.find so the records stay true to their texts.
"""
from __future__ import annotations

from claimledger.ledger import Ledger
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
)

EXPULSION_TEXT = (
    "On Saturday, the Kremlin announced that the Russian military had expelled Ukrainian soldiers "
    "from the final border village in the Kursk region.\n"
    "Kyiv later denied its forces had been expelled from the region, and some 14,000 troops were said to be there.\n"
)

# Every place a string from an article can reach: title, source, url, speaker, cue, content, names.
PAYLOAD = ('<script>window.__pwned = "script"; document.title = "PWNED"</script>'
           '<img src=x onerror="window.__pwned=\'img\'">'
           '<a href="javascript:window.__pwned=\'link\'">click me</a>'
           '</textarea></script><div><b>unclosed <td></table>"\'><svg onload=window.__pwned=1>')
HOSTILE_TEXT = (
    f"Officials said {PAYLOAD} had happened in Mariupol.\n"
    "Evil Corp denied that anything happened, calling it </script><script>window.__pwned=2</script>.\n"
)


def _span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def _statement(text, sid, speaker, entity_id, cue, content, stance, claim_id, via=(), date=None):
    s_start, s_end = _span(text, speaker)
    c_start, c_end = _span(text, cue, s_end)
    t_start, t_end = _span(text, content, c_end)
    return Statement(
        id=sid, speaker=Speaker(speaker, entity_id, None, s_start, s_end),
        cue={"text": cue, "lemma": cue, "start": c_start, "end": c_end},
        content={"text": content, "start": t_start, "end": t_end},
        kind="indirect", stance=stance, via=list(via), date=date, claim_id=claim_id)


def expulsion_analysis() -> Analysis:
    text = EXPULSION_TEXT
    article = Article(text=text, title="Kremlin says Kursk retaken; Kyiv denies", source="Fixture News",
                      url="https://example.org/kursk", published="2025-04-28")
    s1 = _statement(text, "s1", "the Kremlin", "kremlin", "announced",
                    "that the Russian military had expelled Ukrainian soldiers from the final border village "
                    "in the Kursk region", "assert", "c1", date={"value": "2025-04-26", "precision": "day"})
    s2 = _statement(text, "s2", "Kyiv", "ua_gov", "denied", "its forces had been expelled from the region",
                    "deny", "c1")
    kremlin, kyiv = _span(text, "Kremlin"), _span(text, "Kyiv")
    return Analysis(
        article=article,
        entities=[Entity("kremlin", "the Kremlin", "government", "RU", mentions=[Mention(*kremlin, "Kremlin")]),
                  Entity("ua_gov", "Kyiv", "government", "UA", mentions=[Mention(*kyiv, "Kyiv")])],
        statements=[s1, s2],
        claims=[Claim("c1", "Russian military expelled Ukrainian soldiers from the Kursk region", "disputed",
                      ["s1", "s2"], s1.content["start"], s2.content["end"], ["kremlin", "ua_gov"], ["kursk"])],
        places=[Place("Kursk", *_span(text, "Kursk"), lat=51.73, lon=36.19, country="RU", feature="admin1")],
        dates=[DateValue("On Saturday", *_span(text, "On Saturday"), "2025-04-26", "day")],
        quantities=[Quantity("some 14,000 troops", *_span(text, "some 14,000 troops"), 14000.0, True, "troops")],
        model="fixture",
    )


def hostile_analysis() -> Analysis:
    text = HOSTILE_TEXT
    article = Article(text=text, title=f"Hostile {PAYLOAD}", source=f"Source {PAYLOAD}",
                      url="javascript:window.__pwned='url'", published="2025-05-01")
    s1 = _statement(text, "h1", "Officials", None, "said", f"{PAYLOAD} had happened in Mariupol", "assert", "hc")
    s2 = _statement(text, "h2", "Evil Corp", "evil", "denied", "that anything happened", "deny", "hc")
    return Analysis(
        article=article,
        entities=[Entity("evil", f"Evil Corp {PAYLOAD}", "organisation", None,
                         mentions=[Mention(*_span(text, "Evil Corp"), "Evil Corp")])],
        statements=[s1, s2],
        claims=[Claim("hc", f"Something {PAYLOAD} happened", "disputed", ["h1", "h2"],
                      s1.content["start"], s1.content["end"], ["evil"], [])],
        places=[Place(f"Mariupol {PAYLOAD}", *_span(text, "Mariupol"), lat=47.1, lon=37.5, country="UA")],
        model="fixture",
    )


def build(path, analyses) -> str:
    """A ledger as an ingest leaves it: the analyses stored, then the claims across articles reconciled."""
    from claimledger.ingest.core import finish_pending

    with Ledger(path) as ledger:
        for analysis in analyses:
            ledger.store(analysis)
        finish_pending(ledger)
    return str(path)
