"""The rule registry: codes, names, selection.

Registration is explicit: each detector module decorates its classes with
``@register`` and is listed in ``RULE_MODULES`` (the order is the order rules run
and are listed). Third parties add detectors through the ``mtqa.detectors``
entry-point group. Codes are never reused; renamed rules go through ``REDIRECTS``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from mtqa.detectors.base import Detector, Stability

RULE_MODULES: tuple[str, ...] = (
    "mtqa.detectors.whitespace",
    "mtqa.detectors.spacing",
    "mtqa.detectors.encoding",
    "mtqa.detectors.punctuation",
    "mtqa.detectors.repetition",
    "mtqa.detectors.quotes",
    "mtqa.detectors.typography",
    "mtqa.detectors.capitalisation",
    "mtqa.detectors.fragments",
    "mtqa.detectors.names",
    "mtqa.detectors.language",
    "mtqa.detectors.boilerplate",
    "mtqa.detectors.reference",
    "mtqa.detectors.source",
    "mtqa.detectors.model",
)
ENTRY_POINT_GROUP = "mtqa.detectors"

#: Old code or name -> current code, so that configurations keep working after a rename.
REDIRECTS: dict[str, str] = {}

_REGISTRY: dict[str, type[Detector]] = {}


class UnknownRuleError(ValueError):
    """A code, prefix or name that matches no rule."""


def register(cls: type[Detector]) -> type[Detector]:
    """Class decorator: add a detector to the registry (codes must be unique)."""
    existing = _REGISTRY.get(cls.code)
    if existing is not None and existing is not cls:
        raise ValueError(f"rule code {cls.code} is already used by {existing.__name__}")
    _REGISTRY[cls.code] = cls
    return cls


@cache
def all_rules() -> tuple[type[Detector], ...]:
    """Every registered rule, shipped ones first in module order, then plug-ins.

    The registry fills in import order, which depends on who imported a detector module
    first (a test importing ``mtqa.detectors.names`` directly would list N101 first), so the
    order is taken from ``RULE_MODULES``; a stable sort keeps each module's own order."""
    for module in RULE_MODULES:
        importlib.import_module(module)
    _load_entry_points()
    position = {module: i for i, module in enumerate(RULE_MODULES)}
    return tuple(sorted(_REGISTRY.values(), key=lambda rule: position.get(rule.__module__, len(position))))


def _load_entry_points() -> None:
    from importlib.metadata import entry_points

    for ep in entry_points(group=ENTRY_POINT_GROUP):
        loaded = ep.load()
        if isinstance(loaded, type) and issubclass(loaded, Detector):
            register(loaded)


def rule_by_name() -> dict[str, type[Detector]]:
    return {r.name: r for r in all_rules()}


def resolve(key: str) -> type[Detector]:
    """One rule from its code or kebab-case name (redirects honoured)."""
    key = REDIRECTS.get(key, key)
    key = REDIRECTS.get(key.upper(), key)
    codes = {r.code: r for r in all_rules()}
    if key.upper() in codes:
        return codes[key.upper()]
    names = rule_by_name()
    if key.lower() in names:
        return names[key.lower()]
    raise UnknownRuleError(f"unknown rule {key!r}")


def matches(rule: type[Detector], selector: str) -> bool:
    """True when ``selector`` (code, code prefix such as ``W`` or ``W1``, name, or ``ALL``) names ``rule``."""
    sel = REDIRECTS.get(selector, selector).strip()
    if sel.upper() == "ALL":
        return True
    if sel.lower() == rule.name:
        return True
    return rule.code.startswith(sel.upper()) and _is_code_prefix(sel)


def _is_code_prefix(sel: str) -> bool:
    return bool(sel) and sel[0].isalpha() and (sel[1:] == "" or sel[1:].isdigit()) and len(sel) <= 4


def check_selectors(selectors: Iterable[str], extra: Sequence[type[Detector]] = ()) -> None:
    """Raise UnknownRuleError for a selector that names no rule (a typo would silently select nothing)."""
    rules = (*all_rules(), *extra)
    for sel in selectors:
        if not any(matches(r, sel) for r in rules):
            raise UnknownRuleError(f"unknown rule or prefix {sel!r} (see `mtqa rules`)")


@dataclass(frozen=True)
class Selection:
    """Which rules a run uses: ruff-style select / extend-select / ignore, plus the preview switch.

    A rule is on when some select matches it and no ignore matches it more
    specifically (a longer selector wins, so ``--select W101 --ignore W`` keeps W101).
    Preview rules are on only with ``preview`` or when named exactly.

    ``extra`` adds rule classes that are not registered (defined in a program or a test)
    to what this selection chooses from, after the registered ones, without registering
    them anywhere: they travel with the selection to a process pool or a cluster (where
    they are imported by name, so they must live in an importable module).
    """

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    preview: bool = False
    extra: tuple[type[Detector], ...] = ()

    def rules(self) -> tuple[type[Detector], ...]:
        registered = all_rules()
        extra = tuple(r for r in self.extra if r not in registered)
        check_selectors((*self.select, *self.ignore), extra)
        return tuple(r for r in (*registered, *extra) if self.enabled(r))

    def enabled(self, rule: type[Detector]) -> bool:
        sel = _best(rule, self.select)
        if sel is None:
            return False
        ign = _best(rule, self.ignore)
        if ign is not None and _specificity(rule, ign) >= _specificity(rule, sel):
            return False
        if rule.stability is Stability.PREVIEW and not self.preview:
            return sel.upper() == rule.code or sel.lower() == rule.name
        return True


def _best(rule: type[Detector], selectors: Sequence[str]) -> str | None:
    hits = [s for s in selectors if matches(rule, s)]
    return max(hits, key=lambda s: _specificity(rule, s)) if hits else None


def _specificity(rule: type[Detector], selector: str) -> int:
    if selector.upper() == "ALL":
        return 0
    if selector.lower() == rule.name:
        return 10
    return len(selector)
