"""registration_set, the one-subject write behind the person's and the unit's own pages:
without a sheet it keeps history as before; with one it writes into it, under its rules."""

import pytest

from tests.registrations.conftest import YEAR
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.models import AuditEvent
from thidua.registrations import services
from thidua.registrations.models import Registration

pytestmark = pytest.mark.usefixtures("season")


def test_without_a_sheet_registrations_are_history(officer_a, person_a):
    services.registration_set(actor=officer_a, person=person_a, year=YEAR, codes=["LDTT", "CSTDCS"])
    assert set(Registration.objects.filter(person=person_a, sheet__isnull=True).values_list("code", flat=True)) == {
        "LDTT", "CSTDCS"}


def test_with_a_sheet_it_writes_into_the_sheet(officer_a, person_a, colleague, tree):
    sheet = services.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=YEAR)
    services.sheet_save(actor=officer_a, sheet=sheet, unit_codes=[], person_codes={colleague.pk: ["LDTT"]},
                        targets="")
    services.registration_set(actor=officer_a, person=person_a, year=YEAR, codes=["LDTT"])
    assert Registration.objects.get(person=person_a).sheet == sheet
    assert Registration.objects.get(person=colleague).sheet == sheet  # the others are untouched
    assert AuditEvent.objects.filter(action="registration.set", target_id=person_a.pk).exists()
    services.registration_set(actor=officer_a, person=person_a, year=YEAR, codes=[])
    assert not Registration.objects.filter(person=person_a).exists()


def test_with_a_sheet_the_unit_registers_into_it(officer_a, tree):
    sheet = services.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=YEAR)
    services.registration_set(actor=officer_a, unit=tree["a1"], year=YEAR, codes=["TTLDXS"])
    assert Registration.objects.get(person__isnull=True, unit=tree["a1"]).sheet == sheet


def test_a_locked_sheet_refuses_it(officer_a, head_a, person_a, tree):
    sheet = services.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=YEAR)
    services.sheet_save(actor=officer_a, sheet=sheet, unit_codes=["TTLDTT"], person_codes={}, targets="")
    services.sheet_approve(actor=head_a, sheet=sheet)
    with pytest.raises(ApplicationError, match="cần mở lại"):
        services.registration_set(actor=officer_a, person=person_a, year=YEAR, codes=["LDTT"])
    assert not Registration.objects.filter(person=person_a).exists()


def test_the_head_writes_history_but_not_into_a_sheet(officer_a, head_a, tree):
    services.registration_set(actor=head_a, unit=tree["a1"], year=YEAR - 1, codes=["TTLDTT"])
    services.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=YEAR)
    with pytest.raises(PermissionDenied):
        services.registration_set(actor=head_a, unit=tree["a1"], year=YEAR, codes=["TTLDTT"])


def test_a_title_on_another_units_sheet_stays_there(secretariat, officer_a, person_a, tree):
    person_a.current_unit = tree["b"]
    person_a.save()
    sheet_b = services.sheet_get_or_create(actor=secretariat, unit=tree["b"], year=YEAR)
    services.sheet_save(actor=secretariat, sheet=sheet_b, unit_codes=[], person_codes={person_a.pk: ["LDTT"]},
                        targets="")
    person_a.current_unit = tree["a1"]
    person_a.save()
    # Asking again for what is registered elsewhere changes nothing; adding another title works.
    services.registration_set(actor=officer_a, person=person_a, year=YEAR, codes=["LDTT", "CSTDCS"])
    assert Registration.objects.get(person=person_a, code="LDTT").sheet == sheet_b
    assert Registration.objects.get(person=person_a, code="CSTDCS").sheet is None
    with pytest.raises(ApplicationError) as exc:
        services.registration_set(actor=officer_a, person=person_a, year=YEAR, codes=["CSTDCS"])
    assert "được ghi tại «Sở Y tế»; muốn rút thì sửa bản đăng ký đó." in exc.value.message
