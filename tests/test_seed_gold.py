"""The founding example against its hand-made gold (shared/seed/kursk.gold.json; GOLD.md says how to match)."""
import pytest

from claimledger.evaluation import seed


@pytest.fixture(scope="module")
def scored(shared, nlp):
    return seed.evaluate(shared / "seed" / "kursk.gold.json")


def _misses(rows):
    return [r for r in rows if not r["ok"]]


def test_seed_statements(scored):
    assert scored["statements_ok"] >= 14, _misses(scored["details"]["statements"])


def test_seed_dates(scored):
    assert scored["dates_ok"] == scored["dates"], _misses(scored["details"]["dates"])


def test_seed_places(scored):
    assert scored["places_ok"] == scored["places"], _misses(scored["details"]["places"])


def test_seed_claims(scored):
    assert scored["claims_ok"] == scored["claims"] == 3, _misses(scored["details"]["claims"])
