"""The secretariat fills a draft decision in the browser; the line is a direct entry the
engine does not find eligible, so the chairman writes its justification; the secretariat
records the issue as the văn thư registered it ("1234/QĐ-UBND"), signed "KT. CHỦ TỊCH / PHÓ
CHỦ TỊCH" by the Vice-Chairman it added to the leaders' list, with the signed PDF; the
certificate prints that capacity and name; the same number again that year is refused; the
person's page shows the award, its money, its mark and the link to the decision."""

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.conftest import PASSWORD, make_user
from tests.decisions.conftest import SIGNED_PDF
from tests.e2e.conftest import sign_in
from thidua.catalog import services as catalog_services
from thidua.core.roles import Role
from thidua.decisions import services

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _sign_out(page, name):
    page.get_by_role("button", name=name).click()
    page.get_by_role("button", name="Đăng xuất").click()


def _issue(page, tmp_path, number):
    scan = tmp_path / "quyet-dinh-da-ky.pdf"
    scan.write_bytes(SIGNED_PDF)
    page.get_by_label("Số, ký hiệu").fill(number)
    page.get_by_label("Ngày ban hành").fill("02/07/2026")
    page.keyboard.press("Escape")
    page.get_by_label("Người ký").select_option(label="Phạm Văn Phó — Phó Chủ tịch Ủy ban nhân dân tỉnh")
    page.get_by_label("Thẩm quyền ký").select_option(label="KT. CHỦ TỊCH / PHÓ CHỦ TỊCH (cấp phó ký thay)")
    page.get_by_label("Bản quyết định đã ký (PDF)").set_input_files(scan)
    page.get_by_role("button", name="Ghi ban hành").click()


def test_a_decision_is_drafted_issued_and_shown_on_the_persons_page(page, settings, tmp_path, tree, secretariat,
                                                                     person_a, person_b):
    settings.MEDIA_ROOT = tmp_path / "media"
    catalog_services.catalog_load()
    chairman = make_user("chutich", Role.UNIT_HEAD, tree["root"], "Võ Văn Chủ")
    decision = services.decision_draft(actor=secretariat, authority=tree["root"],
                                       summary="Về việc tặng Bằng khen của Chủ tịch UBND tỉnh năm 2025")

    sign_in(page, "thuky", PASSWORD)
    page.goto(f"/quyet-dinh/{decision.pk}/")
    page.get_by_label("Tìm cá nhân, tập thể").fill("nguyen van phong")
    page.get_by_role("button", name="Tìm").click()
    results = page.get_by_test_id("search-results")
    expect(results).to_contain_text("Nguyễn Văn Phóng")
    row = results.locator("li").first
    row.get_by_label("Danh hiệu, hình thức").select_option("BK_TINH")
    row.get_by_label("Năm").fill("2025")
    row.get_by_label("Thành tích").fill("Hoàn thành xuất sắc nhiệm vụ năm 2025")
    row.get_by_role("button", name="Thêm").click()
    expect(page.get_by_test_id("recipients")).to_contain_text("Nguyễn Văn Phóng")
    expect(page.get_by_test_id("waiting-justification")).to_be_visible()
    expect(page.get_by_label("Giải trình của người có thẩm quyền quyết định")).to_have_count(0)
    _sign_out(page, "Trần Thị Thu")

    sign_in(page, "chutich", PASSWORD)
    page.goto(f"/quyet-dinh/{decision.pk}/")
    expect(page.get_by_test_id("sign")).to_have_count(0)  # the chairman signs on paper, the desk records it
    page.get_by_label("Giải trình của người có thẩm quyền quyết định").fill(
        "Cứu người trong lũ tháng 9/2025; Thường trực UBND tỉnh thống nhất khen.")
    page.get_by_role("button", name="Ghi giải trình").click()
    expect(page.get_by_test_id("recipients")).to_contain_text("Cứu người trong lũ tháng 9/2025")
    expect(page.get_by_test_id("waiting-justification")).to_have_count(0)
    _sign_out(page, "Võ Văn Chủ")

    # The secretariat keeps the leaders who sign, then records the issue as the văn thư
    # registered it, signed by the Vice-Chairman for the Chairman, with the scan attached.
    sign_in(page, "thuky", PASSWORD)
    page.goto("/quyet-dinh/")
    page.get_by_role("link", name="Lãnh đạo ký quyết định").click()
    page.get_by_label("Họ và tên").fill("Phạm Văn Phó")
    page.get_by_role("textbox", name="Chức vụ").fill("Phó Chủ tịch Ủy ban nhân dân tỉnh")
    page.get_by_label("Vị trí").select_option(label="Cấp phó")
    page.get_by_role("button", name="Thêm", exact=True).click()
    expect(page.get_by_test_id("leaders")).to_contain_text("Phạm Văn Phó")
    page.goto(f"/quyet-dinh/{decision.pk}/")
    page.get_by_test_id("sign").click()
    _issue(page, tmp_path, "1234/QĐ-UBND")
    expect(page.get_by_test_id("decision-number")).to_have_text("1234/QĐ-UBND")
    facts = page.locator("#decision-facts")
    expect(facts).to_contain_text("KT. CHỦ TỊCH — PHÓ CHỦ TỊCH — Phạm Văn Phó")
    expect(page.get_by_test_id("signed-copy")).to_be_visible()
    expect(page.get_by_test_id("total-paid")).to_have_text("3.800.000 đ")

    # The certificate prints the capacity over the title and the Vice-Chairman's name.
    page.get_by_role("link", name="In bằng, giấy chứng nhận").click()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Tải tệp PDF các bằng đã chọn").click()
    path = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(path)
    printed = PdfReader(path).pages[0].extract_text()
    assert "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nPhạm Văn Phó" in printed

    # The same number of the same authority and symbol in the same year is refused.
    other = services.decision_draft(actor=secretariat, authority=tree["root"], summary="Về việc tặng Bằng khen",
                                    recipients=[services.RecipientSpec(kind="BK_TINH", year=2025, person=person_b)])
    for line in services.unjustified(other):
        services.decision_justify_line(actor=chairman, recipient=line, justification="Thành tích đột xuất.")
    page.goto(f"/quyet-dinh/{other.pk}/")
    page.get_by_test_id("sign").click()
    expect(page.get_by_label("Số, ký hiệu")).to_have_attribute("placeholder", "1234/QĐ-UBND")
    expect(page.locator("form[enctype]")).to_contain_text("số lớn nhất hệ thống đã ghi của ký hiệu QĐ-UBND năm")
    _issue(page, tmp_path, "1234/QĐ-UBND")
    expect(page.locator("form[enctype]")).to_contain_text(
        "«Số, ký hiệu»: số 1234/QĐ-UBND của UBND tỉnh Thử Nghiệm năm 2026 đã được ghi cho một quyết định khác")
    page.goto(f"/quyet-dinh/{decision.pk}/")

    page.get_by_role("link", name="Nguyễn Văn Phóng").click()
    timeline = page.get_by_test_id("award-timeline")
    expect(timeline).to_contain_text("3.800.000 đ")
    expect(timeline).to_contain_text("khen khi chưa đủ điều kiện, có giải trình")
    timeline.get_by_role("link", name="1234/QĐ-UBND").click()
    expect(page.get_by_test_id("decision-number")).to_have_text("1234/QĐ-UBND")
