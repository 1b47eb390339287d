"""Evaluation on real pages: machine-translated pages with gold spans, and clean edited controls.

A pages directory (``tests/data/real-pages`` is the project's) holds two folders:

- ``mt/``: machine-translated pages as published, with ``gold.jsonl`` (the gold format of
  :mod:`mtqa.evaluation.gold`, where every span also says ``detect``: ``pattern`` when a rule
  could find it from the shape of the text, ``model`` when it takes understanding);
- ``clean/``: professionally edited pages with ``traps.jsonl`` (look-alikes that are correct).

What it measures is what an editor meets page by page: each file is checked as one article,
so cross-document rules see one page at a time (``each_alone=False`` runs them across the
folder). The headline numbers are the targets of the real-pages acceptance: recall of the
spans a pattern can reach (``detect == "pattern"``, type not ``other``), recall per such type,
flags outside any gold span per 1,000 words, flags per 1,000 words on the clean controls and
traps flagged. Style suggestions (house-style rules reported at ``info``) are counted apart:
they are the newsroom's choices, not artefacts of the translation.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mtqa.engine import Engine
from mtqa.evaluation.clean import CleanResult, evaluate_clean
from mtqa.evaluation.common import FlagRecord, per_thousand
from mtqa.evaluation.gold import GoldFormatError, GoldResult, GoldSpanResult, evaluate_gold
from mtqa.evaluation.tables import Table, ratio, table
from mtqa.report.model import is_house_style_rule

#: Gold type of the spans that no rule is meant to claim (wrong words, broken grammar).
OTHER = "other"

#: The acceptance targets of the real pages (issue 12).
RECALL_TARGET = 0.85
TYPE_RECALL_TARGET = 0.70
TYPE_MIN_SPANS = 10
OUTSIDE_TARGET = 1.0
CLEAN_TARGET = 0.5


@dataclass(frozen=True)
class Target:
    """One acceptance criterion: what is measured, its value and whether the target is met."""

    criterion: str
    measured: str
    target: str
    met: bool

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class PagesResult:
    directory: str
    each_alone: bool
    gold: GoldResult
    clean: CleanResult | None

    # --- the machine-translated pages

    def reachable(self) -> list[GoldSpanResult]:
        """The gold spans a pattern can reach: ``detect == "pattern"`` and a type other than ``other``."""
        return [s for s in self.gold.spans if s.gold.detect == "pattern" and s.gold.type != OTHER]

    def type_rows(self) -> list[tuple[str, list[GoldSpanResult], list[GoldSpanResult]]]:
        """(type, pattern spans, model spans) for every gold type, the largest first."""
        kinds: dict[str, tuple[list[GoldSpanResult], list[GoldSpanResult]]] = {}
        for s in self.gold.spans:
            pattern, model = kinds.setdefault(s.gold.type, ([], []))
            (pattern if s.gold.detect == "pattern" else model).append(s)
        order = sorted(kinds, key=lambda k: (k == OTHER, -len(kinds[k][0]), k))
        return [(k, *kinds[k]) for k in order]

    @property
    def outside(self) -> tuple[FlagRecord, ...]:
        """Artefact flags that overlap no gold span (style suggestions are counted apart)."""
        return tuple(o for o in self.gold.outside if not is_house_style_rule(o.code))

    @property
    def style_outside(self) -> tuple[FlagRecord, ...]:
        return tuple(o for o in self.gold.outside if is_house_style_rule(o.code))

    def outside_rate(self) -> float | None:
        return per_thousand(len(self.outside), self.gold.words)

    # --- the clean controls

    def clean_flags(self) -> tuple[FlagRecord, ...]:
        return tuple(f for f in self.clean.flags if not is_house_style_rule(f.code)) if self.clean else ()

    def clean_rate(self) -> float | None:
        return per_thousand(len(self.clean_flags()), self.clean.words) if self.clean else None

    # --- the targets

    def targets(self) -> list[Target]:
        reach = self.reachable()
        found = sum(s.found for s in reach)
        out = [
            Target(
                "recall of pattern-reachable spans",
                ratio(found, len(reach)),
                f">= {RECALL_TARGET:.2f}",
                bool(reach) and found / len(reach) >= RECALL_TARGET,
            )
        ]
        for kind, pattern, _ in self.type_rows():
            if kind == OTHER or len(pattern) < TYPE_MIN_SPANS:
                continue
            hit = sum(s.found for s in pattern)
            out.append(
                Target(
                    f"recall of {kind} (pattern)",
                    ratio(hit, len(pattern)),
                    f">= {TYPE_RECALL_TARGET:.2f}",
                    hit / len(pattern) >= TYPE_RECALL_TARGET,
                )
            )
        rate = self.outside_rate() or 0.0
        out.append(
            Target(
                "flags outside gold per 1,000 words", f"{rate:.2f}", f"<= {OUTSIDE_TARGET:.1f}", rate <= OUTSIDE_TARGET
            )
        )
        if self.clean is not None:
            clean_rate = self.clean_rate() or 0.0
            out.append(
                Target(
                    "clean controls: flags per 1,000 words",
                    f"{clean_rate:.2f}",
                    f"<= {CLEAN_TARGET:.1f}",
                    clean_rate <= CLEAN_TARGET,
                )
            )
            hit = self.clean.traps_flagged
            out.append(Target("clean controls: traps flagged", f"{hit} of {len(self.clean.traps)}", "0", hit == 0))
        return out

    @property
    def met(self) -> bool:
        return all(t.met for t in self.targets())

    def to_dict(self) -> dict[str, Any]:
        reach = self.reachable()
        return {
            "evaluation": "pages",
            "directory": self.directory,
            "each_alone": self.each_alone,
            "targets": [t.to_dict() for t in self.targets()],
            "met": self.met,
            "mt": {
                "files": self.gold.files,
                "words": self.gold.words,
                "reachable": {"found": sum(s.found for s in reach), "total": len(reach)},
                "types": [
                    {
                        "type": kind,
                        "pattern": {"found": sum(s.found for s in p), "total": len(p)},
                        "model": {"found": sum(s.found for s in m), "total": len(m)},
                    }
                    for kind, p, m in self.type_rows()
                ],
                "outside_gold": len(self.outside),
                "outside_per_1000_words": self.outside_rate(),
                "style_suggestions_outside_gold": len(self.style_outside),
                "gold": self.gold.to_dict(),
            },
            "clean": None
            if self.clean is None
            else {
                "flags": len(self.clean_flags()),
                "per_1000_words": self.clean_rate(),
                "traps_flagged": self.clean.traps_flagged,
                "result": self.clean.to_dict(),
            },
        }

    def tables(self, details: bool = False) -> list[Table]:
        scope = "each page checked alone" if self.each_alone else "all pages checked as one run"
        verdict = table(
            f"Real pages: {Path(self.directory).name} (targets)",
            ("criterion", "measured", "target", "met"),
            [(t.criterion, t.measured, t.target, t.met) for t in self.targets()],
            (
                f"{self.gold.files} machine-translated page(s), {self.gold.words:,} words; "
                + (f"{self.clean.files} clean page(s), {self.clean.words:,} words; " if self.clean else "")
                + f"{scope}.",
            ),
        )
        rows = []
        for kind, pattern, model in self.type_rows():
            missed = "; ".join(repr(s.gold.text[:30]) for s in pattern if not s.found) if kind != OTHER else ""
            rows.append(
                (
                    kind,
                    ratio(sum(s.found for s in pattern), len(pattern)),
                    ratio(sum(s.found for s in model), len(model)),
                )
                + ((missed or "-",) if details else ())
            )
        all_pattern = [s for s in self.gold.spans if s.gold.detect == "pattern"]
        all_model = [s for s in self.gold.spans if s.gold.detect != "pattern"]
        rows.append(
            (
                "all types",
                ratio(sum(s.found for s in all_pattern), len(all_pattern)),
                ratio(sum(s.found for s in all_model), len(all_model)),
            )
            + (("",) if details else ())
        )
        by_type = table(
            "Real pages: recall per type and detect",
            ("type", "pattern", "model") + (("missed (pattern)",) if details else ()),
            rows,
            (
                "'pattern': spans a rule could find from the shape of the text; 'model': spans that take "
                "understanding (a wrong word, broken grammar), found only when a flag happens to overlap them.",
            ),
        )
        by_rule: dict[str, int] = {}
        for o in self.gold.outside:
            by_rule[o.code] = by_rule.get(o.code, 0) + 1
        labels = {r.rule.code: r.rule.label for r in self.gold.rules}
        out_rows = [
            (
                labels.get(code, code) + (" (style)" if is_house_style_rule(code) else ""),
                n,
                per_thousand(n, self.gold.words),
            )
            for code, n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        outside = table(
            "Real pages: flags outside gold",
            ("rule", "flags", "per 1k words"),
            out_rows,
            (
                f"{len(self.outside)} artefact flag(s) overlap no gold span; "
                f"{len(self.style_outside)} style suggestion(s) are counted apart.",
            ),
        )
        out = [verdict, by_type, outside]
        if self.clean is not None:
            out.extend(self.clean.tables(details=details))
        if details:
            out.append(
                table(
                    "Real pages: the flags outside gold",
                    ("rule", "file", "offsets", "text", "message"),
                    [(o.code, o.file, f"{o.start}-{o.end}", repr(o.text), o.message) for o in self.gold.outside],
                )
            )
        return out


def evaluate_pages(directory: str | Path, engine: Engine, each_alone: bool = True) -> PagesResult:
    """Run ``engine`` on a pages directory: ``mt/`` against its gold, ``clean/`` (if present) as controls."""
    directory = Path(directory)
    mt = directory / "mt"
    if not mt.is_dir():
        raise GoldFormatError(f"{directory}: no mt/ folder (machine-translated pages with gold.jsonl)")
    gold = evaluate_gold(mt, engine, each_alone=each_alone)
    clean_dir = directory / "clean"
    clean = evaluate_clean([clean_dir], engine, each_alone=each_alone) if clean_dir.is_dir() else None
    return PagesResult(str(directory), each_alone, gold, clean)
