"""The secretariat opens the year-end report from the menu, drills from the share of
direct workers to the people behind it, and downloads the Word draft."""

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import sign_in
from tests.printing.conftest import docx_text
from tests.reports.test_yearend import year  # noqa: F401 — the hand-made year, a fixture

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_secretariat_downloads_the_word_report(page, catalog_and_media, year, secretariat,  # noqa: F811
                                                   tmp_path):
    sign_in(page, "thuky", PASSWORD)
    page.get_by_role("button", name="Khen thưởng").click()
    page.get_by_role("link", name="Báo cáo tổng kết năm").click()
    page.get_by_label("Năm báo cáo").fill("2025")
    page.get_by_role("button", name="Xem").click()
    expect(page.get_by_test_id("direct-share")).to_contain_text("57,1 %")
    expect(page.locator('[data-figure="movements-total"]')).to_have_text("3")
    page.screenshot(path="/tmp/yearend-page.png", full_page=True)
    page.locator('[data-figure="direct-tinh"]').click()
    expect(page.get_by_test_id("yearend-award-list").locator("tbody tr")).to_have_count(2)
    expect(page.get_by_test_id("yearend-award-list")).to_contain_text("Trần Thị Hai")
    page.go_back()
    with page.expect_download() as download:
        page.get_by_test_id("yearend-docx").click()
    assert download.value.suggested_filename == "bao-cao-tong-ket-T-2025.docx"
    path = tmp_path / "bao-cao.docx"
    download.value.save_as(path)
    text = docx_text(path.read_bytes())
    assert "BÁO CÁO" in text and "chiếm 57,1 %" in text and "[Đánh giá chung: cán bộ viết]" in text


def test_the_report_fits_a_phone(page, catalog_and_media, year, secretariat):  # noqa: F811
    sign_in(page, "thuky", PASSWORD)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/bao-cao/tong-ket/?don-vi={year['root'].pk}&nam=2025")
    expect(page.get_by_test_id("direct-share")).to_contain_text("57,1 %")
    # The tables scroll inside their frames; the page itself does not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path="/tmp/yearend-phone.png", full_page=True)
