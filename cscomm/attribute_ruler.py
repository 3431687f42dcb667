"""spaCy's attribute ruler with its single-token rules looked up instead of matched.

The English pipelines map tags to parts of speech and morphology with ~180 ruler
patterns. spaCy runs them all through its ``Matcher`` at every token, which costs
about a sixth of the whole parse. Almost all of them test one token's tag, lower-case
form, dependency label or whitespace, so the rules that apply depend only on those
four values: :class:`IndexedAttributeRuler` works them out once per distinct
combination and caches the answer, leaving the few multi-token patterns to a small
``Matcher``. The matches, their order and so the annotations are exactly spaCy's.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token

FACTORY = "cscomm_indexed_attribute_ruler"
_TESTED = {"TAG": "tag_", "LOWER": "lower_", "DEP": "dep_", "IS_SPACE": "is_space"}
_CACHE_LIMIT = 100_000
Signature = tuple[str, str, str, bool]


class IndexedAttributeRuler(AttributeRuler):
    """An ``AttributeRuler`` whose single-token patterns are applied through a cache."""

    def __init__(self, vocab: Any, name: str = "attribute_ruler", *, validate: bool = False) -> None:
        super().__init__(vocab, name, validate=validate)
        self._invalidate()

    def clear(self) -> None:
        super().clear()
        self._invalidate()

    def add(self, patterns: Iterable[Any], attrs: dict[Any, Any], index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._invalidate()

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """The same ``(rule, match id, start, end)`` list as ``AttributeRuler.match``."""
        if self._multi is None:
            self._build_index()
        assert self._multi is not None
        matches = [
            (int(self.vocab.strings[m_id]), m_id, start, end)
            for m_id, start, end in self._multi(doc, allow_missing=True, as_spans=False)  # type: ignore[misc]
        ]
        for token in doc:
            for rule in self._rules_for(token):
                matches.append((rule, self._match_ids[rule], token.i, token.i + 1))
        matches.sort()
        return matches

    def _invalidate(self) -> None:
        self._multi: Matcher | None = None
        self._by_shape: dict[tuple[str, ...], dict[tuple[Any, ...], list[int]]] = {}
        self._match_ids: list[int] = []
        self._cache: dict[Signature, tuple[int, ...]] = {}

    def _build_index(self) -> None:
        """Index the single-token tests by the attributes they test; match the rest."""
        self._multi = Matcher(self.vocab, validate=self.validate)
        self._match_ids = [self.vocab.strings.add(str(rule)) for rule in range(len(self.attrs))]
        for rule, match_id in enumerate(self._match_ids):
            patterns: list[list[dict[str, Any]]] = self.matcher.get(match_id)[1]
            for pattern in patterns:
                test = _single_token_test(pattern)
                if test is None:
                    self._multi.add(match_id, [pattern])
                    continue
                shape = tuple(sorted(test))
                values = tuple(test[key] for key in shape)
                self._by_shape.setdefault(shape, {}).setdefault(values, []).append(rule)

    def _rules_for(self, token: Token) -> tuple[int, ...]:
        signature = (token.tag_, token.lower_, token.dep_, token.is_space)
        rules = self._cache.get(signature)
        if rules is None:
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            found: set[int] = set()
            for shape, index in self._by_shape.items():
                found.update(index.get(tuple(getattr(token, _TESTED[key]) for key in shape), ()))
            rules = self._cache[signature] = tuple(sorted(found))
        return rules


def _single_token_test(pattern: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The attribute tests of a one-token pattern of plain equality tests, else ``None``."""
    if len(pattern) != 1:
        return None
    (spec,) = pattern
    if not spec or not set(spec) <= set(_TESTED):
        return None
    if any(isinstance(value, (dict, list)) for value in spec.values()):
        return None
    return dict(spec)


@Language.factory(FACTORY, default_config={"validate": False})
def make_indexed_attribute_ruler(nlp: Language, name: str, validate: bool) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.vocab, name, validate=validate)


def index_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Swap the pipeline's attribute ruler for an indexed copy of its rules; ``False``
    when there is none (or it is already indexed)."""
    if name not in nlp.pipe_names:
        return False
    stock = nlp.get_pipe(name)
    if type(stock) is not AttributeRuler:
        return False
    indexed = cast(
        IndexedAttributeRuler, nlp.replace_pipe(name, FACTORY, config={"validate": stock.validate})
    )
    indexed.add_patterns(stock.patterns)
    return True
