"""Reports and their output formats.

The Report type lives in ``model``. Each output format is one module exposing
``render(report, options) -> str``; ``FORMATS`` maps the ``--format`` name to that
module, imported only when used so that ``import mtqa`` stays light.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from mtqa.report.model import InputError, Report, RunSignature

FORMATS: dict[str, str] = {
    "text": "mtqa.report.text",
    "json": "mtqa.report.json",
    "html": "mtqa.report.html",
    "jsonl": "mtqa.report.jsonl",
    "sarif": "mtqa.report.sarif",
    "junit": "mtqa.report.junit",
    "github": "mtqa.report.github",
    "gitlab": "mtqa.report.gitlab",
}


@dataclass(frozen=True)
class RenderOptions:
    """What a renderer may need besides the report: terminal colour and the statistics switch."""

    color: bool = False
    statistics: bool = False


def render(report: Report, fmt: str, options: RenderOptions | None = None) -> str:
    """Render ``report`` in the named format."""
    module = importlib.import_module(FORMATS[fmt])
    return module.render(report, options or RenderOptions())


__all__ = ["FORMATS", "InputError", "RenderOptions", "Report", "RunSignature", "render"]
