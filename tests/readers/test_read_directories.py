"""Directories (recursive, include/exclude, .mtqaignore), stdin with --stdin-filename, and fix's refusal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtqa.cli import cli
from mtqa.inputs import InputOptions, expand, read_inputs

TEXT = "The minister met his counterpart in Geneva on Thursday.\n"


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "corpus"
    files = {
        "a.txt": TEXT,
        "b.md": TEXT,
        "data.jsonl": '{"id": "r1", "text": "One record."}\n{"id": "r2", "text": "Another record."}\n',
        "page.html": "<p>A <a href='x'>page</a>.</p>",
        "notes.log": "not a supported extension\n",
        "drafts/draft.txt": TEXT,
        "build/out.txt": TEXT,
        "build/keep.txt": TEXT,
        "sub/c.txt": TEXT,
        "sub/skip.md": TEXT,
        "sub/keep.md": TEXT,
        "sub/deeper/d.txt": TEXT,
        "sub/deeper/e.log": TEXT,
        ".git/HEAD.txt": TEXT,
        ".mtqaignore": "# build output\nbuild/\n/top-only.txt\n",
        "top-only.txt": TEXT,
        "sub/top-only.txt": TEXT,
        "sub/.mtqaignore": "*.md\n!keep.md\n",
    }
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return root


def names(paths, root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in paths]


def test_walk_is_recursive_sorted_and_honours_ignore_files(tree: Path) -> None:
    # build/ is ignored by the root .mtqaignore, /top-only.txt only at the root; sub/.mtqaignore
    # drops *.md below sub/ but re-includes keep.md; .git and unsupported extensions are skipped.
    assert names(expand([str(tree)]), tree) == [
        "a.txt",
        "b.md",
        "data.jsonl",
        "drafts/draft.txt",
        "page.html",
        "sub/c.txt",
        "sub/deeper/d.txt",
        "sub/keep.md",
        "sub/top-only.txt",
    ]


def test_include_and_exclude_patterns(tree: Path) -> None:
    only_txt = InputOptions(include=("*.txt",), exclude=("drafts/", "sub/deeper/"))
    assert set(names(expand([str(tree)], only_txt), tree)) == {"a.txt", "sub/c.txt", "sub/top-only.txt"}
    logs = InputOptions(include=("*.log",))
    assert set(names(expand([str(tree)], logs), tree)) == {"notes.log", "sub/deeper/e.log"}
    anchored = InputOptions(exclude=("/a.txt", "*.jsonl"))
    found = set(names(expand([str(tree)], anchored), tree))
    assert "a.txt" not in found and "data.jsonl" not in found and "sub/c.txt" in found


def test_explicit_files_are_read_whatever_the_patterns(tree: Path) -> None:
    path = tree / "build" / "out.txt"
    assert list(expand([str(path)], InputOptions(exclude=("*.txt",)))) == [path]


def test_multi_document_files_give_one_input_per_document(tree: Path) -> None:
    inputs = read_inputs([str(tree / "data.jsonl"), str(tree / "a.txt")])
    assert [i.format for i in inputs] == ["jsonl", "jsonl", "text"]
    assert [i.result.document.id for i in inputs] == [
        f"{tree / 'data.jsonl'}#r1",
        f"{tree / 'data.jsonl'}#r2",
        str(tree / "a.txt"),
    ]
    assert all(i.path is not None for i in inputs)


def test_cli_checks_a_directory_with_patterns(tree: Path) -> None:
    result = CliRunner().invoke(
        cli, ["check", "--isolated", "--format", "json", "--exclude", "drafts/", "--include", "*.txt,*.jsonl", "corpus"]
    )
    report = json.loads(result.stdout)
    paths = sorted(f["path"] for f in report["files"])
    assert paths == sorted(
        [
            "corpus/a.txt",
            "corpus/data.jsonl#r1",
            "corpus/data.jsonl#r2",
            "corpus/sub/c.txt",
            "corpus/sub/deeper/d.txt",
            "corpus/sub/top-only.txt",
        ]
    )


def test_stdin_filename_chooses_the_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    html = b"<html><body><nav>Menu</nav><p>US Secretary <a href='x'>Anthony Blinken</a>He left.</p></body></html>"
    result = CliRunner().invoke(
        cli, ["check", "--isolated", "--format", "json", "--stdin-filename", "page.html", "-"], input=html
    )
    report = json.loads(result.stdout)
    assert [f["path"] for f in report["files"]] == ["page.html"]
    jsonl = b'{"mt": "First."}\n{"mt": "Second."}\n'
    result = CliRunner().invoke(
        cli,
        ["check", "--isolated", "--format", "json", "--stdin-filename", "in.jsonl", "--field-text", "mt", "-"],
        input=jsonl,
    )
    report = json.loads(result.stdout)
    assert [f["path"] for f in report["files"]] == ["in.jsonl#1", "in.jsonl#2"]
    result = CliRunner().invoke(cli, ["check", "--isolated", "--format", "json", "-"], input=html)
    assert json.loads(result.stdout)["files"][0]["path"] == "<stdin>"  # no name: plain text


def test_fix_refuses_formats_it_cannot_write_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "page.html"
    original = "<p>The minister said so. . Then left.</p>"
    page.write_text(original, encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text("Efe. . said the minister.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["fix", "--isolated", "a.txt", "page.html"])
    assert result.exit_code == 2
    assert "plain text only" in result.stderr and "page.html" in result.stderr and "html" in result.stderr
    assert page.read_text(encoding="utf-8") == original
    assert text.read_text(encoding="utf-8") == "Efe. . said the minister.\n"  # nothing was changed
    result = CliRunner().invoke(cli, ["fix", "--isolated", "--stdin-filename", "x.xlf", "-"], input=b"<xliff/>")
    assert result.exit_code == 2 and "xliff" in result.stderr
