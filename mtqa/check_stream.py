"""Output of ``mtqa check`` that is written while the run goes: JSON Lines, and the baseline file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from mtqa.cli_common import ExitError
from mtqa.parallel import CheckRun, Tally
from mtqa.report.model import Report

if TYPE_CHECKING:
    from mtqa.baseline import Baseline


@dataclass
class StreamOutcome:
    """What a streamed run leaves: its counts, and the baseline of every issue found (when asked)."""

    tally: Tally
    baseline: Baseline


def check_streaming_jsonl(
    run: CheckRun,
    baseline: Baseline | None,
    accept_all: bool,
    output: Path | None,
) -> StreamOutcome:
    """Check document by document, writing JSON Lines as each one is done (an unreadable input's
    error line where it is met); keep only counts, and fingerprints when writing a baseline.

    With ``-o`` the lines go straight to the file (a stream is read while it grows, so it is
    not written atomically); a run that stops early leaves no summary line at the end.
    """
    from mtqa.baseline import Baseline
    from mtqa.report import jsonl

    sink = output.open("w", encoding="utf-8", newline="\n") if output is not None else None

    def write(text: str) -> None:
        if sink is None:
            click.echo(text, nl=False)
        else:
            sink.write(text)
            sink.flush()

    tally = Tally()
    recorded: list[Baseline] = []
    try:
        for item in run:
            if item.error is not None:
                tally.errors += 1
                write(jsonl.error_line(item.error))
            doc = item.document
            if doc is None:
                continue
            found = item.issues
            if accept_all:
                new, old = [], found
                recorded.append(Baseline.from_issues(found, doc))
            elif baseline is not None:
                new, old = baseline.split(found, doc)
            else:
                new, old = found, []
            tally.add(new, len(old))
            if new:
                write("".join(jsonl.issue_lines(doc, new)))
            if doc.has_references:
                from mtqa.metrics import segment_score_rows

                write("".join(jsonl.segment_score_lines(segment_score_rows(doc))))
        write(jsonl.summary_object_line(run.signature, tally.summary(), tally.suppressed))
    finally:
        if sink is not None:
            sink.close()
    return StreamOutcome(tally, Baseline.merge(recorded))


def write_baseline(path: Path, report: Report | Baseline) -> None:
    """Record every issue of ``report`` (or a baseline made already) in ``path``; say on stderr what changed."""
    from mtqa.baseline import Baseline, BaselineError, load, write

    new = report if isinstance(report, Baseline) else Baseline.from_report(report)
    try:
        old = load(path).fingerprints if path.exists() else None
    except BaselineError:
        old = None
    try:
        write(path, new)
    except OSError as exc:
        raise ExitError(f"{path}: cannot write baseline: {exc.strerror or exc}") from None
    note = ""
    if old is not None:
        note = f" ({len(new.fingerprints - old)} added, {len(old - new.fingerprints)} no longer found and removed)"
    click.echo(f"mtqa: wrote baseline {path} with {len(new)} issue(s){note}", err=True)
