"""An officer plans a person's next awards: the person page's "Lộ trình khen thưởng" says
what is still missing for the Prime Minister's Bằng khen and the earliest year (issue 14)."""

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import sign_in
from thidua.awards.services import award_record
from thidua.catalog import services as catalog_services
from thidua.people import services as people_services

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_officer_reads_what_a_person_lacks_for_the_prime_ministers_certificate(page, tree, secretariat, officer_a,
                                                                             person_a):
    catalog_services.catalog_load()
    for year in range(2021, 2026):
        people_services.evaluation_set(actor=officer_a, person=person_a, year=year,
                                       rating="HTXSNV" if year >= 2024 else "HTTNV")
        kinds = ["LDTT", "CSTDCS"] if year >= 2024 else ["LDTT"]
        for kind in kinds:
            award_record(actor=secretariat, kind=kind, year=year, decided_on=dt.date(year + 1, 1, 15),
                         person=person_a, decision_number=f"{year}/QĐ-{kind}")
    award_record(actor=secretariat, kind="BK_TINH", year=2020, decided_on=dt.date(2021, 3, 1), person=person_a,
                 decision_number="15/QĐ-UBND", period_from=2019, period_to=2020)

    sign_in(page, "canbo_a", PASSWORD)
    page.goto(reverse("people:detail", args=[person_a.pk]))
    panel = page.get_by_test_id("award-path")
    expect(panel.get_by_role("heading", name="Lộ trình khen thưởng")).to_be_visible()
    expect(panel).to_contain_text("Theo bộ quy tắc «Luật Thi đua, khen thưởng 2022")
    step = panel.locator("li.list-group-item").filter(
        has=page.get_by_text("Bằng khen của Thủ tướng Chính phủ", exact=True))
    expect(step).to_contain_text("Sớm nhất năm 2026")
    expect(step).to_contain_text("còn thiếu 1 lần Chiến sĩ thi đua cơ sở")

    # The unit's list gives the same person's nearest award, for planning the year's registrations.
    page.goto(reverse("org:detail", args=[tree["a"].pk]))
    page.wait_for_load_state("networkidle")
    page.get_by_role("link", name="Lộ trình khen thưởng").click()
    table = page.get_by_test_id("path-list")
    row = table.locator("tr").filter(has_text="Nguyễn Văn Phóng")
    expect(row).to_contain_text("2026")
    expect(page.get_by_test_id("path-ruleset")).to_contain_text("Theo bộ quy tắc «Luật Thi đua, khen thưởng 2022")
