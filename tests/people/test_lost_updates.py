"""Two officers edit the same person or rating: the later save, made on what the page showed
before the first save, is refused with who saved first, and loses nothing of what was typed."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import login
from tests.html_forms import form_values, race
from thidua.people import services
from thidua.people.models import Evaluation, Person


@pytest.fixture
def second(secretariat):
    return login(Client(), secretariat)


def test_a_stale_person_save_is_refused_naming_who_saved_first(client, officer_a, second, person_a):
    saved, response = race(login(client, officer_a), second, reverse("people:edit", args=[person_a.pk]),
                           "full_name", {"position": "Trưởng phòng"}, {"full_name": "Nguyễn Văn Phóng Hai"})

    assert (saved.status_code, response.status_code) == (302, 200)
    person_a.refresh_from_db()
    assert (person_a.full_name, person_a.position) == ("Nguyễn Văn Phóng", "Trưởng phòng")
    body = response.content.decode()
    assert "Lê Văn An" in body and "sau khi bạn mở trang này" in body
    assert 'value="Nguyễn Văn Phóng Hai"' in body  # what the second officer typed is still in the form
    assert "Trưởng phòng" in body  # and the value saved meanwhile is shown beside it


def test_saving_again_after_seeing_the_refusal_is_a_deliberate_overwrite(client, officer_a, second, person_a):
    url = reverse("people:edit", args=[person_a.pk])
    _, refused = race(login(client, officer_a), second, url, "full_name", {"position": "Trưởng phòng"},
                      {"position": "Phó trưởng phòng"})

    again = second.post(url, form_values(refused.content, "full_name"))

    assert again.status_code == 302
    person_a.refresh_from_db()
    assert person_a.position == "Phó trưởng phòng"


def test_a_fresh_save_still_goes_through(client, officer_a, person_a):
    login(client, officer_a)
    url = reverse("people:edit", args=[person_a.pk])
    for position in ("Phó trưởng phòng", "Trưởng phòng"):
        assert client.post(url, {**form_values(client.get(url).content, "full_name"),
                                 "position": position}).status_code == 302
    person_a.refresh_from_db()
    assert person_a.position == "Trưởng phòng" and person_a.version == 3


def test_a_stale_rating_save_is_refused(client, officer_a, second, person_a):
    services.evaluation_set(actor=officer_a, person=person_a, year=2024, rating="HTTNV")
    url = reverse("people:evaluate", args=[person_a.pk]) + "?nam=2024"
    saved, response = race(login(client, officer_a), second, url, "rating", {"rating": "HTXSNV"},
                           {"note": "Có sáng kiến"})

    assert (saved.status_code, response.status_code) == (302, 200)
    rating = Evaluation.objects.get(person=person_a, year=2024)
    assert (rating.rating, rating.note) == ("HTXSNV", "")
    body = response.content.decode()
    assert "Lê Văn An" in body and "Xếp loại năm 2024 của Nguyễn Văn Phóng" in body
    assert "Có sáng kiến" in body


def test_rating_a_year_someone_rated_meanwhile_is_refused(client, officer_a, second, person_a):
    saved, response = race(login(client, officer_a), second, reverse("people:evaluate", args=[person_a.pk]),
                           "rating", {"year": 2024, "rating": "HTXSNV"}, {"year": 2024, "rating": "HTNV"})

    assert (saved.status_code, response.status_code) == (302, 200) and "Lê Văn An" in response.content.decode()
    assert Evaluation.objects.get(person=person_a, year=2024).rating == "HTXSNV"


def test_the_rating_form_opens_with_the_years_saved_rating(client, officer_a, person_a):
    services.evaluation_set(actor=officer_a, person=person_a, year=2024, rating="HTNV", note="Ốm dài ngày")
    values = form_values(login(client, officer_a).get(
        reverse("people:evaluate", args=[person_a.pk]) + "?nam=2024").content, "rating")
    assert (values["rating"], values["note"]) == ("HTNV", "Ốm dài ngày")


def test_a_person_moved_meanwhile_is_not_moved_again_unseen(client, officer_a, second, person_a, tree):
    url = reverse("people:transfer", args=[person_a.pk])
    saved, response = race(login(client, officer_a), second, url, "to_unit",
                           {"to_unit": tree["a"].pk, "on": "01/03/2026"}, {"to_unit": tree["b"].pk, "on": "01/04/2026"})

    assert (saved.status_code, response.status_code) == (302, 200)
    assert Person.objects.get(pk=person_a.pk).current_unit == tree["a"]
    body = response.content.decode()
    assert "Lê Văn An" in body and "Đơn vị công tác: <strong>Sở Nội vụ</strong>" in body
