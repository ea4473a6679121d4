"""Shared fixtures: engines over the test glossary and over the bundled one."""
from __future__ import annotations

from pathlib import Path

import pytest

from transnorm.engine import Engine

DATA = Path(__file__).parent / "data"
TEST_GLOSSARY = DATA / "test_glossary.yaml"
SEEDS = DATA / "seeds"


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine.from_paths([TEST_GLOSSARY])


@pytest.fixture(scope="session")
def bundled() -> Engine:
    return Engine.from_paths(None)


@pytest.fixture(scope="session")
def seeds() -> dict[str, str]:
    return {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
