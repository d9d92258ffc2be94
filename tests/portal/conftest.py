"""The public portal's records, on the shared tree: a province decision for person_a that
the secretariat published, one for person_b it did not (and a draft naming person_b), a
movement under way launched by a directive with its milestones, one never launched by a
document and one that ended. `PRIVATE` lists what of the two people must never reach a
public page."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.conftest import make_user
from tests.decisions.conftest import make_draft, sign
from thidua.catalog import services as catalog_services
from thidua.core.roles import Role
from thidua.decisions import services as decisions
from thidua.decisions.services import RecipientSpec
from thidua.documents import services as documents
from thidua.movements import services as movements
from thidua.movements.services import MilestoneInput

# Birth dates (as pages would print them, and as ISO), CCCD and positions of person_a and person_b.
PRIVATE = ["14/03/1985", "1985-03-14", "001085012345", "02/07/1990", "1990-07-02", "Chuyên viên", "Bác sĩ",
           "Giới tính", "Ngày sinh", "CCCD"]


@pytest.fixture(autouse=True)
def catalog(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.THIDUA_PROVINCE_NAME = ""
    return catalog_services.catalog_load()


@pytest.fixture
def chairman(tree):
    return make_user("chutich", Role.UNIT_HEAD, tree["root"], "Võ Văn Chủ")


@pytest.fixture
def published(secretariat, chairman, tree, person_a):
    draft = make_draft(secretariat, tree["root"], RecipientSpec(
        kind="BK_TINH", year=2025, person=person_a, achievement="Hoàn thành xuất sắc nhiệm vụ"),
        summary="Về việc tặng Bằng khen của Chủ tịch UBND tỉnh năm 2025")
    signed = sign(chairman, draft, issued_on=dt.date(2026, 7, 2), number="15/QĐ-UBND")
    return decisions.decision_publish(actor=secretariat, decision=signed)


@pytest.fixture
def unpublished(secretariat, chairman, tree, person_b):
    draft = make_draft(secretariat, tree["root"], RecipientSpec(
        kind="BK_TINH", year=2025, person=person_b, achievement="Thành tích chưa công khai"),
        summary="Về việc tặng Bằng khen đợt chưa công khai")
    return sign(chairman, draft, issued_on=dt.date(2026, 8, 3), number="27/QĐ-UBND")


@pytest.fixture
def draft_b(secretariat, tree, person_b):
    return make_draft(secretariat, tree["root"], RecipientSpec(kind="BK_TINH", year=2026, person=person_b),
                      summary="Dự thảo chưa ký")


def _directive(actor, unit, number, day):
    return documents.document_create(actor=actor, unit=unit, number=number, kind="chi_thi", issued_on=day,
                                     issuer="UBND tỉnh Thử Nghiệm",
                                     summary="Về việc phát động phong trào thi đua yêu nước năm")


@pytest.fixture
def running(secretariat, tree):
    today = timezone.localdate()
    return movements.movement_create(
        actor=secretariat, organiser=tree["root"], name="Phong trào thi đua Chuyển đổi số", kind="chuyen_de",
        year=today.year, theme="Đoàn kết, sáng tạo, chuyển đổi số toàn diện",
        aims="Mục đích nội bộ không công khai", targets="Chỉ tiêu nội bộ 95%",
        starts_on=dt.date(today.year, 1, 1), ends_on=dt.date(today.year, 12, 31),
        document=_directive(secretariat, tree["root"], "01/CT-UBND", dt.date(today.year, 1, 2)),
        milestones=[MilestoneInput("so_ket", dt.date(today.year, 6, 30), "Sơ kết 6 tháng"),
                    MilestoneInput("tong_ket", dt.date(today.year, 12, 15), "Tổng kết năm")])


@pytest.fixture
def not_launched(secretariat, tree):
    today = timezone.localdate()
    return movements.movement_create(actor=secretariat, organiser=tree["root"], name="Phong trào chưa có văn bản",
                                     year=today.year, starts_on=dt.date(today.year, 1, 1),
                                     ends_on=dt.date(today.year, 12, 31))


@pytest.fixture
def ended(secretariat, tree):
    today = timezone.localdate()
    return movements.movement_create(
        actor=secretariat, organiser=tree["root"], name="Phong trào đã kết thúc", year=today.year - 2,
        starts_on=dt.date(today.year - 2, 1, 1), ends_on=dt.date(today.year - 2, 12, 31),
        document=_directive(secretariat, tree["root"], "02/CT-UBND", dt.date(today.year - 2, 1, 2)))
