"""The linter: select rules, parse each draft once, run the rules, build findings."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from typing import Any

from cscomm.analysis import Analysis
from cscomm.backends.base import BackendMatch
from cscomm.blas import one_blas_thread
from cscomm.checks.base import Context, Hit, Rule
from cscomm.config import Config
from cscomm.document import DocKind, Document, PartKind, Span
from cscomm.draft import Draft
from cscomm.errors import BackendError, BackendUnavailable, ConfigError
from cscomm.findings import Category, Finding, Severity
from cscomm.fixes import Applicability, offered
from cscomm.grammar import GrammarChecker, build_grammar_checker
from cscomm.language import english_sentences, identify, language_name
from cscomm.language_packs import language_packs
from cscomm.limits import not_prose_notice
from cscomm.links import rule_url
from cscomm.nlp import Pipeline, for_parser, load_pipeline, parse_in_pieces
from cscomm.parse_cache import ParseCache
from cscomm.parsing import parse
from cscomm.per_doc import parsed_from
from cscomm.readability import Figures
from cscomm.registry import Registry
from cscomm.report import FileReport
from cscomm.selection import did_you_mean, is_selected, no_rule_matches, unknown_selectors
from cscomm.span_index import Nesting, Overlaps
from cscomm.suppression import for_path, silence
from cscomm.unicode_text import check_unicode

log = logging.getLogger(__name__)
RULE_CRASHED = ("CS900", "rule-crashed")
BACKEND_UNAVAILABLE = "CS901 backend-unavailable"
WARM_UP_DRAFT = (
    "Hi Sam,\n\nThanks for your message. Your refund of £20 for order AB-1234 will reach your "
    "card by Friday 13 March. Please reply with a photo of the label.\n\nKind regards,\nAna\n\n"
    "On Mon, 9 Mar 2026, Sam <sam@example.com> wrote:\n> When will my refund arrive? I'm fed up.\n"
)
Background = tuple[list[BackendMatch] | None, list[str], Figures | None]
NOT_ENGLISH = "CS902 not-english"
PARTLY_CHECKED = "CS904 partly-checked"
CUSTOMER_PARSES_KEPT = 16
"""Customer messages whose parse a linter keeps (see :mod:`cscomm.parse_cache`)."""
DRAFTS_IN_MEMORY = 16
"""Drafts whose parses are held at once: many drafts are checked this many at a time, so
memory does not grow with their number (an audit's partition, a folder of files)."""


class Linter:
    """Checks drafts with one configuration; loads the NLP model once, on first need."""

    def __init__(
        self, config: Config | None = None, *, registry: Registry | None = None, backend_process: bool = True
    ) -> None:
        """With ``backend_process`` (the default) the grammar backend starts at once in a
        helper process, so its start-up overlaps the model load and each check overlaps
        the parse; ``False`` keeps it in this process."""
        self.config = config or Config()
        self.registry = registry or Registry.build(self.config.packs)
        self.rules: tuple[Rule, ...] = tuple(
            cls() for cls in self.registry.rules if is_selected(cls, self.config.select, self.config.ignore)
        )
        self._validate_config()
        self._active_by_kind: dict[DocKind, tuple[tuple[Rule, dict[str, Any]], ...]] = {}
        self._pipeline: Pipeline | None = None
        self._pipeline_lock = threading.Lock()  # also guards the background executor
        self._backend_process = backend_process
        self._executor: tuple[int, ThreadPoolExecutor | None] = (0, None)
        self._grammar: GrammarChecker | None = None
        self._warm = False
        self.customer_parses = ParseCache(CUSTOMER_PARSES_KEPT)
        if backend_process and self.needs_grammar:
            self._grammar = build_grammar_checker(self.config, helper_process=True)

    @property
    def needs_nlp(self) -> bool:
        return any(rule.needs_nlp for rule in self.rules)

    @property
    def needs_grammar(self) -> bool:
        return self.config.backend != "none" and any(rule.needs_grammar for rule in self.rules)

    @property
    def grammar(self) -> GrammarChecker:
        """The grammar checker, built on first use."""
        if self._grammar is None:
            self._grammar = build_grammar_checker(self.config, helper_process=self._backend_process)
        return self._grammar

    @property
    def pipeline(self) -> Pipeline:
        """The spaCy pipeline, loaded on first use (thread-safe)."""
        with self._pipeline_lock:
            if self._pipeline is None:
                self._pipeline = load_pipeline(self.config.model)
            return self._pipeline

    def use_backend_in_process(self) -> None:
        """Build the grammar backend in this process from now on (before forking workers,
        which must not share this process's helper)."""
        if self._backend_process:
            self._backend_process = False
            self._grammar = None
            self._warm = False

    def warm_up(self) -> None:
        """Pay every one-time cost now (models, dictionaries, lazy imports), not on the
        first real draft: checks a built-in sample draft (once, until the backend moves)."""
        if self._warm:
            return
        if self.needs_grammar:
            self.grammar.warm_up()
        self.check(WARM_UP_DRAFT)
        self._warm = True

    def check(
        self, text: str, *, path: str = "<text>", incoming: str | None = None, kind: DocKind | None = None
    ) -> FileReport:
        """Check one draft."""
        return self.check_many([Draft(text, path, incoming, kind)])[0]

    def check_many(self, drafts: Iterable[Draft], *, batch_size: int = 16) -> list[FileReport]:
        """Check many drafts, parsing them in batches with ``nlp.pipe``.

        Raises:
            InputError: a draft or its customer's message holds a lone surrogate.
        """
        drafts = list(drafts)
        for draft in drafts:
            check_unicode(draft.text, draft.path)
            check_unicode(draft.incoming or "", draft.path, "customer's message")
        reports: list[FileReport] = []
        for start in range(0, len(drafts), DRAFTS_IN_MEMORY):
            reports.extend(self._check_group(drafts[start : start + DRAFTS_IN_MEMORY], batch_size))
        return reports

    def _check_group(self, drafts: Sequence[Draft], batch_size: int) -> list[FileReport]:
        docs = [
            parse(
                d.text, path=d.path, kind=d.kind or self.config.kind, incoming=d.incoming, envelope=d.envelope
            )
            for d in drafts
        ]
        background = [self._helper_thread().submit(self._background, doc) for doc in docs]
        analyses = self._analyse(docs, batch_size)
        return [
            self._finish(self._check_document(doc, analysis, draft.notices, pending), draft)
            for doc, analysis, draft, pending in zip(docs, analyses, drafts, background, strict=True)
        ]

    def _finish(self, report: FileReport, draft: Draft) -> FileReport:
        """The report placed in the file as written (a template's prose was checked), less
        what the configuration's per-file ignores and the draft's own suppressions silence,
        each finding with its rule's documentation URL."""
        if draft.source_map is not None:
            report = draft.source_map.place(report)
        suppressions = (*for_path(self.config.per_file_ignores, draft.path), *draft.suppressions)
        report = silence(
            report, suppressions, self.registry.rules, report_unused=self.config.report_unused_ignores
        )
        docs = self.config.docs_url
        return replace(
            report, findings=tuple(replace(f, url=rule_url(docs, f.code, f.name)) for f in report.findings)
        )

    def _helper_thread(self) -> ThreadPoolExecutor:
        """This linter's thread that waits on the grammar backend off the GIL (a forked
        worker starts its own: threads do not survive a fork)."""
        with self._pipeline_lock:
            pid, executor = self._executor
            if executor is None or pid != os.getpid():
                executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cscomm-background")
                self._executor = (os.getpid(), executor)
            return executor

    def _analyse(self, docs: Sequence[Document], batch_size: int) -> Iterator[Analysis]:
        if not any(self._needs_nlp(doc) for doc in docs):
            yield from (Analysis(doc) for doc in docs)
            return
        from cscomm.conversation.questions import own_message  # needs spaCy, loaded by now

        pipeline = self.pipeline
        customers = [  # a thread's older, nested mail is not parsed: no rule reads it
            own_message(doc.customer.text) if doc.customer and self._needs_customer(doc) else None
            for doc in docs
        ]
        known = {  # the customer messages already parsed, by text
            text: cached
            for text in customers
            if text is not None and (cached := self.customer_parses.get(text)) is not None
        }
        texts: list[str] = []  # one stream: each reply, then its customer message if not parsed yet
        queued: set[str] = set()
        for doc, customer_text in zip(docs, customers, strict=True):
            texts.append(for_parser(doc.masked_text()))
            if customer_text is not None and customer_text not in known and customer_text not in queued:
                queued.add(customer_text)
                texts.append(for_parser(customer_text))
        with one_blas_thread():  # while the drafts are parsed and checked
            parsed = parse_in_pieces(pipeline.nlp, texts, batch_size)
            for doc, customer_text in zip(docs, customers, strict=True):
                reply = parsed_from(next(parsed), for_parser(doc.masked_text()))
                customer = None
                if customer_text is not None:
                    if customer_text not in known:
                        known[customer_text] = parsed_from(next(parsed), for_parser(customer_text))
                        self.customer_parses.put(customer_text, known[customer_text])
                    customer = known[customer_text]
                yield Analysis(doc, reply=reply, customer=customer, pipeline=pipeline)

    def _needs_nlp(self, doc: Document) -> bool:
        return any(rule.needs_nlp for rule, _ in self._active(doc.kind))

    def _needs_customer(self, doc: Document) -> bool:
        return any(rule.needs_customer for rule, _ in self._active(doc.kind))

    def _active(self, kind: DocKind) -> tuple[tuple[Rule, dict[str, Any]], ...]:
        """The rules enabled for ``kind`` with their options (fixed per linter, so cached)."""
        if kind not in self._active_by_kind:
            active = []
            for rule in self.rules:
                settings = rule.settings_for(kind, self._user_options(rule))
                if settings.pop("enabled"):
                    active.append((rule, settings))
            self._active_by_kind[kind] = tuple(active)
        return self._active_by_kind[kind]

    def _own_spelling(self, language: str, active: tuple[tuple[Rule, dict[str, Any]], ...]) -> str:
        """What of a pack language's own spelling and grammar was checked, for its notice."""
        if self._own_language_checker(language):
            return "its own language's spelling and grammar by LanguageTool"
        pack = language_packs()[language]
        checked = [
            what
            for what, present in (
                ("its tone marks by a word list", pack.tone_marks),
                ("its accents by a word list", pack.accents),
                ("common slips by the pack's grammar rules", any(r.languages for r, _ in active)),
            )
            if present
        ]
        if not checked:
            return "not its own language's spelling or grammar"
        return f"{', '.join(checked)}, not the rest of its own language's spelling or grammar"

    def _user_options(self, rule: Rule) -> dict[str, Any]:
        return {**self.config.rules.get(rule.code, {}), **self.config.rules.get(rule.name, {})}

    def _check_document(
        self, doc: Document, analysis: Analysis, notices: tuple[str, ...], background: Future[Background]
    ) -> FileReport:
        """Run the active rules: first those that need only the parse, then, once the
        background work is done, those that read it (so the rules overlap that work)."""
        notes = list(notices)
        if doc.skipped:
            notes.append(not_prose_notice(doc))
        pipeline = analysis.pipeline
        if pipeline is not None and pipeline.notice:
            notes.append(pipeline.notice)
        active = self._active(doc.kind)
        language = self._other_language(doc)
        if language in language_packs():
            analysis.language = language
            active = tuple((r, o) for r, o in active if r.any_language and _checks(r, language))
            notes.append(
                f"{PARTLY_CHECKED}: the draft looks {language_name(language)}; its courtesy, tone, "
                "questions, shouting, placeholders, secrets and the spelling of its English sentences "
                f"were checked by the language pack's forms, {self._own_spelling(language, active)}"
            )
        elif language is not None:
            notes.append(
                f"{NOT_ENGLISH}: the draft looks {language_name(language)}, not English or a language "
                f"with a pack ({', '.join(sorted(language_packs()))}); it was not checked"
            )
            active = ()
        else:
            active = tuple((r, o) for r, o in active if _checks(r, "en"))
        runnable = [(r, o) for r, o in active if not (r.needs_parser and not analysis.has_parser)]
        findings = self._run(doc, analysis, [(r, o) for r, o in runnable if not r.reads_background])
        analysis.grammar, background_notes, analysis.body_figures = background.result()
        notes.extend(background_notes)
        if self._grammar is not None:
            analysis.grammar_backend = self._grammar.backend.name
        findings += self._run(doc, analysis, [(r, o) for r, o in runnable if r.reads_background])
        findings = _drop_backend_duplicates(findings, {r.code for r, _ in active if r.needs_grammar})
        findings = _drop_repeated_corrections(findings)
        return FileReport(
            path=doc.path or "<text>",
            kind=doc.kind.value,
            findings=tuple(sorted(dict.fromkeys(findings), key=lambda f: f.sort_key)),  # ties keep rule order
            metrics=_metrics(doc, analysis),
            notices=tuple(dict.fromkeys(notes)),
            text=doc.text,
        )

    def _run(
        self, doc: Document, analysis: Analysis, rules: Sequence[tuple[Rule, dict[str, Any]]]
    ) -> list[Finding]:
        findings: list[Finding] = []
        for rule, options in rules:
            try:
                hits = list(rule.check(Context(doc, analysis, options)))
            except Exception as exc:  # a rule's bug must not stop the other rules
                log.debug("rule %s crashed", rule.code, exc_info=True)
                findings.append(_crash_finding(doc, rule, exc))
                continue
            findings.extend(self._finding(doc, rule, hit) for hit in hits)
        return findings

    def _other_language(self, doc: Document) -> str | None:
        """The draft's language when it is not English (and English is configured), else None."""
        if not self.config.language.startswith("en"):
            return None
        language = identify(doc.body_text)
        return None if language in (None, "en") else language

    def _own_language_checker(self, language: str | None) -> str | None:
        """LanguageTool's tag for a pack language it checks ("pt-BR"), when LanguageTool is
        the backend: the whole draft is then checked in its own language."""
        pack = language_packs().get(language) if language else None
        if pack is None or not pack.languagetool or self.config.backend != "languagetool":
            return None
        return pack.languagetool

    def _background(self, doc: Document) -> Background:
        """Work done beside the parse: the backend's matches (or ``None``) and notices,
        and, from a backend helper process, the body's readability figures."""
        wanted = any(rule.needs_grammar for rule, _ in self._active(doc.kind))
        language = self._other_language(doc)
        own = self._own_language_checker(language)
        only = english_sentences(doc.masked_text()) if language in language_packs() and not own else None
        if self.config.backend == "none" or not wanted or (language is not None and not only and not own):
            return None, [], None
        grammar = self.grammar
        try:
            reason = grammar.backend.available()
            if reason is not None:
                raise BackendUnavailable(reason)
            mixed_with = language_packs()[language].wordfreq if language and not own else ""
            matches = grammar.matches(doc, only, mixed_with, language=own)
            helper_figures = getattr(grammar.backend, "figures", None)
            return matches, [], helper_figures(doc.body_text) if helper_figures else None
        except BackendError as exc:
            if self.config.strict:
                raise
            notice = (
                f"{BACKEND_UNAVAILABLE}: grammar backend {grammar.backend.name!r} failed "
                f"({exc}); spelling and grammar were not checked"
            )
            return None, [notice], None

    def _finding(self, doc: Document, rule: Rule, hit: Hit) -> Finding:
        severity = self.config.severity.get(rule.code) or self.config.severity.get(rule.name)
        return make_finding(
            doc,
            rule.code,
            rule.name,
            rule.category,
            Severity.SUGGESTION if hit.unsure else severity or rule.severity,
            hit.message or rule.message.format(match=doc.text_of(hit.span)),
            hit,
            origin=hit.origin,
            fixable=rule.fixable,
        )

    def _validate_config(self) -> None:
        source = self.config.source or "configuration"
        all_rules = self.registry.rules
        for key in ("select", "ignore"):
            unknown = unknown_selectors(getattr(self.config, key), all_rules)
            if unknown:
                raise ConfigError(f"{source}: {key}: {no_rule_matches(unknown[0], all_rules)}")
        for glob, chosen in self.config.per_file_ignores.items():
            unknown = unknown_selectors(chosen, all_rules)
            if unknown:
                raise ConfigError(
                    f"{source}: per-file-ignores.{glob}: {no_rule_matches(unknown[0], all_rules)}"
                )
        for identifier, options in self.config.rules.items():
            rule = self.registry.get(identifier)
            if rule is None:
                raise ConfigError(f"{source}: rules: no rule named {identifier!r}{self._nearest(identifier)}")
            allowed = {"enabled", *rule.options}
            for key, value in options.items():
                if key not in allowed:
                    raise ConfigError(
                        f"{source}: rules.{identifier}: unknown option {key!r} "
                        f"(options: {', '.join(sorted(allowed))})"
                    )
                wanted = _option_type(rule.options.get(key, True))
                if wanted is not None and not _is_a(value, wanted):
                    raise ConfigError(
                        f"{source}: rules.{identifier}.{key}: must be {_TYPE_NAMES[wanted]}, not {value!r}"
                    )
        for identifier in self.config.severity:
            if self.registry.get(identifier) is None:
                raise ConfigError(
                    f"{source}: severity: no rule named {identifier!r}{self._nearest(identifier)}"
                )

    def _nearest(self, identifier: str) -> str:
        """A hint naming the rule code or name nearest ``identifier``, if one is close."""
        return did_you_mean(identifier, (i for r in self.registry.rules for i in (r.code, r.name)))


_TYPE_NAMES = {bool: "true or false", float: "a number", str: "a string", list: "a list", dict: "a table"}


def _option_type(default: Any) -> type | None:
    """The type a rule option must have, from its default (``None``: any)."""
    kinds: tuple[tuple[type, Any], ...] = (
        (bool, bool),
        (float, int | float),
        (str, str),
        (list, list | tuple),
        (dict, dict),
    )
    return next((wanted for wanted, kind in kinds if isinstance(default, kind)), None)


def _is_a(value: Any, wanted: type) -> bool:
    if wanted is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if wanted is list:
        return isinstance(value, list | tuple)
    return isinstance(value, wanted)


def make_finding(
    doc: Document,
    code: str,
    name: str,
    category: Category,
    severity: Severity,
    message: str,
    hit: Hit,
    origin: str = "",
    fixable: Applicability | None = None,
) -> Finding:
    """A located :class:`Finding` for a span of ``doc``, with the hit's fix (see
    :func:`cscomm.fixes.offered`)."""
    line, column = doc.locate(hit.span.start)
    end_line, end_column = doc.locate(hit.span.end)
    return Finding(
        code=code,
        name=name,
        category=category,
        severity=severity,
        message=message,
        start=hit.span.start,
        end=hit.span.end,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        text=doc.text_of(hit.span),
        suggestions=hit.suggestions,
        origin=origin,
        extra=hit.extra,
        fix=offered(doc, hit.span, hit.suggestions, hit.fix, fixable),
    )


def _drop_backend_duplicates(findings: list[Finding], backend_codes: set[str]) -> list[Finding]:
    """A grammar-backend finding that overlaps a rule-pack finding says the same thing
    less precisely (the pack knows the customer-service error): keep the pack's."""
    precise = Overlaps(
        [
            (f.start, f.end)
            for f in findings
            if f.code not in backend_codes and f.category in (Category.SPELLING, Category.GRAMMAR)
        ]
    )
    return [f for f in findings if f.code not in backend_codes or not precise.hit(f.start, f.end)]


def _drop_repeated_corrections(findings: list[Finding]) -> list[Finding]:
    """Two spelling or grammar findings on the same words, one span inside the other,
    say the same thing (a pack's phrase rule on "your order have" and a parse rule on
    "have"): keep the first rule's."""
    corrections = {
        category: Nesting(f.start for f in findings if f.category == category)
        for category in (Category.SPELLING, Category.GRAMMAR)
    }
    kept: list[Finding] = []
    for finding in findings:
        index = corrections.get(finding.category)
        if index is not None:
            if index.nested(finding.start, finding.end):
                continue
            index.add(finding.start, finding.end)
        kept.append(finding)
    return kept


def _crash_finding(doc: Document, rule: Rule, exc: Exception) -> Finding:
    start = doc.body_start
    return make_finding(
        doc,
        *RULE_CRASHED,
        Category.ENGINE,
        Severity.ERROR,
        f"rule {rule.code} ({rule.name}) crashed: {type(exc).__name__}: {exc}",
        Hit(Span(start, start)),
    )


def _metrics(doc: Document, analysis: Analysis) -> dict[str, Any]:
    figures = analysis.figures(doc.body_text)
    metrics: dict[str, Any] = {
        "words": figures.words,
        "paragraphs": sum(1 for _ in doc.parts_of({PartKind.BODY})),
        "has_customer_message": doc.customer is not None,
    }
    if analysis.reply is not None:
        metrics["sentences"] = len(analysis.sentences())
    if figures.words:
        metrics["grade_level"] = figures.grade_level
        metrics["reading_ease"] = figures.reading_ease
    verdicts = analysis.computed("judgements")
    if verdicts is not None:
        metrics["questions"] = [_verdict(doc, v) for v in verdicts]
    return metrics


def _verdict(doc: Document, verdict: Any) -> dict[str, Any]:
    """One customer question, the verdict, and the reply sentence judged to answer it."""
    answer = None
    if verdict.evidence is not None:  # offsets into the reply parse, which are file offsets
        answer = doc.text[verdict.evidence[0] : verdict.evidence[1]]
    question = verdict.question
    record: dict[str, Any] = {
        "question": " ".join(question.text.split()),
        "form": str(question.form),
        "answer_type": str(question.answer_type),
        "answered": verdict.answered,
        "answer": answer,
        "reason": verdict.reason,
    }
    if verdict.confidence is not None:
        record["confidence"] = round(verdict.confidence if verdict.answered else 1 - verdict.confidence, 2)
    span = doc.customer.source_span(question.start, question.end) if doc.customer else None
    if span is not None:
        record["line"], record["column"] = doc.locate(span.start)
    return record


def _checks(rule: Rule, language: str) -> bool:
    """Whether ``rule`` checks drafts in ``language``: a rule of a language's own pack checks
    that language's drafts only."""
    return not rule.languages or language in rule.languages
