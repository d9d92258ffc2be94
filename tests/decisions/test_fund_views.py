"""The fund's pages with receipts: the keeper records income on the year's page, sees
income, spending and the balance, downloads the book; who reads the fund but does not keep
it is refused the forms (403), an officer out of scope gets 404, a visitor the sign-in."""

import datetime as dt
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.conftest import login, make_user
from tests.decisions.conftest import sign
from tests.xlsx_cells import AT, NAME, assert_text_cells
from thidua.core.models import AuditEvent
from thidua.core.roles import Role
from thidua.decisions import services
from thidua.decisions.models import EntryKind, FundEntry, IncomeSource

YEAR = timezone.localdate().year


def receipt(actor, unit, amount=150_000_000, **over):
    values = {"year": YEAR, "source": IncomeSource.BUDGET, "received_on": dt.date(YEAR, 1, 1), "amount": amount,
              "reference": "Quyết định số 12/QĐ-UBND giao dự toán"}
    return services.fund_income_record(actor=actor, unit=unit, **(values | over))


def _urls(unit, entry):
    return {
        "year": reverse("decisions:fund_year", args=[unit.pk, YEAR]),
        "xlsx": reverse("decisions:fund_year_xlsx", args=[unit.pk, YEAR]),
        "income": reverse("decisions:fund_income", args=[unit.pk, YEAR]),
        "reverse": reverse("decisions:fund_income_reverse", args=[unit.pk, YEAR, entry.pk]),
    }


@pytest.fixture
def desk_a(tree):
    """The secretariat of Sở Nội vụ: keeps its fund."""
    return make_user("thuky_a", Role.SECRETARIAT, tree["a"], "Đỗ Thị Hà")


@pytest.fixture
def entry_a(desk_a, tree):
    return receipt(desk_a, tree["a"])


@pytest.mark.parametrize("name", ["year", "xlsx", "income", "reverse"])
def test_it_refuses_out_of_scope(client, officer_b, tree, entry_a, name):
    login(client, officer_b)
    url = _urls(tree["a"], entry_a)[name]
    assert client.get(url).status_code == 404
    assert client.post(url, {"source": "budget", "amount": "1000", "received_on": f"01/01/{YEAR}",
                             "reason": "x"}).status_code in (404, 405)
    assert FundEntry.objects.count() == 1


@pytest.mark.parametrize("who", ["head_a", "officer_a"])
@pytest.mark.parametrize("name", ["income", "reverse"])
def test_who_may_read_but_not_keep_is_refused_the_forms(request, client, tree, entry_a, who, name):
    login(client, request.getfixturevalue(who))
    url = _urls(tree["a"], entry_a)[name]
    assert client.get(url).status_code == 403
    assert client.post(url, {"source": "budget", "amount": "1000", "received_on": f"01/01/{YEAR}",
                             "reason": "x"}).status_code == 403
    assert FundEntry.objects.count() == 1


def test_the_head_reads_the_year_without_the_keepers_buttons(client, head_a, tree, entry_a):
    page = login(client, head_a).get(_urls(tree["a"], entry_a)["year"]).content.decode()
    assert 'data-testid="year-income">150.000.000 đ' in page
    assert reverse("decisions:fund_income", args=[tree["a"].pk, YEAR]) not in page
    assert "Điều chỉnh giảm</a>" not in page


def test_anonymous_is_sent_to_sign_in(client, tree, entry_a):
    for url in _urls(tree["a"], entry_a).values():
        response = client.get(url)
        assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"], url
    assert client.post(_urls(tree["a"], entry_a)["income"], {"source": "budget"}).status_code == 302
    assert FundEntry.objects.count() == 1


def _post_income(client, url, **data):
    token = re.search(r'name="lan-gui" value="([^"]+)"', client.get(url).content.decode()).group(1)
    return client.post(url, {"lan-gui": token, **data})


