from django.urls import reverse

from tests.conftest import login


def test_dashboard_counts_the_scope(client, officer_a, person_a, person_b):
    body = login(client, officer_a).get(reverse("core:dashboard")).content.decode()
    assert 'data-testid="n-units">2<' in body
    assert 'data-testid="n-people">1<' in body
    assert 'data-testid="n-missing">1<' in body


def test_dashboard_needs_login(client):
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302


def test_search_ignores_diacritics_and_case(client, secretariat, person_a, person_b):
    login(client, secretariat)
    body = client.get(reverse("core:search"), {"q": "nguyen van phong"}).content.decode()
    assert "Nguyễn Văn Phóng" in body and "Nguyễn Thị Phong" not in body
    body = client.get(reverse("core:search"), {"q": "PHONG"}).content.decode()
    assert "Nguyễn Văn Phóng" in body and "Nguyễn Thị Phong" in body
    body = client.get(reverse("core:search"), {"q": "sở y tế"}).content.decode()
    assert "Sở Y tế" in body


def test_it_refuses_out_of_scope(client, officer_b, person_a):
    body = login(client, officer_b).get(reverse("core:search"), {"q": "phong"}).content.decode()
    assert "Nguyễn Văn Phóng" not in body
    assert "Sở Nội vụ" not in body


def test_login_page_is_vietnamese(client):
    body = client.get(reverse("accounts:login")).content.decode()
    assert "Đăng nhập" in body and "Mật khẩu" in body


def test_password_change(client, officer_a):
    login(client, officer_a)
    response = client.post(reverse("accounts:password_change"), {
        "old_password": "Mat-khau-2026!", "new_password1": "Thi-dua-moi-2027", "new_password2": "Thi-dua-moi-2027"})
    assert response.status_code == 302
    client.logout()
    assert client.login(username="canbo_a", password="Thi-dua-moi-2027")
