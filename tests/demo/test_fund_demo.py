"""The demo's reward fund (issue 15): each desk that keeps a fund recorded its receipts; the
province's fund page shows income, spending, a corrected receipt and the balance."""

from django.contrib.auth import get_user_model
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from tests.conftest import login
from thidua.core.models import AuditEvent
from thidua.decisions import selectors
from thidua.decisions.models import EntryKind, FundEntry
from thidua.demo.accounts import DEMO_PASSWORD


def test_the_demo_keepers_record_receipts_and_the_fund_page_shows_them(small, client):
    assert small["fund_receipts"] >= 6
    incomes = FundEntry.objects.filter(kind=EntryKind.INCOME)
    assert incomes.values("unit").distinct().count() == 3
    assert FundEntry.objects.filter(kind=EntryKind.INCOME_REVERSAL).count() == 1
    assert AuditEvent.objects.filter(action="decision.fund_income").count() == incomes.count()
    assert all(e.received_on <= timezone.localdate() and e.received_on.year == e.year for e in incomes)

    thuky = get_user_model().objects.get(username="thuky")
    years = selectors.fund_totals(thuky)
    assert any(y.income and y.paid for y in years)
    root = min((y.unit for y in years), key=lambda u: u.depth)
    year = max(y.year for y in years if y.unit == root and y.paid)
    login(client, thuky, DEMO_PASSWORD)
    page = client.get(reverse("decisions:fund_year", args=[root.pk, year])).content.decode()
    detail = selectors.fund_year(thuky, root, year)
    assert detail.income == (FundEntry.objects.filter(unit=root, year=year, kind=EntryKind.INCOME).aggregate(
        s=Sum("amount"))["s"] - (FundEntry.objects.filter(unit=root, year=year, kind=EntryKind.INCOME_REVERSAL)
                                 .aggregate(s=Sum("amount"))["s"] or 0))
    shown = f"{detail.income:,} đ".replace(",", ".")
    assert f'data-testid="year-income">{shown}' in page
    assert "Ngân sách nhà nước cấp" in page and "Ghi khoản thu" in page
