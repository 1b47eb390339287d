"""The detector contract.

A detector is one class per rule code. Its metadata is static (class attributes),
its settings are a frozen dataclass validated against configuration, and its only
behaviour is ``check(unit, ctx)``: text in, issues out, no I/O and no state kept
between calls. That keeps detectors picklable and safe to run in a process pool.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar

from mtqa.document import Document, Segment
from mtqa.issue import Issue, Severity
from mtqa.span import Fix, Span

DOC_SECTIONS = (
    "What it flags",
    "Why it matters",
    "Example",
    "Leaves alone",
    "Fix safety",
    "Settings",
    "Measured precision",
)


class Scope(StrEnum):
    """What a detector looks at: one segment, one whole document, or every document of a run."""

    SEGMENT = "segment"
    DOCUMENT = "document"
    CORPUS = "corpus"


class Stability(StrEnum):
    STABLE = "stable"
    PREVIEW = "preview"


class SettingsError(ValueError):
    """A rule setting that is unknown or of the wrong type; the message names where it came from."""


@dataclass(frozen=True)
class NoSettings:
    """Settings of a rule that has none."""


def build_settings(cls: type, values: Mapping[str, Any], origin: str) -> Any:
    """Validate ``values`` against the dataclass ``cls``: unknown keys and wrong types are errors."""
    fields = {f.name.replace("_", "-"): f for f in dataclasses.fields(cls)}
    hints = typing.get_type_hints(cls)
    kwargs: dict[str, Any] = {}
    for key, value in values.items():
        f = fields.get(key) or fields.get(key.replace("_", "-"))
        if f is None:
            known = ", ".join(sorted(fields)) or "none"
            raise SettingsError(f"{origin}: unknown key {key!r} (known keys: {known})")
        if not _type_matches(value, hints[f.name]):
            raise SettingsError(
                f"{origin}: key {key!r} expects {_type_name(hints[f.name])}, got {type(value).__name__}"
            )
        kwargs[f.name] = tuple(value) if isinstance(value, list) else value
    try:
        return cls(**kwargs)
    except (TypeError, ValueError) as exc:  # a Settings.__post_init__ that rejects a value
        raise SettingsError(f"{origin}: {exc}") from None


def _type_matches(value: Any, hint: Any) -> bool:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_type_matches(value, h) for h in typing.get_args(hint))
    if origin is tuple:
        args = typing.get_args(hint)
        return isinstance(value, (list, tuple)) and all(_type_matches(v, args[0]) for v in value)
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is type(None):
        return value is None
    return isinstance(value, hint)


def _type_name(hint: Any) -> str:
    return getattr(hint, "__name__", str(hint))


@dataclass(frozen=True)
class Context:
    """What a detector may know besides the unit it checks: the document and the run's settings.

    ``settings`` is the detector's own validated Settings instance; ``lexicon`` the
    word lists (shipped defaults extended by configuration); ``corpus`` the merged
    map-reduce data of corpus-scoped rules, when the run has several documents.
    """

    document: Document
    settings: Any
    lexicon: Any
    corpus: Mapping[str, Any] = dataclasses.field(default_factory=dict)


class Detector:
    """Base class of every rule. Subclasses set the metadata and implement ``check``."""

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    category: ClassVar[str]
    mqm: ClassVar[str] = ""
    scope: ClassVar[Scope] = Scope.SEGMENT
    languages: ClassVar[tuple[str, ...]] = ("en",)
    fixable: ClassVar[bool] = False
    stability: ClassVar[Stability] = Stability.STABLE
    #: A house-style rule (the newsroom's preferred spellings and banned terms) rather than a
    #: translation artefact: reported at ``info`` by default and shown apart as a style suggestion.
    house_style: ClassVar[bool] = False
    Settings: ClassVar[type] = NoSettings

    def check(self, unit: Segment | Document, ctx: Context) -> Iterable[Issue]:
        raise NotImplementedError

    def candidates(self, document: Document, ctx: Context) -> Sequence[Segment] | None:
        """The segments of ``document`` that ``check`` may flag, in document order; None for all.

        A segment rule whose issues need a mark that few paragraphs hold (a digit, two capitals
        glued, a doubled comma) can find those paragraphs with one search over the document
        (see ``mtqa.detectors.memo.segments_with``), so that the engine calls ``check`` on
        them only. It must never leave out a segment that ``check`` would flag: ``check`` still
        runs its own tests on each segment it is given, and gives the same issues either way.
        """
        return None

    def issue(
        self,
        ctx: Context,
        span: Span,
        message: str,
        *,
        segment: Segment | None = None,
        fix: Fix | None = None,
        alternatives: tuple[Fix, ...] = (),
        related: tuple[Span, ...] = (),
        confidence: float | None = None,
        data: dict[str, Any] | None = None,
    ) -> Issue:
        """Build an Issue of this rule for a span given in document coordinates."""
        return Issue(
            code=self.code,
            name=self.name,
            message=message,
            span=span,
            text=span.slice(ctx.document.text),
            severity=self.severity,
            category=self.category,
            mqm=self.mqm,
            document=ctx.document.id,
            segment=segment.index if segment is not None else None,
            fix=fix,
            alternatives=alternatives,
            related=related,
            confidence=confidence,
            data=data or {},
        )

    @classmethod
    def documentation(cls) -> str:
        """The rule's documentation: its class docstring, dedented."""
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def doc_sections(cls) -> dict[str, str]:
        """Split the documentation into its named sections (``Name:`` on a line of its own)."""
        sections: dict[str, str] = {}
        current = "summary"
        lines: list[str] = []
        for line in cls.documentation().splitlines():
            head = line.rstrip(":")
            if line.endswith(":") and head in DOC_SECTIONS:
                sections[current] = "\n".join(lines).strip()
                current, lines = head, []
            else:
                lines.append(line)
        sections[current] = "\n".join(lines).strip()
        return sections


