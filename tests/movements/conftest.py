import datetime as dt

import pytest

from tests.conftest import make_person
from thidua.movements import services


@pytest.fixture
def staff(tree):
    """One person in each unit below the root: units with people are the ones that register."""
    return {key: make_person(tree[key], name) for key, name in
            (("a", "Lê Thị Mai"), ("a1", "Trịnh Văn Tùng"), ("b", "Phan Thị Hoa"))}


@pytest.fixture
def movement(tree, secretariat, staff):
    """The province's yearly movement, the whole tree taking part, with a mid-year review."""
    return services.movement_create(
        actor=secretariat, organiser=tree["root"], name="Phong trào thi đua yêu nước năm 2026", kind="thuong_xuyen",
        year=2026, theme="Đoàn kết, sáng tạo, về đích", starts_on=dt.date(2026, 1, 2), ends_on=dt.date(2026, 12, 31),
        registration_deadline=dt.date(2026, 3, 31),
        milestones=[services.MilestoneInput("so_ket", dt.date(2026, 6, 30), "Sơ kết 6 tháng")])
