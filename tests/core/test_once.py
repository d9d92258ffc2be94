"""The one-time token of create forms (`core.once`), seen through the person form."""

import time_machine
from django.test import Client
from django.urls import reverse

from tests.conftest import login
from tests.html_forms import form_values
from thidua.core import once
from thidua.core.models import FormSubmission
from thidua.people.models import Person


def _form(client, unit, **values):
    url = reverse("people:create") + f"?don-vi={unit.pk}"
    return url, {**form_values(client.get(url).content, "full_name"), "full_name": "Đặng Thị Mai", "gender": "nu",
                 **values}


def test_a_refused_create_keeps_the_token_for_the_corrected_form(client, officer_a, tree, person_a):
    url, values = _form(login(client, officer_a), tree["a"], cccd=person_a.cccd)
    refused = client.post(url, values)
    assert refused.status_code == 200 and not Person.objects.filter(full_name="Đặng Thị Mai").exists()
    again = form_values(refused.content, "full_name")
    assert again[once.FIELD] == values[once.FIELD]  # nothing was created: the same form may be sent again

    assert client.post(url, {**again, "cccd": ""}).status_code == 302
    assert Person.objects.filter(full_name="Đặng Thị Mai").count() == 1


def test_another_users_token_is_refused(client, officer_a, secretariat, tree):
    url, values = _form(login(Client(), secretariat), tree["a"])
    response = login(client, officer_a).post(url, values)
    assert response.status_code == 200 and str(once.FORM_EXPIRED) in response.content.decode()
    assert not Person.objects.filter(full_name="Đặng Thị Mai").exists()
    # The form comes back with a token of its own, so pressing Save again works.
    assert client.post(url, form_values(response.content, "full_name")).status_code == 302


def test_a_week_old_form_is_refused_and_its_row_pruned(client, officer_a, tree):
    with time_machine.travel("2026-01-05 09:00 +07:00", tick=False):
        url, old = _form(login(client, officer_a), tree["a"], full_name="Lò Văn Cũ")
        assert client.post(url, old).status_code == 302
        url, stale = _form(client, tree["a"])
    assert FormSubmission.objects.count() == 1
    with time_machine.travel("2026-01-13 09:00 +07:00", tick=False):
        login(client, officer_a)  # a session does not last a week
        assert str(once.FORM_EXPIRED) in client.post(url, stale).content.decode()
        url, fresh = _form(client, tree["a"])
        assert client.post(url, fresh).status_code == 302
    assert list(FormSubmission.objects.values_list("url", flat=True)) == [
        reverse("people:detail", args=[Person.objects.get(full_name="Đặng Thị Mai").pk])]


def test_a_script_that_sends_no_token_still_creates(client, officer_a, tree):
    url, values = _form(login(client, officer_a), tree["a"])
    del values[once.FIELD]
    assert client.post(url, values).status_code == 302
    assert not FormSubmission.objects.exists()
