"""The secretariat opens the year's statistical forms from the menu, drills from a figure
to the awards behind it, and downloads the form as Excel."""

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import sign_in
from tests.reports.conftest import ledger  # noqa: F401 — the hand-made year, a fixture

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_secretariat_drills_from_a_figure_and_downloads_the_form(page, catalog_and_media, ledger,  # noqa: F811
                                                                      secretariat, tmp_path):
    sign_in(page, "thuky", PASSWORD)
    page.get_by_role("button", name="Khen thưởng").click()
    page.get_by_role("link", name="Thống kê khen thưởng theo biểu mẫu").click()
    page.get_by_label("Năm báo cáo").fill("2025")
    page.get_by_role("button", name="Xem").click()
    form = page.get_by_test_id("form-0603")
    expect(form).to_contain_text("0603.N/BNV-TĐKT")
    total = form.locator('[data-cell="0603-01-0"]')
    expect(total).to_have_text("10")
    page.screenshot(path="/tmp/stats-statistics.png", full_page=True)
    total.click()
    expect(page.get_by_test_id("cell-list").locator("tbody tr")).to_have_count(10)
    expect(page.get_by_test_id("cell-list")).to_contain_text("Xí nghiệp nước số 1")
    page.go_back()
    with page.expect_download() as download:
        page.get_by_test_id("form-0603").get_by_role("link", name="Tải Excel").click()
    path = tmp_path / "bieu.xlsx"
    download.value.save_as(path)
    assert load_workbook(path).active["A1"].value == "Biểu số: 0603.N/BNV-TĐKT"


def test_the_statistics_fit_a_phone(page, catalog_and_media, ledger, secretariat):  # noqa: F811
    sign_in(page, "thuky", PASSWORD)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/thong-ke/?don-vi={ledger['root'].pk}&nam=2025")
    expect(page.get_by_test_id("form-0603")).to_contain_text("0603.N/BNV-TĐKT")
    # The forms' tables scroll inside their frames; the page itself does not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path="/tmp/stats-phone.png")
