"""The shipped data files: one folder per stage, every file readable by the one set of readers."""
import pytest

from claimledger.countries import demonym_rows
from claimledger.resources import DATA_DIR, read_json, read_rows, read_tsv

DATA_FILES = sorted(str(p.relative_to(DATA_DIR)) for p in DATA_DIR.rglob("*") if p.suffix in (".tsv", ".json"))


def test_data_is_grouped_by_stage():
    assert DATA_FILES and all("/" in name for name in DATA_FILES)
    assert {name.split("/")[0] for name in DATA_FILES} == {
        "read", "attribution", "actors", "places", "dates", "quantities", "claims", "reconcile", "countries"}


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_data_file_reads(name):
    if name.endswith(".json"):
        assert read_json(name)
    else:
        rows = read_rows(name)
        assert rows and all(row and not row[0].startswith("#") for row in rows)


def test_headed_tables_give_dicts():
    assert read_tsv("attribution/stance.tsv")[0].keys() >= {"lemma", "stance"}
    assert read_tsv("attribution/stance.tsv") is read_tsv("attribution/stance.tsv")  # read once


def test_demonym_table_serves_both_lookups():
    rows = read_tsv("countries/demonyms.tsv")
    assert all(row["actors"] in ("yes", "no") and row["country_code"] in ("yes", "no") for row in rows)
    assert ("Korean", "KR") in demonym_rows("country_code") and ("Korean", "KR") not in demonym_rows("actors")
    assert ("US", "US") in demonym_rows("actors") and ("US", "US") not in demonym_rows("country_code")
