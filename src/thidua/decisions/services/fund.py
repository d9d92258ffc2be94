"""The fund's receipts: what comes into a unit's emulation and commendation fund, and the
correction of a receipt recorded wrongly.

Payments and recoveries are written by signing and revoking decisions; receipts are written
by the fund's keeper (`decision.change` over the unit, as for everything else the fund's
books hold: `selectors.fund_scope`). Like every entry of the ledger a receipt is never
edited nor deleted: a wrong one is taken back whole by a reversing entry
(`fund_income_reverse`, with its reason) and the right one recorded anew, so the books keep
what was written and when.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.awards.models import FIRST_YEAR
from thidua.core import access, audit
from thidua.core.errors import ApplicationError
from thidua.core.roles import Perm
from thidua.decisions import audit_actions as A
from thidua.decisions.models import EntryKind, FundEntry, IncomeSource
from thidua.org.models import Unit

INCOME_SOURCE_REQUIRED = _("Hãy chọn nguồn thu của khoản thu.")
INCOME_AMOUNT_POSITIVE = _("Số tiền thu phải là số nguyên dương (đồng), ví dụ 3.800.000.")
INCOME_AMOUNT_TOO_BIG = _("Số tiền thu tối đa 1.000.000.000.000 đồng; hãy kiểm tra lại số tiền.")
INCOME_DATE_REQUIRED = _("Hãy ghi ngày thu.")
INCOME_DATE_OUTSIDE_YEAR = _("Ngày thu (%(date)s) không thuộc năm ngân sách %(year)s.")
INCOME_DATE_IN_FUTURE = _("Ngày thu không được sau hôm nay.")
INCOME_YEAR_INVALID = _("Năm ngân sách không hợp lệ.")
NOT_AN_INCOME = _("Chỉ điều chỉnh được khoản thu vào quỹ.")
INCOME_ALREADY_REVERSED = _("Khoản thu này đã được điều chỉnh giảm.")
REVERSAL_REASON_REQUIRED = _("Hãy ghi lý do điều chỉnh giảm khoản thu.")
# A province's budget share is at most some 1,5 % of its regular spending: hundreds of
# billions at most; a typo with extra zeros is refused rather than written.
INCOME_MAX = 1_000_000_000_000
INCOME_FIELDS = ["unit", "year", "kind", "amount", "source", "received_on", "reference", "note", "reverses"]


def may_keep_fund(actor, unit: Unit) -> bool:
    """Whether ACTOR writes in UNIT's fund books: who keeps its decisions and fund
    (`decision.change` over it)."""
    return access.covers(actor, Perm.DECISION_CHANGE, unit.path)


@transaction.atomic
def fund_income_record(*, actor, unit: Unit, year: int, source: str, received_on: dt.date | None, amount: int | None,
                       reference: str = "", note: str = "", today: dt.date | None = None) -> FundEntry:
    """Record AMOUNT đồng received into UNIT's fund from SOURCE (`IncomeSource`) on
    RECEIVED_ON, in budget YEAR, under the voucher or allocation decision REFERENCE, as ACTOR.

    Raises PermissionDenied unless ACTOR keeps UNIT's fund (`may_keep_fund`); ApplicationError
    naming the field (`extra["field"]`) for a missing source, an amount not a positive whole
    number of đồng (or beyond `INCOME_MAX`), a missing date, a date outside YEAR or after
    TODAY. Writes the entry and its audit event, or nothing."""
    access.require(actor, Perm.DECISION_CHANGE, unit)
    today = today or timezone.localdate()
    if source not in IncomeSource.values:
        raise ApplicationError(INCOME_SOURCE_REQUIRED, {"field": "source"})
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        raise ApplicationError(INCOME_AMOUNT_POSITIVE, {"field": "amount"})
    if amount > INCOME_MAX:
        raise ApplicationError(INCOME_AMOUNT_TOO_BIG, {"field": "amount"})
    if not isinstance(year, int) or not FIRST_YEAR <= year <= 2100:
        raise ApplicationError(INCOME_YEAR_INVALID, {"field": "year"})
    if received_on is None:
        raise ApplicationError(INCOME_DATE_REQUIRED, {"field": "received_on"})
    if received_on.year != year:
        raise ApplicationError(INCOME_DATE_OUTSIDE_YEAR % {"date": received_on.strftime("%d/%m/%Y"), "year": year},
                               {"field": "received_on"})
    if received_on > today:
        raise ApplicationError(INCOME_DATE_IN_FUTURE, {"field": "received_on"})
    entry = FundEntry.objects.create(
        unit=unit, year=year, kind=EntryKind.INCOME, amount=amount, source=source, received_on=received_on,
        reference=(reference or "").strip()[:128], note=(note or "").strip(), created_by=actor)
    audit.record(actor=actor, action=A.FUND_INCOME, target=entry, unit_path=unit.path,
                 after=audit.snapshot(entry, INCOME_FIELDS))
    return entry


@transaction.atomic
def fund_income_reverse(*, actor, entry: FundEntry, reason: str, today: dt.date | None = None) -> FundEntry:
    """Take back the whole of the receipt ENTRY (recorded wrongly), as ACTOR, for REASON:
    a reversing entry of the same amount, budget year and source, dated TODAY (or the last
    day of the receipt's budget year when that year is over). The receipt itself stays.

    Raises PermissionDenied unless ACTOR keeps the fund; ApplicationError when ENTRY is not
    a receipt, is already reversed, or REASON is empty (`extra["field"] == "reason"`)."""
    entry = FundEntry.objects.select_for_update(of=("self",)).select_related("unit").get(pk=entry.pk)
    access.require(actor, Perm.DECISION_CHANGE, entry.unit)
    if entry.kind != EntryKind.INCOME:
        raise ApplicationError(NOT_AN_INCOME)
    if FundEntry.objects.filter(reverses=entry).exists():
        raise ApplicationError(INCOME_ALREADY_REVERSED)
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(REVERSAL_REASON_REQUIRED, {"field": "reason"})
    today = today or timezone.localdate()
    # The correction belongs to the receipt's budget year, so the year's books balance.
    on = min(today, dt.date(entry.year, 12, 31))
    reversal = FundEntry.objects.create(
        unit=entry.unit, year=entry.year, kind=EntryKind.INCOME_REVERSAL, amount=entry.amount, source=entry.source,
        received_on=on, reference=entry.reference, note=reason, reverses=entry, created_by=actor)
    audit.record(actor=actor, action=A.FUND_INCOME_REVERSE, target=reversal, unit_path=entry.unit.path,
                 before=audit.snapshot(entry, INCOME_FIELDS), after=audit.snapshot(reversal, INCOME_FIELDS),
                 reason=reason)
    return reversal
