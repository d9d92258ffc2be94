"""The fund's receipts: the keeper records what comes into a unit's fund, with its source,
date and voucher; bad input is refused naming the field and leaves nothing behind; a wrong
receipt is taken back by a reversing entry, never edited."""

import datetime as dt

import pytest

from tests.conftest import make_user
from tests.decisions.conftest import sign
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.models import AuditEvent
from thidua.core.roles import Role
from thidua.decisions import selectors, services
from thidua.decisions.models import EntryKind, FundEntry, IncomeSource

TODAY = dt.date(2026, 11, 20)


def record(actor, unit, **over):
    values = {"year": 2026, "source": IncomeSource.BUDGET, "received_on": dt.date(2026, 2, 3),
              "amount": 150_000_000, "reference": "Quyết định số 12/QĐ-UBND giao dự toán", "note": "Đợt 1",
              "today": TODAY}
    return services.fund_income_record(actor=actor, unit=unit, **(values | over))


def test_the_keeper_records_a_receipt_with_its_audit_row(secretariat, tree):
    entry = record(secretariat, tree["root"])
    row = FundEntry.objects.get()
    assert row == entry
    assert (row.kind, row.unit, row.year, row.amount, row.source, row.received_on, row.reference, row.note) == (
        EntryKind.INCOME, tree["root"], 2026, 150_000_000, "budget", dt.date(2026, 2, 3),
        "Quyết định số 12/QĐ-UBND giao dự toán", "Đợt 1")
    assert (row.decision, row.award, row.created_by, row.signed_amount) == (None, None, secretariat, 150_000_000)
    event = AuditEvent.objects.get(action="decision.fund_income")
    assert (event.actor, event.target_id, event.unit_path) == (secretariat, row.pk, tree["root"].path)
    assert event.after["amount"] == 150_000_000 and event.after["source"] == "budget"
    totals = selectors.fund_totals(secretariat)
    assert [(t.unit, t.year, t.income, t.paid, t.balance) for t in totals] == [
        (tree["root"], 2026, 150_000_000, 0, 150_000_000)]


@pytest.mark.parametrize(("over", "field", "message"), [
    ({"source": ""}, "source", services.INCOME_SOURCE_REQUIRED),
    ({"source": "budget_typo"}, "source", services.INCOME_SOURCE_REQUIRED),
    ({"amount": 0}, "amount", services.INCOME_AMOUNT_POSITIVE),
    ({"amount": -3_800_000}, "amount", services.INCOME_AMOUNT_POSITIVE),
    ({"amount": None}, "amount", services.INCOME_AMOUNT_POSITIVE),
    ({"amount": 10**13}, "amount", services.INCOME_AMOUNT_TOO_BIG),
    ({"received_on": None}, "received_on", services.INCOME_DATE_REQUIRED),
    ({"received_on": dt.date(2025, 12, 31)}, "received_on", None),
    ({"received_on": dt.date(2026, 11, 21)}, "received_on", services.INCOME_DATE_IN_FUTURE),
])
def test_bad_input_names_the_field_and_saves_nothing(secretariat, tree, over, field, message):
    with pytest.raises(ApplicationError) as caught:
        record(secretariat, tree["root"], **over)
    assert caught.value.extra["field"] == field
    if message is not None:
        assert caught.value.message == message
    else:
        assert caught.value.message == services.INCOME_DATE_OUTSIDE_YEAR % {"date": "31/12/2025", "year": 2026}
        assert "31/12/2025" in str(caught.value.message) and "2026" in str(caught.value.message)
    assert not FundEntry.objects.exists()
    assert not AuditEvent.objects.filter(action="decision.fund_income").exists()


@pytest.mark.parametrize("who", ["officer_a", "officer_b", "head_a", "chairman"])
def test_who_does_not_keep_the_fund_is_refused(request, tree, who):
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        record(actor, tree["a"])
    assert not FundEntry.objects.exists() and not AuditEvent.objects.filter(action="decision.fund_income").exists()


def test_a_department_desk_keeps_its_own_fund_only(tree):
    desk_a = make_user("thuky_a", Role.SECRETARIAT, tree["a"], "Đỗ Thị Hà")
    assert record(desk_a, tree["a"], source=IncomeSource.CONTRIBUTION).unit == tree["a"]
    with pytest.raises(PermissionDenied):
        record(desk_a, tree["b"])
    with pytest.raises(PermissionDenied):
        record(desk_a, tree["root"])
    assert FundEntry.objects.count() == 1


