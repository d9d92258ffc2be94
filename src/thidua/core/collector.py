"""Python's cyclic garbage collector, held off while a bulk job makes many short-lived objects."""

import contextlib
import gc


@contextlib.contextmanager
def no_gc():
    """Bulk work — a province's facts loaded, a form's PDF laid out — makes many small
    objects that live until it ends; the cyclic collector would walk them again and again
    for nothing (they are freed by reference counts when the work ends). Measured on the
    demo province: judging the collectives, 5 s → under 3 s; a form's PDF, about 5 %."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
