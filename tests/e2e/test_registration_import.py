"""A unit officer registers the unit and its people with Excel, completes the sheet in the
browser and sends it; the head approves it."""

import datetime as dt

import pytest
from django.utils import timezone
from openpyxl import Workbook
from playwright.sync_api import expect

from tests.conftest import PASSWORD, make_person
from tests.e2e.conftest import sign_in
from thidua.registrations.models import Registration, RegistrationSheet, SheetStatus

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

HEADERS = ["Mã đơn vị", "Năm", "Số CCCD hoặc Mã cá nhân", "Họ và tên", "Danh hiệu đăng ký", "Ghi chú, chỉ tiêu"]


def test_officer_registers_with_excel_and_the_head_approves(page, tree, officer_a, head_a, person_a, tmp_path):
    year = timezone.localdate().year
    make_person(tree["a1"], "Trần Thị Hoa", gender="nu", birth_date=dt.date(1990, 5, 6))
    tu = make_person(tree["a1"], "Lê Văn Tư")
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    ws.append(HEADERS)
    ws.append(["T.A.1", year, "001085012345", "Nguyễn Văn Phóng", "LĐTT, Chiến sĩ thi đua cơ sở",
               "Có 01 sáng kiến cấp cơ sở"])
    ws.append(["T.A.1", year, None, "Trần Thị Hoa", "LĐTT"])
    ws.append(["T.A.1", year, None, None, "TTLĐXS", "100% cán bộ hoàn thành tốt nhiệm vụ trở lên"])
    path = tmp_path / "dang-ky-thi-dua.xlsx"
    wb.save(path)

    sign_in(page, "canbo_a", PASSWORD)
    page.goto(f"/don-vi/{tree['a1'].pk}/")
    page.wait_for_load_state("networkidle")  # the page's htmx panels are in: nothing moves under a click
    page.get_by_role("link", name="Đăng ký thi đua").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Bản đăng ký thi đua năm {year}")
    expect(page.get_by_test_id("sheet-status")).to_have_text("Chưa lập")
    page.get_by_role("link", name="Nhập từ Excel").click()

    expect(page.get_by_role("heading", name="Nhập đăng ký thi đua từ Excel")).to_be_visible()
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(path)
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    expect(page.get_by_text("Tệp không có lỗi.")).to_be_visible()
    rows = page.locator("#import-rows")
    expect(rows).to_contain_text("Nguyễn Văn Phóng")
    expect(rows).to_contain_text("Lao động tiên tiến, Chiến sĩ thi đua cơ sở")
    expect(rows).to_contain_text("Tập thể lao động xuất sắc")
    expect(page.locator('[data-count="titles"]')).to_have_text("4")
    assert not Registration.objects.exists()  # the preview saved nothing
    page.get_by_role("button", name="Xác nhận nhập").click()

    expect(page.get_by_text("Đã nhập toàn bộ tệp")).to_be_visible()
    page.locator("#import-sheets").get_by_role("link").first.click()
    expect(page.get_by_test_id("sheet-status")).to_have_text("Đang lập")
    expect(page.get_by_label("LĐTT – Nguyễn Văn Phóng")).to_be_checked()
    expect(page.get_by_label("CSTĐCS – Nguyễn Văn Phóng")).to_be_checked()
    expect(page.get_by_label("LĐTT – Trần Thị Hoa")).to_be_checked()
    expect(page.get_by_label("LĐTT – Lê Văn Tư")).not_to_be_checked()
    expect(page.get_by_label("Tập thể lao động xuất sắc")).to_be_checked()
    expect(page.get_by_label("Chỉ tiêu, nội dung đăng ký của tập thể")).to_have_value(
        "100% cán bộ hoàn thành tốt nhiệm vụ trở lên")

    # Tư was left out of the file: filter him by name (no diacritics) and tick LĐTT for him.
    page.get_by_label("Lọc theo họ tên").fill("le van tu")
    expect(page.locator(f"#p-{person_a.pk}")).to_be_hidden()
    page.get_by_role("button", name="Chọn LĐTT cho tất cả người đang hiện").click()
    expect(page.get_by_label("LĐTT – Lê Văn Tư")).to_be_checked()
    expect(page.locator('[data-count="LDTT"]')).to_have_text("3")
    page.get_by_role("button", name="Gửi thủ trưởng duyệt").click()

    expect(page.get_by_text("Đã lưu và gửi bản đăng ký để thủ trưởng duyệt.")).to_be_visible()
    expect(page.get_by_test_id("sheet-status")).to_have_text("Chờ thủ trưởng duyệt")
    assert Registration.objects.get(person=tu).code == "LDTT"
    sheet_url = page.url

    page.get_by_role("button", name="Lê Văn An").click()
    page.get_by_role("button", name="Đăng xuất").click()
    sign_in(page, "thutruong_a", PASSWORD)
    page.goto(sheet_url)
    expect(page.get_by_role("button", name="Lưu", exact=True)).to_have_count(0)
    page.get_by_role("button", name="Duyệt", exact=True).click()
    expect(page.get_by_test_id("sheet-status")).to_have_text("Đã duyệt")
    expect(page.get_by_test_id("sheet-meta")).to_contain_text("Hoàng Văn Cường")
    expect(page.locator(".audit-panel")).to_contain_text("Duyệt bản đăng ký thi đua")

    sheet = RegistrationSheet.objects.get(unit=tree["a1"], year=year)
    assert sheet.state == SheetStatus.APPROVED and sheet.approved_by == head_a
    assert sorted(sheet.registrations.values_list("code", flat=True)) == [
        "CSTDCS", "LDTT", "LDTT", "LDTT", "TTLDXS"]
