"""The public portal's records, on the shared tree: a province decision for person_a that
the secretariat published, one for person_b it did not (and a draft naming person_b), a
movement under way launched by a directive with its milestones, one never launched by a
document and one that ended; exemplars: one published (with a photo), and one in each
state the public must not see (nominated, returned, approved and not published, withdrawn),
each with a photo. `PRIVATE` lists what of the people must never reach a public page,
`HIDDEN_EXEMPLARS` what of the unseen exemplars."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from tests.conftest import make_person, make_user
from tests.decisions.conftest import make_draft, sign
from thidua.catalog import services as catalog_services
from thidua.core.roles import Role
from thidua.decisions import services as decisions
from thidua.decisions.services import RecipientSpec
from thidua.documents import services as documents
from thidua.exemplars import services as exemplars
from thidua.movements import services as movements
from thidua.movements.services import MilestoneInput

# Birth dates (as pages would print them, and as ISO), CCCD and positions of person_a and person_b.
PRIVATE = ["14/03/1985", "1985-03-14", "001085012345", "02/07/1990", "1990-07-02", "Chuyên viên", "Bác sĩ",
           "Giới tính", "Ngày sinh", "CCCD",
           # … and of the exemplars' people.
           "21/09/1979", "1979-09-21", "036079001122", "05/05/1988", "1988-05-05", "037088009988"]

# Names, headlines and stories of the exemplars the public must not see.
HIDDEN_EXEMPLARS = ["Trần Văn Duyệt", "Phạm Thị Đề Cử", "Hoàng Văn Trả", "Đỗ Thị Thôi", "Chưa công bố tiêu đề",
                    "Câu chuyện chưa công bố"]


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


def png(width=40, height=30) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), (30, 120, 200)).save(buf, "PNG")
    return buf.getvalue()


def add_photo(actor, exemplar, caption=""):
    return exemplars.exemplar_photo_add(actor=actor, exemplar=exemplar, caption=caption,
                                        image=SimpleUploadedFile("chan-dung.png", png(), content_type="image/png"))


def nominate_exemplar(actor, unit, name, year=2025, **person_fields):
    """NAME (a new person of UNIT with an award of YEAR) nominated as an exemplar of YEAR."""
    from thidua.awards.models import Award

    person = make_person(unit, name, **person_fields)
    award = Award.objects.create(subject_kind="individual", person=person, held_unit=unit, kind="LDTT",
                                 is_title=True, year=year, decided_on=dt.date(year, 12, 20),
                                 decision_number=f"{person.pk}/QĐ-SNV")
    return exemplars.exemplar_nominate(actor=actor, award=award, field="giao_duc" if name.startswith("Phạm")
                                       else "hanh_chinh", year=year, position="Trưởng phòng",
                                       headline="Chưa công bố tiêu đề", story="<p>Câu chuyện chưa công bố.</p>")


@pytest.fixture
def exemplar_published(secretariat, tree):
    """Lê Thị Gương of Sở Nội vụ, published with a photo; her birth date and CCCD are private."""
    from thidua.awards.models import Award

    person = make_person(tree["a1"], "Lê Thị Gương", gender="nu", birth_date=dt.date(1979, 9, 21),
                         cccd="036079001122", position="Chuyên viên chính")
    award = Award.objects.create(subject_kind="individual", person=person, held_unit=tree["a1"], kind="LDTT",
                                 is_title=True, year=2025, decided_on=dt.date(2025, 12, 20),
                                 decision_number="20/QĐ-SNV")
    exemplar = exemplars.exemplar_nominate(
        actor=secretariat, award=award, field="hanh_chinh", year=2025, position="Trưởng phòng",
        headline="Tiên phong một cửa điện tử",
        story="<p>Rút ngắn thời gian giải quyết hồ sơ từ <strong>7 ngày</strong> xuống 3 ngày.</p>")
    add_photo(secretariat, exemplar, "Chị Gương tại bộ phận một cửa")
    exemplars.exemplar_approve(actor=secretariat, exemplar=exemplar)
    return exemplars.exemplar_publish(actor=secretariat, exemplar=exemplar)


@pytest.fixture
def exemplars_hidden(secretariat, tree):
    """One exemplar in each state the public must not see, each with a photo: approved and
    not published, nominated, returned, published then withdrawn."""
    approved = nominate_exemplar(secretariat, tree["b"], "Trần Văn Duyệt", birth_date=dt.date(1988, 5, 5),
                         cccd="037088009988")
    nominated = nominate_exemplar(secretariat, tree["b"], "Phạm Thị Đề Cử", gender="nu")
    returned = nominate_exemplar(secretariat, tree["a1"], "Hoàng Văn Trả")
    withdrawn = nominate_exemplar(secretariat, tree["a1"], "Đỗ Thị Thôi", year=2024, gender="nu")
    for row in (approved, nominated, returned, withdrawn):
        add_photo(secretariat, row)
    exemplars.exemplar_approve(actor=secretariat, exemplar=approved)
    exemplars.exemplar_return(actor=secretariat, exemplar=returned, reason="Bổ sung thành tích")
    exemplars.exemplar_approve(actor=secretariat, exemplar=withdrawn)
    exemplars.exemplar_publish(actor=secretariat, exemplar=withdrawn)
    exemplars.exemplar_unpublish(actor=secretariat, exemplar=withdrawn, reason="Cần xác minh lại")
    return {"approved": approved, "nominated": nominated, "returned": returned, "withdrawn": withdrawn}
