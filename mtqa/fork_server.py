"""How pool workers start, and starting their fork server before the heavy imports.

A pool's workers are forked from a *fork server* that has imported ``mtqa.prewarm`` (see
``pool_context``). Warming it takes about a second of CPU, and the first worker can only
start once it is done; until then a pool's parent would wait. ``start_early`` starts the
server at the very start of the ``mtqa`` command, when the command line will use a pool,
so that it warms up while the parent imports mtqa and reads the first documents.

This module imports nothing of mtqa's own: the command's entry point (``mtqa.entry``)
calls it before anything heavy is imported.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Sequence

#: Imported once by the fork server: workers forked from it start with warm caches.
PREWARM_MODULE = "mtqa.prewarm"
#: By default a run smaller than this (bytes of text) stays in one process (``mtqa.parallel``).
AUTO_MIN_BYTES = 1 << 20


class SchedulerError(RuntimeError):
    """Workers that cannot be had: a Dask scheduler not installed or not reachable, an unknown
    ``MTQA_START_METHOD``; the message says why."""


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def pool_context() -> multiprocessing.context.BaseContext:
    """How worker processes start: forked from a warm fork server where there is one, else spawned.

    A spawned worker imports mtqa and fills its caches (language profiles, patterns, word
    lists) itself: about a second of CPU per worker per run, a tenth of what two workers
    check in 10 MB. The ``forkserver`` method (Linux and most Unixes) starts one clean server
    process, which imports ``PREWARM_MODULE`` once; workers are forked from it, so they start
    warm, and the server is reused by every later pool of this process. Unlike a plain
    ``fork`` of the caller, this is safe when the caller has threads (a notebook kernel, a
    web server). Set ``MTQA_START_METHOD=spawn`` (or ``fork``) to choose another method.
    """
    methods = multiprocessing.get_all_start_methods()
    method = os.environ.get("MTQA_START_METHOD") or ("forkserver" if "forkserver" in methods else "spawn")
    if method not in methods:
        known = ", ".join(methods)
        raise SchedulerError(f"MTQA_START_METHOD={method!r} cannot start workers here (use one of: {known})")
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        # "__main__" is the default preload (a script's own detectors stay importable), and
        # the list only matters before the server starts, at this process's first pool.
        context.set_forkserver_preload(["__main__", PREWARM_MODULE])
    return context


def start_early(argv: Sequence[str]) -> bool:
    """Start the fork server now if ``argv`` (the command's arguments) will check in a pool.

    Only a guess from the arguments, made before any parsing: a wrong guess costs a server
    that warms up for nothing and exits with the command, never a different result, and
    the command parses (and reports on) its arguments itself afterwards. A run checks in a
    pool with ``check --jobs N`` (N > 1), or with no ``--jobs`` on a machine of several
    cores when the files named (and, for a folder, the first ``WALK_ENTRIES`` entries found
    under it) add up to ``AUTO_MIN_BYTES``; not with ``--scheduler``, a
    correction model or ``--help``, nor when the fork server is not the start method.
    """
    if not _wants_pool(list(argv)):
        return False
    try:
        context = pool_context()
    except SchedulerError:
        return False  # the run itself reports it
    if context.get_start_method() != "forkserver":
        return False
    from multiprocessing import forkserver

    forkserver.ensure_running()
    return True


#: The options of ``check`` that take no value (a test keeps this in step with the command);
#: any other option is taken to have one, so that ``-o out.jsonl`` is not counted as an input.
CHECK_FLAGS = frozenset(
    {
        "--all-sentences",
        "--allow-download",
        "--example",
        "--exit-zero",
        "--isolated",
        "--model-context",
        "--model-verbose",
        "--preview",
        "--statistics",
    }
)


def _wants_pool(argv: list[str]) -> bool:
    if not argv or argv[0] != "check":
        return False
    jobs: int | None = None
    paths: list[str] = []
    args = iter(argv[1:])
    for arg in args:
        if arg == "--":
            paths.extend(args)
            break
        if not arg.startswith("-") or arg == "-":
            paths.append(arg)
            continue
        if arg.startswith("--"):
            name, equals, value = arg.partition("=")
            inline = bool(equals)
        else:  # a short option: "-j4", "-j", "-o"
            name, value = arg[:2], arg[2:]
            inline = bool(value)
        if name in CHECK_FLAGS:
            continue
        if not inline:
            value = next(args, "")
        if name in ("--scheduler", "--model", "--help", "-h"):
            return False  # a Dask cluster, one process for the model, or no run at all
        if name in ("--jobs", "-j"):
            jobs = int(value) if value.isascii() and value.isdigit() and len(value) < 6 else None
    if jobs is not None:
        return jobs > 1
    if cores() < 2:
        return False
    total = 0
    budget = [WALK_ENTRIES]
    for path in paths:
        with contextlib.suppress(OSError, ValueError):  # ValueError: a path with a NUL
            total += os.path.getsize(path) if os.path.isfile(path) else _folder_bytes(path, budget)
        if total >= AUTO_MIN_BYTES:
            return True
    return False


#: At most this many directory entries are looked at to size the folders named (a guess only).
WALK_ENTRIES = 2000


def _folder_bytes(path: str, budget: list[int]) -> int:
    """The bytes of the files under ``path``, counted until ``AUTO_MIN_BYTES`` or until
    ``budget[0]`` directory entries have been seen (hidden ones, such as .git, skipped)."""
    total = 0
    folders = [path]
    while folders and budget[0] > 0 and total < AUTO_MIN_BYTES:
        with contextlib.suppress(OSError), os.scandir(folders.pop()) as entries:
            for entry in entries:
                budget[0] -= 1
                if budget[0] <= 0 or total >= AUTO_MIN_BYTES:
                    break
                if entry.name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                elif entry.is_file():
                    total += entry.stat().st_size
    return total
