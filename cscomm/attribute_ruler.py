"""spaCy's attribute ruler with its single-token rules looked up instead of matched.

The English pipelines map tags to parts of speech and morphology with ~180 ruler
patterns. spaCy runs them all through its ``Matcher`` at every token, which costs
about a sixth of the whole parse. Almost all of them test one token's tag, lower-case
form, dependency label or whitespace, so the rules that apply depend only on those
four values: :class:`IndexedAttributeRuler` works them out once per distinct
combination and caches the answer. The few multi-token patterns stay with a small
``Matcher``, run only on documents where one of them can start. Each token then gets
its rules' attributes merged in rule order, in one assignment. The annotations are
exactly spaCy's (a test compares them on real text).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, cast

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

FACTORY = "cscomm_indexed_attribute_ruler"
_TESTED = ("TAG", "LOWER", "DEP", "IS_SPACE")
"""The token attributes an indexed rule may test, in :data:`Signature` order."""
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
        matches = []
        may_start_multi = self._starters is None
        for token in doc:
            rules, starts = self._rules_for(token)
            may_start_multi = may_start_multi or starts
            for rule in rules:
                matches.append((rule, self._match_ids[rule], token.i, token.i + 1))
        if may_start_multi:
            matches.extend(
                (int(self.vocab.strings[m_id]), m_id, start, end)
                for m_id, start, end in self._multi(doc, allow_missing=True, as_spans=False)  # type: ignore[misc]
            )
        matches.sort()
        return matches

    def set_annotations(self, doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        """As ``AttributeRuler.set_annotations``: each token gets the attributes of its
        rules merged in rule order (later rules win, as when applied one by one), in one
        assignment instead of one per rule."""
        if any(attrs.get("_") for attrs in self.attrs):  # extension values merge per key
            super().set_annotations(doc, matches)
            return
        rules_at: dict[int, list[int]] = {}
        for rule, _, start, end in matches:
            index = self.indices[rule]
            position = (start if index >= 0 else end) + index
            if not start <= position < end:  # spaCy raises its own error (E1001)
                super().set_annotations(doc, [(rule, self._match_ids[rule], start, end)])
                continue
            rules_at.setdefault(position, []).append(rule)
        for position, rules in rules_at.items():
            set_token_attrs(doc[position], self._merged(tuple(rules)))

    def _merged(self, rules: tuple[int, ...]) -> dict[int, Any]:
        merged = self._merged_attrs.get(rules)
        if merged is None:
            merged = self._merged_attrs[rules] = {k: v for rule in rules for k, v in self.attrs[rule].items()}
        return merged

    def _invalidate(self) -> None:
        self._merged_attrs: dict[tuple[int, ...], dict[int, Any]] = {}
        self._multi: Matcher | None = None
        self._by_shape: dict[tuple[str, ...], dict[tuple[Any, ...], list[int]]] = {}
        self._predicated: list[tuple[int, dict[str, Predicate]]] = []
        self._starters: list[dict[str, Any]] | None = []
        self._match_ids: list[int] = []
        self._cache: dict[Signature, tuple[tuple[int, ...], bool]] = {}

    def _build_index(self) -> None:
        """Index the single-token equality tests by the attributes they test, keep the
        other single-token tests as predicates, and match multi-token patterns. The
        matcher is published last: a set ``_multi`` means the index is complete."""
        multi = Matcher(self.vocab, validate=self.validate)
        self._match_ids = [self.vocab.strings.add(str(rule)) for rule in range(len(self.attrs))]
        for rule, match_id in enumerate(self._match_ids):
            patterns: list[list[dict[str, Any]]] = self.matcher.get(match_id)[1]
            for pattern in patterns:
                tests = _single_token_tests(pattern)
                if tests is None:
                    multi.add(match_id, [pattern])
                    self._add_starter(pattern)
                elif all(not callable(test) for test in tests.values()):
                    shape = tuple(sorted(tests))
                    values = tuple(tests[key] for key in shape)
                    self._by_shape.setdefault(shape, {}).setdefault(values, []).append(rule)
                else:
                    self._predicated.append((rule, tests))
        self._multi = multi

    def _add_starter(self, pattern: list[dict[str, Any]]) -> None:
        """Remember how a multi-token pattern's first token is tested, so documents with
        no token that passes skip the matcher (``None``: cannot tell, always match)."""
        first = _single_token_tests(pattern[:1])
        if first is None or self._starters is None:
            self._starters = None
        else:
            self._starters.append(first)

    def _rules_for(self, token: Token) -> tuple[tuple[int, ...], bool]:
        """The single-token rules that apply to ``token``, and whether a multi-token
        pattern may start at it."""
        signature = (token.tag_, token.lower_, token.dep_, token.is_space)
        cached = self._cache.get(signature)
        if cached is None:
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            values = dict(zip(_TESTED, signature, strict=True))
            found: set[int] = set()
            for shape, index in self._by_shape.items():
                found.update(index.get(tuple(values[key] for key in shape), ()))
            found.update(rule for rule, tests in self._predicated if _all_pass(tests, values))
            starts = any(_all_pass(tests, values) for tests in self._starters or ())
            cached = self._cache[signature] = (tuple(sorted(found)), starts)
        return cached


Predicate = Callable[[Any], bool]


def _all_pass(tests: dict[str, Any], values: dict[str, Any]) -> bool:
    return all(test(values[key]) if callable(test) else test == values[key] for key, test in tests.items())


def _single_token_tests(pattern: list[dict[str, Any]]) -> dict[str, Any] | None:
    """For a one-token pattern on the indexed attributes: per attribute, the value it
    must equal or a predicate (spaCy's ``IN``, ``NOT_IN``, ``REGEX``); else ``None``."""
    if len(pattern) != 1:
        return None
    (spec,) = pattern
    if not spec or not set(spec) <= set(_TESTED):
        return None
    tests: dict[str, Any] = {}
    for key, value in spec.items():
        test = _predicate(value) if isinstance(value, dict) else value
        if test is None or isinstance(test, list):
            return None
        tests[key] = test
    return tests


def _predicate(operators: dict[str, Any]) -> Predicate | None:
    """One spaCy matcher operator as a function of the attribute value."""
    if len(operators) != 1:
        return None
    ((operator, argument),) = operators.items()
    if operator == "IN":
        return frozenset(argument).__contains__
    if operator == "NOT_IN":
        excluded = frozenset(argument)
        return lambda value: value not in excluded
    if operator == "REGEX":
        pattern = re.compile(argument)
        return lambda value: pattern.search(value) is not None
    return None


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
    indexed.match(nlp.make_doc(""))  # build the index now, not in the first check
    return True
