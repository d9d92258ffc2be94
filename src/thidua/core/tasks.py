"""The one door to background work (DESIGN.md §9): the `task` decorator, re-exported so the
move to Django 6's own `django.tasks` is one line here, and `enqueue`, which queues a task
named by its path.

A service that hands its work to the worker queues the app's task, and that task calls the
service back: naming the task rather than importing it keeps the two modules out of a
circle of imports (tests/architecture/test_layers.py)."""

from importlib import import_module

from django_tasks import task  # noqa: F401  (the decorator of every app's tasks.py)


def enqueue(path: str, *args, **kwargs):
    """Queue the task at PATH ("thidua.printing.tasks.render_certificate_batch") with ARGS
    and KWARGS; returns django-tasks' result (its `id` is the task's id). An unknown path
    raises ImportError or AttributeError at once, not in the worker."""
    module, _, name = path.rpartition(".")
    return getattr(import_module(module), name).enqueue(*args, **kwargs)
