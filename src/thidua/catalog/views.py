from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.catalog import selectors, services
from thidua.catalog.forms import ERROR_FIELDS, AwardKindVersionForm
from thidua.catalog.loader import CatalogError
from thidua.catalog.models import AuthorityLevel, KindGroup, SubjectKind
from thidua.core import access
from thidua.core.sectors import SECTOR_NAMES
from thidua.core.views_util import attempt


def _admin_only(request) -> None:
    if not access.is_admin(request.user):
        raise access.PermissionDenied(services.ADMIN_ONLY)


def _labels() -> dict:
    return {"subjects": dict(SubjectKind.choices), "levels": dict(AuthorityLevel.choices),
            "groups": dict(KindGroup.choices), "sectors": SECTOR_NAMES}


@login_required
def kind_list(request):
    _admin_only(request)
    return render(request, "catalog/list.html", {
        "kinds": list(selectors.current_kinds().values()), "salaries": selectors.base_salaries(), **_labels(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def kind_detail(request, code: str):
    _admin_only(request)
    versions = selectors.kind_versions(code)
    if not versions:
        raise Http404
    latest = max(versions, key=lambda v: v.version)
    codes = selectors.all_codes() - {code}
    form = AwardKindVersionForm(request.POST or None, codes=codes, names=selectors.kind_names(),
                                initial=AwardKindVersionForm.initial_from(latest))
    if request.method == "POST" and form.is_valid():
        try:
            done = attempt(request, services.award_kind_new_version, form=form, code=code, data=form.entry_data(),
                           valid_from=form.cleaned_data["valid_from"], reason=form.cleaned_data["reason"])
        except CatalogError as exc:  # the entry's content: its field is the catalog file's name
            field = ERROR_FIELDS.get(exc.field, exc.field)
            form.add_error(field if field in form.fields else None, exc.message)
        else:
            if done:
                messages.success(request, _("Đã tạo phiên bản mới của %s.") % code)
                return redirect("catalog:detail", code)
    return render(request, "catalog/detail.html", {
        "code": code, "versions": versions, "latest": latest, "form": form, **_labels(),
    })
