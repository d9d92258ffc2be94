"""The scan counts a registration exactly as `counted_registrations` does (ADR 0004): on an
approved sheet or on none; a draft, a sheet waiting for the head and a returned one do not
count. The qualified list shows the same people the rule names."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.conftest import login, make_person, make_unit
from thidua.eligibility.scan import eligible_flags
from thidua.people.models import Evaluation
from thidua.registrations.models import Registration, RegistrationSheet, SheetStatus
from thidua.registrations.selectors import counted_registrations

YEAR = 2025


@pytest.fixture
def registered(tree):
    """One office of Sở A per sheet state, each with one person rated HTXSNV and registered
    for LĐTT on the office's sheet; one more registered before sheets existed (no sheet)."""
    people = {}
    for i, state in enumerate([*SheetStatus.values, None], start=1):
        office = make_unit(tree["a"], f"T.A.{i + 1}", f"Phòng số {i}", kind="phong_ban", level="noi_bo")
        person = make_person(office, f"Nguyễn Văn Thứ {i}")
        Evaluation.objects.create(person=person, unit=office, year=YEAR, rating="HTXSNV", months_worked=12)
        sheet = RegistrationSheet.objects.create(unit=office, year=YEAR, state=state) if state else None
        Registration.objects.create(person=person, unit=office, year=YEAR, code="LDTT", sheet=sheet,
                                    registered_on=dt.date(YEAR, 1, 20))
        people[state or "none"] = person
    return people


def test_only_approved_and_sheetless_registrations_make_a_title_possible(client, officer_a, tree, registered):
    counted = set(counted_registrations().filter(year=YEAR).values_list("person_id", flat=True))
    assert counted == {registered["approved"].pk, registered["none"].pk}
    # The bulk scan (`thidua rules scan`, the SQL of `eligibility.facts`) names the same people.
    flags = eligible_flags(year=YEAR).flags
    assert {pk for (kind, pk), codes in flags.items() if kind == "individual" and "LDTT" in codes} == counted
    # And so does the qualified list an officer reads.
    body = login(client, officer_a).get(reverse("eligibility:qualified", args=[tree["a"].pk]),
                                        {"nam": YEAR, "ma": "LDTT"}).content.decode()
    for state, person in registered.items():
        assert (person.full_name in body) == (state in ("approved", "none")), state
    assert 'data-testid="qualified-count">2<' in body
