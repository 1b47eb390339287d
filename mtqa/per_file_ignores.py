"""``per-file-ignores``: rules switched off for the files that match a pattern.

A configuration maps gitignore-style patterns to rule selectors, as ruff does::

    [per-file-ignores]
    "drafts/**" = ["C"]                 # no capitalisation rules in drafts
    "*.html" = ["W101", "page-furniture"]

Patterns are matched against a file's path relative to the directory of the configuration
file (the working directory when there is none): a pattern without a slash matches a file
name at any depth, ``dir/`` everything under ``dir``. Standard input is matched by its
``--stdin-filename``. The issues of the ignored rules are dropped after checking, so every
runner (one process, a pool, a cluster) and every output format sees the same result, and
``mtqa fix`` applies no fix of an ignored rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

from mtqa.issue import Issue
from mtqa.rules import Selection


@dataclass(frozen=True)
class PerFileIgnores:
    """Patterns, each with the rule codes it switches off, and the directory they are relative to."""

    base: Path
    entries: tuple[tuple[str, frozenset[str]], ...] = ()
    #: Codes per file name already worked out: a JSONL feed asks once per record for one file,
    #: and resolving a path costs system calls.
    _seen: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(cls, table: Mapping[str, Sequence[str]], base: Path) -> PerFileIgnores:
        """Resolve each pattern's selectors (codes, prefixes, names) to rule codes; an unknown
        selector raises ``UnknownRuleError``, as in ``select``."""
        entries = []
        for pattern, selectors in table.items():
            rules = Selection(select=tuple(selectors), preview=True).rules()
            entries.append((pattern, frozenset(r.code for r in rules)))
        return cls(base.resolve(), tuple(entries))

    def __bool__(self) -> bool:
        return bool(self.entries)

    def codes_for(self, name: str | Path | None) -> frozenset[str]:
        """The rule codes switched off for the file called ``name`` (a path, or a stdin name)."""
        if not self.entries or name is None:
            return frozenset()
        found = self._seen.get(str(name))
        if found is None:
            key = self._relative(Path(name))
            matching = (codes for pattern, codes in self.entries if _spec(pattern).match_file(key))
            found = frozenset().union(*matching)
            self._seen[str(name)] = found
        return found

    def apply(self, issues: Iterable[Issue], name: str | Path | None) -> list[Issue]:
        """``issues`` without those of the rules switched off for ``name``."""
        off = self.codes_for(name)
        return [i for i in issues if i.code not in off] if off else list(issues)

    def _relative(self, path: Path) -> str:
        absolute = path if path.is_absolute() else Path.cwd() / path
        try:
            return PurePosixPath(absolute.resolve().relative_to(self.base)).as_posix()
        except ValueError:  # outside the project: the path as given
            return PurePosixPath(path).as_posix()

    def to_dict(self) -> dict[str, list[str]]:
        return {pattern: sorted(codes) for pattern, codes in self.entries}


@lru_cache(maxsize=256)
def _spec(pattern: str) -> Any:
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines([pattern])
