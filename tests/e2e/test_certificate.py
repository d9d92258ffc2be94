"""The secretariat prints a person's certificate from the award page; anyone scanning its
QR code reaches the public verification page."""

import datetime as dt
import io

import pytest
import segno
from PIL import Image
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.conftest import PASSWORD
from tests.e2e.conftest import close_checked, sign_in, watch_console
from thidua.awards import services as award_services
from thidua.catalog import services as catalog_services

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_secretariat_prints_a_certificate_and_a_stranger_verifies_it(page, browser, live_server, settings, tmp_path,
                                                                    tree, secretariat, person_a):
    settings.MEDIA_ROOT = tmp_path / "media"
    catalog_services.catalog_load()
    award_services.award_record(actor=secretariat, person=person_a, kind="BK_TINH", year=2025,
                                decided_on=dt.date(2026, 7, 2), decision_number="125/QĐ-UBND",
                                issuer="Chủ tịch UBND tỉnh",
                                achievement="Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025")

    sign_in(page, "thuky", PASSWORD)
    page.goto(f"/ca-nhan/{person_a.pk}/")
    page.wait_for_load_state("networkidle")  # the page's htmx panels are in: nothing moves under a click
    page.get_by_test_id("award").get_by_role("link", name="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh").click()
    page.get_by_role("link", name="In bằng").click()
    expect(page.get_by_test_id("print-subject")).to_have_text("Nguyễn Văn Phóng")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Tải tệp PDF để in").click()
    download = download_info.value
    assert download.suggested_filename.startswith("bang-khen-") and download.suggested_filename.endswith(".pdf")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    reader = PdfReader(path)
    text = reader.pages[0].extract_text()
    assert "Ông Nguyễn Văn Phóng" in text and "Quyết định số 125/QĐ-UBND" in text

    page.reload()
    verify_path = page.get_by_test_id("verify-link").get_attribute("href")
    verify_url = live_server.url + verify_path
    # The QR code printed on the page is that very address.
    qr = Image.open(io.BytesIO(reader.pages[0].images[0].data)).convert("L")
    modules = [[qr.getpixel((x, y)) < 128 for x in range(qr.width)] for y in range(qr.height)]
    assert modules == [[bool(m) for m in row] for row in segno.make(verify_url, error="m").matrix]

    stranger = browser.new_context(locale="vi-VN")
    problems = watch_console(stranger)
    try:
        public = stranger.new_page()
        public.goto(verify_url)
        card = public.get_by_test_id("verification")
        expect(public.get_by_test_id("verify-name")).to_have_text("Nguyễn Văn Phóng")
        expect(card).to_contain_text("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh")
        expect(card).to_contain_text("125/QĐ-UBND")
        expect(card).to_contain_text("02/07/2026")
        expect(public.get_by_test_id("verify-status")).to_contain_text("đang có hiệu lực")
        expect(public.get_by_role("button", name="Đăng xuất")).to_have_count(0)
    finally:
        close_checked((stranger, problems))
