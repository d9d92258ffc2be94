"""A dossier's documents: upload and removal, and the file checks the forward shares."""

from django.db import transaction

from thidua.core import access, storage, uploads
from thidua.core.errors import ApplicationError
from thidua.core.roles import Perm
from thidua.core.text import clean_name
from thidua.dossiers import audit_actions as A
from thidua.dossiers.models import FILE_TYPES, Dossier, DossierDocument, DossierItem
from thidua.dossiers.services import common
from thidua.dossiers.services.messages import (
    DOCUMENT_KIND_UNKNOWN,
    DOCUMENT_NEEDS_ITEM,
    DOCUMENT_NOT_ITEM,
    FILE_LABEL,
    NOT_EDITABLE,
)
from thidua.dossiers.workflow import workflow


def _check_file(upload, *, field: str = "file", label=FILE_LABEL) -> None:
    """The common upload check (`core.uploads`): size, type by content, a safe name."""
    uploads.check(upload, field=field, label=label, types=FILE_TYPES)


def _delete_files_on_commit(names: list[str]) -> None:
    from django.core.files.storage import default_storage

    def delete():
        for name in names:
            if name and not DossierDocument.objects.filter(file=name).exists():  # forwarded copies share files
                default_storage.delete(name)

    if names:
        transaction.on_commit(delete)


@transaction.atomic
def dossier_document_add(*, actor, dossier: Dossier, kind: str, file, item: DossierItem | None = None,
                         note: str = "") -> DossierDocument:
    """Upload a document of KIND (a code of the workflow's `documents`) to an editable
    dossier, for ITEM when the kind is per item (in a returned dossier: a returned item)."""
    d = common.lock(dossier)
    access.require(actor, Perm.DOSSIER_CHANGE, d.unit)
    if not d.is_editable:
        raise ApplicationError(NOT_EDITABLE % common.state_label(d.state))
    spec = workflow().documents.get(kind)
    if spec is None:
        raise ApplicationError(DOCUMENT_KIND_UNKNOWN % kind, {"field": "kind"})
    if spec.per_item and item is None:
        raise ApplicationError(DOCUMENT_NEEDS_ITEM % spec.name, {"field": "item"})
    if not spec.per_item and item is not None:
        raise ApplicationError(DOCUMENT_NOT_ITEM % spec.name, {"field": "item"})
    if item is not None:
        item = DossierItem.objects.get(pk=item.pk, dossier=d)
        common.require_item_editable(actor, d, item)
    _check_file(file)
    name = clean_name(file.name.rsplit("/", 1)[-1])[:255]
    doc = DossierDocument(dossier=d, item=item, kind=kind, name=name, size=file.size, note=clean_name(note)[:255],
                          uploaded_by=actor)
    doc.file.save(name, file, save=False)
    with storage.kept_only_with_rows([doc.file]):
        doc.save()
        common.record(actor=actor, action=A.DOSSIER_DOCUMENT_ADD, target=d, unit_path=d.unit.path,
                      after={"document": f"{spec.name}: {name}" + (f" ({item.subject_name})" if item else "")})
    return doc


@transaction.atomic
def dossier_document_remove(*, actor, document: DossierDocument) -> None:
    d = common.lock(document.dossier)
    document = DossierDocument.objects.select_related("item").get(pk=document.pk, dossier=d)
    access.require(actor, Perm.DOSSIER_CHANGE, d.unit)
    if not d.is_editable:
        raise ApplicationError(NOT_EDITABLE % common.state_label(d.state))
    if document.item is not None:
        common.require_item_editable(actor, d, document.item)
    spec = workflow().documents.get(document.kind)
    label, stored = f"{spec.name if spec else document.kind}: {document.name}", document.file.name
    document.delete()
    _delete_files_on_commit([stored])
    common.record(actor=actor, action=A.DOSSIER_DOCUMENT_REMOVE, target=d, unit_path=d.unit.path,
                  before={"document": label}, after={"document": None})
