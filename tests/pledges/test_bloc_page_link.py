"""The bloc page links the bloc's pledge only for whoever may open it (issue 13: no link
leads to our 404 page)."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.pledges.conftest import YEAR


def _page(user, bloc):
    client = Client()
    client.force_login(user)
    return client, client.get(reverse("org:bloc_detail", args=[bloc.pk]), {"nam": YEAR}).content.decode()


@pytest.mark.django_db
def test_a_member_unit_is_linked_to_its_pledge(bloc, officer_a):
    client, body = _page(officer_a, bloc)
    link = reverse("pledges:bloc_year", args=[bloc.pk, YEAR])
    assert f'href="{link}"' in body and f"Giao ước, chấm điểm năm {YEAR}" in body
    assert client.get(link).status_code == 200


@pytest.mark.django_db
def test_a_unit_of_another_bloc_sees_the_members_without_the_link_it_could_not_follow(bloc, officer_d):
    client, body = _page(officer_d, bloc)
    link = reverse("pledges:bloc_year", args=[bloc.pk, YEAR])
    assert "Sở Nội vụ" in body and link not in body
    assert client.get(link).status_code == 404
