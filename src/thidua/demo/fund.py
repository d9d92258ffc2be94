"""The reward fund's receipts in the demo (issue 15): each desk that keeps a fund — the
province's (`thuky`), Sở Nội vụ's (`tdkt_snv`), the commune's (`canbo_xa`) — records what
came into its fund in the last seeded year and this one, through the real service
(`decisions.services.fund_income_record`, audited): the state budget's allocation early in
the year, a contribution, and at the province one receipt recorded wrongly and corrected
(`fund_income_reverse`), so the fund pages show income, spending, a correction and a
balance. A handful of rows, whatever the preset."""

import datetime as dt

from django.db.models import Sum
from django.utils import timezone

from thidua.accounts.models import RoleGrant
from thidua.core.roles import Role
from thidua.decisions import services as decisions
from thidua.decisions.models import EntryKind, FundEntry, IncomeSource

# The keepers' desks and the budget each gets at least (đồng): the province keeps the
# largest fund, a commune the smallest.
KEEPERS = (("thuky", 300_000_000), ("tdkt_snv", 60_000_000), ("canbo_xa", 20_000_000))
MILLION = 1_000_000


def _on(year: int, month: int, day: int, today: dt.date) -> dt.date | None:
    """The day, or None when it is still to come (nothing is received in the future)."""
    day_ = dt.date(year, month, day)
    return day_ if day_ <= today else None


def seed_fund_income(last_year: int) -> dict:
    """Record the receipts described above for LAST_YEAR and the current year; returns
    {"fund_receipts": how many receipts, corrections included}."""
    today = timezone.localdate()
    grants = (RoleGrant.objects.filter(user__username__in=[name for name, _floor in KEEPERS],
                                       role=Role.SECRETARIAT).select_related("user", "unit"))
    by_name = {g.user.username: g for g in grants}
    written = 0
    for name, floor in KEEPERS:
        grant = by_name.get(name)
        if grant is None:
            continue
        unit, keeper = grant.unit, grant.user
        for year in sorted({last_year, today.year}):
            paid = FundEntry.objects.filter(unit=unit, year=year, kind=EntryKind.PAYMENT).aggregate(
                s=Sum("amount"))["s"] or 0
            # The allocation covers the year's rewards with room to spare, in whole millions.
            budget = max(floor, -(-paid * 3 // 2 // MILLION) * MILLION)
            receipts = [
                (IncomeSource.BUDGET, _on(year, 1, 15, today), budget,
                 f"Quyết định giao dự toán ngân sách năm {year}", "Kinh phí thi đua, khen thưởng được giao đầu năm"),
                (IncomeSource.CONTRIBUTION, _on(year, 5, 10, today), floor // 10,
                 f"Phiếu thu số {year % 100:02d}/PT", "Doanh nghiệp trên địa bàn ủng hộ quỹ"),
            ]
            for source, on, amount, reference, note in receipts:
                if on is None:
                    continue
                decisions.fund_income_record(actor=keeper, unit=unit, year=year, source=source, received_on=on,
                                             amount=amount, reference=reference, note=note, today=today)
                written += 1
            if name == "thuky" and year == last_year:
                wrong = decisions.fund_income_record(
                    actor=keeper, unit=unit, year=year, source=IncomeSource.OTHER, received_on=dt.date(year, 6, 2),
                    amount=15 * MILLION, reference="Phiếu thu số 15/PT", note="Lãi tiền gửi", today=today)
                decisions.fund_income_reverse(actor=keeper, entry=wrong, today=today,
                                              reason="Ghi nhầm: lãi tiền gửi là 1.500.000 đồng")
                decisions.fund_income_record(
                    actor=keeper, unit=unit, year=year, source=IncomeSource.OTHER, received_on=dt.date(year, 6, 2),
                    amount=1_500_000, reference="Phiếu thu số 15/PT", note="Lãi tiền gửi", today=today)
                written += 3
    return {"fund_receipts": written}
