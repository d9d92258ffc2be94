"""A task for the worker tests: it leaves a file, so the test sees it ran."""

from pathlib import Path

from django_tasks import task


@task()
def leave_note(path: str, text: str) -> str:
    Path(path).write_text(text, encoding="utf-8")
    return text
