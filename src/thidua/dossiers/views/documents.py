"""A dossier's documents: upload, download (only to whoever sees the dossier), removal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.views_util import attempt, attempt_once, int_param
from thidua.dossiers import services
from thidua.dossiers.models import DossierDocument, DossierItem
from thidua.dossiers.views.common import _back, _child, _dossier, _dossier_child


@login_required
@require_POST
def document_add(request, pk: int):
    dossier = _dossier(request, pk, "edit")
    item_pk = request.POST.get("item")
    item = _child(request, dossier, DossierItem, int_param(item_pk)) if item_pk else None
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Hãy chọn tệp để tải lên."))
    else:
        attempt_once(request, services.dossier_document_add, dossier=dossier, kind=request.POST.get("kind", ""),
                     file=upload, item=item, note=request.POST.get("note", ""), lands_on=lambda _doc: "",
                     success=lambda _doc: _("Đã tải lên «%s».") % upload.name)
    if item is not None:
        return redirect("dossiers:item", dossier.pk, item.pk)
    return _back(dossier, "#tai-lieu")


@login_required
def document_file(request, pk: int, doc_pk: int):
    """A document's file, served only to whoever sees the dossier."""
    doc = _child(request, _dossier(request, pk), DossierDocument, doc_pk)
    return FileResponse(doc.file.open("rb"), as_attachment=True, filename=doc.name)


@login_required
@require_POST
def document_remove(request, pk: int, doc_pk: int):
    dossier, doc = _dossier_child(request, pk, DossierDocument, doc_pk, "edit")
    attempt(request, services.dossier_document_remove, success=_("Đã gỡ «%s».") % doc.name, document=doc)
    if doc.item_id:
        return redirect("dossiers:item", dossier.pk, doc.item_id)
    return _back(dossier, "#tai-lieu")
