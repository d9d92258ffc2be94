"""A large certificate batch in the browser: the secretariat asks for the certificates of a
decision, the page says "Đang tạo tệp…" while the task worker draws them, and the
download button appears by itself (htmx polling) once the worker is done."""

import datetime as dt

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.conftest import PASSWORD, make_person
from tests.e2e.conftest import sign_in
from thidua.awards import services as award_services

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("catalog_and_media")]

NAMES = ["Nguyễn Văn Phóng", "Nguyễn Thị Phong", "Đặng Thị Thùy Dương"]


def test_a_large_batch_shows_its_progress_then_the_file(page, settings, tmp_path, tree, secretariat):
    settings.THIDUA_CERTIFICATES_INLINE_MAX = 2
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    for name, unit in zip(NAMES, (tree["a1"], tree["b"], tree["b"]), strict=True):
        award_services.award_record(actor=secretariat, person=make_person(unit, name, gender="nu"), kind="BK_TINH",
                                    year=2025, decided_on=dt.date(2026, 7, 2), decision_number="125/QĐ-UBND",
                                    issuer="Chủ tịch UBND tỉnh")

    sign_in(page, "thuky", PASSWORD)
    page.goto("/in/theo-danh-sach/?so-qd=125/QĐ-UBND")
    expect(page.get_by_test_id("batch-awards").locator("input:checked")).to_have_count(3)
    page.get_by_role("button", name="Tải tệp PDF các bằng đã chọn").click()
    row = page.get_by_test_id("batch-file")
    expect(row).to_contain_text("Đang tạo tệp…")
    expect(page.get_by_test_id("batch-file-link")).to_have_count(0)

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    link = page.get_by_test_id("batch-file-link")
    expect(link).to_be_visible(timeout=10_000)  # the row polls every 2 s
    expect(row).not_to_contain_text("Đang tạo tệp…")
    with page.expect_download() as download_info:
        link.click()
    path = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(path)
    pages = PdfReader(path).pages
    assert len(pages) == 3
    text = "\n".join(p.extract_text() for p in pages)
    assert all(f"Bà {name}" in text for name in NAMES)
