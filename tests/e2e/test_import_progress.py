"""A long people import in the browser: the officer uploads, checks the preview and
confirms; the batch goes to the task worker, the page shows what it is doing, and once the
worker is done the page shows the result by itself (htmx polling, no script of ours)."""

import pytest
from django.core.management import call_command
from openpyxl import Workbook
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import sign_in
from tests.imports.conftest import HEADERS
from thidua.imports import services
from thidua.people.models import Person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_long_import_shows_its_progress_then_its_result(page, settings, monkeypatch, tmp_path, tree, officer_a):
    monkeypatch.setattr(services, "BACKGROUND_ROWS", 2)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    ws.append(HEADERS)
    for name in ("Bùi Thị Lan", "Đỗ Văn Hùng", "Phan Thị Mai"):
        ws.append(["T.A", name, "Nữ" if "Thị" in name else "Nam", None, None, "Chuyên viên", 2025, "HTTNV", 12, None])
    path = tmp_path / "danh-sach.xlsx"
    wb.save(path)

    sign_in(page, "canbo_a", PASSWORD)
    page.goto("/nhap-excel/")
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(path)
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    expect(page.get_by_text("Tệp không có lỗi.")).to_be_visible()
    page.get_by_role("button", name="Xác nhận nhập").click()

    progress = page.get_by_test_id("import-progress")
    expect(progress).to_contain_text("Đang nhập 3 dòng")
    expect(progress).to_contain_text("Đang chờ đến lượt xử lý")
    assert not Person.objects.exists()

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    expect(page.get_by_text("Đã nhập toàn bộ tệp")).to_be_visible(timeout=10_000)  # the page polls every 2 s
    expect(page.locator('[data-count="people_created"]')).to_have_text("3")
    expect(page.get_by_test_id("import-progress")).to_have_count(0)
    assert Person.objects.count() == 3
