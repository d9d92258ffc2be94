"""A provincial movement whose registration deadline (31/03/2026) drives the reminders: every
unit with people under the root takes part (Sở A, Phòng A1, Sở B)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import make_person
from thidua.movements import services as movement_services

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DEADLINE = dt.date(2026, 3, 31)


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=VN)


@pytest.fixture
def movement(tree, secretariat):
    for key in ("a", "a1", "b"):
        make_person(tree[key], f"Cán bộ {key}")
    return movement_services.movement_create(
        actor=secretariat, organiser=tree["root"], name="Phong trào thi đua năm 2026", year=2026,
        starts_on=dt.date(2026, 1, 2), ends_on=dt.date(2026, 12, 31), registration_deadline=DEADLINE,
        milestones=[movement_services.MilestoneInput("so_ket", dt.date(2026, 6, 30), "Sơ kết 6 tháng")])
