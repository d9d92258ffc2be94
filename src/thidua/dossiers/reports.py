"""Achievement reports written in the system from a template (Decree 152/2025 annex: Mẫu 05
for an individual; the collective merit report), pre-filled with what the ledger knows:
who, where, the ratings and the titles and awards of the achievement period and before.
The officer completes the text; it then stands in for an uploaded report."""

from django.template.loader import render_to_string

from thidua.awards.models import Award
from thidua.catalog.selectors import kind_names
from thidua.dossiers.models import DossierItem
from thidua.people.models import Evaluation


def report_template(item: DossierItem) -> str:
    names = kind_names()
    first = item.period_from - 4  # the ledger of the years before the period shows the path to it
    if item.person_id:
        evaluations = Evaluation.objects.filter(person=item.person_id, year__gte=item.period_from,
                                                year__lte=item.period_to).order_by("year")
        awards = Award.objects.filter(person=item.person_id, revoked=False, year__gte=first).order_by("year", "pk")
        template = "dossiers/reports/individual.txt"
    else:
        evaluations = Evaluation.objects.filter(unit=item.unit_id, person__isnull=True, year__gte=item.period_from,
                                                year__lte=item.period_to).order_by("year")
        awards = Award.objects.filter(unit=item.unit_id, revoked=False, year__gte=first).order_by("year", "pk")
        template = "dossiers/reports/collective.txt"
    rows = [{"year": a.year, "name": names.get(a.kind, a.kind), "number": a.decision_number,
             "is_title": a.is_title} for a in awards]
    return render_to_string(template, {
        "item": item, "person": item.person, "unit": item.unit, "kind": names.get(item.kind, item.kind),
        "evaluations": list(evaluations), "titles": [r for r in rows if r["is_title"]],
        "forms": [r for r in rows if not r["is_title"]],
    }).strip() + "\n"
