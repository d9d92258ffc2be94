"""The lists of a subtree — sheets by unit, registrations by title, units not yet
registered — and their Excel exports."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.conftest import login, make_person, make_unit
from tests.registrations.conftest import YEAR
from tests.xlsx_cells import AT, MINUS, NAME, assert_text_cells
from thidua.movements.models import Participant
from thidua.org.models import Bloc, BlocMembership
from thidua.registrations import services

pytestmark = pytest.mark.usefixtures("season")


def xlsx_rows(response):
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


@pytest.fixture
def registered(officer_a, head_a, secretariat, tree, person_a, colleague):
    """Phòng A1 approved (Phóng LĐTT + CSTĐCS, Hoa LĐTT, the unit TTLĐXS); Sở A in draft
    (Ngọc LĐTT); Sở Y tế has people and no sheet."""
    sheet_a1 = services.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=YEAR)
    services.sheet_save(actor=officer_a, sheet=sheet_a1, unit_codes=["TTLDXS"],
                        person_codes={person_a.pk: ["LDTT", "CSTDCS"], colleague.pk: ["LDTT"]}, targets="")
    services.sheet_approve(actor=head_a, sheet=sheet_a1)
    ngoc = make_person(tree["a"], "Lê Thị Ngọc", gender="nu")
    sheet_a = services.sheet_get_or_create(actor=officer_a, unit=tree["a"], year=YEAR)
    services.sheet_save(actor=officer_a, sheet=sheet_a, unit_codes=[], person_codes={ngoc.pk: ["LDTT"]}, targets="")
    make_person(tree["b"], "Phạm Văn Bình")
    return sheet_a1, sheet_a


def test_summary_counts_per_title_with_totals(client, secretariat, tree, registered):
    login(client, secretariat)
    body = client.get(reverse("registrations:summary", args=[tree["root"].pk]), {"nam": YEAR}).content.decode()
    assert "Phòng Công chức, viên chức" in body and "Sở Nội vụ" in body
    assert "Đã duyệt" in body and "Đang lập" in body and "TTLĐXS" in body
    assert 'data-testid="total">3<' in body  # LĐTT: Phóng, Hoa, Ngọc
    assert '<option value="">Tất cả bản đăng ký của năm</option>' in body
    body = client.get(reverse("registrations:summary", args=[tree["root"].pk]),
                      {"nam": YEAR, "trang-thai": "dang-lap"}).content.decode()
    assert "Sở Nội vụ" in body and "Phòng Công chức, viên chức" not in body
    rows = xlsx_rows(client.get(reverse("registrations:summary_export", args=[tree["root"].pk]), {"nam": YEAR}))
    assert rows[0][0] == "Tổng hợp đăng ký thi đua năm 2026 — UBND tỉnh Thử Nghiệm"
    header = rows[1]
    assert header[:5] == ("STT", "Mã đơn vị", "Đơn vị", "Phong trào", "Trạng thái") and "LĐTT" in header
    a1 = next(r for r in rows[2:] if r[1] == "T.A.1")
    assert a1[4] == "Đã duyệt" and a1[header.index("LĐTT")] == 2 and a1[header.index("CSTĐCS")] == 1
    assert a1[-1] == "TTLĐXS"


def test_by_title_lists_everyone_registered_with_the_sheet_state(client, officer_a, tree, registered):
    login(client, officer_a)
    url = reverse("registrations:by_title", args=[tree["a"].pk])
    body = client.get(url, {"nam": YEAR, "ma": "LDTT"}).content.decode()
    assert "Nguyễn Văn Phóng" in body and "Trần Thị Hoa" in body and "Lê Thị Ngọc" in body
    assert "3 đăng ký «Lao động tiên tiến» năm 2026." in body
    body = client.get(url, {"nam": YEAR, "ma": "LDTT", "da-duyet": "1"}).content.decode()
    assert "Lê Thị Ngọc" not in body and "Nguyễn Văn Phóng" in body
    body = client.get(url, {"nam": YEAR, "ma": "LDTT", "don-vi": tree["a1"].pk}).content.decode()
    assert "Lê Thị Ngọc" not in body and "Trần Thị Hoa" in body
    body = client.get(url, {"nam": YEAR, "ma": "TTLDXS"}).content.decode()
    assert "Phòng Công chức, viên chức (tập thể)" in body
    rows = xlsx_rows(client.get(reverse("registrations:by_title_export", args=[tree["a"].pk]),
                                {"nam": YEAR, "ma": "CSTDCS"}))
    assert rows[0][0] == "Danh sách đăng ký «Chiến sĩ thi đua cơ sở» năm 2026 — Sở Nội vụ"
    assert rows[2][1] == "Nguyễn Văn Phóng" and rows[2][-1] == "Đã duyệt" and len(rows) == 3
    assert client.get(url, {"nam": YEAR, "ma": "GK"}).status_code == 404


def test_missing_lists_units_with_people_and_no_approved_sheet(client, secretariat, tree, registered):
    login(client, secretariat)
    url = reverse("registrations:missing", args=[tree["root"].pk])
    body = client.get(url, {"nam": YEAR}).content.decode()
    assert '<option value="">Không theo phong trào: mọi đơn vị có cá nhân</option>' in body
    table = body[body.index('data-testid="missing"'):]
    assert "Sở Y tế" in table and "Sở Nội vụ" in table  # Sở A's sheet is only a draft
    assert "Phòng Công chức" not in table
    assert "UBND tỉnh Thử Nghiệm" not in table  # no people of its own
    rows = xlsx_rows(client.get(reverse("registrations:missing_export", args=[tree["root"].pk]), {"nam": YEAR}))
    assert [(r[1], r[3], r[4]) for r in rows[2:]] == [("T.A", 1, "Đang lập"), ("T.B", 1, "Chưa lập bản đăng ký")]


def test_missing_for_a_movement_uses_its_participants(client, secretariat, tree, registered, movement):
    Participant.objects.filter(movement=movement).delete()
    Participant.objects.create(movement=movement, unit=tree["a"], subtree=True)
    bloc = Bloc.objects.create(code="K1", name="Khối các sở", organiser=tree["root"])
    movement.blocs.add(bloc)
    lonely = make_unit(tree["root"], "T.C", "Sở Tài chính")  # no people, but in the bloc this year
    BlocMembership.objects.create(bloc=bloc, unit=lonely, year=YEAR)
    login(client, secretariat)
    rows = xlsx_rows(client.get(reverse("registrations:missing_export", args=[tree["root"].pk]),
                                {"nam": YEAR, "phong-trao": movement.pk}))
    # A regular yearly movement also accepts the units' general sheets: Phòng A1 is done.
    assert [r[1] for r in rows[2:]] == ["T.A", "T.C"]
    assert "Sở Y tế" not in client.get(reverse("registrations:missing", args=[tree["root"].pk]),
                                       {"nam": YEAR, "phong-trao": movement.pk}).content.decode()


def test_the_index_opens_the_users_own_scope(client, officer_a, tree):
    response = login(client, officer_a).get(reverse("registrations:index"))
    assert response["Location"] == reverse("registrations:summary", args=[tree["a"].pk])


@pytest.fixture
def hostile(registered, tree, person_a):
    """The registered names and notes turned into text Excel would run as formulas."""
    from thidua.org.models import Unit
    from thidua.people.models import Person
    from thidua.registrations.models import Registration

    Unit.objects.filter(pk=tree["a"].pk).update(name=AT)
    Person.objects.filter(pk=person_a.pk).update(full_name=NAME)
    Registration.objects.filter(person=person_a).update(note=MINUS)
    return registered


def test_the_summary_export_writes_user_text_as_text(client, secretariat, tree, hostile):
    response = login(client, secretariat).get(reverse("registrations:summary_export", args=[tree["root"].pk]),
                                              {"nam": YEAR})
    assert_text_cells(response.content, AT)


def test_the_by_title_export_writes_user_text_as_text(client, secretariat, tree, hostile):
    response = login(client, secretariat).get(reverse("registrations:by_title_export", args=[tree["root"].pk]),
                                              {"nam": YEAR, "ma": "LDTT"})
    assert_text_cells(response.content, NAME, MINUS, AT)


def test_the_missing_export_writes_user_text_as_text(client, secretariat, tree, hostile):
    response = login(client, secretariat).get(reverse("registrations:missing_export", args=[tree["root"].pk]),
                                              {"nam": YEAR})
    assert_text_cells(response.content, AT)