def test_a_wrong_receipt_is_reversed_once_and_stays_in_the_book(secretariat, tree):
    wrong = record(secretariat, tree["root"], amount=15_000_000)
    reversal = services.fund_income_reverse(actor=secretariat, entry=wrong, reason="Ghi nhầm số tiền",
                                            today=TODAY)
    assert (reversal.kind, reversal.amount, reversal.year, reversal.reverses, reversal.note) == (
        EntryKind.INCOME_REVERSAL, 15_000_000, 2026, wrong, "Ghi nhầm số tiền")
    assert reversal.signed_amount == -15_000_000
    assert FundEntry.objects.filter(pk=wrong.pk, amount=15_000_000).exists()
    event = AuditEvent.objects.get(action="decision.fund_income_reverse")
    assert (event.actor, event.reason, event.before["amount"], event.after["kind"]) == (
        secretariat, "Ghi nhầm số tiền", 15_000_000, "income_reversal")
    record(secretariat, tree["root"], amount=150_000_000)
    detail = selectors.fund_year(secretariat, tree["root"], 2026)
    assert detail.income == 150_000_000
    assert [(r.entry.kind, r.reversed, r.entry.signed_amount) for r in detail.receipts] == [
        ("income", True, 15_000_000), ("income", False, 150_000_000), ("income_reversal", False, -15_000_000)]

    with pytest.raises(ApplicationError) as caught:
        services.fund_income_reverse(actor=secretariat, entry=wrong, reason="Lần nữa", today=TODAY)
    assert caught.value.message == services.INCOME_ALREADY_REVERSED
    with pytest.raises(ApplicationError) as caught:
        services.fund_income_reverse(actor=secretariat, entry=reversal, reason="x", today=TODAY)
    assert caught.value.message == services.NOT_AN_INCOME
    assert FundEntry.objects.filter(kind=EntryKind.INCOME_REVERSAL).count() == 1


def test_a_reversal_needs_a_reason_and_the_keeper(secretariat, head_a, tree):
    entry = record(secretariat, tree["a"])
    with pytest.raises(ApplicationError) as caught:
        services.fund_income_reverse(actor=secretariat, entry=entry, reason="  ", today=TODAY)
    assert caught.value.extra["field"] == "reason"
    with pytest.raises(PermissionDenied):
        services.fund_income_reverse(actor=head_a, entry=entry, reason="Ghi nhầm", today=TODAY)
    assert not FundEntry.objects.filter(kind=EntryKind.INCOME_REVERSAL).exists()
    assert not AuditEvent.objects.filter(action="decision.fund_income_reverse").exists()


def test_a_payment_and_a_receipt_make_the_balance(secretariat, chairman, draft, tree):
    sign(chairman, draft)
    paid = FundEntry.objects.get(kind=EntryKind.PAYMENT)
    record(secretariat, tree["root"], amount=20_000_000, received_on=dt.date(2026, 1, 5))
    [year] = selectors.fund_totals(secretariat)
    assert (year.income, year.paid, year.net, year.balance, year.decisions) == (
        20_000_000, paid.amount, paid.amount, 20_000_000 - paid.amount, 1)
    detail = selectors.fund_year(secretariat, tree["root"], 2026)
    assert (detail.income, detail.paid, detail.balance) == (20_000_000, paid.amount, 20_000_000 - paid.amount)
    assert [r.decision for r in detail.rows] == [draft]


def test_the_balance_carries_over_from_year_to_year(secretariat, chairman, draft, tree):
    record(secretariat, tree["root"], year=2025, received_on=dt.date(2025, 3, 1), amount=10_000_000)
    sign(chairman, draft)  # pays in 2026
    paid = FundEntry.objects.get(kind=EntryKind.PAYMENT).amount
    record(secretariat, tree["root"], amount=1_000_000)
    later, earlier = selectors.fund_totals(secretariat)
    assert (earlier.year, earlier.opening, earlier.balance) == (2025, 0, 10_000_000)
    assert (later.year, later.opening, later.difference, later.balance) == (
        2026, 10_000_000, 1_000_000 - paid, 11_000_000 - paid)
    detail = selectors.fund_year(secretariat, tree["root"], 2026)
    assert (detail.opening, detail.income, detail.net, detail.balance) == (10_000_000, 1_000_000, paid,
                                                                           11_000_000 - paid)
