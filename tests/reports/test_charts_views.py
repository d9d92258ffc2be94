"""The charts' page, the dashboard's panel and the exports: what a user sees, the same
numbers in the canvas's JSON, the table and the Excel file, and who is refused."""

import html
import io
import json
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.conftest import login, page_with_panels
from tests.xlsx_cells import assert_text_cells
from thidua.movements.models import Movement
from thidua.reports import charts

pytestmark = pytest.mark.django_db
YEAR = 2026
KEYS = ["khen-thuong", "dang-ky", "ho-so", "dung-han", "quy"]


class Tables(HTMLParser):
    """The text of each cell of each <table data-testid=…>, by its test id."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.current = None
        self.cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("data-testid"):
            self.current = self.tables.setdefault(attrs["data-testid"], [])
        elif tag == "tr" and self.current is not None:
            self.current.append([])
        elif tag in ("td", "th") and self.current is not None:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.current[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "table":
            self.current = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def tables_of(body: str) -> dict[str, list[list[str]]]:
    parser = Tables()
    parser.feed(body)
    return parser.tables


def json_of(body: str, key: str) -> dict:
    """What charts.js reads: the canvas's data-chart attribute, unescaped as the browser does."""
    found = re.search(rf'<canvas data-chart="([^"]*)" data-chart-key="{key}"', body)
    return json.loads(html.unescape(found.group(1)))


def shown(value: int, money: bool) -> str:
    return f"{value:,}".replace(",", ".") + (" đ" if money else "")


def panel_url(unit=None, year=YEAR):
    return reverse("reports:charts_panel") + (f"?don-vi={unit.pk}&nam={year}" if unit else f"?nam={year}")


def test_each_table_holds_the_numbers_of_its_chart(client, secretariat, tree, year_of_figures):
    login(client, secretariat)
    body = client.get(panel_url(tree["root"])).content.decode()
    tables = tables_of(body)

    for key in KEYS:
        data = json_of(body, key)
        rows = tables[f"table-{key}"]
        assert rows[0][1:len(data["datasets"]) + 1] == [d["label"] for d in data["datasets"]]
        assert [r[0] for r in rows[1:]] == data["labels"]
        for i, row in enumerate(rows[1:]):
            values = [d["data"][i] for d in data["datasets"]]
            expected = values + ([sum(values)] if data["stacked"] else [])
            assert row[1:] == [shown(v, data["money"]) for v in expected], key
    # The numbers worked out by hand (tests/test_charts.py), as the officer reads them.
    assert tables["table-quy"][-1] == ["2026", "28.000.000 đ", "4.300.000 đ", "1.000.000 đ"]
    assert tables["table-khen-thuong"][-1] == ["2026", "1", "0", "2", "3"]
    assert "Tỷ lệ bước xử lý đúng hạn: 6/10 (60%)." in html.unescape(body)


def test_the_export_opens_with_the_numbers_of_the_table(client, secretariat, tree, year_of_figures):
    login(client, secretariat)

    for key in KEYS:
        response = client.get(reverse("reports:chart_xlsx", args=[key]) + f"?don-vi={tree['root'].pk}&nam={YEAR}")
        assert response.status_code == 200
        assert response["Content-Disposition"].endswith(f'bieu-do-{key}-{YEAR}.xlsx"')
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content) if response.streaming
                                         else response.content)).active
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        chart = charts.chart_for(secretariat, tree["root"], YEAR, key)
        assert tree["root"].name in rows[0][0] and str(YEAR) in rows[0][0]
        assert rows[1] == chart.headers
        assert rows[2:] == chart.rows, key
    # The fund in đồng, as numbers Excel adds up.
    assert rows[2:][-1] == ["2026", 28_000_000, 4_300_000, 1_000_000]
    assert rows[1] == ["Năm", "Thu vào quỹ (đồng)", "Chi thưởng (đồng)", "Thu hồi về quỹ (đồng)"]


