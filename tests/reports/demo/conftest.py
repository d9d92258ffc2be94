"""The forms on the `small` demo province, seeded once for the module (the demo loads its
own catalog)."""

import pytest
from django.db import transaction

from thidua.demo.generator import seed


@pytest.fixture(autouse=True)
def catalog():
    """The demo's catalog, not the one the other statistics tests load."""


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield seed("small")
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
