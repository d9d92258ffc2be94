"""The demo's money goes through the one money function: each award priced by the decree
in force on its decision date (Decree 98/2023 before 01/07/2025, Decree 152/2025 after)."""

import datetime as dt

import pytest

from thidua.awards.models import Award
from thidua.demo.generator import seed


@pytest.fixture
def small(db):
    return seed("small")


def test_awards_are_priced_by_the_decree_of_their_decision_date(small):
    cstdcs = dict(Award.objects.filter(kind="CSTDCS").values_list("decided_on", "money"))
    # CSTĐCS 1.0 under both decrees: the base salary of the day makes the difference.
    assert {money for day, money in cstdcs.items() if dt.date(2024, 7, 1) <= day < dt.date(2026, 7, 1)} == {2_340_000}
    bk_units = list(Award.objects.filter(kind="BK_TINH", unit__isnull=False).values_list("decided_on", "money"))
    for day, money in bk_units:
        if dt.date(2024, 7, 1) <= day < dt.date(2025, 7, 1):
            assert money == 4_680_000  # Decree 98 Art. 58(2)(c): twice the individual's 1.0
        elif dt.date(2025, 7, 1) <= day < dt.date(2026, 7, 1):
            assert money == 7_020_000  # Decree 152 Art. 54: 3.0 × 2,340,000
    assert Award.objects.filter(decided_on__lt=dt.date(2025, 7, 1), money__isnull=False).exists()
    assert Award.objects.filter(decided_on__gte=dt.date(2025, 7, 1), money__isnull=False).exists()
