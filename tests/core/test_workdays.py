"""The working-day calendar: announced days off, computed holidays, and the arithmetic."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from thidua.core import workdays
from thidua.core.workdays import (
    HolidayDataError,
    add_working_days,
    holidays,
    is_working_day,
    read_holiday_yaml,
    working_days_between,
)

D = dt.date


@pytest.mark.parametrize(
    ("day", "working", "why"),
    [
        (D(2025, 4, 30), False, "30/4/2025 is a Wednesday and a holiday"),
        (D(2025, 5, 2), False, "Friday 2/5/2025 swapped for Saturday 26/4"),
        (D(2025, 4, 26), True, "Saturday 26/4/2025 is worked (làm bù)"),
        (D(2025, 4, 29), True, "an ordinary Tuesday"),
        (D(2025, 1, 27), False, "Tết 2025: 25/1–2/2"),
        (D(2025, 2, 3), True, "the first day back after Tết 2025"),
        (D(2025, 4, 7), False, "Giỗ Tổ 2025 (10/3 lunar) is Monday 7/4"),
        (D(2025, 9, 1), False, "Quốc khánh 2025: Monday 1/9 is the adjacent day"),
        (D(2026, 1, 2), False, "Friday 2/1/2026 swapped"),
        (D(2026, 1, 10), True, "Saturday 10/1/2026 is worked (làm bù)"),
        (D(2026, 2, 16), False, "Tết 2026: 14/2–22/2"),
        (D(2026, 2, 20), False, "Tết 2026: 14/2–22/2"),
        (D(2026, 2, 23), True, "the first day back after Tết 2026"),
        (D(2026, 4, 27), False, "Giỗ Tổ 2026 falls on Sunday 26/4: Monday off"),
        (D(2026, 4, 28), True, "an ordinary Tuesday between two breaks"),
        (D(2024, 2, 8), False, "Tết 2024: 8/2–14/2"),
        (D(2024, 4, 29), False, "Monday 29/4/2024 swapped"),
        (D(2024, 5, 4), True, "Saturday 4/5/2024 is worked (làm bù)"),
        (D(2024, 9, 3), False, "Quốc khánh 2024: 31/8–3/9"),
        (D(2024, 11, 23), False, "an ordinary Saturday"),
        (D(2024, 11, 24), False, "an ordinary Sunday"),
    ],
)
def test_known_days(day, working, why):
    assert is_working_day(day) is working, why


def test_tet_2026_is_the_announced_week():
    tet = {d for d in holidays(2026) if d.month == 2}
    assert tet == {D(2026, 2, day) for day in range(14, 23)}


def test_an_unlisted_year_is_computed_from_the_lunar_calendar():
    days = holidays(2030)
    # Tết Canh Tuất: mùng 1 on Saturday 2/2/2030; the eve is Friday 1/2.
    assert {D(2030, 2, 1), D(2030, 2, 2), D(2030, 2, 3), D(2030, 2, 4), D(2030, 2, 5)} <= days
    # Saturday 2/2 and Sunday 3/2 are compensated on the next free weekdays.
    assert {D(2030, 2, 6), D(2030, 2, 7)} <= days
    assert is_working_day(D(2030, 2, 8))
    # Giỗ Tổ 10/3 lunar = Friday 12/4/2030; 30/4 Tuesday; 1/5 Wednesday.
    assert {D(2030, 4, 12), D(2030, 4, 30), D(2030, 5, 1)} <= days
    # 2/9/2030 is a Monday: the adjacent day is Tuesday 3/9.
    assert {D(2030, 9, 2), D(2030, 9, 3)} <= days


def test_a_holiday_on_a_weekend_gets_a_substitute_day():
    # 1/5/2027 is a Saturday: Monday 3/5 is off.
    assert not is_working_day(D(2027, 5, 3))
    assert is_working_day(D(2027, 5, 4))


def test_add_working_days_across_tet():
    # Friday 13/2/2026, the last working day before Tết: one working day later is 23/2.
    assert add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 23)
    # 20 working days from the complete dossier (LAW.md §D4).
    assert add_working_days(D(2026, 2, 2), 20) == D(2026, 3, 9)
    assert working_days_between(D(2026, 2, 2), D(2026, 3, 9)) == 20


def test_zero_days_is_the_day_itself_or_the_next_working_day():
    assert add_working_days(D(2025, 4, 29), 0) == D(2025, 4, 29)
    assert add_working_days(D(2025, 4, 30), 0) == D(2025, 5, 5)
    assert add_working_days(D(2025, 4, 26), 0) == D(2025, 4, 26)


def test_negative_counts_go_backwards():
    assert add_working_days(D(2026, 2, 23), -1) == D(2026, 2, 13)
    assert working_days_between(D(2026, 2, 23), D(2026, 2, 13)) == -1
    assert working_days_between(D(2026, 2, 13), D(2026, 2, 13)) == 0


working_day = st.dates(min_value=D(2016, 1, 1), max_value=D(2034, 12, 31)).filter(is_working_day)
any_day = st.dates(min_value=D(2016, 1, 1), max_value=D(2034, 12, 31))


@hsettings(max_examples=200, deadline=None)
@given(start=any_day, n=st.integers(min_value=0, max_value=300))
def test_the_result_is_always_a_working_day(start, n):
    assert is_working_day(add_working_days(start, n))


@hsettings(max_examples=200, deadline=None)
@given(start=working_day, n=st.integers(min_value=1, max_value=300))
def test_between_inverts_add(start, n):
    assert working_days_between(start, add_working_days(start, n)) == n
    assert add_working_days(add_working_days(start, n), -n) == start


@hsettings(max_examples=100, deadline=None)
@given(a=any_day, b=any_day)
def test_between_is_antisymmetric(a, b):
    assert working_days_between(a, b) == -working_days_between(b, a)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("years:\n  2025:\n    occasions:\n      tet: {from: 2025-02-30, to: 2025-02-02, source: x}\n",
         "years.2025.occasions.tet.from: «2025-02-30» is not a date"),
        ("years:\n  2025:\n    occasions:\n      tet: {from: 2025-02-02, to: 2025-01-25, source: x}\n",
         "is before"),
        ("years:\n  2025:\n    occasions:\n      easter: {from: 2025-04-20, to: 2025-04-20, source: x}\n",
         "unknown occasion"),
        ("years:\n  2025:\n    occasions:\n      tet: {from: 2025-01-25, to: 2025-02-02}\n",
         "needs a 'source'"),
        ("years:\n  2025:\n    working_saturdays:\n      - {date: 2025-04-27, source: x}\n",
         "is not a Saturday"),
        ("years:\n  2025:\n    occasions:\n      tet: {from: 2024-01-25, to: 2024-02-02, source: x}\n",
         "does not belong to 2025"),
        ("nothing: here\n", "expected a mapping"),
        ("years: [1, 2\n", "not valid YAML"),
    ],
)
def test_bad_data_is_refused_with_its_place(text, message):
    with pytest.raises(HolidayDataError, match=message):
        read_holiday_yaml(text, "holidays.yaml")


def test_the_shipped_file_is_valid_and_every_entry_has_a_source():
    data = read_holiday_yaml(workdays._holidays_file().read_text(encoding="utf-8"))
    assert {2024, 2025, 2026} <= set(data)


def test_a_broken_file_is_refused_on_load(tmp_path, settings):
    path = tmp_path / "holidays.yaml"
    path.write_text("years:\n  2025:\n    working_saturdays:\n      - {date: 26/04/2025, source: x}\n")
    settings.THIDUA_HOLIDAYS_FILE = path
    workdays.clear_cache()
    try:
        with pytest.raises(HolidayDataError, match="not a date"):
            is_working_day(D(2025, 4, 26))
    finally:
        settings.THIDUA_HOLIDAYS_FILE = workdays.settings.DATA_DIR / "holidays.yaml"
        workdays.clear_cache()
