"""The people sheet's column «Nhóm chức vụ (thống kê)»: the group the award statistics
count a person in (docs/statistics.md)."""

import pytest

from tests.conftest import make_person
from tests.imports.conftest import xlsx_upload
from tests.imports.test_people import messages, parse, row
from thidua.imports import services
from thidua.imports.models import ImportBatch
from thidua.people.models import Person


@pytest.mark.parametrize(("value", "expected"), [
    ("Doanh nhân", "doanh_nhan"), ("doanh nhan", "doanh_nhan"),
    ("Lãnh đạo cấp vụ, sở, ngành và tương đương", "lanh_dao_so"), (None, ""), ("", ""),
])
def test_the_group_is_read_by_its_label(value, expected):
    out = parse([[*row(), value]])
    assert out.errors == [] and out.rows[0].position_group == expected


def test_an_unknown_group_names_the_row_and_the_choices():
    out = parse([[*row(), "Chuyên viên"]])
    (message,) = messages(out)
    assert message.startswith("Dòng 2, cột «Nhóm chức vụ (thống kê)»: giá trị «Chuyên viên» không hợp lệ")
    assert "Doanh nhân" in message


def test_it_sets_new_people_and_fills_a_group_not_set(officer_a, tree):
    known = make_person(tree["a"], "Nguyễn Văn Phóng", cccd="001085012345")
    rows = [
        [tree["a"].code, "Bùi Thị Lan", "Nữ", "02/01/1991", None, "Chuyên viên", 2025, "HTTNV", None, None,
         "Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu (công nhân, nông dân…)"],
        [tree["a"].code, "Nguyễn Văn Phóng", "Nam", None, "001085012345", None, 2025, "HTTNV", None, None,
         "Các cấp lãnh đạo khác từ phó phòng trở lên"],
    ]
    batch = services.import_preview(kind=ImportBatch.Kind.PEOPLE, actor=officer_a, upload=xlsx_upload(rows))
    assert batch.errors == []
    services.import_apply(actor=officer_a, batch=batch)
    assert Person.objects.get(full_name="Bùi Thị Lan").position_group == "truc_tiep"
    known.refresh_from_db()
    assert known.position_group == "lanh_dao_khac"
