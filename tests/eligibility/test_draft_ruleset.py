"""The draft amendment's rule set on the pages: off by default, switched on by an
administrator alone (audited), labelled "Dự thảo – chưa có hiệu lực" wherever it judges."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.conftest import login, make_user
from thidua.core.models import AuditEvent
from thidua.core.roles import Role
from thidua.eligibility import selectors, services
from thidua.eligibility.models import RulesetSwitch
from thidua.people import services as people_services
from thidua.registrations.services import registration_set

DRAFT = "2026-10-du-thao"
LABEL = "Dự thảo – chưa có hiệu lực"


@pytest.fixture
def admin(tree):
    return make_user("quantri", Role.ADMIN, tree["root"], "Đỗ Văn Quản")


@pytest.fixture
def rated_2026(officer_a, person_a):
    """Phóng: HTXSNV in 2026, registered for LĐTT and CSTĐCS, no initiative."""
    people_services.evaluation_set(actor=officer_a, person=person_a, year=2026, rating="HTXSNV")
    registration_set(actor=officer_a, person=person_a, year=2026, codes=["LDTT", "CSTDCS"])
    return person_a


def _panel(client, person, year=2026) -> str:
    return client.get(reverse("eligibility:person_panel", args=[person.pk]) + f"?nam={year}").content.decode()


def _switch(client, enabled: bool):
    return client.post(reverse("eligibility:ruleset_switch", args=[DRAFT]), {"bat": "1" if enabled else "0",
                                                                          "ly_do": "Thử dự thảo"})


def test_the_draft_is_off_by_default(client, officer_a, rated_2026):
    assert selectors.ruleset_for(2026).id == "2025"
    body = _panel(login(client, officer_a), rated_2026)
    assert 'data-code="CSTDCS" data-eligible="1"' in body and LABEL not in body


def test_an_officer_cannot_switch_the_draft_on(client, officer_a, secretariat, rated_2026):
    for user in (officer_a, secretariat):
        client.logout()
        assert _switch(login(client, user), True).status_code == 403
    assert not RulesetSwitch.objects.filter(enabled=True).exists()
    assert not AuditEvent.objects.filter(action="ruleset.draft_set").exists()
    assert selectors.ruleset_for(2026).id == "2025"
    # The page shows officers what the draft is, without the switch.
    page = client.get(reverse("eligibility:ruleset", args=[DRAFT])).content.decode()
    assert LABEL in page and "Bật dự thảo" not in page


def test_an_admin_switches_it_on_then_cstdcs_needs_an_initiative(client, admin, officer_a, rated_2026):
    login(client, admin)
    page = client.get(reverse("eligibility:ruleset", args=[DRAFT])).content.decode()
    assert "Bật dự thảo" in page and LABEL in page
    response = _switch(client, True)
    assert response.status_code == 302
    assert selectors.ruleset_for(2026).id == DRAFT and selectors.ruleset_for(2025).id == "2025"
    event = AuditEvent.objects.get(action="ruleset.draft_set")
    assert event.after["enabled"] is True and event.reason == "Thử dự thảo"
    client.logout()
    body = _panel(login(client, officer_a), rated_2026)
    assert 'data-code="CSTDCS" data-eligible="0"' in body and "Sáng kiến được cơ sở công nhận" in body
    assert LABEL in body
    # The list of a unit judged under the draft says so too.
    qualified = client.get(reverse("eligibility:qualified", args=[rated_2026.current_unit.pk]),
                           {"nam": 2026, "ma": "LDTT"}).content.decode()
    assert LABEL in qualified
    # 2025 is still judged by the law in force, unlabelled.
    assert LABEL not in _panel(client, rated_2026, 2025)


def test_an_admin_switches_it_off_again(admin, rated_2026):
    switch = services.ruleset_draft_set(actor=admin, ruleset_id=DRAFT, enabled=True)
    services.ruleset_draft_set(actor=admin, ruleset_id=DRAFT, enabled=False, version=switch.version)
    assert selectors.ruleset_for(2026).id == "2025"


def test_the_transitional_rule_on_a_dossier_received_before_01_10_2026(admin, rated_2026):
    services.ruleset_draft_set(actor=admin, ruleset_id=DRAFT, enabled=True)
    before = selectors.person_answer(rated_2026, 2026, received_on=dt.date(2026, 9, 30))
    assert before.ruleset == "2025" and before.verdict("CSTDCS").eligible
    after = selectors.person_answer(rated_2026, 2026, received_on=dt.date(2026, 10, 1))
    assert after.ruleset == DRAFT and not after.verdict("CSTDCS").eligible


def test_asking_for_2026_10_by_id_answers_in_vietnamese(client, officer_a):
    response = login(client, officer_a).get(reverse("eligibility:ruleset", args=["2026-10"]))
    body = response.content.decode()
    assert response.status_code == 404
    assert "chưa được mã hóa" in body and "01/10/2026" in body and DRAFT in body
