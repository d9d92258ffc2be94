"""A function a lower app calls and a higher app supplies at start-up (`AppConfig.ready`):
how an app hears from one above it without importing it (`thidua.layers`)."""

from collections.abc import Callable
from typing import Any

from django.dispatch import Signal


class Hook:
    """One slot, filled once by the app above. Called before it is filled, it answers
    `unfilled(*args)`: the lower app's own fallback (an empty list, a 404)."""

    def __init__(self, name: str, unfilled: Callable[..., Any]):
        self.name, self._unfilled, self._fill = name, unfilled, None

    def fill(self, function: Callable[..., Any]) -> None:
        self._fill = function

    def __call__(self, *args, **kwargs):
        return (self._fill or self._unfilled)(*args, **kwargs)


# Sent after a bulk write (bulk_create, bulk_update, compiled statements) to a table: no
# post_save is sent for those rows. SENDER is the model; PERSON_IDS the people whose rows
# were written, or None when they are not known. Derived records (the stored verdicts of
# `eligibility`) listen to it as they listen to post_save.
bulk_written = Signal()
