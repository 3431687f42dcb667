"""Shared fixtures: one loaded Linter per configuration, reused across tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from cscomm import Config, Linter

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def linter() -> Linter:
    """A Linter with every rule selected (the model loads once per session)."""
    return Linter(Config())


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
