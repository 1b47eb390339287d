"""The mapping that moves to a temporary SQLite file: it behaves as a dict, in batches too."""

from __future__ import annotations

import pickle
import random

import pytest

from mtqa.spill import SpilledMapping, get_many, spill_if_large


def test_it_behaves_as_a_dict_under_random_operations() -> None:
    rng = random.Random(7)
    model: dict[str, object] = {}
    spilled = SpilledMapping()
    for _ in range(3000):
        key = f"k{rng.randrange(400)}"
        op = rng.random()
        if op < 0.5:
            value = (rng.randrange(9), key, frozenset({rng.randrange(3)}))
            model[key] = value
            spilled[key] = value
        elif op < 0.6 and key in model:
            del model[key]
            del spilled[key]
        else:
            assert (key in spilled) == (key in model)
            assert spilled.get(key) == model.get(key)
    assert len(spilled) == len(model)
    assert dict(spilled.items()) == model and set(spilled) == set(model)
    assert spilled == model
    with pytest.raises(KeyError):
        del spilled["absent"]
    with pytest.raises(KeyError):
        spilled["absent"]


def test_batch_reads_and_writes_past_the_statement_limits() -> None:
    spilled = SpilledMapping((f"n{i}", (i, i)) for i in range(2500))
    wanted = [f"n{i}" for i in range(0, 5000, 2)]  # half exist; more keys than one statement takes
    found = spilled.get_many(wanted)
    assert found == {f"n{i}": (i, i) for i in range(0, 2500, 2)}
    spilled.update({"n1": "changed", "new": 1})
    assert spilled["n1"] == "changed" and spilled["new"] == 1 and len(spilled) == 2501
    # It travels as a plain dict (a worker process never sees the file).
    back = pickle.loads(pickle.dumps(spilled))
    assert type(back) is dict and back == dict(spilled.items())
    spilled.close()


def test_only_a_large_mapping_spills() -> None:
    small = {"a": 1, "b": 2}
    assert spill_if_large(small, limit=2) is small
    moved = spill_if_large({"a": 1, "b": 2, "c": 3}, limit=2)
    assert isinstance(moved, SpilledMapping) and dict(moved.items()) == {"a": 1, "b": 2, "c": 3}
    assert spill_if_large(moved, limit=0) is moved
    assert get_many(small, ["a"]) is small  # in memory: look-ups in place
    assert get_many(moved, ["a", "zz"]) == {"a": 1}


def test_without_a_file_to_spill_to_it_stays_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    def refuse(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr("mtqa.spill.sqlite3.connect", refuse)
    names = {"a": 1, "b": 2, "c": 3}
    assert spill_if_large(names, limit=2) is names and names == {"a": 1, "b": 2, "c": 3}


def test_another_thread_may_use_it() -> None:
    """A Dask worker may run the next merge on another thread than the one that spilled."""
    import threading

    spilled = SpilledMapping([("a", 1)])
    seen: list[object] = []
    worker = threading.Thread(target=lambda: (spilled.update({"b": 2}), seen.append(spilled.get_many(["a", "b"]))))
    worker.start()
    worker.join()
    assert seen == [{"a": 1, "b": 2}]
