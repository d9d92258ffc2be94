"""The unit picker: forms render only the chosen unit, and the endpoint behind it answers
only with units of the asker's scope (issue 10, finding 10)."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.conftest import login, make_unit, make_user
from thidua.core.roles import Perm, Role
from thidua.org.models import Unit

URL = reverse("org:unit_choices")


def _names(client, **params) -> list[str]:
    response = client.get(URL, params)
    assert response.status_code == 200
    return [row["text"] for row in response.json()["results"]]


@pytest.fixture
def many_offices(tree):
    """Forty offices under Sở Y tế: enough that a page listing every unit would show it."""
    for i in range(40):
        make_unit(Unit.objects.get(pk=tree["b"].pk), f"T.B.{i}", f"Phòng Khám số {i}", kind="phong_ban",
                  level="noi_bo")
    return tree


def test_an_officer_finds_the_units_of_their_department_and_none_of_another(client, tree, officer_a):
    login(client, officer_a)
    assert _names(client, q="phong cong chuc") == ["Phòng Công chức, viên chức, Sở Nội vụ"]
    assert _names(client, q="so y te") == []  # Sở B is outside Sở A's scope
    assert _names(client, q="ubnd") == []  # nor is the province above
    assert _names(client, q="") == ["Sở Nội vụ", "Phòng Công chức, viên chức, Sở Nội vụ"]


def test_the_secretariat_finds_units_across_the_province_by_name_code_or_without_diacritics(client, tree,
                                                                                             secretariat):
    login(client, secretariat)
    assert _names(client, q="Sở Y tế") == ["Sở Y tế"]
    assert _names(client, q="so y te") == ["Sở Y tế"]
    assert _names(client, q="T.A.1") == ["Phòng Công chức, viên chức, Sở Nội vụ"]


def test_answers_are_capped_and_read_in_a_fixed_number_of_queries(client, many_offices, secretariat,
                                                                  django_assert_max_num_queries):
    login(client, secretariat)
    with django_assert_max_num_queries(6):  # session, user, grants, units, their parents
        names = _names(client, q="phong kham")
    assert len(names) == 20
    assert names[0] == "Phòng Khám số 0, Sở Y tế"


def test_a_permission_narrows_the_answers_and_an_unknown_one_is_refused(client, tree, head_a, officer_a):
    login(client, head_a)  # a head signs but does not build dossiers
    assert _names(client, q="so noi vu", quyen=Perm.DOSSIER_CHANGE) == []
    assert _names(client, q="so noi vu", quyen=Perm.ORG_VIEW) == ["Sở Nội vụ"]
    assert client.get(URL, {"q": "so", "quyen": "khong.co"}).status_code == 404
    login(client, officer_a)
    assert _names(client, q="so noi vu", quyen=Perm.DOSSIER_CHANGE) == ["Sở Nội vụ"]


def test_a_subtree_outside_the_scope_is_refused_and_levels_limit_the_depth(client, tree, officer_a, secretariat):
    login(client, officer_a)
    assert client.get(URL, {"duoi": tree["b"].pk}).status_code == 404
    login(client, secretariat)
    assert _names(client, duoi=tree["root"].pk, cap=1) == ["UBND tỉnh Thử Nghiệm", "Sở Nội vụ", "Sở Y tế"]


def test_closed_units_are_marked_and_left_out_when_only_active_ones_are_asked(client, tree, secretariat):
    Unit.objects.filter(pk=tree["a1"].pk).update(active_from=dt.date(2000, 1, 1), active_until=dt.date(2025, 7, 1))
    login(client, secretariat)
    assert _names(client, q="phong cong chuc") == ["Phòng Công chức, viên chức, Sở Nội vụ (đã ngừng hoạt động)"]
    assert _names(client, q="phong cong chuc", **{"hoat-dong": "1"}) == []


def test_a_transfer_may_go_to_any_active_unit_but_only_for_who_may_move_people(client, tree, officer_a, head_a):
    login(client, officer_a)
    assert _names(client, q="so y te", **{"chuyen-den": "1"}) == ["Sở Y tế"]
    login(client, head_a)  # no right to move people: nothing beyond the scope
    assert _names(client, q="so y te", **{"chuyen-den": "1"}) == []


def test_a_signed_out_visitor_is_sent_to_sign_in(client, tree):
    response = client.get(URL, {"q": "so"})
    assert response.status_code == 302
    assert "/tai-khoan/dang-nhap/" in response["Location"]


def test_the_decision_filter_shows_only_the_chosen_unit_and_filters_by_it(client, many_offices, secretariat):
    login(client, secretariat)
    page = client.get(reverse("decisions:list")).content.decode()
    assert "Phòng Khám số" not in page  # no unit listed before one is chosen
    assert 'data-unit-picker="1"' in page
    page = client.get(reverse("decisions:list"), {"don_vi": many_offices["b"].pk}).content.decode()
    assert '<option value="{}" selected>Sở Y tế</option>'.format(many_offices["b"].pk) in page
    assert "Phòng Khám số" not in page


def test_a_unit_outside_the_scope_is_not_accepted_by_a_picker(client, tree, officer_a):
    login(client, officer_a)
    response = client.get(reverse("decisions:list"), {"don_vi": tree["b"].pk})
    assert "Sở Y tế" not in response.content.decode()  # refused, not shown as chosen
    assert response.context["form"].errors["don_vi"]


def test_the_grant_form_offers_no_unit_list_to_the_administrator(client, many_offices):
    admin = make_user("quantri", Role.ADMIN, many_offices["root"], "Phạm Minh Quân")
    login(client, admin)
    page = client.get(reverse("accounts:user_detail", args=[admin.pk])).content.decode()
    assert "Phòng Khám số" not in page
    assert "chon/?quyen=org.view&amp;hoat-dong=1" in page
