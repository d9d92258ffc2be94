"""Pages of "Lộ trình khen thưởng" (issue 14): a person's and a unit's path to their next
awards, and the nearest next award of each person of a unit."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from thidua.core import access
from thidua.core.views_util import paginate
from thidua.eligibility import path_selectors
from thidua.org.models import Unit
from thidua.people.models import Evaluation, Person
from thidua.people.selectors import evaluation_year
from thidua.rules.path import HORIZON

PER_PAGE = 50


def _year(request, rated) -> int:
    """The year asked for; else the last year rated; else the one being rated now."""
    raw = request.GET.get("nam", "")
    if raw.isdigit() and 1945 <= int(raw) <= 2100:
        return int(raw)
    return rated.order_by("-year").values_list("year", flat=True).first() or evaluation_year()


def _panel(request, subject, path):
    return render(request, "eligibility/path_panel.html", {
        "path": path, "subject": subject, "panel_url": request.path,
        "projected_from": path.year + 1, "horizon_end": path.year + path.horizon})


@login_required
def person_path(request, pk: int):
    person = access.get(request.user, Person, pk)
    year = _year(request, person.evaluations.all())
    return _panel(request, person, path_selectors.person_path(person, year))


@login_required
def unit_path(request, pk: int):
    unit = access.get(request.user, Unit, pk)
    year = _year(request, unit.evaluations.filter(person__isnull=True))
    return _panel(request, unit, path_selectors.unit_path(unit, year))


@login_required
def unit_people_paths(request, pk: int):
    unit = access.get(request.user, Unit, pk)
    year = _year(request, Evaluation.objects.filter(unit__path__startswith=unit.path, person__isnull=False))
    page = paginate(request, path_selectors.people_in(request.user, unit), PER_PAGE)
    rows = path_selectors.people_paths(list(page.object_list), year)
    ruleset = path_selectors.todays_ruleset()
    return render(request, "eligibility/path_list.html", {
        "unit": unit, "year": year, "rows": rows, "page_obj": page, "ruleset": ruleset,
        "projected_from": year + 1, "horizon": HORIZON})
