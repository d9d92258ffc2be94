"""The year-end report page (bao-cao/tong-ket/): the figures of a unit's year on screen,
each linking to the list behind it, and the Word draft to download."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from thidua.awards.ledger import named
from thidua.catalog.models import SubjectKind
from thidua.core.views_util import int_param, paginate
from thidua.printing import word
from thidua.reports import yearend
from thidua.reports.views import unit_and_year


@login_required
def page(request):
    """bao-cao/tong-ket/?don-vi=&nam=: the figures of the unit's year-end report."""
    unit, year = unit_and_year(request.user, int_param(request.GET.get("don-vi")), int_param(request.GET.get("nam")))
    r = yearend.report(request.user, unit, year)
    first, last = r.period
    return render(request, "reports/yearend.html", {"r": r, "unit": unit, "year": year, "first": first, "last": last})


@login_required
def docx(request, unit_pk: int, year: int):
    """The Word draft, from the report template in force at the unit (its own, one above
    it, else the shipped one)."""
    unit, year = unit_and_year(request.user, unit_pk, year)
    r = yearend.report(request.user, unit, year)
    content = word.render_docx("bao_cao", yearend.context(r), authority=unit)
    return word.docx_response(content, yearend.filename(r))


@login_required
def awards(request, unit_pk: int, year: int):
    """The awards behind a figure of the page: ?cap= (level), ma= (title or form),
    doi-tuong= (subject), truc-tiep=1 (individuals working directly)."""
    unit, year = unit_and_year(request.user, unit_pk, year)
    level, kind, subject = request.GET.get("cap", ""), request.GET.get("ma", "")[:32], request.GET.get("doi-tuong", "")
    if (level and level not in yearend.LEVEL_KEYS) or (subject and subject not in SubjectKind.values):
        raise Http404
    direct = request.GET.get("truc-tiep") == "1"
    rows = yearend.awards_listed(request.user, unit, year, kind=kind, subject=subject, level=level, direct=direct)
    page_obj = paginate(request, rows.select_related("person", "unit", "held_unit", "document")
                        .order_by("-decided_on", "-pk"))
    page_obj.object_list = named(page_obj.object_list)
    labels = dict((k, label) for k, label, _codes in yearend.LEVELS)
    return render(request, "reports/yearend_awards.html", {
        "unit": unit, "year": year, "page_obj": page_obj, "level": labels.get(level, ""),
        "kind": yearend.kind_name(kind) if kind else "", "subject": SubjectKind(subject).label if subject else "",
        "direct": direct})
