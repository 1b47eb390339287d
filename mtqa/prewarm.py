"""Warm a process's shared caches before it checks text; the process pool's fork server imports this.

Every process that checks text first loads what the detectors share: langdetect's 55
language profiles, some hundred compiled patterns, the word lists and wordfreq's tables.
That costs about a second of CPU, once per process, which a spawned worker pays again on
every run. A pool started with the ``forkserver`` method (see ``mtqa.fork_server``) imports
this module once, in the server, and every worker forked from it starts with those caches
filled (shared copy-on-write with the server). Importing it anywhere else works too, but
freezes every object that process holds at that moment out of the garbage collector's reach
(``gc.freeze``, below): meant for a process that is about to fork.
"""

from __future__ import annotations

import gc

from mtqa.document import Document
from mtqa.engine import Engine, RunOptions
from mtqa.inputs import example_bytes
from mtqa.rules import Selection


def warm() -> None:
    """Run every rule, preview ones too, over the example article split in two documents."""
    text = example_bytes().decode("utf-8")
    middle = text.find("\n", len(text) // 2) + 1 or len(text)
    documents = [Document.from_text(text[:middle], id="a"), Document.from_text(text[middle:], id="b")]
    Engine(RunOptions(selection=Selection(preview=True))).check_documents(documents)
    from langdetect.detector_factory import init_factory

    init_factory()  # the profiles, even when no line of the article needed them


warm()
# The fork server forks every worker from this state. Moved out of the collector's reach,
# the warm objects are never walked by a worker's garbage collection, which would write to
# each object's header and so copy its page into the worker (copy-on-write).
gc.freeze()
