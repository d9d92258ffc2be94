"""The demo province's tests. They run on SQLite only: the demo is what `make demo` seeds into
SQLite, and each of them seeds the `small` province again (the page-words walk walks it
for a minute and a half). The seeder on PostgreSQL is exercised by the production stage,
which seeds `small` into its cluster and drives it (tests/prod), and by `make bench`, which
seeds `province`. So `make test` stays inside its 15 minutes."""

from pathlib import Path

import pytest
from django.db import connection

from thidua.demo.generator import seed

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    if connection.vendor == "sqlite":
        return
    on_sqlite_only = pytest.mark.skip(reason="the demo's tests run on SQLite, the demo's database")
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(on_sqlite_only)


@pytest.fixture
def small(db):
    """The small demo province, seeded into the test database."""
    return seed("small")
