"""Reward money: every amount of LAW.md §E's table, base salary by date, rounding, payable."""

import datetime as dt

import pytest

from thidua.rules import RulesetError, payable, reward_amount
from thidua.rules.money import amount, base_salary

AFTER = "2026-07-01"  # base salary 2,530,000 (Decree 161/2026)

# LAW.md §E, column "Amount at 2,530,000 (rounded up)", for the codes the engine knows.
TABLE = [
    ("CSTD_TQ", "individual", 11_390_000),
    ("CSTD_TINH", "individual", 7_590_000),
    ("CSTDCS", "individual", 2_530_000),
    ("LDTT", "individual", 760_000),
    ("CSTT", "individual", 760_000),
    ("TTLDXS", "collective", 3_800_000),
    ("DVQT", "collective", 3_800_000),
    ("TTLDTT", "collective", 2_030_000),
    ("DVTT", "collective", 2_030_000),
    ("TDPVH", "collective", 3_800_000),
    ("CO_CP", "collective", 30_360_000),
    ("CO_TINH", "collective", 20_240_000),
    ("HCLD1", "individual", 22_770_000),
    ("HCLD1", "collective", 45_540_000),
    ("HCLD2", "individual", 18_980_000),
    ("HCLD2", "collective", 37_950_000),
    ("HCLD3", "individual", 11_390_000),
    ("HCLD3", "collective", 22_770_000),
    ("BK_TTG", "individual", 8_860_000),
    ("BK_TTG", "collective", 17_710_000),
    ("BK_TINH", "individual", 3_800_000),
    ("BK_TINH", "collective", 7_590_000),
    ("BK_TINH", "household", 5_700_000),
    ("GK", "individual", 760_000),
    ("GK", "collective", 1_520_000),
    ("GK", "household", 1_140_000),
]


@pytest.mark.parametrize(("code", "kind", "expected"), TABLE)
def test_law_table(code, kind, expected):
    assert reward_amount(code, kind, AFTER) == expected


@pytest.mark.parametrize(("coefficient", "expected"), [
    (2.0, 5_060_000),    # xã, phường, đặc khu tiêu biểu, Decree 152 Art. 50(2)(c)
    (6.0, 15_180_000),   # cờ thi đua quân khu…/Đại học Quốc gia, Art. 50(2)(g)
    (31.0, 78_430_000),  # Anh hùng (collective), Art. 52
])
def test_law_table_rows_without_an_engine_code(coefficient, expected):
    assert amount(coefficient, 2_530_000) == expected


def test_base_salary_by_effective_date():
    assert base_salary(dt.date(2023, 7, 1)) == 1_800_000
    assert base_salary(dt.date(2024, 6, 30)) == 1_800_000
    assert base_salary(dt.date(2024, 7, 1)) == 2_340_000
    assert base_salary(dt.date(2026, 6, 30)) == 2_340_000
    assert base_salary(dt.date(2026, 7, 1)) == 2_530_000
    with pytest.raises(RulesetError):
        base_salary(dt.date(2023, 6, 30))


def test_rounding_is_up_to_ten_thousand_and_exact_products_stay():
    assert amount(0.3, 2_340_000) == 710_000      # 702,000 rounds up
    assert amount(4.5, 2_340_000) == 10_530_000   # exact: no float drift upward
    assert amount(0.8, 2_340_000) == 1_880_000    # 1,872,000
    assert amount(0.3, 2_530_000, round_up_to=1_000) == 759_000


def test_decisions_before_the_2026_raise_use_2_340_000():
    assert reward_amount("LDTT", "individual", "2025-12-20") == 710_000
    assert reward_amount("BK_TINH", "individual", "2025-12-20") == 3_510_000


def test_decree_98_coefficients_for_decisions_before_july_2025():
    assert reward_amount("BK_TINH", "individual", "2025-03-01") == 2_340_000  # 1.0 × under Decree 98
    assert reward_amount("CSTDCS", "individual", "2024-03-01") == 1_800_000   # base of Decree 24/2023
    with pytest.raises(RulesetError):
        reward_amount("HCLD3", "individual", "2025-03-01")  # Decree 98 order coefficients not encoded


def test_no_coefficient_for_an_unpaid_kind():
    with pytest.raises(RulesetError):
        reward_amount("GDVH", "household", AFTER)
    with pytest.raises(RulesetError):
        reward_amount("LDTT", "individual", "2023-12-01")  # before Law 2022 took effect


def test_explicit_ruleset():
    assert reward_amount("BK_TINH", "individual", "2025-03-01", ruleset="2025") == 3_510_000


def test_only_the_highest_title_of_one_period_is_paid():
    assert payable(["LDTT", "CSTDCS"]) == ["CSTDCS"]
    assert payable(["LDTT", "CSTDCS", "CSTD_TINH"]) == ["CSTD_TINH"]
    assert payable(["TTLDTT", "TTLDXS"], "collective") == ["TTLDXS"]


def test_forms_are_paid_beside_titles():
    assert payable(["LDTT", "CSTDCS", "GK", "BK_TINH"]) == ["CSTDCS", "GK", "BK_TINH"]
    assert payable(["GK"]) == ["GK"]
    assert payable([]) == []
