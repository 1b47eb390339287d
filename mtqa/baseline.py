"""Baselines: accept today's issues, report only new ones.

``mtqa check --write-baseline FILE`` records every current issue by a fingerprint;
``mtqa check --baseline FILE`` then reports only issues whose fingerprint is not in
the file. Rewriting the baseline records exactly the issues of that run, so issues
fixed since the last write drop out of it (it is pruned, never merged).

The fingerprint is offset-free, so that editing elsewhere in a document does not
turn old issues into new ones. It hashes:

- the document path (separators and a leading ``./`` normalised);
- the rule code;
- the matched text, normalised (NFC, runs of whitespace collapsed to one space);
- a context window of up to ``CONTEXT`` characters each side of the match, normalised
  the same way and cut at the line ends, so a paragraph inserted above or below
  changes nothing;
- the occurrence index among issues of the same document with the same code, text
  and context (in text order), so that two identical artefacts in identical
  surroundings stay distinct.

Line numbers and offsets are deliberately left out. What still makes an issue new:
editing the words within ``CONTEXT`` characters of it on its own line, moving it to
another file, or adding an identical artefact in identical context before it.

The file is JSON (schema ``mtqa.baseline/1``), sorted so that it diffs well in
version control, and written atomically.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mtqa.document import Document
from mtqa.issue import Issue
from mtqa.report.model import Report

SCHEMA = "mtqa.baseline/1"
CONTEXT = 20
_WHITESPACE = re.compile(r"\s+")


class BaselineError(ValueError):
    """A baseline file that cannot be read or is not an mtqa baseline; the message names the file."""


def normalise(text: str) -> str:
    """NFC, with every run of whitespace (including NBSP and tabs) collapsed to one space."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text))


def normalise_path(path: str) -> str:
    """Forward slashes and no leading ``./``, so that ``./a.txt`` and ``a.txt`` fingerprint alike."""
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def _context(issue: Issue, document: Document | None) -> tuple[str, str]:
    """Up to CONTEXT normalised characters before and after the match, within its line(s)."""
    if document is None:
        return "", ""
    text = document.text
    start, end = min(issue.span.start, len(text)), min(issue.span.end, len(text))
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end == -1:
        line_end = len(text)
    before = normalise(text[line_start:start].lstrip())[-CONTEXT:]
    after = normalise(text[end:line_end].rstrip())[:CONTEXT]
    return before, after


def fingerprint_issues(issues: Sequence[Issue], document: Document | None, path: str | None = None) -> list[str]:
    """The fingerprint of each issue of one document, in the order given.

    ``issues`` must be every issue found in the document (suppressed ones included):
    the occurrence index counts among all of them.
    """
    doc_path = normalise_path(path if path is not None else (document.id if document else ""))
    keys = [(i.code, normalise(i.text), *_context(i, document)) for i in issues]
    order = sorted(range(len(issues)), key=lambda n: (issues[n].span.start, issues[n].span.end, n))
    seen: Counter[tuple[str, ...]] = Counter()
    occurrence = [0] * len(issues)
    for n in order:
        occurrence[n] = seen[keys[n]]
        seen[keys[n]] += 1
    return [_hash(doc_path, *keys[n], str(occurrence[n])) for n in range(len(issues))]


def _hash(*parts: str) -> str:
    blob = json.dumps(parts, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:32]


def report_fingerprints(report: Report) -> dict[Issue, str]:
    """The fingerprint of every issue of a report, reported and suppressed alike."""
    by_doc: dict[str, list[Issue]] = {}
    for issue in (*report.issues, *report.suppressed):
        by_doc.setdefault(issue.document, []).append(issue)
    docs = {d.id: d for d in report.documents}
    out: dict[Issue, str] = {}
    for doc_id, issues in by_doc.items():
        out.update(zip(issues, fingerprint_issues(issues, docs.get(doc_id), doc_id), strict=True))
    return out


@dataclass(frozen=True, slots=True)
class BaselineEntry:
    """One recorded issue. Only the fingerprint matters; code, path and text help a human read the file."""

    fingerprint: str
    code: str
    path: str
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"fingerprint": self.fingerprint, "code": self.code, "path": self.path, "text": self.text}


@dataclass(frozen=True)
class Baseline:
    """A set of accepted issues, by fingerprint."""

    entries: tuple[BaselineEntry, ...] = ()

    @property
    def fingerprints(self) -> frozenset[str]:
        return frozenset(e.fingerprint for e in self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    @classmethod
    def from_issues(cls, issues: Sequence[Issue], document: Document | None) -> Baseline:
        """The baseline of one document's issues (all of them, see ``fingerprint_issues``)."""
        prints = fingerprint_issues(issues, document, issues[0].document if issues else None)
        return cls(tuple(_entry(i, fp) for i, fp in zip(issues, prints, strict=True)))

    @classmethod
    def from_report(cls, report: Report) -> Baseline:
        """Exactly the issues of ``report``, reported and suppressed: writing it prunes what was fixed."""
        return cls(tuple(_entry(i, fp) for i, fp in report_fingerprints(report).items()))

    @classmethod
    def merge(cls, parts: Iterable[Baseline]) -> Baseline:
        return cls(tuple(e for part in parts for e in part.entries))

    def split(self, issues: Sequence[Issue], document: Document | None) -> tuple[list[Issue], list[Issue]]:
        """One document's issues split into (new, in the baseline)."""
        known = self.fingerprints
        new: list[Issue] = []
        old: list[Issue] = []
        prints = fingerprint_issues(issues, document, issues[0].document if issues else None)
        for issue, fp in zip(issues, prints, strict=True):
            (old if fp in known else new).append(issue)
        return new, old

    def apply(self, report: Report) -> Report:
        """The report with baselined issues moved from ``issues`` to ``suppressed`` (order kept).

        Issues the report already held as suppressed stay suppressed.
        """
        prints = report_fingerprints(report)
        known = self.fingerprints
        return dataclasses.replace(
            report,
            issues=tuple(i for i in report.issues if prints[i] not in known),
            suppressed=(*report.suppressed, *(i for i in report.issues if prints[i] in known)),
        )

    def to_dict(self) -> dict[str, Any]:
        entries = sorted(self.entries, key=lambda e: (e.path, e.code, e.text, e.fingerprint))
        return {"schema": SCHEMA, "issues": [e.to_dict() for e in entries]}

    def dumps(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"


def _entry(issue: Issue, fingerprint: str) -> BaselineEntry:
    return BaselineEntry(fingerprint, issue.code, normalise_path(issue.document), issue.text)


def load(path: Path) -> Baseline:
    """Read a baseline file; any problem is a BaselineError naming the file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found (create it with --write-baseline)") from None
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{path}: not a JSON baseline file: {exc}") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise BaselineError(f'{path}: not an mtqa baseline (expected "schema": "{SCHEMA}")')
    raw = data.get("issues")
    if not isinstance(raw, list):
        raise BaselineError(f'{path}: "issues" must be a list')
    entries = []
    for n, item in enumerate(raw):
        if not isinstance(item, dict) or not isinstance(item.get("fingerprint"), str):
            raise BaselineError(f'{path}: issue {n} has no "fingerprint" string')
        entries.append(
            BaselineEntry(
                item["fingerprint"], str(item.get("code", "")), str(item.get("path", "")), str(item.get("text", ""))
            )
        )
    return Baseline(tuple(entries))


def write(path: Path, baseline: Baseline) -> None:
    """Write ``baseline`` to ``path`` atomically (a crash leaves the old file or the new one)."""
    from mtqa.fixes import atomic_write

    atomic_write(path, baseline.dumps().encode("utf-8"))
