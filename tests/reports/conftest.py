"""The statistics tests run with the shipped catalog; `ledger` writes a hand-made year
(2025) of awards and movements on the shared small tree, whose totals each test works out.

The charts' hand-built year (tests/reports/test_charts*.py, `year_of_figures`), on the shared tree on
15/06/2026. What each chart must show is worked out by hand in the tests; the rows:

Awards (held unit, level, year of decision):
  Phòng A1 (person_a): CSTĐCS 01/03/2026 (cơ sở), Bằng khen tỉnh 10/05/2025 (bộ/tỉnh),
    Giấy khen 02/02/2026 revoked (not counted), Giấy khen 31/12/2021 (before the five years);
  Sở Nội vụ (the unit): Cờ thi đua tỉnh 15/01/2024 (bộ/tỉnh);
  Sở Y tế (person_b): Bằng khen Thủ tướng 01/04/2026 (Nhà nước), LĐTT 05/05/2026 (cơ sở).
Registration: the province's movement of 2026 (deadline 31/03), every unit taking part:
  Sở Nội vụ approved, Sở Y tế submitted, Phòng A1 draft, Phòng Nghiệp vụ Y (under Sở Y
  tế, added here) none; the province itself is not a participant; a second
  movement without a registration deadline is not drawn.
Dossiers opened in 2026 (and their timelines, see `timed_dossiers`): Sở Nội vụ under
  review, Phòng A1 draft, Sở Y tế decided, Sở Y tế returned; one Sở Nội vụ opened in 2025.
Fund: the province paid 1.000.000 đ in 2025 and 3.800.000 đ in 2026 and recovered
  1.000.000 đ in 2026; Sở Nội vụ paid 500.000 đ in 2026.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import make_person, make_unit
from thidua.awards.models import Award
from thidua.catalog import services as catalog_services
from thidua.decisions.models import Decision, EntryKind, FundEntry, Recipient
from thidua.dossiers.models import Dossier, DossierEvent
from thidua.movements.models import Movement, Participant
from thidua.org.models import Bloc, Unit
from thidua.registrations.models import RegistrationSheet

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
    # Counted in 0603 (period 01/12/2024 – 30/11/2025).
    award("BK_TINH", person=p1, held=a, on=D(2025, 3, 10), group="lanh_dao_so")           # 1
    award("BK_TINH", person=p2, held=a1, on=D(2025, 11, 30), ctype="phong_trao")           # 2 (last day)
    award("CSTD_TINH", person=p3, held=root, on=D(2024, 12, 1), title=True, year=2024)     # 3 (first day; no snapshot)
    award("CO_TINH", unit=e, held=e, on=D(2025, 6, 1), title=True)                          # 4 enterprise (DNNN)
    award("BK_TINH", unit=b, held=b, on=D(2025, 6, 1), ctype="dot_xuat")                   # 5
    award("BK_TINH", person=p2, held=a1, on=D(2025, 5, 5), household=True)                 # 6 household
    award("KNC_TINH", person=p5, held=e, on=D(2025, 7, 1), ctype="cong_hien")              # 7
    award("BK_TINH", person=p4, held=a, on=D(2025, 4, 1), ctype="nien_han", group="truc_tiep")  # 8 snapshot wins
    award("BK_TINH", person=p6, held=a, on=D(2025, 8, 8), ctype="doi_ngoai")               # 9 no group
    award("BK_TINH", unit=s1, held=s1, on=D(2025, 2, 2))  # 19 enterprise (sector above)
    # Not counted: outside the period, revoked, not a form's kind.
    award("BK_TINH", person=p1, held=a, on=D(2024, 11, 30))
    award("BK_TINH", person=p1, held=a, on=D(2025, 12, 1))
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


VN = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = dt.datetime(2026, 6, 15, 9, 0, tzinfo=VN)
YEAR = 2026


@pytest.fixture
def today(time_machine):
    time_machine.move_to(TODAY, tick=False)


def _award(kind, decided_on, *, person=None, unit=None, held, **fields):
    return Award.objects.create(
        subject_kind="collective" if unit else "individual", person=person, unit=unit, held_unit=held, kind=kind,
        is_title=kind in {"CSTDCS", "LDTT", "CO_TINH"}, year=decided_on.year, decided_on=decided_on,
        decision_number=f"{decided_on:%d%m}/QĐ-UBND", **fields)


@pytest.fixture
def awards(tree, person_a, person_b, catalog):
    a1, a, b = tree["a1"], tree["a"], tree["b"]
    return {
        "cstdcs": _award("CSTDCS", dt.date(2026, 3, 1), person=person_a, held=a1),
        "bk_tinh": _award("BK_TINH", dt.date(2025, 5, 10), person=person_a, held=a1),
        "revoked": _award("GK", dt.date(2026, 2, 2), person=person_a, held=a1, revoked=True,
                          revoked_reason="Khai man thành tích", revoked_number="9/QĐ-UBND",
                          revoked_on=dt.date(2026, 4, 1)),
        "old": _award("GK", dt.date(2021, 12, 31), person=person_a, held=a1),
        "co_tinh": _award("CO_TINH", dt.date(2024, 1, 15), unit=a, held=a),
        "bk_ttg": _award("BK_TTG", dt.date(2026, 4, 1), person=person_b, held=b),
        "ldtt": _award("LDTT", dt.date(2026, 5, 5), person=person_b, held=b),
    }


@pytest.fixture
def movements(tree):
    make_unit(tree["b"], "T.B.1", "Phòng Nghiệp vụ Y", kind="phong_ban", level="noi_bo")
    tree["b"].refresh_from_db()
    m = Movement.objects.create(organiser=tree["root"], name="Phong trào thi đua yêu nước năm 2026", year=YEAR,
                                registration_deadline=dt.date(2026, 3, 31))
    Participant.objects.create(movement=m, unit=tree["root"], subtree=True)
    other = Movement.objects.create(organiser=tree["root"], name="Thi đua chuyển đổi số", year=YEAR)
    Participant.objects.create(movement=other, unit=tree["root"], subtree=True)
    RegistrationSheet.objects.create(unit=tree["a"], year=YEAR, movement=m, state="approved")
    RegistrationSheet.objects.create(unit=tree["b"], year=YEAR, movement=m, state="submitted")
    RegistrationSheet.objects.create(unit=tree["a1"], year=YEAR, movement=m, state="draft")
    return m


def _at(month, day, year=YEAR):
    return dt.datetime(year, month, day, 9, 0, tzinfo=VN)


def _dossier(unit, state, events, year=YEAR, achieved=None):
    """A dossier opened in YEAR for the achievements of ACHIEVED (YEAR by default), in STATE,
    with its timeline EVENTS: (month, day, action, to_state, due_on)."""
    dossier = Dossier.objects.create(unit=unit, authority_level="tinh", authority_unit=Unit.objects.get(depth=1),
                                     year=achieved or year, title=f"Đề nghị khen thưởng {unit.name}", state=state)
    Dossier.objects.filter(pk=dossier.pk).update(created_at=dt.datetime(year, *events[0][:2], 9, 0, tzinfo=VN))
    previous = ""
    for month, day, action, to_state, due_on in events:
        event = DossierEvent.objects.create(dossier=dossier, action=action, from_state=previous, to_state=to_state,
                                            due_on=due_on)
        DossierEvent.objects.filter(pk=event.pk).update(at=_at(month, day, year))
        previous = to_state
    return dossier


def d(month, day):
    return dt.date(2026, month, day)


@pytest.fixture
def timed_dossiers(tree):
    """Steps (on time / late on 15/06/2026):
    Sở Nội vụ: lập ✓ (09/03 ≤ 10/03), tiếp nhận ✓ (12/03 ≤ 12/03), thẩm định running past 09/04 ✗.
    Phòng A1: lập running, due 10/12: not counted.
    Sở Y tế (decided; the achievements of 2025, opened in 2026): lập ✗ (15/03 > 10/03), tiếp nhận ✗
      (20/03 > 18/03), thẩm định ✓ (10/04 ≤ 17/04).
    Sở Y tế (returned): lập ✓, tiếp nhận ✓, thẩm định ✓ (20/03 ≤ 03/04), bổ sung running past 02/04 ✗.
    """
    a, a1, b = tree["a"], tree["a1"], tree["b"]
    return [
        _dossier(a, "under_review", [(3, 1, "create", "draft", d(3, 10)), (3, 9, "submit", "submitted", d(3, 12)),
                                     (3, 12, "receive", "received", d(4, 9)),
                                     (3, 20, "accept", "under_review", d(4, 9))]),
        _dossier(a1, "draft", [(5, 1, "create", "draft", d(12, 10))]),
        _dossier(b, "decided", [(2, 1, "create", "draft", d(3, 10)), (3, 15, "submit", "submitted", d(3, 18)),
                                (3, 20, "receive", "received", d(4, 17)), (4, 10, "decide", "decided", None)],
                 achieved=2025),
        _dossier(b, "returned", [(3, 1, "create", "draft", d(3, 10)), (3, 5, "submit", "submitted", d(3, 10)),
                                 (3, 6, "receive", "received", d(4, 3)), (3, 20, "return", "returned", d(4, 2))]),
        _dossier(a, "decided", [(1, 5, "create", "draft", d(1, 10)), (1, 20, "submit", "submitted", d(1, 23))],
                 year=2025),
    ]


@pytest.fixture
def fund(tree, awards):
    root, a = tree["root"], tree["a"]

    def entry(unit, year, kind, amount, award):
        decision = Decision.objects.create(unit=unit, symbol="QĐ-UBND", summary="Khen thưởng", year=year)
        line = Recipient.objects.create(decision=decision, subject_kind=award.subject_kind, person=award.person,
                                        unit=award.unit, kind=award.kind, year=award.year)
        return FundEntry.objects.create(unit=unit, year=year, kind=kind, decision=decision, recipient=line,
                                        award=award, amount=amount)

    entry(root, 2025, EntryKind.PAYMENT, 1_000_000, awards["bk_tinh"])
    entry(root, 2026, EntryKind.PAYMENT, 3_800_000, awards["bk_ttg"])
    entry(root, 2026, EntryKind.RECOVERY, 1_000_000, awards["bk_tinh"])
    entry(a, 2026, EntryKind.PAYMENT, 500_000, awards["cstdcs"])

    def income(unit, year, amount, source="budget", month=2):
        return FundEntry.objects.create(unit=unit, year=year, kind=EntryKind.INCOME, amount=amount, source=source,
                                        received_on=dt.date(year, month, 1), reference="Giao dự toán")

    # Receipts: the province's 50 million in 2025; in 2026, 20 million from the budget, 5
    # from contributions and 2 recorded wrongly then reversed; Sở Nội vụ's 3 million.
    income(root, 2025, 50_000_000)
    income(root, 2026, 20_000_000)
    income(root, 2026, 5_000_000, source="contribution")
    wrong = income(root, 2026, 2_000_000, source="other")
    FundEntry.objects.create(unit=root, year=2026, kind=EntryKind.INCOME_REVERSAL, amount=2_000_000, source="other",
                             received_on=dt.date(2026, 3, 1), reverses=wrong, note="Ghi nhầm")
    income(a, 2026, 3_000_000)


@pytest.fixture
def year_of_figures(today, awards, movements, timed_dossiers, fund):
    """Everything above."""
