"""Two people edit the same unit or the same unit rating: the later save, made on what the
page showed before the first save, is refused with who saved first."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import login, make_user, page_with_panels
from tests.html_forms import form_values, race
from thidua.core.roles import Role
from thidua.org.models import Unit
from thidua.people import services as people_services
from thidua.people.models import Evaluation


@pytest.fixture
def admin(tree):
    return make_user("quantri", Role.ADMIN, tree["root"], "Đỗ Quang Trị")


def test_a_stale_unit_save_is_refused_naming_who_saved_first(client, secretariat, admin, tree):
    saved, response = race(login(client, secretariat), login(Client(), admin), reverse("org:edit", args=[tree["a"].pk]),
                           "name", {"name": "Sở Nội vụ tỉnh Thử Nghiệm"}, {"short_name": "SNV"})

    assert (saved.status_code, response.status_code) == (302, 200)
    unit = Unit.objects.get(pk=tree["a"].pk)
    assert (unit.name, unit.short_name) == ("Sở Nội vụ tỉnh Thử Nghiệm", "")
    body = response.content.decode()
    assert "Trần Thị Thu" in body and "sau khi bạn mở trang này" in body
    assert 'value="SNV"' in body and "Sở Nội vụ tỉnh Thử Nghiệm" in body


def test_a_child_added_meanwhile_does_not_make_the_unit_form_stale(client, secretariat, admin, tree):
    login(client, secretariat)
    url = reverse("org:edit", args=[tree["a"].pk])
    values = form_values(client.get(url).content, "name")
    login(Client(), admin).post(reverse("org:create_child", args=[tree["a"].pk]), {
        "code": "T.A.2", "name": "Phòng Tổ chức", "kind": "phong_ban", "level": "noi_bo"})
    assert Unit.objects.filter(code="T.A.2").exists()

    assert client.post(url, {**values, "short_name": "SNV"}).status_code == 302
    assert Unit.objects.get(pk=tree["a"].pk).short_name == "SNV"


def test_a_stale_unit_rating_save_is_refused(client, secretariat, admin, tree):
    people_services.evaluation_set(actor=secretariat, unit=tree["a"], year=2024, rating="HTTNV")
    url = reverse("people:unit_evaluate", args=[tree["a"].pk]) + "?nam=2024"
    saved, response = race(login(client, secretariat), login(Client(), admin), url, "rating", {"rating": "HTXSNV"},
                           {"note": "Dẫn đầu khối"})

    assert (saved.status_code, response.status_code) == (302, 200)
    rating = Evaluation.objects.get(unit=tree["a"], person__isnull=True, year=2024)
    assert (rating.rating, rating.note) == ("HTXSNV", "")
    body = response.content.decode()
    assert "Trần Thị Thu" in body and "Xếp loại năm 2024 của Sở Nội vụ" in body


def test_the_unit_page_offers_to_edit_each_years_rating(client, secretariat, tree):
    people_services.evaluation_set(actor=secretariat, unit=tree["a"], year=2024, rating="HTTNV")
    body = page_with_panels(login(client, secretariat), reverse("org:detail", args=[tree["a"].pk]))
    assert reverse("people:unit_evaluate", args=[tree["a"].pk]) + "?nam=2024" in body
