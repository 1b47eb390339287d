"""Evaluation on WMT MQM annotations: precision against rater spans, recall, false flags on clean text.

The WMT MQM files (google/wmt-mqm-human-evaluation) are tab-separated with a header
``system doc doc_id seg_id rater source target category severity``; each row is one
error one rater marked, its span wrapped in ``<v>…</v>`` inside ``target``, and a row
with category ``No-error`` says the rater found the segment clean. The files are not
quoted: a ``"`` is an ordinary character.

Rows are grouped by (system, doc, doc_id, seg_id) into one target segment with its error
spans (relative to that segment) and categories. What the rules see:

- ``unit="segment"`` (default): every distinct target text is checked once, as its own
  document. Several systems (or a system and a reference) sometimes produce the same
  text; their annotations are pooled, and the text counts as clean only when every
  rater of every copy marked it No-error.
- ``unit="document"``: each system's segments of one document (``doc``), in doc_id order,
  one per line, form one document; document rules (name consistency, casing statistics)
  then see the whole talk. Segments are not pooled across systems in this mode.

Metrics per rule: flags; precision, the share of flags that overlap a span any rater
marked (any category); the MQM categories the flags land on; recall on the rule's own
MQM category (``Detector.mqm``) and, over all rules, on the categories the shipped
rules can reach (Fluency/Punctuation, Fluency/Spelling); false flags per 1,000 words on
the segments every rater marked No-error. Words are whitespace-separated tokens.
"""

from __future__ import annotations

import csv
import time
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mtqa.document import Document, Segment, paragraph_segments
from mtqa.engine import Engine
from mtqa.evaluation.common import RuleInfo, check_alone, per_thousand, rule_infos, words
from mtqa.evaluation.tables import Table, ratio, table
from mtqa.language_id import detect_language, is_auto
from mtqa.span import Span

COLUMNS = ("system", "doc", "doc_id", "seg_id", "rater", "source", "target", "category", "severity")
NO_ERROR = "no-error"
#: MQM categories the artefact rules can reach: recall is reported on these over all rules.
REACHABLE_CATEGORIES: tuple[str, ...] = ("Fluency/Punctuation", "Fluency/Spelling")
#: Systems whose translations are human references (attached to the other systems' segments).
REFERENCE_SYSTEMS: tuple[str, ...] = ("ref", "refB")
OPEN, CLOSE = "<v>", "</v>"


class MQMFormatError(ValueError):
    """A file that is not in the WMT MQM format; the message names the file and line."""


@dataclass(frozen=True)
class MQMError:
    """One error a rater marked: its span in the segment (None when the row marks no span)."""

    span: Span | None
    category: str
    severity: str
    rater: str


@dataclass(frozen=True)
class MQMSegment:
    """One system's translation of one segment, with every rater's errors."""

    system: str
    doc: str
    doc_id: str
    seg_id: str
    source: str
    target: str
    errors: tuple[MQMError, ...]
    raters: tuple[str, ...]
    clean: bool
    rows: int

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.system, self.doc, self.doc_id, self.seg_id)


@dataclass(frozen=True)
class MQMData:
    """A parsed MQM file: its segments and what had to be left out."""

    path: str
    rows: int
    segments: tuple[MQMSegment, ...]
    dropped_rows: int = 0


def strip_markers(marked: str) -> tuple[str, list[Span]]:
    """The target without ``<v>``/``</v>``, and the spans they enclosed, in the stripped text.

    An unclosed ``<v>`` runs to the end of the text; a ``</v>`` with no opening marker
    starts at the beginning (both occur in the public files).
    """
    out: list[str] = []
    spans: list[Span] = []
    pos = 0
    length = 0
    opened: int | None = None
    while True:
        i, j = marked.find(OPEN, pos), marked.find(CLOSE, pos)
        nxt = min((k for k in (i, j) if k != -1), default=-1)
        if nxt == -1:
            out.append(marked[pos:])
            length += len(marked) - pos
            break
        out.append(marked[pos:nxt])
        length += nxt - pos
        if nxt == i:
            if opened is None:
                opened = length
            pos = nxt + len(OPEN)
        else:
            spans.append(Span(opened if opened is not None else 0, length))
            opened = None
            pos = nxt + len(CLOSE)
    if opened is not None:
        spans.append(Span(opened, length))
    return "".join(out), spans


