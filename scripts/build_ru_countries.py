"""Write data/countries/ru/demonyms.tsv: Russian national adjectives for claimledger.countries.country_code.

    python scripts/build_ru_countries.py

The national adjective of each country, in its dictionary form ("украинский"), for country_code only
(column actors: no -- the actor lexicon matches words as written, and Russian ones inflect):
  derived from the one-word Russian names by the regular suffixes (Украина -> украинский, Китай ->
  китайский, Индия -> индийский, Иран -> иранский) and kept only when pymorphy2's dictionary knows the
  result as an adjective; the irregular ones (Россия -> российский, Франция -> французский) are listed
  below (general usage).  An adjective that would name two countries is left out, as is "корейский"
  (North or South?), as the English table leaves out "Korean", and those in LEFT_OUT (another sense).
"""
from __future__ import annotations

from collections import defaultdict

from claimledger.pipeline.ru.natasha_doc import _pymorphy2_compat
from claimledger.resources import data_path, read_rows

IRREGULAR = {
    "российский": "RU", "американский": "US", "британский": "GB", "английский": "GB", "французский": "FR",
    "немецкий": "DE", "турецкий": "TR", "шведский": "SE", "норвежский": "NO", "датский": "DK",
    "финский": "FI", "греческий": "GR", "итальянский": "IT", "испанский": "ES", "португальский": "PT",
    "польский": "PL", "чешский": "CZ", "словацкий": "SK", "венгерский": "HU", "румынский": "RO",
    "болгарский": "BG", "сербский": "RS", "хорватский": "HR", "словенский": "SI", "литовский": "LT",
    "латвийский": "LV", "белорусский": "BY", "молдавский": "MD", "грузинский": "GE", "армянский": "AM",
    "азербайджанский": "AZ", "казахский": "KZ", "киргизский": "KG", "таджикский": "TJ", "туркменский": "TM",
    "узбекский": "UZ", "афганский": "AF", "китайский": "CN", "японский": "JP", "северокорейский": "KP",
    "южнокорейский": "KR", "вьетнамский": "VN", "тайский": "TH", "индийский": "IN", "пакистанский": "PK",
    "иранский": "IR", "иракский": "IQ", "сирийский": "SY", "израильский": "IL", "палестинский": "PS",
    "ливанский": "LB", "иорданский": "JO", "саудовский": "SA", "йеменский": "YE", "египетский": "EG",
    "ливийский": "LY", "тунисский": "TN", "алжирский": "DZ", "марокканский": "MA", "кубинский": "CU",
    "мексиканский": "MX", "бразильский": "BR", "аргентинский": "AR", "чилийский": "CL", "перуанский": "PE",
    "венесуэльский": "VE", "колумбийский": "CO", "канадский": "CA", "австралийский": "AU",
    "новозеландский": "NZ", "нидерландский": "NL", "голландский": "NL", "бельгийский": "BE",
    "швейцарский": "CH", "австрийский": "AT", "ирландский": "IE", "шотландский": "GB", "эстонский": "EE",
    "украинский": "UA", "катарский": "QA", "эмиратский": "AE", "оманский": "OM", "кувейтский": "KW",
    "бахрейнский": "BH", "суданский": "SD", "эфиопский": "ET", "сомалийский": "SO", "кенийский": "KE",
    "нигерийский": "NG", "малийский": "ML", "конголезский": "CD", "южноафриканский": "ZA",
    "монгольский": "MN", "индонезийский": "ID", "филиппинский": "PH", "малайзийский": "MY",
    "сингапурский": "SG", "мьянманский": "MM", "бирманский": "MM", "непальский": "NP", "ланкийский": "LK",
    "бангладешский": "BD", "тайваньский": "TW", "исландский": "IS", "люксембургский": "LU",
    "македонский": "MK", "черногорский": "ME", "боснийский": "BA", "албанский": "AL", "кипрский": "CY",
    "мальтийский": "MT", "доминиканский": "DO",
}
SUFFIXES = {"ия": ("ийский", "ский"), "я": ("йский", "ский"), "а": ("ский", "инский", "анский"),
            "й": ("йский",), "ь": ("ьский", "ский"), "": ("ский", "анский", "ийский", "йский")}
# the suffixes also make words the dictionary knows in another sense: a river (Инд), a Russian region
# (Кубань), antiquity (италийский); "доминиканский" is the Dominican Republic's, not Dominica's
LEFT_OUT = {"корейский", "индский", "кубанский", "италийский", "доминиканский", "словакский", "великобританский"}


def derived(name: str, known) -> set[str]:
    """Regular adjectives of a one-word country name that the dictionary knows."""
    low = name.lower()
    found = set()
    for ending in sorted(SUFFIXES, key=len, reverse=True):
        if low.endswith(ending):
            stem = low[: len(low) - len(ending)] if ending else low
            for suffix in SUFFIXES[ending]:
                if ending == "й" and suffix == "йский":
                    stem_form = stem + suffix
                elif ending == "ь":
                    stem_form = stem + suffix
                else:
                    stem_form = stem + suffix
                if known(stem_form):
                    found.add(stem_form)
            break
    return found


def main() -> None:
    _pymorphy2_compat()
    import pymorphy2

    morph = pymorphy2.MorphAnalyzer()

    def known(word: str) -> bool:
        return morph.word_is_known(word) and any(p.tag.POS == "ADJF" and p.normal_form == word
                                                 for p in morph.parse(word))

    names = [(row[0], row[1]) for row in read_rows("places/ru/aliases.tsv")]
    adjectives: dict[str, set[str]] = defaultdict(set)
    for name, code in names:
        if " " not in name and "-" not in name and not name.isupper():
            for adjective in derived(name, known):
                adjectives[adjective].add(code)
    table = {adj: codes.pop() for adj, codes in adjectives.items() if len(codes) == 1 and adj not in LEFT_OUT}
    table.update(IRREGULAR)

    folder = data_path("countries", "ru")
    folder.mkdir(exist_ok=True)
    lines = ["# Russian national adjectives in their dictionary form (scripts/build_ru_countries.py): derived from the",
             "# country names by regular suffixes where pymorphy2 knows the result, plus the irregular ones. Matched on",
             "# the lemma of a Russian word (\"украинские\" -> \"украинский\") by country_code only. Columns of ../demonyms.tsv.",
             "demonym\tcountry\tactors\tcountry_code"]
    lines += [f"{adj}\t{code}\tno\tyes" for adj, code in sorted(table.items())]
    (folder / "demonyms.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(table)} adjectives "
          f"({len(table) - len(IRREGULAR)} derived beyond the irregular list) to {folder}")


if __name__ == "__main__":
    main()
