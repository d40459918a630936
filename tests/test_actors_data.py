"""Shipped actor data: Phoenix-derived actors, demonyms, metonyms, countries and capitals."""
import pytest

from claimledger.pipeline.actors import known as data


@pytest.mark.parametrize("name, day, expected", [
    ("Vladimir Putin", "2025-04-28", ("Vladimir Putin", "person", "RU")),
    ("Putin", None, ("Vladimir Putin", "person", "RU")),
    ("President Hollande", None, ("Francois Hollande", "person", "FR")),
    ("Kremlin", None, ("Kremlin", "government", "RU")),
    ("Reuters", None, ("Reuters", "media", None)),
    ("Haaretz", None, ("Haaretz", "media", "IL")),
    ("Ukraine", None, None),  # country blocks are not actors
    ("Nobody Atall", None, None),
])
def test_lookup_actor(name, day, expected):
    found = data.lookup_actor(name, day)
    assert (found and (found.name, found.type, found.country)) == (expected or None)


@pytest.mark.parametrize("word, expected", [
    ("North Korean", "KP"), ("Russian", "RU"), ("Ukrainian", "UA"), ("Ukrainians", "UA"),
    ("U.S.", "US"), ("British", "GB"), ("Russia", "RU"), ("North Korea", "KP"), ("Western", None),
])
def test_country_of_word(word, expected):
    assert data.country_of_word(word) == expected


@pytest.mark.parametrize("name, expected", [
    ("Pyongyang", "KP"), ("Kyiv", "UA"), ("Kiev", "UA"), ("Moscow", "RU"), ("Washington", "US"),
    ("Kursk", None),
])
def test_capitals(name, expected):
    assert data.capitals().get(data.normalise_name(name)) == expected


def test_seats_and_agents():
    assert data.seat_metonyms()["Kremlin"] == ("RU", "government")
    assert data.seat_metonyms()["Pentagon"] == ("US", "military")
    assert data.agents()["news agency"][1] == "media"
    assert data.agents()["military"][1] == "military"


def test_active_period():
    putin = data.lookup_actor("Putin")
    assert putin.active_on("2025-04-28") and putin.active_on(None)


@pytest.mark.parametrize("text, expected", [
    ("Kim Jong-un", "kim jong un"), ("Élysée", "elysee"), ("North Korea’s", "north korea s"),
])
def test_normalise_name(text, expected):
    assert data.normalise_name(text) == expected
