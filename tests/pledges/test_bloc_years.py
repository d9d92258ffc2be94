"""Blocs year by year: the copy of last year's line-up and the leader's rights that follow
the bloc's leader unit of each year (docs/blocs.md). The bloc is the one of conftest:
Sở A leads 2025, Sở B is deputy, Sở C a member; Sở D is in another bloc."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.conftest import login, make_user
from tests.pledges.conftest import YEAR
from thidua.accounts.models import RoleGrant
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.models import AuditEvent
from thidua.core.roles import Role
from thidua.org import services as org_services
from thidua.org.models import BlocMembership
from thidua.pledges import services
from thidua.pledges.models import Pledge

NEXT = YEAR + 1


def line_up(bloc, year):
    return dict(BlocMembership.objects.filter(bloc=bloc, year=year).values_list("unit__name", "role"))


@pytest.fixture
def khoitruong(bloc, units):
    """The bloc-leader account of Sở A, appointed for 2025."""
    user = make_user("khoitruong", Role.BLOC_LEADER, units["a"], "Bùi Thị Khánh Linh")
    RoleGrant.objects.filter(user=user).update(bloc=bloc, year=YEAR)
    return user


# ---- the copy: service

def test_the_copy_brings_members_leader_and_deputy_to_next_year(bloc, secretariat):
    made = org_services.bloc_year_copy(actor=secretariat, bloc=bloc, year=NEXT)
    assert len(made) == 3
    assert line_up(bloc, NEXT) == {"Sở Nội vụ": "leader", "Sở Y tế": "deputy", "Sở Tài chính": "member"}
    assert line_up(bloc, YEAR) == line_up(bloc, NEXT)  # last year is left as it was
    event = AuditEvent.objects.filter(action="bloc.year_copy").get()
    assert (event.actor, event.target_id) == (secretariat, bloc.pk)
    assert event.after["khối trưởng"] == "Sở Nội vụ" and event.after["số đơn vị"] == 3


def test_the_copy_is_refused_when_the_year_already_has_members(bloc, secretariat, units):
    org_services.bloc_member_set(actor=secretariat, bloc=bloc, unit=units["c"], year=NEXT, role="leader")
    with pytest.raises(ApplicationError) as exc:
        org_services.bloc_year_copy(actor=secretariat, bloc=bloc, year=NEXT)
    assert exc.value.message == org_services.BLOC_YEAR_TAKEN % {"year": NEXT}
    assert line_up(bloc, NEXT) == {"Sở Tài chính": "leader"}  # nothing merged in
    assert not AuditEvent.objects.filter(action="bloc.year_copy").exists()


def test_the_copy_needs_last_years_members(bloc, secretariat):
    with pytest.raises(ApplicationError) as exc:
        org_services.bloc_year_copy(actor=secretariat, bloc=bloc, year=NEXT + 1)
    assert exc.value.message == org_services.BLOC_NOTHING_TO_COPY % {"year": NEXT}


def test_a_unit_closed_by_next_year_is_left_out(bloc, secretariat, units):
    units["b"].active_until = dt.date(NEXT, 6, 30)
    units["b"].save(update_fields=["active_until"])
    org_services.bloc_year_copy(actor=secretariat, bloc=bloc, year=NEXT)
    assert line_up(bloc, NEXT) == {"Sở Nội vụ": "leader", "Sở Tài chính": "member"}
    after = AuditEvent.objects.get(action="bloc.year_copy").after
    assert after["không chuyển (đơn vị đã giải thể, sáp nhập)"] == "Sở Y tế"


@pytest.mark.parametrize("who", ["officer_a", "khoitruong"])
def test_the_copy_is_refused_out_of_scope(request, bloc, who):
    with pytest.raises(PermissionDenied):
        org_services.bloc_year_copy(actor=request.getfixturevalue(who), bloc=bloc, year=NEXT)
    assert not BlocMembership.objects.filter(year=NEXT).exists()


# ---- the copy: page

def test_the_bloc_page_offers_next_year_and_copies_in_one_press(client, bloc, secretariat):
    login(client, secretariat)
    url = reverse("org:bloc_detail", args=[bloc.pk])
    body = client.get(url).content.decode()
    assert f'<option value="{NEXT}">{NEXT}</option>' in body  # the year list goes on to next year
    assert f'<option value="{YEAR}" selected>' in body and "Chuyển 3 đơn vị" not in body
    body = client.get(url, {"nam": NEXT}).content.decode()
    assert f"Chưa có thành viên năm {NEXT}." in body
    assert f"Chuyển 3 đơn vị của năm {YEAR} (giữ khối trưởng, khối phó) sang năm {NEXT}" in body
    response = client.post(reverse("org:bloc_year_copy", args=[bloc.pk]), {"nam": NEXT}, follow=True)
    body = response.content.decode()
    assert response.redirect_chain[-1][0] == f"{url}?nam={NEXT}"
    assert f"Đã chuyển thành viên, khối trưởng, khối phó năm {YEAR} sang năm {NEXT}." in body
    assert "Sở Nội vụ</a></td><td>Khối trưởng" in body and "Sở Y tế</a></td><td>Khối phó" in body
    assert "Chuyển 3 đơn vị" not in body  # the year has members now
    # A second press (another tab) says why nothing happened.
    body = client.post(reverse("org:bloc_year_copy", args=[bloc.pk]), {"nam": NEXT}, follow=True).content.decode()
    assert f"Khối đã có thành viên năm {NEXT}" in body
    assert len(line_up(bloc, NEXT)) == 3


@pytest.mark.parametrize("who", ["officer_a", "khoitruong"])
def test_the_copy_button_and_post_are_refused_out_of_scope(client, request, bloc, who):
    login(client, request.getfixturevalue(who))
    body = client.get(reverse("org:bloc_detail", args=[bloc.pk]), {"nam": NEXT}).content.decode()
    assert "Chuyển 3 đơn vị" not in body
    assert client.post(reverse("org:bloc_year_copy", args=[bloc.pk]), {"nam": NEXT}).status_code == 403
    assert not BlocMembership.objects.filter(year=NEXT).exists()


# ---- the leader's rights follow the leader unit of each year

def bloc_year_status(client, bloc, year):
    return client.get(reverse("pledges:bloc_year", args=[bloc.pk, year])).status_code


def test_the_bloc_leader_account_gets_next_year_when_its_unit_is_made_leader(client, bloc, secretariat, units,
                                                                            khoitruong):
    login(client, khoitruong)
    assert bloc_year_status(client, bloc, YEAR) == 200
    assert bloc_year_status(client, bloc, NEXT) == 404  # no line-up for next year yet
    org_services.bloc_year_copy(actor=secretariat, bloc=bloc, year=NEXT)  # Sở A stays leader
    body = client.get(reverse("pledges:bloc_year", args=[bloc.pk, NEXT])).content.decode()
    assert "Tạo giao ước</button>" in body  # the leader may create the new year's pledge
    assert services.pledge_create(actor=khoitruong, bloc=bloc, year=NEXT, title="GƯ 2026").year == NEXT


def test_last_years_leader_loses_the_new_year_but_keeps_its_own(client, bloc, secretariat, units, khoitruong):
    services.pledge_create(actor=secretariat, bloc=bloc, year=YEAR, title="GƯ 2025")
    org_services.bloc_year_copy(actor=secretariat, bloc=bloc, year=NEXT)
    org_services.bloc_member_set(actor=secretariat, bloc=bloc, unit=units["c"], year=NEXT, role="leader")
    login(client, khoitruong)
    assert bloc_year_status(client, bloc, NEXT) == 404
    with pytest.raises(PermissionDenied):
        services.pledge_create(actor=khoitruong, bloc=bloc, year=NEXT, title="GƯ 2026")
    own = Pledge.objects.get(bloc=bloc, year=YEAR)
    body = client.get(reverse("pledges:detail", args=[own.pk])).content.decode()
    assert "GƯ 2025" in body
    assert "GƯ 2025" in client.get(reverse("pledges:list")).content.decode()
    # Sở C's own bloc-leader account, appointed for the new year, has it.
    new = make_user("khoitruong_c", Role.BLOC_LEADER, units["c"])
    RoleGrant.objects.filter(user=new).update(bloc=bloc, year=NEXT)
    assert services.pledge_create(actor=new, bloc=bloc, year=NEXT, title="GƯ 2026").year == NEXT
    with pytest.raises(PermissionDenied):  # ...and not the year before its appointment
        services.pledge_update(actor=new, pledge=own, title="Sửa", content="", signed_on=None, document=None,
                               version=own.version)


def test_a_grant_whose_unit_does_not_lead_gives_nothing(client, bloc, units):
    stray = make_user("khoitruong_d", Role.BLOC_LEADER, units["d"])
    RoleGrant.objects.filter(user=stray).update(bloc=bloc, year=YEAR)
    login(client, stray)
    assert bloc_year_status(client, bloc, YEAR) == 404
