"""A unit's yearly ratings in one grid: the import's checks, all or nothing, the stale
save refused naming who saved, and only in scope."""

import pytest
from django.urls import reverse

from tests.conftest import login, make_person, make_user
from thidua.core.roles import Role
from thidua.people import services as people_services
from thidua.people.models import Evaluation

YEAR = 2025


@pytest.fixture
def staff(tree):
    return make_person(tree["a"], "Đinh Văn Hải"), make_person(tree["a1"], "Kiều Thị Lan")


def _url(unit):
    return reverse("imports:ratings_grid", args=[unit.pk]) + f"?nam={YEAR}"


def _post(client, unit, data):
    return client.post(_url(unit), data, HTTP_HX_REQUEST="true").content.decode()


def test_the_grid_saves_every_changed_rating_at_once(client, officer_a, tree, staff):
    hai, lan = staff
    login(client, officer_a)
    body = client.get(_url(tree["a"])).content.decode()
    assert "Đinh Văn Hải" in body and "Kiều Thị Lan" in body
    body = _post(client, tree["a"], {f"r{hai.pk}": "HTXSNV", f"m{hai.pk}": "", f"v{hai.pk}": "0",
                                     f"r{lan.pk}": "HTTNV", f"m{lan.pk}": "10", f"n{lan.pk}": "Nghỉ thai sản",
                                     f"v{lan.pk}": "0"})
    assert "Đã lưu xếp loại năm 2025 của 2 người." in body
    assert Evaluation.objects.get(person=hai, year=YEAR).months_worked == 12
    assert Evaluation.objects.get(person=lan, year=YEAR).note == "Nghỉ thai sản"


def test_a_wrong_cell_is_named_on_its_row_and_nothing_is_saved(client, officer_a, tree, staff):
    hai, lan = staff
    body = _post(login(client, officer_a), tree["a"], {f"r{hai.pk}": "HTXSNV", f"v{hai.pk}": "0",
                                                       f"r{lan.pk}": "HTTNV", f"m{lan.pk}": "13", f"v{lan.pk}": "0"})
    assert "Số tháng công tác: số tháng công tác «13» không hợp lệ; nhập số nguyên từ 0 đến 12." in body
    assert "Chưa lưu" in body and not Evaluation.objects.filter(year=YEAR).exists()


def test_a_stale_save_is_refused_naming_who_saved(client, officer_a, tree, staff):
    hai, lan = staff
    login(client, officer_a)
    client.get(_url(tree["a"]))  # the grid shows no rating yet: version 0
    other = make_user("canbo_a2", Role.UNIT_OFFICER, tree["a"], "Trịnh Văn Khoa")
    people_services.evaluation_set(actor=other, person=hai, year=YEAR, rating="HTNV")
    body = _post(client, tree["a"], {f"r{hai.pk}": "HTXSNV", f"v{hai.pk}": "0",
                                     f"r{lan.pk}": "HTTNV", f"v{lan.pk}": "0"})
    assert "Đinh Văn Hải" in body and "Trịnh Văn Khoa" in body and "chưa được lưu" in body
    assert Evaluation.objects.get(person=hai, year=YEAR).rating == "HTNV"
    assert not Evaluation.objects.filter(person=lan, year=YEAR).exists()  # all or nothing


def test_the_grid_is_refused_out_of_scope(client, officer_b, tree, staff):
    login(client, officer_b)
    assert client.get(_url(tree["a"])).status_code == 404
    hai, _lan = staff
    assert client.post(_url(tree["a"]), {f"r{hai.pk}": "HTXSNV", f"v{hai.pk}": "0"}).status_code == 404
    assert not Evaluation.objects.exists()
