"""Shared fixtures: the real pipeline (loaded once), and the shared gold data (skipped when absent)."""
from __future__ import annotations

import pytest

from claimledger.resources import shared_dir


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
