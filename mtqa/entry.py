"""The ``mtqa`` command's entry point: start the pool's fork server before the heavy imports.

``mtqa.cli`` imports the detectors, their word lists and the readers (about a third of a
second). When the command line will check in a process pool, the workers' fork server is
started first (``mtqa.fork_server.start_early``), so that it warms up meanwhile instead of
after: the first worker is ready that much sooner. Nothing else differs from ``mtqa.cli.main``.
"""

from __future__ import annotations

import contextlib
import sys


def main() -> None:
    from mtqa.fork_server import start_early

    # Only an optimisation: if it fails, the run starts its workers itself and reports what fails.
    with contextlib.suppress(Exception):
        start_early(sys.argv[1:])
    from mtqa.cli import main as cli_main

    cli_main()
