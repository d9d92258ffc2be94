"""Two officers edit the same dossier, the same item or the same justification: the later
save, made on what the page showed before the first save, is refused with who saved first."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import login, make_user
from tests.dossiers.conftest import add, make_dossier
from tests.html_forms import form_values, race
from thidua.core.roles import Role
from thidua.dossiers.models import Dossier, DossierItem


@pytest.fixture
def colleague(tree):
    """A second TĐKT officer of Sở Nội vụ."""
    return make_user("canbo_a2", Role.UNIT_OFFICER, tree["a"], "Mai Thị Hạnh")


def test_a_stale_dossier_save_is_refused_naming_who_saved_first(client, officer_a, colleague, draft):
    saved, response = race(login(client, officer_a), login(Client(), colleague),
                           reverse("dossiers:edit", args=[draft.pk]), "title", {"number": "15/TTr-SNV"},
                           {"title": "Đề nghị tặng danh hiệu CSTĐCS năm 2025"})

    assert (saved.status_code, response.status_code) == (302, 200)
    dossier = Dossier.objects.get(pk=draft.pk)
    assert (dossier.number, dossier.title) == ("15/TTr-SNV", "Đề nghị tặng Chiến sĩ thi đua cơ sở năm 2025")
    body = response.content.decode()
    assert "Lê Văn An" in body and "sau khi bạn mở trang này" in body
    assert 'value="Đề nghị tặng danh hiệu CSTĐCS năm 2025"' in body and "15/TTr-SNV" in body


def test_a_stale_item_save_is_refused_and_keeps_the_report_typed(client, officer_a, colleague, draft):
    item = draft.items.order_by("pk").first()
    saved, response = race(login(client, officer_a), login(Client(), colleague),
                           reverse("dossiers:item", args=[draft.pk, item.pk]), "report_text",
                           {"achievement": "Có hai sáng kiến cấp cơ sở."},
                           {"report_text": "Báo cáo thành tích viết lại, bản 2."})

    assert (saved.status_code, response.status_code) == (302, 200)
    item.refresh_from_db()
    assert item.achievement == "Có hai sáng kiến cấp cơ sở."
    assert item.report_text == "I. Sơ lược lý lịch… II. Thành tích…"
    body = response.content.decode()
    assert "Lê Văn An" in body and "Báo cáo thành tích viết lại, bản 2." in body


def test_an_item_whose_flags_change_because_another_was_added_is_not_stale(client, officer_a, colleague, draft,
                                                                          person_weak):
    item = draft.items.order_by("pk").first()
    login(client, officer_a)
    url = reverse("dossiers:item", args=[draft.pk, item.pk])
    values = form_values(client.get(url).content, "report_text")
    add(colleague, draft, person_weak)

    assert client.post(url, {**values, "achievement": "Có sáng kiến."}).status_code == 302


def test_a_stale_justification_is_refused_and_what_was_typed_is_given_back(client, officer_a, colleague, tree,
                                                                          person_weak):
    dossier = make_dossier(officer_a, tree["a"])
    item = DossierItem.objects.get(pk=add(officer_a, dossier, person_weak)[0].pk)
    assert item.flags == ["ineligible"]
    second = login(Client(), colleague)
    _, refused = race(login(client, officer_a), second, reverse("dossiers:item", args=[dossier.pk, item.pk]),
                      "giai-trinh", {"giai-trinh": "Có thành tích đột xuất trong phòng chống dịch."},
                      {"giai-trinh": "Được bình xét lại."},
                      post_url=reverse("dossiers:item_justify", args=[dossier.pk, item.pk]))
    response = second.get(refused["Location"])

    assert DossierItem.objects.get(pk=item.pk).justification == "Có thành tích đột xuất trong phòng chống dịch."
    body = response.content.decode()
    assert "Lê Văn An" in body and "Được bình xét lại." in body
