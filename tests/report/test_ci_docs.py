"""The CI documentation and the pre-commit hooks stay in step with the command line."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from mtqa.cli import cli
from mtqa.report import FORMATS

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "ci.md"
HOOKS = ROOT / ".pre-commit-hooks.yaml"


def check_options() -> set[str]:
    command = cli.commands["check"]
    return {opt for param in command.params for opt in getattr(param, "opts", [])}


def test_pre_commit_hooks() -> None:
    yaml = pytest.importorskip("yaml")
    hooks = {h["id"]: h for h in yaml.safe_load(HOOKS.read_text(encoding="utf-8"))}
    assert set(hooks) == {"mtqa", "mtqa-fix"}
    assert hooks["mtqa"]["entry"] == "mtqa check" and hooks["mtqa-fix"]["entry"] == "mtqa fix"
    for hook in hooks.values():
        assert hook["types"] == ["text"] and hook["language"] == "python" and hook["name"]
        re.compile(hook["files"])


def test_yaml_examples_parse_and_upload_sarif() -> None:
    yaml = pytest.importorskip("yaml")
    blocks = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 3
    parsed = [yaml.safe_load(b) for b in blocks]
    workflow = next(p for p in parsed if isinstance(p, dict) and "jobs" in p)
    steps = workflow["jobs"]["mtqa"]["steps"]
    assert any(str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif@") for s in steps)


def test_documented_commands_use_real_options_and_formats() -> None:
    text = DOC.read_text(encoding="utf-8")
    options = check_options()
    commands = re.findall(r"mtqa check [^\n`|#]*", text)
    assert commands
    for line in commands:
        for word in shlex.split(line):
            if word.startswith("--"):
                assert word in options, f"{word} in {line!r}"
        words = shlex.split(line)
        if "--format" in words and words[words.index("--format") + 1] != "FORMAT":
            assert words[words.index("--format") + 1] in FORMATS
    table = re.findall(r"^\| `(\w+)`", text, re.M)
    assert {"text", "json", "jsonl", "sarif", "junit", "github", "gitlab"} <= set(table) <= set(FORMATS)
