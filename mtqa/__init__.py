"""mtqa: find and fix the artefacts that make machine-translated text unpublishable.

The public API is small and stable: ``check_text`` and ``check_files`` return a
``Report``; ``fix_text`` returns the corrected text. Heavy libraries (torch,
transformers, sacrebleu) are imported only by the features that use them.
"""

from __future__ import annotations

__version__ = "0.1.0"

from mtqa.api import check_files, check_text, fix_text
from mtqa.issue import Issue, Severity
from mtqa.report.model import Report
from mtqa.span import Applicability, Edit, Fix, Span

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
