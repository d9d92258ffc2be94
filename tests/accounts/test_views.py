import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.conftest import PASSWORD, login, make_user
from thidua.accounts.models import RoleGrant
from thidua.core.models import AuditEvent


@pytest.fixture
def admin(tree):
    return make_user("quantri", "admin", tree["root"], "Quản Văn Trị")


def test_admin_creates_an_account_and_grants_a_role(client, admin, tree):
    login(client, admin)
    response = client.post(reverse("accounts:users"), {"username": "canbo_moi", "full_name": "Lưu Thị Mới",
                                                       "password": "Thi-dua-2026-moi"})
    user = get_user_model().objects.get(username="canbo_moi")
    assert response.status_code == 302 and user.last_name == "Lưu Thị" and user.first_name == "Mới"
    client.post(reverse("accounts:user_detail", args=[user.pk]), {"role": "unit_officer", "unit": tree["b"].pk})
    grant = RoleGrant.objects.get(user=user)
    assert grant.unit == tree["b"]
    assert AuditEvent.objects.filter(action="grant.add", target_id=user.pk).exists()
    body = client.get(reverse("accounts:user_detail", args=[user.pk])).content.decode()
    assert "Cấp quyền" in body and "Sở Y tế" in body
    client.post(reverse("accounts:grant_revoke", args=[user.pk, grant.pk]))
    assert not RoleGrant.objects.filter(user=user).exists()


def test_bloc_leader_needs_a_bloc(client, admin, officer_a, tree):
    login(client, admin)
    response = client.post(reverse("accounts:user_detail", args=[officer_a.pk]),
                           {"role": "bloc_leader", "unit": tree["a"].pk})
    assert "cần chọn khối và năm" in response.content.decode()


@pytest.mark.parametrize("name", ["accounts:users", "accounts:user_detail"])
def test_it_refuses_out_of_scope(client, secretariat, officer_a, name):
    login(client, secretariat)
    args = [officer_a.pk] if name == "accounts:user_detail" else []
    assert client.get(reverse(name, args=args)).status_code == 403


def test_non_admin_cannot_revoke(client, officer_a, officer_b):
    login(client, officer_b)
    grant = RoleGrant.objects.get(user=officer_a)
    assert client.post(reverse("accounts:grant_revoke", args=[officer_a.pk, grant.pk])).status_code == 403
    assert RoleGrant.objects.filter(pk=grant.pk).exists()


def test_locked_account_cannot_log_in(client, admin, officer_a):
    login(client, admin)
    client.post(reverse("accounts:user_toggle", args=[officer_a.pk]))
    client.logout()
    response = client.post(reverse("accounts:login"), {"username": officer_a.username, "password": PASSWORD})
    assert response.status_code == 200 and "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()
    assert "_auth_user_id" not in client.session
