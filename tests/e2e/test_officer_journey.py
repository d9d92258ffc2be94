import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_officer_finds_a_person_and_edits_a_rating(page, tree, officer_a, officer_b, person_a):
    sign_in(page, "canbo_a", PASSWORD)
    expect(page.get_by_test_id("n-people")).to_have_text("1")

    page.get_by_role("link", name="Đơn vị", exact=True).click()
    tree_box = page.locator("#unit-tree")
    expect(tree_box.get_by_role("link", name="Sở Nội vụ")).to_be_visible()
    expect(tree_box.get_by_text("Phòng Công chức, viên chức")).to_have_count(0)
    tree_box.get_by_role("button", name="Mở các đơn vị trực thuộc Sở Nội vụ").click()
    expect(tree_box.get_by_role("link", name="Phòng Công chức, viên chức")).to_be_visible()

    page.get_by_label("Tìm cá nhân, đơn vị").fill("nguyen van phong")
    page.get_by_label("Tìm cá nhân, đơn vị").press("Enter")
    page.get_by_test_id("results-ca-nhan").get_by_role("link", name="Nguyễn Văn Phóng").click()
    expect(page.get_by_role("heading", name="Nguyễn Văn Phóng")).to_be_visible()
    expect(page.get_by_test_id("cccd")).to_have_text("001085012345")

    page.get_by_role("link", name="Ghi xếp loại").click()
    page.get_by_role("spinbutton", name="Năm", exact=True).fill("2024")
    page.get_by_role("combobox", name="Xếp loại", exact=True).select_option("HTXSNV")
    page.get_by_label("Lý do thay đổi").fill("Kết quả bình xét cuối năm")
    page.get_by_role("button", name="Lưu").click()

    expect(page.get_by_test_id("evaluations")).to_contain_text("Hoàn thành xuất sắc nhiệm vụ")
    history = page.locator(".audit-panel")
    expect(history).to_contain_text("Ghi xếp loại hằng năm")
    expect(history).to_contain_text("Hoàn thành xuất sắc nhiệm vụ")  # the rating by its name, never "HTXSNV"
    expect(history).not_to_contain_text("HTXSNV")
    expect(history).to_contain_text("Kết quả bình xét cuối năm")
    person_url = page.url

    page.get_by_role("button", name="Lê Văn An").click()
    page.get_by_role("button", name="Đăng xuất").click()
    sign_in(page, "canbo_b", PASSWORD)
    response = page.goto(person_url)
    assert response.status == 404
    expect(page.get_by_text("Nguyễn Văn Phóng")).to_have_count(0)
