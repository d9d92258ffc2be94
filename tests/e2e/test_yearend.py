"""The year-end report on a phone (its Word download is in test_year_end_walk.py)."""

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import sign_in
from tests.reports.test_yearend import year  # noqa: F401 — the hand-made year, a fixture

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_report_fits_a_phone(page, catalog_and_media, year, secretariat):  # noqa: F811
    sign_in(page, "thuky", PASSWORD)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/bao-cao/tong-ket/?don-vi={year['root'].pk}&nam=2025")
    expect(page.get_by_test_id("direct-share")).to_contain_text("57,1 %")
    # The tables scroll inside their frames; the page itself does not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
