import pytest
from django.urls import reverse

from tests.conftest import login, make_person, make_unit, page_with_panels
from tests.xlsx_cells import AT, MINUS, NAME, PLUS, assert_text_cells
from thidua.core.models import AuditEvent
from thidua.org.models import Unit

UNIT_VIEWS = ["org:detail", "org:children", "people:unit_export", "org:units_export", "org:create_child",
              "org:succession", "org:edit", "people:unit_evaluate"]


@pytest.mark.parametrize("name", UNIT_VIEWS)
def test_it_refuses_out_of_scope(client, officer_b, tree, name):
    response = login(client, officer_b).get(reverse(name, args=[tree["a"].pk]))
    assert response.status_code == 404


def test_tree_starts_at_the_users_scope(client, officer_a, tree):
    body = login(client, officer_a).get(reverse("org:tree")).content.decode()
    assert "Sở Nội vụ" in body and "Sở Y tế" not in body and "UBND tỉnh" not in body


def test_children_load_one_level(client, secretariat, tree):
    body = login(client, secretariat).get(reverse("org:children", args=[tree["root"].pk])).content.decode()
    assert "Sở Nội vụ" in body and "Sở Y tế" in body
    assert "Phòng Công chức" not in body  # a grandchild waits for its own click


def test_unit_page_lists_people_sorted_and_paginated(client, officer_a, tree):
    for i in range(30):
        make_person(tree["a1"], f"Trần Văn Người{i:02d}")
    login(client, officer_a)
    body = page_with_panels(client, reverse("org:detail", args=[tree["a"].pk]))
    assert "Cá nhân (30)" in body and "Trang 1/2" in body
    assert "Người00" in body and "Người29" not in body
    body = page_with_panels(client, reverse("org:detail", args=[tree["a"].pk]) + "?sap-xep=-ten")
    assert "Người29" in body and "Người00" not in body


def test_unit_page_query_count_does_not_grow_with_people(client, officer_a, tree, django_assert_max_num_queries):
    for i in range(40):
        make_person(tree["a1"], f"Lý Thị Hoa{i:02d}")
    login(client, officer_a)
    with django_assert_max_num_queries(20):
        client.get(reverse("org:detail", args=[tree["a"].pk]))


def test_officer_may_not_edit_unit_structure(client, officer_a, tree):
    response = login(client, officer_a).get(reverse("org:edit", args=[tree["a"].pk]))
    assert response.status_code == 403


def test_secretariat_adds_a_unit_and_it_is_audited(client, secretariat, tree):
    login(client, secretariat)
    response = client.post(reverse("org:create_child", args=[tree["b"].pk]), {
        "code": "T.B.1", "name": "Bệnh viện Đa khoa tỉnh", "short_name": "BVĐK", "kind": "benh_vien",
        "level": "co_so", "active_from": "01/01/2000"})
    assert response.status_code == 302
    unit = Unit.objects.get(code="T.B.1")
    assert unit.path.startswith(tree["b"].path) and unit.depth == tree["b"].depth + 1
    assert unit.active_from.isoformat() == "2000-01-01"
    assert AuditEvent.objects.filter(action="unit.create", target_id=unit.pk).exists()


def test_duplicate_unit_code_is_a_field_error(client, secretariat, tree):
    login(client, secretariat)
    response = client.post(reverse("org:create_child", args=[tree["b"].pk]), {
        "code": "T.A", "name": "Trùng mã", "kind": "phong_ban", "level": "noi_bo"})
    assert response.status_code == 200
    assert "Mã đơn vị này đã được dùng" in response.content.decode()


def test_unit_evaluation_by_head(client, head_a, tree):
    login(client, head_a)
    response = client.post(reverse("people:unit_evaluate", args=[tree["a"].pk]), {"year": 2024, "rating": "HTXSNV"})
    assert response.status_code == 302
    body = page_with_panels(client, reverse("org:detail", args=[tree["a"].pk]))
    assert "Hoàn thành xuất sắc nhiệm vụ" in body


def test_blocs_pages(client, officer_a, secretariat, tree):
    from thidua.org.services import bloc_create, bloc_member_set

    bloc = bloc_create(actor=secretariat, organiser=tree["root"], code="K1", name="Khối các cơ quan tổng hợp")
    bloc_member_set(actor=secretariat, bloc=bloc, unit=tree["a"], year=2025, role="leader")
    bloc_member_set(actor=secretariat, bloc=bloc, unit=tree["b"], year=2025)
    login(client, officer_a)
    assert "Khối các cơ quan tổng hợp" in client.get(reverse("org:blocs")).content.decode()
    body = client.get(reverse("org:bloc_detail", args=[bloc.pk])).content.decode()
    assert "Khối trưởng" in body and "Sở Y tế" in body
    # Sở Y tế is named but not linked for an officer of Sở Nội vụ.
    assert reverse("org:detail", args=[tree["b"].pk]) not in body


