"""The statistics tests run with the shipped catalog; `ledger` writes a hand-made year
(2025) of awards and movements on the shared small tree, whose totals each test works out."""

import datetime as dt

import pytest

from tests.conftest import make_person, make_unit
from thidua.awards.models import Award
from thidua.catalog import services as catalog_services
from thidua.movements.models import Movement
from thidua.org.models import Bloc

D = dt.date


@pytest.fixture(autouse=True)
def catalog(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return catalog_services.catalog_load()


def award(kind, *, person=None, unit=None, held, on, ctype="cong_trang", household=False, group="", revoked=False,
          title=False, year=None):
    subject = "collective" if unit else "household" if household else "individual"
    extra = {"revoked_number": "9/QĐ-UBND", "revoked_on": D(2026, 1, 5), "revoked_reason": "Sai thành tích"} \
        if revoked else {}
    return Award.objects.create(
        subject_kind=subject, person=person, unit=unit, held_unit=held, kind=kind, is_title=title,
        year=year or on.year, commendation_type=ctype, decided_on=on, decision_number=f"{on:%d%m}/QĐ-UBND",
        position_group=group, revoked=revoked, **extra)


@pytest.fixture
def ledger(tree):
    """Units: an enterprise E (a state enterprise) and S (its own sector "enterprise") with
    S1 below it. People with their position group now; one (p4) promoted after the award."""
    root, a, a1, b = tree["root"], tree["a"], tree["a1"], tree["b"]
    e = make_unit(root, "T.E", "Công ty TNHH MTV Xổ số kiến thiết", kind="dnnn", level="co_so")
    root.refresh_from_db()
    s = make_unit(root, "T.S", "Tổng công ty Cấp nước", kind="co_quan_hc", level="co_so")
    s.sector = "enterprise"
    s.save()
    s1 = make_unit(s, "T.S.1", "Xí nghiệp nước số 1", kind="co_quan_hc", level="co_so")
    for unit in (root, a, a1, b):  # siblings are kept in name order: their paths moved
        unit.refresh_from_db()
    p1 = make_person(a, "Nguyễn Văn Một", position_group="lanh_dao_so")
    p2 = make_person(a1, "Trần Thị Hai", position_group="truc_tiep")
    p3 = make_person(root, "Lê Văn Ba", position_group="lanh_dao_tinh")
    p4 = make_person(a, "Phạm Văn Bốn", position_group="lanh_dao_khac")
    p5 = make_person(e, "Hoàng Thị Năm", position_group="doanh_nhan")
    p6 = make_person(a, "Vũ Văn Sáu")
    # Counted in 0603 (period 15/12/2024 – 14/12/2025).
    award("BK_TINH", person=p1, held=a, on=D(2025, 3, 10), group="lanh_dao_so")           # 1
    award("BK_TINH", person=p2, held=a1, on=D(2025, 12, 14), ctype="phong_trao")           # 2 (last day)
    award("CSTD_TINH", person=p3, held=root, on=D(2024, 12, 15), title=True, year=2024)    # 3 (first day; no snapshot)
    award("CO_TINH", unit=e, held=e, on=D(2025, 6, 1), title=True)                          # 4 enterprise (DNNN)
    award("BK_TINH", unit=b, held=b, on=D(2025, 6, 1), ctype="dot_xuat")                   # 5
    award("BK_TINH", person=p2, held=a1, on=D(2025, 5, 5), household=True)                 # 6 household
    award("KNC_TINH", person=p5, held=e, on=D(2025, 7, 1), ctype="cong_hien")              # 7
    award("BK_TINH", person=p4, held=a, on=D(2025, 4, 1), ctype="nien_han", group="truc_tiep")  # 8 snapshot wins
    award("BK_TINH", person=p6, held=a, on=D(2025, 8, 8), ctype="doi_ngoai")               # 9 no group
    award("BK_TINH", unit=s1, held=s1, on=D(2025, 2, 2))  # 19 enterprise (sector above)
    # Not counted: outside the period, revoked, not a form's kind.
    award("BK_TINH", person=p1, held=a, on=D(2024, 12, 14))
    award("BK_TINH", person=p1, held=a, on=D(2025, 12, 15))
    award("BK_TINH", person=p2, held=a1, on=D(2025, 9, 9), revoked=True)
    award("GK", person=p1, held=a, on=D(2025, 9, 9))
    award("LDTT", person=p1, held=a, on=D(2025, 11, 30), title=True)
    # Counted in 0602.
    award("HCLD3", person=p3, held=root, on=D(2025, 9, 2))                                 # 15
    award("BK_TTG", unit=a, held=a, on=D(2025, 4, 30), ctype="phong_trao")                  # 16
    award("CO_CP", unit=e, held=e, on=D(2025, 10, 10), title=True)                          # 17
    award("CSTD_TQ", person=p1, held=a, on=D(2025, 11, 11), title=True)                     # 18
    # Movements: the province's yearly one, a thematic one of the province in blocs over
    # 2 years, Sở A's campaign of 3 months, Sở B's 5-year one; one of 2024 not counted.
    bloc = Bloc.objects.create(code="K1", name="Khối các sở", organiser=root)
    Movement.objects.create(organiser=root, name="Phong trào thi đua yêu nước năm 2025", kind="thuong_xuyen",
                            year=2025)
    m2 = Movement.objects.create(organiser=root, name="Thi đua chuyển đổi số", kind="chuyen_de", year=2025,
                                 starts_on=D(2025, 3, 1), ends_on=D(2027, 2, 28))
    m2.blocs.add(bloc)
    Movement.objects.create(organiser=a, name="Đợt thi đua 100 ngày", kind="dot", year=2025,
                            starts_on=D(2025, 5, 1), ends_on=D(2025, 7, 31))
    Movement.objects.create(organiser=b, name="Thi đua xây dựng bệnh viện xanh", kind="chuyen_de", year=2025,
                            starts_on=D(2025, 1, 1), ends_on=D(2029, 12, 31))
    Movement.objects.create(organiser=root, name="Phong trào thi đua năm 2024", kind="thuong_xuyen", year=2024)
    return {**tree, "e": e, "s": s, "s1": s1}
