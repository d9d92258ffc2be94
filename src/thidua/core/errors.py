"""The one business error type. Messages are Vietnamese constants that tests import."""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import transaction


class ApplicationError(Exception):
    """A refusal the user can act on; views show `message`, the API maps it to 400."""

    def __init__(self, message: str, extra: dict[str, Any] | None = None):
        super().__init__(message)
        self.message = message
        self.extra = extra or {}

    def after_rollback(self) -> None:
        """What must outlive the transaction this refusal rolls back (recording a refused
        attempt, say): run by the owner of the outermost transaction once it has rolled
        back (`run_after_rollback`). Nothing by default."""


def in_transaction() -> bool:
    """Whether a transaction is open around the caller: its owner will decide when it is
    over. (A test case's own transaction does not count, as Django's `durable` ignores it.)"""
    return any(not getattr(block, "_from_testcase", False) for block in transaction.get_connection().atomic_blocks)


def run_after_rollback(exc: BaseException) -> None:
    """Run EXC's `after_rollback` once, now that its transaction is over (a no-op for any
    other exception, or when it ran already)."""
    if isinstance(exc, ApplicationError) and not getattr(exc, "_after_rollback_done", False):
        exc._after_rollback_done = True
        exc.after_rollback()


class PermissionDenied(ApplicationError, DjangoPermissionDenied):
    """The user may see the record but not do this to it; Django answers 403."""
