"""The end of the year in one walk (issue 15's done-means): the secretariat opens the year's
statistical forms, drills from a figure to the awards behind it, downloads the form as Excel
and the year-end report as Word; a department's officer nominates an exemplar from an award, the secretariat
approves and publishes it, and a visitor signed out finds it on the portal, while an exemplar
not published and a decision not published stay out of every public page."""

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.e2e.conftest import close_checked, watch_console
from tests.portal.conftest import chairman, unpublished  # noqa: F401 — a decision signed, never published
from tests.printing.conftest import docx_text
from tests.reports.test_yearend import year  # noqa: F401 — the hand-made year, a fixture
from thidua.awards.models import Award
from thidua.core.models import AuditEvent

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_statistics_report_exemplar_and_portal(open_as, browser, live_server, catalog_and_media, year,  # noqa: F811
                                               unpublished, secretariat, officer_a, tmp_path):  # noqa: F811
    desk = open_as("thuky")

    # The statistics: biểu 0603.N counts the province's five awards of the reporting year
    # (Bằng khen of Hai, Một, the household of Hai and Phòng Công chức; Hai's CSTĐ tỉnh);
    # Một's Bằng khen of 30/11/2024 falls in the year before, Sáu's revoked one counts nowhere.
    desk.get_by_role("button", name="Khen thưởng").click()
    desk.get_by_role("link", name="Thống kê khen thưởng theo biểu mẫu").click()
    desk.get_by_label("Năm báo cáo").fill("2025")
    desk.get_by_role("button", name="Xem").click()
    total = desk.get_by_test_id("form-0603").locator('[data-cell="0603-01-0"]')
    expect(total).to_have_text("5")
    total.click()
    cell_list = desk.get_by_test_id("cell-list")
    expect(cell_list.locator("tbody tr")).to_have_count(5)
    expect(cell_list).to_contain_text("Trần Thị Hai")
    expect(cell_list).not_to_contain_text("Vũ Văn Sáu")
    desk.go_back()
    with desk.expect_download() as download:
        desk.get_by_test_id("form-0603").get_by_role("link", name="Tải Excel").click()
    download.value.save_as(tmp_path / "bieu.xlsx")
    sheet = load_workbook(tmp_path / "bieu.xlsx").active
    assert sheet["A1"].value == "Biểu số: 0603.N/BNV-TĐKT"

    # The year-end report: its Word draft with the figures and the officer's prose left open.
    desk.get_by_role("button", name="Khen thưởng").click()
    desk.get_by_role("link", name="Báo cáo tổng kết năm").click()
    desk.get_by_label("Năm báo cáo").fill("2025")
    desk.get_by_role("button", name="Xem").click()
    expect(desk.get_by_test_id("direct-share")).to_contain_text("57,1 %")
    with desk.expect_download() as download:
        desk.get_by_test_id("yearend-docx").click()
    path = tmp_path / "bao-cao.docx"
    download.value.save_as(path)
    text = docx_text(path.read_bytes())
    assert "BÁO CÁO" in text and "chiếm 57,1 %" in text and "[Đánh giá chung: cán bộ viết]" in text

    # An exemplar nominated from Một's Bằng khen by Sở Nội vụ's officer.
    award = Award.objects.get(person__full_name="Nguyễn Văn Một", kind="BK_TINH", decided_on__year=2025)
    officer = open_as("canbo_a")
    officer.goto(reverse("awards:detail", args=[award.pk]))
    officer.get_by_test_id("nominate-exemplar").click()
    officer.get_by_label("Lĩnh vực").select_option(label="Cải cách hành chính, công vụ")
    officer.get_by_label("Tiêu đề gương điển hình").fill("Người mở đường cho hồ sơ điện tử")
    officer.get_by_label("Câu chuyện, thành tích").fill(
        "Số hoá toàn bộ hồ sơ công chức của Sở trong 6 tháng.<script>alert(1)</script>")
    officer.get_by_role("button", name="Đề cử").click()
    expect(officer.get_by_test_id("exemplar-state")).to_have_text("Đề cử")
    # Markup typed into the story editor is words, shown as typed and never run.
    story = officer.get_by_test_id("story")
    expect(story).to_have_text("Số hoá toàn bộ hồ sơ công chức của Sở trong 6 tháng.<script>alert(1)</script>")
    expect(story.locator("script")).to_have_count(0)

    # Approved, then published by the secretariat.
    desk.goto(reverse("exemplars:register"))
    desk.get_by_role("link", name="Nguyễn Văn Một").click()
    desk.get_by_role("button", name="Duyệt điển hình").click()
    expect(desk.get_by_test_id("exemplar-state")).to_have_text("Đã duyệt")
    desk.get_by_role("button", name="Công bố công khai").click()
    expect(desk.get_by_test_id("published")).to_be_visible()

    # A visitor, signed out.
    visitor_context = browser.new_context(base_url=live_server.url, locale="vi-VN")
    visitor_context.set_default_timeout(15_000)
    problems = watch_console(visitor_context)
    visitor = visitor_context.new_page()
    visitor.goto(reverse("portal:home"))
    visitor.get_by_role("link", name="Điển hình tiên tiến").first.click()
    exemplars = visitor.get_by_test_id("exemplars")
    expect(exemplars).to_contain_text("Người mở đường cho hồ sơ điện tử")
    # Only Một and Hai (published before): Đỗ Thị Bảy is approved but not published, the
    # collective Phòng Công chức, viên chức only nominated.
    expect(exemplars.get_by_role("listitem")).to_have_count(2)
    expect(exemplars).not_to_contain_text("Đỗ Thị Bảy")
    visitor.get_by_role("link", name="Nguyễn Văn Một").click()
    expect(visitor.get_by_test_id("story")).to_have_text(
        "Số hoá toàn bộ hồ sơ công chức của Sở trong 6 tháng.<script>alert(1)</script>")

    # The decision signed but not published: not listed, not found, not served.
    visitor.goto(reverse("portal:decisions"))
    expect(visitor.get_by_test_id("decisions")).not_to_contain_text("27/QĐ-UBND")
    visitor.goto(reverse("portal:lookup") + "?q=27/QĐ-UBND")
    expect(visitor.get_by_test_id("lookup-count")).to_contain_text("0 kết quả")
    assert visitor.goto(reverse("portal:decision", args=[unpublished.pk])).status == 404

    assert list(AuditEvent.objects.filter(target_type="exemplars.exemplar").order_by("id")
                .values_list("action", "actor__username")) == [
        ("exemplar.nominate", "canbo_a"), ("exemplar.approve", "thuky"), ("exemplar.publish", "thuky")]
    close_checked((visitor_context, problems))
