"""A unit's sector is its own or its nearest ancestor's; no sector anywhere up the tree
judges nothing; the unit page and form say it in Vietnamese."""

from django.urls import reverse

from tests.conftest import login, make_unit
from thidua.core.sectors import Sector, allows
from thidua.org import services as org_services
from thidua.org.models import Unit
from thidua.org.sectors import effective_sector, effective_sectors


def test_a_unit_without_a_sector_takes_its_nearest_ancestors(sectors, django_assert_num_queries):
    a1 = sectors["a1"]  # Phòng Công chức, viên chức under Sở Nội vụ under the province
    with django_assert_num_queries(1):
        assert effective_sector(a1) == Sector.STATE
    sectors["a"].sector = Sector.PUBLIC_SERVICE
    sectors["a"].save(update_fields=["sector"])
    assert effective_sector(a1) == Sector.PUBLIC_SERVICE  # the nearer one wins
    assert effective_sector(sectors["police"]) == Sector.ARMED_FORCES


def test_the_sectors_of_many_units_come_in_one_query(sectors, django_assert_num_queries):
    units = [sectors[k] for k in ("root", "a", "b", "a1", "police")]
    with django_assert_num_queries(1):
        found = effective_sectors(units)
    assert found == {sectors["root"].pk: Sector.STATE, sectors["a"].pk: Sector.STATE, sectors["b"].pk: Sector.STATE,
                     sectors["a1"].pk: Sector.STATE, sectors["police"].pk: Sector.ARMED_FORCES}


def test_no_sector_anywhere_up_the_tree_allows_every_kind(tree):
    assert effective_sector(tree["a1"]) is None
    assert allows(("armed_forces",), None) and allows((), "state")
    assert not allows(("armed_forces",), "state")


def test_a_new_unit_takes_its_kinds_sector_unless_its_parent_has_it(sectors, admin_user):
    school = org_services.unit_create(actor=admin_user, parent=sectors["a"], code="T.A.TH", name="Trường Tiểu học A",
                                      kind="truong_hoc", level="co_so")
    office = org_services.unit_create(actor=admin_user, parent=sectors["a"], code="T.A.2", name="Văn phòng Sở",
                                      kind="co_quan_hc", level="noi_bo")
    assert school.sector == Sector.PUBLIC_SERVICE and office.sector is None
    assert effective_sector(office) == Sector.STATE


def test_the_unit_page_names_the_sector_and_where_it_comes_from(client, sectors, officer_a):
    login(client, officer_a)
    body = client.get(reverse("org:detail", args=[sectors["a1"].pk])).content.decode()
    assert "Khu vực: Cơ quan nhà nước, Đảng, đoàn thể (theo UBND tỉnh Thử Nghiệm)" in " ".join(body.split())


def test_the_edit_form_saves_the_sector_with_the_version_check(client, sectors, admin_user):
    unit = sectors["a1"]
    client.force_login(admin_user)
    url = reverse("org:edit", args=[unit.pk])
    assert "Khu vực" in client.get(url).content.decode()
    data = {"code": unit.code, "name": unit.name, "short_name": "", "kind": unit.kind, "level": unit.level,
            "sector": Sector.PUBLIC_SERVICE, "active_from": "", "active_until": "", "version": unit.version}
    assert client.post(url, data).status_code == 302
    unit.refresh_from_db()
    assert unit.sector == Sector.PUBLIC_SERVICE
    stale = client.post(url, {**data, "sector": Sector.ENTERPRISE})  # the version the page was opened on
    assert stale.status_code == 200 and Unit.objects.get(pk=unit.pk).sector == Sector.PUBLIC_SERVICE


def test_a_user_out_of_scope_cannot_open_or_edit_the_unit(client, sectors, officer_b):
    login(client, officer_b)
    assert client.get(reverse("org:detail", args=[sectors["a1"].pk])).status_code in (403, 404)
    assert client.post(reverse("org:edit", args=[sectors["a1"].pk]), {"sector": "armed_forces"}).status_code in (
        403, 404)
    assert Unit.objects.get(pk=sectors["a1"].pk).sector is None


def test_make_unit_helper_leaves_the_sector_empty(tree):
    assert make_unit(tree["root"], "T.X", "Sở X").sector is None