def read_mqm(path: str | Path) -> MQMData:
    """Parse a WMT MQM TSV file and group its rows into segments."""
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise MQMFormatError(f"{path}: cannot read: {exc.strerror or exc}") from None
    with handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        try:
            header = next(reader)
        except StopIteration:
            raise MQMFormatError(f"{path}: empty file") from None
        except UnicodeDecodeError as exc:
            raise MQMFormatError(f"{path}: not UTF-8 ({exc.reason})") from None
        header = [h.strip().lstrip("\ufeff") for h in header]
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            raise MQMFormatError(f"{path}: line 1: missing column(s) {', '.join(missing)} (header: {header})")
        index = {c: header.index(c) for c in COLUMNS}
        rows: list[dict[str, str]] = []
        try:
            for line_no, row in enumerate(reader, start=2):
                if not any(v.strip() for v in row):
                    continue
                if len(row) < len(header):
                    raise MQMFormatError(f"{path}: line {line_no}: {len(row)} fields, expected {len(header)}")
                rows.append({c: row[index[c]] for c in COLUMNS})
        except UnicodeDecodeError as exc:
            raise MQMFormatError(f"{path}: not UTF-8 ({exc.reason})") from None
    segments, dropped = group_rows(rows)
    return MQMData(str(path), len(rows), tuple(segments), dropped)


def group_rows(rows: Iterable[dict[str, str]]) -> tuple[list[MQMSegment], int]:
    """Group rows by (system, doc, doc_id, seg_id), in order of first appearance.

    Returns the segments and the number of rows left out because their target text
    (markers stripped) differed from the group's first row: their spans would point
    into another text.
    """
    groups: dict[tuple[str, str, str, str], list[tuple[dict[str, str], str, list[Span]]]] = defaultdict(list)
    for row in rows:
        text, spans = strip_markers(row["target"])
        groups[(row["system"], row["doc"], row["doc_id"], row["seg_id"])].append((row, text, spans))
    segments = []
    dropped = 0
    for (system, doc, doc_id, seg_id), members in groups.items():
        first, target, _ = members[0]
        errors: list[MQMError] = []
        raters: list[str] = []
        clean = True
        rows_kept = 0
        for row, text, spans in members:
            if text != target:
                dropped += 1
                continue
            rows_kept += 1
            if row["rater"] not in raters:
                raters.append(row["rater"])
            if row["category"].strip().lower() == NO_ERROR:
                continue
            clean = False
            for span in spans or [None]:
                errors.append(MQMError(span, row["category"].strip(), row["severity"].strip(), row["rater"]))
        segments.append(
            MQMSegment(
                system,
                doc,
                doc_id,
                seg_id,
                first["source"],
                target,
                tuple(errors),
                tuple(raters),
                clean,
                rows_kept,
            )
        )
    return segments, dropped


# --------------------------------------------------------------------------------------------
# Evaluation
# --------------------------------------------------------------------------------------------


@dataclass
class _Region:
    """One segment inside an evaluated document: where it is, whether it is clean, its errors."""

    span: Span
    clean: bool
    words: int
    errors: list[tuple[Span, str]] = field(default_factory=list)
    unlocated: int = 0


@dataclass
class _Unit:
    id: str
    text: str
    regions: list[_Region]
    sources: list[tuple[str | None, str | None]]  # (source, reference) of each region


def _references(segments: Sequence[MQMSegment], systems: Sequence[str]) -> dict[tuple[str, str, str, str], str]:
    """Each segment's reference translation: the first of ``systems`` that is not the segment's own system."""
    by_system: dict[str, dict[tuple[str, str, str], str]] = defaultdict(dict)
    for seg in segments:
        if seg.system in systems:
            by_system[seg.system][(seg.doc, seg.doc_id, seg.seg_id)] = seg.target
    refs = {}
    for seg in segments:
        where = (seg.doc, seg.doc_id, seg.seg_id)
        for system in systems:
            if system != seg.system and where in by_system[system]:
                refs[seg.key] = by_system[system][where]
                break
    return refs


def _segment_units(segments: Sequence[MQMSegment], refs: dict[tuple[str, str, str, str], str]) -> list[_Unit]:
    by_text: dict[str, _Unit] = {}
    for seg in segments:
        unit = by_text.get(seg.target)
        if unit is None:
            region = _Region(Span(0, len(seg.target)), seg.clean, words(seg.target))
            pair = (seg.source, refs.get(seg.key))
            unit = _Unit(f"{seg.system}/{seg.doc}/{seg.seg_id}", seg.target, [region], [pair])
            by_text[seg.target] = unit
        region = unit.regions[0]
        region.clean = region.clean and seg.clean
        _add_errors(region, seg, 0)
    return list(by_text.values())


