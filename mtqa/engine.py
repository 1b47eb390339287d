"""The engine: runs the selected detectors over documents, by scope.

Segment rules see one segment at a time, document rules the whole document, and
corpus rules run as map-reduce: ``collect`` per document, ``merge`` across the run,
then ``check`` each document with the merged data in ``Context.corpus``. That is the
shape that lets the same detectors run in a process pool or on a cluster.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from mtqa.detectors.base import Context, Detector, Scope, build_settings
from mtqa.document import Document
from mtqa.issue import Issue, Severity
from mtqa.language_id import detect_language, is_auto
from mtqa.languages import base_code
from mtqa.lexicon import Lexicon, Preference
from mtqa.metrics import report_scores
from mtqa.report.model import InputError, Report, RunSignature
from mtqa.rules import Selection


@dataclass(frozen=True)
class RunOptions:
    """What decides which rules run and how: selection, per-rule settings, severities, word lists."""

    selection: Selection = field(default_factory=Selection)
    rule_settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    severity_overrides: dict[str, Severity] = field(default_factory=dict)
    accept: tuple[str, ...] = ()
    #: ``[prefer]`` entries over the shipped preferred spellings, and ``reject`` terms (N201).
    prefer: tuple[Preference, ...] = ()
    reject: tuple[str, ...] = ()
    origin: str = "configuration"
    #: The target language of documents that do not say theirs (``Document.language`` "auto"):
    #: a code, or "auto" to find each one's from its text.
    language: str = "auto"
    #: An optional model corrector (``mtqa.corrector.Corrector``): when set and rule M101 is
    #: selected, the model proposes rewrites of the flagged sentences (see ``Engine._model``).
    corrector: Any = field(default=None, compare=False)

    def signature_config(self) -> dict[str, Any]:
        return {
            "select": list(self.selection.select),
            "ignore": list(self.selection.ignore),
            "preview": self.selection.preview,
            "rules": self.rule_settings,
            "severity": {k: v.value for k, v in self.severity_overrides.items()},
            "accept": sorted(self.accept),
            **({"prefer": [p.to_dict() for p in self.prefer]} if self.prefer else {}),
            **({"reject": sorted(self.reject)} if self.reject else {}),
        }


@dataclass(frozen=True)
class PreparedRule:
    """A detector instance with its validated settings and effective severity."""

    detector: Detector
    settings: Any
    severity: Severity

    def speaks(self, language: str) -> bool:
        """Whether the rule checks documents in ``language`` (its ``languages``, ``*`` for all)."""
        languages = self.detector.languages
        return "*" in languages or base_code(language) in languages


def with_language(document: Document, language: str = "auto") -> Document:
    """``document`` with its target language settled when it says 'auto' (a Document built by
    hand, by the API or by an evaluation; documents read from files are settled by the reader):
    ``language`` when that is a code, else the language found from the document's text."""
    if not is_auto(document.language):
        return document
    found = detect_language(document.text) if is_auto(language) else language
    return document.with_languages(found, document.source_language)


