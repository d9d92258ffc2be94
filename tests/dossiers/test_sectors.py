"""A dossier offers only the kinds the sectors under its unit may receive and refuses a
kind its subject's sector may not (the province, hence Sở Nội vụ, is state administration)."""

import pytest
from django.urls import reverse

from tests.conftest import login
from tests.dossiers.conftest import add, make_dossier
from thidua.core.errors import ApplicationError
from thidua.core.sectors import Sector
from thidua.dossiers.models import DossierItem


@pytest.fixture
def state(tree):
    tree["root"].sector = Sector.STATE
    tree["root"].save(update_fields=["sector"])
    return tree


def test_cstt_for_a_civil_servant_is_refused_with_the_reason(state, officer_a, person_a):
    dossier = make_dossier(officer_a, state["a"])
    with pytest.raises(ApplicationError) as refused:
        add(officer_a, dossier, person_a, kind="CSTT")
    assert str(refused.value.message) == (
        "Nguyễn Văn Phóng: «Chiến sĩ tiên tiến» chỉ xét tặng cho Lực lượng vũ trang nhân dân; «Phòng Công chức, "
        "viên chức» thuộc khu vực Cơ quan nhà nước, Đảng, đoàn thể.")
    assert not DossierItem.objects.exists()


def test_changing_an_items_kind_to_one_of_another_sector_is_refused(state, officer_a, eligible_a):
    from thidua.dossiers import services

    dossier = make_dossier(officer_a, state["a"])
    item = add(officer_a, dossier, eligible_a)[0]
    with pytest.raises(ApplicationError, match="«Chiến sĩ tiên tiến» chỉ xét tặng cho Lực lượng vũ trang"):
        services.dossier_item_update(actor=officer_a, item=item, kind="CSTT")
    item.refresh_from_db()
    assert item.kind == "CSTDCS"


def test_the_manual_add_page_offers_no_armed_forces_title(client, state, officer_a):
    dossier = make_dossier(officer_a, state["a"])
    login(client, officer_a)
    body = client.get(reverse("dossiers:add_manual", args=[dossier.pk])).content.decode()
    assert "Chiến sĩ thi đua cơ sở" in body and "Chiến sĩ tiên tiến" not in body


def test_the_manual_add_page_refuses_a_user_out_of_scope(client, state, officer_a, officer_b):
    dossier = make_dossier(officer_a, state["a"])
    login(client, officer_b)
    assert client.get(reverse("dossiers:add_manual", args=[dossier.pk])).status_code in (403, 404)
