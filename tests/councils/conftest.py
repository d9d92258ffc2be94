"""A provincial council of five on the shared tree, and a dossier of Sở A sent to it.

Members: the province's chairman (home: the root, votes on everything), the director of
Sở Nội vụ (Sở A: recused from Sở A's items), the director of Sở Y tế (Sở B) and two
more province-level members. Four have accounts with the council-member role.
"""

import datetime as dt

import pytest

from tests.conftest import make_person, make_user
from thidua.catalog.services import catalog_load
from thidua.core.roles import Role
from thidua.councils import services
from thidua.dossiers.models import Dossier, DossierItem, DossierState, ItemState


@pytest.fixture
def council(tree, secretariat):
    catalog_load()
    council = services.council_create(actor=secretariat, authority_unit=tree["root"],
                                      name="Hội đồng Thi đua – Khen thưởng tỉnh Thử Nghiệm")
    rows = [("chutich", "Nguyễn Văn Chủ", "Chủ tịch UBND tỉnh", "chair", tree["root"]),
            ("gd_snv", "Lê Thị Nội", "Giám đốc Sở Nội vụ", "standing_vice", tree["a"]),
            ("gd_syt", "Trần Văn Y", "Giám đốc Sở Y tế", "member", tree["b"]),
            ("uyvien", "Phạm Thị Tư", "Chủ tịch Ủy ban MTTQ tỉnh", "vice", tree["root"]),
            (None, "Hoàng Văn Năm", "Phó Chủ tịch UBND tỉnh", "member", tree["root"])]
    members = {}
    for username, name, position, role, home in rows:
        user = make_user(username, Role.COUNCIL_MEMBER, tree["root"], name) if username else None
        members[username or "nam"] = services.member_add(actor=secretariat, council=council, full_name=name,
                                                         position=position, role=role, home_unit=home, user=user)
    council.test_members = members
    return council


@pytest.fixture
def items(tree):
    """Sở A's year-end dossier at the council: a CSTĐ tỉnh (90 % of all members needed) and a
    Bằng khen (majority of those present)."""
    dossier = Dossier.objects.create(unit=tree["a"], title="Đề nghị khen thưởng năm 2025", authority_level="tinh",
                                     authority_unit=tree["root"], commendation_type="cong_trang", year=2025,
                                     state=DossierState.TO_COUNCIL)
    one = make_person(tree["a1"], "Đinh Thị Sáu")
    two = make_person(tree["a"], "Lý Văn Bảy")
    out = []
    for person, kind in ((one, "CSTD_TINH"), (two, "BK_TINH")):
        out.append(DossierItem.objects.create(
            dossier=dossier, subject_kind="individual", person=person, held_unit=person.current_unit,
            subject_name=person.full_name, kind=kind, year=2025, period_from=2023, period_to=2025,
            state=ItemState.ACCEPTED))
    return out


@pytest.fixture
def meeting(council, items, secretariat):
    return services.meeting_create(actor=secretariat, council=council, title="Phiên họp xét khen thưởng năm 2025",
                                   starts_at=dt.datetime(2026, 1, 15, 8, 0, tzinfo=dt.UTC), place="Phòng họp số 1",
                                   items=items)
