import pytest

from thidua.demo.generator import seed


@pytest.fixture
def small(db):
    """The small demo province, seeded into the test database."""
    return seed("small")
