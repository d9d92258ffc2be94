"""The statistics page, the lists behind its figures and the downloads, as their users
meet them; and who is refused."""

import io

import openpyxl
from django.urls import reverse
from pypdf import PdfReader

from tests.conftest import login, make_user
from tests.reports.test_figures import EXPECTED_0603
from tests.xlsx_cells import assert_text_cells
from thidua.core.roles import Role
from thidua.reports import figures


def _urls(unit, year=2025):
    args = [unit.pk, year]
    return [
        f"{reverse('reports:statistics')}?don-vi={unit.pk}&nam={year}",
        reverse("reports:form_xlsx", args=[*args, "0603"]),
        reverse("reports:form_pdf", args=[*args, "0602"]),
        reverse("reports:cell", args=[*args, "0603", "01", 0]),
        reverse("reports:cell", args=[*args, "0601", "01", 0]),
    ]


def test_the_secretariat_reads_the_three_forms(client, ledger, secretariat):
    login(client, secretariat)
    page = client.get(reverse("reports:statistics"), {"don-vi": ledger["root"].pk, "nam": 2025})
    text = page.content.decode()
    assert page.status_code == 200
    for number in ("0601.N/BNV-TĐKT", "0602.N/BNV-TĐKT", "0603.N/BNV-TĐKT"):
        assert number in text
    assert "Lãnh đạo cấp vụ, sở, ngành và tương đương" in text
    # The period of the emulation and commendation statistics and the day they are received.
    assert "từ ngày 01/12/2024 đến ngày 30/11/2025" in text
    assert "Hạn gửi báo cáo: ngày 15/12/2025" in text
    # The total of 0603 and its link to the ten awards behind it.
    cell = reverse("reports:cell", args=[ledger["root"].pk, 2025, "0603", "01", 0])
    assert f'href="{cell}" data-cell="0603-01-0">10</a>' in text
    # p6 has no position group: the page says so under 0603 (and not under 0602).
    assert 'data-testid="unclassified-0603"' in text and "1 lượt khen thưởng cá nhân chưa được tính" in text
    assert 'data-testid="unclassified-0602"' not in text


def test_a_figure_opens_the_list_behind_it(client, ledger, secretariat):
    login(client, secretariat)
    listed = client.get(reverse("reports:cell", args=[ledger["root"].pk, 2025, "0603", "03", 0])).content.decode()
    assert "Công ty TNHH MTV Xổ số kiến thiết" in listed and "Xí nghiệp nước số 1" in listed
    assert "Sở Y tế" not in listed  # a collective, not an enterprise
    movements = client.get(reverse("reports:cell", args=[ledger["root"].pk, 2025, "0601", "06", 0])).content.decode()
    assert "Đợt thi đua 100 ngày" in movements and "Thi đua chuyển đổi số" not in movements


def test_the_workbook_is_the_form(client, ledger, secretariat):
    login(client, secretariat)
    response = client.get(reverse("reports:form_xlsx", args=[ledger["root"].pk, 2025, "0603"]))
    assert response.status_code == 200
    assert "bieu-0603-T-2025.xlsx" in response["Content-Disposition"]
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [[c for c in row] for row in ws.iter_rows(values_only=True)]
    assert cells[0][0] == "Biểu số: 0603.N/BNV-TĐKT"
    assert any(row[0] and "SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ" in str(row[0]) for row in cells)
    header = next(i for i, row in enumerate(cells) if row[1] == "Mã số")
    assert cells[header][2] == "Đơn vị tính" and list(cells[header + 1][:4]) == ["A", "B", "C", "1=2+3+4+5"]
    by_code = {row[1]: list(row[3:8]) for row in cells[header + 2:] if row[1]}
    assert by_code == EXPECTED_0603
    assert next(row for row in cells if row[1] == "05")[2] == "Người"
    # Under the table, the signatures: the preparer, and the head of the reporting unit.
    below = [v for row in cells[header + 2 + len(by_code):] for v in row if v]
    for text in ("……, ngày …… tháng …… năm ……", "Người lập biểu", "(Ký, họ tên)", "CHỦ TỊCH",
                 "(Ký, họ tên, đóng dấu)"):
        assert text in below, text


