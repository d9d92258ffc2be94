"""The statistical forms on a phone (the drill and the Excel download are in
test_year_end_walk.py)."""

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import sign_in
from tests.reports.conftest import ledger  # noqa: F401 — the hand-made year, a fixture

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_statistics_fit_a_phone(page, catalog_and_media, ledger, secretariat):  # noqa: F811
    sign_in(page, "thuky", PASSWORD)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/thong-ke/?don-vi={ledger['root'].pk}&nam=2025")
    expect(page.get_by_test_id("form-0603")).to_contain_text("0603.N/BNV-TĐKT")
    # The forms' tables scroll inside their frames; the page itself does not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
