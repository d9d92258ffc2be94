"""Registration fixtures on the shared tree: a second person in Phòng A1, the head of Sở A
(covering Phòng A1), and a provincial movement with a registration deadline."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import make_person, make_user
from thidua.core.roles import Role
from thidua.movements.models import Movement, Participant

YEAR = 2026
VN = ZoneInfo("Asia/Ho_Chi_Minh")
# Registration season: before the movement's deadline (31/03) …
BEFORE_DEADLINE = dt.datetime(2026, 2, 10, 9, 0, tzinfo=VN)
# … and after it.
AFTER_DEADLINE = dt.datetime(2026, 4, 2, 9, 0, tzinfo=VN)


@pytest.fixture
def season(time_machine):
    time_machine.move_to(BEFORE_DEADLINE, tick=False)


@pytest.fixture
def colleague(tree):
    return make_person(tree["a1"], "Trần Thị Hoa", gender="nu", birth_date=dt.date(1990, 5, 6))


@pytest.fixture
def head_a1(tree):
    return make_user("thutruong_a1", Role.UNIT_HEAD, tree["a1"], "Đặng Thị Mai")


@pytest.fixture
def movement(tree):
    """The province's yearly movement for 2026: every unit of the province takes part."""
    m = Movement.objects.create(organiser=tree["root"], name="Phong trào thi đua yêu nước năm 2026", year=YEAR,
                                registration_deadline=dt.date(2026, 3, 31))
    Participant.objects.create(movement=m, unit=tree["root"], subtree=True)
    return m
