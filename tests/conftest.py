"""Shared fixtures: the real pipeline (loaded once), and the shared gold data (skipped when absent).

Tests that load the spaCy English model are marked ``model`` so that ``pytest -m "not model"``
runs the fast tests in seconds. The mark is added here to every test that uses the ``nlp``
fixture (directly or through another fixture); tests that load the model another way
(``analyze``, the CLI's analyze/ingest, a subprocess or Dask worker, a fixture that ingests a
ledger) carry ``@pytest.mark.model`` themselves, or their module does. The mark is kept true by
a guard: a test without it that loads a model in this process fails and says so.
Tests that drive Chromium are marked ``browser``, those that start a Dask cluster ``dask``.
"""
from __future__ import annotations

import pytest

from claimledger.resources import shared_dir

# Fixtures that load the model: a test using one (even through another fixture) is marked ``model``.
MODEL_FIXTURES = {"nlp"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if MODEL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.model)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """A test not marked ``model`` may not load one, nor may the fixtures it sets up
    (spacy.blank stays allowed).

    The pipeline is cached per process, so in a full run a later test could reuse a model
    loaded earlier; ``pytest -m "not model"`` starts with none and so checks every test.
    """
    if item.get_closest_marker("model"):
        yield
        return
    import spacy.util

    def refuse(name, *args, **kwargs):
        raise RuntimeError(f"{item.nodeid} loads the spaCy model {name!r} "
                           "but is not marked `model` (add @pytest.mark.model)")

    load_model, spacy.util.load_model = spacy.util.load_model, refuse
    try:
        yield
    finally:
        spacy.util.load_model = load_model


@pytest.fixture()
def runner():
    """click's CliRunner, for the command line's tests."""
    from click.testing import CliRunner
    return CliRunner()


@pytest.fixture()
def ledger_db(tmp_path):
    """A ledger holding the sample article (test_ledger_store.sample), reconciled as an ingest leaves it; modules
    that need another ledger define their own ``ledger_db``."""
    from claimledger.ingest.core import finish_pending
    from claimledger.ledger import Ledger
    from test_ledger_store import sample

    db = tmp_path / "l.db"
    with Ledger(db) as ledger:
        ledger.store(sample())
        finish_pending(ledger)
    return str(db)


@pytest.fixture(scope="session")
def nlp():
    from claimledger.pipeline.build import load_pipeline
    return load_pipeline()


@pytest.fixture(scope="session")
def shared():
    root = shared_dir()
    if not (root / "data").is_dir():
        pytest.skip(f"shared data not found at {root} (set CLAIMLEDGER_SHARED)")
    return root


@pytest.fixture(scope="session")
def seed_text(shared):
    return (shared / "seed" / "kursk.txt").read_text(encoding="utf-8")