class Engine:
    """Prepared once per run: rules instantiated, settings validated, lexicon loaded."""

    def __init__(self, options: RunOptions | None = None) -> None:
        self.options = options or RunOptions()
        self.lexicon = Lexicon.default(self.options.accept, self.options.prefer, self.options.reject)
        self.rules = tuple(self._prepare(cls) for cls in self.options.selection.rules())
        self._checker: Engine | None = None  # this run without the model: see _model

    def _prepare(self, cls: type[Detector]) -> PreparedRule:
        values = self.options.rule_settings.get(cls.name) or self.options.rule_settings.get(cls.code) or {}
        settings = build_settings(cls.Settings, values, f"{self.options.origin}: [rules.{cls.name}]")
        severity = (
            self.options.severity_overrides.get(cls.code)
            or self.options.severity_overrides.get(cls.name)
            or cls.severity
        )
        return PreparedRule(cls(), settings, severity)

    @property
    def signature(self) -> RunSignature:
        corrector = self.options.corrector
        return RunSignature.create(
            [r.detector.code for r in self.rules],
            self.options.signature_config(),
            corrector.model_id if corrector is not None else None,
        )

    def check_documents(self, documents: Sequence[Document], errors: Iterable[InputError] = ()) -> Report:
        documents = [with_language(doc, self.options.language) for doc in documents]
        corpus = self.finish_corpus(self.collect_corpus(documents))
        issues: list[Issue] = []
        for doc in documents:
            issues.extend(self.check_document(doc, corpus))
        return Report(tuple(documents), tuple(issues), self.signature, tuple(errors), report_scores(documents))

    def collect_corpus(self, documents: Sequence[Document]) -> dict[str, Any]:
        """The reduce step of corpus rules: each rule's per-document data merged over the run."""
        merged: dict[str, Any] = {}
        corpus_rules = [rule for rule in self.rules if rule.detector.scope is Scope.CORPUS]
        if corpus_rules:
            documents = [with_language(doc, self.options.language) for doc in documents]  # once, not per rule
        for rule in corpus_rules:
            det: Any = rule.detector
            parts = [det.collect(doc, self._context(doc, rule)) for doc in documents if rule.speaks(doc.language)]
            merged[det.code] = det.merge(parts)
        return merged

    def finish_corpus(self, merged: dict[str, Any]) -> dict[str, Any]:
        """The run's merged corpus data, each rule's ``finish`` applied: what pass 2 hands to ``check``."""
        finished = dict(merged)
        for rule in self.rules:
            det: Any = rule.detector
            if det.scope is Scope.CORPUS and det.code in merged:
                finished[det.code] = det.finish(merged[det.code], rule.settings, self.lexicon)
        return finished

    def check_document(self, document: Document, corpus: dict[str, Any] | None = None) -> list[Issue]:
        """Every issue of the selected rules in one document, sorted by position."""
        document = with_language(document, self.options.language)
        found: list[Issue] = []
        for rule in self.rules:
            if not rule.speaks(document.language):
                continue  # a rule that knows nothing of this language must stay silent in it
            ctx = self._context(document, rule, corpus or {})
            det = rule.detector
            if det.scope is Scope.SEGMENT:
                segments = det.candidates(document, ctx)
                if segments is None:
                    segments = document.segments
                raw = [i for seg in segments for i in det.check(seg, ctx)]
            else:
                raw = list(det.check(document, ctx))
            if rule.severity is not det.severity:
                raw = [_with_severity(i, rule.severity) for i in raw]
            found.extend(raw)
        issues = sorted(_dedupe(found), key=lambda i: i.sort_key)
        if self.options.corrector is not None:
            issues = self._model(document, issues, corpus or {})
        return issues

    def _model(self, document: Document, issues: list[Issue], corpus: dict[str, Any]) -> list[Issue]:
        """Rule M101, run last: the corrector rewrites the sentences the other rules flagged.

        The model's proposals are re-checked by this run's rules without the model (or by
        the default rules when M101 is selected alone), which also find the sentences to send.
        """
        rule = next((r for r in self.rules if r.detector.code == "M101"), None)
        if rule is None:
            return issues
        checker = self._checker
        if checker is None:
            selection = self.options.selection
            without = replace(selection, ignore=(*selection.ignore, "M101"))
            if not any(cls.code != "M101" for cls in without.rules()):
                without = Selection(ignore=("M101",), preview=selection.preview)
            checker = self._checker = Engine(replace(self.options, selection=without, corrector=None))
        found = issues if len(checker.rules) + 1 == len(self.rules) else checker.check_document(document, corpus)
        extra = self.options.corrector.issues(
            rule.detector,
            document,
            found,
            self._context(document, rule, corpus),
            lambda doc: checker.check_document(doc, corpus),
        )
        if rule.severity is not rule.detector.severity:
            extra = [_with_severity(i, rule.severity) for i in extra]
        return sorted([*issues, *extra], key=lambda i: i.sort_key)

    def _context(self, document: Document, rule: PreparedRule, corpus: dict[str, Any] | None = None) -> Context:
        return _new_context(document, rule.settings, self.lexicon, corpus or {})


def _new_context(document: Document, settings: Any, lexicon: Lexicon, corpus: dict[str, Any]) -> Context:
    """``Context(document, settings, lexicon, corpus)``, built without the frozen dataclass's
    ``__init__`` (a ``object.__setattr__`` a field): a run builds one for every rule and document,
    and a page of a few paragraphs costs about as much in contexts as in some rules."""
    ctx = object.__new__(Context)
    ctx.__dict__.update(document=document, settings=settings, lexicon=lexicon, corpus=corpus)
    return ctx


def _with_severity(issue: Issue, severity: Severity) -> Issue:
    return replace(issue, severity=severity)


def _dedupe(issues: list[Issue]) -> list[Issue]:
    seen: set[tuple[str, int, int]] = set()
    out = []
    for issue in issues:
        key = (issue.code, issue.span.start, issue.span.end)
        if key not in seen:
            seen.add(key)
            out.append(issue)
    return out
