"""Issue 14 through the eligibility pages: a 7-year unbroken run with its three CSTĐCS in its
first three years earns the Bằng khen TTg (Law Art. 73(1)(b)), and a registration for CSTĐCS
alone meets CSTĐCS and its LĐTT prerequisite (Art. 23(1))."""

import datetime as dt

from django.urls import reverse

from tests.conftest import login, make_person
from thidua.awards.models import Award
from thidua.eligibility.scan import eligible_flags
from thidua.people import services as people_services
from thidua.registrations.services import registration_set


def _award(person, unit, kind, year, decided_on, *, title, period=None):
    Award.objects.create(subject_kind="individual", person=person, held_unit=unit, kind=kind, is_title=title,
                         year=year, decided_on=decided_on, decision_number=f"{year}/QĐ-{kind}",
                         period_from=period and period[0], period_to=period and period[1])


def _panel(client, person):
    return client.get(reverse("eligibility:person_panel", args=[person.pk]) + "?nam=2025").content.decode()


def test_a_seven_year_run_earns_the_bang_khen_ttg(client, officer_a, person_a, tree):
    _award(person_a, tree["a"], "BK_TINH", 2018, dt.date(2019, 3, 1), title=False, period=(2018, 2018))
    for y in range(2019, 2026):
        people_services.evaluation_set(actor=officer_a, person=person_a, year=y, rating="HTTNV")
        registration_set(actor=officer_a, person=person_a, year=y, codes=["LDTT", "CSTDCS"])
        _award(person_a, tree["a"], "LDTT", y, dt.date(y + 1, 1, 15), title=True)
        if y <= 2021:
            _award(person_a, tree["a"], "CSTDCS", y, dt.date(y + 1, 1, 15), title=True)
    body = _panel(login(client, officer_a), person_a)
    assert 'data-code="BK_TTG" data-eligible="1"' in body
    assert "Có 7 năm liên tục xếp loại" in body
    assert "3 lần trong thời gian liên tục các năm 2019–2025 (2019, 2020, 2021)" in body
    # The bulk scan behind the qualified lists says the same.
    assert "BK_TTG" in eligible_flags(year=2025).flags[("individual", person_a.pk)]


def test_a_cstdcs_only_registration_meets_cstdcs_and_ldtt(client, officer_a, tree):
    nga = make_person(tree["a"], "Trần Thị Nga", gender="nu")
    people_services.evaluation_set(actor=officer_a, person=nga, year=2025, rating="HTXSNV")
    registration_set(actor=officer_a, person=nga, year=2025, codes=["CSTDCS"])
    body = _panel(login(client, officer_a), nga)
    assert 'data-code="CSTDCS" data-eligible="1"' in body
    assert 'data-code="LDTT" data-eligible="1"' in body
    assert "không cần đăng ký riêng" in body
    assert "không đăng ký thi đua" not in body


def test_the_ldtt_list_shows_who_registered_for_cstdcs_only(client, officer_a, tree):
    nga = make_person(tree["a"], "Trần Thị Nga", gender="nu")
    people_services.evaluation_set(actor=officer_a, person=nga, year=2025, rating="HTXSNV")
    registration_set(actor=officer_a, person=nga, year=2025, codes=["CSTDCS"])
    body = login(client, officer_a).get(reverse("eligibility:qualified", args=[tree["a"].pk]),
                                        {"nam": 2025, "ma": "LDTT"}).content.decode()
    assert "Trần Thị Nga" in body