def test_the_page_has_a_unit_and_year_picker(client, officer_a, tree, year_of_figures):
    login(client, officer_a)
    body = client.get(reverse("reports:charts") + f"?don-vi={tree['a1'].pk}&nam=2025").content.decode()

    assert f'<option value="{tree["a"].pk}">Sở Nội vụ</option>' in body
    assert f'<option value="{tree["a1"].pk}" selected>' in body
    assert '<option value="2025" selected>2025</option>' in body
    assert "Biểu đồ — Phòng Công chức, viên chức, năm 2025" in body
    assert 'src="/static/thidua/charts.js"' in body or "thidua/charts" in body
    # A unit officer keeps no fund: the chart says so, with no export.
    assert "Chỉ Thường trực, Ban Thi đua – Khen thưởng và thủ trưởng đơn vị xem quỹ" in body
    assert 'data-testid="export-quy"' not in body


def test_the_dashboard_loads_the_charts_panel(client, secretariat, tree, year_of_figures):
    login(client, secretariat)
    body = page_with_panels(client, reverse("home:dashboard"))

    assert f'hx-get="{reverse("reports:charts_panel")}" hx-trigger="load"' in body
    assert 'data-testid="chart-khen-thuong"' in body and 'data-chart-key="khen-thuong"' in body
    assert "chart.umd.min.js" in body


@pytest.mark.parametrize("name", ["reports:charts", "reports:charts_panel", "reports:chart_xlsx"])
def test_it_refuses_out_of_scope(client, officer_b, tree, year_of_figures, name):
    login(client, officer_b)
    args = ["khen-thuong"] if name == "reports:chart_xlsx" else []
    url = reverse(name, args=args)

    assert client.get(url + f"?don-vi={tree['a'].pk}").status_code == 404
    assert client.get(url + "?don-vi=999999").status_code == 404
    assert client.get(url + "?don-vi=abc").status_code == 404
    assert client.get(url + f"?don-vi={tree['b'].pk}").status_code == 200


@pytest.mark.parametrize("name", ["reports:charts", "reports:charts_panel", "reports:chart_xlsx"])
def test_it_sends_anonymous_users_to_sign_in(client, tree, name):
    url = reverse(name, args=["quy"] if name == "reports:chart_xlsx" else [])
    response = client.get(url + f"?don-vi={tree['root'].pk}")

    assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]


def test_an_unknown_chart_and_a_fund_not_kept_are_refused(client, officer_a, tree, year_of_figures):
    login(client, officer_a)
    base = f"?don-vi={tree['a'].pk}"

    assert client.get(reverse("reports:chart_xlsx", args=["khong-co"]) + base).status_code == 404
    # Sở Nội vụ is in sight, its fund is not: the figure is refused, not hidden.
    assert client.get(reverse("reports:chart_xlsx", args=["quy"]) + base).status_code == 403


def test_the_panel_reads_a_fixed_number_of_queries(client, secretariat, tree, year_of_figures,
                                                   django_assert_num_queries):
    login(client, secretariat)
    url = panel_url(tree["root"])
    client.get(url)

    # Session, user, grants and the trees' roots (4); the unit and whether it is the only
    # root (2); the catalog's levels and the awards (2); the running movements (1) and, per
    # movement drawn (at most `charts.MOVEMENTS`), its participants, blocs and sheets (3);
    # dossiers by state and their timelines (2); the fund (1).
    with django_assert_num_queries(15):
        assert client.get(url, HTTP_HX_REQUEST="true").status_code == 200


def test_a_user_without_a_role_is_told_so(client, tree):
    from django.contrib.auth import get_user_model

    from tests.conftest import PASSWORD

    get_user_model().objects.create_user("moi", password=PASSWORD)
    client.login(username="moi", password=PASSWORD)

    body = client.get(reverse("reports:charts_panel")).content.decode()
    assert "Tài khoản chưa được phân quyền trên đơn vị nào." in body and "<canvas" not in body
    assert client.get(reverse("reports:chart_xlsx", args=["khen-thuong"])).status_code == 404


def test_the_exports_write_user_text_as_text(client, secretariat, tree, year_of_figures):
    """A movement named like a formula is a text cell of the registration chart's workbook."""
    Movement.objects.filter(name="Phong trào thi đua yêu nước năm 2026").update(name="=1+1 Phong trào")
    login(client, secretariat)
    response = client.get(reverse("reports:chart_xlsx", args=["dang-ky"]) + f"?don-vi={tree['root'].pk}&nam={YEAR}")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert_text_cells(content, "=1+1 Phong trào")
