"""Evaluation on gold spans: text files plus ``gold.jsonl`` (and optionally ``negatives.jsonl``).

The format is the one of ``data/seed/`` in the shared data, one JSON object a line:

- ``gold.jsonl``: ``type`` (``merged_token``, ``comma_capital``... see ``TYPE_RULES``, or a
  rule code or name), ``text``, ``start``/``end`` (code-point offsets into the file read as
  UTF-8), ``level`` (``must``, ``should``, ``may``, ``model``; default ``must``), ``note``,
  ``detect`` (``pattern`` when a rule could find it from the shape of the text, ``model`` when
  it takes understanding; optional), and ``file`` (the text file's path relative to the
  directory; needed when it holds several text files). Without ``start``/``end`` the first
  occurrence of ``text`` is used.
  An optional ``rules`` list names the rules that may claim the span.
- ``negatives.jsonl``: spans that look suspicious but are correct (``text``, ``start``,
  ``end``, ``note``, ``file``). A flag on one counts against its rule, except flags of the
  model family (M), which people judge; an optional ``rules`` list of selectors (``C``,
  ``W101``) narrows the rules a negative is judged against.

A gold span is found when an issue of a rule that may claim its type overlaps it.
A flag is "on its gold" when it overlaps a gold span of a type its rule may claim, or
another occurrence of that span's exact text (gold files mark the first occurrence of
a repeated artefact, such as the three "Blinkin"). Flags that overlap no gold span are
counted per 1,000 words: on a fully annotated text they are false positives (or gaps
in the annotation, which the ``--details`` list shows for review).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mtqa.document import Document
from mtqa.engine import Engine
from mtqa.evaluation.common import (
    FlagRecord,
    RuleInfo,
    check_alone,
    claims,
    judged_on_negative,
    per_thousand,
    rule_infos,
    rules_for_type,
    words,
)
from mtqa.evaluation.tables import Table, ratio, table
from mtqa.issue import Issue
from mtqa.span import Span

TEXT_SUFFIXES = (".txt", ".md", ".text")
LEVELS = ("must", "should", "may", "model")
DETECTS = ("", "pattern", "model")


class GoldFormatError(ValueError):
    """A gold directory that cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class GoldSpan:
    file: str
    type: str
    level: str
    text: str
    span: Span
    note: str = ""
    rules: tuple[str, ...] | None = None  # codes that may claim it; None: any rule
    detect: str = ""  # "pattern", "model" or "" (not said)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "type": self.type,
            "level": self.level,
            "detect": self.detect,
            "text": self.text,
            "start": self.span.start,
            "end": self.span.end,
            "rules": list(self.rules) if self.rules is not None else None,
        }


@dataclass(frozen=True)
class Negative:
    file: str
    text: str
    span: Span
    note: str = ""
    rules: tuple[str, ...] | None = None  # selectors judged; None: every rule but the model's

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "text": self.text, "start": self.span.start, "end": self.span.end}


@dataclass(frozen=True)
class GoldSet:
    directory: str
    texts: dict[str, str]
    gold: tuple[GoldSpan, ...]
    negatives: tuple[Negative, ...]


def text_files(directory: Path) -> list[Path]:
    return sorted(
        p
        for p in directory.rglob("*")
        if p.is_file()
        and p.suffix.lower() in TEXT_SUFFIXES
        and not any(part.startswith(".") for part in p.parts[-1:])
        and p.name.lower() not in ("readme.md", "readme.txt", "notes.md", "notes.txt")
    )


def load_gold(directory: str | Path) -> GoldSet:
    """Read a gold directory: its text files, gold.jsonl and the optional negatives.jsonl."""
    directory = Path(directory)
    if not directory.is_dir():
        raise GoldFormatError(f"{directory}: not a directory")
    gold_path = directory / "gold.jsonl"
    if not gold_path.is_file():
        raise GoldFormatError(f"{directory}: no gold.jsonl")
    texts: dict[str, str] = {}
    for path in text_files(directory):
        try:
            texts[path.relative_to(directory).as_posix()] = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise GoldFormatError(f"{path}: not UTF-8 ({exc.reason})") from None
    if not texts:
        raise GoldFormatError(f"{directory}: no text files ({', '.join(TEXT_SUFFIXES)})")
    gold = tuple(_gold_span(e, texts, where) for e, where in _entries(gold_path))
    neg_path = directory / "negatives.jsonl"
    negatives = tuple(_negative(e, texts, where) for e, where in _entries(neg_path)) if neg_path.is_file() else ()
    return GoldSet(str(directory), texts, gold, negatives)


