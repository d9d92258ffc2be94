import pytest
from django.urls import reverse

from tests.conftest import login
from thidua.core.errors import ApplicationError
from thidua.core.models import AuditEvent
from thidua.registrations.models import Registration
from thidua.registrations.services import registration_set


def test_officer_registers_a_person(client, officer_a, person_a):
    login(client, officer_a)
    url = reverse("registrations:person", args=[person_a.pk])
    assert "Chiến sĩ thi đua cơ sở" in client.get(url + "?nam=2026").content.decode()
    response = client.post(url, {"year": 2026, "codes": ["LDTT", "CSTDCS"]})
    assert response.status_code == 302
    assert set(Registration.objects.filter(person=person_a, year=2026).values_list("code", flat=True)) == {
        "LDTT", "CSTDCS"}
    client.post(url, {"year": 2026, "codes": ["LDTT"]})
    assert list(Registration.objects.filter(person=person_a, year=2026).values_list("code", flat=True)) == ["LDTT"]
    event = AuditEvent.objects.filter(action="registration.set").order_by("-id").first()
    assert event.before["registered"] == ["CSTDCS", "LDTT"] and event.after["registered"] == ["LDTT"]


def test_a_collective_title_is_refused_for_a_person(officer_a, person_a):
    with pytest.raises(ApplicationError):
        registration_set(actor=officer_a, person=person_a, year=2026, codes=["TTLDXS"])
    assert not Registration.objects.exists()


def test_unit_registration_by_the_head(client, head_a, tree):
    login(client, head_a)
    response = client.post(reverse("registrations:unit", args=[tree["a"].pk]), {"year": 2026, "codes": ["TTLDTT"]})
    assert response.status_code == 302
    assert Registration.objects.get(person__isnull=True, unit=tree["a"]).code == "TTLDTT"


def test_it_refuses_out_of_scope(client, officer_b, person_a, tree):
    login(client, officer_b)
    assert client.get(reverse("registrations:person", args=[person_a.pk])).status_code == 404
    assert client.post(reverse("registrations:unit", args=[tree["a"].pk]), {"year": 2026}).status_code == 404
    assert not Registration.objects.exists()
