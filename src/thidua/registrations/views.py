from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.accounts.roles import Perm
from thidua.core import access
from thidua.core.errors import ApplicationError
from thidua.core.views_util import form_error
from thidua.org import selectors as org_selectors
from thidua.people import selectors as people_selectors
from thidua.registrations.forms import RegistrationForm
from thidua.registrations.models import Registration
from thidua.registrations.services import registrable_codes, registration_set


def _year(request) -> int:
    raw = request.GET.get("nam") or request.POST.get("year") or ""
    return int(raw) if str(raw).isdigit() else people_selectors.evaluation_year()


def _form_view(request, *, subject, kind: str, where: dict, back):
    year = _year(request)
    current = list(Registration.objects.filter(year=year, **where).values_list("code", flat=True))
    form = RegistrationForm(request.POST or None, choices=registrable_codes(kind),
                            initial={"year": year, "codes": current})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            registration_set(actor=request.user, year=d["year"], codes=d["codes"],
                             **({"person": subject} if kind == "individual" else {"unit": subject}))
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã lưu đăng ký thi đua năm %s.") % d["year"])
            return back
    return render(request, "registrations/form.html", {"form": form, "subject": subject, "year": year,
                                                       "label": str(subject)})


@login_required
@require_http_methods(["GET", "POST"])
def person_register(request, pk: int):
    person = people_selectors.person_get_for(request.user, pk, for_write=True)
    return _form_view(request, subject=person, kind="individual", where={"person": person},
                      back=redirect("people:detail", person.pk))


@login_required
@require_http_methods(["GET", "POST"])
def unit_register(request, pk: int):
    unit = org_selectors.unit_get_for(request.user, pk)
    access.require(request.user, Perm.EVALUATION_CHANGE, unit)
    return _form_view(request, subject=unit, kind="collective", where={"unit": unit, "person__isnull": True},
                      back=redirect("org:detail", unit.pk))
