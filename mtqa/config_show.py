"""``mtqa config --show``: the configuration a run would use, resolved, as TOML or JSON.

Why: settings come from three places (the command line over the nearest configuration file
over the defaults), and a CI job that flags too much or too little needs to see which file
was found and what every rule ended up with, without reading the code. Every enabled rule's
settings are listed with their effective values, defaults included.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from mtqa.cli_common import RunSetup
from mtqa.inputs import InputOptions


def resolved(setup: RunSetup, inputs: InputOptions) -> dict[str, Any]:
    """Everything that decides what a run flags, as plain data (JSON-serialisable)."""
    engine, config = setup.engine, setup.config
    options = engine.options
    fields = {
        "id": inputs.id_field,
        "text": inputs.text_field,
        "source": inputs.source_field,
        "reference": inputs.reference_field,
        "language": inputs.language_field,
    }
    return {
        "file": str(config.path) if config.path is not None else None,
        "select": list(options.selection.select),
        "ignore": list(options.selection.ignore),
        "preview": options.selection.preview,
        "fail-on": setup.fail_on.value if setup.fail_on is not None else "never",
        "language": config.language,
        "source-language": config.source_language,
        "enabled": [rule.detector.code for rule in engine.rules],
        "accept": list(options.accept),
        "reject": list(options.reject),
        "prefer": [p.to_dict() for p in options.prefer],
        "severity": {rule.detector.code: rule.severity.value for rule in engine.rules},
        "rules": {
            rule.detector.name: {k.replace("_", "-"): v for k, v in dataclasses.asdict(rule.settings).items()}
            for rule in engine.rules
            if dataclasses.fields(rule.settings)
        },
        "per-file-ignores": setup.ignores.to_dict(),
        "input": {
            "include": list(inputs.include),
            "exclude": list(inputs.exclude),
            "ignore-file": inputs.ignore_file,
            "fields": {k: v for k, v in fields.items() if v},
        },
    }


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def to_toml(data: dict[str, Any]) -> str:
    """``data`` as TOML: scalars and arrays first, then one table per mapping (nested ones dotted)."""
    lines = ["# mtqa configuration, resolved: command line over configuration file over defaults"]
    if data.get("file") is None:
        lines.append("# no configuration file found: defaults")
    _table(lines, (), data)
    return "\n".join(lines) + "\n"


def _table(lines: list[str], path: tuple[str, ...], data: dict[str, Any]) -> None:
    scalars = {k: v for k, v in data.items() if not isinstance(v, dict) and v is not None}
    tables = {k: v for k, v in data.items() if isinstance(v, dict)}
    if path and (scalars or not tables):
        lines.extend(["", "[" + ".".join(_key(p) for p in path) + "]"])
    for key, value in scalars.items():
        lines.append(f"{_key(key)} = {_value(value)}")
    for key, value in tables.items():
        _table(lines, (*path, key), value)


def _key(key: str) -> str:
    bare = key.replace("-", "").replace("_", "").isalnum() and key.isascii()
    return key if bare else _string(key)


def _string(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's, but TOML also forbids a raw DEL."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, set | frozenset):
        return _value(sorted(value, key=str))
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value if v is not None) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items() if v is not None) + " }"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")
