"""Dossiers on the shared tree, with the shipped catalog and rule sets.

    UBND tỉnh ── Sở Nội vụ (A) ── Phòng Công chức, viên chức (A1)
             └── Sở Y tế (B)
`person_a` (in A1) and `person_a2` (in A) qualify for CSTĐCS 2025 (rated HTXSNV,
registered LĐTT and CSTĐCS); `person_weak` (in A) was rated only HTNV. The clock stands
at Monday 02/03/2026 09:00 and ticks, so working-day deadlines are known:
3 working days → Thursday 05/03/2026, 20 → Monday 30/03/2026.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import make_person, make_user
from thidua.catalog import services as catalog_services
from thidua.core.roles import Role
from thidua.dossiers import services
from thidua.dossiers.services import ItemInput
from thidua.people import services as people_services
from thidua.registrations.services import registration_set

YEAR = 2025
VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=VN)
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def _setup(db, settings, tmp_path, time_machine):
    settings.MEDIA_ROOT = tmp_path / "media"
    time_machine.move_to(NOW, tick=True)
    catalog_services.catalog_load()


def upload(name="to-trinh.pdf", content=b"%PDF-1.4 noi dung thu"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def qualify(actor, person, year=YEAR, rating="HTXSNV", codes=("LDTT", "CSTDCS")):
    people_services.evaluation_set(actor=actor, person=person, year=year, rating=rating)
    registration_set(actor=actor, person=person, year=year, codes=list(codes))
    return person


@pytest.fixture
def person_a2(tree, officer_a):
    return qualify(officer_a, make_person(tree["a"], "Trần Thị Bích Ngọc", gender="nu"))


@pytest.fixture
def eligible_a(person_a, officer_a):
    return qualify(officer_a, person_a)


@pytest.fixture
def person_weak(tree, officer_a):
    return qualify(officer_a, make_person(tree["a"], "Lý Văn Yếu"), rating="HTNV")


@pytest.fixture
def head_root(tree):
    """The province chairman: signs decisions of the province."""
    return make_user("chutich", Role.UNIT_HEAD, tree["root"], "Vũ Minh Chủ")


@pytest.fixture
def council_member(tree):
    return make_user("uyvien", Role.COUNCIL_MEMBER, tree["root"], "Đinh Thị Hội")


def make_dossier(actor, unit, *, level="co_quan", year=YEAR, title="Đề nghị tặng Chiến sĩ thi đua cơ sở năm 2025",
                 **kw):
    return services.dossier_create(actor=actor, unit=unit, authority_level=level, year=year, title=title, **kw)


def add(actor, dossier, *subjects, kind="CSTDCS", **kw):
    return services.dossier_add_items(actor=actor, dossier=dossier,
                                      entries=[ItemInput(subject=s, kind=kind, **kw) for s in subjects])


def complete(actor, dossier, kinds=("to_trinh", "bien_ban_binh_xet", "ket_qua_bo_phieu")):
    """Upload the dossier-level documents and write every item's achievement report."""
    for kind in kinds:
        services.dossier_document_add(actor=actor, dossier=dossier, kind=kind, file=upload(f"{kind}.pdf"))
    for item in dossier.items.all():
        services.dossier_item_update(actor=actor, item=item, report_text="I. Sơ lược lý lịch… II. Thành tích…",
                                     achievement="Hoàn thành xuất sắc nhiệm vụ, có sáng kiến được công nhận.")


@pytest.fixture
def draft(officer_a, tree, eligible_a, person_a2):
    """A complete draft of Sở Nội vụ with two CSTĐCS items, ready to submit."""
    dossier = make_dossier(officer_a, tree["a"])
    add(officer_a, dossier, eligible_a, person_a2)
    complete(officer_a, dossier)
    return dossier


@pytest.fixture
def submitted(draft, head_a):
    return services.dossier_submit(actor=head_a, dossier=draft, reason="Kính trình")


@pytest.fixture
def received(submitted, secretariat):
    return services.dossier_receive(actor=secretariat, dossier=submitted)


@pytest.fixture
def central(officer_a, head_a, secretariat, tree, eligible_a):
    """A Bằng khen TTg dossier of Sở Nội vụ, received by the province and its item accepted
    (the kind requires public consultation: the catalog's default for the Prime Minister)."""
    dossier = make_dossier(officer_a, tree["a"], level="thu_tuong", title="Đề nghị Bằng khen của Thủ tướng")
    assert dossier.authority_unit == tree["root"]
    (item,) = add(officer_a, dossier, eligible_a, kind="BK_TTG")
    complete(officer_a, dossier, kinds=("to_trinh", "bien_ban_binh_xet"))
    services.dossier_item_update(actor=officer_a, item=item, achievement="Chủ trì đề án số hóa hồ sơ cán bộ.")
    item.refresh_from_db()
    if item.flags:
        services.dossier_item_justify(actor=officer_a, item=item, text="Thành tích xuất sắc 5 năm liền.")
    services.dossier_submit(actor=head_a, dossier=dossier)
    services.dossier_receive(actor=secretariat, dossier=dossier)
    services.dossier_accept_items(actor=secretariat, dossier=dossier, accept=[item])
    return dossier


def province_papers(**overrides):
    """The province's own signed papers for a forward: its tờ trình and its council's minutes."""
    papers = {"to_trinh": upload("to-trinh-ubnd-tinh.pdf"), "bien_ban_binh_xet": upload("bien-ban-hoi-dong-tinh.pdf")}
    papers.update(overrides)
    return {kind: f for kind, f in papers.items() if f is not None}


@pytest.fixture
def voted_central(central, secretariat, council_member, tree, time_machine):
    """`central` after its public consultation, voted in a meeting of the province's council
    (one member, the chairman, who agrees); the meeting is closed, so its minutes exist.
    The clock then stands at Tuesday 17/03/2026."""
    from thidua.councils import services as councils

    services.dossier_open_consultation(actor=secretariat, dossier=central)
    time_machine.move_to(dt.datetime(2026, 3, 17, 9, 0, tzinfo=VN))
    services.dossier_close_consultation(actor=secretariat, dossier=central)
    services.dossier_to_council(actor=secretariat, dossier=central)
    council = councils.council_create(actor=secretariat, authority_unit=tree["root"],
                                      name="Hội đồng Thi đua – Khen thưởng tỉnh")
    member = councils.member_add(actor=secretariat, council=council, full_name="Đinh Thị Hội",
                                 position="Chủ tịch UBND tỉnh", role="chair", home_unit=tree["root"],
                                 user=council_member)
    meeting = councils.meeting_create(
        actor=secretariat, council=council, title="Phiên họp xét khen thưởng cấp Nhà nước",
        starts_at=dt.datetime(2026, 3, 17, 8, 0, tzinfo=VN), place="Phòng họp UBND tỉnh",
        items=list(central.items.all()))
    councils.attendance_set(actor=secretariat, meeting=meeting, present={member.pk})
    councils.meeting_open(actor=secretariat, meeting=meeting)
    councils.ballot_cast(actor=council_member, meeting=meeting, choices={e.pk: "agree" for e in meeting.agenda.all()})
    councils.meeting_close(actor=secretariat, meeting=meeting)
    central.refresh_from_db()
    assert central.state == "voted"
    central.meeting = meeting
    return central
