"""Keep the demo's background worker alive: a worker that exits (killed, crashed) is
started again after a pause that grows while it keeps failing, so reminders and certificate
batches do not silently stop while the demo's web server runs on."""

import subprocess
import threading
import time
from collections.abc import Callable, Sequence

FIRST_WAIT = 1.0
LONGEST_WAIT = 30.0
# A worker that ran this long before exiting was healthy: the next pause starts short again.
HEALTHY_AFTER = 60.0


class WorkerSupervisor:
    """Runs COMMAND as a child process and restarts it whenever it exits, until `stop()`.

    SAY receives one Vietnamese line per start and per exit (the demo prints them)."""

    def __init__(self, command: Sequence[str], *, say: Callable[[str], None] = print,
                 first_wait: float = FIRST_WAIT, longest_wait: float = LONGEST_WAIT):
        self.command = list(command)
        self.say = say
        self.first_wait, self.longest_wait = first_wait, longest_wait
        self.process: subprocess.Popen | None = None
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._watcher = threading.Thread(target=self._watch, name="worker-supervisor", daemon=True)

    def start(self) -> subprocess.Popen:
        self._spawn()
        self._watcher.start()
        return self.process

    def _spawn(self) -> None:
        with self._lock:
            if self._stopping.is_set():
                return
            # Its own session: Ctrl-C in the terminal stops the demo, which then stops the
            # worker itself, rather than killing the worker first and seeing it "die".
            self.process = subprocess.Popen(self.command, start_new_session=True)  # noqa: S603 — our own command
            self.say(f"Tiến trình nền (thidua worker) đã chạy, mã tiến trình {self.process.pid}.")

    def _watch(self) -> None:
        wait = self.first_wait
        while not self._stopping.is_set():
            started = time.monotonic()
            code = self.process.wait()
            if self._stopping.is_set():
                return
            if time.monotonic() - started > HEALTHY_AFTER:
                wait = self.first_wait
            self.say(f"Tiến trình nền đã dừng (mã thoát {code}); khởi động lại sau {wait:g} giây.")
            if self._stopping.wait(wait):
                return
            wait = min(wait * 2, self.longest_wait)
            self._spawn()

    def stop(self, timeout: float = 10) -> None:
        """Stop restarting, then stop the worker: politely, then by force after TIMEOUT."""
        with self._lock:
            self._stopping.set()
            process = self.process
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if self._watcher.is_alive():
            self._watcher.join(timeout=timeout)
