"""Starting the pool's fork server at the start of the command, when the command line will use a pool."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mtqa.fork_server import AUTO_MIN_BYTES, CHECK_FLAGS, _wants_pool


@pytest.fixture()
def big(tmp_path: Path) -> str:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"text": "x"}\n' * (AUTO_MIN_BYTES // 14 + 1))
    return str(path)


@pytest.fixture()
def small(tmp_path: Path) -> str:
    path = tmp_path / "a.txt"
    path.write_text("One line.\n", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["check", "a.txt", "--jobs", "2"], True),
        (["check", "--jobs=4", "a.txt"], True),
        (["check", "-j2", "a.txt"], True),
        (["check", "-j", "3", "a.txt"], True),
        (["check", "a.txt", "--jobs", "1"], False),
        (["check", "-j1", "a.txt"], False),
        (["check", "a.txt", "--jobs", "2", "--scheduler", "local"], False),  # Dask instead
        (["check", "a.txt", "--jobs", "2", "--model", "models/x"], False),  # one process for a model
        (["fix", "a.txt", "--jobs", "2"], False),
        (["check", "a.txt", "--jobs", "4", "--help"], False),  # no run at all
        (["check", "a.txt", "-j²"], False),  # not a number to Python's int: click reports it
        (["check", "a.txt", "--jobs", "9" * 5000], False),
        (["--version"], False),
        ([], False),
    ],
)
def test_explicit_jobs_decide(args: list[str], expected: bool) -> None:
    assert _wants_pool(args) is expected


def test_without_jobs_the_size_of_the_files_named_decides(
    big: str, small: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("mtqa.fork_server.cores", lambda: 2)
    assert _wants_pool(["check", big])
    assert _wants_pool(["check", "--preview", big])  # a flag takes no value: the path still counts
    assert not _wants_pool(["check", small])
    # An option's value is not an input, even when it names a big file (last run's output, say).
    assert not _wants_pool(["check", small, "-o", big])
    assert not _wants_pool(["check", small, "--baseline", big])
    assert _wants_pool(["check", "--", big])
    monkeypatch.setattr("mtqa.fork_server.cores", lambda: 1)
    assert not _wants_pool(["check", big])


def test_a_folder_is_sized_by_a_bounded_walk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("mtqa.fork_server.cores", lambda: 2)
    feed = tmp_path / "feed"
    (feed / "2026" / "12").mkdir(parents=True)
    (feed / "a.txt").write_text("One line.\n", encoding="utf-8")
    assert not _wants_pool(["check", str(feed)])
    (feed / ".git").mkdir()
    (feed / ".git" / "pack").write_bytes(b"x" * AUTO_MIN_BYTES)  # hidden: not an input
    assert not _wants_pool(["check", str(feed)])
    (feed / "2026" / "12" / "big.jsonl").write_bytes(b'{"text": "x"}\n' * (AUTO_MIN_BYTES // 14 + 1))
    assert _wants_pool(["check", str(feed)])
    monkeypatch.setattr("mtqa.fork_server.WALK_ENTRIES", 2)  # a huge tree is not walked to the end
    assert not _wants_pool(["check", str(feed)])


def test_the_flags_listed_are_exactly_the_flags_of_check() -> None:
    """Kept in step with the command: a new flag missing here would swallow the path after it."""
    from mtqa.cli import cli

    params = cli.commands["check"].params
    flags = {name for p in params if getattr(p, "is_flag", False) for name in (*p.opts, *p.secondary_opts)}
    assert flags == CHECK_FLAGS


def test_the_command_starts_the_server_before_importing_the_checker(small: str) -> None:
    """Through the real entry point: the fork server runs before ``mtqa.cli`` is imported, and the
    run that follows uses it and gives the same output as one process."""
    probe = (
        "import sys\n"
        "from multiprocessing import forkserver\n"
        "from mtqa.fork_server import start_early\n"
        f"started = start_early(['check', {small!r}, '--jobs', '2'])\n"
        "assert 'mtqa.engine' not in sys.modules and 'mtqa.cli' not in sys.modules\n"
        "print(started, forkserver._forkserver._forkserver_pid is not None)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "MTQA_START_METHOD"}
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, env=env)
    assert out.returncode == 0, out.stderr
    import multiprocessing

    server = "forkserver" in multiprocessing.get_all_start_methods()
    assert out.stdout.split() == [str(server), str(server)]

    def run(jobs: str) -> subprocess.CompletedProcess[str]:
        args = [sys.executable, "-m", "mtqa", "check", small, "--format", "jsonl", "--exit-zero", "--jobs", jobs]
        return subprocess.run(args, capture_output=True, text=True, timeout=120)

    pooled, single = run("2"), run("1")
    assert pooled.returncode == 0, pooled.stderr
    strip = [line for line in pooled.stdout.splitlines() if '"summary"' not in line]
    assert strip == [line for line in single.stdout.splitlines() if '"summary"' not in line]


def test_arguments_the_guess_cannot_read_are_left_to_the_command(small: str) -> None:
    """The early start never fails the command: a bad --jobs gets click's own error and exit 2."""
    args = [sys.executable, "-m", "mtqa", "check", small, "-j²"]
    out = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert out.returncode == 2, out.stderr
    assert "Traceback" not in out.stderr and "--jobs" in out.stderr


def test_importing_the_package_imports_no_checker() -> None:
    """``import mtqa`` is light (the public names load on first use), and they all still load."""
    probe = (
        "import sys, mtqa\n"
        "assert 'mtqa.engine' not in sys.modules, 'engine imported'\n"
        "from mtqa import check_text, Report, Severity, Span\n"
        "assert set(mtqa.__all__) <= set(dir(mtqa))\n"
        "assert all(getattr(mtqa, name) is not None for name in mtqa.__all__)\n"
        "try:\n"
        "    mtqa.no_such_name\n"
        "except AttributeError as exc:\n"
        "    print(exc)\n"
        "print(len(check_text('Hello  world.').issues))\n"
        "assert mtqa.baseline.load is not None  # a submodule, imported on first use\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert "no_such_name" in lines[0]
    assert int(lines[1]) >= 1
