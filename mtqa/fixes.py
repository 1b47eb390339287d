"""Applying fixes: by applicability, one non-overlapping batch at a time, re-checking in between.

Fixes found in one pass may overlap (two rules on the same characters). We apply a
non-overlapping subset, check the new text again, and repeat until no applicable fix
remains. A text that does not settle within ``max_passes`` is reported as not
cleanly fixable and left untouched by the caller.
"""

from __future__ import annotations

import difflib
import os
import stat
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from mtqa.issue import Issue
from mtqa.span import Applicability, Fix


class FixError(RuntimeError):
    """The fixes of a text could not be applied cleanly (they did not converge)."""


@dataclass(frozen=True)
class AppliedFix:
    code: str
    title: str
    applicability: Applicability


@dataclass(frozen=True)
class FixOutcome:
    original: str
    text: str
    applied: tuple[AppliedFix, ...]
    passes: int

    @property
    def changed(self) -> bool:
        return self.text != self.original


def applicable(issue: Issue, level: Applicability) -> bool:
    """True when the issue has a fix at or below ``level`` (SAFE < UNSAFE; DISPLAY never applies)."""
    fix = issue.fix
    return fix is not None and fix.applicability is not Applicability.DISPLAY and fix.applicability.rank <= level.rank


def non_overlapping(fixes: Sequence[tuple[str, Fix]]) -> list[tuple[str, Fix]]:
    """A greedy left-to-right subset of fixes whose edits touch disjoint text."""
    chosen: list[tuple[str, Fix]] = []
    taken_end = -1
    for code, fix in sorted(fixes, key=lambda cf: (cf[1].span.start, cf[1].span.end)):
        if not chosen or fix.span.start > taken_end:
            chosen.append((code, fix))
            taken_end = fix.span.end
    return chosen


def apply_batch(text: str, fixes: Sequence[Fix]) -> str:
    """Apply disjoint fixes in one go, from the end of the text backwards."""
    edits = sorted((e for f in fixes for e in f.edits), key=lambda e: e.span.start, reverse=True)
    out = text
    for edit in edits:
        out = out[: edit.span.start] + edit.replacement + out[edit.span.end :]
    return out


def fix_text(
    text: str,
    check: Callable[[str], Sequence[Issue]],
    level: Applicability = Applicability.SAFE,
    max_passes: int = 10,
) -> FixOutcome:
    """Fix ``text`` until no applicable fix is left; ``check`` re-runs the rules on a text."""
    current = text
    applied: list[AppliedFix] = []
    seen = {current}
    for passes in range(1, max_passes + 1):
        candidates = [(i.code, i.fix) for i in check(current) if applicable(i, level) and i.fix is not None]
        if not candidates:
            return FixOutcome(text, current, tuple(applied), passes - 1)
        batch = non_overlapping(candidates)
        new = apply_batch(current, [f for _, f in batch])
        applied.extend(AppliedFix(code, f.title, f.applicability) for code, f in batch)
        if new in seen:
            raise FixError("fixes undo each other; the text was left untouched")
        seen.add(new)
        current = new
    raise FixError(f"fixes did not settle after {max_passes} passes; the text was left untouched")


def unified_diff(original: str, fixed: str, path: str) -> str:
    """A unified diff from ``original`` to ``fixed``, as ``git diff`` would print it."""
    return "".join(
        difflib.unified_diff(
            original.splitlines(keepends=True),
            fixed.splitlines(keepends=True),
            fromfile=f"a/{path}",
            tofile=f"b/{path}",
        )
    )


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves either the old or the new file.

    The temporary file sits in the same directory (rename is atomic only within a
    file system) and takes the original's permission bits before it is renamed. A
    symbolic link is written through (its target is replaced, the link kept), and a
    path that is not a regular file (``-o /dev/null``, a FIFO) is written in place:
    renaming over a device would replace it.
    """
    path = path.resolve() if path.is_symlink() else path
    if path.exists() and not path.is_file():
        with path.open("wb") as handle:
            handle.write(data)
        return
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else _default_mode()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".mtqa-tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _default_mode() -> int:
    """The mode a new file gets from ``open()`` under the current umask (mkstemp would give 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