def test_the_keeper_records_income_and_sees_the_balance(client, secretariat, chairman, draft, tree):
    sign(chairman, draft, issued_on=dt.date(YEAR, 1, 1) if YEAR == 2026 else dt.date(2026, 7, 2))
    paid = FundEntry.objects.get(kind=EntryKind.PAYMENT)
    login(client, secretariat)
    url = reverse("decisions:fund_income", args=[tree["root"].pk, paid.year])
    response = _post_income(client, url, source="contribution", amount="25.000.000", received_on=f"02/01/{paid.year}",
                            reference="Phiếu thu số 7", note="Doanh nghiệp ủng hộ")
    assert response.status_code == 302
    entry = FundEntry.objects.get(kind=EntryKind.INCOME)
    assert (entry.amount, entry.source, entry.received_on, entry.reference, entry.created_by) == (
        25_000_000, "contribution", dt.date(paid.year, 1, 2), "Phiếu thu số 7", secretariat)
    assert AuditEvent.objects.filter(action="decision.fund_income", target_id=entry.pk, actor=secretariat).exists()
    page = client.get(response["Location"]).content.decode()
    assert "Đã ghi khoản thu 25.000.000 đ" in page
    assert "Đóng góp của tổ chức, cá nhân" in page and "Phiếu thu số 7" in page and "02/01/" in page
    assert 'data-testid="year-income">25.000.000 đ' in page
    assert f'data-testid="year-balance">{25_000_000 - paid.amount:,} đ'.replace(",", ".") in page
    book = client.get(reverse("decisions:fund")).content.decode()
    assert 'data-testid="income">25.000.000 đ' in book
    assert f'data-testid="balance">{25_000_000 - paid.amount:,} đ'.replace(",", ".") in book


@pytest.mark.parametrize(("data", "field", "field_text"), [
    ({"source": "", "amount": "1.000.000", "received_on": f"01/01/{YEAR}"}, "source", "Hãy chọn nguồn thu"),
    ({"source": "budget", "amount": "0", "received_on": f"01/01/{YEAR}"}, "amount",
     "Số tiền thu phải là số nguyên dương"),
    ({"source": "budget", "amount": "-5.000", "received_on": f"01/01/{YEAR}"}, "amount",
     "Số tiền thu phải là số nguyên dương"),
    ({"source": "budget", "amount": "ba triệu", "received_on": f"01/01/{YEAR}"}, "amount", "Số tiền không hợp lệ"),
    ({"source": "budget", "amount": "1.000.000", "received_on": f"31/12/{YEAR - 1}"}, "received_on",
     f"Ngày thu (31/12/{YEAR - 1}) không thuộc năm ngân sách {YEAR}"),
])
def test_bad_input_shows_on_its_field_and_saves_nothing(client, secretariat, tree, data, field, field_text):
    login(client, secretariat)
    url = reverse("decisions:fund_income", args=[tree["root"].pk, YEAR])
    response = _post_income(client, url, **data)
    assert response.status_code == 200
    page = response.content.decode()
    error = page.split(f'id="id_{field}"', 1)[1].split("</div>", 2)
    tag = page.split(f'id="id_{field}"', 1)[0].rsplit("<", 1)[1]
    assert field_text in "".join(error[:2]) and 'aria-invalid="true"' in tag
    assert not FundEntry.objects.exists()


def test_a_wrong_receipt_is_reversed_from_the_page(client, desk_a, tree, entry_a):
    login(client, desk_a)
    urls = _urls(tree["a"], entry_a)
    page = client.get(urls["year"]).content.decode()
    assert urls["reverse"] in page
    form = client.get(urls["reverse"]).content.decode()
    assert "150.000.000 đ" in form and "01/01/" in form
    refused = client.post(urls["reverse"], {"reason": ""})
    assert refused.status_code == 200 and "Hãy ghi lý do" in refused.content.decode()
    assert client.post(urls["reverse"], {"reason": "Ghi nhầm số tiền"}).status_code == 302
    reversal = FundEntry.objects.get(kind=EntryKind.INCOME_REVERSAL)
    assert reversal.reverses == entry_a and reversal.note == "Ghi nhầm số tiền"
    page = client.get(urls["year"]).content.decode()
    assert 'data-testid="year-income">0 đ' in page and urls["reverse"] not in page
    assert "Điều chỉnh giảm khoản thu ghi sai" in page


