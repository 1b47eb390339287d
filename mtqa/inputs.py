"""Turning command-line paths into documents: files, directories, stdin and the built-in example.

- A file named on the command line is read with the reader its extension chooses
  (:mod:`mtqa.readers.dispatch`; unknown extensions as plain text), whatever the
  include/exclude patterns say, as ruff and git do with explicit paths.
- A directory is walked recursively, in sorted order: files with a supported extension are
  taken, or, when ``--include`` patterns are given, the files they match. ``--exclude``
  patterns remove files and whole directories, and so does an ignore file (``.mtqaignore``,
  gitignore syntax: ``build/``, ``*.log``, ``!keep.log``, ``/top-only.txt``) in the directory
  or any directory below it, its patterns relative to where it sits, the deeper file taking
  precedence as in git. Patterns are gitignore patterns matched against the path relative to
  the directory named on the command line (``*.po`` at any depth, ``drafts/`` a directory).
  Version-control directories (.git, .hg, .svn) and symbolic links to directories are
  skipped.
- ``-`` reads stdin; ``--stdin-filename`` names it and its extension chooses the reader.
- A file may give several documents (one per JSONL record, one per feed item): each is
  one Input with the same path.
- ``InputSource`` reads all this lazily, one input at a time (JSONL a line at a time), and
  again on each iteration: that is how ``mtqa check`` streams a feed of any size, and how
  the second pass of corpus rules re-reads the inputs instead of keeping every document.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path, PurePosixPath
from typing import Any

from mtqa.language_id import detect_language, is_auto
from mtqa.readers.dispatch import is_supported, iter_file, iter_stream
from mtqa.readers.options import ReaderOptions
from mtqa.readers.text import ReadResult, read_bytes
from mtqa.report.model import InputError

TEXT_SUFFIXES = (".txt", ".md", ".text")
EXAMPLE_NAME = "example/article.txt"
IGNORE_FILE = ".mtqaignore"
SKIP_DIRS = frozenset({".git", ".hg", ".svn", ".bzr"})


@dataclass(frozen=True)
class Input:
    """One input: where it came from (None for stdin and the example) and what was read."""

    path: Path | None
    result: ReadResult
    #: Bytes of input read to produce it (for progress): the whole file for the last
    #: document of a file, the lines read since the previous input for JSONL.
    size: int = field(default=0, compare=False)
    #: The name of an input without a path: standard input's ``--stdin-filename``, the example's.
    label: str | None = field(default=None, compare=False)

    @property
    def name(self) -> str | None:
        """The file this input came from: its path as given, or the name standard input or the example goes by."""
        return str(self.path) if self.path is not None else self.label

    @property
    def format(self) -> str:
        """The reader that produced it: "text", "jsonl", "csv", "tsv", "xliff", "po", "tmx", "html", "feed"."""
        return self.result.format


@dataclass(frozen=True)
class InputOptions:
    """How inputs are found (directory walk) and read (record field names)."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    ignore_file: str = IGNORE_FILE
    #: Record field names (JSONL keys or dotted paths, CSV/TSV header names); None keeps the default.
    id_field: str | None = None
    text_field: str | None = None
    source_field: str | None = None
    reference_field: str | None = None
    language_field: str | None = None

    def reader_options(self, language: str) -> ReaderOptions:
        """ReaderOptions with the given target language and the field names that were set."""
        names = {
            key: value
            for key, value in (
                ("id_field", self.id_field),
                ("text_field", self.text_field),
                ("source_field", self.source_field),
                ("reference_field", self.reference_field),
                ("language_field", self.language_field),
            )
            if value
        }
        return ReaderOptions(language=language, **names)


def example_bytes() -> bytes:
    """The built-in example article, shipped as package data."""
    return files("mtqa.examples").joinpath("article.txt").read_bytes()


def _spec(patterns: Sequence[str]) -> Any:
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


class _Walk:
    """A recursive directory walk with include/exclude patterns and nested ignore files."""

    def __init__(self, root: Path, options: InputOptions) -> None:
        self.root = root
        self.options = options
        self.include = _spec(options.include) if options.include else None
        self.exclude = _spec(options.exclude) if options.exclude else None
        self.errors: list[InputError] = []

    def files(self) -> Iterator[Path]:
        yield from self._walk(self.root, PurePosixPath(), ())

    def _walk(
        self, directory: Path, rel: PurePosixPath, ignores: tuple[tuple[PurePosixPath, Any], ...]
    ) -> Iterator[Path]:
        ignore_path = directory / self.options.ignore_file
        if self.options.ignore_file and ignore_path.is_file():
            try:
                lines = ignore_path.read_text(encoding="utf-8", errors="replace").splitlines()
                ignores = (*ignores, (rel, _spec(lines)))
            except OSError as exc:
                self.errors.append(InputError(str(ignore_path), f"cannot read ignore file: {exc.strerror or exc}"))
        try:
            with os.scandir(directory) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            self.errors.append(InputError(str(directory), f"cannot read directory: {exc.strerror or exc}"))
            return
        for entry in entries:
            child = rel / entry.name
            is_dir = entry.is_dir(follow_symlinks=False)
            if is_dir and entry.name in SKIP_DIRS:
                continue
            key = f"{child}/" if is_dir else str(child)
            if self._ignored(child, is_dir, ignores) or (self.exclude is not None and self.exclude.match_file(key)):
                continue
            if is_dir:
                yield from self._walk(Path(entry.path), child, ignores)
            elif entry.is_file() and entry.name != self.options.ignore_file:
                wanted = self.include.match_file(key) if self.include is not None else is_supported(entry.name)
                if wanted:
                    yield Path(entry.path)

    @staticmethod
    def _ignored(path: PurePosixPath, is_dir: bool, ignores: tuple[tuple[PurePosixPath, Any], ...]) -> bool:
        """Git's rule: the deepest ignore file with a matching pattern decides (``!`` re-includes)."""
        for base, spec in reversed(ignores):
            rel = path.relative_to(base)
            result = spec.check_file(f"{rel}/" if is_dir else str(rel))
            if result.include is not None:
                return bool(result.include)
        return False


