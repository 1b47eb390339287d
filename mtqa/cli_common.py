"""Pieces the command-line modules share: the exit-2 error, list options, the prepared run."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import click

from mtqa.config import Config
from mtqa.engine import Engine
from mtqa.issue import Severity
from mtqa.per_file_ignores import PerFileIgnores


class ExitError(click.ClickException):
    """A usage or configuration problem: exit status 2, message on stderr."""

    exit_code = 2


def split_list(values: Sequence[str]) -> tuple[str, ...]:
    """``--select W1,C101 --select B`` → ('W1', 'C101', 'B')."""
    return tuple(v.strip() for raw in values for v in raw.split(",") if v.strip())


@dataclass(frozen=True)
class RunSetup:
    engine: Engine
    config: Config
    fail_on: Severity | None
    #: The configuration's ``per-file-ignores``, resolved (empty when it has none).
    ignores: PerFileIgnores = field(default_factory=lambda: PerFileIgnores(Path.cwd()))
