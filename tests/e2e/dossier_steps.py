"""Steps of building a dossier in the browser that several journeys take the same way."""

import re

from playwright.sync_api import expect

DOCUMENTS = ("to_trinh", "bien_ban_binh_xet", "ket_qua_bo_phieu")


def upload_documents(page, signed, kinds=DOCUMENTS) -> None:
    """Upload SIGNED as each dossier-level document KINDS; the checklist ticks each one."""
    for kind in kinds:
        page.get_by_label("Loại tài liệu").select_option(kind)
        page.get_by_label("Tệp", exact=True).set_input_files(str(signed))
        page.get_by_role("button", name="Tải lên").click()
        expect(page.get_by_test_id("checklist").locator(f'[data-kind="{kind}"]')).to_have_attribute(
            "data-complete", "1")


def fill_reports(page, dossier_url: str, names) -> None:
    """Fill each named item's achievement report from the template; nothing is left to fix."""
    for name in names:
        page.get_by_test_id("items-table").get_by_role("link", name=name).click()
        page.get_by_role("button", name="Điền từ mẫu").click()
        expect(page.get_by_label("Báo cáo thành tích")).to_have_value(re.compile("BÁO CÁO THÀNH TÍCH"))
        page.get_by_label("Tóm tắt thành tích").fill("Hoàn thành xuất sắc nhiệm vụ năm 2025.")
        page.get_by_role("button", name="Lưu").click()
        page.goto(dossier_url)
    expect(page.get_by_test_id("problems")).to_have_count(0)