def test_merge_closes_old_units_and_keeps_their_history(client, secretariat, tree, person_a):
    from thidua.org.models import UnitSuccession

    old = make_unit(tree["root"], "T.C", "UBND xã Tân Lập", kind="ubnd_xa", level="xa")
    make_person(old, "Hà Thị Mai", gender="nu")
    login(client, secretariat)
    response = client.post(reverse("org:succession", args=[tree["b"].pk]),
                           {"predecessors": [old.pk], "kind": "merge", "effective_on": "01/07/2025"})
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.active_until.isoformat() == "2025-07-01"
    assert UnitSuccession.objects.filter(predecessor=old, successor=tree["b"]).exists()
    body = client.get(reverse("org:detail", args=[tree["b"].pk])).content.decode()
    assert "UBND xã Tân Lập" in body  # the successor links to its predecessor
    body = page_with_panels(client, reverse("org:detail", args=[old.pk]))
    assert "Đã ngừng hoạt động" in body and "Hà Thị Mai" in body


def test_officer_cannot_record_a_merge(client, officer_a, tree):
    assert login(client, officer_a).get(reverse("org:succession", args=[tree["a"].pk])).status_code == 403


def test_secretariat_builds_a_bloc_with_leader_and_deputy(client, secretariat, tree):
    from thidua.org.models import Bloc, BlocMembership

    login(client, secretariat)
    response = client.post(reverse("org:bloc_create"), {"code": "K2", "name": "Khối Văn hóa – Xã hội"})
    bloc = Bloc.objects.get(code="K2")
    assert response.status_code == 302
    url = reverse("org:bloc_detail", args=[bloc.pk])
    client.post(url, {"unit": tree["a"].pk, "year": 2026, "role": "leader"})
    client.post(url, {"unit": tree["b"].pk, "year": 2026, "role": "leader"})
    roles = dict(BlocMembership.objects.filter(bloc=bloc, year=2026).values_list("unit__code", "role"))
    assert roles == {"T.A": "member", "T.B": "leader"}  # a new leader replaces the old one
    assert "Cập nhật thành viên khối" in client.get(url).content.decode()
    export = client.get(url + "?nam=2026&xuat=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_officer_cannot_change_bloc_membership(client, secretariat, officer_a, tree):
    from thidua.org.models import BlocMembership
    from thidua.org.services import bloc_create

    bloc = bloc_create(actor=secretariat, organiser=tree["root"], code="K3", name="Khối Kinh tế")
    login(client, officer_a)
    response = client.post(reverse("org:bloc_detail", args=[bloc.pk]), {"unit": tree["a"].pk, "year": 2026,
                                                                       "role": "leader"})
    assert response.status_code == 403
    assert not BlocMembership.objects.exists()
    assert client.get(reverse("org:bloc_create")).status_code == 403


def test_breadcrumbs_link_only_units_in_scope(client, officer_a, tree):
    body = login(client, officer_a).get(reverse("org:detail", args=[tree["a1"].pk])).content.decode()
    assert reverse("org:detail", args=[tree["a"].pk]) in body
    assert reverse("org:detail", args=[tree["root"].pk]) not in body
    assert "UBND tỉnh Thử Nghiệm" in body  # named, not linked


def test_the_people_export_writes_user_text_as_text(client, officer_a, tree):
    Unit.objects.filter(pk=tree["a1"].pk).update(name=AT)
    make_person(tree["a1"], NAME, position=PLUS)
    response = login(client, officer_a).get(reverse("people:unit_export", args=[tree["a"].pk]))
    assert_text_cells(response.content, NAME, PLUS, AT)


def test_the_units_export_writes_user_text_as_text(client, officer_a, tree):
    Unit.objects.filter(pk=tree["a"].pk).update(name="Sở KH/ĐT")  # a "/" is not allowed in a sheet's name
    Unit.objects.filter(pk=tree["a1"].pk).update(name=NAME, short_name=MINUS)
    response = login(client, officer_a).get(reverse("org:units_export", args=[tree["a"].pk]))
    assert response.status_code == 200
    assert_text_cells(response.content, NAME, MINUS, "Sở KH/ĐT")


def test_the_bloc_export_writes_user_text_as_text(client, secretariat, tree):
    from thidua.org.services import bloc_create, bloc_member_set

    bloc = bloc_create(actor=secretariat, organiser=tree["root"], code="K9", name="=Khối Kinh tế/Xã hội")
    Unit.objects.filter(pk=tree["a"].pk).update(name=NAME)
    bloc_member_set(actor=secretariat, bloc=bloc, unit=tree["a"], year=2026, role="leader")
    response = login(client, secretariat).get(reverse("org:bloc_detail", args=[bloc.pk]), {"nam": 2026, "xuat": "xlsx"})
    assert response.status_code == 200
    assert_text_cells(response.content, NAME, "=Khối Kinh tế/Xã hội")
