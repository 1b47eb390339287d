"""Reports and their output formats.

The Report type lives in ``model``; each output format is one module with a
``render(report, documents) -> str`` function, looked up by name in ``FORMATS``.
"""

from mtqa.report.model import InputError, Report, RunSignature

FORMATS = ("text", "json")

__all__ = ["FORMATS", "InputError", "Report", "RunSignature"]