def _document_units(segments: Sequence[MQMSegment], refs: dict[tuple[str, str, str, str], str]) -> list[_Unit]:
    docs: dict[tuple[str, str], list[MQMSegment]] = defaultdict(list)
    for seg in segments:
        docs[(seg.system, seg.doc)].append(seg)
    units = []
    for (system, doc), segs in docs.items():
        segs = sorted(segs, key=lambda s: (_numeric(s.doc_id), _numeric(s.seg_id), s.doc_id, s.seg_id))
        regions, parts, sources = [], [], []
        pos = 0
        for seg in segs:
            body = seg.target.replace("\r", " ").replace("\n", " ")
            region = _Region(Span(pos, pos + len(body)), seg.clean, words(body))
            _add_errors(region, seg, pos)
            regions.append(region)
            parts.append(body)
            sources.append((seg.source, refs.get(seg.key)))
            pos += len(body) + 1
        units.append(_Unit(f"{system}/{doc}", "\n".join(parts), regions, sources))
    return units


def _numeric(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        return -1


def _add_errors(region: _Region, seg: MQMSegment, offset: int) -> None:
    seen = set(region.errors)
    for err in seg.errors:
        if err.span is None:
            region.unlocated += 1
            continue
        item = (err.span.shift(offset), err.category)
        if item not in seen:
            seen.add(item)
            region.errors.append(item)


def _file_language(units: Sequence[_Unit], language: str) -> str:
    """The target language of the file: ``language`` when it is a code, else the language found
    from the first targets together (a segment alone is often too short to tell)."""
    if not is_auto(language):
        return language
    return detect_language("\n".join(u.text for u in units[:200]))


def _document(unit: _Unit, language: str = "en") -> Document:
    """The unit as a Document: one segment per region (line), with its source and reference attached."""
    segs = paragraph_segments(unit.text)
    if len(segs) == len(unit.sources):
        segs = tuple(
            Segment(s.index, s.span, s.text, source=src, reference=ref)
            for s, (src, ref) in zip(segs, unit.sources, strict=True)
        )
    return Document(id=unit.id, text=unit.text, segments=segs, language=language)


def in_category(category: str, wanted: str) -> bool:
    """'Fluency/Spelling' is in 'Fluency/Spelling' and in 'Fluency'."""
    c, w = category.lower(), wanted.lower()
    return bool(w) and (c == w or c.startswith(w + "/"))


@dataclass(frozen=True)
class FlagRecord:
    """One flag and where it landed: on a rater's span, in a clean segment, or elsewhere."""

    code: str
    unit: str
    start: int
    end: int
    text: str
    landed: str  # "error" | "clean" | "unmarked"
    categories: tuple[str, ...]
    context: str

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__, categories=list(self.categories))


@dataclass(frozen=True)
class MQMRuleResult:
    rule: RuleInfo
    flags: int
    hits: int
    clean_flags: int
    categories: tuple[tuple[str, int], ...]
    recall_found: int
    recall_total: int

    @property
    def precision(self) -> float | None:
        return self.hits / self.flags if self.flags else None

    @property
    def recall(self) -> float | None:
        return self.recall_found / self.recall_total if self.recall_total else None

    def to_dict(self, clean_words: int) -> dict[str, Any]:
        return {
            **self.rule.to_dict(),
            "flags": self.flags,
            "hits": self.hits,
            "precision": self.precision,
            "categories": dict(self.categories),
            "recall_category": self.rule.mqm,
            "recall_found": self.recall_found,
            "recall_total": self.recall_total,
            "recall": self.recall,
            "clean_flags": self.clean_flags,
            "clean_per_1000_words": per_thousand(self.clean_flags, clean_words),
        }


@dataclass(frozen=True)
class CategoryRecall:
    category: str
    spans: int
    found: int
    by_rule: tuple[tuple[str, int], ...]

    def to_dict(self) -> dict[str, Any]:
        return {"category": self.category, "spans": self.spans, "found": self.found, "by_rule": dict(self.by_rule)}