def expand(paths: Sequence[str], options: InputOptions | None = None) -> Iterator[Path | InputError | None]:
    """Files as given, directories walked (sorted), ``-`` as None for stdin; a directory that
    cannot be walked gives an InputError."""
    options = options or InputOptions()
    for raw in paths:
        if raw == "-":
            yield None
            continue
        path = Path(raw)
        if path.is_dir():
            walk = _Walk(path, options)
            yield from walk.files()
            yield from walk.errors
        else:
            yield path


def read_inputs(
    paths: Sequence[str],
    *,
    example: bool = False,
    stdin_filename: str | None = None,
    language: str = "auto",
    options: InputOptions | None = None,
) -> list[Input]:
    """Every input, read now (``InputSource`` reads them lazily)."""
    with InputSource(paths, example=example, stdin_filename=stdin_filename, language=language, options=options) as src:
        return list(src)


class InputSource:
    """The inputs of a run, read lazily and in order; each iteration reads them again.

    Iterating gives one ``Input`` at a time: the example first, then the paths as
    ``expand`` gives them, a file's documents (or errors) in file order. Only the current
    file (for JSONL, the current line) is held. A second iteration re-reads the files, so
    a two-pass run never keeps the documents of the first pass; stdin, which cannot be
    read twice, is copied to a temporary file on the first iteration when ``replay`` is
    set (``close`` removes it).
    """

    def __init__(
        self,
        paths: Sequence[str],
        *,
        example: bool = False,
        stdin_filename: str | None = None,
        language: str = "en",
        options: InputOptions | None = None,
        replay: bool = False,
        source_language: str | None = None,
    ) -> None:
        self.paths = tuple(paths)
        #: The language the documents were translated from, where a file does not say (an XLIFF
        #: or TMX file does): L101 then says when an untranslated sentence is in that language.
        self.source_language = source_language
        self.example = example
        self.stdin_name = stdin_filename or "<stdin>"
        self.options = options or InputOptions()
        self.reader_options = self.options.reader_options(language)
        self.language = language
        self.replay = replay
        self._stdin: Any = None

    def __iter__(self) -> Iterator[Input]:
        if self.example:
            data = example_bytes()
            result = self._with_source(read_bytes(data, EXAMPLE_NAME, self.language))
            yield Input(None, result, len(data), EXAMPLE_NAME)
        for item in expand(self.paths, self.options):
            if item is None:
                results = iter_stream(self._stdin_stream(), self.stdin_name, self.reader_options)
                yield from self._inputs(None, results, self.stdin_name)
            elif isinstance(item, InputError):
                yield Input(None, ReadResult(None, item))
            else:
                yield from self._inputs(item, iter_file(item, self.reader_options))

    def _inputs(
        self, path: Path | None, results: Iterator[tuple[ReadResult, int]], label: str | None = None
    ) -> Iterator[Input]:
        done = 0
        for result, read in results:
            yield Input(path, self._with_source(result), read - done, label)
            done = read

    def _with_source(self, result: ReadResult) -> ReadResult:
        """The document with its languages settled: the source language given for the run
        where the file names none, and the target language found from the text where neither
        the run nor the file names one (see ``mtqa.language_id``)."""
        doc = result.document
        if doc is None:
            return result
        source = doc.source_language if doc.source_language is not None else self.source_language
        language = detect_language(doc.text) if is_auto(doc.language) else doc.language
        if source == doc.source_language and language == doc.language:
            return result
        return dataclasses.replace(result, document=doc.with_languages(language, source))

    def _stdin_stream(self) -> Any:
        if not self.replay:
            return sys.stdin.buffer
        if self._stdin is None:
            self._stdin = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
            shutil.copyfileobj(sys.stdin.buffer, self._stdin)
        self._stdin.seek(0)
        return self._stdin

    def total_bytes(self) -> int | None:
        """The size of every input file (None when stdin is one of them): for a progress bar."""
        total = len(example_bytes()) if self.example else 0
        for item in expand(self.paths, self.options):
            if item is None:
                if self._stdin is None:
                    return None
                total += os.fstat(self._stdin.fileno()).st_size
            elif not isinstance(item, InputError):
                with contextlib.suppress(OSError):
                    total += item.stat().st_size
        return total

    def close(self) -> None:
        if self._stdin is not None:
            self._stdin.close()
            self._stdin = None

    def __enter__(self) -> InputSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
