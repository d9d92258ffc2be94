"""The one business error type. Messages are Vietnamese constants that tests import."""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied


class ApplicationError(Exception):
    """A refusal the user can act on; views show `message`, the API maps it to 400."""

    def __init__(self, message: str, extra: dict[str, Any] | None = None):
        super().__init__(message)
        self.message = message
        self.extra = extra or {}


class PermissionDenied(ApplicationError, DjangoPermissionDenied):
    """The user may see the record but not do this to it; Django answers 403."""
