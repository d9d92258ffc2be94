"""The secretariat fills a draft decision in the browser; the line is a direct entry the
engine does not find eligible, so the chairman writes its justification before signing; the
person's page shows the award, its money, its mark and the link to the decision."""

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD, make_user
from tests.e2e.conftest import sign_in
from thidua.catalog import services as catalog_services
from thidua.core.roles import Role
from thidua.decisions import services

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_decision_is_drafted_signed_and_shown_on_the_persons_page(page, tree, secretariat, person_a):
    catalog_services.catalog_load()
    make_user("chutich", Role.UNIT_HEAD, tree["root"], "Võ Văn Chủ")
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
    expect(page.get_by_test_id("sign")).to_have_count(0)  # the secretariat drafts; the chairman signs
    expect(page.get_by_test_id("waiting-justification")).to_be_visible()
    expect(page.get_by_label("Giải trình của người có thẩm quyền quyết định")).to_have_count(0)
    page.get_by_role("button", name="Trần Thị Thu").click()
    page.get_by_role("button", name="Đăng xuất").click()

    sign_in(page, "chutich", PASSWORD)
    page.goto(f"/quyet-dinh/{decision.pk}/")
    page.get_by_label("Giải trình của người có thẩm quyền quyết định").fill(
        "Cứu người trong lũ tháng 9/2025; Thường trực UBND tỉnh thống nhất khen.")
    page.get_by_role("button", name="Ghi giải trình").click()
    expect(page.get_by_test_id("recipients")).to_contain_text("Cứu người trong lũ tháng 9/2025")
    expect(page.get_by_test_id("waiting-justification")).to_have_count(0)
    page.get_by_test_id("sign").click()
    page.get_by_label("Ngày ban hành").fill("02/07/2026")
    page.keyboard.press("Escape")
    page.get_by_label("Chức vụ người ký").fill("CHỦ TỊCH")
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_test_id("decision-number")).to_have_text("01/QĐ-UBND")
    expect(page.get_by_test_id("total-paid")).to_have_text("3.800.000 đ")

    page.get_by_role("link", name="Nguyễn Văn Phóng").click()
    timeline = page.get_by_test_id("award-timeline")
    expect(timeline).to_contain_text("3.800.000 đ")
    expect(timeline).to_contain_text("khen khi chưa đủ điều kiện, có giải trình")
    timeline.get_by_role("link", name="01/QĐ-UBND").click()
    expect(page.get_by_test_id("decision-number")).to_have_text("01/QĐ-UBND")
