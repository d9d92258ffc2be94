import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import sign_in
from tests.signin import current_code
from thidua.accounts import otp

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_officer_sets_up_an_authenticator_and_signs_in_with_a_code(page, tree, officer_a):
    sign_in(page, "canbo_a", PASSWORD)
    page.get_by_role("button", name="Lê Văn An").click()
    page.get_by_role("link", name="Xác thực hai lớp").click()
    expect(page.get_by_role("heading", name="Cài đặt xác thực hai lớp")).to_be_visible()
    expect(page.get_by_test_id("otp-qr").locator("svg")).to_be_visible()
    # The officer types the key into the phone's app, which then shows the code.
    key = page.get_by_test_id("otp-key").inner_text()
    page.get_by_label("Mã xác thực").fill(otp.code_at(otp.key_hex(key)))
    page.get_by_role("button", name="Xác nhận và bật").click()
    expect(page.get_by_role("alert").filter(has_text="Đã bật xác thực hai lớp")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Đang bật")

    page.get_by_role("button", name="Lê Văn An").click()
    page.get_by_role("button", name="Đăng xuất").click()
    page.get_by_label("Tên đăng nhập").fill("canbo_a")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Xác thực hai lớp")).to_be_visible()
    page.get_by_label("Mã xác thực").fill("000000" if otp.code_at(otp.key_hex(key)) != "000000" else "111111")
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_text("Mã xác thực không đúng")).to_be_visible()
    page.wait_for_timeout(1100)  # django-otp waits a second after a wrong code
    page.get_by_label("Mã xác thực").fill(current_code(TOTPDevice.objects.get(user=officer_a)))
    page.get_by_role("button", name="Xác nhận").click()
    page.wait_for_url("**/")
    expect(page.get_by_role("button", name="Lê Văn An")).to_be_visible()


def test_in_production_the_secretariat_sets_it_up_before_anything_else(page, settings, tree, secretariat):
    settings.THIDUA_OTP_REQUIRED = True
    page.goto("/tai-khoan/dang-nhap/?next=/ca-nhan/")
    page.get_by_label("Tên đăng nhập").fill("thuky")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_text("bắt buộc đăng nhập bằng mật khẩu và mã xác thực hai lớp")).to_be_visible()
    page.goto("/ca-nhan/")  # nothing opens before the second step
    expect(page.get_by_role("heading", name="Đăng nhập hệ thống Thi đua – Khen thưởng")).to_be_visible()
    # The helper signs in as anyone would: password, then setting up the app on the spot.
    sign_in(page, "thuky", PASSWORD)
    expect(page.get_by_role("button", name="Trần Thị Thu")).to_be_visible()
    assert TOTPDevice.objects.get(user=secretariat).confirmed
