"""The demo tree holds sectors: the province and its departments state administration,
public service units, state enterprises and communes theirs, internal departments their
parent's; Sở Nội vụ's registration sheet offers no armed-forces or village title."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from thidua.core.sectors import Sector
from thidua.org.models import Unit
from thidua.org.sectors import effective_sectors


def test_the_demo_units_have_their_sectors(small):
    units = list(Unit.objects.all())
    found = effective_sectors(units)
    by_kind: dict[str, set] = {}
    for u in units:
        by_kind.setdefault(u.kind, set()).add(found[u.pk])
    assert by_kind["ubnd_tinh"] == {Sector.STATE} and by_kind["co_quan_hc"] == {Sector.STATE}
    assert by_kind["benh_vien"] == {Sector.PUBLIC_SERVICE} and by_kind["truong_hoc"] == {Sector.PUBLIC_SERVICE}
    assert by_kind["ubnd_xa"] == {Sector.COMMUNE}
    for kind, sector in (("thon_tdp", Sector.COMMUNE), ("dnnn", Sector.ENTERPRISE)):  # the larger presets' kinds
        assert by_kind.get(kind, {sector}) == {sector}
    assert None not in set(found.values())  # every demo unit has a sector, own or inherited
    assert Unit.objects.filter(kind="phong_ban", sector__isnull=True).exists()  # … departments inherit theirs


def test_so_noi_vus_sheet_offers_only_its_sectors_titles(client, small):
    client.force_login(get_user_model().objects.get(username="canbo_snv"))
    snv = Unit.objects.get(code__endswith=".SNV")
    body = client.get(reverse("registrations:sheet", args=[snv.pk])).content.decode()
    assert "Lao động tiên tiến" in body
    for name in ("Chiến sĩ tiên tiến", "Đơn vị quyết thắng", "Đơn vị tiên tiến", "Thôn, tổ dân phố văn hóa"):
        assert name not in body, name
