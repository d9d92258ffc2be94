from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.core import access
from thidua.core.roles import Perm
from thidua.core.views_util import attempt, attempt_once, paginate
from thidua.core.xlsx import xlsx_response
from thidua.documents import selectors, services
from thidua.documents.forms import DocumentEditForm, DocumentForm
from thidua.documents.models import Document
from thidua.org import selectors as org_selectors


@login_required
def document_list(request):
    q = request.GET.get("q", "")
    return render(request, "documents/list.html", {
        "page_obj": paginate(request, selectors.document_list(request.user, q)), "q": q,
        "can_add": access.has_any(request.user, Perm.DOCUMENT_CHANGE)})


@login_required
def document_file(request, pk: int):
    """The attached file, served only to users whose scope covers the document."""
    doc = access.get(request.user, Document, pk)
    if not doc.file:
        raise Http404
    return FileResponse(doc.file.open("rb"), as_attachment=True, filename=doc.file.name.rsplit("/", 1)[-1])


@login_required
def document_export(request):
    rows = ((d.number, d.get_kind_display(), d.issued_on, d.issuer, d.summary, d.unit.name)
            for d in selectors.document_list(request.user, request.GET.get("q", "")).iterator(chunk_size=2000))
    headers = [_("Số, ký hiệu"), _("Loại"), _("Ngày ban hành"), _("Cơ quan ban hành"), _("Trích yếu"), _("Đơn vị lưu")]
    return xlsx_response("danh-sach-van-ban.xlsx", _("Danh sách văn bản"), headers, rows)


@login_required
def document_detail(request, pk: int):
    doc = access.get(request.user, Document, pk)
    return render(request, "documents/detail.html", {"doc": doc,
                                                     "can_change": access.can(request.user, Perm.DOCUMENT_CHANGE, doc)})


@login_required
@require_http_methods(["GET", "POST"])
def document_create(request):
    grants = access.prefixes(request.user, Perm.DOCUMENT_CHANGE)
    units = org_selectors.units_for(request.user, Perm.DOCUMENT_CHANGE)
    unit_id = request.GET.get("don-vi") or request.POST.get("don-vi")
    unit = units.filter(pk=unit_id).first() if unit_id and unit_id.isdigit() else None
    if unit is None:
        unit = units.filter(path__in=grants).first() if grants else units.order_by("path").first()
    if unit is None:
        raise access.PermissionDenied(access.REFUSED)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        done = attempt_once(request, services.document_create, form=form, unit=unit, **form.cleaned_data,
                            lands_on=lambda doc: reverse("documents:detail", args=[doc.pk]),
                            success=lambda doc: _("Đã lưu văn bản %s.") % doc.number)
        if done:
            return redirect(done.value.url)
    return render(request, "documents/form.html", {"form": form, "unit": unit, "title": _("Thêm văn bản"),
                                                   "once": True})


@login_required
@require_http_methods(["GET", "POST"])
def document_edit(request, pk: int):
    doc = access.get(request.user, Document, pk, perm=Perm.DOCUMENT_CHANGE)
    initial = {f: getattr(doc, f) for f in ("number", "kind", "issued_on", "issuer", "summary")}
    form = DocumentEditForm(request.POST or None, request.FILES or None, initial=initial, version=doc.version)
    if request.method == "POST" and form.is_valid() and attempt(
            request, services.document_update, form=form, document=doc, **form.cleaned_data):
        messages.success(request, _("Đã lưu văn bản."))
        return redirect("documents:detail", doc.pk)
    return render(request, "documents/form.html", {"form": form, "doc": doc, "title": _("Sửa văn bản")})
