"""The rule contract: metadata, per-profile options, and one ``check`` generator."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from cscomm.analysis import Analysis
from cscomm.document import DocKind, Document, Span
from cscomm.findings import Category, Severity
from cscomm.fixes import Applicability, Fix, replacement

if TYPE_CHECKING:
    from spacy.tokens import Doc

CODE_PATTERN = re.compile(r"^[A-Z]{2,4}[0-9]{3}$")
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule reports: a span, and optionally its own message and suggestions."""

    span: Span
    message: str | None = None
    suggestions: tuple[str, ...] = ()
    extra: tuple[tuple[str, Any], ...] = ()
    origin: str = ""
    unsure: bool = False
    """The rule is not confident: the finding is reported as a suggestion, with its evidence
    in ``extra``."""
    fix: Fix | None = None
    """The edits that fix it (offsets into the document), when they are not simply its one
    suggestion in place of the span (see :attr:`Rule.fixable`)."""


@dataclass(frozen=True, slots=True)
class Examples:
    """Text that must make the rule fire (``fail``) and text that must not (``pass_``),
    checked as a ``kind`` of document with the rule's ``options`` set so."""

    fail: tuple[str, ...] = ()
    pass_: tuple[str, ...] = ()
    kind: DocKind | None = None
    options: Mapping[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Context:
    """What a rule sees while checking one document."""

    doc: Document
    analysis: Analysis
    options: Mapping[str, Any] = field(default_factory=dict)


class Rule:
    """Base class of every rule, built-in Python rules and YAML pack rules alike.

    Subclasses set the metadata below and implement :meth:`check`. ``options`` are the
    defaults; ``profiles`` overrides them per channel (``{"memo": {"enabled": False}}``).
    """

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    category: ClassVar[Category] = Category.ENGINE
    severity: ClassVar[Severity] = Severity.WARNING
    message: ClassVar[str] = ""
    rationale: ClassVar[str] = ""
    guidelines: ClassVar[tuple[str, ...]] = ()
    examples: ClassVar[Examples] = Examples()
    samples: ClassVar[Mapping[str, str]] = {}
    """Sample values of the ``message`` placeholders that the first failing example does not
    give (it marks ``{match}``): ``cscomm rules`` and the rule reference show the message
    filled in (see :mod:`cscomm.samples`)."""
    options: ClassVar[Mapping[str, Any]] = {}
    profiles: ClassVar[Mapping[str, Mapping[str, Any]]] = {}
    needs_parser: ClassVar[bool] = False
    needs_nlp: ClassVar[bool] = False
    needs_grammar: ClassVar[bool] = False
    needs_customer: ClassVar[bool] = False
    pack: ClassVar[str] = "builtin"
    origin: ClassVar[str] = ""
    any_language: ClassVar[bool] = False
    """True for rules that read only what the parser finds in any language (the greeting,
    the sign-off, placeholders, numbers): they also check drafts in the languages of
    ``rules/<lang>/``. Other rules check English only."""
    languages: ClassVar[frozenset[str]] = frozenset()
    """Set for the rules of a language's own pack (``rules/<lang>/<pack>/``, whose
    ``pack.yml`` names the ``language``): they check drafts in those languages only."""
    opt_in: ClassVar[bool] = False
    """True for rules too often wrong on unseen drafts to run by default: only their code,
    their name or the ``strict`` preset selects them."""
    fixable: ClassVar[Applicability | None] = None
    """Set when the rule's suggestions are replacements for the flagged span: a hit with
    exactly one becomes a fix of this applicability (see :mod:`cscomm.fixes`)."""

    @property
    def reads_background(self) -> bool:
        """Whether the rule reads what is computed beside the parse (grammar matches,
        readability figures): the engine runs it once that work is done."""
        return self.needs_grammar

    def check(self, ctx: Context) -> Iterator[Hit]:
        raise NotImplementedError

    def settings_for(self, kind: DocKind, overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Options in force for a document kind: defaults < profile < user config."""
        settings = {"enabled": True, **self.options, **self.profiles.get(kind.value, {})}
        settings.update(overrides or {})
        return settings

    @classmethod
    def describe(cls) -> dict[str, Any]:
        """Metadata for ``cscomm rules`` and the rule reference."""
        return {
            "code": cls.code,
            "name": cls.name,
            "category": str(cls.category),
            "severity": str(cls.severity),
            "pack": cls.pack,
            "default": not cls.opt_in,
            "any_language": cls.any_language,
            "languages": sorted(cls.languages),
            "message": cls.message,
            "rationale": cls.rationale,
            "guidelines": list(cls.guidelines),
            "options": dict(cls.options),
            "profiles": {k: dict(v) for k, v in cls.profiles.items()},
            "examples": {"fail": list(cls.examples.fail), "pass": list(cls.examples.pass_)},
        }


class ParseRule(Rule):
    """A rule that reads the dependency parse of the agent's reply (skipped without one)."""

    needs_nlp: ClassVar[bool] = True
    needs_parser: ClassVar[bool] = True

    def check(self, ctx: Context) -> Iterator[Hit]:
        if ctx.analysis.reply is not None:
            yield from self.check_parse(ctx, ctx.analysis.reply)

    def check_parse(self, ctx: Context, reply: Doc) -> Iterator[Hit]:
        raise NotImplementedError


def validate_rule_class(rule: type[Rule], where: str) -> list[str]:
    """Problems with a rule's metadata (empty when it is valid)."""
    problems = []
    if not CODE_PATTERN.match(rule.code):
        problems.append(f"{where}: code {rule.code!r} must be 2-4 capitals and 3 digits")
    if not NAME_PATTERN.match(rule.name):
        problems.append(f"{where}: name {rule.name!r} must be kebab-case")
    if not rule.message:
        problems.append(f"{where}: message is required")
    if not rule.rationale:
        problems.append(f"{where}: rationale is required")
    return problems


Found = TypeVar("Found")


def in_own_prose(
    ctx: Context, find: Callable[[str], Iterable[tuple[int, int, Found]]]
) -> Iterator[tuple[int, int, Found]]:
    """What ``find`` finds in the text of each of the agent's own parts, as offsets into the
    draft."""
    text = ctx.doc.text
    for part in ctx.doc.own_parts:
        at = part.span.start
        for start, end, found in find(text[at : part.span.end]):
            yield at + start, at + end, found


def correction_hit(text: str, start: int, end: int, message: str, corrections: Sequence[str]) -> Hit:
    """A finding that suggests up to three corrections; with only one, an unsafe fix."""
    only = corrections[0] if len(corrections) == 1 else None
    fix = replacement(text, start, end, only, Applicability.UNSAFE) if only else None
    return Hit(Span(start, end), message, suggestions=tuple(corrections[:3]), fix=fix)
