"""Where shared evaluation data lives: $CLAIMLEDGER_SHARED, else ../shared beside the repository."""
from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = Path(__file__).resolve().parent / "data"


def shared_dir() -> Path:
    env = os.environ.get("CLAIMLEDGER_SHARED")
    if env:
        return Path(env)
    return REPO_ROOT.parent / "shared"


def shared_data(*parts: str) -> Path:
    return shared_dir().joinpath("data", *parts)
