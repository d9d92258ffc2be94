"""Running work we cannot trust to end — an officer's Word template is code — in a child
process with a time and memory budget, stopped for sure when it overspends.

Why a forked child and not a check inside the interpreter: a Jinja template can loop
(`range` nested), multiply strings or recurse inside one C call that no Python-level
counter interrupts; only the kernel can stop it. The fork starts in microseconds with every
module already imported and the work's inputs in memory (nothing to pickle on the way in);
RLIMIT_DATA caps the heap the child may add (brk and private writable mappings, which is
what Python objects, lxml trees and malloc arenas grow into), RLIMIT_CPU backs up the
parent's wall clock, and the parent SIGKILLs the child at the deadline. The child never
touches the database or the parent's files: it computes, writes its pickled answer to a
pipe and leaves with os._exit (no atexit, no finalizer, no flush of inherited buffers).
"""

import math
import os
import pickle
import resource
import select
import signal
import time
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

_MEMORY_EXIT = 3
_RESET_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2)


class OverBudget(Exception):
    """The work was stopped: RESOURCE is "time" or "memory"."""

    def __init__(self, resource_name: str):
        super().__init__(resource_name)
        self.resource = resource_name


class ChildFailed(Exception):
    """The child died without an answer (a crash, not a budget)."""


def _data_size() -> int:
    """This process's data segment (VmData) in bytes."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmData:"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # no /proc: a rough bound


def _child(fn: Callable[[], Any], seconds: float, memory: int, out: int) -> None:
    code = 0
    try:
        for signum in _RESET_SIGNALS:  # the server's handlers are not ours to run
            signal.signal(signum, signal.SIG_DFL)
        cpu = math.ceil(seconds) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        limit = _data_size() + memory
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
        try:
            answer = pickle.dumps(fn(), protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            answer, code = b"", _MEMORY_EXIT
        view = memoryview(answer)
        while view:
            view = view[os.write(out, view):]
    except BaseException:  # the parent reads a crash from the exit status
        code = code or 1
    finally:
        os._exit(code)


def run(fn: Callable[[], T], *, seconds: float, memory: int) -> T:
    """FN() computed in a forked child given SECONDS of wall clock and MEMORY bytes of
    heap on top of what it starts with; its answer must pickle. Exceptions FN raises are
    not carried over: FN should return a description of its failure instead.

    Raises OverBudget("time" | "memory") when the child overspends, ChildFailed when it
    dies otherwise."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover -- the child's lines run in the child
        os.close(read_end)
        _child(fn, seconds, memory, write_end)
    os.close(write_end)
    chunks, deadline, late = [], time.monotonic() + seconds, False
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                late = True
                break
            ready, _, _ = select.select([read_end], [], [], left)
            if ready:
                chunk = os.read(read_end, 1 << 16)
                if not chunk:
                    break
                chunks.append(chunk)
    finally:
        os.close(read_end)
        if late:
            os.kill(pid, signal.SIGKILL)
        status = _reap(pid)
    if late or (status is not None and os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU,
                                                                                          signal.SIGKILL)):
        raise OverBudget("time")
    if status is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) == _MEMORY_EXIT:
        raise OverBudget("memory")
    if (status is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) != 0) or not chunks:
        raise ChildFailed(f"child exited with status {status}")
    return pickle.loads(b"".join(chunks))  # noqa: S301 -- written by our own child, through a private pipe


def _reap(pid: int) -> int | None:
    try:
        return os.waitpid(pid, 0)[1]
    except ChildProcessError:  # SIGCHLD ignored by the host process: already reaped
        return None
