import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.views_util import form_error
from thidua.core.xlsx import XLSX_MIME
from thidua.imports import selectors, services
from thidua.imports.forms import PeopleImportForm
from thidua.imports.models import ImportBatch
from thidua.imports.people import MAX_ROWS
from thidua.imports.workbook import build_people_template


def _require_import_right(user) -> None:
    if not selectors.may_import(user):
        raise PermissionDenied(services.NO_IMPORT_RIGHT)


@login_required
@require_http_methods(["GET", "POST"])
def people_import(request):
    _require_import_right(request.user)
    form = PeopleImportForm(request.POST, request.FILES) if request.method == "POST" else PeopleImportForm()
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.people_import_preview(actor=request.user, upload=form.cleaned_data["file"])
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            return redirect("imports:preview", batch.pk)
    return render(request, "imports/people.html", {
        "form": form, "batches": selectors.batches_for(request.user), "max_rows": MAX_ROWS,
    })


@login_required
def template_download(request):
    _require_import_right(request.user)
    content = build_people_template(selectors.import_units_for(request.user), current_year=dt.date.today().year)
    response = HttpResponse(content, content_type=XLSX_MIME)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-ca-nhan-xep-loai.xlsx"'
    return response


@login_required
def preview(request, pk: int):
    batch = selectors.batch_get_for(request.user, pk)
    if batch.status != ImportBatch.Status.PREVIEW:
        return redirect("imports:result", batch.pk)
    return render(request, "imports/preview.html", {"batch": batch, "summary": batch.summary,
                                                    "rows": batch.result.get("preview", [])})


@login_required
@require_POST
def confirm(request, pk: int):
    batch = selectors.batch_get_for(request.user, pk)
    try:
        batch = services.people_import_apply(actor=request.user, batch=batch)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("imports:preview", batch.pk)
    messages.success(request, _("Đã nhập xong %s dòng.") % batch.applied.get("rows", 0))
    return redirect("imports:result", batch.pk)


@login_required
def result(request, pk: int):
    batch = selectors.batch_get_for(request.user, pk)
    if batch.status == ImportBatch.Status.PREVIEW:
        return redirect("imports:preview", batch.pk)
    return render(request, "imports/result.html", {"batch": batch, "applied": batch.applied})
