"""What every evaluation shares: the rule set of a run, word counts, gold types → rules, overlap."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from mtqa.detectors.base import Detector, Stability
from mtqa.document import Document
from mtqa.engine import Engine, RunOptions
from mtqa.issue import Issue
from mtqa.rules import Selection, UnknownRuleError, matches, resolve
from mtqa.span import Span

#: Gold annotation type -> the rule codes that may claim a span of that type (the first is the main one).
#: A gold entry may name its own rules with a ``rules`` list; a type that is itself a rule code or
#: name ("W101", "merged-tokens") maps to that rule.
TYPE_RULES: dict[str, tuple[str, ...]] = {
    "merged_token": ("W101", "W105"),
    "comma_capital": ("C101", "C102"),
    "stray_capital": ("C102", "C101", "C103"),
    "translit_inconsistency": ("N101", "N102"),
    "double_punct": ("P101", "P102", "P301"),
    "boilerplate": ("B101", "B102", "B103", "B104", "B105"),
    "spacing": ("W102", "W103", "W104", "W106", "W107", "W108", "W109"),
    "fragment": ("F101",),
    "quote": ("P301", "P201", "P203", "P204", "P205", "P206", "P207"),
    "preferred_spelling": ("N201",),
    "fluency": ("M101",),
    "missing_space": ("W103",),
    "space_before_punct": ("W104",),
    "duplicated_run": ("W105",),
    "stray_punct": ("P102", "P101"),
    "repeated_word": ("R101",),
    "encoding": ("E101", "E102"),
    "untranslated": ("L101", "L102", "L103"),
}

#: Rule families that a negative span is judged against by default: every family but the
#: model's rewrites (M), whose fluency changes are judged by people, not by span overlap.
NEGATIVE_EXEMPT_FAMILIES: tuple[str, ...] = ("M",)


@dataclass(frozen=True)
class RuleInfo:
    """The rule metadata a result needs to print: code, name, stability, MQM category."""

    code: str
    name: str
    stable: bool
    mqm: str

    @classmethod
    def of(cls, rule: type[Detector]) -> RuleInfo:
        return cls(rule.code, rule.name, rule.stability is Stability.STABLE, rule.mqm or "")

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}" + ("" if self.stable else " (preview)")

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "stable": self.stable, "mqm": self.mqm}


def make_engine(
    select: Sequence[str] = ("ALL",),
    ignore: Sequence[str] = (),
    preview: bool = False,
    options: RunOptions | None = None,
) -> Engine:
    """An engine for an evaluation run: the given selection (or full ``options`` from a config)."""
    if options is not None:
        return Engine(options)
    return Engine(RunOptions(selection=Selection(tuple(select) or ("ALL",), tuple(ignore), preview)))


def rule_infos(engine: Engine) -> tuple[RuleInfo, ...]:
    return tuple(RuleInfo.of(type(r.detector)) for r in engine.rules)


def words(text: str) -> int:
    """Words are whitespace-separated tokens."""
    return len(text.split())


def per_thousand(count: int, n_words: int) -> float | None:
    return 1000.0 * count / n_words if n_words else None


def check_alone(engine: Engine, document: Document) -> list[Issue]:
    """The issues of one document checked on its own (corpus rules see only this document)."""
    return engine.check_document(document, engine.finish_corpus(engine.collect_corpus([document])))


def rules_for_type(kind: str, explicit: Iterable[str] | None = None) -> tuple[str, ...] | None:
    """The codes that may claim a gold span of ``kind``; None means any rule may."""
    if explicit:
        codes = []
        for key in explicit:
            try:
                codes.append(resolve(key).code)
            except UnknownRuleError:
                codes.append(key.upper())
        return tuple(codes)
    if kind in TYPE_RULES:
        return TYPE_RULES[kind]
    try:
        return (resolve(kind).code,)
    except UnknownRuleError:
        return None


def claims(issue: Issue, codes: tuple[str, ...] | None) -> bool:
    return codes is None or issue.code in codes


def judged_on_negative(issue: Issue, selectors: Sequence[str] | None) -> bool:
    """Whether a flag on a negative span counts against its rule."""
    if selectors:
        try:
            rule = resolve(issue.code)
        except UnknownRuleError:
            return issue.code in selectors
        return any(matches(rule, s) for s in selectors)
    return not issue.code.startswith(NEGATIVE_EXEMPT_FAMILIES)


def overlapping(span: Span, issues: Iterable[Issue]) -> list[Issue]:
    return [i for i in issues if i.span.overlaps(span)]


@dataclass(frozen=True)
class FlagRecord:
    """One flag of an evaluation run, kept for the ``--details`` listing (outside gold, on clean text)."""

    code: str
    file: str
    start: int
    end: int
    text: str
    message: str

    @classmethod
    def of(cls, issue: Issue, file: str) -> FlagRecord:
        return cls(issue.code, file, issue.span.start, issue.span.end, issue.text, issue.message)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)
