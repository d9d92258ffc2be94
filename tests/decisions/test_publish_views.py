"""The publish and withdraw buttons of a decision's page: who sees them, who is refused."""

import pytest
from django.urls import reverse

from tests.conftest import login
from tests.decisions.conftest import sign
from thidua.core.models import AuditEvent
from thidua.decisions.models import Decision


@pytest.fixture
def signed(chairman, draft):
    return sign(chairman, draft)


def test_the_secretariat_publishes_from_the_page_and_withdraws(client, secretariat, signed):
    login(client, secretariat)
    page = client.get(reverse("decisions:detail", args=[signed.pk])).content.decode()
    assert 'data-testid="publish"' in page and "Chưa công khai" in page
    response = client.post(reverse("decisions:publish", args=[signed.pk]), follow=True)
    page = response.content.decode()
    assert "Đã công khai Quyết định số 01/QĐ-UBND" in page
    assert reverse("portal:decision", args=[signed.pk]) in page and 'data-testid="unpublish"' in page
    assert Decision.objects.get(pk=signed.pk).published_by == secretariat
    assert client.get(reverse("portal:decision", args=[signed.pk])).status_code == 200
    assert 'data-testid="published-badge"' in client.get(reverse("decisions:list")).content.decode()
    client.post(reverse("decisions:unpublish", args=[signed.pk]))
    assert Decision.objects.get(pk=signed.pk).published_at is None
    assert AuditEvent.objects.filter(action="decision.unpublish", target_id=signed.pk, actor=secretariat).exists()
    assert client.get(reverse("portal:decision", args=[signed.pk])).status_code == 404


def test_a_draft_offers_no_button_and_is_refused(client, secretariat, draft):
    login(client, secretariat)
    assert 'data-testid="publish"' not in client.get(reverse("decisions:detail", args=[draft.pk])).content.decode()
    response = client.post(reverse("decisions:publish", args=[draft.pk]), follow=True)
    assert "Chỉ quyết định khen thưởng đã ký ban hành mới được công khai." in response.content.decode()
    assert Decision.objects.get(pk=draft.pk).published_at is None


@pytest.mark.parametrize("who", ["officer_a", "chairman"])
def test_readers_without_the_right_see_no_button_and_get_403(client, request, signed, who):
    login(client, request.getfixturevalue(who))
    assert 'data-testid="publish"' not in client.get(reverse("decisions:detail", args=[signed.pk])).content.decode()
    for name in ("publish", "unpublish"):
        assert client.post(reverse(f"decisions:{name}", args=[signed.pk])).status_code == 403
    assert Decision.objects.get(pk=signed.pk).published_at is None


def test_it_refuses_out_of_scope(client, officer_b, signed):
    login(client, officer_b)
    for name in ("publish", "unpublish"):
        assert client.post(reverse(f"decisions:{name}", args=[signed.pk])).status_code == 404
        assert client.get(reverse(f"decisions:{name}", args=[signed.pk])).status_code in (404, 405)
    assert Decision.objects.get(pk=signed.pk).published_at is None


def test_anonymous_is_sent_to_login(client, signed):
    response = client.post(reverse("decisions:publish", args=[signed.pk]))
    assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]
    assert Decision.objects.get(pk=signed.pk).published_at is None
