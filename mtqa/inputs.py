"""Turning command-line paths into documents: files, directories, stdin and the built-in example."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from mtqa.readers.text import ReadResult, read_bytes, read_path

TEXT_SUFFIXES = (".txt", ".md", ".text")
EXAMPLE_NAME = "example/article.txt"


@dataclass(frozen=True)
class Input:
    """One input: where it came from (None for stdin and the example) and what was read."""

    path: Path | None
    result: ReadResult


def example_bytes() -> bytes:
    """The built-in example article, shipped as package data."""
    return files("mtqa.examples").joinpath("article.txt").read_bytes()


def expand(paths: Sequence[str]) -> Iterator[Path | None]:
    """Files as given, directories walked for text files (sorted), ``-`` as None for stdin."""
    for raw in paths:
        if raw == "-":
            yield None
            continue
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
        else:
            yield path


def read_inputs(
    paths: Sequence[str], *, example: bool = False, stdin_filename: str | None = None, language: str = "en"
) -> list[Input]:
    inputs: list[Input] = []
    if example:
        inputs.append(Input(None, read_bytes(example_bytes(), EXAMPLE_NAME, language)))
    for path in expand(paths):
        if path is None:
            data = sys.stdin.buffer.read()
            inputs.append(Input(None, read_bytes(data, stdin_filename or "<stdin>", language)))
        else:
            inputs.append(Input(path, read_path(path, language=language)))
    return inputs
