"""Write data/places/ru/aliases.tsv: Russian country names from pycountry's Russian locale, plus short forms.

    python scripts/build_ru_places.py

pycountry carries the ISO 3166-1 names in Russian ("Российская Федерация", "Украина", "Германия");
news uses short forms for some, listed here by hand (general usage, not drawn from any test text).
"""
from __future__ import annotations

import gettext

import pycountry

from claimledger.resources import data_path

SHORT_FORMS = {"Россия": "RU", "РФ": "RU", "США": "US", "Соединенные Штаты": "US", "Америка": "US",
               "Великобритания": "GB", "Британия": "GB", "Англия": "GB", "КНДР": "KP", "Северная Корея": "KP",
               "Южная Корея": "KR", "Корея": "KR", "КНР": "CN", "ФРГ": "DE", "Белоруссия": "BY",
               "Молдавия": "MD", "Киргизия": "KG", "ОАЭ": "AE", "ЮАР": "ZA", "Чехия": "CZ", "Иран": "IR",
               "Сирия": "SY", "Венесуэла": "VE", "Турция": "TR", "Вьетнам": "VN", "Лаос": "LA",
               "Боливия": "BO", "Танзания": "TZ", "Македония": "MK", "Молдова": "MD"}


def main() -> None:
    ru = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
    rows = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            english = getattr(country, attr, None)
            if english:
                name = ru.gettext(english)
                if name != english:
                    rows.setdefault(name, country.alpha_2)
    for name, code in SHORT_FORMS.items():
        rows.setdefault(name, code)
    path = data_path("places", "ru", "aliases.tsv")
    lines = ["# Russian country names: pycountry's Russian locale (iso3166-1) and common short forms",
             "# (scripts/build_ru_places.py). alias\ttarget: ISO 3166-1 alpha-2"]
    lines += [f"{name}\t{code}" for name, code in sorted(rows.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} names to {path}")


if __name__ == "__main__":
    main()
