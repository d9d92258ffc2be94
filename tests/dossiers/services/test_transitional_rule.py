"""A dossier under a law that changed while it was on its way (the draft 2026 amendment,
switched on): the day the competent body received it decides, and its items are judged
again on that day (`rules.transition`, docs/law.md "Luật sửa đổi 2026")."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.conftest import login, make_user
from tests.dossiers.conftest import VN, add, complete, make_dossier, qualify
from thidua.core.roles import Role
from thidua.dossiers import services
from thidua.eligibility import services as eligibility_services

DRAFT = "2026-10-du-thao"
LABEL = "Dự thảo – chưa có hiệu lực"


def _item_page(client, user, item) -> str:
    return login(client, user).get(reverse("dossiers:item", args=[item.dossier_id, item.pk])).content.decode()


@pytest.fixture
def draft_on(tree):
    admin = make_user("quantri", Role.ADMIN, tree["root"], "Đỗ Văn Quản")
    eligibility_services.ruleset_draft_set(actor=admin, ruleset_id=DRAFT, enabled=True)


@pytest.fixture
def submitted_2026(time_machine, draft_on, officer_a, head_a, tree, person_a):
    """A 2026 CSTĐCS dossier for Phóng, rated HTXSNV in 2026 with no initiative: CSTĐCS under
    Law 2022, not under the draft (which asks for an initiative too). Built and submitted on
    Tuesday 22/09/2026."""
    time_machine.move_to(dt.datetime(2026, 9, 22, 9, 0, tzinfo=VN), tick=True)
    qualify(officer_a, person_a, year=2026)
    dossier = make_dossier(officer_a, tree["a"], year=2026, title="Đề nghị tặng Chiến sĩ thi đua cơ sở năm 2026")
    (item,) = add(officer_a, dossier, person_a)
    complete(officer_a, dossier)
    services.dossier_submit(actor=head_a, dossier=dossier)
    return item


def test_a_dossier_built_before_01_10_2026_is_judged_by_the_law_in_force(submitted_2026):
    submitted_2026.refresh_from_db()
    assert submitted_2026.verdict_eligible is True and submitted_2026.verdict_ruleset == "2025"


def test_received_before_01_10_2026_it_keeps_the_law_in_force(time_machine, submitted_2026, secretariat, client):
    time_machine.move_to(dt.datetime(2026, 9, 30, 16, 0, tzinfo=VN), tick=True)
    services.dossier_receive(actor=secretariat, dossier=submitted_2026.dossier)
    submitted_2026.refresh_from_db()
    assert submitted_2026.verdict_eligible is True and submitted_2026.verdict_ruleset == "2025"
    page = _item_page(client, secretariat, submitted_2026)
    assert "bộ quy tắc «Luật Thi đua, khen thưởng 2022; Nghị định 152/2025/NĐ-CP" in page and LABEL not in page


def test_received_on_01_10_2026_it_is_judged_again_under_the_new_rule(time_machine, submitted_2026, secretariat,
                                                                       client):
    time_machine.move_to(dt.datetime(2026, 10, 1, 8, 0, tzinfo=VN), tick=True)
    services.dossier_receive(actor=secretariat, dossier=submitted_2026.dossier)
    submitted_2026.refresh_from_db()
    assert submitted_2026.verdict_eligible is False and submitted_2026.verdict_ruleset == DRAFT
    assert "ineligible" in submitted_2026.flags
    # The secretariat reads why, under which text, labelled as a draft.
    page = _item_page(client, secretariat, submitted_2026)
    assert "Sáng kiến được cơ sở công nhận" in page
    assert "bộ quy tắc «Dự thảo Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng" in page
    assert LABEL in page
