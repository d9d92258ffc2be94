"""A Sở's CSTĐCS goes to the Sở's own council (Decree 98 Art. 30(7): the council of the level
that awards the title votes; LAW.md R-CSCS-3), run by the Sở's desk; the province's
council never sees it; a dossier the Sở's council rejects closes with its reason."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.conftest import login, make_user
from thidua.core.errors import PermissionDenied
from thidua.core.roles import Role
from thidua.councils import selectors as council_selectors
from thidua.councils import services as councils
from thidua.dossiers import services
from thidua.dossiers.models import DossierState, ItemState
from thidua.dossiers.services.messages import ALL_REJECTED

S = DossierState


@pytest.fixture
def desk_a(tree):
    return make_user("tdkt_a", Role.SECRETARIAT, tree["a"], "Ngô Thị Bàn")


@pytest.fixture
def department_council(desk_a, tree):
    """Sở Nội vụ's council, set up by its desk: the director chairs it and votes."""
    council = councils.council_create(actor=desk_a, authority_unit=tree["a"],
                                      name="Hội đồng Thi đua – Khen thưởng Sở Nội vụ")
    director = make_user("gd_a", Role.COUNCIL_MEMBER, tree["a"], "Hoàng Văn Cường")
    councils.member_add(actor=desk_a, council=council, full_name="Hoàng Văn Cường", position="Giám đốc Sở Nội vụ",
                        role="chair", home_unit=tree["a"], user=director)
    council.director = director
    return council


@pytest.fixture
def at_council(submitted, desk_a):
    services.dossier_receive(actor=desk_a, dossier=submitted)
    services.dossier_accept_items(actor=desk_a, dossier=submitted, accept=list(submitted.items.all()))
    return services.dossier_to_council(actor=desk_a, dossier=submitted)


def _vote(council, desk, dossier, choice):
    meeting = councils.meeting_create(actor=desk, council=council, title="Phiên họp xét CSTĐCS năm 2025",
                                      starts_at=dt.datetime(2026, 3, 3, 8, 0, tzinfo=dt.UTC), place="Phòng họp Sở",
                                      items=list(council_selectors.ready_items(council)))
    member = council.members.get()
    councils.attendance_set(actor=desk, meeting=meeting, present={member.pk})
    councils.meeting_open(actor=desk, meeting=meeting)
    councils.ballot_cast(actor=council.director, meeting=meeting,
                         choices={e.pk: choice for e in meeting.agenda.all()})
    return councils.meeting_close(actor=desk, meeting=meeting)


def test_the_departments_council_meets_on_its_cstdcs(at_council, department_council, desk_a, secretariat, tree):
    items = set(at_council.items.values_list("pk", flat=True))
    assert set(council_selectors.ready_items(department_council).values_list("pk", flat=True)) == items
    province = councils.council_create(actor=secretariat, authority_unit=tree["root"],
                                       name="Hội đồng Thi đua – Khen thưởng tỉnh")
    assert not council_selectors.ready_items(province).exists()
    _vote(department_council, desk_a, at_council, "agree")
    at_council.refresh_from_db()
    assert at_council.state == S.VOTED
    assert set(at_council.items.values_list("state", flat=True)) == {ItemState.APPROVED}
    # The desk prepares the decision; the province may not.
    assert not services.may(secretariat, at_council, "draft_decision")
    assert services.may(desk_a, at_council, "draft_decision")
    with pytest.raises(PermissionDenied):
        services.dossier_mark_decision_drafted(actor=secretariat, dossier=at_council)
    services.dossier_mark_decision_drafted(actor=desk_a, dossier=at_council)


def test_the_province_is_not_offered_the_departments_decision(at_council, department_council, desk_a, secretariat,
                                                             client):
    _vote(department_council, desk_a, at_council, "agree")
    login(client, secretariat)
    page = client.get(reverse("dossiers:detail", args=[at_council.pk])).content.decode()
    assert "Hội đồng đã xét" in page and 'data-testid="draft-decision"' not in page
    client.logout()
    login(client, desk_a)
    page = client.get(reverse("dossiers:detail", args=[at_council.pk])).content.decode()
    assert 'data-testid="draft-decision"' in page


def test_a_dossier_the_departments_council_rejects_closes_with_its_reason(at_council, department_council, desk_a,
                                                                         client):
    _vote(department_council, desk_a, at_council, "disagree")
    at_council.refresh_from_db()
    assert at_council.state == S.REFUSED
    assert set(at_council.items.values_list("state", flat=True)) == {ItemState.REJECTED}
    assert at_council.events.last().comment == str(ALL_REJECTED)
    login(client, desk_a)
    page = client.get(reverse("dossiers:detail", args=[at_council.pk])).content.decode()
    assert "Không khen thưởng" in page and str(ALL_REJECTED) in page
    assert 'data-testid="draft-decision"' not in page
    assert not services.may(desk_a, at_council, "draft_decision")