def test_the_pdf_has_the_same_figures(client, ledger, secretariat):
    login(client, secretariat)
    response = client.get(reverse("reports:form_pdf", args=[ledger["root"].pk, 2025, "0603"]))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "0603.N/BNV-TĐKT" in text and "UBND tỉnh Thử Nghiệm" in text
    flat = " ".join(text.split())
    assert "Tổng số 01 10 7 1 1 1" in flat
    assert "Cá nhân 05 Người 6 4 1 0 1" in flat
    assert "Người lập biểu" in flat and "CHỦ TỊCH" in flat and "(Ký, họ tên, đóng dấu)" in flat


def test_a_department_officer_sees_their_subtree_by_default(client, ledger, officer_a):
    login(client, officer_a)
    page = client.get(reverse("reports:statistics"), {"nam": 2025})
    assert page.status_code == 200
    assert page.context["unit"] == ledger["a"]
    fig = next(f["fig"] for f in page.context["forms"] if f["fig"].layout.slug == "0603")
    assert fig.value("01", 0) == 5
    assert client.get(_urls(ledger["a"])[1]).status_code == 200


def test_it_refuses_out_of_scope(client, ledger, officer_b):
    login(client, officer_b)
    for unit in (ledger["a"], ledger["root"]):
        for url in _urls(unit):
            assert client.get(url).status_code == 404, url


def test_it_refuses_an_unknown_form_or_cell(client, ledger, secretariat):
    login(client, secretariat)
    root = ledger["root"]
    assert client.get(reverse("reports:form_xlsx", args=[root.pk, 2025, "0604"])).status_code == 404
    assert client.get(reverse("reports:cell", args=[root.pk, 2025, "0603", "99", 0])).status_code == 404
    assert client.get(reverse("reports:cell", args=[root.pk, 2025, "0603", "01", 9])).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, ledger):
    for url in _urls(ledger["root"]):
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"], url


def test_a_user_without_award_rights_is_refused(client, ledger):
    council_member = make_user("hoidong", Role.COUNCIL_MEMBER, ledger["root"], "Đỗ Văn Hội")
    login(client, council_member)
    root = ledger["root"]
    assert client.get(f"{reverse('reports:statistics')}?don-vi={root.pk}").status_code == 403
    assert client.get(reverse("reports:statistics")).status_code == 404


def test_the_period_is_the_one_the_report_counts():
    """01/12 of the year before to 30/11 of the year, received on 15/12 (docs/statistics.md):
    consecutive years neither overlap nor leave a day out."""
    D = figures.dt.date
    assert figures.period(2026) == (D(2025, 12, 1), D(2026, 11, 30))
    assert figures.due_date(2026) == D(2026, 12, 15)
    assert figures.period(2025)[1] + figures.dt.timedelta(days=1) == figures.period(2026)[0]
    assert figures.period(2026)[1] < figures.due_date(2026)


def test_the_menu_leads_to_the_statistics_for_those_who_read_awards(client, ledger, officer_a):
    link = f'href="{reverse("reports:statistics")}">Thống kê khen thưởng theo biểu mẫu</a>'
    assert link in login(client, officer_a).get(reverse("home:dashboard")).content.decode()
    client.logout()
    council_member = make_user("hoidong", Role.COUNCIL_MEMBER, ledger["root"], "Đỗ Văn Hội")
    assert link not in login(client, council_member).get(reverse("home:dashboard")).content.decode()


def test_the_page_takes_a_fixed_number_of_queries(client, ledger, secretariat, django_assert_max_num_queries):
    login(client, secretariat)
    url = f"{reverse('reports:statistics')}?don-vi={ledger['root'].pk}&nam=2025"
    client.get(url)
    # Session, user, grants, the unit, the catalog, the enterprise units and the figures of
    # each form, the menu's checks: however many awards the province holds.
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200


def test_the_forms_write_user_text_as_text(client, ledger, secretariat):
    """A unit named like a formula is printed as the officer typed it, never evaluated."""
    root = ledger["root"]
    root.name = "=HYPERLINK(\"http://x\",\"UBND\")"
    root.save()
    login(client, secretariat)
    response = client.get(reverse("reports:form_xlsx", args=[root.pk, 2025, "0601"]))
    assert_text_cells(response.content, f"Đơn vị báo cáo: {root.name}")