def _entries(path: Path) -> list[tuple[dict[str, Any], str]]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldFormatError(f"{where}: not JSON ({exc.msg})") from None
        if not isinstance(entry, dict):
            raise GoldFormatError(f"{where}: expected a JSON object")
        out.append((entry, where))
    return out


def _locate(entry: dict[str, Any], texts: dict[str, str], where: str) -> tuple[str, Span, str]:
    name = entry.get("file")
    if name is None:
        if len(texts) != 1:
            raise GoldFormatError(f"{where}: no 'file' field and the directory has {len(texts)} text files")
        name = next(iter(texts))
    elif name not in texts:
        matches = [k for k in texts if k.rsplit("/", 1)[-1] == name]
        if len(matches) != 1:
            raise GoldFormatError(f"{where}: file {name!r} not found among the text files")
        name = matches[0]
    text = texts[name]
    wanted = entry.get("text")
    if "start" in entry and "end" in entry:
        start, end = entry["start"], entry["end"]
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
            raise GoldFormatError(f"{where}: bad offsets start={start!r} end={end!r}")
        if wanted is not None and text[start:end] != wanted:
            raise GoldFormatError(f"{where}: text at {start}-{end} is {text[start:end]!r}, not {wanted!r}")
        return name, Span(start, end), text[start:end]
    if not wanted:
        raise GoldFormatError(f"{where}: needs 'start'/'end' or 'text'")
    start = text.find(wanted)
    if start == -1:
        raise GoldFormatError(f"{where}: {wanted!r} does not occur in {name}")
    return name, Span(start, start + len(wanted)), wanted


def _rules_field(entry: dict[str, Any], where: str) -> tuple[str, ...] | None:
    rules = entry.get("rules")
    if rules is None:
        return None
    if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
        raise GoldFormatError(f"{where}: 'rules' must be a list of rule codes or names")
    return tuple(rules)


def _gold_span(entry: dict[str, Any], texts: dict[str, str], where: str) -> GoldSpan:
    kind = entry.get("type")
    if not isinstance(kind, str) or not kind:
        raise GoldFormatError(f"{where}: missing 'type'")
    name, span, text = _locate(entry, texts, where)
    level = str(entry.get("level", "must"))
    detect = entry.get("detect", "")
    if detect not in DETECTS:
        raise GoldFormatError(f"{where}: 'detect' must be one of {', '.join(DETECTS[1:])}, not {detect!r}")
    return GoldSpan(
        name,
        kind,
        level,
        text,
        span,
        str(entry.get("note", "")),
        rules_for_type(kind, _rules_field(entry, where)),
        detect,
    )


def _negative(entry: dict[str, Any], texts: dict[str, str], where: str) -> Negative:
    name, span, text = _locate(entry, texts, where)
    return Negative(name, text, span, str(entry.get("note", "")), _rules_field(entry, where))


@dataclass(frozen=True)
class GoldSpanResult:
    gold: GoldSpan
    found_by: tuple[str, ...]

    @property
    def found(self) -> bool:
        return bool(self.found_by)

    def to_dict(self) -> dict[str, Any]:
        return {**self.gold.to_dict(), "found": self.found, "found_by": list(self.found_by)}


@dataclass(frozen=True)
class NegativeResult:
    negative: Negative
    flagged_by: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {**self.negative.to_dict(), "flagged_by": list(self.flagged_by)}


@dataclass(frozen=True)
class GoldRuleResult:
    rule: RuleInfo
    flags: int
    on_own_gold: int  # overlapping a gold span of a type this rule may claim
    on_other_gold: int  # overlapping gold spans, none of a type it may claim
    outside: int  # overlapping no gold span

    def to_dict(self, n_words: int) -> dict[str, Any]:
        return {
            **self.rule.to_dict(),
            "flags": self.flags,
            "on_own_gold": self.on_own_gold,
            "on_other_gold": self.on_other_gold,
            "outside_gold": self.outside,
            "outside_per_1000_words": per_thousand(self.outside, n_words),
        }


