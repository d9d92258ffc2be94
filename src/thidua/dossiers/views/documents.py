"""A dossier's documents: upload, download (only to whoever sees the dossier), removal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core import once
from thidua.core.errors import ApplicationError
from thidua.core.views_util import int_param
from thidua.dossiers import selectors, services
from thidua.dossiers.models import DossierDocument
from thidua.dossiers.views.common import _attempt, _back, _error, _require


@login_required
@require_POST
def document_add(request, pk: int):
    dossier = selectors.dossier_get_for(request.user, pk)
    _require(request, dossier, "edit")
    item = selectors.item_get_for(request.user, dossier, int_param(request.POST.get("item"))) \
        if request.POST.get("item") else None
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Hãy chọn tệp để tải lên."))
    else:
        try:
            once.submit(request, lambda: services.dossier_document_add(
                actor=request.user, dossier=dossier, kind=request.POST.get("kind", ""), file=upload, item=item,
                note=request.POST.get("note", "")), lands_on=lambda _doc: "",
                success=lambda _doc: _("Đã tải lên «%s».") % upload.name)
        except ApplicationError as exc:
            _error(request, exc)
    if item is not None:
        return redirect("dossiers:item", dossier.pk, item.pk)
    return _back(dossier, "#tai-lieu")


@login_required
def document_file(request, pk: int, doc_pk: int):
    """A document's file, served only to whoever sees the dossier."""
    dossier = selectors.dossier_get_for(request.user, pk)
    doc = get_object_or_404(DossierDocument, pk=doc_pk, dossier=dossier)
    return FileResponse(doc.file.open("rb"), as_attachment=True, filename=doc.name)


@login_required
@require_POST
def document_remove(request, pk: int, doc_pk: int):
    dossier = selectors.dossier_get_for(request.user, pk)
    doc = get_object_or_404(DossierDocument, pk=doc_pk, dossier=dossier)
    _require(request, dossier, "edit")
    _attempt(request, lambda: services.dossier_document_remove(actor=request.user, document=doc),
             _("Đã gỡ «%s».") % doc.name)
    if doc.item_id:
        return redirect("dossiers:item", dossier.pk, doc.item_id)
    return _back(dossier, "#tai-lieu")
