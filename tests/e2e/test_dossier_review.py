"""A proposal dossier from the eligibility list to the council, in a real browser:
the unit officer builds it and asks the head → the head, told in "Việc cần làm", submits
→ the secretariat receives, accepts one item and returns the other → the officer corrects
it → the head resubmits → the secretariat accepts it and sends the dossier to the council
→ the unit sees "Trình Hội đồng TĐKT"."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import make_person
from tests.dossiers.conftest import qualify
from tests.e2e.dossier_steps import fill_reports, upload_documents

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("catalog_and_media")]


def test_a_dossier_goes_from_the_eligibility_list_to_the_council(open_as, tree, officer_a, head_a, secretariat,
                                                                 person_a, tmp_path):
    qualify(officer_a, person_a)
    qualify(officer_a, make_person(tree["a"], "Trần Thị Bích Ngọc", gender="nu"))
    signed = tmp_path / "to-trinh.pdf"
    signed.write_bytes(b"%PDF-1.4 to trinh da ky")

    # The unit officer builds the dossier from the eligibility list.
    page = open_as("canbo_a")
    page.goto(f"/don-vi/{tree['a'].pk}/")
    page.wait_for_load_state("networkidle")  # the page's htmx panels are in: nothing moves under a click
    page.get_by_role("link", name="Danh sách đủ điều kiện").click()
    page.get_by_label("Năm xét").fill("2025")
    page.get_by_label("Danh hiệu / hình thức").select_option("CSTDCS")
    page.get_by_role("button", name="Xem").click()
    expect(page.get_by_test_id("qualified-count")).to_have_text("2")
    page.get_by_role("link", name="Lập hồ sơ đề nghị").click()
    expect(page.get_by_label("Trích yếu")).to_have_value("Đề nghị tặng «Chiến sĩ thi đua cơ sở» năm 2025")
    page.get_by_label("Số tờ trình").fill("15/TTr-SNV")
    page.get_by_role("button", name="Lưu").click()
    table = page.get_by_test_id("eligible-table")
    expect(table).to_contain_text("Nguyễn Văn Phóng")
    page.get_by_role("button", name="Chọn tất cả").click()
    page.get_by_role("button", name="Thêm vào hồ sơ").click()
    items = page.get_by_test_id("items-table")
    expect(items).to_contain_text("Nguyễn Văn Phóng")
    expect(items).to_contain_text("Trần Thị Bích Ngọc")
    expect(items.get_by_test_id("verdict").first).to_contain_text("đủ điều kiện")
    expect(page.get_by_test_id("problems")).to_contain_text("Tờ trình đề nghị khen thưởng")
    dossier_url = page.url
    upload_documents(page, signed)
    fill_reports(page, dossier_url, ("Nguyễn Văn Phóng", "Trần Thị Bích Ngọc"))

    # The officer, who may not submit, asks the head; the head finds the dossier in "Việc cần làm" and submits.
    page.goto(dossier_url)
    page.get_by_label("Ghi chú cho thủ trưởng (không bắt buộc)").fill("Kính trình anh ký")
    page.get_by_role("button", name="Đề nghị thủ trưởng ký, trình").click()
    expect(page.get_by_text("Đã báo thủ trưởng đơn vị ký tờ trình và trình hồ sơ.")).to_be_visible()
    head = open_as("thutruong_a")
    head.goto("/viec-can-lam/")
    waiting = re.compile(r"chờ thủ trưởng ký tờ trình và trình\. Ghi chú: Kính trình anh ký")
    head.get_by_role("table").get_by_role("link", name=waiting).click()
    head.get_by_role("button", name="Trình hồ sơ").click()
    expect(head.get_by_test_id("dossier-state")).to_have_text("Đã trình, chờ tiếp nhận")

    # The secretariat receives it, accepts one item and returns the other.
    sec = open_as("thuky")
    sec.goto("/ho-so/?tab=tiep-nhan")
    sec.get_by_role("link", name="Đề nghị tặng «Chiến sĩ thi đua cơ sở» năm 2025").click()
    sec.get_by_role("button", name="Tiếp nhận hồ sơ").click()
    expect(sec.get_by_test_id("dossier-state")).to_have_text("Đã tiếp nhận")
    sec.get_by_label("Chọn Trần Thị Bích Ngọc").check()
    sec.get_by_role("button", name="Nhất trí trình các trường hợp đã chọn").click()
    expect(sec.get_by_test_id("dossier-state")).to_have_text("Đang thẩm định")
    sec.get_by_role("link", name="Trả lại để bổ sung, sửa…").click()
    sec.get_by_label("Trả lại Nguyễn Văn Phóng").check()
    returned = sec.get_by_test_id("return-item").filter(has_text="Nguyễn Văn Phóng")
    returned.get_by_label("Báo cáo thành tích chưa rõ, thiếu số liệu cụ thể").check()
    returned.get_by_label("Báo cáo thành tích", exact=True).check()
    returned.get_by_label("Ý kiến về Nguyễn Văn Phóng").fill("Bổ sung số liệu sáng kiến năm 2025.")
    sec.get_by_role("button", name="Trả lại hồ sơ").click()
    expect(sec.get_by_test_id("dossier-state")).to_have_text("Trả lại để bổ sung, sửa")

    # The officer corrects what was returned, and only that.
    page.goto(dossier_url)
    expect(page.get_by_test_id("returned-banner")).to_be_visible()
    row = page.get_by_test_id("item-row").filter(has_text="Nguyễn Văn Phóng")
    expect(row).to_contain_text("Báo cáo thành tích chưa rõ, thiếu số liệu cụ thể")
    expect(row).to_contain_text("Bổ sung số liệu sáng kiến năm 2025.")
    row.get_by_role("link", name="Nguyễn Văn Phóng").click()
    expect(page.get_by_test_id("return-note")).to_contain_text("Bổ sung số liệu sáng kiến năm 2025.")
    page.get_by_label("Báo cáo thành tích").fill("BÁO CÁO THÀNH TÍCH\nNăm 2025: sáng kiến «Số hóa hồ sơ» được công "
                                                 "nhận cấp cơ sở, áp dụng tại 12 đơn vị.")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu «Nguyễn Văn Phóng».")).to_be_visible()

    # The head resubmits.
    head.goto(dossier_url)
    head.get_by_role("button", name="Trình lại hồ sơ").click()
    expect(head.get_by_test_id("dossier-state")).to_have_text("Đang thẩm định")

    # The secretariat reviews only what was corrected, and sends the dossier to the council.
    sec.goto(dossier_url + "?loc=da-sua")
    corrected = sec.get_by_test_id("item-row")
    expect(corrected).to_have_count(1)
    expect(corrected).to_contain_text("Đã sửa — thẩm định lại")
    sec.get_by_label("Chọn Nguyễn Văn Phóng").check()
    sec.get_by_role("button", name="Nhất trí trình các trường hợp đã chọn").click()
    sec.get_by_role("button", name="Trình Hội đồng TĐKT").click()
    expect(sec.get_by_test_id("dossier-state")).to_have_text("Trình Hội đồng TĐKT")

    # The unit sees the live status.
    page.goto(dossier_url)
    expect(page.get_by_test_id("dossier-state")).to_have_text("Trình Hội đồng TĐKT")
    expect(page.get_by_test_id("timeline")).to_contain_text("Trả lại để bổ sung, sửa")
    page.goto("/ho-so/?tab=cua-don-vi")
    expect(page.get_by_test_id("dossier-list")).to_contain_text("Trình Hội đồng TĐKT")