@dataclass(frozen=True)
class GoldResult:
    directory: str
    files: int
    words: int
    registered: frozenset[str]
    spans: tuple[GoldSpanResult, ...]
    negatives: tuple[NegativeResult, ...]
    rules: tuple[GoldRuleResult, ...]
    outside: tuple[FlagRecord, ...]

    def level(self, level: str) -> tuple[int, int]:
        """(found, total) for one level."""
        chosen = [s for s in self.spans if s.gold.level == level]
        return sum(s.found for s in chosen), len(chosen)

    @property
    def negatives_flagged(self) -> int:
        return sum(1 for n in self.negatives if n.flagged_by)

    def to_dict(self) -> dict[str, Any]:
        levels = sorted({s.gold.level for s in self.spans}, key=_level_order)
        return {
            "evaluation": "gold",
            "directory": self.directory,
            "files": self.files,
            "words": self.words,
            "levels": {lv: dict(zip(("found", "total"), self.level(lv), strict=True)) for lv in levels},
            "types": [{"type": t, "level": lv, "spans": n, "found": f} for t, lv, n, f, _ in self._type_rows()],
            "spans": [s.to_dict() for s in self.spans],
            "negatives": [n.to_dict() for n in self.negatives],
            "negatives_flagged": self.negatives_flagged,
            "rules": [r.to_dict(self.words) for r in self.rules],
            "outside_gold": sum(r.outside for r in self.rules),
            "outside_per_1000_words": per_thousand(sum(r.outside for r in self.rules), self.words),
            "outside_flags": [o.to_dict() for o in self.outside],
        }

    def _type_rows(self) -> list[tuple[str, str, int, int, list[GoldSpanResult]]]:
        groups: dict[tuple[str, str], list[GoldSpanResult]] = {}
        for s in self.spans:
            groups.setdefault((s.gold.type, s.gold.level), []).append(s)
        keys = sorted(groups, key=lambda k: (_level_order(k[1]), k[0]))
        return [(t, lv, len(groups[(t, lv)]), sum(s.found for s in groups[(t, lv)]), groups[(t, lv)]) for t, lv in keys]

    def tables(self, details: bool = False) -> list[Table]:
        type_rows = []
        for kind, level, n, found, members in self._type_rows():
            rules = members[0].gold.rules
            rule_cell = "any" if rules is None else " ".join(c if c in self.registered else f"{c}?" for c in rules)
            missed = "; ".join(repr(s.gold.text[:30]) for s in members if not s.found)
            type_rows.append((kind, level, ratio(found, n), rule_cell, missed or "-"))
        by_type = table(
            f"Gold: {Path(self.directory).name} (recall per type)",
            ("type", "level", "found", "rules", "missed"),
            type_rows,
            (
                f"{self.files} file(s), {self.words:,} words. A span is found when a rule that may claim its type "
                "overlaps it; '?' marks a rule that is not registered or not selected.",
            ),
        )
        levels = sorted({s.gold.level for s in self.spans}, key=_level_order)
        by_level = table("Gold: recall per level", ("level", "found"), [(lv, ratio(*self.level(lv))) for lv in levels])
        rule_rows = [
            (r.rule.label, r.flags, r.on_own_gold, r.on_other_gold, r.outside, per_thousand(r.outside, self.words))
            for r in self.rules
        ]
        total_out = sum(r.outside for r in self.rules)
        rule_rows.append(
            (
                "all rules",
                sum(r.flags for r in self.rules),
                sum(r.on_own_gold for r in self.rules),
                sum(r.on_other_gold for r in self.rules),
                total_out,
                per_thousand(total_out, self.words),
            )
        )
        by_rule = table(
            "Gold: flags per rule",
            ("rule", "flags", "on its gold", "on other gold", "outside gold", "outside per 1k words"),
            rule_rows,
        )
        out = [by_type, by_level, by_rule]
        if self.negatives:
            neg_rows = [(repr(n.negative.text), n.negative.file, " ".join(n.flagged_by) or "-") for n in self.negatives]
            out.append(
                table(
                    f"Gold: negatives ({self.negatives_flagged} of {len(self.negatives)} flagged)",
                    ("negative", "file", "flagged by"),
                    neg_rows,
                )
            )
        if details:
            out.append(
                table(
                    "Gold: flags outside gold",
                    ("rule", "file", "offsets", "text", "message"),
                    [(o.code, o.file, f"{o.start}-{o.end}", repr(o.text), o.message) for o in self.outside],
                )
            )
        return out


