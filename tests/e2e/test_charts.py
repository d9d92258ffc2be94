"""The charts are drawn in a real browser under the strict Content-Security-Policy: on the
dashboard (the reports app's panel, loaded by htmx) and on bao-cao/bieu-do/, each canvas
has a size and a Chart.js instance, nothing is refused or fails in the console, and at
390 px nothing reaches past the screen's edge."""

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import close_checked, sign_in, watch_console
from tests.reports.conftest import TODAY, awards, catalog, fund, movements, timed_dossiers  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

KEYS = ["khen-thuong", "dang-ky", "ho-so", "dung-han", "quy"]

DRAWN = """(canvas) => {
  const chart = window.Chart && Chart.getChart(canvas);
  const box = canvas.getBoundingClientRect();
  return {chart: !!chart, bars: chart ? chart.getDatasetMeta(0).data.length : 0, width: box.width,
          height: box.height, right: box.right};
}"""


@pytest.fixture
def figures(time_machine, secretariat, awards, movements, timed_dossiers, fund):  # noqa: F811 (fixtures)
    """The hand-built year of tests/reports/conftest.py, on its day (the clock running on)."""
    time_machine.move_to(TODAY)
    return secretariat


def open_signed_in(browser, live_server, width, height):
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", viewport={"width": width, "height": height})
    context.set_default_timeout(15_000)
    problems = watch_console(context, every_error=True)
    page = context.new_page()
    sign_in(page, "thuky", PASSWORD)
    return context, problems, page


def assert_drawn(page, width):
    for key in KEYS:
        canvas = page.locator(f'canvas[data-chart-key="{key}"]')
        expect(canvas).to_be_visible()
        page.wait_for_function("(c) => window.Chart && Chart.getChart(c)", arg=canvas.element_handle())
        drawn = canvas.evaluate(DRAWN)
        assert drawn["chart"] and drawn["bars"] > 0, (key, drawn)
        assert drawn["width"] > 100 and drawn["height"] > 80, (key, drawn)
        assert drawn["right"] <= width + 0.5, (key, drawn)


def test_the_dashboard_draws_the_charts(browser, live_server, figures):
    context, problems, page = open_signed_in(browser, live_server, 1280, 900)
    page.goto("/")

    panel = page.get_by_test_id("charts-panel")
    expect(panel).to_be_visible()
    assert_drawn(page, 1280)
    # The table beside the chart holds its numbers.
    expect(page.get_by_test_id("table-quy").locator("tbody tr").last).to_contain_text("4.300.000 đ")
    close_checked((context, problems))


def test_the_charts_page_fits_a_phone(browser, live_server, figures):
    context, problems, page = open_signed_in(browser, live_server, 390, 844)
    for url in ("/", "/bao-cao/bieu-do/"):
        page.goto(url)
        expect(page.get_by_test_id("charts-panel")).to_be_visible()
        assert_drawn(page, 390)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
    # The picker reloads the page for another unit and year.
    picker = page.get_by_test_id("chart-picker")
    picker.get_by_label("Đơn vị").select_option(label="Sở Nội vụ")
    picker.get_by_label("Năm").select_option("2025")
    picker.get_by_role("button", name="Xem").click()
    expect(page.get_by_role("heading", name="Biểu đồ — Sở Nội vụ, năm 2025")).to_be_visible()
    close_checked((context, problems))
