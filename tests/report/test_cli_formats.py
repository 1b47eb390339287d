"""The CI-facing command line: --format sarif|junit|github|gitlab|jsonl, --baseline, --write-baseline."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from mtqa.cli import cli
from mtqa.engine import Engine
from mtqa.report import FORMATS

SCHEMA = json.loads(Path(__file__).with_name("sarif-2.1.0.json").read_text(encoding="utf-8"))
STORY = "Title\n\nIt ended by Efe. . Then it went on.\nIt went on,, and on.\n"
HOSTILE_NAME = 'h<script>&"q"\x1b[31m,x:y.txt'


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def write(path: str | Path, text: str) -> Path:
    p = Path(path)
    p.write_text(text, encoding="utf-8")
    return p


def test_every_ci_format_is_registered() -> None:
    assert {"sarif", "junit", "github", "gitlab", "jsonl"} <= set(FORMATS)


def test_sarif_validates_and_exit_status(tmp_path: Path) -> None:
    write("story.txt", STORY)
    code, out, _ = run("check", "story.txt", "--select", "P101", "--format", "sarif")
    assert code == 1
    log = json.loads(out)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["P101", "P101"]
    assert run("check", "story.txt", "--select", "P101", "--format", "sarif", "--exit-zero")[0] == 0
    code, out, _ = run("check", "story.txt", "--select", "P101", "--format", "sarif", "-o", "out.sarif")
    assert code == 1 and out == ""
    jsonschema.Draft4Validator(SCHEMA).validate(json.loads(Path("out.sarif").read_text(encoding="utf-8")))


def test_unreadable_input_in_every_format(tmp_path: Path) -> None:
    Path("bad.txt").write_bytes(b"ok\n\xc3\x28 broken")
    write("good.txt", STORY)
    args = ("check", "bad.txt", "good.txt", "--select", "P101")
    code, out, _ = run(*args, "--format", "sarif")
    log = json.loads(out)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    assert code == 1 and log["runs"][0]["invocations"][0]["executionSuccessful"] is False
    root = ET.fromstring(run(*args, "--format", "junit")[1])
    assert [s.get("name") for s in root.findall("testsuite")] == ["good.txt", "bad.txt"]
    assert "::error file=bad.txt,line=2,col=1,title=X001 unreadable-input::" in run(*args, "--format", "github")[1]
    assert [e["check_name"] for e in json.loads(run(*args, "--format", "gitlab")[1])] == ["P101", "P101", "X001"]
    types = [json.loads(line)["type"] for line in run(*args, "--format", "jsonl")[1].splitlines()]
    assert types == ["error", "issue", "issue", "summary"]
    assert run(*args, "--format", "jsonl", "--exit-zero")[0] == 0


@pytest.mark.parametrize("fmt", ["sarif", "junit", "github", "gitlab", "jsonl", "json", "text"])
def test_hostile_file_name_comes_out_escaped(tmp_path: Path, fmt: str) -> None:
    write(HOSTILE_NAME, STORY)
    code, out, _ = run("check", HOSTILE_NAME, "--select", "P101", "--format", fmt)
    assert code == 1
    if fmt == "sarif":
        jsonschema.Draft4Validator(SCHEMA).validate(json.loads(out))
        assert "\x1b" not in out
    elif fmt in {"json", "gitlab"}:
        assert HOSTILE_NAME in out.replace("\\u001b", "\x1b").replace('\\"', '"') and "\x1b" not in out
        json.loads(out)
    elif fmt == "jsonl":
        assert all(json.loads(line) for line in out.splitlines()) and "\x1b" not in out
        assert json.loads(out.splitlines()[0])["path"] == HOSTILE_NAME
    elif fmt == "junit":
        assert "\x1b" not in out and "<script>" not in out
        root = ET.fromstring(out)
        assert root.find("testsuite").get("name") == HOSTILE_NAME.replace("\x1b", "␛")  # type: ignore[union-attr]
    elif fmt == "github":
        assert "\x1b" not in out
        assert out.count("\n") == 3
        assert all(
            line.startswith('::error file=h<script>&"q"␛[31m%2Cx%3Ay.txt,line=') for line in out.splitlines()[:2]
        )


def test_jsonl_streams_each_document_as_soon_as_it_is_checked(tmp_path: Path, monkeypatch) -> None:
    write("a.txt", "First. .\n")
    write("b.txt", "Second,, one.\n")
    seen: list[str] = []
    original = Engine.check_document

    def spy(self, document, corpus=None):
        seen.append(Path("out.jsonl").read_text(encoding="utf-8") if Path("out.jsonl").exists() else "")
        return original(self, document, corpus)

    monkeypatch.setattr(Engine, "check_document", spy)
    code, _, _ = run("check", "a.txt", "b.txt", "--select", "P101", "--format", "jsonl", "-o", "out.jsonl")
    assert code == 1
    assert seen[0] == ""
    assert [json.loads(line)["path"] for line in seen[1].splitlines()] == ["a.txt"]
    final = [json.loads(line) for line in Path("out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [o.get("path") for o in final] == ["a.txt", "b.txt", None] and final[-1]["type"] == "summary"


def test_streamed_jsonl_equals_rendered_jsonl(tmp_path: Path) -> None:
    from mtqa import check_files
    from mtqa.report import render

    write("a.txt", STORY)
    _, out, _ = run("check", "a.txt", "--format", "jsonl")
    assert out == render(check_files(["a.txt"]), "jsonl")


def test_github_statistics(tmp_path: Path) -> None:
    write("story.txt", STORY)
    _, out, _ = run("check", "story.txt", "--select", "P101", "--format", "github", "--statistics")
    assert any(line.split() == ["2", "P101", "doubled-punctuation"] for line in out.splitlines())


# --- baseline ----------------------------------------------------------------------------------


def issues_of(args: tuple[str, ...]) -> list[dict]:
    _, out, _ = run(*args, "--format", "json")
    return [i for f in json.loads(out)["files"] for i in f["issues"]]


def test_baseline_workflow(tmp_path: Path) -> None:
    story = write("story.txt", STORY)
    check = ("check", "story.txt", "--select", "P101")

    code, out, err = run(*check, "--write-baseline", "mtqa-baseline.json")
    assert code == 0 and "Found 0 issues" in out and "with 2 issue(s)" in err
    data = json.loads(Path("mtqa-baseline.json").read_text(encoding="utf-8"))
    assert data["schema"] == "mtqa.baseline/1" and [e["text"] for e in data["issues"]] == [",,", ". ."]
    assert all(e["path"] == "story.txt" and e["code"] == "P101" for e in data["issues"])

    assert run(*check)[0] == 1
    assert run(*check, "--baseline", "mtqa-baseline.json")[0] == 0

    # A paragraph inserted above moves every offset; only the new issue is new.
    write(story, "A new lead paragraph. . It has one error.\n\n" + STORY)
    with_baseline = (*check, "--baseline", "mtqa-baseline.json")
    assert [(i["text"], i["line"]) for i in issues_of(with_baseline)] == [(". .", 1)]
    assert run(*with_baseline)[0] == 1

    # SARIF keeps the baselined issues, marked suppressed; the other formats leave them out.
    code, out, _ = run(*with_baseline, "--format", "sarif")
    results = json.loads(out)["runs"][0]["results"]
    jsonschema.Draft4Validator(SCHEMA).validate(json.loads(out))
    assert [("suppressions" in r, r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results] == [
        (False, 1),
        (True, 5),
        (True, 6),
    ]
    assert len(json.loads(run(*with_baseline, "--format", "gitlab")[1])) == 1
    assert run(*with_baseline, "--format", "github")[1].count("::error") == 1
    junit = ET.fromstring(run(*with_baseline, "--format", "junit")[1])
    assert [f.get("message", "")[:7] for f in junit.iter("failure")] == ["1 issue"]
    lines = [json.loads(line) for line in run(*with_baseline, "--format", "jsonl")[1].splitlines()]
    assert [o["type"] for o in lines] == ["issue", "summary"] and lines[-1]["suppressed"] == 2

    # Fixing a baselined issue and rewriting prunes it; the new issue is recorded.
    write(story, story.read_text(encoding="utf-8").replace("on,, and", "on, and"))
    code, _, err = run(*check, "--baseline", "mtqa-baseline.json", "--write-baseline", "mtqa-baseline.json")
    assert code == 0 and "with 2 issue(s) (1 added, 1 no longer found and removed)" in err
    data = json.loads(Path("mtqa-baseline.json").read_text(encoding="utf-8"))
    assert sorted(e["text"] for e in data["issues"]) == [". .", ". ."]
    assert run(*check, "--baseline", "mtqa-baseline.json")[0] == 0


def test_write_baseline_with_jsonl_streams_no_issues(tmp_path: Path) -> None:
    write("story.txt", STORY)
    code, out, _ = run("check", "story.txt", "--select", "P101", "--format", "jsonl", "--write-baseline", "b.json")
    assert code == 0
    (summary,) = [json.loads(line) for line in out.splitlines()]
    assert summary["type"] == "summary" and summary["suppressed"] == 2 and summary["issues"] == 0
    assert len(json.loads(Path("b.json").read_text(encoding="utf-8"))["issues"]) == 2
    code, out, _ = run("check", "story.txt", "--select", "P101", "--format", "jsonl", "--baseline", "b.json")
    assert code == 0 and len(out.splitlines()) == 1


def test_bad_baseline_is_a_usage_error(tmp_path: Path) -> None:
    write("story.txt", STORY)
    code, _, err = run("check", "story.txt", "--baseline", "missing.json")
    assert code == 2 and "missing.json" in err and "not found" in err
    write("broken.json", '{"schema": "something-else"}')
    code, _, err = run("check", "story.txt", "--baseline", "broken.json")
    assert code == 2 and "broken.json" in err
