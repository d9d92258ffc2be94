"""The demo holds the desks below the province (issue 12): Sở Nội vụ's TĐKT desk and its
council, a commune's TĐKT officer, and dossiers in their inboxes that the province's
secretariat reads but does not receive."""

from thidua.accounts.models import RoleGrant
from thidua.core.roles import Role
from thidua.councils.models import Council
from thidua.dossiers import selectors
from thidua.dossiers.models import DossierState
from thidua.org.models import Unit


def _user(username):
    return RoleGrant.objects.select_related("user", "unit").get(user__username=username)


def _inbox(user):
    return set(selectors.dossier_list(user, tab="tiep-nhan").values_list("pk", flat=True))


def test_the_demo_has_a_department_desk_with_its_council_and_inbox(small):
    desk = _user("tdkt_snv")
    assert desk.role == Role.SECRETARIAT and desk.unit.name == "Sở Nội vụ"
    assert desk.user.get_full_name() or desk.user.last_name  # a full Vietnamese name
    assert f"{desk.user.last_name} {desk.user.first_name}" == "Lê Thị Thanh Bình"
    council = Council.objects.get(authority_unit=desk.unit, active=True)
    assert council.members.filter(active=True).count() >= 5
    assert council.members.filter(role="chair", position="Giám đốc Sở Nội vụ").exists()
    thuky = _user("thuky").user
    waiting = _inbox(desk.user)
    submitted = selectors.dossier_list(desk.user, tab="tiep-nhan").filter(state=DossierState.SUBMITTED,
                                                                          authority_unit=desk.unit)
    assert submitted.exists() and {d.items.first().kind for d in submitted} == {"CSTDCS"}
    assert not waiting & _inbox(thuky)
    # The province still reads them.
    assert set(submitted.values_list("pk", flat=True)) <= set(selectors.dossiers_for(thuky).values_list("pk",
                                                                                                         flat=True))
    assert selectors.dossier_list(desk.user, tab="tiep-nhan").filter(state=DossierState.TO_COUNCIL).exists()
    assert council.meetings.exists()


def test_the_demo_has_a_commune_officer_with_a_commune_title_to_receive(small):
    officer = _user("canbo_xa")
    assert officer.role == Role.SECRETARIAT and officer.unit.kind == "ubnd_xa"
    assert officer.unit.active_until is None
    received = selectors.dossier_list(officer.user, tab="tiep-nhan")
    assert received.filter(state=DossierState.SUBMITTED, authority_level="xa", authority_unit=officer.unit).exists()
    assert not set(received.values_list("pk", flat=True)) & _inbox(_user("thuky").user)
    other = Unit.objects.filter(kind="ubnd_xa").exclude(pk=officer.unit.pk).first()
    assert other is not None
    assert not selectors.dossiers_for(officer.user).filter(unit__path__startswith=other.path).exists()
