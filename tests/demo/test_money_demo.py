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
    # CSTĐCS 1.0 under both decrees: the base salary of the day makes the difference (a
    # CSTĐCS decided after the year's LĐTT pays the difference, 1,630,000).
    assert {money for day, money in cstdcs.items() if dt.date(2024, 7, 1) <= day < dt.date(2026, 7, 1)} <= {
        2_340_000, 1_630_000}
    bk_units = list(Award.objects.filter(kind="BK_TINH", unit__isnull=False).values_list("decided_on", "money"))
    for day, money in bk_units:
        if dt.date(2024, 7, 1) <= day < dt.date(2025, 7, 1):
            assert money == 4_680_000  # Decree 98 Art. 58(2)(c): twice the individual's 1.0
        elif dt.date(2025, 7, 1) <= day < dt.date(2026, 7, 1):
            assert money == 7_020_000  # Decree 152 Art. 54: 3.0 × 2,340,000
    assert Award.objects.filter(decided_on__lt=dt.date(2025, 7, 1), money__isnull=False).exists()
    assert Award.objects.filter(decided_on__gte=dt.date(2025, 7, 1), money__isnull=False).exists()


def test_titles_of_one_period_pay_the_highest_and_of_different_periods_each(small):
    """Decree 152 Art. 49(5): LĐTT beside the year's CSTĐCS adds nothing; CSTĐ cấp tỉnh
    (three years counted) is paid beside the year's CSTĐCS."""
    by_key: dict[tuple, dict[str, int | None]] = {}
    for person, year, kind, money in Award.objects.filter(person__isnull=False, is_title=True).values_list(
            "person", "year", "kind", "money"):
        by_key.setdefault((person, year), {})[kind] = money
    pairs = [titles for titles in by_key.values() if {"LDTT", "CSTDCS"} <= set(titles)
             and None not in (titles["LDTT"], titles["CSTDCS"])]
    assert pairs
    for titles in pairs:
        assert titles["LDTT"] + titles["CSTDCS"] in {2_340_000, 1_800_000, 2_530_000}  # CSTĐCS's money only
    both = [titles for titles in by_key.values() if {"CSTD_TINH", "CSTDCS"} <= set(titles)]
    for titles in both:
        assert titles["CSTD_TINH"] and titles["CSTD_TINH"] >= 3 * 1_800_000
