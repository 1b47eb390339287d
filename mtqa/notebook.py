"""Reviewing fixes in Jupyter: ``review(report)`` is a panel to accept or reject each fix.

The panel shows the document with its issues highlighted, one checkbox per fixable issue
(SAFE fixes ticked, as in the HTML report), a choice of fix where a rule offers several,
and the corrected text, live, as a diff and as plain text to copy. For scripted use::

    panel = mtqa.notebook.review(report)
    panel.accept_all(unsafe=True)
    panel.reject(3)                      # by row number, as shown in the panel
    text = panel.corrected_text()

The ticked fixes are applied as one pass of ``mtqa fix`` is (a left-to-right non-overlapping
subset, see :mod:`mtqa.fixes`); a fix that overlaps one ticked earlier is reported as not
applied. ``Report.fixed_text()`` is the other route: it re-checks until nothing is left to
fix, as the command line does. ipywidgets is imported only when a panel is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from mtqa.document import Document
from mtqa.fixes import apply_batch, non_overlapping
from mtqa.issue import Issue
from mtqa.report.model import Report
from mtqa.span import Applicability, Fix


@dataclass(frozen=True)
class Choice:
    """One fixable issue of a document: its options (the fix, then the alternatives)."""

    issue: Issue
    options: tuple[Fix, ...]

    @property
    def safe(self) -> bool:
        return self.options[0].applicability is Applicability.SAFE


def choices(report: Report, document_id: str) -> list[Choice]:
    """The issues of a document whose fix can be applied, in report order."""
    out = []
    for issue in report.issues_for(document_id):
        if issue.fix is None or issue.fix.applicability is Applicability.DISPLAY:
            continue
        options = tuple(f for f in (issue.fix, *issue.alternatives) if f.applicability is not Applicability.DISPLAY)
        out.append(Choice(issue, options))
    return out


def apply_selected(text: str, fixes: list[Fix]) -> tuple[str, list[Fix], list[int]]:
    """Apply the selected fixes as one pass of ``fix_text``: (text, applied, indices skipped for overlap)."""
    batch = non_overlapping([(str(k), f) for k, f in enumerate(fixes)])
    kept = {int(k) for k, _ in batch}
    return (
        apply_batch(text, [f for _, f in batch]),
        [f for _, f in batch],
        [k for k in range(len(fixes)) if k not in kept],
    )


def review(report: Report, document_id: str | None = None) -> Any:
    """An ipywidgets panel to accept or reject each fix of ``report`` and take the corrected text."""
    return _panel_class()(report, document_id)


@cache
def _panel_class() -> type:
    import ipywidgets as widgets

    from mtqa.report import html as html_report

    class ReviewPanel(widgets.VBox):
        """The review panel; ``corrected_text()`` gives the text with the ticked fixes."""

        def __init__(self, report: Report, document_id: str | None = None) -> None:
            super().__init__()
            if not report.documents:
                raise ValueError("the report holds no documents")
            self.report = report
            self._docs: dict[str, Document] = {d.id: d for d in report.documents}
            self._choices = {d.id: choices(report, d.id) for d in report.documents}
            self._ticks: dict[str, list[Any]] = {}
            self._options: dict[str, list[Any]] = {}
            self._rows: dict[str, Any] = {}
            for doc in report.documents:
                self._build_rows(doc)
            self.document_id = document_id or report.documents[0].id
            self._picker = widgets.Dropdown(
                options=[d.id for d in report.documents], value=self.document_id, description="Document"
            )
            self._picker.observe(lambda change: self.show(change["new"]), names="value")
            buttons = []
            for label, action in (
                ("Accept all safe", lambda _: self.accept_all()),
                ("Accept all", lambda _: self.accept_all(unsafe=True)),
                ("Reject all", lambda _: self.reject_all()),
            ):
                button = widgets.Button(description=label)
                button.on_click(action)
                buttons.append(button)
            self._marked = widgets.HTML()
            self._status = widgets.HTML()
            self._diff = widgets.HTML()
            self._text = widgets.Textarea(
                description="", layout=widgets.Layout(width="100%", height="12em"), disabled=False
            )
            self._list = widgets.VBox()
            top = [self._picker] if len(report.documents) > 1 else []
            self.children = [
                *top,
                self._marked,
                widgets.HTML("<b>Fixes</b> (safe ones are ticked; tick or untick each, then take the text below)"),
                widgets.HBox(buttons),
                self._list,
                self._status,
                widgets.HTML("<b>Corrected text</b>"),
                self._diff,
                self._text,
            ]
            self.show(self.document_id)

        def _build_rows(self, doc: Document) -> None:
            ticks, options, rows = [], [], []
            for k, choice in enumerate(self._choices[doc.id]):
                tick = widgets.Checkbox(
                    value=choice.safe, description=f"{k}", indent=False, layout=widgets.Layout(width="3.5em")
                )
                tick.observe(lambda _change: self._update(), names="value")
                label = widgets.HTML(html_report.issue_line(choice.issue, doc), layout=widgets.Layout(flex="1"))
                parts = [tick, label]
                pick = None
                if len(choice.options) > 1:
                    pick = widgets.Dropdown(
                        options=[(f.title, i) for i, f in enumerate(choice.options)],
                        value=0,
                        layout=widgets.Layout(width="16em"),
                    )

                    def chosen(change: dict[str, Any], label: Any = label, choice: Choice = choice) -> None:
                        label.value = html_report.issue_line(choice.issue, doc, choice.options[change["new"]])
                        self._update()

                    pick.observe(chosen, names="value")
                    parts.append(pick)
                ticks.append(tick)
                options.append(pick)
                rows.append(widgets.HBox(parts, layout=widgets.Layout(align_items="center")))
            if not rows:
                rows.append(widgets.HTML("<i>No fixable issues in this document.</i>"))
            self._ticks[doc.id], self._options[doc.id] = ticks, options
            self._rows[doc.id] = rows

        # -- scripted use ------------------------------------------------------------------

        @property
        def issues(self) -> list[Issue]:
            """The fixable issues of the document shown, in row order."""
            return [c.issue for c in self._choices[self.document_id]]

        @property
        def checkboxes(self) -> list[Any]:
            return list(self._ticks[self.document_id])

        def show(self, document_id: str) -> None:
            """Switch to another document of the report."""
            self.document_id = document_id
            if self._picker.value != document_id:
                self._picker.value = document_id
            self._marked.value = html_report.document_view(self.report, document_id)
            self._list.children = self._rows[document_id]
            self._update()

        def accept(self, *rows: int) -> None:
            for k in rows:
                self._ticks[self.document_id][k].value = True

        def reject(self, *rows: int) -> None:
            for k in rows:
                self._ticks[self.document_id][k].value = False

        def accept_all(self, unsafe: bool = False) -> None:
            for choice, tick in zip(self._choices[self.document_id], self._ticks[self.document_id], strict=True):
                tick.value = tick.value or unsafe or choice.safe

        def reject_all(self) -> None:
            for tick in self._ticks[self.document_id]:
                tick.value = False

        def selected_fixes(self, document_id: str | None = None) -> list[Fix]:
            doc_id = document_id or self.document_id
            out = []
            for choice, tick, pick in zip(
                self._choices[doc_id], self._ticks[doc_id], self._options[doc_id], strict=True
            ):
                if tick.value:
                    out.append(choice.options[pick.value if pick is not None else 0])
            return out

        def corrected_text(self, document_id: str | None = None) -> str:
            """The document's text with the ticked fixes applied."""
            doc_id = document_id or self.document_id
            return apply_selected(self._docs[doc_id].text, self.selected_fixes(doc_id))[0]

        def _update(self) -> None:
            doc = self._docs[self.document_id]
            fixes = self.selected_fixes()
            text, applied, skipped = apply_selected(doc.text, fixes)
            note = f"{len(fixes)} of {len(self._choices[doc.id])} fixes ticked"
            if skipped:
                titles = "; ".join(html_report.esc(fixes[k].title) for k in skipped)
                note += f", {len(skipped)} not applied because they overlap an earlier fix: {titles}"
            self._status.value = f"<i>{note}.</i>"
            self._diff.value = html_report.corrected_markup(doc.text, applied)
            self._text.value = text

    return ReviewPanel
