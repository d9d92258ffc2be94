"""The demo's bloc-leader account on the next year of its bloc (issue 13: it got 404 on the
new year's bloc after its unit was made leader)."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from thidua.accounts.models import RoleGrant
from thidua.org import services as org_services
from thidua.org.models import BlocMembership


def test_khoitruong_leads_next_year_once_the_line_up_is_copied(client, small):
    lead = RoleGrant.objects.select_related("bloc", "unit").get(user__username="khoitruong")
    bloc, year = lead.bloc, lead.year + 1
    secretariat = get_user_model().objects.get(username="thuky")
    client.force_login(lead.user)
    new_year = reverse("pledges:bloc_year", args=[bloc.pk, year])
    assert client.get(new_year).status_code == 404
    # The line-up rotates: the unit stays leader only if the copy keeps it, so make it leader.
    org_services.bloc_year_copy(actor=secretariat, bloc=bloc, year=year)
    org_services.bloc_member_set(actor=secretariat, bloc=bloc, unit=lead.unit, year=year, role="leader")
    body = client.get(new_year).content.decode()
    assert "Tạo giao ước</button>" in body
    assert BlocMembership.objects.filter(bloc=bloc, year=year).count() == \
        BlocMembership.objects.filter(bloc=bloc, year=lead.year).count()
    # Another member leads the year after: the account has no rights there.
    other = BlocMembership.objects.filter(bloc=bloc, year=year).exclude(unit=lead.unit).first()
    org_services.bloc_year_copy(actor=secretariat, bloc=bloc, year=year + 1)
    org_services.bloc_member_set(actor=secretariat, bloc=bloc, unit=other.unit, year=year + 1, role="leader")
    assert client.get(reverse("pledges:bloc_year", args=[bloc.pk, year + 1])).status_code == 404
    assert client.get(reverse("pledges:bloc_year", args=[bloc.pk, lead.year])).status_code == 302  # its pledge
