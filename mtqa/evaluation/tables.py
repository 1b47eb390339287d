"""Plain-text and Markdown tables for the evaluation results.

Deliberately dependency-free and deterministic: the same result renders to the same
bytes, so tables can be pasted into docs and compared in review.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Table:
    """A titled grid of strings, with notes printed under it."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...] = field(default=())

    def render(self, fmt: str = "text") -> str:
        return render_markdown(self) if fmt == "markdown" else render_text(self)

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "columns": list(self.columns), "rows": [list(r) for r in self.rows]}


def table(title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], notes: Sequence[str] = ()) -> Table:
    return Table(title, tuple(columns), tuple(tuple(cell(v) for v in r) for r in rows), tuple(notes))


def cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def ratio(part: int, whole: int) -> str:
    """'0.83 (5/6)', or '- (0/0)' when there is nothing to divide."""
    return f"{part / whole:.2f} ({part}/{whole})" if whole else f"- (0/{whole})"


def _is_number(text: str) -> bool:
    head = text.split(" ", 1)[0].replace(",", "").replace("%", "")
    try:
        float(head)
    except ValueError:
        return False
    return True


def _numeric_column(t: Table, i: int) -> bool:
    """A column of numbers (a '-' may stand for a missing one): right-aligned."""
    values = [r[i] for r in t.rows]
    return any(_is_number(v) for v in values) and all(_is_number(v) or v.split(" ", 1)[0] == "-" for v in values)


def render_text(t: Table) -> str:
    widths = [len(c) for c in t.columns]
    for row in t.rows:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], len(value))
    numeric = [_numeric_column(t, i) for i in range(len(t.columns))]

    def line(values: Sequence[str]) -> str:
        parts = [v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric, strict=True)]
        return "  ".join(parts).rstrip()

    out = [t.title, "=" * len(t.title), line(t.columns), "  ".join("-" * w for w in widths)]
    out.extend(line(r) for r in t.rows)
    if not t.rows:
        out.append("(no rows)")
    out.extend(t.notes)
    return "\n".join(out) + "\n"


def render_markdown(t: Table) -> str:
    def esc(v: str) -> str:
        return v.replace("|", "\\|").replace("\n", " ")

    numeric = [_numeric_column(t, i) for i in range(len(t.columns))]
    out = [f"**{t.title}**", "", "| " + " | ".join(esc(c) for c in t.columns) + " |"]
    out.append("|" + "|".join("---:" if n else "---" for n in numeric) + "|")
    out.extend("| " + " | ".join(esc(v) for v in r) + " |" for r in t.rows)
    for note in t.notes:
        out.extend(("", note))
    return "\n".join(out) + "\n"


def render_all(tables: Iterable[Table], fmt: str = "text") -> str:
    return "\n".join(t.render(fmt) for t in tables)
