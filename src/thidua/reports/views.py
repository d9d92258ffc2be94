"""The statistics pages: the three statutory forms for a chosen unit and year, each
figure linking to the list behind it, and each form as Excel and PDF."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from thidua.awards.ledger import named
from thidua.core import access, xlsx
from thidua.core.roles import Perm
from thidua.core.views_util import int_param, paginate
from thidua.core.years import evaluation_year
from thidua.org.models import Unit
from thidua.reports import documents, figures
from thidua.reports.layouts import SLUGS

FIRST_YEAR, LAST_YEAR = 2000, 2100


def unit_and_year(user, unit_pk, year):
    """The reporting unit USER asked for (404 out of sight, 403 without award.view over
    it) and the year; the user's own top unit and this year when not asked."""
    if unit_pk is None:
        paths = access.prefixes(user, Perm.AWARD_VIEW)
        found = Unit.objects.filter(depth=1) if paths is None else Unit.objects.filter(path__in=paths)
        unit = found.order_by("path").first()
        if unit is None:
            raise Http404
    else:
        unit = access.get(user, Unit, unit_pk, perm=Perm.AWARD_VIEW)
    year = year or evaluation_year()
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    return unit, year


def _form(user, unit, year, slug: str) -> figures.Figures:
    if slug not in SLUGS:
        raise Http404
    return figures.figures(user, unit, year, figures.layout(slug))


@login_required
def statistics(request):
    """thong-ke/?don-vi=&nam=: the three forms of the unit for the year, on screen."""
    unit, year = unit_and_year(request.user, int_param(request.GET.get("don-vi")), int_param(request.GET.get("nam")))
    forms = []
    for layout in figures.all_layouts():
        fig = figures.figures(request.user, unit, year, layout)
        forms.append({"fig": fig, "head": documents.heading(fig), "rows": list(fig.lines())})
    first, last = figures.period(year)
    return render(request, "reports/statistics.html", {
        "unit": unit, "year": year, "forms": forms, "first": first, "last": last,
        "due": figures.due_date(year)})


@login_required
def form_xlsx(request, unit_pk: int, year: int, slug: str):
    unit, year = unit_and_year(request.user, unit_pk, year)
    fig = _form(request.user, unit, year, slug)
    return xlsx.xlsx_download(documents.workbook(fig), documents.filename(fig, "xlsx"))


@login_required
def form_pdf(request, unit_pk: int, year: int, slug: str):
    unit, year = unit_and_year(request.user, unit_pk, year)
    fig = _form(request.user, unit, year, slug)
    response = HttpResponse(documents.pdf(fig), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, documents.filename(fig, "pdf"))
    return response


@login_required
def cell(request, unit_pk: int, year: int, slug: str, row: str, col: int):
    """The awards (or movements) counted in one cell of a form."""
    unit, year = unit_and_year(request.user, unit_pk, year)
    if slug not in SLUGS:
        raise Http404
    layout = figures.layout(slug)
    line = layout.row(row)
    if line is None or line.heading or not 0 <= col < len(layout.columns):
        raise Http404
    if slug == "0601":
        rows = figures.movement_cell(request.user, unit, year, row, col)
    else:
        rows = figures.award_cell(request.user, unit, year, layout, row, col).select_related(
            "person", "unit", "held_unit", "document").order_by("-decided_on", "-pk")
    page_obj = paginate(request, rows)
    if slug != "0601":
        page_obj.object_list = named(page_obj.object_list)
    return render(request, "reports/cell.html", {
        "unit": unit, "year": year, "layout": layout, "row": line, "column": layout.columns[col],
        "page_obj": page_obj, "movements": slug == "0601"})
