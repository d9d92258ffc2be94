import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.conftest import login, make_person
from tests.xlsx_cells import NAME, assert_text_cells
from thidua.people import services as people_services
from thidua.registrations.services import registration_set


@pytest.fixture
def rated(officer_a, person_a, tree):
    """Phóng: HTXSNV in 2025, registered for LĐTT and CSTĐCS; Lan: HTTNV, not registered."""
    people_services.evaluation_set(actor=officer_a, person=person_a, year=2025, rating="HTXSNV")
    registration_set(actor=officer_a, person=person_a, year=2025, codes=["LDTT", "CSTDCS"])
    lan = make_person(tree["a"], "Bùi Thị Lan", gender="nu")
    people_services.evaluation_set(actor=officer_a, person=lan, year=2025, rating="HTTNV")
    return person_a, lan


def test_person_panel_marks_each_award_with_reasons(client, officer_a, rated):
    person, _lan = rated
    body = login(client, officer_a).get(reverse("eligibility:person_panel", args=[person.pk]) + "?nam=2025").content
    body = body.decode()
    assert 'data-code="LDTT" data-eligible="1"' in body
    assert 'data-code="CSTDCS" data-eligible="1"' in body
    assert 'data-code="CSTD_TINH" data-eligible="0"' in body
    assert "Điều 24 Luật Thi đua, khen thưởng 2022" in body and "Còn thiếu" in body
    # Each award by its name; the code stays in the markup's data only (issue 13).
    assert "Lao động tiên tiến" in body and "(LDTT)" not in body and "(CSTD_TINH)" not in body


def test_a_missing_registration_blocks_the_title(client, officer_a, rated):
    _person, lan = rated
    body = login(client, officer_a).get(reverse("eligibility:person_panel", args=[lan.pk]) + "?nam=2025").content
    body = body.decode()
    assert 'data-code="LDTT" data-eligible="0"' in body and "đăng ký" in body
    assert "Theo Quy chế thi đua, khen thưởng của tỉnh: bắt buộc đăng ký thi đua" in body
    for raw in ("registration_required", "LAW.md", "chưa xác nhận"):
        assert raw not in body, raw


def test_qualified_list_and_export(client, officer_a, rated, tree):
    _person, _lan = rated
    login(client, officer_a)
    url = reverse("eligibility:qualified", args=[tree["a"].pk])
    body = client.get(url, {"nam": 2025, "ma": "LDTT"}).content.decode()
    assert "Nguyễn Văn Phóng" in body and "Bùi Thị Lan" not in body
    assert 'data-testid="qualified-count">1<' in body
    response = client.get(url, {"nam": 2025, "ma": "LDTT", "xuat": "xlsx"})
    ws = load_workbook(BytesIO(response.content)).active
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    assert rows[0][1] == "Nguyễn Văn Phóng" and "Điều 24" in rows[0][5]
    # A unit reads with its parent, on the page and in the file: many units share a name.
    assert "Phòng Công chức, viên chức, Sở Nội vụ" in body and rows[0][2] == "Phòng Công chức, viên chức, Sở Nội vụ"


@pytest.fixture
def province_cap(settings):
    """A province layer capping CSTĐCS at 15 % of LĐTT (LAW.md case 10), chosen for 2025."""
    from thidua import rules

    layer = rules.ruleset_from_mapping({"id": "test-cap", "extends": "2025", "title": "Tỉnh thử",
                                        "settings": {"cstdcs_cap_pct_of_ldtt": 15}}, base=rules.RULESETS.all())
    rules.RULESETS.register(layer)
    settings.THIDUA_RULESETS = {"2025": "test-cap"}
    return layer


def test_quota_of_the_province_is_shown_live(client, officer_a, rated, tree, province_cap):
    login(client, officer_a)
    body = client.get(reverse("eligibility:qualified", args=[tree["a"].pk]), {"nam": 2025, "ma": "CSTDCS"})
    body = body.content.decode()
    assert "Nguyễn Văn Phóng" in body and "vượt tỷ lệ" in body
    assert "tối đa 15% là 0, vượt 1" in body


@pytest.mark.parametrize("name", ["eligibility:person_panel"])
def test_it_refuses_out_of_scope(client, officer_b, person_a, name):
    assert login(client, officer_b).get(reverse(name, args=[person_a.pk])).status_code == 404


@pytest.mark.parametrize("name", ["eligibility:unit_panel", "eligibility:qualified"])
def test_it_refuses_out_of_scope_units(client, officer_b, tree, name):
    assert login(client, officer_b).get(reverse(name, args=[tree["a"].pk])).status_code == 404


