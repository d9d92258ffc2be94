import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import sign_in
from thidua.people import services as people_services
from thidua.registrations.services import registration_set

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_officer_opens_the_eligibility_list_and_exports_it(page, tree, officer_a, person_a, tmp_path):
    people_services.evaluation_set(actor=officer_a, person=person_a, year=2025, rating="HTXSNV")
    registration_set(actor=officer_a, person=person_a, year=2025, codes=["LDTT", "CSTDCS"])
    sign_in(page, "canbo_a", PASSWORD)
    page.goto(f"/don-vi/{tree['a'].pk}/")
    page.wait_for_load_state("networkidle")  # the page's htmx panels are in: nothing moves under a click
    page.get_by_role("link", name="Danh sách đủ điều kiện").click()
    page.get_by_label("Năm xét").fill("2025")
    page.get_by_label("Danh hiệu / hình thức").select_option("CSTDCS")
    page.get_by_role("button", name="Xem").click()
    table = page.get_by_test_id("qualified-table")
    expect(table).to_contain_text("Nguyễn Văn Phóng")
    expect(page.get_by_test_id("qualified-count")).to_have_text("1")
    table.locator("summary").first.click()
    expect(table).to_contain_text("hoàn thành xuất sắc nhiệm vụ")  # the reasons, opened
    expect(table).to_contain_text("Điều 23 Luật Thi đua, khen thưởng 2022")
    with page.expect_download() as download:
        page.get_by_role("link", name="Xuất Excel").click()
    path = tmp_path / "list.xlsx"
    download.value.save_as(path)
    from openpyxl import load_workbook

    rows = list(load_workbook(path).active.iter_rows(min_row=3, values_only=True))
    assert rows[0][1] == "Nguyễn Văn Phóng"

    # The person's own page shows the same verdict with its reasons.
    page.get_by_role("link", name="Nguyễn Văn Phóng").click()
    panel = page.get_by_test_id("eligibility")
    expect(panel.locator('[data-code="CSTDCS"]')).to_have_attribute("data-eligible", "1")
    expect(panel.locator('[data-code="CSTD_TINH"]')).to_have_attribute("data-eligible", "0")
