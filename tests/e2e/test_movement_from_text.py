import datetime as dt

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.documents.test_directive_texts import text_of as directive_text
from tests.e2e.conftest import sign_in
from tests.movements.samples import DIRECTIVE
from thidua.documents.models import Document
from thidua.movements.models import Movement

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_secretariat_pastes_a_directive_and_confirms_the_movement(page, tree, secretariat):
    sign_in(page, "thuky", PASSWORD)
    page.get_by_role("button", name="Phong trào").click()
    page.get_by_role("link", name="Phong trào thi đua").click()
    page.get_by_role("link", name="Phát động từ văn bản").click()
    page.get_by_label("Nội dung văn bản").fill(DIRECTIVE)
    page.get_by_role("button", name="Đọc văn bản").click()

    # Everything found in the text is on the form, for the officer to check.
    expect(page.get_by_label("Số, ký hiệu")).to_have_value("01/CT-UBND")
    expect(page.get_by_label("Ngày ban hành")).to_have_value("02/01/2026")
    expect(page.get_by_label("Loại văn bản")).to_have_value("chi_thi")
    expect(page.get_by_label("Chủ đề")).to_have_value("Đoàn kết, kỷ cương, sáng tạo, về đích")
    expect(page.get_by_label("Kết thúc")).to_have_value("31/12/2026")
    expect(page.get_by_label("Năm thi đua")).to_have_value("2026")
    expect(page.locator("body")).to_contain_text("39-CT/TW")
    # The officer completes what a directive does not say in a parseable way.
    page.get_by_label("Hạn đăng ký thi đua").fill("31/03/2026")
    page.get_by_role("button", name="Xác nhận và phát động").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("thi đua yêu nước năm 2026")
    expect(page.locator("body")).to_contain_text("Đoàn kết, kỷ cương, sáng tạo, về đích")
    expect(page.locator("body")).to_contain_text("31/03/2026")
    movement = Movement.objects.get()
    assert movement.document.number == "01/CT-UBND"
    assert {d.number for d in movement.attachments.all()} == {"152/2025/NĐ-CP", "39-CT/TW"}
    assert Document.objects.count() == 3


def test_a_chairmans_directive_launches_the_annual_movement_with_its_deadline_and_milestones(page, tree, secretariat):
    # The case: the directive launches "phong trào thi đua yêu nước năm 2027", cites the law by name
    # and date, quotes a sub-movement in item 2, and sets the registration deadline and the sơ kết / tổng kết dates.
    sign_in(page, "thuky", PASSWORD)
    page.get_by_role("button", name="Phong trào").click()
    page.get_by_role("link", name="Phong trào thi đua").click()
    page.get_by_role("link", name="Phát động từ văn bản").click()
    page.get_by_label("Nội dung văn bản").fill(directive_text("issue13_chairman_2027.txt"))
    page.get_by_role("button", name="Đọc văn bản").click()

    expect(page.get_by_label("Tên phong trào")).to_have_value("Phong trào thi đua yêu nước năm 2027")
    expect(page.get_by_label("Loại phong trào")).to_have_value("thuong_xuyen")
    expect(page.get_by_label("Hạn đăng ký thi đua")).to_have_value("15/03/2027")
    expect(page.locator("#id_moc-0-kind")).to_have_value("so_ket")
    expect(page.locator("#id_moc-0-due_on")).to_have_value("15/07/2027")
    expect(page.locator("#id_moc-1-kind")).to_have_value("tong_ket")
    expect(page.locator("#id_moc-1-due_on")).to_have_value("15/12/2027")
    expect(page.get_by_label("Cơ quan ban hành")).to_have_value("Ủy ban nhân dân tỉnh Bắc Ninh")
    page.get_by_role("button", name="Xác nhận và phát động").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Phong trào thi đua yêu nước năm 2027")
    expect(page.locator("body")).to_contain_text("15/03/2027")
    expect(page.locator("body")).to_contain_text("15/12/2027")
    movement = Movement.objects.get()
    assert (movement.kind, movement.year, movement.registration_deadline) == ("thuong_xuyen", 2027,
                                                                              dt.date(2027, 3, 15))
    assert [(m.kind, m.due_on) for m in movement.milestones.all()] == [
        ("so_ket", dt.date(2027, 7, 15)), ("tong_ket", dt.date(2027, 12, 15))]
