"""The charts (bao-cao/bieu-do/): the reports' page with its unit and year picker, the
panel the dashboard loads by htmx, and each chart's table as Excel. Read-only; the unit
is fetched through the scope (404 out of sight) and every figure read through it
(`reports.charts`)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import access
from thidua.core.errors import PermissionDenied
from thidua.core.roles import Perm
from thidua.core.xlsx import xlsx_response
from thidua.org import selectors as org_selectors
from thidua.reports import charts

# How far back the year picker goes.
PICKER_YEARS = 10


def _year(request) -> int:
    """The year asked (`?nam=`), the current one when absent or not a plausible year."""
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("nam", ""))
    except ValueError:
        return this_year
    return year if 1945 <= year <= this_year + 1 else this_year


def _context(request) -> dict:
    user = request.user
    unit = charts.unit_for(user, request.GET.get("don-vi"))
    year = _year(request)
    return {"unit": unit, "year": year, "charts": charts.charts_for(user, unit, year) if unit else []}


@login_required
def charts_page(request):
    """All the charts for a unit and a year the user picks (the top of their sight and
    this year by default)."""
    context = _context(request)
    this_year = timezone.localdate().year
    context.update({"units": org_selectors.unit_choices(request.user, Perm.ORG_VIEW),
                    "years": range(this_year, this_year - PICKER_YEARS, -1)})
    return render(request, "reports/charts.html", context)


@login_required
def charts_panel(request):
    """The charts as a panel (the dashboard loads it by htmx), for the same `?don-vi=` and
    `?nam=` as the page."""
    return render(request, "reports/_charts_panel.html", _context(request))


@login_required
def chart_xlsx(request, key: str):
    """Chart KEY's table as Excel: the same rows and numbers as on the page."""
    user = request.user
    unit = charts.unit_for(user, request.GET.get("don-vi"))
    if unit is None:
        raise Http404
    year = _year(request)
    chart = charts.chart_for(user, unit, year, key)
    if chart is None:
        raise Http404
    if chart.unavailable:
        # The unit is in sight but this figure is not (the fund, for a unit officer).
        raise PermissionDenied(access.REFUSED)
    title = _("%(chart)s — %(unit)s, năm %(year)s") % {"chart": chart.title, "unit": unit.name, "year": year}
    return xlsx_response(f"bieu-do-{key}-{year}.xlsx", title, chart.headers, chart.rows)