class CorpusDetector(Detector):
    """Base class of corpus-scoped rules (a name spelled two ways across a feed): map, reduce, check.

    A run calls ``collect(document, ctx)`` once for every document (map, in any process),
    ``merge(parts)`` on what was collected (reduce), then ``check(document, ctx)`` on every
    document with the merged data in ``ctx.corpus[self.code]``. Runs split the reduce:
    a process pool merges each batch in its worker and the batch results in the parent, a
    Dask cluster merges partitions in a tree. So that every run gives the same result:

    - ``collect`` returns small, picklable data (names and counts, never the text);
    - ``merge`` accepts its own results as parts, handles an empty list, and is associative
      over parts given in document order: ``merge([merge(a), merge(b)]) == merge(a + b)``;
    - ``check`` depends only on the document, its settings and the merged data.

    Once the last merge is done, ``finish(merged, settings, lexicon)`` may drop what ``check``
    can never use (merging must keep everything: a part may still find its partner in a later
    part), so that the data every checking process holds is small. It is called once per run
    by the code that runs pass 2, must give the same issues, and must be idempotent.
    """

    scope: ClassVar[Scope] = Scope.CORPUS

    def collect(self, document: Document, ctx: Context) -> Any:
        raise NotImplementedError

    def merge(self, parts: Sequence[Any]) -> Any:
        raise NotImplementedError

    def merge_into(self, total: Any, part: Any) -> Any:
        """``merge([total, part])``; a rule may update ``total`` in place and return it, so that
        the parent of a run merges each group of batch results at the cost of the group."""
        return self.merge([total, part])

    def finish(self, merged: Any, settings: Any = None, lexicon: Any = None) -> Any:
        """The run's merged data as ``check`` needs it, for the run's settings of this rule and
        word lists (by default, unchanged)."""
        return merged


def segment_span(segment: Segment, start: int, end: int) -> Span:
    """Lift a ``[start, end)`` range inside a segment's text into document coordinates."""
    return Span(segment.span.start + start, segment.span.start + end)
