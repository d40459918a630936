"""Who stands behind a statement: a party to the claim, a relay, a vague source, or another named source.

- party: the speaker's country (or that of the state agency that speaks) is one
  the claim is about: the Kremlin about Russian forces.
- relay: a news agency or other media speaker passing on what others said; a
  statement's ``via`` channels are relays of its speaker, never sources of their own.
- vague: anonymous or collective sources ("Western intelligence reports",
  "officials said", "sources").
- other: a named source that is none of these.

Independence: statements by one origin count once.  A state's government,
military, officials and state news agency speak for the same state; a relay
of a statement is its speaker's statement again.
"""
from __future__ import annotations

import re
from functools import lru_cache

from claimledger.resources import read_json
from claimledger.reconcile.records import SourceStatement

PARTY, RELAY, VAGUE, OTHER = "party", "relay", "vague", "other"


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    raw = read_json("reconcile/sources_kinds.json")
    return {
        "agencies": {k.lower(): v for k, v in raw["news_agencies"].items()},
        "vague_heads": set(raw["vague_heads"]),
        "official_roles": set(raw["official_roles"]),
        "state_types": set(raw["state_types"]),
        "media_types": set(raw["media_types"]),
        "official_titles": set(raw["official_titles"]),
    }


def _norm(name: str | None) -> str:
    text = re.sub(r"[^\w\s-]", " ", (name or "").lower().replace("’", "'"))
    text = re.sub(r"\s+", " ", text).strip()
    return text.removeprefix("the ")


def agency(name: str | None) -> dict | None:
    """The news agency a name refers to ("KCNA", "state news agency KCNA", "Reuters"), if any."""
    key = _norm(name)
    agencies = vocabulary()["agencies"]
    if key in agencies:
        return agencies[key]
    words = key.split()
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            hit = agencies.get(" ".join(words[i:i + n]))
            if hit:
                return hit
    return None


def is_media(st: SourceStatement) -> bool:
    return st.entity_type in vocabulary()["media_types"] or agency(st.speaker) is not None


def is_vague(st: SourceStatement) -> bool:
    if st.speaker is None:
        return True
    if st.entity_type == "group":
        return True
    if st.entity_type in ("person", "government", "military", "organisation", "media"):
        return False
    words = _norm(st.speaker).split()
    return bool(words) and words[-1] in vocabulary()["vague_heads"]


def speaks_for_state(st: SourceStatement) -> str | None:
    """The country whose state a speaker speaks for (government, military, official, state agency)."""
    vocab = vocabulary()
    hit = agency(st.speaker)
    if hit and hit.get("state"):
        return hit.get("country")
    if not st.country and st.entity_type == "person" and _official_title(st.role):
        return role_country(st.role)
    if not st.country:
        return None
    if st.entity_type in vocab["state_types"]:
        return st.country
    if st.entity_type == "person" and (st.role or "").upper() in vocab["official_roles"]:
        return st.country
    if st.entity_type == "person" and _official_title(st.role):
        return st.country
    return None


def _official_title(role: str | None) -> bool:
    words = _norm(role).split()
    titles = vocabulary()["official_titles"]
    return any(" ".join(words[i:i + n]) in titles for n in (1, 2, 3) for i in range(len(words)))


def role_country(role: str | None) -> str | None:
    """The country a role names ("Ukrainian President" -> UA)."""
    from claimledger.countries import country_code
    words = (role or "").replace("’", "'").split()
    for n in (2, 1):
        for i in range(len(words) - n + 1):
            code = country_code(" ".join(words[i:i + n]))
            if code:
                return code
    return None


def speaker_country(st: SourceStatement) -> str | None:
    hit = agency(st.speaker)
    return st.country or (hit or {}).get("country") or role_country(st.role)


def source_kind(st: SourceStatement, claim_countries: set[str]) -> str:
    if st.relay_of or (is_media(st) and not speaks_for_state(st)):
        return RELAY
    if is_vague(st):
        return VAGUE
    country = speaks_for_state(st) or speaker_country(st)
    if country and country in claim_countries:
        return PARTY
    return OTHER


def independence_key(st: SourceStatement) -> str:
    """Statements with the same key come from one origin and count as one source."""
    state = speaks_for_state(st)
    if state:
        return f"state:{state}"
    if st.entity_id and not is_vague(st):
        return f"entity:{st.entity_id}"
    return f"name:{_norm(st.speaker) or 'unattributed'}"


def source_name(st: SourceStatement) -> str:
    return st.speaker or (st.via[0] if st.via else None) or st.outlet or "unattributed"