def _level_order(level: str) -> tuple[int, str]:
    return (LEVELS.index(level) if level in LEVELS else len(LEVELS), level)


def _other_occurrences(text: str, spans: list[GoldSpan]) -> list[tuple[GoldSpan, Span]]:
    """Every other place the exact text of a gold span occurs (gold files mark the first one only)."""
    out = []
    for g in spans:
        if not g.text:
            continue
        pos = text.find(g.text)
        while pos != -1:
            if pos != g.span.start:
                out.append((g, Span(pos, pos + len(g.text))))
            pos = text.find(g.text, pos + 1)
    return out


def run_documents(engine: Engine, texts: dict[str, str], each_alone: bool = False) -> dict[str, list[Issue]]:
    """The issues of each text, by name: checked as one run (corpus rules see every text) or each alone."""
    documents = [Document.from_text(text, id=name, language="auto") for name, text in texts.items()]
    issues: dict[str, list[Issue]] = {name: [] for name in texts}
    if each_alone:
        for document in documents:
            issues[document.id] = check_alone(engine, document)
        return issues
    for issue in engine.check_documents(documents).issues:
        issues.setdefault(issue.document, []).append(issue)
    return issues


def evaluate_gold(gold: GoldSet | str | Path, engine: Engine, each_alone: bool = False) -> GoldResult:
    """Run ``engine`` on the gold directory's files and compare its flags with the gold spans.

    ``each_alone`` checks every file as an article of its own, so that corpus rules (a name
    spelled two ways across the run) see one file at a time: what a page-by-page check does.
    """
    if not isinstance(gold, GoldSet):
        gold = load_gold(gold)
    issues = run_documents(engine, gold.texts, each_alone)
    infos = rule_infos(engine)
    registered = frozenset(i.code for i in infos)

    span_results = []
    for g in gold.gold:
        by = sorted({i.code for i in issues[g.file] if claims(i, g.rules) and i.span.overlaps(g.span)})
        span_results.append(GoldSpanResult(g, tuple(by)))

    neg_results = []
    for n in gold.negatives:
        by = sorted({i.code for i in issues[n.file] if judged_on_negative(i, n.rules) and i.span.overlaps(n.span)})
        neg_results.append(NegativeResult(n, tuple(by)))

    flags: Counter[str] = Counter()
    own: Counter[str] = Counter()
    other: Counter[str] = Counter()
    outside: Counter[str] = Counter()
    outside_flags = []
    for name, found in issues.items():
        spans = [g for g in gold.gold if g.file == name]
        repeats = _other_occurrences(gold.texts[name], spans)
        for issue in found:
            flags[issue.code] += 1
            touched = [g for g in spans if issue.span.overlaps(g.span)]
            if any(claims(issue, g.rules) for g in touched) or any(
                claims(issue, g.rules) and issue.span.overlaps(span) for g, span in repeats
            ):
                own[issue.code] += 1
            elif touched:
                other[issue.code] += 1
            else:
                outside[issue.code] += 1
                outside_flags.append(FlagRecord.of(issue, name))
    rule_results = tuple(GoldRuleResult(i, flags[i.code], own[i.code], other[i.code], outside[i.code]) for i in infos)
    return GoldResult(
        directory=gold.directory,
        files=len(gold.texts),
        words=sum(words(t) for t in gold.texts.values()),
        registered=registered,
        spans=tuple(span_results),
        negatives=tuple(neg_results),
        rules=rule_results,
        outside=tuple(outside_flags),
    )
