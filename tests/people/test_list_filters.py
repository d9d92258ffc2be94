"""The people list filters by unit, rating, title and year, in scope."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from tests.conftest import login, make_person
from thidua.awards.models import Award
from thidua.catalog import services as catalog_services
from thidua.people.models import Evaluation

URL = reverse("people:list")


@pytest.fixture
def people(tree, db):
    catalog_services.catalog_load()
    an = make_person(tree["a1"], "Lý Thị An")
    binh = make_person(tree["a"], "Mai Văn Bình")
    chi = make_person(tree["b"], "Tạ Thị Chi")
    for person, unit, rating in ((an, tree["a1"], "HTXSNV"), (binh, tree["a"], "HTTNV"), (chi, tree["b"], "HTXSNV")):
        Evaluation.objects.create(person=person, unit=unit, year=2025, rating=rating)
    Evaluation.objects.create(person=binh, unit=tree["a"], year=2024, rating="HTXSNV")
    Award.objects.create(subject_kind="individual", person=an, held_unit=tree["a1"], kind="CSTDCS", is_title=True,
                         year=2025, decided_on=dt.date(2026, 1, 10), decision_number="3/QĐ-SNV")
    return an, binh, chi


def _names(body: str) -> list[str]:
    return re.findall(r'<a href="/ca-nhan/\d+/">([^<]+)</a>', body)


def test_the_list_filters_by_unit_rating_title_and_year(client, secretariat, tree, people):
    login(client, secretariat)
    assert _names(client.get(URL, {"don-vi": tree["a"].pk}).content.decode()) == ["Lý Thị An", "Mai Văn Bình"]
    assert _names(client.get(URL, {"nam": 2025, "xep-loai": "HTXSNV"}).content.decode()) == ["Lý Thị An", "Tạ Thị Chi"]
    assert _names(client.get(URL, {"nam": 2024, "xep-loai": "HTXSNV"}).content.decode()) == ["Mai Văn Bình"]
    assert _names(client.get(URL, {"nam": 2025, "xep-loai": "HTXSNV", "don-vi": tree["b"].pk}).content.decode()) \
        == ["Tạ Thị Chi"]
    body = client.get(URL, {"nam": 2025, "danh-hieu": "CSTDCS"}).content.decode()
    assert _names(body) == ["Lý Thị An"] and "Chiến sĩ thi đua cơ sở" in body
    assert _names(client.get(URL, {"nam": 2024, "danh-hieu": "CSTDCS"}).content.decode()) == []


def test_the_filters_stay_in_scope(client, officer_b, tree, people):
    login(client, officer_b)
    assert _names(client.get(URL, {"nam": 2025, "xep-loai": "HTXSNV"}).content.decode()) == ["Tạ Thị Chi"]
    assert client.get(URL, {"don-vi": tree["a"].pk}).status_code == 404
