"""Two-factor sign-in: required of administrators and the secretariat in production,
offered to everyone."""

import re
import time

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import PASSWORD, login, make_user
from tests.signin import code_for
from thidua.accounts import otp, services
from thidua.core.models import AuditEvent

# Pages of every kind: home, lists, a form, the account's own pages, the admin's.
PAGES = ["home:dashboard", "people:list", "org:tree", "dossiers:list", "accounts:password_change",
         "accounts:lockouts", "accounts:users"]


@pytest.fixture
def required(settings):
    settings.THIDUA_OTP_REQUIRED = True


@pytest.fixture
def admin(tree):
    return make_user("quantri", "admin", tree["root"], "Quản Văn Trị")


def post_password(client, user, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": user.username, "password": password})


def opens_nothing(client) -> bool:
    for name in PAGES:
        response = client.get(reverse(name))
        if response.status_code != 302 or not response["Location"].startswith(reverse("accounts:login")):
            return False
    return "_auth_user_id" not in client.session


@pytest.mark.parametrize("who", ["secretariat", "admin"])
def test_in_production_a_password_alone_opens_no_page(client, required, request, who):
    user = request.getfixturevalue(who)
    response = post_password(client, user)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:otp_setup")
    assert opens_nothing(client)
    # With a device, the password leads to the code step, and still opens nothing.
    TOTPDevice.objects.create(user=user, confirmed=True)
    client.cookies.clear()
    response = post_password(client, user)
    assert response["Location"] == reverse("accounts:signin_code")
    assert opens_nothing(client)


def test_a_session_without_its_second_factor_is_signed_out(client, required, secretariat):
    """A session made by any other door (or from before the rule) opens nothing either."""
    client.force_login(secretariat)
    response = client.get(reverse("home:dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session
    body = client.get(response["Location"]).content.decode()
    assert "phải đăng nhập bằng mật khẩu và mã xác thực hai lớp" in body


def test_other_roles_are_offered_it_not_required(client, required, officer_a):
    response = post_password(client, officer_a)
    assert response.status_code == 302 and response["Location"] == reverse("home:dashboard")
    assert client.get(reverse("home:dashboard")).status_code == 200


def test_a_required_account_enrols_then_signs_in_with_a_code(client, required, secretariat, time_machine):
    time_machine.move_to(time.time(), tick=True)
    post_password(client, secretariat)
    page = client.get(reverse("accounts:otp_setup")).content.decode()
    assert "bắt buộc đăng nhập bằng mật khẩu và mã xác thực hai lớp" in page
    # The QR code is drawn on the server, with no inline script.
    title = "Mã QR để cài đặt ứng dụng xác thực"
    assert re.search(rf'data-testid="otp-qr"><svg [^>]*><title>{title}</title><g [^>]*><path', page)
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    key = re.search(r'data-testid="otp-key">([A-Z2-7 ]+)<', page).group(1)
    device = TOTPDevice.objects.get(user=secretariat)
    assert otp.key_hex(key) == device.key and not device.confirmed
    response = client.post(reverse("accounts:otp_setup"), {"code": "000000" if otp.code_at(device.key) != "000000"
                                                           else "111111"})
    assert "Mã xác thực không đúng" in response.content.decode() and "_auth_user_id" not in client.session
    response = client.post(reverse("accounts:otp_setup"), {"code": otp.code_at(otp.key_hex(key))})
    assert "hãy chờ 1 giây" in response.content.decode()  # django-otp's back-off after a wrong code
    time_machine.shift(1.5)
    response = client.post(reverse("accounts:otp_setup"), {"code": otp.code_at(otp.key_hex(key))})
    assert response.status_code == 302 and client.get(reverse("home:dashboard")).status_code == 200
    assert AuditEvent.objects.filter(action="user.otp_enable", actor=secretariat).exists()
    # The next sign-in: password, then the code.
    client.logout()
    assert post_password(client, secretariat)["Location"] == reverse("accounts:signin_code")
    response = client.post(reverse("accounts:signin_code"), {"code": "12345"})
    assert "gồm 6 chữ số" in response.content.decode()
    code = code_for(secretariat)
    response = client.post(reverse("accounts:signin_code"), {"code": f"{code[:3]} {code[3:]}"})
    assert response.status_code == 302 and response["Location"] == reverse("home:dashboard")
    assert client.get(reverse("accounts:lockouts")).status_code == 200


def _shown_key(client) -> str:
    page = client.get(reverse("accounts:otp_setup")).content.decode()
    return re.search(r'data-testid="otp-key">([A-Z2-7 ]+)<', page).group(1)


def test_a_key_shown_to_another_session_never_becomes_the_second_factor(client, required, secretariat,
                                                                        time_machine):
    """Someone else holding the password opens the set-up page first and keeps the key;
    the owner's own set-up shows a fresh key, and the other's codes then open nothing."""
    from django.test import Client

    time_machine.move_to(time.time(), tick=True)
    intruder = Client()
    post_password(intruder, secretariat)
    stolen = _shown_key(intruder)
    assert _shown_key(intruder) == stolen  # the same session keeps its key (a reload, two tabs)
    post_password(client, secretariat)
    own = _shown_key(client)
    assert own != stolen
    assert TOTPDevice.objects.filter(user=secretariat).count() == 1
    response = client.post(reverse("accounts:otp_setup"), {"code": otp.code_at(otp.key_hex(own))})
    assert response.status_code == 302
    refused = intruder.post(reverse("accounts:otp_setup"), {"code": otp.code_at(otp.key_hex(stolen))})
    assert refused.status_code == 302 and refused["Location"] == reverse("accounts:signin_code")
    assert "_auth_user_id" not in intruder.session


def test_sessions_opened_with_a_device_end_when_the_admin_resets_it(client, required, secretariat, admin):
    """A lost phone: the administrator resets it, and a session opened with its codes
    (perhaps by whoever found the phone and the password) opens nothing any more."""
    TOTPDevice.objects.create(user=secretariat, name="Điện thoại", confirmed=True)
    login(client, secretariat)
    assert client.get(reverse("home:dashboard")).status_code == 200
    services.otp_reset(actor=admin, user=secretariat, reason="Mất điện thoại")
    response = client.get(reverse("home:dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session


def test_the_code_step_keeps_next_and_refuses_a_used_code(client, secretariat):
    device = TOTPDevice.objects.create(user=secretariat, confirmed=True)
    client.post(reverse("accounts:login"), {"username": "thuky", "password": PASSWORD,
                                            "next": reverse("people:list")})
    code = otp.code_at(device.key)
    response = client.post(reverse("accounts:signin_code"), {"code": code})
    assert response["Location"] == reverse("people:list")
    client.logout()
    post_password(client, secretariat)
    response = client.post(reverse("accounts:signin_code"), {"code": code})  # the same code again
    assert response.status_code == 200 and "đã được dùng" in response.content.decode()


def test_wrong_codes_count_against_the_account(client, settings, secretariat):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the lockout, not django-otp's back-off, is under test
    device = TOTPDevice.objects.create(user=secretariat, confirmed=True)
    wrong = "000000" if otp.code_at(device.key) != "000000" else "111111"
    post_password(client, secretariat)
    for _ in range(4):
        assert client.post(reverse("accounts:signin_code"), {"code": wrong}).status_code == 200
    response = client.post(reverse("accounts:signin_code"), {"code": wrong})
    assert response.status_code == 429 and "Tài khoản tạm thời bị khóa đăng nhập" in response.content.decode()
    client.cookies.clear()
    assert post_password(client, secretariat).status_code == 429


def test_anyone_turns_it_on_and_off(client, officer_a, time_machine):
    time_machine.move_to(time.time(), tick=True)
    login(client, officer_a)
    assert "Xác thực hai lớp" in client.get(reverse("home:dashboard")).content.decode()
    client.get(reverse("accounts:otp_setup"))
    response = client.post(reverse("accounts:otp_setup"), {"code": code_for(officer_a)}, follow=True)
    assert "Đã bật xác thực hai lớp" in response.content.decode()
    client.logout()
    assert post_password(client, officer_a)["Location"] == reverse("accounts:signin_code")
    login(client, officer_a)  # the helper types the code
    time_machine.shift(60)  # half a minute on, the app shows a new code (each is accepted once)
    response = client.post(reverse("accounts:otp_disable"), {"password": "sai", "code": code_for(officer_a)})
    assert response.status_code == 400 and "Mật khẩu không đúng" in response.content.decode()
    response = client.post(reverse("accounts:otp_disable"), {"password": PASSWORD, "code": code_for(officer_a)},
                           follow=True)
    assert "Đã tắt xác thực hai lớp" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=officer_a, confirmed=True).exists()
    assert AuditEvent.objects.filter(action="user.otp_disable", actor=officer_a).exists()


def test_a_required_account_cannot_turn_it_off_and_the_admin_resets_it(client, required, secretariat, admin):
    login(client, secretariat)  # enrols on the way in
    assert "không tắt được" in client.get(reverse("accounts:otp_setup")).content.decode()
    with pytest.raises(services.ApplicationError):
        services.otp_disable(actor=secretariat, password=PASSWORD, code=code_for(secretariat))
    assert client.post(reverse("accounts:otp_reset", args=[secretariat.pk])).status_code == 403
    login(client, admin)
    client.post(reverse("accounts:otp_reset", args=[secretariat.pk]))
    assert not TOTPDevice.objects.filter(user=secretariat).exists()
    assert AuditEvent.objects.filter(action="user.otp_reset", actor=admin, target_id=secretariat.pk).exists()


def test_the_demo_prints_the_code_its_accounts_accept(db, capsys):
    from thidua.demo.accounts import DEMO_PASSWORD, DEMO_TOTP_KEYS, ensure_demo_devices

    root = make_unit_root()
    user = make_user("admin", "admin", root, "Phạm Minh Quân")
    user.set_password(DEMO_PASSWORD)
    user.save()
    # An account named like a demo one whose password is its own is not the demo's: it
    # never gets the published key.
    own = make_user("thuky", "secretariat", root, "Trần Thị Thu")
    assert ensure_demo_devices() == 1 and ensure_demo_devices() == 0
    assert not TOTPDevice.objects.filter(user=own).exists()
    call_command("demo_otp_code", "admin")
    code = capsys.readouterr().out.strip()
    device = TOTPDevice.objects.get(user=user)
    assert otp.key_hex(DEMO_TOTP_KEYS["admin"]) == device.key
    assert re.fullmatch(r"\d{6}", code) and device.verify_token(code)


def make_unit_root():
    from tests.conftest import make_unit

    return make_unit(None, "T", "UBND tỉnh Thử Nghiệm", kind="ubnd_tinh", level="tinh")
