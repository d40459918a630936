"""Source kinds and independence: parties, relays, vague sources (no model needed)."""
from __future__ import annotations

import pytest

from claimledger.reconcile.records import SourceStatement
from claimledger.reconcile.sources import agency, independence_key, source_kind


def statement(speaker, etype=None, country=None, role=None, via=(), entity_id=None):
    return SourceStatement(article_id="a", id="s", speaker=speaker, entity_id=entity_id or speaker, country=country,
                           entity_type=etype, role=role, stance="assert", negated=False, hedges=[], via=list(via),
                           cue={"text": "said"}, content={"text": "x", "start": 0, "end": 1}, date=None,
                           date_precision=None, published="2025-01-01", outlet=None)


@pytest.mark.parametrize("name, country", [
    ("KCNA", "KP"), ("the state news agency KCNA", "KP"), ("Reuters", "GB"), ("TASS", "RU"),
    ("Korean Central News Agency", "KP"), ("Kyiv", None), ("Western intelligence", None),
])
def test_agency(name, country):
    hit = agency(name)
    assert (hit or {}).get("country") == country


@pytest.mark.parametrize("st, claim_countries, kind", [
    (statement("Government of Russia", "government", "RU"), {"RU", "UA"}, "party"),
    (statement("Volodymyr Zelensky", "person", None, "Ukrainian President"), {"RU", "UA"}, "party"),
    (statement("Reuters", "media", "GB"), {"RU", "UA"}, "relay"),
    (statement("KCNA", "media", None), {"KP"}, "party"),          # state agency: speaks for its state
    (statement("Western intelligence", "group"), {"KP", "RU"}, "vague"),
    (statement("officials"), {"KP"}, "vague"),
    (statement(None), {"KP"}, "vague"),
    (statement("Emmanuel Macron", "person", "FR", "GOV"), {"RU", "UA"}, "other"),
])
def test_source_kind(st, claim_countries, kind):
    assert source_kind(st, claim_countries) == kind


@pytest.mark.parametrize("a, b, same", [
    (statement("Government of Ukraine", "government", "UA"), statement("Volodymyr Zelensky", "person", "UA", "GOV"),
     True),
    (statement("KCNA", "media"), statement("Government of North Korea", "government", "KP"), True),
    (statement("Valery Gerasimov", "person", "RU", "Chief of the General Staff"),
     statement("Government of Russia", "government", "RU"), True),
    (statement("Reuters", "media", "GB"), statement("Associated Press", "media", "US"), False),
    (statement("Western intelligence", "group"), statement("officials", "group"), False),
    (statement("Alice Smith", "person", "US"), statement("Government of United States", "government", "US"), False),
])
def test_independence(a, b, same):
    assert (independence_key(a) == independence_key(b)) is same
