"""Every registration page refuses who is outside its unit: another unit's officer, a bloc
leader of another unit, a council member (no right to see people) — 404, as for a missing
record; a write by someone who may read but not act is 403."""

import pytest
from django.urls import reverse

from tests.conftest import login, make_user
from tests.registrations.conftest import YEAR
from thidua.core.models import AuditEvent
from thidua.core.roles import Role
from thidua.registrations import services
from thidua.registrations.models import Registration, RegistrationSheet, SheetStatus

pytestmark = pytest.mark.usefixtures("season")


def move_url(pk: int, slug: str) -> str:
    """The sheet's one transition view, for the move whose slug is SLUG."""
    return reverse("registrations:transition", args=[pk, slug])


@pytest.fixture
def sheet_a1(officer_a, tree, person_a):
    sheet = services.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=YEAR)
    services.sheet_save(actor=officer_a, sheet=sheet, unit_codes=[], person_codes={person_a.pk: ["LDTT"]},
                        targets="")
    return services.sheet_submit(actor=officer_a, sheet=sheet)


@pytest.fixture(params=["officer_b", "bloc_leader_b", "council_member"])
def outsider(request, tree, officer_b):
    if request.param == "officer_b":
        return officer_b
    if request.param == "bloc_leader_b":
        return make_user("khoitruong_b", Role.BLOC_LEADER, tree["b"])
    return make_user("uyvien", Role.COUNCIL_MEMBER, tree["root"])


UNIT_VIEWS = ["registrations:sheet", "registrations:sheet_export", "registrations:summary",
              "registrations:summary_export", "registrations:by_title", "registrations:by_title_export",
              "registrations:missing", "registrations:missing_export"]
SHEET_ACTIONS = ["gui-duyet", "duyet", "tra-lai", "mo-lai"]


@pytest.mark.parametrize("name", UNIT_VIEWS)
def test_it_refuses_out_of_scope(client, outsider, tree, sheet_a1, name):
    login(client, outsider)
    for unit in (tree["a1"], tree["a"]):
        assert client.get(reverse(name, args=[unit.pk]), {"nam": YEAR}).status_code == 404


@pytest.mark.parametrize("slug", SHEET_ACTIONS)
def test_it_refuses_out_of_scope_actions(client, outsider, sheet_a1, slug):
    response = login(client, outsider).post(move_url(sheet_a1.pk, slug),
                                            {"tra-lai-reason": "x", "mo-lai-reason": "x"})
    assert response.status_code == 404
    sheet_a1.refresh_from_db()
    assert sheet_a1.state == SheetStatus.SUBMITTED


def test_it_refuses_an_out_of_scope_save(client, officer_b, tree, person_a, sheet_a1):
    n = AuditEvent.objects.count()
    response = login(client, officer_b).post(reverse("registrations:sheet", args=[tree["a1"].pk]) + f"?nam={YEAR}",
                                             {"action": "save", f"p{person_a.pk}": ["CSTDCS"]})
    assert response.status_code == 404
    assert list(Registration.objects.values_list("code", flat=True)) == ["LDTT"]
    assert AuditEvent.objects.count() == n


def test_the_officer_may_read_but_not_approve_nor_return(client, officer_a, sheet_a1):
    login(client, officer_a)
    for slug in ("duyet", "tra-lai"):
        assert client.post(move_url(sheet_a1.pk, slug),
                           {"tra-lai-reason": "x"}).status_code == 403
    sheet_a1.refresh_from_db()
    assert sheet_a1.state == SheetStatus.SUBMITTED


def test_a_head_of_another_unit_is_refused(client, tree, sheet_a1):
    head_b = make_user("thutruong_b", Role.UNIT_HEAD, tree["b"])
    assert login(client, head_b).post(move_url(sheet_a1.pk, "duyet")).status_code == 404
    assert RegistrationSheet.objects.get().state == SheetStatus.SUBMITTED


@pytest.mark.parametrize("name", UNIT_VIEWS + SHEET_ACTIONS + ["registrations:index"])
def test_anonymous_is_sent_to_login(client, tree, sheet_a1, name):
    if name in SHEET_ACTIONS:
        response = client.post(move_url(sheet_a1.pk, name))
    else:
        response = client.get(reverse(name, args=[] if name == "registrations:index" else [tree["a1"].pk]))
    assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]


def test_a_move_the_sheet_does_not_have_is_not_found(client, head_a, sheet_a1):
    assert login(client, head_a).post(move_url(sheet_a1.pk, "xoa")).status_code == 404
    sheet_a1.refresh_from_db()
    assert sheet_a1.state == SheetStatus.SUBMITTED
