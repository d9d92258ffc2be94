"""The engine's `registered` facts: a registration counts once its sheet is approved."""

import pytest

from tests.registrations.conftest import BEFORE_DEADLINE
from thidua.eligibility.selectors import person_answer
from thidua.people import services as people_services
from thidua.registrations import services

YEAR = 2025


@pytest.fixture
def rated(time_machine, officer_a, person_a):
    time_machine.move_to(BEFORE_DEADLINE, tick=False)
    people_services.evaluation_set(actor=officer_a, person=person_a, year=YEAR, rating="HTXSNV")
    return person_a


def ldtt(person):
    return person_answer(person, YEAR).verdict("LDTT")


def test_a_draft_sheet_does_not_count_an_approved_one_does(officer_a, head_a, rated, tree):
    sheet = services.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=YEAR)
    services.sheet_save(actor=officer_a, sheet=sheet, unit_codes=[], person_codes={rated.pk: ["LDTT"]},
                        targets="")
    verdict = ldtt(rated)
    assert not verdict.eligible and "đăng ký" in " ".join(verdict.reasons + verdict.missing)
    services.sheet_submit(actor=officer_a, sheet=sheet)
    assert not ldtt(rated).eligible
    services.sheet_approve(actor=head_a, sheet=sheet)
    assert ldtt(rated).eligible
    services.sheet_reopen(actor=head_a, sheet=sheet, reason="Bổ sung")
    assert not ldtt(rated).eligible


def test_history_without_a_sheet_counts(officer_a, rated):
    services.registration_set(actor=officer_a, person=rated, year=YEAR, codes=["LDTT"])
    assert ldtt(rated).eligible
