"""A bloc on the shared tree, its pledge and an open round.

    UBND tỉnh ── Sở Nội vụ (A, khối trưởng) ── Phòng A1
             ├── Sở Y tế (B, khối phó)
             ├── Sở Tài chính (C, thành viên)
             └── Sở Xây dựng (D: thành viên của một khối khác)
The clock stands at 01/12/2025 09:00 (Asia/Ho_Chi_Minh) and ticks; the round's
self-scoring deadline is 10/12/2025, its review deadline 20/12/2025.
"""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import make_unit, make_user
from thidua.core.roles import Role
from thidua.org.models import Bloc, BlocMembership
from thidua.pledges import services
from thidua.pledges.models import Score, ScoreSheet
from thidua.pledges.services import Entry

YEAR = 2025
VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2025, 12, 1, 9, 0, tzinfo=VN)
SELF_DEADLINE = dt.date(2025, 12, 10)
REVIEW_DEADLINE = dt.date(2025, 12, 20)

# (group code, group name, [(code, name, max, kind, evidence required)])
TABLE = [
    ("I", "Thực hiện nhiệm vụ chính trị được giao", [
        ("1.1", "Hoàn thành các chỉ tiêu kế hoạch năm được giao", "30", "standard", True),
        ("1.2", "Cải cách hành chính, chuyển đổi số", "30", "standard", False),
    ]),
    ("II", "Công tác thi đua, khen thưởng", [
        ("2.1", "Tổ chức phát động, ký kết giao ước thi đua", "20", "standard", False),
        ("2.2", "Phát hiện, nhân rộng điển hình tiên tiến", "20", "standard", False),
    ]),
    ("III", "Điểm thưởng", [("3.1", "Được Chính phủ, bộ, ngành khen thưởng đột xuất", "5", "bonus", False)]),
    ("IV", "Điểm trừ", [("4.1", "Chậm nộp báo cáo theo quy định (mỗi lần trừ 1 điểm)", "10", "deduction", False)]),
]


@pytest.fixture(autouse=True)
def _clock(time_machine):
    time_machine.move_to(NOW, tick=True)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def units(tree):
    root = tree["root"]
    c = make_unit(root, "T.C", "Sở Tài chính")
    root.refresh_from_db()
    d = make_unit(root, "T.D", "Sở Xây dựng")
    out = {**tree, "c": c, "d": d}
    for unit in out.values():  # siblings are kept in name order, so paths may have moved
        unit.refresh_from_db()
    return out


@pytest.fixture
def officer_c(units):
    return make_user("canbo_c", Role.UNIT_OFFICER, units["c"], "Đỗ Thị Cúc")


@pytest.fixture
def officer_d(units):
    return make_user("canbo_d", Role.UNIT_OFFICER, units["d"], "Vũ Văn Dũng")


@pytest.fixture
def bloc(units):
    bloc = Bloc.objects.create(code="K01", name="Khối các cơ quan tổng hợp", organiser=units["root"])
    for key, role in (("a", "leader"), ("b", "deputy"), ("c", "member")):
        BlocMembership.objects.create(bloc=bloc, unit=units[key], year=YEAR, role=role)
    other = Bloc.objects.create(code="K02", name="Khối các sở, ngành kinh tế", organiser=units["root"])
    BlocMembership.objects.create(bloc=other, unit=units["d"], year=YEAR, role="leader")
    return bloc


def build_table(actor, pledge):
    for i, (gcode, gname, rows) in enumerate(TABLE, start=1):
        group = services.criterion_group_save(actor=actor, pledge=pledge, code=gcode, name=gname, order=i)
        for j, (code, name, max_points, kind, evidence) in enumerate(rows, start=1):
            services.criterion_save(actor=actor, pledge=pledge, group=group, code=code, name=name,
                                    max_points=Decimal(max_points), kind=kind, evidence_required=evidence, order=j)


@pytest.fixture
def draft(bloc, secretariat):
    return services.pledge_create(actor=secretariat, bloc=bloc, year=YEAR,
                                  title="Giao ước thi đua năm 2025 — Khối các cơ quan tổng hợp")


@pytest.fixture
def pledge(draft, secretariat):
    build_table(secretariat, draft)
    return services.pledge_open(actor=secretariat, pledge=draft)


@pytest.fixture
def rnd(pledge, secretariat):
    return services.round_open(actor=secretariat, pledge=pledge, name="Chấm điểm, xếp hạng năm 2025",
                               self_score_deadline=SELF_DEADLINE, review_deadline=REVIEW_DEADLINE)


def sheet_of(rnd, unit) -> ScoreSheet:
    return ScoreSheet.objects.get(round=rnd, unit=unit)


def entries(sheet, points: dict[str, object], notes: dict[str, str] | None = None) -> list[Entry]:
    """Entries for the codes in POINTS, each with the version currently stored."""
    notes = notes or {}
    scores = {s.criterion.code: s for s in Score.objects.filter(sheet=sheet).select_related("criterion")}
    return [Entry(scores[code].criterion_id, None if value is None else Decimal(str(value)), notes.get(code, ""),
                  scores[code].version) for code, value in points.items()]


FULL = {"1.1": 28, "1.2": 27, "2.1": 18, "2.2": 16, "3.1": 0, "4.1": 0}


def attach(user, sheet, code="1.1", name="bao-cao-tong-ket.pdf", content=b"%PDF-1.4 minh chung"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    score = Score.objects.get(sheet=sheet, criterion__code=code)
    return services.evidence_add(actor=user, score=score, file=SimpleUploadedFile(name, content))


def self_score(user, rnd, unit, points=None, submit=True, evidence=True):
    sheet = sheet_of(rnd, unit)
    points = {**FULL, **(points or {})}
    if evidence and points.get("1.1"):
        attach(user, sheet)
    return services.score_self_set(actor=user, sheet=sheet, entries=entries(sheet, points), submit=submit)


def review(user, rnd, unit, points=None, comment="Điều chỉnh theo kết quả kiểm tra"):
    """Accept the self points, except POINTS, which get COMMENT."""
    sheet = sheet_of(rnd, unit)
    accepted = {s.criterion.code: s.self_points for s in Score.objects.filter(sheet=sheet).select_related("criterion")}
    accepted.update(points or {})
    notes = {code: comment for code in (points or {})}
    return services.score_review_set(actor=user, sheet=sheet, entries=entries(sheet, accepted, notes))
