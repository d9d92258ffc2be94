"""A double click on "Lưu" in the person form adds one person, not two."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.conftest import login
from tests.html_forms import form_values
from thidua.core.once import ALREADY_SAVED
from thidua.people.models import Person


def _filled(client, unit):
    url = reverse("people:create") + f"?don-vi={unit.pk}"
    values = form_values(client.get(url).content, "full_name")
    return url, {**values, "full_name": "Đặng Thị Mai", "gender": "nu", "birth_date": "12/05/1992",
                 "position": "Chuyên viên"}


def test_a_double_submit_makes_one_person(client, officer_a, tree):
    url, values = _filled(login(client, officer_a), tree["a"])

    first = client.post(url, values)
    second = client.post(url, values, follow=True)

    person = Person.objects.get(full_name="Đặng Thị Mai")
    assert Person.objects.filter(full_name="Đặng Thị Mai").count() == 1
    assert first["Location"] == reverse("people:detail", args=[person.pk])
    assert second.redirect_chain == [(first["Location"], 302)]
    assert str(ALREADY_SAVED) in second.content.decode()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor == "sqlite", reason=(
    "the shared in-memory test database of SQLite locks tables instead of waiting; a real SQLite file queues the "
    "two requests' IMMEDIATE transactions, which the sequential test covers"))
def test_two_simultaneous_submits_make_one_person(officer_a, tree):
    url, values = _filled(login(Client(), officer_a), tree["a"])
    clients = [login(Client(), officer_a) for _ in range(2)]
    start, answers = threading.Barrier(2), []

    def press(client):
        start.wait()
        answers.append(client.post(url, values))
        connection.close()

    threads = [threading.Thread(target=press, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    person = Person.objects.get(full_name="Đặng Thị Mai")
    assert [a.status_code for a in answers] == [302, 302]
    assert {a["Location"] for a in answers} == {reverse("people:detail", args=[person.pk])}
