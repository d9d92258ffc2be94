"""The background task worker, made to outlive its database's bad moments.

django-tasks-db's `db_worker` exits on the first database error outside a task: SQLite's
"database is locked" when a long import holds the write lock past the busy timeout, a
PostgreSQL restart or a killed connection. Nothing restarts it, and certificate batches and
reminder e-mails silently stop. `ResilientWorker` runs the same loop and, on such an error,
logs it, drops the broken connections, waits (1, 2, 4… up to 60 seconds) and goes on. A
task's result that cannot be written yet is retried the same way, so a task that ran is
not left "running" forever.
"""

import logging
import time
from collections.abc import Callable

from django.db import InterfaceError, OperationalError, connections
from django_tasks_db.management.commands.db_worker import Worker

log = logging.getLogger("thidua.worker")

DATABASE_ERRORS = (OperationalError, InterfaceError)
FIRST_WAIT = 1.0
LONGEST_WAIT = 60.0
# An error this long after the last one starts the waits again from the first.
CALM_AFTER = 300.0


class ResilientWorker(Worker):
    """`db_worker`'s Worker that waits out a locked or lost database instead of exiting."""

    def __init__(self, *args, first_wait: float = FIRST_WAIT, longest_wait: float = LONGEST_WAIT, **kwargs):
        super().__init__(*args, **kwargs)
        self.first_wait, self.longest_wait = first_wait, longest_wait
        self._wait = first_wait
        self._last_error = 0.0

    def run(self) -> None:
        while self.running:
            try:
                super().run()
                return  # --batch or --max-tasks: done
            except DATABASE_ERRORS as exc:
                self._recover(exc, "polling for tasks")
            # A restart is no thundering herd: start polling at once.
            self.startup_delay = False

    def run_task(self, db_task_result) -> None:
        # Recording the outcome must not fail for a busy database: the task has run, and a
        # result left unwritten would leave it "running" for good.
        db_task_result.set_successful = self._persisting(db_task_result.set_successful, "saving a task's result")
        db_task_result.set_failed = self._persisting(db_task_result.set_failed, "saving a task's failure")
        super().run_task(db_task_result)

    def _persisting(self, save: Callable, what: str) -> Callable:
        def persist(*args, **kwargs):
            while True:
                try:
                    return save(*args, **kwargs)
                except DATABASE_ERRORS as exc:
                    if not self.running:
                        raise
                    self._recover(exc, what)

        return persist

    def _recover(self, exc: Exception, what: str) -> None:
        now = time.monotonic()
        if now - self._last_error > CALM_AFTER:
            self._wait = self.first_wait
        self._last_error = now
        log.warning("database unavailable while %s (%s: %s); retrying in %.0f s",
                    what, type(exc).__name__, str(exc).strip() or "-", self._wait)
        # A lost connection cannot be reused; the next query opens a new one.
        connections.close_all()
        time.sleep(self._wait)
        self._wait = min(self._wait * 2, self.longest_wait)
