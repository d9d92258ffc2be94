"""core.budget: work run in a child that is stopped past its time or memory."""

import os
import time
from pathlib import Path

import pytest

from thidua.core import budget


def _no_children_left():
    """No child of this process is left running or unreaped (a zombie)."""
    me = str(os.getpid())
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        assert fields[1] != me or fields[0] not in "ZRS", f"child {stat.parent.name} left in state {fields[0]}"


def test_the_answer_comes_back_from_the_child():
    assert budget.run(lambda: {"text": "Thi đua", "n": sum(range(1000))}, seconds=5, memory=20 << 20) == {
        "text": "Thi đua", "n": 499500}
    _no_children_left()


def test_work_past_its_seconds_is_killed_at_the_deadline():
    started = time.monotonic()
    with pytest.raises(budget.OverBudget) as caught:
        budget.run(lambda: sum(1 for _ in iter(int, 1)), seconds=1, memory=20 << 20)
    assert caught.value.resource == "time" and time.monotonic() - started < 3
    _no_children_left()


def test_work_past_its_memory_is_stopped():
    with pytest.raises(budget.OverBudget) as caught:
        budget.run(lambda: len(bytearray(64 << 20)), seconds=5, memory=20 << 20)
    assert caught.value.resource == "memory"
    assert budget.run(lambda: len(bytearray(8 << 20)), seconds=5, memory=20 << 20) == 8 << 20
    _no_children_left()


def test_a_child_that_dies_is_a_failure_not_an_answer():
    with pytest.raises(budget.ChildFailed):
        budget.run(lambda: os._exit(7), seconds=5, memory=20 << 20)
    _no_children_left()
