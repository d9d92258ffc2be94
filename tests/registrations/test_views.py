import pytest

from thidua.core.errors import ApplicationError
from thidua.core.models import AuditEvent
from thidua.registrations.models import Registration
from thidua.registrations.services import registration_set


def test_a_persons_titles_set_and_changed_are_audited(officer_a, person_a):
    registration_set(actor=officer_a, person=person_a, year=2026, codes=["LDTT", "CSTDCS"])
    assert set(Registration.objects.filter(person=person_a, year=2026).values_list("code", flat=True)) == {
        "LDTT", "CSTDCS"}
    registration_set(actor=officer_a, person=person_a, year=2026, codes=["LDTT"])
    assert list(Registration.objects.filter(person=person_a, year=2026).values_list("code", flat=True)) == ["LDTT"]
    event = AuditEvent.objects.filter(action="registration.set").order_by("-id").first()
    # Recorded by name, as the history panel shows it (issue 13).
    assert event.before["registered"] == ["Chiến sĩ thi đua cơ sở", "Lao động tiên tiến"]
    assert event.after["registered"] == ["Lao động tiên tiến"]


def test_a_collective_title_is_refused_for_a_person(officer_a, person_a):
    with pytest.raises(ApplicationError):
        registration_set(actor=officer_a, person=person_a, year=2026, codes=["TTLDXS"])
    assert not Registration.objects.exists()
