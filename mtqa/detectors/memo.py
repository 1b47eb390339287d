"""A per-document cache for the analyses that several rules share (quotes, capitals, code lines).

Several rules ask for the same analysis of the same document in turn (C101 and C102 share
one pass over the capitals, P201 and P301 one matching of the quotes). ``functools.lru_cache``
keyed on the segments tuple hashes and compares every Segment of the document on every call,
which cost more than some of the analyses it saved. The engine hands every rule the same
``Document.segments`` tuple, so its identity is the key here: the cache holds a reference to
the tuple, so the identity cannot be reused while the entry lives, and an equal tuple that is
another object (a re-built document) is simply analysed again.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

R = TypeVar("R")


def per_document(maxsize: int = 8) -> Callable[[Callable[..., R]], Callable[..., R]]:
    """Cache ``func(segments, *args)`` on the identity of ``segments`` and the other (hashable) args."""

    def decorate(func: Callable[..., R]) -> Callable[..., R]:
        entries: OrderedDict[tuple[int, tuple[Any, ...]], tuple[Any, R]] = OrderedDict()
        lock = threading.Lock()

        @functools.wraps(func)
        def cached(segments: Any, *args: Any) -> R:
            key = (id(segments), args)
            with lock:
                hit = entries.get(key)
                if hit is not None and hit[0] is segments:
                    entries.move_to_end(key)
                    return hit[1]
            result = func(segments, *args)
            with lock:
                entries[key] = (segments, result)
                entries.move_to_end(key)
                while len(entries) > maxsize:
                    entries.popitem(last=False)
            return result

        return cached

    return decorate
