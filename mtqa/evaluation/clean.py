"""Evaluation on clean text: flags per 1,000 words where (almost) every flag is a false positive.

Give it edited, professional text (``data/clean-news`` in the shared data). Each rule's
flags are counted per 1,000 words (whitespace-separated tokens). A ``traps.jsonl`` next to
the files (``{"file", "text", "why_not_an_error"}``: look-alikes that are correct) is
read too: a trap counts as flagged when a flag of any rule but the model's (M) overlaps
any occurrence of its text in its file. Real pages are rarely spotless: a ``known.jsonl``
(``{"file", "text", "kind", "why"}``: page furniture kept with the stored text, a slip of the
publisher, a quotation cut by an excerpt's end) lists what an editor would not leave in a
clean article; a flag on one of those is counted apart, not as a false flag.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mtqa.engine import Engine
from mtqa.evaluation.common import FlagRecord, RuleInfo, judged_on_negative, per_thousand, rule_infos, words
from mtqa.evaluation.gold import GoldFormatError, run_documents, text_files
from mtqa.evaluation.tables import Table, table
from mtqa.span import Span


@dataclass(frozen=True)
class TrapResult:
    file: str
    text: str
    why: str
    flagged_by: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "text": self.text, "why_not_an_error": self.why, "flagged_by": list(self.flagged_by)}


@dataclass(frozen=True)
class CleanRuleResult:
    rule: RuleInfo
    flags: int  # flags outside the known artefacts: (almost surely) false
    on_known: int = 0  # flags on a span of known.jsonl


@dataclass(frozen=True)
class CleanResult:
    paths: tuple[str, ...]
    files: int
    words: int
    rules: tuple[CleanRuleResult, ...]
    traps: tuple[TrapResult, ...]
    flags: tuple[FlagRecord, ...]  # outside the known artefacts
    on_known: tuple[FlagRecord, ...] = ()

    def total(self, stable_only: bool) -> int:
        return sum(r.flags for r in self.rules if r.rule.stable or not stable_only)

    def rate(self, code: str) -> float | None:
        r = next((r for r in self.rules if r.rule.code == code), None)
        return per_thousand(r.flags, self.words) if r else None

    @property
    def traps_flagged(self) -> int:
        return sum(1 for t in self.traps if t.flagged_by)

    def to_dict(self) -> dict[str, Any]:
        return {
            "evaluation": "clean",
            "paths": list(self.paths),
            "files": self.files,
            "words": self.words,
            "rules": [
                {**r.rule.to_dict(), "flags": r.flags, "per_1000_words": per_thousand(r.flags, self.words)}
                for r in self.rules
            ],
            "stable_total": {"flags": self.total(True), "per_1000_words": per_thousand(self.total(True), self.words)},
            "traps": [t.to_dict() for t in self.traps],
            "traps_flagged": self.traps_flagged,
            "flag_list": [f.to_dict() for f in self.flags],
            "on_known_artefacts": [f.to_dict() for f in self.on_known],
        }

    def tables(self, details: bool = False) -> list[Table]:
        rows = [(r.rule.label, r.flags, per_thousand(r.flags, self.words)) for r in self.rules]
        rows.append(("all stable rules", self.total(True), per_thousand(self.total(True), self.words)))
        if any(not r.rule.stable for r in self.rules):
            rows.append(("all rules", self.total(False), per_thousand(self.total(False), self.words)))
        notes = [f"{self.files} file(s), {self.words:,} words; every flag on edited text is very probably false."]
        if self.traps:
            notes.append(f"Traps (correct look-alikes): {self.traps_flagged} of {len(self.traps)} flagged.")
        if self.on_known:
            notes.append(
                f"{len(self.on_known)} more flag(s) on known artefacts of the pages (known.jsonl: furniture, "
                "slips, cut quotations) are not counted."
            )
        out = [table("Clean text: flags per 1,000 words", ("rule", "flags", "per 1k words"), rows, notes)]
        flagged = [t for t in self.traps if t.flagged_by]
        if flagged:
            out.append(
                table(
                    "Clean text: traps flagged",
                    ("file", "text", "flagged by"),
                    [(t.file, repr(t.text), " ".join(t.flagged_by)) for t in flagged],
                )
            )
        if details:
            out.append(
                table(
                    "Clean text: flags",
                    ("rule", "file", "offsets", "text", "message"),
                    [(f.code, f.file, f"{f.start}-{f.end}", repr(f.text), f.message) for f in self.flags],
                )
            )
        return out


def collect_files(paths: Sequence[str | Path]) -> list[tuple[str, Path]]:
    """(display name, path) of every text file given or inside a directory given."""
    out = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend((p.relative_to(path).as_posix(), p) for p in text_files(path))
        elif path.is_file():
            out.append((path.name, path))
        else:
            raise GoldFormatError(f"{path}: no such file or directory")
    return out


def _traps(
    paths: Sequence[str | Path], name: str = "traps.jsonl", why: str = "why_not_an_error"
) -> list[tuple[str, str, str]]:
    """(file, text, why) of each entry of ``name`` in the directories given."""
    out = []
    for raw in paths:
        trap_file = Path(raw) / name
        if not (Path(raw).is_dir() and trap_file.is_file()):
            continue
        for n, line in enumerate(trap_file.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldFormatError(f"{trap_file}:{n}: not JSON ({exc.msg})") from None
            out.append((str(entry.get("file", "")), str(entry.get("text", "")), str(entry.get(why, ""))))
    return out


def evaluate_clean(paths: Sequence[str | Path], engine: Engine, each_alone: bool = False) -> CleanResult:
    """Run ``engine`` on clean text files (or directories of them) and count every flag.

    ``each_alone``: check every file as an article of its own (corpus rules see one file).
    """
    files = collect_files(paths)
    texts = {name: path.read_bytes().decode("utf-8") for name, path in files}
    all_issues = [i for found in run_documents(engine, texts, each_alone).values() for i in found]
    infos = rule_infos(engine)
    known: dict[str, list[Span]] = {}
    for name, text, _ in _traps(paths, "known.jsonl", "why"):
        known.setdefault(name, []).extend(_occurrences(texts.get(name, ""), text))
    on_known = [i for i in all_issues if any(i.span.overlaps(k) for k in known.get(i.document, ()))]
    known_ids = {id(i) for i in on_known}
    false = [i for i in all_issues if id(i) not in known_ids]
    counts = Counter(i.code for i in false)
    known_counts = Counter(i.code for i in on_known)
    flags = tuple(FlagRecord.of(i, i.document) for i in false)
    traps = []
    for name, text, why in _traps(paths):
        occurrences = _occurrences(texts.get(name, ""), text)
        by = sorted(
            {
                i.code
                for i in all_issues
                if i.document == name and judged_on_negative(i, None) and any(i.span.overlaps(o) for o in occurrences)
            }
        )
        traps.append(TrapResult(name, text, why, tuple(by)))
    return CleanResult(
        paths=tuple(str(p) for p in paths),
        files=len(texts),
        words=sum(words(t) for t in texts.values()),
        rules=tuple(CleanRuleResult(i, counts[i.code], known_counts[i.code]) for i in infos),
        traps=tuple(traps),
        flags=flags,
        on_known=tuple(FlagRecord.of(i, i.document) for i in on_known),
    )


def _occurrences(text: str, needle: str) -> list[Span]:
    if not needle:
        return []
    out = []
    pos = text.find(needle)
    while pos != -1:
        out.append(Span(pos, pos + len(needle)))
        pos = text.find(needle, pos + 1)
    return out
