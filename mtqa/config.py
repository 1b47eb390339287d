"""Configuration: ``mtqa.toml``, ``.mtqa.toml`` or ``[tool.mtqa]`` in ``pyproject.toml``.

Discovery walks up from the first input's directory (or the working directory)
and takes the first file that has mtqa settings. Command-line options override
the file, which overrides the defaults. Unknown keys are errors that name the file
and the key: a typo must never silently disable a check.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mtqa.issue import Severity
from mtqa.lexicon import Preference, PreferenceError, parse_preferences

CONFIG_NAMES = ("mtqa.toml", ".mtqa.toml", "pyproject.toml")
TOP_KEYS = {
    "select",
    "extend-select",
    "ignore",
    "preview",
    "fail-on",
    "language",
    "source-language",
    "accept",
    "prefer",
    "reject",
    "severity",
    "rules",
    "per-file-ignores",
}


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    """Settings from a configuration file (or the defaults when there is none)."""

    path: Path | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    preview: bool = False
    fail_on: str | None = None
    language: str = "auto"
    source_language: str | None = None
    accept: tuple[str, ...] = ()
    #: ``[prefer]``: variant -> preferred spelling, over the shipped ``prefer.toml`` (N201).
    prefer: tuple[Preference, ...] = ()
    #: ``reject``: terms the project bans (flagged by N201, with no fix).
    reject: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: ``[per-file-ignores]``: gitignore-style pattern -> rule selectors switched off for those files.
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def origin(self) -> str:
        return str(self.path) if self.path else "defaults"


def discover(start: Path | None = None) -> Path | None:
    """The nearest configuration file at or above ``start`` that has mtqa settings."""
    here = (start or Path.cwd()).resolve()
    if here.is_file():
        here = here.parent
    for directory in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_section(candidate)):
                return candidate
    return None


def _has_tool_section(path: Path) -> bool:
    try:
        return "mtqa" in tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
        return False


def load(path: Path) -> Config:
    """Read and validate one configuration file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("mtqa", {})
    return from_mapping(data, path)


def from_mapping(data: dict[str, Any], path: Path | None = None) -> Config:
    where = str(path) if path else "configuration"
    unknown = sorted(set(data) - TOP_KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (known keys: {', '.join(sorted(TOP_KEYS))})")
    severity = {}
    for rule, value in _table(data, "severity", where).items():
        try:
            severity[rule] = Severity.parse(str(value))
        except ValueError as exc:
            raise ConfigError(f"{where}: [severity] {rule}: {exc}") from None
    rules = {}
    for name, table in _table(data, "rules", where).items():
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: [rules.{name}] must be a table of settings")
        rules[name] = table
    try:
        prefer = parse_preferences(_table(data, "prefer", where), where)
    except PreferenceError as exc:
        raise ConfigError(str(exc)) from None
    reject = tuple(_strings(data.get("reject", []), "reject", where))
    if any(not term.strip() for term in reject):
        raise ConfigError(f"{where}: key 'reject' has an empty term")
    per_file_ignores = {
        pattern: tuple(_strings(selectors, f"per-file-ignores.{pattern}", where))
        for pattern, selectors in _table(data, "per-file-ignores", where).items()
    }
    select = data.get("select")
    return Config(
        path=path,
        select=tuple(_strings(select, "select", where)) if select is not None else None,
        extend_select=tuple(_strings(data.get("extend-select", []), "extend-select", where)),
        ignore=tuple(_strings(data.get("ignore", []), "ignore", where)),
        preview=_bool(data.get("preview", False), "preview", where),
        fail_on=data.get("fail-on"),
        language=str(data.get("language", "auto")),
        source_language=data.get("source-language"),
        accept=tuple(_strings(data.get("accept", []), "accept", where)),
        prefer=prefer,
        reject=reject,
        severity=severity,
        rules=rules,
        per_file_ignores=per_file_ignores,
    )


def _table(data: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: key {key!r} must be a table")
    return value


def _strings(value: Any, key: str, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: key {key!r} must be a list of strings")
    return value


def _bool(value: Any, key: str, where: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: key {key!r} must be true or false")
    return value
