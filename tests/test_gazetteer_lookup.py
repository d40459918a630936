"""Gazetteer lookups: names, aliases, regions, ranking with and without context."""
import pytest

from claimledger.pipeline.places.gazetteer import gazetteer, haversine_km, normalise


@pytest.fixture(scope="module")
def gaz():
    return gazetteer()


@pytest.mark.parametrize("name, prefer, country, admin1, kind", [
    ("Kursk", "admin", "RU", "RU-KRS", "admin1"),        # "Kursk region"
    ("Kursk Oblast", None, "RU", "RU-KRS", "admin1"),
    ("Belgorod", "admin", "RU", "RU-BEL", "admin1"),     # "Belgorod region"
    ("Kharkiv", "admin", "UA", "UA-63", "admin1"),
    ("Kursk", None, "RU", "RU-KRS", "city"),             # bare name: the city
    ("Kyiv", None, "UA", "UA-30", "city"),               # city-region: the city
    ("Kiev", None, "UA", "UA-30", "city"),               # alternate name
    ("Paris", None, "FR", "FR-IDF", "city"),
    ("North Korea", None, "KP", None, "country"),
    ("U.S.", None, "US", None, "country"),
    ("Texas", None, "US", "US-TX", "admin1"),
    ("Calif.", None, "US", "US-CA", "admin1"),           # AP abbreviation
    ("Washington", None, "US", "US-DC", "city"),         # the capital before the state
])
def test_lookup(gaz, name, prefer, country, admin1, kind):
    e = gaz.lookup(name, prefer=prefer)
    assert e is not None
    assert (e.country, e.kind) == (country, kind)
    if admin1:
        assert e.admin1 == admin1


@pytest.mark.parametrize("name, geonames_id", [
    ("Pyongyang", 1871859),
    ("Moscow", 524901),
])
def test_geonames_id(gaz, name, geonames_id):
    assert gaz.lookup(name).geonames_id == geonames_id


@pytest.mark.parametrize("name, countries, admin1s, country, admin1", [
    ("Alexandria", {}, {}, "EG", None),
    ("Alexandria", {"US": 1.0}, {"US-LA": 1.0}, "US", "US-LA"),
    ("Alexandria", {"US": 1.0}, {"US-VA": 1.0}, "US", "US-VA"),
    ("Georgia", {}, {}, "GE", None),
    ("Georgia", {"US": 1.0}, {}, "US", "US-GA"),
    ("Paris", {"US": 1.0}, {"US-TX": 1.0}, "US", "US-TX"),
])
def test_context(gaz, name, countries, admin1s, country, admin1):
    e = gaz.lookup(name, countries=countries, admin1s=admin1s)
    assert e.country == country
    if admin1:
        assert e.admin1 == admin1


@pytest.mark.parametrize("name, lat, lon, max_km", [
    ("Kursk Oblast", 51.7, 36.2, 150),
    ("North Korea", 40.0, 127.0, 400),
    ("United States", 39.76, -98.5, 161),
    ("Europe", 48.7, 9.1, 161),
])
def test_area_points(gaz, name, lat, lon, max_km):
    e = gaz.lookup(name)
    assert haversine_km(e.lat, e.lon, lat, lon) <= max_km


@pytest.mark.parametrize("text, expected", [
    ("Kurskaya oblast'", "kurskaya oblast"),
    ("The Hague", "hague"),
    ("São Paulo", "sao paulo"),
    ("W.Va.", "w va"),
])
def test_normalise(text, expected):
    assert normalise(text) == expected


def test_unknown_name(gaz):
    assert gaz.lookup("Qwxzzy") is None
    assert "Qwxzzy" not in gaz
