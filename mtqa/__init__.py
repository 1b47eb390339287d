"""mtqa: find and fix the artefacts that make machine-translated text unpublishable.

The public API is small and stable: ``check_text`` and ``check_files`` return a
``Report``; ``fix_text`` returns the corrected text. Heavy libraries (torch,
transformers, sacrebleu) are imported only by the features that use them.
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mtqa.api import check_files, check_text, fix_text
    from mtqa.issue import Issue, Severity
    from mtqa.report.model import Report
    from mtqa.span import Applicability, Edit, Fix, Span

#: Where each public name lives. They are imported on first use (PEP 562), so that
#: ``import mtqa.<module>`` does not import the whole checker: the ``mtqa`` command starts
#: its worker fork server before the heavy imports (``mtqa.entry``).
_PUBLIC = {
    "check_files": "mtqa.api",
    "check_text": "mtqa.api",
    "fix_text": "mtqa.api",
    "Issue": "mtqa.issue",
    "Severity": "mtqa.issue",
    "Report": "mtqa.report.model",
    "Applicability": "mtqa.span",
    "Edit": "mtqa.span",
    "Fix": "mtqa.span",
    "Span": "mtqa.span",
}

__all__ = [
    "Applicability",
    "Edit",
    "Fix",
    "Issue",
    "Report",
    "Severity",
    "Span",
    "__version__",
    "check_files",
    "check_text",
    "fix_text",
]


def __getattr__(name: str) -> Any:
    from importlib import import_module

    module = _PUBLIC.get(name)
    if module is None:
        if name.startswith("_"):  # probes such as __wrapped__ or __file__ lookups: no import
            raise AttributeError(f"module 'mtqa' has no attribute {name!r}")
        # ``import mtqa`` then ``mtqa.baseline.load(...)``: a submodule, imported on first use.
        try:
            return import_module(f"mtqa.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"mtqa.{name}":
                raise
            raise AttributeError(f"module 'mtqa' has no attribute {name!r}") from None
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
