"""The three forms on the `small` demo province: the page shows them, each workbook opens
with the form's header and row codes and holds the page's figures, the PDF the same."""

import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from thidua.awards.models import Award
from thidua.org.models import Unit
from thidua.reports import figures

pytestmark = pytest.mark.django_db


def _client(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def _busiest_year() -> int:
    """The year the demo decided most provincial awards in."""
    rows = (Award.objects.filter(kind="BK_TINH").annotate(y=ExtractYear("decided_on")).values("y")
            .annotate(n=Count("pk")).order_by("-n"))
    return rows[0]["y"]


def test_the_forms_open_with_their_header_codes_and_figures(demo):
    client, root, year = _client("thuky"), Unit.objects.get(depth=1), _busiest_year()
    page = client.get(reverse("reports:statistics"), {"don-vi": root.pk, "nam": year})
    assert page.status_code == 200
    shown = {f["fig"].layout.slug: f["fig"] for f in page.context["forms"]}
    assert list(shown) == ["0601", "0602", "0603"]
    assert shown["0603"].value("01", 0) > 0  # the demo's province gives Bằng khen every year
    for slug, fig in shown.items():
        book = client.get(reverse("reports:form_xlsx", args=[root.pk, year, slug]))
        ws = openpyxl.load_workbook(io.BytesIO(book.content)).active
        cells = list(ws.iter_rows(values_only=True))
        assert cells[0][0] == f"Biểu số: {fig.layout.number}"
        header = next(i for i, row in enumerate(cells) if row[1] == "Mã số")
        first = 3 if fig.layout.unit_column else 2
        found = {row[1]: list(row[first:first + len(fig.layout.columns)]) for row in cells[header + 2:] if row[1]}
        assert list(found) == [r.code for r in fig.layout.rows if not r.heading]
        assert found == {r.code: counts for r, counts in fig.lines() if counts is not None}
        pdf = client.get(reverse("reports:form_pdf", args=[root.pk, year, slug]))
        text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf.content)).pages)
        assert fig.layout.number in text
        for code in {"0601": ("01", "12"), "0602": ("01", "09"), "0603": ("01", "05")}[slug]:
            row = fig.layout.row(code)
            counts = " ".join(str(fig.value(code, i)) for i in range(len(fig.layout.columns)))
            unit = f" {row.unit}" if row.unit else ""
            assert f"{row.label} {code}{unit} {counts}" in text, (slug, code)


@pytest.mark.parametrize("username", ["canbo_snv"])
def test_a_department_officer_reports_for_their_department_only(demo, username):
    client = _client(username)
    year = _busiest_year()
    page = client.get(reverse("reports:statistics"), {"nam": year})
    unit = page.context["unit"]
    assert unit.code.endswith(".SNV")
    fig = next(f["fig"] for f in page.context["forms"] if f["fig"].layout.slug == "0603")
    user = get_user_model().objects.get(username="thuky")
    assert fig.cells == figures.figures(user, unit, year, fig.layout).cells
    health = Unit.objects.get(code__endswith=".SYT", depth=2)
    assert client.get(reverse("reports:statistics"), {"don-vi": health.pk, "nam": year}).status_code == 404
    assert client.get(reverse("reports:form_xlsx", args=[health.pk, year, "0603"])).status_code == 404