@dataclass(frozen=True)
class MQMResult:
    path: str
    unit: str
    rows: int
    segments: int
    documents: int
    clean_segments: int
    words: int
    clean_words: int
    spans: int
    unlocated_errors: int
    dropped_rows: int
    rules: tuple[MQMRuleResult, ...]
    categories: tuple[CategoryRecall, ...]
    flags: tuple[FlagRecord, ...]
    seconds: float = field(default=0.0, compare=False)

    def totals(self, stable_only: bool) -> tuple[int, int, int]:
        """(flags, hits, flags on clean segments) summed over the (stable) rules."""
        chosen = [r for r in self.rules if r.rule.stable or not stable_only]
        return sum(r.flags for r in chosen), sum(r.hits for r in chosen), sum(r.clean_flags for r in chosen)

    def rule(self, code: str) -> MQMRuleResult | None:
        return next((r for r in self.rules if r.rule.code == code), None)

    def to_dict(self) -> dict[str, Any]:
        flags, hits, clean = self.totals(stable_only=True)
        return {
            "evaluation": "mqm",
            "path": self.path,
            "unit": self.unit,
            "rows": self.rows,
            "segments": self.segments,
            "documents": self.documents,
            "clean_segments": self.clean_segments,
            "words": self.words,
            "clean_words": self.clean_words,
            "spans": self.spans,
            "unlocated_errors": self.unlocated_errors,
            "dropped_rows": self.dropped_rows,
            "rules": [r.to_dict(self.clean_words) for r in self.rules],
            "stable_total": {
                "flags": flags,
                "hits": hits,
                "precision": hits / flags if flags else None,
                "clean_flags": clean,
                "clean_per_1000_words": per_thousand(clean, self.clean_words),
            },
            "categories": [c.to_dict() for c in self.categories],
            "flag_list": [f.to_dict() for f in self.flags],
            "seconds": round(self.seconds, 3),
        }

    def tables(self, details: bool = False) -> list[Table]:
        what = "distinct target texts" if self.unit == "segment" else "documents (system x doc)"
        rows = []
        for r in self.rules:
            rows.append(
                (
                    r.rule.label,
                    r.flags,
                    ratio(r.hits, r.flags),
                    _categories_cell(r.categories),
                    f"{ratio(r.recall_found, r.recall_total)} {r.rule.mqm}" if r.rule.mqm else "-",
                    r.clean_flags,
                    per_thousand(r.clean_flags, self.clean_words),
                )
            )
        for label, stable in (("all stable rules", True), ("all rules", False)):
            if not stable and all(r.rule.stable for r in self.rules):
                continue
            f, h, c = self.totals(stable)
            rows.append((label, f, ratio(h, f), "", "", c, per_thousand(c, self.clean_words)))
        main = table(
            f"MQM: {Path(self.path).name} (per rule)",
            (
                "rule",
                "flags",
                "precision",
                "flags land on",
                "recall (own category)",
                "clean flags",
                "per 1k clean words",
            ),
            rows,
            (
                f"{self.rows:,} rows, {self.segments:,} segments (system, doc, doc_id, seg_id), checked as "
                f"{self.documents:,} {what}, {self.words:,} words; {self.spans:,} rater spans "
                f"({self.unlocated_errors:,} errors without a span). Clean: {self.clean_segments:,} segments "
                f"every rater marked No-error, {self.clean_words:,} words."
                + (f" {self.dropped_rows} rows dropped (target differs)." if self.dropped_rows else ""),
                "precision = flags overlapping any rater's span / flags; 'flags land on' counts the MQM categories "
                "of the spans a flag overlaps ('clean' = a segment every rater found clean, 'unmarked' = elsewhere).",
            ),
        )
        cat_rows = [
            (c.category, c.spans, ratio(c.found, c.spans), ", ".join(f"{k} {v}" for k, v in c.by_rule) or "-")
            for c in self.categories
        ]
        by_category = table(
            "MQM: recall by category (all selected rules)", ("category", "spans", "found", "by rule"), cat_rows
        )
        out = [main, by_category]
        if details:
            out.append(flag_table(self.flags))
        return out


def _categories_cell(categories: Sequence[tuple[str, int]], top: int = 4) -> str:
    shown = [f"{name} {n}" for name, n in categories[:top]]
    rest = sum(n for _, n in categories[top:])
    if rest:
        shown.append(f"other {rest}")
    return ", ".join(shown) or "-"


def flag_table(flags: Sequence[FlagRecord]) -> Table:
    rows = [(f.code, f.landed, ", ".join(f.categories) or "-", f.unit, repr(f.text), f.context) for f in flags]
    return table("Flags", ("rule", "landed", "categories", "unit", "text", "context"), rows)


