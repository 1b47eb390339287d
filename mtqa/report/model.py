"""The Report: what a run found, on what, and with which rule set.

The run signature (mtqa version, rule set, configuration hash, model id) makes a
result reproducible: two reports with the same signature on the same input must
be identical.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from mtqa.document import Document
from mtqa.issue import Issue, Severity


@cache
def is_house_style_rule(code: str) -> bool:
    """Whether the rule of ``code`` is a house-style rule (``Detector.house_style``); False for
    a code no registered rule has."""
    from mtqa.rules import UnknownRuleError, resolve

    try:
        return bool(getattr(resolve(code), "house_style", False))
    except UnknownRuleError:
        return False


def is_style_suggestion(issue: Issue) -> bool:
    """A house-style flag left at ``info`` (N201's preferred spellings and banned terms).

    Such flags are the newsroom's choices, not artefacts of the translation: reports list
    them apart. A project that raises the rule's severity makes them ordinary issues again.
    """
    return issue.severity is Severity.INFO and is_house_style_rule(issue.code)


@dataclass(frozen=True, slots=True)
class InputError:
    """An input that could not be read (rule X001): the file and where it went wrong."""

    path: str
    message: str
    code: str = "X001"
    name: str = "unreadable-input"
    byte_offset: int | None = None
    line: int | None = None
    column: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "path": self.path,
            "message": self.message,
            "byte_offset": self.byte_offset,
            "line": self.line,
            "column": self.column,
        }


@dataclass(frozen=True, slots=True)
class RunSignature:
    """Everything that decides a run's result besides its input."""

    version: str
    rules: tuple[str, ...]
    config_hash: str
    model: str | None = None

    @classmethod
    def create(cls, rules: Iterable[str], config: dict[str, Any], model: str | None = None) -> RunSignature:
        from mtqa import __version__

        blob = json.dumps(config, sort_keys=True, default=str).encode()
        return cls(__version__, tuple(rules), hashlib.sha256(blob).hexdigest()[:16], model)

    def to_dict(self) -> dict[str, Any]:
        return {
            "mtqa": self.version,
            "rules": list(self.rules),
            "config_hash": self.config_hash,
            "model": self.model,
        }


@dataclass(frozen=True)
class Report:
    """Issues found in a set of documents, the documents themselves, and unreadable inputs."""

    documents: tuple[Document, ...]
    issues: tuple[Issue, ...]
    signature: RunSignature
    errors: tuple[InputError, ...] = ()
    scores: dict[str, Any] = field(default_factory=dict, compare=False)
    #: Issues found but matched by the baseline: left out of ``issues`` (and so of the exit
    #: status and most formats), kept so that SARIF can list them as suppressed.
    suppressed: tuple[Issue, ...] = ()

    def issues_for(self, document_id: str) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.document == document_id)

    def document(self, document_id: str) -> Document:
        for doc in self.documents:
            if doc.id == document_id:
                return doc
        raise KeyError(document_id)

    def artefacts(self) -> tuple[Issue, ...]:
        """The issues that are not style suggestions (see ``is_style_suggestion``)."""
        return tuple(i for i in self.issues if not is_style_suggestion(i))

    def style_suggestions(self) -> tuple[Issue, ...]:
        """House-style flags at ``info``: shown apart from the artefacts."""
        return tuple(i for i in self.issues if is_style_suggestion(i))

    def counts_by_rule(self) -> Counter[tuple[str, str]]:
        return Counter((i.code, i.name) for i in self.issues)

    def counts_by_severity(self) -> Counter[str]:
        return Counter(i.severity.value for i in self.issues)

    def worst_severity(self) -> Severity | None:
        return max((i.severity for i in self.issues), key=lambda s: s.rank, default=None)

    def exit_code(self, fail_on: Severity | None) -> int:
        """1 when an issue is at or above ``fail_on`` or an input was unreadable, else 0."""
        if fail_on is None:
            return 0
        if self.errors:
            return 1
        return int(any(i.severity.rank >= fail_on.rank for i in self.issues))

    def fixable_count(self) -> Counter[str]:
        return Counter(i.fix.applicability.value for i in self.issues if i.fix is not None)

    def summary(self) -> dict[str, Any]:
        return {
            "documents": len(self.documents),
            "issues": len(self.issues),
            "errors": len(self.errors),
            "by_severity": dict(sorted(self.counts_by_severity().items())),
            "by_rule": {code: n for (code, _), n in sorted(self.counts_by_rule().items())},
            "style_suggestions": len(self.style_suggestions()),
            "fixable": dict(sorted(self.fixable_count().items())),
        }

    # -- notebooks and the Python API -------------------------------------------------------

    def _repr_html_(self) -> str:
        """The interactive HTML report (the same renderer as ``--format html``), for Jupyter."""
        from mtqa.report.html import fragment

        return fragment(self)

    def to_dataframe(self, kind: str = "issues") -> Any:
        """One row per issue, as a pandas DataFrame (pandas is imported only here).

        ``kind="segments"`` gives instead one row per segment scored against its reference
        (document, segment, id, line and a column per metric: chrf, bleu, ter), so that a
        notebook can sort the worst segments first; it is empty when no segment had one.

        ``line`` and ``column`` are 1-based positions in the input file (``Document.position``:
        for XLIFF, PO, TMX and record files the file's own line and column, ``unit`` naming the
        unit, None for plain text); ``start``/``end`` are code-point offsets into the document text;
        ``fixed_preview`` is the flagged text (and whatever the fix touches) after the fix;
        ``style`` is true for a style suggestion (a house-style flag at ``info``).
        """
        import pandas as pd

        if kind == "segments":
            return pd.DataFrame(self.scores.get("segments", []))
        if kind != "issues":
            raise ValueError(f"kind must be 'issues' or 'segments', not {kind!r}")
        columns = [
            "document", "code", "name", "severity", "category", "mqm", "message", "start", "end", "line",
            "column", "text", "fix_applicability", "fix_title", "fixed_preview", "style", "unit",
        ]  # fmt: skip
        docs = {doc.id: doc for doc in self.documents}
        rows = []
        for issue in self.issues:
            doc = docs.get(issue.document)
            at = doc.position(issue.span.start) if doc is not None else None
            line, column, unit = (at.line, at.column, at.unit) if at is not None else (None, None, None)
            fix = issue.fix
            preview = issue.fix_preview(doc.text)[1] if fix is not None and doc is not None else None
            rows.append(
                (
                    issue.document, issue.code, issue.name, issue.severity.value, issue.category, issue.mqm,
                    issue.message, issue.span.start, issue.span.end, line, column, issue.text,
                    fix.applicability.value if fix is not None else None, fix.title if fix is not None else None,
                    preview, is_style_suggestion(issue), unit,
                )
            )  # fmt: skip
        return pd.DataFrame.from_records(rows, columns=columns)

    def fixed_text(self, document_id: str | None = None, unsafe: bool = False, engine: Any = None) -> str:
        """A document's text after its fixes, as ``mtqa fix`` computes it (re-checking until settled).

        ``document_id`` may be left out when the report holds one document. The text is
        re-checked with ``engine``, by default one that runs this report's rules (the codes in
        its signature) with default settings; pass the engine of a configured run to keep its
        settings. Raises ``mtqa.fixes.FixError`` when the fixes do not settle.
        """
        from mtqa.engine import Engine, RunOptions
        from mtqa.fixes import fix_text
        from mtqa.rules import Selection
        from mtqa.span import Applicability

        if document_id is None:
            if len(self.documents) != 1:
                ids = ", ".join(d.id for d in self.documents[:5]) or "none"
                raise ValueError(f"the report has {len(self.documents)} documents ({ids}); pass document_id")
            doc = self.documents[0]
        else:
            doc = self.document(document_id)
        if engine is None:
            engine = Engine(RunOptions(selection=Selection(select=self.signature.rules)))
        level = Applicability.UNSAFE if unsafe else Applicability.SAFE
        return fix_text(
            doc.text, lambda t: engine.check_document(Document.from_text(t, id=doc.id, language=doc.language)), level
        ).text
