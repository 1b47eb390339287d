"""A mapping that leaves memory for a temporary SQLite file once it grows past a size.

A corpus rule must see a whole feed before it can judge any document: N102 keeps every
distinct name of the run (about a quarter of a kilobyte each), and a feed of 1 GB can
bring a million of them. Past ``SPILL_AT`` entries the parent of a run moves them into a
``SpilledMapping``: a private on-disk SQLite database (``sqlite3.connect("")``: SQLite
creates it in its temporary folder, ``SQLITE_TMPDIR`` or ``TMPDIR`` or else ``/var/tmp``,
unlinked at once, so nothing is left behind even when the process is killed), read and
written in batches. Memory then stays flat whatever the number of names, at the cost of a
few microseconds per name; a run with fewer names never touches the disk, and where no such
file can be made the mapping stays in memory.
"""

from __future__ import annotations

import pickle
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from typing import Any

#: Entries kept in memory before a mapping moves to disk (N102: about 25 MB of names).
SPILL_AT = 100_000
#: SQLite's limit on parameters per statement is 32,766 (999 before 3.32): stay well below.
_CHUNK = 500


class SpilledMapping(MutableMapping[str, Any]):
    """str -> picklable value, in a temporary SQLite database; ``get_many`` and ``update`` work in batches."""

    def __init__(self, items: Iterable[tuple[str, Any]] = ()) -> None:
        # Used by one thread at a time, not always the one that made it (a Dask worker's tasks).
        self._db = sqlite3.connect("", check_same_thread=False)
        self._db.execute("PRAGMA journal_mode = OFF")  # a scratch database: nothing to recover
        self._db.execute("PRAGMA synchronous = OFF")
        self._db.execute("CREATE TABLE entries (key TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID")
        self.update(items)

    def __getitem__(self, key: str) -> Any:
        row = self._db.execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
        if row is None:
            raise KeyError(key)
        return pickle.loads(row[0])

    def __setitem__(self, key: str, value: Any) -> None:
        self.update([(key, value)])

    def __delitem__(self, key: str) -> None:
        if self._db.execute("DELETE FROM entries WHERE key = ?", (key,)).rowcount == 0:
            raise KeyError(key)

    def __contains__(self, key: object) -> bool:
        return self._db.execute("SELECT 1 FROM entries WHERE key = ?", (key,)).fetchone() is not None

    def __iter__(self) -> Iterator[str]:
        for (key,) in self._db.execute("SELECT key FROM entries"):
            yield key

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM entries").fetchone()[0]

    def items(self) -> Iterator[tuple[str, Any]]:  # type: ignore[override]  # one query, not one per key
        for key, value in self._db.execute("SELECT key, value FROM entries"):
            yield key, pickle.loads(value)

    def get_many(self, keys: Iterable[str]) -> dict[str, Any]:
        """The entries of ``keys`` that exist, in a few queries."""
        wanted = list(keys)
        found: dict[str, Any] = {}
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for key, value in self._db.execute(f"SELECT key, value FROM entries WHERE key IN ({marks})", chunk):
                found[key] = pickle.loads(value)
        return found

    def update(self, other: Mapping[str, Any] | Iterable[tuple[str, Any]] = (), /, **kwargs: Any) -> None:  # type: ignore[override]
        pairs = other.items() if isinstance(other, Mapping) else other
        rows = ((key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)) for key, value in pairs)
        self._db.executemany("INSERT OR REPLACE INTO entries (key, value) VALUES (?, ?)", rows)
        if kwargs:
            self.update(kwargs)

    def close(self) -> None:
        """Delete the database now (otherwise it goes with this object)."""
        self._db.close()

    def __reduce__(self) -> tuple[Any, ...]:
        return (dict, (list(self.items()),))  # travels as a plain dict


def get_many(mapping: Mapping[str, Any], keys: Iterable[str]) -> Mapping[str, Any]:
    """What ``mapping`` holds of ``keys``: the mapping itself when in memory, a batch read when spilled."""
    return mapping.get_many(keys) if isinstance(mapping, SpilledMapping) else mapping


def spill_if_large(mapping: MutableMapping[str, Any], limit: int | None = None) -> MutableMapping[str, Any]:
    """``mapping``, moved to a SpilledMapping once it holds more than ``limit`` (``SPILL_AT``) entries."""
    limit = SPILL_AT if limit is None else limit
    if isinstance(mapping, SpilledMapping) or len(mapping) <= limit:
        return mapping
    try:
        spilled = SpilledMapping(mapping.items())
    except sqlite3.Error:  # no temporary folder to write in, or a full disk: stay in memory
        return mapping
    mapping.clear()
    return spilled