def _context(text: str, span: Span, width: int = 40) -> str:
    start, end = max(0, span.start - width), min(len(text), span.end + width)
    snippet = text[start : span.start] + "⟦" + text[span.start : span.end] + "⟧" + text[span.end : end]
    return snippet.replace("\n", " ⏎ ")


def evaluate_mqm(
    data: MQMData | str | Path,
    engine: Engine,
    unit: str = "segment",
    categories: Sequence[str] = REACHABLE_CATEGORIES,
    reference_systems: Sequence[str] = REFERENCE_SYSTEMS,
) -> MQMResult:
    """Run ``engine`` on the targets of an MQM file and measure its flags against the raters' spans.

    Each segment carries its source sentence and, for reference-based rules, the translation
    of the first of ``reference_systems`` that is not its own system (``ref``, else ``refB``);
    pass ``()`` to attach none.
    """
    started = time.perf_counter()
    if not isinstance(data, MQMData):
        data = read_mqm(data)
    if unit not in ("segment", "document"):
        raise ValueError(f"unit must be 'segment' or 'document', not {unit!r}")
    refs = _references(data.segments, tuple(reference_systems))
    units = _segment_units(data.segments, refs) if unit == "segment" else _document_units(data.segments, refs)
    infos = rule_infos(engine)
    flags: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    clean_flags: Counter[str] = Counter()
    landed: dict[str, Counter[str]] = defaultdict(Counter)
    records: list[FlagRecord] = []
    # every located rater span, with the rules that flagged it
    span_found: list[tuple[str, set[str]]] = []
    n_words = clean_words = clean_regions = unlocated = 0
    language = _file_language(units, engine.options.language)
    for u in units:
        document = _document(u, language)
        issues = check_alone(engine, document)
        starts = [r.span.start for r in u.regions]
        all_errors = [(span, cat, i) for i, r in enumerate(u.regions) for span, cat in r.errors]
        found_by: list[set[str]] = [set() for _ in all_errors]
        for issue in issues:
            region = u.regions[max(0, bisect_right(starts, issue.span.start) - 1)]
            cats: list[str] = []
            for k, (span, cat, _) in enumerate(all_errors):
                if issue.span.overlaps(span):
                    found_by[k].add(issue.code)
                    if cat not in cats:
                        cats.append(cat)
            flags[issue.code] += 1
            if cats:
                hits[issue.code] += 1
                where = "error"
                landed[issue.code].update(cats)
            elif region.clean:
                where = "clean"
                clean_flags[issue.code] += 1
                landed[issue.code]["clean"] += 1
            else:
                where = "unmarked"
                landed[issue.code]["unmarked"] += 1
            records.append(
                FlagRecord(
                    issue.code,
                    u.id,
                    issue.span.start,
                    issue.span.end,
                    issue.text,
                    where,
                    tuple(cats),
                    _context(u.text, issue.span),
                )
            )
        span_found.extend((cat, rules) for (_, cat, _), rules in zip(all_errors, found_by, strict=True))
        for r in u.regions:
            n_words += r.words
            unlocated += r.unlocated
            if r.clean:
                clean_words += r.words
                clean_regions += 1
    rule_results = []
    for info in infos:
        own = [rules for cat, rules in span_found if info.mqm and in_category(cat, info.mqm)]
        rule_results.append(
            MQMRuleResult(
                info,
                flags[info.code],
                hits[info.code],
                clean_flags[info.code],
                tuple(sorted(landed[info.code].items(), key=lambda kv: (-kv[1], kv[0]))),
                sum(1 for rules in own if info.code in rules),
                len(own),
            )
        )
    wanted = list(dict.fromkeys([*categories, *(i.mqm for i in infos if i.mqm)]))
    cat_results = []
    for cat in wanted:
        members = [rules for c, rules in span_found if in_category(c, cat)]
        by_rule = Counter(code for rules in members for code in rules)
        cat_results.append(
            CategoryRecall(cat, len(members), sum(1 for rules in members if rules), tuple(sorted(by_rule.items())))
        )
    return MQMResult(
        path=data.path,
        unit=unit,
        rows=data.rows,
        segments=len(data.segments),
        documents=len(units),
        clean_segments=clean_regions,
        words=n_words,
        clean_words=clean_words,
        spans=len(span_found),
        unlocated_errors=unlocated,
        dropped_rows=data.dropped_rows,
        rules=tuple(rule_results),
        categories=tuple(cat_results),
        flags=tuple(records),
        seconds=time.perf_counter() - started,
    )