def test_the_fund_book_holds_income_spending_the_balance_and_writes_user_text_as_text(client, desk_a, tree):
    receipt(desk_a, tree["a"], amount=40_000_000, reference=NAME, note=AT)
    receipt(desk_a, tree["a"], amount=2_000_000, source=IncomeSource.OTHER, reference="Phiếu thu 3")
    response = login(client, desk_a).get(reverse("decisions:fund_year_xlsx", args=[tree["a"].pk, YEAR]))
    assert response.status_code == 200
    assert f"so-quy-T.A-{YEAR}.xlsx" in response["Content-Disposition"]
    rows = [[c.value for c in row] for row in load_workbook(io.BytesIO(response.content)).active.iter_rows()]
    assert rows[0][0] == f"Sổ quỹ thi đua, khen thưởng năm {YEAR} — Sở Nội vụ"
    assert rows[1] == ["STT", "Ngày", "Nội dung", "Số chứng từ, quyết định", "Thu (đồng)", "Chi (đồng)"]
    assert rows[2][2:5] == ["Số dư đầu năm", None, 0]
    assert rows[3][2] == f"Ngân sách nhà nước cấp — {AT}" and rows[3][3] == NAME and rows[3][4] == 40_000_000
    assert rows[4][2] == "Nguồn thu hợp pháp khác" and rows[4][4] == 2_000_000
    assert rows[-3][2:5] == ["Tổng thu vào quỹ", None, 42_000_000]
    assert rows[-1][2:5] == ["Còn lại cuối năm", None, 42_000_000]
    assert_text_cells(response.content, NAME)



def test_the_keeper_starts_a_receipt_from_the_fund_page(client, desk_a, tree):
    login(client, desk_a)
    assert reverse("decisions:fund_income_start") in client.get(reverse("decisions:fund")).content.decode()
    start = reverse("decisions:fund_income_start")
    assert client.get(start).status_code == 200
    response = client.post(start, {"unit": tree["a"].pk, "year": YEAR})
    assert response.status_code == 302
    assert response["Location"] == reverse("decisions:fund_income", args=[tree["a"].pk, YEAR])
    # Sở Y tế's fund is not Sở Nội vụ's desk's to keep: not a choice.
    refused = client.post(start, {"unit": tree["b"].pk, "year": YEAR})
    assert refused.status_code == 200 and not FundEntry.objects.exists()


@pytest.mark.parametrize("who", ["officer_a", "officer_b", "head_a"])
def test_who_keeps_no_fund_cannot_start_a_receipt(request, client, tree, who):
    login(client, request.getfixturevalue(who))
    assert client.get(reverse("decisions:fund")).status_code in (200, 403)
    assert reverse("decisions:fund_income_start") not in client.get(reverse("decisions:fund")).content.decode()
    assert client.get(reverse("decisions:fund_income_start")).status_code == 403
    assert client.post(reverse("decisions:fund_income_start"), {"unit": tree["a"].pk, "year": YEAR}).status_code == 403


def test_anonymous_cannot_start_a_receipt(client):
    response = client.get(reverse("decisions:fund_income_start"))
    assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]


def test_the_year_page_reads_a_fixed_number_of_queries(client, desk_a, tree, entry_a):
    login(client, desk_a)
    url = reverse("decisions:fund_year", args=[tree["a"].pk, YEAR])
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for i in range(5):
        receipt(desk_a, tree["a"], amount=1_000_000 + i, source=IncomeSource.CONTRIBUTION)
    services.fund_income_reverse(actor=desk_a, entry=entry_a, reason="Ghi nhầm")
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(one)