def test_the_list_never_shows_people_out_of_scope(client, officer_b, secretariat, rated, tree):
    # officer_b opens the root's list: root is out of scope → 404; the secretariat sees Phóng.
    assert login(client, officer_b).get(reverse("eligibility:qualified", args=[tree["root"].pk])).status_code == 404
    client.logout()
    body = login(client, secretariat).get(reverse("eligibility:qualified", args=[tree["root"].pk]),
                                          {"nam": 2025}).content.decode()
    assert "Nguyễn Văn Phóng" in body


def test_unit_panel_judges_the_collective(client, head_a, officer_a, rated, tree):
    people_services.evaluation_set(actor=head_a, unit=tree["a"], year=2025, rating="HTXSNV")
    body = login(client, head_a).get(reverse("eligibility:unit_panel", args=[tree["a"].pk]) + "?nam=2025").content
    assert 'data-code="TTLDTT"' in body.decode()


def test_discipline_in_the_year_blocks(client, officer_a, rated):
    person, _lan = rated
    people_services.discipline_create(actor=officer_a, person=person, form="canh_cao", decided_on=dt.date(2025, 4, 2))
    body = login(client, officer_a).get(reverse("eligibility:person_panel", args=[person.pk]) + "?nam=2025").content
    assert 'data-code="LDTT" data-eligible="0"' in body.decode()


def test_collective_list(client, head_a, officer_a, rated, tree):
    from thidua.registrations.services import registration_set

    people_services.evaluation_set(actor=head_a, unit=tree["a"], year=2025, rating="HTXSNV")
    registration_set(actor=head_a, unit=tree["a"], year=2025, codes=["TTLDTT"])
    body = login(client, head_a).get(reverse("eligibility:qualified", args=[tree["a"].pk]),
                                     {"nam": 2025, "ma": "TTLDTT"}).content.decode()
    assert 'data-testid="qualified-table"' in body


def test_ruleset_page_lists_every_rule_with_its_articles(client, officer_a):
    body = login(client, officer_a).get(reverse("eligibility:ruleset", args=["2025"])).content.decode()
    assert 'id="CSTDCS"' in body and "Điều 23 Luật Thi đua, khen thưởng 2022" in body
    # Settings and conditions by their Vietnamese names and values, never their identifiers.
    assert "Bắt buộc đăng ký thi đua" in body and "Số thành viên có mặt để phiên họp Hội đồng hợp lệ" in body
    assert "2/3 tổng số thành viên" in body and "Đạt danh hiệu liên tục" in body
    for raw in ("registration_required", "council_quorum", "0,6667", "True", "consecutive_titles",
                "members_ldtt_share", "(CSTDCS)", "law-2022", "LAW.md", "chưa xác nhận"):
        assert raw not in body, raw
    assert client.get(reverse("eligibility:ruleset", args=["1999"])).status_code == 404


def test_the_qualified_export_writes_user_text_as_text(client, officer_a, rated, tree):
    from thidua.people.models import Person

    person, _lan = rated
    Person.objects.filter(pk=person.pk).update(full_name=NAME)
    response = login(client, officer_a).get(reverse("eligibility:qualified", args=[tree["a"].pk]),
                                            {"nam": 2025, "ma": "LDTT", "xuat": "xlsx"})
    assert_text_cells(response.content, NAME)


@pytest.mark.parametrize("role", ["council_member", "bloc_leader"])
def test_a_user_who_sees_units_but_not_people_gets_the_list_without_people(client, rated, tree, role):
    """A council member or a bloc leader may open a unit, not its people: the list of an
    individual title is empty with a note saying why, the collective titles are listed."""
    from tests.conftest import make_user
    from thidua.people.services import evaluation_set

    user = make_user("xem_don_vi", role, tree["root"], "Đinh Thị Hội")
    url = reverse("eligibility:qualified", args=[tree["a"].pk])
    login(client, user)
    for params in ({"nam": 2025, "ma": "LDTT"}, {"nam": 2025, "ma": "LDTT", "xuat": "xlsx"}):
        response = client.get(url, params)
        assert response.status_code == 200
    body = client.get(url, {"nam": 2025, "ma": "LDTT"}).content.decode()
    assert "Nguyễn Văn Phóng" not in body and 'data-testid="qualified-count">0<' in body
    assert "Tài khoản của bạn không được xem danh sách cá nhân" in body
    evaluation_set(actor=make_user("canbo_tinh", "secretariat", tree["root"]), unit=tree["a1"], year=2025,
                   rating="HTXSNV")
    response = client.get(url, {"nam": 2025, "ma": "TTLDTT"})
    assert response.status_code == 200 and 'data-testid="people-hidden"' not in response.content.decode()
