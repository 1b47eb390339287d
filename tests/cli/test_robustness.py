"""Hostile or awkward input and output paths: the batch goes on, nothing is damaged."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtqa.cli import cli
from mtqa.fixes import atomic_write


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [*args, "--isolated"], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_fix_writes_through_a_symlink_and_keeps_it(tmp_path: Path) -> None:
    target = tmp_path / "b.txt"
    target.write_text("It ended by Efe. .\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    run("fix", str(link), "--select", "P101")
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "It ended by Efe.\n"


def test_atomic_write_to_a_non_regular_file_writes_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        atomic_write(fifo, b"report")
        assert os.read(reader, 100) == b"report"
    finally:
        os.close(reader)
    assert fifo.is_fifo()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into a read-only folder")
def test_unwritable_file_is_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    locked = tmp_path / "ro"
    locked.mkdir()
    (locked / "a.txt").write_text("Done. .\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Done. .\n", encoding="utf-8")
    locked.chmod(0o555)
    try:
        code, _, err = run("fix", str(locked / "a.txt"), str(tmp_path / "b.txt"), "--select", "P101")
    finally:
        locked.chmod(0o755)
    assert code == 1 and "not written" in err
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == "Done.\n"


def test_jsonl_line_with_a_huge_number_is_one_error_and_later_lines_are_read(tmp_path: Path) -> None:
    feed = tmp_path / "big.jsonl"
    feed.write_text('{"id": "a", "text": "x", "n": ' + "1" * 5000 + '}\n{"id": "b", "text": "Done. ."}\n')
    code, out, _ = run("check", str(feed), "--format", "json", "--select", "P101")
    assert code == 1  # the unreadable line is an X001 error
    report = json.loads(out)
    assert "line 1" in report["errors"][0]["message"]
    assert [f["path"] for f in report["files"]] == [f"{feed}#b"]
    assert report["files"][0]["issues"][0]["code"] == "P101"


def test_text_report_shows_control_characters_as_pictures(tmp_path: Path) -> None:
    path = tmp_path / "esc.txt"
    path.write_text("Hello  \x1b]0;PWNED\x07 x.\n", encoding="utf-8")
    _, out, _ = run("check", str(path))
    assert "\x1b" not in out and "␛]0;PWNED␇" in out
