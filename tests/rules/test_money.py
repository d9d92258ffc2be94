"""The one money computation (`thidua.rules.money`), on tables given here: the version of
the decision date, the base salary of the decision date, rounding (Decree 152 Art. 49(1),
(2)), and which titles are paid beside each other (Art. 49(5))."""

import datetime as dt

import pytest

from thidua.rules import MoneyTable, counting_period, payable
from thidua.rules.codes import TITLE_CODES
from thidua.rules.money import NoBaseSalary, NoCoefficient, SubjectNotAccepted, UnknownKind, amount

D98, D152 = dt.date(2024, 1, 1), dt.date(2025, 7, 1)
KINDS = [
    # Decree 98/2023 Art. 58 (individual 1,0 unconfirmed; collective twice); Decree 152 Art. 54(1)(b).
    ("BK_TINH", D98, 1, ["individual", "collective", "household"], {"individual": "1", "collective": "2"}, "BK"),
    ("BK_TINH", D152, 2, ["individual", "collective", "household"],
     {"individual": "1.5", "collective": "3", "household": "2.25"}, "BK"),
    ("GDVH", D152, 1, ["household"], {"household": None}, "GĐVH"),
]
SALARIES = [(dt.date(2023, 7, 1), 1, 1_800_000, "up", 10_000), (dt.date(2024, 7, 1), 1, 2_340_000, "up", 10_000),
            (dt.date(2026, 7, 1), 1, 2_530_000, "up", 10_000)]
TABLE = MoneyTable(KINDS, SALARIES)


def test_the_decree_in_force_on_the_decision_date_prices_it():
    assert TABLE.amount("BK_TINH", "individual", dt.date(2025, 6, 30)) == 2_340_000  # Decree 98: 1,0
    assert TABLE.amount("BK_TINH", "individual", dt.date(2025, 7, 1)) == 3_510_000   # Decree 152: 1,5
    assert TABLE.amount("BK_TINH", "collective", dt.date(2024, 3, 1)) == 3_600_000   # 2,0 × 1,800,000


def test_a_figure_not_known_is_refused_never_guessed():
    with pytest.raises(NoCoefficient):
        TABLE.amount("BK_TINH", "household", dt.date(2025, 3, 15))  # Decree 98's household figure not read
    with pytest.raises(NoCoefficient):
        TABLE.amount("BK_TINH", "individual", dt.date(2023, 12, 31))  # before the first table encoded
    with pytest.raises(NoBaseSalary):
        MoneyTable(KINDS, SALARIES[1:]).amount("BK_TINH", "individual", dt.date(2024, 3, 1))
    with pytest.raises(UnknownKind):
        TABLE.amount("HCLD3", "individual", dt.date(2025, 8, 1))
    with pytest.raises(SubjectNotAccepted):
        TABLE.amount("GDVH", "individual", dt.date(2025, 8, 1))


def test_no_money_by_law_is_zero():
    assert TABLE.amount("GDVH", "household", dt.date(2026, 8, 1)) == 0


def test_a_later_version_of_the_same_date_wins():
    fixed = MoneyTable([*KINDS, ("BK_TINH", D152, 3, ["individual"], {"individual": "1.6"}, "BK")], SALARIES)
    assert fixed.amount("BK_TINH", "individual", dt.date(2025, 8, 1)) == 3_750_000  # 3,744,000 rounded up


def test_rounding_is_up_to_ten_thousand_and_exact_products_stay():
    assert amount(0.3, 2_340_000) == 710_000      # 702,000 rounds up (Art. 49(2))
    assert amount(4.5, 2_340_000) == 10_530_000   # exact: no float drift upward
    assert amount(0.8, 2_340_000) == 1_880_000    # 1,872,000
    assert amount(0.3, 2_530_000, "up", 1_000) == 759_000
    assert amount(0.3, 2_340_000, "none") == 702_000


def test_counting_periods():
    assert counting_period("CSTDCS", 2025) == (2025, 2025)
    assert counting_period("CSTD_TINH", 2025) == (2023, 2025)  # three CSTĐCS in a row, Law Art. 22(1)(a)
    assert counting_period("CSTD_TQ", 2025) == (2020, 2025)    # two CSTĐ cấp tỉnh in a row, Law Art. 21(1)(a)
    assert counting_period("CSTD_TINH", 2025, 2022, 2024) == (2022, 2024)  # the line's own period
    assert counting_period("BK_TINH", 2025, 2024) == (2024, 2024)


RANK = {"LDTT": 10, "CSTDCS": 20, "CSTD_TINH": 30, "TTLDTT": 10, "TTLDXS": 20, "GK": 5, "BK_TINH": 30}


def test_only_the_highest_title_of_one_period_is_paid():
    assert payable(["LDTT", "CSTDCS"], RANK, TITLE_CODES) == ["CSTDCS"]
    assert payable(["TTLDTT", "TTLDXS"], RANK, TITLE_CODES) == ["TTLDXS"]


def test_forms_are_paid_beside_titles():
    assert payable(["LDTT", "CSTDCS", "GK", "BK_TINH"], RANK, TITLE_CODES) == ["CSTDCS", "GK", "BK_TINH"]
    assert payable(["GK"], RANK, TITLE_CODES) == ["GK"]
    assert payable([], RANK, TITLE_CODES) == []


def test_a_cstd_tinh_and_a_cstdcs_of_one_decision_are_both_paid():
    """One decision for one person: CSTĐ cấp tỉnh 2025 (no period named) and CSTĐCS 2025.
    Their counting times differ (2023–2025 and 2025), so each is paid (Decree 152 Art. 49(5))."""
    groups: dict[tuple[int, int], list[str]] = {}
    for code, year in [("CSTD_TINH", 2025), ("CSTDCS", 2025), ("LDTT", 2025)]:
        groups.setdefault(counting_period(code, year), []).append(code)
    paid = [code for codes in groups.values() for code in payable(codes, RANK, TITLE_CODES)]
    assert paid == ["CSTD_TINH", "CSTDCS"]  # LĐTT shares CSTĐCS's year: only the higher of the two
