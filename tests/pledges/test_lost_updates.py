"""Two secretaries edit the same pledge's details: the later save, made on what the page
showed before the first save, is refused naming who saved first (issue 10, C)."""

from django.test import Client
from django.urls import reverse

from tests.conftest import login, make_user
from tests.html_forms import assert_refused_as_stale, race
from tests.pledges.conftest import build_table
from thidua.core.roles import Role
from thidua.pledges.models import Criterion, Pledge


def test_a_stale_pledge_save_is_refused_naming_who_saved_first(client, secretariat, pledge, tree):
    other = make_user("thuky2", Role.SECRETARIAT, tree["root"], "Phạm Văn Bình")
    saved, response = race(login(client, secretariat), login(Client(), other),
                           reverse("pledges:edit", args=[pledge.pk]), "title",
                           {"signed_on": "20/01/2026"}, {"title": "Giao ước thi đua năm 2026"})

    assert saved.status_code == 302
    assert_refused_as_stale(response, saved_by="Trần Thị Thu", kept='value="Giao ước thi đua năm 2026"')
    assert "Ngày ký kết: <strong>20/01/2026</strong>" in response.content.decode()
    pledge = Pledge.objects.get(pk=pledge.pk)
    assert pledge.signed_on.strftime("%d/%m/%Y") == "20/01/2026"
    assert pledge.title == "Giao ước thi đua năm 2025 — Khối các cơ quan tổng hợp"


def test_a_stale_criterion_save_is_refused_naming_who_saved_first(client, secretariat, draft, tree):
    build_table(secretariat, draft)
    criterion = Criterion.objects.get(pledge=draft, code="1.1")
    other = make_user("thuky2", Role.SECRETARIAT, tree["root"], "Phạm Văn Bình")
    url = reverse("pledges:criteria", args=[draft.pk]) + f"?sua={criterion.pk}"
    saved, response = race(login(client, secretariat), login(Client(), other), url, "c-name",
                           {"c-max_points": "15"}, {"c-name": "Hoàn thành 100% chỉ tiêu được giao"})

    assert saved.status_code == 302
    assert_refused_as_stale(response, saved_by="Trần Thị Thu", kept="Hoàn thành 100% chỉ tiêu được giao")
    criterion.refresh_from_db()
    assert criterion.max_points == 15 and criterion.name != "Hoàn thành 100% chỉ tiêu được giao"


def test_a_stale_group_save_is_refused(client, secretariat, draft, tree):
    build_table(secretariat, draft)
    group = draft.groups.order_by("order").first()
    other = make_user("thuky2", Role.SECRETARIAT, tree["root"], "Phạm Văn Bình")
    url = reverse("pledges:criteria", args=[draft.pk]) + f"?sua-nhom={group.pk}"
    saved, response = race(login(client, secretariat), login(Client(), other), url, "g-name",
                           {"g-name": "Thực hiện nhiệm vụ chính trị"}, {"g-name": "Công tác chuyên môn"})

    assert saved.status_code == 302
    assert_refused_as_stale(response, saved_by="Trần Thị Thu", kept="Công tác chuyên môn")
    group.refresh_from_db()
    assert group.name == "Thực hiện nhiệm vụ chính trị"
